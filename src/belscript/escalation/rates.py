"""The table of statutory interest rates, per period, as shipped data with a source per row.

``data/escalation/rates.yaml`` holds two schedules: ``statutory`` (art. 6:119 BW, for
consumers) and ``commercial`` (art. 6:119a BW, for businesses). Each period has
``from``, ``until`` (both inclusive), ``rate`` (percent per year) and ``source`` (a
URL). A schedule ends at ``confirmed_until``: the last day whose rate was confirmed
from public sources. Computing interest past it is refused, never guessed.

Periods must follow each other without a gap or an overlap; the loader reports each
such problem at its ``file:line:col``.

Updating: a newer table in ``$BELSCRIPT_HOME/escalation/rates.yaml`` (same format;
copy the shipped file and add rows) is used instead of the shipped one, see
:func:`rates_path` and docs/incasso.md ("Rentetabel bijwerken").
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from belscript.document.diagnostics import Diagnostic


def _rate(value: object) -> object:
    if isinstance(value, str):
        try:
            return Decimal(value.strip().rstrip("%").strip().replace(",", "."))
        except InvalidOperation:
            raise ValueError(f"'{value}' is not a percentage; write for example 12.25") from None
    return value


class RatePeriod(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True, frozen=True, defer_build=True)

    start: date = Field(alias="from")
    until: date
    rate: Decimal = Field(ge=0, le=30, description="Percent per year.")
    source: str = Field(pattern=r"^https://\S+$", description="Where this rate was published (https URL).")

    _r = field_validator("rate", mode="before")(classmethod(lambda cls, v: _rate(v)))

    @model_validator(mode="after")
    def _ordered(self) -> "RatePeriod":
        if self.until < self.start:
            raise ValueError(f"'until' ({self.until}) lies before 'from' ({self.start})")
        return self


class Schedule(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    confirmed_until: date
    periods: list[RatePeriod] = Field(min_length=1)

    @property
    def first_day(self) -> date:
        return self.periods[0].start

    @property
    def last_day(self) -> date:
        return min(self.confirmed_until, self.periods[-1].until)


class RatesTable(BaseModel):
    """Both schedules."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    rates: Literal[1]
    statutory: Schedule
    commercial: Schedule

    _v = field_validator("rates", mode="before")(classmethod(
        lambda cls, v: int(v) if isinstance(v, str) and v.strip().isdigit() else v))


@dataclass(frozen=True)
class Loaded:
    table: RatesTable
    path: Path


def shipped_rates_path() -> Path:
    return Path(__file__).resolve().parent.parent / "data" / "escalation" / "rates.yaml"


def rates_path(home: str | os.PathLike) -> Path:
    """The owner's updated table (``HOME/escalation/rates.yaml``) when there is one, else the shipped table.

    ``home`` is belscript's data folder (``journal.paths.home_dir()``), passed in so the
    domain never reaches for the disk layout itself.
    """
    own = Path(home) / "escalation" / "rates.yaml"
    return own if own.is_file() else shipped_rates_path()


def load_rates(path: str | os.PathLike | None = None) -> RatesTable:
    """Load and check a rates table; raise :class:`InvalidDocument` with every problem."""
    from belscript.document.yamlsafe import load_checked

    return load_checked(Path(path) if path is not None else shipped_rates_path(), check_rates)


def check_rates(raw: object, source, where: str) -> tuple[RatesTable | None, list[Diagnostic]]:
    """Validate parsed YAML as a rates table; gaps and overlaps are errors at their row."""
    from belscript.document.kind import shape_problem
    from belscript.document.pydantic_errors import pydantic_diagnostics

    problem = shape_problem(raw, "rates", where, source)
    if problem is not None:
        return None, [problem]
    try:
        table = RatesTable.model_validate(raw)
    except ValidationError as exc:
        return None, pydantic_diagnostics(exc, source, where, RatesTable)
    problems: list[Diagnostic] = []
    for name in ("statutory", "commercial"):
        schedule: Schedule = getattr(table, name)
        for i in range(1, len(schedule.periods)):
            before, this = schedule.periods[i - 1], schedule.periods[i]
            expected = before.until + timedelta(days=1)
            if this.start == expected:
                continue
            line, col = source.value_pos((name, "periods", i, "from"))
            if this.start > expected:
                msg = (f"gap in the {name} rates: nothing covers {expected} to {this.start - timedelta(days=1)}; "
                       f"every period must start the day after the previous one ends")
                code = "rates-gap"
            else:
                msg = (f"overlap in the {name} rates: this period starts on {this.start}, but the previous one "
                       f"runs until {before.until}")
                code = "rates-overlap"
            problems.append(Diagnostic(where, line, col, "error", msg, code))
        if schedule.confirmed_until > schedule.periods[-1].until:
            line, col = source.value_pos((name, "confirmed_until"))
            problems.append(Diagnostic(where, line, col, "error",
                                       f"confirmed_until ({schedule.confirmed_until}) lies after the last period "
                                       f"({schedule.periods[-1].until})", "rates-gap"))
    if problems:
        return None, problems
    return table, []

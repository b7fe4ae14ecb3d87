"""The single source of "now".

Everything that depends on the current time (resolving "vrijdag", golden calling
hours, follow-up moments) asks a :class:`Clock`. Tests pass a fixed clock; whole
program runs can fix it with ``BELSCRIPT_NOW`` (ISO 8601, e.g. ``2026-11-23T10:15``).
"""

from __future__ import annotations

import os
from datetime import date, datetime

from belscript.errors import UsageError

ENV_VAR = "BELSCRIPT_NOW"
#: The years ``BELSCRIPT_NOW`` may name (date arithmetic needs room on both sides).
MIN_YEAR, MAX_YEAR = 1900, 9000


class Clock:
    """The real wall clock, in local time (naive datetimes, as a caller reads them)."""

    def now(self) -> datetime:
        return datetime.now().replace(microsecond=0)

    def today(self) -> date:
        return self.now().date()


class FixedClock(Clock):
    """A clock that always says the same moment; it can be moved forward by hand."""

    def __init__(self, moment: datetime) -> None:
        self.moment = moment

    def now(self) -> datetime:
        return self.moment

    def advance(self, **delta: float) -> None:
        from datetime import timedelta

        self.moment = self.moment + timedelta(**delta)


def clock_from_env(environ: dict[str, str] | None = None) -> Clock:
    """Return a fixed clock when ``BELSCRIPT_NOW`` is set, the wall clock otherwise."""
    env = os.environ if environ is None else environ
    raw = env.get(ENV_VAR, "").strip()
    if not raw:
        return Clock()
    try:
        moment = datetime.fromisoformat(raw)
    except ValueError:
        raise UsageError(
            f"{ENV_VAR}={raw!r} is not an ISO 8601 moment",
            hint="Use for example BELSCRIPT_NOW=2026-11-23T10:15",
        ) from None
    # Far-off years overflow as soon as the call plans a follow-up a few days ahead.
    try:
        if moment.tzinfo is not None:
            moment = moment.astimezone().replace(tzinfo=None)
    except (OverflowError, ValueError):
        moment = None
    if moment is None or not MIN_YEAR <= moment.year <= MAX_YEAR:
        raise UsageError(
            f"{ENV_VAR}={raw!r} is too far from today; use a moment between {MIN_YEAR} and {MAX_YEAR}",
            hint="Use for example BELSCRIPT_NOW=2026-11-23T10:15",
        )
    return FixedClock(moment)

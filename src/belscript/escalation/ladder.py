"""The escalation ladder of a business: which steps, in which order, after how many days.

A small YAML file, validated like every belscript document (safe loader, pydantic,
``file:line:col`` diagnostics)::

    ladder: 1
    after_broken_promise_days: 0   # next step this many days after a broken promise
    after_refusal_days: 0          # ... or after the customer refused to pay
    steps:
      - step: herinnering
        wait_days: 1               # days after the due date (first step) or the previous step
      - step: veertiendagenbrief
        wait_days: 7
        customers: consument       # only for consumers

The step names are fixed (:data:`STEPS`) because the law attaches rules to them, and
they must appear in the legal order. For consumers a ladder that charges costs
(``ingebrekestelling`` or ``uit_handen``) must have a ``veertiendagenbrief`` before it
(art. 6:96 lid 6 BW). The default ladder ships in ``data/escalation/ladder.yaml``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from belscript.document.diagnostics import Diagnostic, did_you_mean
from belscript.escalation.facts import CustomerKind


@dataclass(frozen=True)
class StepKind:
    """What the law and the product know about one kind of step."""

    label: str
    action: Literal["brief", "gesprek", "overdracht"]
    charges_costs: bool = False
    consumers_only: bool = False


#: The known steps, in their legal order.
STEPS: dict[str, StepKind] = {
    "herinnering": StepKind("herinnering", "brief"),
    "telefoongesprek": StepKind("telefoongesprek", "gesprek"),
    "aanmaning": StepKind("aanmaning", "brief"),
    "veertiendagenbrief": StepKind("veertiendagenbrief", "brief", consumers_only=True),
    "ingebrekestelling": StepKind("ingebrekestelling (sommatie)", "brief", charges_costs=True),
    "uit_handen": StepKind("uit handen geven (incassobureau of deurwaarder)", "overdracht", charges_costs=True),
}
ORDER = list(STEPS)


def _int(value: object) -> object:
    # the safe loader keeps every scalar as text
    return int(value) if isinstance(value, str) and value.strip().isdigit() else value


class LadderStep(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)

    step: str = Field(description="One of: " + ", ".join(ORDER))
    wait_days: int = Field(ge=0, le=365, description="Days after the due date (first step) or after the previous step.")
    customers: Literal["alle", "consument", "zakelijk"] = Field(default="alle", description="Who gets this step.")

    _as_int = field_validator("wait_days", mode="before")(classmethod(lambda cls, v: _int(v)))

    @property
    def kind(self) -> StepKind:
        return STEPS[self.step]

    @property
    def label(self) -> str:
        return self.kind.label

    def applies_to(self, kind: CustomerKind) -> bool:
        if self.kind.consumers_only and kind is not CustomerKind.consumer:
            return False
        return self.customers == "alle" or self.customers == kind.value


class Ladder(BaseModel):
    """A business's escalation ladder."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    ladder: Literal[1] = Field(description="Format version; always 1.")
    after_broken_promise_days: int = Field(default=0, ge=0, le=60)
    after_refusal_days: int = Field(default=0, ge=0, le=60)
    steps: list[LadderStep] = Field(min_length=1)

    _v = field_validator("ladder", "after_broken_promise_days", "after_refusal_days", mode="before")(
        classmethod(lambda cls, v: _int(v)))

    def steps_for(self, kind: CustomerKind) -> list[LadderStep]:
        """The steps a customer of this kind goes through, in order."""
        return [s for s in self.steps if s.applies_to(kind)]

    def has(self, step: str, kind: CustomerKind) -> bool:
        """Whether this ladder has ``step`` for this kind of customer (scripts announce only those)."""
        return any(s.step == step for s in self.steps_for(kind))


def default_ladder_path() -> Path:
    return Path(__file__).resolve().parent.parent / "data" / "escalation" / "ladder.yaml"


def load_ladder(path: str | os.PathLike | None = None) -> Ladder:
    """Load and validate a ladder (the shipped default when ``path`` is None)."""
    from belscript.document.yamlsafe import load_checked

    return load_checked(Path(path) if path is not None else default_ladder_path(), check_ladder)


def check_ladder(raw: object, source, where: str) -> tuple[Ladder | None, list[Diagnostic]]:
    """Validate parsed YAML as a ladder: ``(ladder or None, every diagnostic)``."""
    from belscript.document.kind import shape_problem
    from belscript.document.pydantic_errors import pydantic_diagnostics

    problem = shape_problem(raw, "ladder", where, source)
    if problem is not None:
        return None, [problem]
    problems = _name_and_order_problems(raw, source, where)
    if problems:
        return None, problems
    try:
        ladder = Ladder.model_validate(raw)
    except ValidationError as exc:
        return None, pydantic_diagnostics(exc, source, where, Ladder)
    return ladder, []


def _name_and_order_problems(raw: dict, source, where: str) -> list[Diagnostic]:
    steps = raw.get("steps")
    if not isinstance(steps, list):
        return []
    out: list[Diagnostic] = []
    seen: list[tuple[str, int, str]] = []  # (name, index in file, customers)
    for i, item in enumerate(steps):
        name = item.get("step") if isinstance(item, dict) else None
        if not isinstance(name, str):
            continue
        line, col = source.value_pos(("steps", i, "step"))
        if name not in STEPS:
            out.append(Diagnostic(where, line, col, "error", f"unknown step '{name}'{did_you_mean(name, ORDER)}"
                                  f" (known steps, in order: {', '.join(ORDER)})", "unknown-step"))
            continue
        if any(s[0] == name for s in seen):
            out.append(Diagnostic(where, line, col, "error", f"step '{name}' appears twice", "duplicate-step"))
            continue
        if seen and ORDER.index(name) < ORDER.index(seen[-1][0]):
            out.append(Diagnostic(where, line, col, "error",
                                  f"step '{name}' comes before '{seen[-1][0]}' in the legal order "
                                  f"({' → '.join(ORDER)})", "step-order"))
        customers = item.get("customers", "alle") if isinstance(item, dict) else "alle"
        if name == "veertiendagenbrief" and customers == "zakelijk":
            out.append(Diagnostic(where, line, col, "error",
                                  "the veertiendagenbrief is for consumers (art. 6:96 lid 6 BW); "
                                  "'customers: zakelijk' would never send it", "invalid-value"))
        seen.append((name, i, customers))
    names = [s[0] for s in seen]
    for name, i, customers in seen:
        if STEPS[name].charges_costs and customers != "zakelijk" and "veertiendagenbrief" not in names:
            line, col = source.value_pos(("steps", i, "step"))
            out.append(Diagnostic(where, line, col, "error",
                                  f"step '{name}' charges collection costs, which a consumer owes only after a "
                                  "veertiendagenbrief (art. 6:96 lid 6 BW): add 'veertiendagenbrief' before it, "
                                  "or limit this step with 'customers: zakelijk'", "missing-fourteen-day-letter"))
            break
    return out

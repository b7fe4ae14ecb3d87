"""What the call list and the scripts say about the ladder, in Dutch words.

Two small pure functions over the ladder and a customer's facts:

* :func:`step_words`: the due step and why, short enough for one line of the call list
  ("toezegging gebroken op 1 december; aanmaning staat klaar"). When a promise was
  broken or the customer refused, that event is the reason and the older history is
  left out; otherwise the last step taken (or the due date) is said first;
* :func:`step_after_call`: the written step that follows a collection call on this
  ladder for this kind of customer (the step a script announces on the phone and the
  confirmation e-mail repeats), with :func:`announced_steps` listing the step names a
  script may announce at all.
"""

from __future__ import annotations

from datetime import date

from belscript.escalation.decide import next_step
from belscript.escalation.facts import CustomerFacts, CustomerKind
from belscript.escalation.ladder import STEPS, Ladder, LadderStep

_EVENTS = ("toezegging gebroken", "betaling geweigerd")


def step_words(ladder: Ladder, facts: CustomerFacts, today: date) -> str:
    """The due (or next) step for one customer and why, as the call list shows it."""
    decision = next_step(ladder, facts, today)
    reasons = list(decision.reasons)
    if any(r.startswith(_EVENTS) for r in reasons):
        reasons = [r for r in reasons if not _is_history(r)]
    return "; ".join(reasons)


def _is_history(reason: str) -> bool:
    """"vervallen op 3 november" or "herinnering op 10 november": context, not the reason."""
    if reason.startswith("vervallen op "):
        return True
    return any(reason.startswith(f"{name.replace('_', ' ')} op ") for name in STEPS)


def step_after_call(ladder: Ladder, kind: CustomerKind) -> LadderStep | None:
    """The first written step after the collection call for this kind of customer (None: none left)."""
    steps = ladder.steps_for(kind)
    names = [s.step for s in steps]
    start = names.index("telefoongesprek") + 1 if "telefoongesprek" in names else 0
    for step in steps[start:]:
        if step.kind.action in ("brief", "overdracht"):
            return step
    return None


def announced_steps(ladder: Ladder) -> set[str]:
    """Every step name of the ladder, for any kind of customer: what a script may announce."""
    return {s.step for kind in CustomerKind for s in ladder.steps_for(kind)}

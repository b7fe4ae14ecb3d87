"""What the call list and the scripts say about the ladder, in Dutch words.

Two small pure functions over the ladder and a customer's facts:

* :func:`step_words`: the due step and why, short enough for one line of the call list
  ("toezegging gebroken op 1 december; aanmaning staat klaar"). When a promise was
  broken or the customer refused, that event is the reason and the older history is
  left out; otherwise the last step taken (or the due date) is said first;
* :func:`step_after_call`: the written step that follows a collection call on this
  ladder for this kind of customer (the step a script announces on the phone and the
  confirmation e-mail repeats), with :func:`announced_steps` listing the step names a
  script may announce at all; :func:`steps_announced_in` / :func:`unannounceable_steps`
  find the steps a script's text announces, so a check can refuse a script that
  announces a step the ladder does not have.
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


#: Words in a script's text that announce a ladder step.
_ANNOUNCING = {
    "herinnering": r"\bherinnering\b",
    "aanmaning": r"\b(?:laatste )?aanmaning\b",
    "veertiendagenbrief": r"\bveertiendagenbrief\b",
    "ingebrekestelling": r"\bingebrekestelling\b|\bsommatie\b",
    "uit_handen": r"\bincassobureau\b|\bdeurwaarder\b|\buit handen\b",
}


def steps_announced_in(text: str) -> set[str]:
    """The ladder steps a piece of script text names ("wij sturen u een aanmaning" → aanmaning)."""
    import re

    low = text.lower()
    return {step for step, pattern in _ANNOUNCING.items() if re.search(pattern, low)}


def unannounceable_steps(text: str, ladder: Ladder) -> set[str]:
    """Steps ``text`` announces that this ladder does not have: a script must not promise them."""
    return steps_announced_in(text) - announced_steps(ladder)


def step_after_call_words(ladder: Ladder, kind: CustomerKind | None = None) -> str | None:
    """The written step after a call in words ("een aanmaning"), for the confirmation e-mail.

    Without ``kind`` (a customer file does not say) the step is named when it is the same
    for businesses and consumers, else both are named with who gets which.
    """
    kinds = [kind] if kind is not None else list(CustomerKind)
    steps = {k: step_after_call(ladder, k) for k in kinds}
    names = {s.step for s in steps.values() if s is not None}
    if not names:
        return None
    if len(names) == 1:
        return _article(next(s for s in steps.values() if s is not None))
    return " of ".join(f"{_article(s)} ({'zakelijke klanten' if k is CustomerKind.business else 'consumenten'})"
                       for k, s in steps.items() if s is not None)


def _article(step: LadderStep) -> str:
    if step.kind.action == "overdracht":
        return "de overdracht van de vordering aan een incassobureau"
    return f"een {step.kind.label}"

"""Which ladder step is due for a customer today, and why, in Dutch.

A pure function of the ladder, the customer's facts and today:

1. nothing open: no step;
2. not yet overdue: no step, with the first due date;
3. an open promise whose date has not passed: wait for it (the next step is shown);
4. otherwise the step after the last step taken is due ``wait_days`` after that step
   (or after the oldest open due date when nothing was done yet); a promise broken or
   a refusal since then brings it forward to ``after_broken_promise_days`` /
   ``after_refusal_days`` after that moment;
5. for a consumer, a step that charges costs is never due before the fourteen days of
   the veertiendagenbrief have passed (art. 6:96 lid 6 BW; :mod:`.deadlines`), and is
   *blocked* while no veertiendagenbrief was sent.

The reason reads like the call list shows it: "toezegging gebroken op 1 december;
aanmaning staat klaar".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from belscript.escalation.deadlines import fourteen_day_deadline
from belscript.escalation.facts import CustomerFacts, CustomerKind, check_facts, day_words
from belscript.escalation.ladder import Ladder, LadderStep
from belscript.money import format_amount


@dataclass(frozen=True)
class Decision:
    """The next step for one customer: which, from when, whether it is due today, and why."""

    step: LadderStep | None
    due_on: date | None
    ready: bool
    reasons: tuple[str, ...]
    blocked: bool = False

    @property
    def reason(self) -> str:
        return "; ".join(self.reasons)


def _ready_words(step: LadderStep) -> str:
    if step.kind.action == "gesprek":
        return "nu bellen"
    if step.kind.action == "overdracht":
        return "uit handen geven aan een incassobureau of deurwaarder staat klaar"
    return f"{step.step} staat klaar"


def next_step(ladder: Ladder, facts: CustomerFacts, today: date) -> Decision:
    """The step that is due (or next) for this customer on ``today``; see the module docstring."""
    check_facts(facts, today)
    open_invoices = facts.open_invoices
    if not open_invoices:
        return Decision(None, None, False, ("alles is betaald; geen stap nodig",))
    first_due = open_invoices[0].due_date
    if today <= first_due:
        return Decision(None, first_due + timedelta(days=1), False,
                        (f"nog niet vervallen: de eerste factuur vervalt op {day_words(first_due, year=False)}",))

    steps = ladder.steps_for(facts.kind)
    names = [s.step for s in steps]
    taken = [(names.index(d.step), d.on) for d in facts.done if d.step in names]
    last_index, last_on = max(taken) if taken else (-1, first_due)
    reasons: list[str] = []
    if last_index >= 0:
        reasons.append(f"{steps[last_index].step.replace('_', ' ')} op {day_words(last_on, year=False)}")
    else:
        reasons.append(f"vervallen op {day_words(first_due, year=False)}")
    if last_index + 1 >= len(steps):
        return Decision(None, None, False, tuple(reasons + ["alle stappen van de ladder zijn gezet"]))
    step = steps[last_index + 1]
    due_on = last_on + timedelta(days=step.wait_days)

    waiting = [p for p in facts.promises if p.kept is None and p.pay_by >= today]
    if waiting:
        p = max(waiting, key=lambda p: p.pay_by)
        return Decision(step, p.pay_by + timedelta(days=1), False, tuple(
            [f"toezegging: {format_amount(p.amount)} uiterlijk op {day_words(p.pay_by, year=False)}",
             f"daarna: {step.step.replace('_', ' ')}"]))

    broken = [p for p in facts.promises if p.broken_by(today) and p.pay_by >= last_on]
    if broken:
        p = max(broken, key=lambda p: p.pay_by)
        reasons.append(f"toezegging gebroken op {day_words(p.pay_by, year=False)}")
        due_on = min(due_on, p.pay_by + timedelta(days=1 + ladder.after_broken_promise_days))
    refused = [r for r in facts.refusals if r >= last_on]
    if refused:
        r = max(refused)
        reasons.append(f"betaling geweigerd op {day_words(r, year=False)}")
        due_on = min(due_on, r + timedelta(days=ladder.after_refusal_days))

    if facts.kind is CustomerKind.consumer and step.kind.charges_costs:
        letter = facts.last_done("veertiendagenbrief")
        if letter is None:
            return Decision(step, None, False, tuple(reasons + [
                f"{step.step.replace('_', ' ')} kan pas na een veertiendagenbrief (art. 6:96 lid 6 BW)"]), blocked=True)
        deadline = fourteen_day_deadline(letter)
        if due_on <= deadline:
            due_on = deadline + timedelta(days=1)
            if today <= deadline:
                reasons.append(f"de veertien dagen lopen tot en met {day_words(deadline, year=False)}")

    if today >= due_on:
        reasons.append(_ready_words(step))
        return Decision(step, due_on, True, tuple(reasons))
    reasons.append(f"{step.step.replace('_', ' ')} op {day_words(due_on, year=False)}")
    return Decision(step, due_on, False, tuple(reasons))

"""Escalation after an unpaid invoice, by Dutch law: the ladder, the amounts, the letters.

No database and no screen: the store and the call list build :class:`CustomerFacts`
and call these functions.

Public API:

* facts: :class:`CustomerFacts`, :class:`CustomerKind`, :class:`OpenInvoice`,
  :class:`StepDone`, :class:`Promise`, :class:`Party`, :class:`CallRecord`;
* the ladder: :func:`load_ladder` (default ``data/escalation/ladder.yaml``),
  :func:`check_ladder` (diagnostics for ``belscript validate``), :class:`Ladder`;
* the decision: :func:`next_step` → :class:`Decision` (``step``, ``due_on``,
  ``ready``, ``blocked``, ``reason`` in Dutch);
* deadlines: :func:`assumed_receipt`, :func:`fourteen_day_deadline`;
* amounts: :func:`collection_costs` (BIK scale), :func:`statutory_interest`
  (art. 6:119 / 6:119a BW) with :func:`load_rates` / :func:`rates_path`; each returns a
  :class:`Computation` with its lines in Dutch;
* letters: :func:`build_letter` → :class:`Letter`; :func:`letter_eml`, :func:`letter_pdf`;
* handover: :class:`Handover`, :func:`handover_csv`, :func:`handover_pdf`;
* words: :func:`step_words` (the call list's "toezegging gebroken op 1 december;
  aanmaning staat klaar"), :func:`step_after_call` / :func:`step_after_call_words`
  (what a script announces and the e-mail repeats), :func:`unannounceable_steps`.

Every refusal is an :class:`~belscript.errors.EscalationError` with a Dutch message.
The rules, with the articles, are explained for owners in ``docs/incasso.md``.
"""

from belscript.escalation.announce import (
    announced_steps,
    step_after_call,
    step_after_call_words,
    step_words,
    steps_announced_in,
    unannounceable_steps,
)
from belscript.escalation.computation import Computation, Line
from belscript.escalation.costs import collection_costs
from belscript.escalation.deadlines import assumed_receipt, fourteen_day_deadline
from belscript.escalation.decide import Decision, next_step
from belscript.escalation.facts import (
    CallRecord,
    CustomerFacts,
    CustomerKind,
    OpenInvoice,
    Party,
    Promise,
    StepDone,
    check_facts,
)
from belscript.escalation.handover import Handover, handover_csv, handover_pdf
from belscript.escalation.interest import statutory_interest
from belscript.escalation.ladder import Ladder, check_ladder, load_ladder
from belscript.escalation.letters import KINDS as LETTER_KINDS, Letter, build_letter
from belscript.escalation.rates import RatesTable, check_rates, load_rates, rates_path
from belscript.escalation.render import letter_eml, letter_pdf

__all__ = [
    "CallRecord", "Computation", "CustomerFacts", "CustomerKind", "Decision", "Handover", "LETTER_KINDS",
    "Ladder", "Letter", "Line", "OpenInvoice", "Party", "Promise", "RatesTable", "StepDone",
    "assumed_receipt", "build_letter", "check_facts", "check_ladder", "check_rates", "collection_costs",
    "fourteen_day_deadline", "handover_csv", "handover_pdf", "letter_eml", "letter_pdf", "load_ladder",
    "load_rates", "next_step", "rates_path", "statutory_interest",
    "announced_steps", "step_after_call", "step_after_call_words", "step_words", "steps_announced_in",
    "unannounceable_steps",
]

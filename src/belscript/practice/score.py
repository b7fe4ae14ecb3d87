"""The honest score of a practice session: yes/no checks tied to the source texts.

Every check says which moment in the transcript decided it, so the trainee can see
*why*. Ending without a concrete agreement or a recorded no-agreement outcome fails
the session whatever the other checks say, because that is the one thing the source
texts insist on most ("Beëindig het gesprek niet vóórdat er concrete afspraken zijn").
Breaking a session off counts as such an ending: an abort is no outcome.

The rubric (:data:`RUBRIC`) is data in :mod:`~belscript.practice.rubric`, so the manual and
the report cannot drift apart; each check is one method of
:class:`~belscript.practice.checks.Scoring`, run here in rubric order.
"""

from __future__ import annotations

from datetime import date

from belscript.practice.checks import Scoring, SessionFacts
from belscript.practice.rubric import PRIORITY, RUBRIC, TOP, Check, Report, Rule, score_lines

__all__ = ["PRIORITY", "RUBRIC", "TOP", "Check", "Report", "Rule", "SessionFacts", "describe_hidden", "score",
           "score_lines"]

#: The checks in rubric order (the excuse check adds nothing when no excuse was raised).
_CHECKS = (Scoring.prepared, Scoring.purpose, Scoring.open_questions, Scoring.proposal_first, Scoring.phrasing,
           Scoring.excuses, Scoring.agreement, Scoring.recap, Scoring.confirmation)


def score(facts: SessionFacts) -> Report:
    """Score a session from what happened, in rubric order."""
    from belscript.agreement.model import Agreement, NoAgreement

    scoring = Scoring(facts)
    for check in _CHECKS:
        check(scoring)
    script = facts.script
    failed = facts.aborted or not isinstance(facts.outcome, (Agreement, NoAgreement))
    reason = None
    if failed:
        reason = ("de oefening is afgebroken zonder concrete afspraak en zonder vastgelegde uitkomst"
                  if facts.aborted else
                  "het gesprek is beëindigd zonder concrete afspraak en zonder vastgelegde ‘geen afspraak’")
    raised = scoring.raised
    return Report(
        checks=scoring.checks, failed_session=failed, fail_reason=reason,
        persona=facts.persona.name, persona_title=facts.persona.title, script=script.name, seed=facts.seed,
        excuses_raised=raised, excuses_practised=[e for e in scoring.handled if e in script.excuses],
        excuse_labels={e: script.excuses[e].label for e in raised},
        hidden=describe_hidden(facts.persona, facts.today, speaker=facts.speaker, payer=facts.payer,
                               amount_due=getattr(facts.dossier, "total_due", None)),
    )


def describe_hidden(persona, today: date, *, speaker: str | None = None, payer: str | None = None,
                    amount_due=None) -> str:
    """The customer's hidden limits in Dutch, revealed in the report."""
    from datetime import timedelta

    from belscript.agreement.dates import say_date

    h = persona.hidden
    if not h.is_payer:
        who = payer or h.payer_name or "een collega"
        return (f"{speaker or persona.speaker} gaat niet over betalingen; {who} is er vanaf "
                f"{say_date(today + timedelta(days=h.payer_back_days))} weer. Een terugbelafspraak was het doel.")
    from belscript.money import format_amount
    from belscript.practice.customer_offers import CORRECTION_DAYS, disputed_amount, first_paying_day

    earliest = say_date(first_paying_day(today, h.earliest_days))
    if h.disputed_share and amount_due is not None:
        disputed = disputed_amount(amount_due, h.disputed_share)
        text = (f"het deel zonder discussie ({format_amount(amount_due - disputed)}) betalen vanaf {earliest}; "
                f"het betwiste deel ({format_amount(disputed)}) pas na uw controle, vanaf "
                f"{say_date(first_paying_day(today, CORRECTION_DAYS))}")
    elif h.disputed_share:
        text = (f"het deel zonder discussie betalen vanaf {earliest}; het betwiste deel ({h.disputed_share}%) "
                f"pas na uw controle, vanaf {say_date(first_paying_day(today, CORRECTION_DAYS))}")
    elif h.pays_in_full:
        text = f"het hele bedrag betalen vanaf {earliest}"
    else:
        text = (f"niet in één keer betalen, wel in {h.max_instalments} termijnen met een eerste termijn van "
                f"hoogstens {h.first_instalment_share}% vanaf {earliest}")
    if h.believes_paid:
        text = ("de klant dacht dat er al betaald was, maar de betaling was nooit verstuurd; na uw controle kon de "
                "klant " + text)
    if not h.decides_alone:
        who = payer or h.payer_name or "een collega"
        text += (f"; zonder overleg met {who} zei de klant niets toe: terugbellen kon vanaf "
                 f"{say_date(today + timedelta(days=h.payer_back_days))}")
    if not h.proposes_first:
        text += "; zelf een voorstel doen deed de klant niet"
    if h.vague_answers:
        text += f"; de klant bleef {h.vague_answers} keer vaag voordat er een datum kwam"
    return text + "."

"""The recap the caller reads back before hanging up.

It is said aloud, so amounts and dates are in their spoken form (``€ 2.450``,
``vrijdag 27 november``, the year only when it is not this year); the e-mail and the
other written documents keep the exact written forms.

The seeds: repeat the agreements at the end of the call so the customer can still
correct them, say what happens if the promise is not kept, and announce the written
confirmation by e-mail (sent within half an hour). The recap speaks to the customer in
the customer file's form of address (``u`` or ``je``), like the script's own lines.
"""

from __future__ import annotations

from belscript.agreement.model import Agreement, NoAgreement, NoAgreementReason
from belscript.followup.facts import AfterCall
from belscript.followup.wording import (
    customer_promise,
    if_broken_text,
    invoices_phrase,
    is_confirmation_todo,
    no_agreement_reason,
    say_moment_as,
    you,
)

#: Outcomes where nobody who can pay was on the line, so there is nothing to read back.
NOBODY_TO_TELL = frozenset({NoAgreementReason.hung_up, NoAgreementReason.not_reachable, NoAgreementReason.wrong_person})


def recap_lines(after: AfterCall) -> list[str]:
    """The recap as separate lines (a list item starts with ``- ``)."""
    if isinstance(after.outcome, Agreement):
        return _agreement_recap(after, after.outcome)
    return _no_agreement_recap(after, after.outcome)


def recap_text(after: AfterCall) -> str:
    """The recap as one text, ready to show on screen."""
    return "\n".join(recap_lines(after))


def _email_to(after: AfterCall) -> str:
    d = after.dossier
    return (d.contact.email if d.contact and d.contact.email else d.customer.email) or ""


def _our_actions(after: AfterCall) -> list[str]:
    todos = [a for a in after.our_actions if not is_confirmation_todo(a)]
    if not todos:
        return []
    return ["Wat wij doen:"] + [f"- {a}" for a in todos]


def _confirmation_line(after: AfterCall) -> str:
    email = _email_to(after)
    to = f" naar {email}" if email else ""
    return f"Ik bevestig dit vandaag nog per e-mail{to}, binnen een half uur."


def _agreement_recap(after: AfterCall, agreement: Agreement) -> list[str]:
    # Read aloud to the person on the line, so no name here: "…afgesproken, Ingrid van
    # Dijk;" sounds like a roll call, and "mevrouw"/"meneer" would assume a gender.
    # Who agreed is in the confirmation e-mail and the call log.
    form = after.dossier.customer.address_form
    lines = ["Ik herhaal even wat we hebben afgesproken, zodat "
             f"{you(form)('u meteen kunt', 'je meteen kunt')} zeggen of het klopt."]
    today = after.now.date()
    lines += customer_promise(agreement, after.dossier.customer.name, spoken=today, form=form)
    if agreement.callback:
        lines.append(f"Ik bel {agreement.callback.person} op {say_moment_as(agreement.callback.at, today)} terug.")
    lines.append(f"Het gaat om {invoices_phrase(after.dossier)}.")
    lines += _our_actions(after)
    if agreement.payments:
        lines.append(if_broken_text(agreement, after.if_broken, form))
    lines.append(_confirmation_line(after))
    lines.append("Klopt dit zo?")
    return lines


def _no_agreement_recap(after: AfterCall, outcome: NoAgreement) -> list[str]:
    moment = say_moment_as(outcome.follow_up, after.now.date())
    if outcome.reason in NOBODY_TO_TELL:
        return [
            f"Geen samenvatting voor de klant: {no_agreement_reason(outcome)}.",
            f"Volgende poging: {moment}.",
        ]
    lines = [
        f"Ik vat even samen: we hebben vandaag nog geen afspraak kunnen maken over {invoices_phrase(after.dossier)}.",
        f"Ik neem op {moment} opnieuw contact met {you(after.dossier.customer.address_form)('u', 'je')} op.",
    ]
    lines += _our_actions(after)
    lines.append(_confirmation_line(after))
    return lines

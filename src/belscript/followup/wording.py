"""Dutch wording shared by the recap, the e-mail, the calendar file and the log.

Everything addressed to the customer follows the customer file's form of address
(``aanspreekvorm: u|je``): :func:`you` picks the polite or the first-name wording,
and text from the script (its conditions and what happens if a promise is broken)
may hold both forms as ``{u-form|je-form}``, as its spoken lines do.

Dates are said the way the agreement screen says them (``vrijdag 27 november
2026``), through :mod:`belscript.agreement.dates`, so what the caller heard during
the call is exactly what the customer reads in the confirmation.
"""

from __future__ import annotations

from datetime import date
from typing import Callable

from belscript.agreement.dates import say_date, say_moment  # noqa: F401  (the documents' wording)
from belscript.agreement.datewords import speak_date, speak_moment
from belscript.agreement.model import NO_AGREEMENT_LABELS, Agreement, NoAgreement, NoAgreementReason
from belscript.dossier import Dossier, Invoice
from belscript.dutch import join
from belscript.money import format_amount, say_amount
from belscript.script.models import AgreementKind
from belscript.templates import pick_form

#: How each agreement kind is named in the log and in documents.
KIND_LABELS: dict[str, str] = {
    AgreementKind.full_payment.value: "betaling in één keer",
    AgreementKind.partial_payment.value: "deelbetaling",
    AgreementKind.payment_plan.value: "betalingsregeling",
    AgreementKind.deferral.value: "uitstel van betaling",
    AgreementKind.callback.value: "terugbelafspraak",
    "agreement": "afspraak",
    "no_agreement": "geen afspraak",
}

_DEFAULT_IF_BROKEN = ("Als de betaling niet op de afgesproken datum binnen is, nemen wij opnieuw contact met "
                      "{u|je} op.")


def you(form: str) -> Callable[[str, str], str]:
    """The wording for this form of address: ``you("je")("U betaalt", "Je betaalt") == "Je betaalt"``.

    Whole phrases are chosen rather than single words, because the verb changes with
    the form ("U kunt" / "Je kunt", "Heeft u" / "Heb je").
    """
    return lambda polite, informal: informal if form == "je" else polite


def outcome_label(kind: str | None, reason: str | None = None) -> str:
    """The outcome as one short Dutch phrase for listings."""
    if kind is None:
        return "onderbroken"
    if kind == "no_agreement" and reason:
        try:
            return f"geen afspraak: {NO_AGREEMENT_LABELS[NoAgreementReason(reason)]}"
        except ValueError:
            pass
    return KIND_LABELS.get(kind, kind)


def open_invoices(dossier: Dossier) -> list[Invoice]:
    """The invoices the call was about: those with an amount still open (or all, if none is)."""
    return [inv for inv in dossier.invoices if inv.open_amount > 0] or list(dossier.invoices)


def invoices_phrase(dossier: Dossier, *, article: bool = True) -> str:
    """``factuur 2026-0142`` or ``de facturen 2026-0142 en 2026-0157`` (without ``de`` for subject lines)."""
    numbers = [inv.number for inv in open_invoices(dossier)]
    if len(numbers) == 1:
        return f"factuur {numbers[0]}"
    return ("de facturen " if article else "facturen ") + join(numbers)


def contact_name(dossier: Dossier, outcome: Agreement | NoAgreement | None, contact: str | None) -> str | None:
    """Who we spoke to: as noted during the call, else who agreed, else the dossier's contact."""
    if contact and contact.strip():
        return contact.strip()
    if isinstance(outcome, Agreement) and outcome.agreed_by:
        return outcome.agreed_by
    return dossier.contact.name if dossier.contact else None


def if_broken_text(outcome: Agreement | NoAgreement | None, policy_if_broken: str | None, form: str = "u") -> str:
    """What happens when the promise is not kept, as a sentence that can be read aloud.

    The agreement's own words win, then the script's; scripts write a whole sentence
    ("Staat het bedrag niet op de afgesproken datum op onze rekening, dan …"). A
    fragment that starts in lower case ("sturen wij een aanmaning") gets the condition
    put in front of it. ``{u|je}`` alternatives in the script's text follow ``form``.
    """
    for text in ((outcome.if_broken if isinstance(outcome, Agreement) else None), policy_if_broken):
        text = pick_form(" ".join((text or "").split()), form)
        if text:
            if text[0].islower():
                text = f"Als de betaling niet op tijd binnen is, {text}"
            return text if text[-1] in ".!?" else text + "."
    return pick_form(_DEFAULT_IF_BROKEN, form)


def is_confirmation_todo(todo: str) -> bool:
    """The to-do 'confirm the agreements by e-mail': the recap says it, the e-mail *is* it."""
    low = todo.lower()
    return "bevestigen" in low and "e-mail" in low


def payment_lines(agreement: Agreement, *, spoken: date | None = None) -> list[str]:
    """One line per promised payment: ``€ 500,00 uiterlijk op vrijdag 27 november 2026``.

    ``spoken`` (today) gives the form said aloud in the read-back instead: ``€ 500
    uiterlijk op vrijdag 27 november``, the year only when it is not this year.
    """
    amount, day = _forms(spoken)
    return [f"{amount(p.amount)} uiterlijk op {day(p.on)}" for p in sorted(agreement.payments, key=lambda p: p.on)]


def _forms(spoken: date | None):  # noqa: ANN202 - two small callables
    """The amount and date wording: written (documents) or spoken relative to ``spoken`` (the read-back)."""
    if spoken is None:
        return format_amount, say_date
    return say_amount, lambda d: speak_date(d, today=spoken)


def say_moment_as(moment, spoken: date | None) -> str:  # noqa: ANN001
    """A moment written (``say_moment``) or, with ``spoken`` (today), as said aloud."""
    return say_moment(moment) if spoken is None else speak_moment(moment, today=spoken)


def customer_promise(agreement: Agreement, customer: str, *, spoken: date | None = None,
                     form: str = "u") -> list[str]:
    """What the customer will do, as sentences addressed to them ("U betaalt", or with
    ``form="je"`` "Je betaalt"); ``spoken``: as said aloud."""
    lines = payment_lines(agreement, spoken=spoken)
    if agreement.kind is AgreementKind.callback or (not lines and agreement.callback):
        if agreement.callback:
            return [f"{agreement.callback.person} is op {say_moment_as(agreement.callback.at, spoken)} bereikbaar "
                    f"om de betaling met ons af te spreken."]
        return []
    if not lines:
        return []
    pays = you(form)("U betaalt", "Je betaalt")
    if len(lines) == 1:
        return [f"{pays} {lines[0]}."]
    if agreement.kind is AgreementKind.payment_plan:
        intro = f"{pays} in {len(lines)} termijnen:"
    else:
        intro = f"{pays} in {len(lines)} delen:"
    amount, _day = _forms(spoken)
    return [intro] + [f"- {line}" for line in lines] + [f"Samen is dat {amount(agreement.total)}."]


def no_agreement_reason(outcome: NoAgreement) -> str:
    return NO_AGREEMENT_LABELS.get(outcome.reason, outcome.reason.value)


def check_day(promised: date) -> date:
    """The first working day after a promised payment date: when to look whether the money came in.

    Weekends and Dutch public holidays are skipped: nobody checks a bank account on
    Saturday, and a Friday promise is checked on Monday.
    """
    import holidays
    from datetime import timedelta

    closed = holidays.country_holidays("NL", years=range(promised.year, promised.year + 2))
    day = promised + timedelta(days=1)
    while day.weekday() >= 5 or day in closed:
        day += timedelta(days=1)
    return day


def invoice_lines(dossier: Dossier) -> list[str]:
    """One line per invoice the call was about, with dates in words and the open amount."""
    lines = []
    for inv in open_invoices(dossier):
        lines.append(f"- Factuur {inv.number} van {say_date(inv.invoice_date)}, vervallen op "
                     f"{say_date(inv.due_date)}: open {format_amount(inv.open_amount)}")
    return lines

"""Entering the agreement during a call: one Dutch field at a time, with feedback at once.

The caller types what the customer says ("vrijdag", "3 termijnen vanaf 1 december",
"Petra, dinsdag om 10 uur") into a named field. :func:`apply` returns the new agreement
and a :class:`Feedback`: what was understood, in words, so it can be read back for
confirmation; or why it was refused, with a better question to ask. A refused entry
never changes the agreement, so nothing half-understood ends up in the confirmation
e-mail. ``missing`` always lists what is still needed for a concrete agreement.

What is refused at entry: vague or past dates, unreadable amounts, amounts above what
is owed, and anything that breaks the script's limits (too many instalments, a first
payment below the minimum, a date too far away, instalments that do not add up). What
is merely *not yet there* (the rest of a partial payment, the name, "if broken") is
accepted and shows up in ``missing``.

Entering instalments, a partial payment or a callback also sets the kind of agreement
when it was not set or did not fit (and the script offers that kind); the feedback's
``message`` says so.

This module is the public face: the field names and :func:`apply`. What each field does
is in :mod:`~belscript.agreement.fields`, reading payments from typed text in
:mod:`~belscript.agreement.payment_text`, and the shared context and refusals in
:mod:`~belscript.agreement.entry_checks`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from belscript.agreement.check import problems
from belscript.agreement.entry_checks import EntryContext
from belscript.agreement.fields import HANDLERS
from belscript.agreement.model import Agreement
from belscript.agreement.payment_text import say_payments
from belscript.errors import AgreementError
from belscript.money import CENT, parse_amount
from belscript.script.models import AgreementPolicy

__all__ = ["FIELDS", "ALIASES", "Feedback", "apply", "field_name", "say_payments"]

#: The fields a caller can fill in, by their Dutch name, with what each means.
FIELDS: dict[str, str] = {
    "soort": "Soort afspraak: volledig, deel, regeling (termijnen), uitstel of terugbellen.",
    "naam": "Wie de afspraak maakt, bijvoorbeeld ‘Petra de Vries’.",
    "bedrag": "Het bedrag, eventueel met de datum: ‘1.250,50’, ‘alles’ of ‘1.250,50 op vrijdag’.",
    "datum": "Wanneer het bedrag wordt betaald: ‘vrijdag’, ‘15 december’, ‘over twee weken’.",
    "termijnen": "Betalingsregeling: ‘3 termijnen vanaf 1 december’ of "
                 "‘500 op 1 december, 400 op 1 januari, 350,50 op 1 februari’ (‘rest op …’ mag ook).",
    "deelbetaling": "Een deel nu en de rest later: ‘250 vandaag, rest op 15 december’, of eerst alleen ‘250 vandaag’.",
    "rest": "Wanneer de rest van een deelbetaling komt: ‘15 december’.",
    "terugbellen": "Terugbelafspraak met wie en wanneer: ‘Petra, dinsdag om 10 uur’.",
    "gevolg": "Wat er gebeurt als de afspraak niet wordt nagekomen; ‘standaard’ neemt de tekst uit het belscript.",
}

#: Other words a caller may use for a field.
ALIASES: dict[str, str] = {
    "type": "soort", "afspraak": "soort", "soort afspraak": "soort",
    "wie": "naam", "contact": "naam", "contactpersoon": "naam",
    "wanneer": "datum", "dag": "datum", "betaaldatum": "datum",
    "regeling": "termijnen", "betalingsregeling": "termijnen", "termijn": "termijnen",
    "deel": "deelbetaling", "restant": "rest",
    "terugbel": "terugbellen", "terugbelafspraak": "terugbellen", "callback": "terugbellen",
    "als niet": "gevolg", "niet nagekomen": "gevolg", "gevolgen": "gevolg",
}

@dataclass(frozen=True)
class Feedback:
    """What the screen shows after an entry.

    ``shown`` echoes the understood value in words (empty when refused); ``message``
    explains a refusal in Dutch, or on success notes something worth knowing (e.g. the
    kind of agreement changed); ``hint`` is a better question to ask after a refusal;
    ``missing`` is what is still needed for a concrete agreement.
    """

    ok: bool
    shown: str = ""
    message: str | None = None
    hint: str | None = None
    missing: list[str] = field(default_factory=list)


def field_name(name: str) -> str | None:
    """The canonical field for what the caller typed ("wanneer" -> "datum"), or None."""
    key = re.sub(r"\s+", " ", str(name).strip().lower().lstrip("/")).rstrip(":")
    if key in FIELDS:
        return key
    return ALIASES.get(key)


def apply(
    agreement: Agreement,
    field: str,
    text: str,
    *,
    policy: AgreementPolicy,
    amount_due: Decimal | str | int | None,
    today: date | datetime,
) -> tuple[Agreement, Feedback]:
    """Enter ``text`` into ``field``; returns the new agreement and the feedback to show.

    ``today`` may be the current :class:`~datetime.datetime` (then a callback earlier
    today is refused as past). The input agreement is never modified; a refused entry
    returns it unchanged with ``ok=False``.
    """
    due = None if amount_due is None else (
        amount_due.quantize(CENT) if isinstance(amount_due, Decimal) else parse_amount(amount_due)
    )
    ctx = EntryContext(policy=policy, due=due, today=today)

    def missing(a: Agreement) -> list[str]:
        return problems(a, policy=policy, amount_due=due, today=today)

    name = field_name(field)
    if name is None:
        return agreement, Feedback(
            ok=False,
            message=f"‘{field}’ is geen onderdeel van de afspraak.",
            hint="Mogelijk zijn: " + ", ".join(FIELDS) + ".",
            missing=missing(agreement),
        )
    if not str(text).strip():
        return agreement, Feedback(ok=False, message=f"Er is niets ingevuld bij ‘{name}’.",
                                   hint=FIELDS[name], missing=missing(agreement))
    try:
        change = HANDLERS[name](agreement, str(text), ctx)
    except AgreementError as exc:
        return agreement, Feedback(ok=False, message=exc.message, hint=exc.hint, missing=missing(agreement))
    message = " ".join(x for x in (change.note, *ctx.notes) if x) or None
    return change.agreement, Feedback(ok=True, shown=change.shown, message=message, missing=missing(change.agreement))

"""Amounts as a caller types them during a call.

:func:`belscript.money.parse_amount` reads the notation (``€ 1.250,50``, ``1250``,
``1.250``); this module adds what is said on the phone: "alles" or "het hele bedrag"
(the amount due), "de helft", "25%", "250 euro", "250,-". It needs the amount due for
those, and it refuses zero and negative amounts, which are never a payment.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

from belscript.errors import AgreementError
from belscript.money import CENT, AmountOutOfRange, AmountSyntaxError, format_amount, parse_amount, parse_percentage, shorten

__all__ = ["parse_spoken_amount", "AMOUNT_HINT"]

AMOUNT_HINT = "Typ het bedrag als 1.250,50 of 250, of ‘alles’ voor het hele openstaande bedrag."

_WHOLE = re.compile(
    r"(?:(?:het |de )?(?:hele|volledige|gehele|totale|complete|openstaande|hele openstaande|volledige openstaande) "
    r"(?:bedrag|som|factuur|factuurbedrag)|alles|volledig|in één keer|in een keer|ineens|het totaal|totaal|het bedrag)"
)
_PERCENT = re.compile(r"(\d{1,3}(?:[.,]\d{1,9})?) ?(?:%|procent)(?: van (?:het|de) .*)?")
_SUFFIX = re.compile(r"\s*(?:euro's|euros|euro|eur|€)\s*$")


def parse_spoken_amount(text: str, amount_due: Decimal | None = None) -> Decimal:
    """A positive amount in cents, from notation or from words relative to the amount due.

    Raises :class:`AgreementError` (``field='bedrag'``) with a Dutch message otherwise.
    """
    raw = str(text).strip()
    t = re.sub(r"\s+", " ", raw.lower().replace("\u00a0", " ")).strip(" .")
    if not t:
        raise AgreementError("Er is nog geen bedrag genoemd.", field="bedrag", hint=AMOUNT_HINT)
    relative: Decimal | None = None
    if _WHOLE.fullmatch(t):
        relative = Decimal(1)
    elif re.fullmatch(r"(?:de )?helft(?: van (?:het|de) .*)?", t):
        relative = Decimal("0.5")
    elif m := _PERCENT.fullmatch(t):
        try:
            relative = parse_percentage(m.group(1)) / 100
        except AmountSyntaxError as exc:
            raise AgreementError(f"{exc}.", field="bedrag", hint=AMOUNT_HINT) from None
    if relative is not None:
        if amount_due is None:
            raise AgreementError(f"‘{shorten(raw)}’ is pas een bedrag als het openstaande bedrag bekend is.",
                                 field="bedrag", hint=AMOUNT_HINT)
        value = (Decimal(amount_due) * relative).quantize(CENT, rounding=ROUND_HALF_UP)
    else:
        t = _SUFFIX.sub("", t)
        try:
            value = parse_amount(t)
        except AmountSyntaxError as exc:
            if isinstance(exc, AmountOutOfRange):
                raise AgreementError(f"{exc}.", field="bedrag", hint=AMOUNT_HINT) from None
            raise AgreementError(f"‘{shorten(raw)}’ begrijp ik niet als bedrag.", field="bedrag", hint=AMOUNT_HINT) from None
    if value <= 0:
        raise AgreementError(f"{format_amount(value)} is geen betaling; een bedrag is groter dan nul.",
                             field="bedrag", hint=AMOUNT_HINT)
    return value

"""Amounts of money in Dutch notation.

``€ 1.250,50``, ``1250``, ``1.250`` and ``1250,5`` are all understood; amounts are
kept as :class:`~decimal.Decimal` cents-exact values and always shown back the Dutch
way (``€ 1.250,50``). Lives below both the script and agreement layers because
policies in scripts and agreements in calls both carry amounts.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from belscript.errors import BelscriptError

CENT = Decimal("0.01")

_CLEAN = re.compile(r"^(-?)\s*(?:€|eur|euro)?\s*(-?)\s*([0-9][0-9.\s]*)(?:,(\d{1,2}|-{1,2}))?\s*(?:€|eur|euro|euros)?$", re.I)
_DOT_DECIMAL = re.compile(r"^(-?)\s*(?:€|eur|euro)?\s*(-?)\s*(\d+)\.(\d{1,2})\s*(?:€|eur|euro)?$", re.I)


class AmountSyntaxError(BelscriptError, ValueError):
    """Raised when text is not an amount; the message is Dutch.

    Still a ``ValueError`` too, because validators and the replay of stored events treat bad values as one.
    """


def parse_amount(text: str | int | float | Decimal) -> Decimal:
    """Parse a Dutch amount into a Decimal rounded to cents.

    A dot followed by exactly three digits is a thousands separator (``1.250`` is
    one thousand two hundred and fifty), a comma is the decimal separator. A dot
    followed by one or two digits (``12.5``) is read as a decimal point, because no
    Dutch writer groups thousands that way.
    """
    if isinstance(text, Decimal):
        value = text
    elif isinstance(text, bool):
        raise AmountSyntaxError(f"'{text}' is geen bedrag")
    elif isinstance(text, (int, float)):
        value = Decimal(str(text))
    else:
        raw = text.strip().replace("\u00a0", " ")
        m = _DOT_DECIMAL.match(raw)
        if m and not (m.group(1) and m.group(2)):
            value = Decimal(f"{m.group(1) or m.group(2)}{m.group(3)}.{m.group(4)}")
        else:
            m = _CLEAN.match(raw)
            if not m or (m.group(1) and m.group(2)):
                raise AmountSyntaxError(f"'{text}' is geen bedrag; schrijf bijvoorbeeld € 1.250,50")
            lead_sign, inner_sign, whole, cents = m.groups()
            sign = lead_sign or inner_sign
            # A space groups thousands just like a dot ("1 250"); "12 50" is not an amount.
            groups = re.split(r"\.|\s+", whole.strip())
            if len(groups) > 1 and not (1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])):
                raise AmountSyntaxError(f"'{text}' is geen bedrag; schrijf bijvoorbeeld € 1.250,50")
            digits = "".join(groups)
            if not cents or cents.startswith("-"):
                cents = "0"
            try:
                value = Decimal(f"{sign}{digits}.{cents}")
            except InvalidOperation:  # pragma: no cover - regex guards this
                raise AmountSyntaxError(f"'{text}' is geen bedrag") from None
    if not value.is_finite():
        raise AmountSyntaxError(f"'{text}' is geen bedrag")
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def format_amount(value: Decimal) -> str:
    """Show an amount the Dutch way: ``€ 1.250,50``."""
    q = Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)
    sign = "-" if q < 0 else ""
    whole, cents = f"{abs(q):.2f}".split(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    return f"{sign}€ {grouped},{cents}"

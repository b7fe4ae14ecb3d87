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

#: The largest amount belscript accepts anywhere (customer files, scripts, tests, calls).
#: Far above any invoice a phone call is about, far below where Decimal arithmetic
#: and formatting stop being exact or cheap.
MAX_AMOUNT = Decimal("1000000000.00")
#: Longer text is never an amount; refusing it first keeps parsing linear.
MAX_AMOUNT_TEXT = 40

_CLEAN = re.compile(r"^(-?)\s*(?:€|eur|euro)?\s*(-?)\s*([0-9][0-9.\s]*)(?:,(\d{1,2}|-{1,2}))?\s*(?:€|eur|euro|euros)?$", re.I)
_DOT_DECIMAL = re.compile(r"^(-?)\s*(?:€|eur|euro)?\s*(-?)\s*(\d+)\.(\d{1,2})\s*(?:€|eur|euro)?$", re.I)


class AmountSyntaxError(BelscriptError, ValueError):
    """Raised when text is not an amount; the message is Dutch.

    Still a ``ValueError`` too, because validators and the replay of stored events treat bad values as one.
    """


class AmountOutOfRange(AmountSyntaxError):
    """An amount or share that is written correctly but beyond belscript's bounds."""


def parse_amount(text: str | int | float | Decimal) -> Decimal:
    """Parse a Dutch amount into a Decimal rounded to cents, within ±:data:`MAX_AMOUNT`.

    This is the one entrance for amounts from customer files, scripts, test files and
    the call screen, so the bound is checked here and nowhere else.

    A dot followed by exactly three digits is a thousands separator (``1.250`` is
    one thousand two hundred and fifty), a comma is the decimal separator. A dot
    followed by one or two digits (``12.5``) is read as a decimal point, because no
    Dutch writer groups thousands that way.
    """
    if isinstance(text, str) and len(text) > MAX_AMOUNT_TEXT:
        raise AmountSyntaxError(f"'{shorten(text)}' is geen bedrag; schrijf bijvoorbeeld € 1.250,50")
    if isinstance(text, Decimal):
        value = text
    elif isinstance(text, bool):
        raise AmountSyntaxError(f"'{text}' is geen bedrag")
    elif isinstance(text, (int, float)):
        if isinstance(text, int) and abs(text) > MAX_AMOUNT:
            raise _too_large(text)
        value = Decimal(str(text))
    elif not isinstance(text, str):
        raise AmountSyntaxError("hier hoort een bedrag; schrijf bijvoorbeeld € 1.250,50")
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
        raise AmountSyntaxError(f"'{shorten(str(text))}' is geen bedrag")
    if abs(value) > MAX_AMOUNT:
        raise _too_large(text)
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def parse_percentage(text: str) -> Decimal:
    """A share such as ``25%`` or ``12,5 %``: more than 0 and at most 100, at most two decimals.

    Scripts' minimum first payments and spoken shares ("25 procent") both come here,
    so "NaN%", "1e999%" and forty nines are refused in one place.
    """
    raw = str(text).strip()
    body = raw[:-1] if raw.endswith("%") else raw
    body = body.strip().replace(",", ".")
    if len(body) > 8 or not _PERCENT.fullmatch(body):
        raise AmountSyntaxError(f"'{shorten(raw)}' is geen percentage; schrijf bijvoorbeeld 25%")
    pct = Decimal(body)
    if not (0 < pct <= 100):
        raise AmountOutOfRange(f"'{shorten(raw)}' kan niet: een percentage ligt tussen 0 en 100")
    return pct


_PERCENT = re.compile(r"\d{1,3}(?:\.\d{1,2})?")


def _too_large(text: object) -> AmountSyntaxError:
    return AmountOutOfRange(f"'{shorten(str(text))}' is te groot; een bedrag is hoogstens {format_amount(MAX_AMOUNT)}")


def shorten(text: str) -> str:
    """Text for quoting in a message: long input is cut, so a message stays a line."""
    return text if len(text) <= MAX_AMOUNT_TEXT else text[:MAX_AMOUNT_TEXT] + "…"


def format_amount(value: Decimal) -> str:
    """Show an amount the Dutch way: ``€ 1.250,50``."""
    q = Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)
    sign = "-" if q < 0 else ""
    whole, cents = f"{abs(q):.2f}".split(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    return f"{sign}€ {grouped},{cents}"


def say_amount(value: Decimal) -> str:
    """An amount as a Dutch speaker says it: ``€ 2.450`` for whole euros, ``€ 937,66`` otherwise.

    Only for text the caller says aloud; documents keep :func:`format_amount`.
    """
    written = format_amount(value)
    return written[:-3] if written.endswith(",00") else written

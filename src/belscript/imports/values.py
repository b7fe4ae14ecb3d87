"""Turning one cell of an export into a typed value, with a Dutch reason when it cannot.

Every parser returns the value or raises :class:`CellError` with a message; the table
reader adds the file, row and column. Amounts depend on the decimal sign the whole
file uses, which :func:`decimal_style` decides from all amount cells together.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

CENT = Decimal("0.01")
COMMA, POINT = "komma", "punt"


class CellError(ValueError):
    """One cell cannot be read; the message is Dutch."""


_CURRENCY_SIGNS = {"€": "EUR", "eur": "EUR", "euro": "EUR", "$": "USD", "usd": "USD", "£": "GBP",
                   "gbp": "GBP", "chf": "CHF"}
_AMOUNT = re.compile(r"^(?P<pre>[€$£]|eur|euro|usd|gbp|chf)?\s*(?P<sign>[-+])?\s*(?P<pre2>[€$£]|eur)?\s*"
                     r"(?P<num>\d[\d.,' \u00a0\u202f]*)\s*(?P<post>[€$£]|eur|euro|usd|gbp|chf)?\s*(?P<tsign>-)?$",
                     re.I)


@lru_cache(maxsize=65536)
def amount_currency(text: str) -> str | None:
    """The currency written in an amount cell (``€``, ``USD``…), if any."""
    m = _AMOUNT.match(text.strip())
    if not m:
        return None
    sym = m.group("pre") or m.group("pre2") or m.group("post")
    return _CURRENCY_SIGNS.get(sym.lower()) if sym else None


@lru_cache(maxsize=65536)  # exports repeat customers, dates and amounts
def evidence(text: str) -> str | None:
    """What one amount cell says about the decimal sign: COMMA, POINT or None (can't tell)."""
    m = _AMOUNT.match(text.strip())
    if not m:
        return None
    num = m.group("num").strip().replace("\u00a0", "").replace("\u202f", "").replace(" ", "").replace("'", "")
    last_c, last_p = num.rfind(","), num.rfind(".")
    if last_c >= 0 and last_p >= 0:
        return COMMA if last_c > last_p else POINT
    sep = "," if last_c >= 0 else ("." if last_p >= 0 else None)
    if sep is None:
        return None
    parts = num.split(sep)
    if len(parts) > 2:  # "1.000.000": only thousands use one sign twice
        return POINT if sep == "," else COMMA
    if len(parts[1]) == 3:
        return None  # "1.000" or "1,000": a thousand, or one?
    return COMMA if sep == "," else POINT


def decimal_style(cells: list[str]) -> tuple[str | None, set[str]]:
    """Decide the file's decimal sign from all amount cells: (style or None, conflicts)."""
    seen = {e for e in (evidence(c) for c in cells if c) if e}
    if len(seen) == 1:
        return seen.pop(), set()
    return None, seen


@lru_cache(maxsize=65536)
def parse_amount(text: str, style: str | None) -> Decimal:
    """Read an amount with the file's decimal sign; ``style=None`` only for unambiguous cells."""
    raw = text.strip()
    m = _AMOUNT.match(raw)
    if not m or (m.group("sign") and m.group("tsign")):
        raise CellError(f"'{text}' is geen bedrag")
    num = m.group("num").strip().replace("\u00a0", "").replace("\u202f", "").replace(" ", "").replace("'", "")
    own = evidence(raw)
    if style is None:
        style = own
    if style is None and ("," in num or "." in num):
        raise CellError(f"'{text}': is dit duizend of één? Het bestand laat niet zien welk decimaalteken het gebruikt")
    if own and own != style:
        raise CellError(f"'{text}' gebruikt een ander decimaalteken dan de rest van het bestand")
    dec, thou = (",", ".") if style == COMMA else (".", ",")
    whole, _, frac = num.partition(dec)
    if dec in frac or thou in frac:
        raise CellError(f"'{text}' is geen bedrag")
    groups = whole.split(thou)
    if len(groups) > 1 and not (1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])):
        raise CellError(f"'{text}' is geen bedrag (de cijfergroepen kloppen niet)")
    if len(frac) > 2 and frac.strip("0")[2:]:
        raise CellError(f"'{text}' heeft meer dan twee cijfers achter het decimaalteken")
    try:
        value = Decimal("".join(groups) + ("." + frac if frac else ""))
    except InvalidOperation:
        raise CellError(f"'{text}' is geen bedrag") from None
    if m.group("sign") == "-" or m.group("tsign"):
        value = -value
    if abs(value) >= Decimal("1e12"):
        raise CellError(f"'{text}' is geen geloofwaardig bedrag")
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def number_amount(value: float | int | Decimal) -> Decimal:
    """An amount that was already a number (an Excel cell)."""
    if isinstance(value, bool):
        raise CellError(f"'{value}' is geen bedrag")
    d = Decimal(str(value))
    if not d.is_finite() or abs(d) >= Decimal("1e12"):
        raise CellError(f"'{value}' is geen geloofwaardig bedrag")
    return d.quantize(CENT, rounding=ROUND_HALF_UP)


_MONTHS = {"jan": 1, "januari": 1, "january": 1, "feb": 2, "februari": 2, "february": 2, "mrt": 3, "maart": 3,
           "mar": 3, "march": 3, "apr": 4, "april": 4, "mei": 5, "may": 5, "jun": 6, "juni": 6, "june": 6,
           "jul": 7, "juli": 7, "july": 7, "aug": 8, "augustus": 8, "august": 8, "sep": 9, "sept": 9,
           "september": 9, "okt": 10, "oct": 10, "oktober": 10, "october": 10, "nov": 11, "november": 11,
           "dec": 12, "december": 12}
_DMY = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$")
_YMD = re.compile(r"^(\d{4})[-/.]?(\d{2})[-/.]?(\d{2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$")
_WORDS = re.compile(r"^(\d{1,2})\s*[ -]\s*([a-z]+)\.?\s*[ -]\s*(\d{4})$", re.I)


@lru_cache(maxsize=65536)
def parse_date(text: str) -> dt.date:
    """Dutch dates: 31-12-2026, 31-12-26, 31/12/2026, 31.12.2026, 2026-12-31, 31 dec 2026.

    Slashes are read day first, as Dutch packages write them. Impossible dates
    (31-02-2026) are refused, never moved to the next valid day.
    """
    raw = text.strip()
    if m := _YMD.match(raw):
        y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
    elif m := _DMY.match(raw):
        d, mo, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if len(m.group(3)) == 2:
            y += 2000
    elif (m := _WORDS.match(raw)) and m.group(2).lower() in _MONTHS:
        d, mo, y = int(m.group(1)), _MONTHS[m.group(2).lower()], int(m.group(3))
    else:
        raise CellError(f"'{text}' is geen datum; schrijf bijvoorbeeld 31-12-2026")
    try:
        value = dt.date(y, mo, d)
    except ValueError:
        raise CellError(f"'{text}' bestaat niet als datum") from None
    if not 1990 <= value.year <= 2100:
        raise CellError(f"'{text}' ligt buiten de jaren die een factuur kan hebben")
    return value


@lru_cache(maxsize=65536)
def clean_iban(text: str) -> str:
    """An IBAN without spaces, upper case, with a correct check number (ISO 13616 mod 97)."""
    iban = re.sub(r"[\s.-]", "", text).upper()
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{10,30}", iban):
        raise CellError(f"'{text}' is geen IBAN")
    digits = "".join(str(int(ch, 36)) for ch in iban[4:] + iban[:4])
    if int(digits) % 97 != 1:
        raise CellError(f"'{text}' is geen geldig IBAN (het controlegetal klopt niet)")
    return iban


_EMAIL = re.compile(r"^[^@\s,;<>]+@[^@\s,;<>]+\.[^@\s,;<>]+$")


@lru_cache(maxsize=65536)
def clean_email(text: str) -> str:
    value = text.strip()
    if not _EMAIL.match(value):
        raise CellError(f"'{text}' is geen e-mailadres")
    return value


@lru_cache(maxsize=65536)
def clean_phone(text: str) -> str:
    value = text.strip()
    digits = re.sub(r"\D", "", value)
    if not re.fullmatch(r"[+\d][\d\s()./-]*", value) or not 6 <= len(digits) <= 15:
        raise CellError(f"'{text}' is geen telefoonnummer")
    return value


#: How an export may say that a customer is addressed as 'je' or as 'u'.
_FORMS = {"je": "je", "jij": "je", "jou": "je", "tutoyeren": "je", "informeel": "je",
          "u": "u", "formeel": "u", "vousvoyeren": "u"}


def clean_form(text: str) -> str:
    """``je`` or ``u`` from an 'aanspreekvorm' cell ("Je", "jij", "informeel", "U", "formeel")."""
    form = _FORMS.get(text.strip().lower().rstrip("."))
    if form is None:
        raise CellError(f"aanspreekvorm '{text}' is onbekend; schrijf u of je")
    return form


@lru_cache(maxsize=65536)
def clean_currency(text: str) -> str:
    code = text.strip().upper()
    code = {"€": "EUR", "EURO": "EUR"}.get(code, code)
    if not re.fullmatch(r"[A-Z]{3}", code):
        raise CellError(f"'{text}' is geen valutacode")
    return code

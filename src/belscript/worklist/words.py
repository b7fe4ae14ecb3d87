"""How the call list says amounts, dates and numbers of days: short, as people speak.

"€ 2.813" (no cents when there are none), "dinsdag 1 december" (the year only when it
is not this year), "1 dag", "36 dagen".
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from belscript.dutch import MONTHS, WEEKDAYS


def amount_words(value: Decimal) -> str:
    cents = value.quantize(Decimal("0.01"))
    whole = int(cents)
    grouped = f"{whole:,}".replace(",", ".")
    if cents == whole:
        return f"€ {grouped}"
    return f"€ {grouped},{abs(cents) % 1 * 100:02.0f}"


def date_words(day: date | None, today: date) -> str:
    if day is None:
        return ""
    text = f"{WEEKDAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]}"
    return text if day.year == today.year else f"{text} {day.year}"


def days_words(days: int) -> str:
    return "1 dag" if days == 1 else f"{days} dagen"

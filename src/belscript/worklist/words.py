"""How the call list says amounts, dates and numbers of days: short, as people speak.

"€ 2.813" (no cents when there are none), "dinsdag 1 december" (the year only when it
is not this year), "1 dag", "36 dagen".
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from belscript.agreement.datewords import speak_date
from belscript.money import say_amount


def amount_words(value: Decimal) -> str:
    return say_amount(value)


def date_words(day: date | None, today: date) -> str:
    return "" if day is None else speak_date(day, today=today)


def days_words(days: int) -> str:
    return "1 dag" if days == 1 else f"{days} dagen"

"""Dutch words that every layer needs: weekday and month names, short dates, lists with "en".

Kept at the bottom of the package, free of locale libraries, so the customer file,
the agreement layer, the practice customer, the documents and the live screen all
say a weekday or a list of invoice numbers the same way.
"""

from __future__ import annotations

from datetime import date

#: Weekday names in ``date.weekday()`` order (Monday first).
WEEKDAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")
#: Month names, January first.
MONTHS = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)


def short_date(d: date) -> str:
    """``28-10-2026``: compact, unambiguous for a Dutch reader, no locale data needed."""
    return f"{d.day:02d}-{d.month:02d}-{d.year}"


def join(items: list[str], word: str = "en") -> str:
    """``a``, ``a en b``, ``a, b en c`` (empty for no items); ``word="of"`` for choices."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {word} " + items[-1]

"""Calendar arithmetic for spoken dates (weeks, month ends, working days) and the
Dutch phrases ``dateparser`` does not read ("eind van de maand", "over 5 werkdagen").
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from belscript.agreement.datewords import MONTH_PATTERN, WEEKDAY_PATTERN, say_date
from belscript.calltime import add_working_days
from belscript.dutch import MONTHS, WEEKDAYS
from belscript.errors import AgreementError

# --------------------------------------------------------------------------- calendar helpers

def monday_of(d: date) -> date:
    return d - timedelta(days=d.weekday())


def _last_day(year: int, month: int) -> date:
    if month == 12:
        return date(year, 12, 31)
    return date(year, month + 1, 1) - timedelta(days=1)


def add_months(d: date, months: int) -> date:
    """Same day of the month ``months`` later, clipped to the month's end (31 jan + 1 = 28 feb)."""
    index = d.year * 12 + d.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(d.day, _last_day(year, month).day))


def _next_month(today: date) -> tuple[int, int]:
    return (today.year + 1, 1) if today.month == 12 else (today.year, today.month + 1)


def nearest_day_month(today: date, month: int, day: int) -> date | None:
    """The occurrence of day-month nearest to today (last, this or next year)."""
    candidates = []
    for year in (today.year - 1, today.year, today.year + 1):
        try:
            candidates.append(date(year, month, day))
        except ValueError:
            continue
    if not candidates:
        return None
    return min(candidates, key=lambda c: (abs((c - today).days), c < today))


def _month_from_text(today: date, month: int, year: int | None) -> tuple[int, int]:
    """Year for a month named without year: this year unless the month has passed."""
    if year is not None:
        return year, month
    return (today.year, month) if month >= today.month else (today.year + 1, month)



# --------------------------------------------------------------------------- resolving

def resolve_custom(t: str, today: date, original: str) -> date | None:
    """Phrases ``dateparser`` does not read in Dutch; ``None`` when this is not one of them."""
    if t == "vandaag":
        return today
    return (_weekday(t, today, original) or _week_edge(t, today) or _month_edge(t, today)
            or _day_of_month(t, today) or _days_ahead(t, today))


def _weekday(t: str, today: date, original: str) -> date | None:
    """A named weekday: coming, this week's, in some weeks; "volgende vrijdag" only when unambiguous."""
    m = re.fullmatch(r"(?:komende|aanstaande|aankomende|eerstvolgende) (" + WEEKDAY_PATTERN + r")|(" + WEEKDAY_PATTERN + r") (?:aanstaande|as|a\.s|aankomend|komend)", t)
    if m:
        wd = WEEKDAYS.index(m.group(1) or m.group(2))
        ahead = (wd - today.weekday()) % 7 or 7
        return today + timedelta(days=ahead)
    m = re.fullmatch(r"(?:deze week (?:op )?(" + WEEKDAY_PATTERN + r"))|(?:(?:deze )?(" + WEEKDAY_PATTERN + r") (?:deze week|van deze week))|deze (" + WEEKDAY_PATTERN + r")", t)
    if m:
        wd = WEEKDAYS.index(next(g for g in m.groups() if g))
        return monday_of(today) + timedelta(days=wd)
    m = re.fullmatch(
        r"(?:(volgende|over (\d+)) (?:week|weken) (?:op )?(" + WEEKDAY_PATTERN + r"))|"
        r"(?:(" + WEEKDAY_PATTERN + r") (?:in |van |de )?(?:de )?(volgende|over (\d+)) (?:week|weken))", t)
    if m:
        if m.group(3):
            weeks = 1 if m.group(1) == "volgende" else int(m.group(2))
            wd = WEEKDAYS.index(m.group(3))
        else:
            weeks = 1 if m.group(5) == "volgende" else int(m.group(6))
            wd = WEEKDAYS.index(m.group(4))
        return monday_of(today) + timedelta(weeks=weeks, days=wd)
    m = re.fullmatch(r"volgende (" + WEEKDAY_PATTERN + r")", t)
    if m:
        wd = WEEKDAYS.index(m.group(1))
        coming = today + timedelta(days=(wd - today.weekday()) % 7 or 7)
        next_week = monday_of(today) + timedelta(weeks=1, days=wd)
        if coming == next_week:
            return coming
        raise AgreementError(
            f"‘{original.strip()}’ kan deze week of volgende week betekenen.",
            field="datum",
            hint=f"Bedoelt u {say_date(coming)} of {say_date(next_week)}?",
        )
    return None


def _week_edge(t: str, today: date) -> date | None:
    """The end of this or next week (its Friday), the begin of next week."""
    if re.fullmatch(r"eind (?:van )?(?:de |deze )?week", t):
        return monday_of(today) + timedelta(days=4)
    if re.fullmatch(r"eind (?:van )?(?:de )?volgende week", t):
        return monday_of(today) + timedelta(weeks=1, days=4)
    if re.fullmatch(r"begin (?:van )?(?:de )?volgende week", t):
        return monday_of(today) + timedelta(weeks=1)
    return None


def _month_edge(t: str, today: date) -> date | None:
    """The end, begin or middle of this, next or a named month."""
    m = re.fullmatch(r"(eind|begin|medio|half|halverwege) (?:van )?(?:de |deze )?(volgende )?maand", t)
    if m:
        year, month = _next_month(today) if m.group(2) else (today.year, today.month)
        if m.group(1) == "eind":
            return _last_day(year, month)
        return date(year, month, 1 if m.group(1) == "begin" else 15)
    m = re.fullmatch(r"(eind|begin|medio|half|halverwege) (?:van )?(" + MONTH_PATTERN + r")(?: (\d{4}))?", t)
    if m:
        year, month = _month_from_text(today, MONTHS.index(m.group(2)) + 1, int(m.group(3)) if m.group(3) else None)
        if m.group(1) == "eind":
            return _last_day(year, month)
        return date(year, month, 1 if m.group(1) == "begin" else 15)
    return None


def _day_of_month(t: str, today: date) -> date | None:
    """"de 15e": the next 15th of a month (within three months)."""
    m = re.fullmatch(r"(?:de )?(\d{1,2})(?: van de maand)?", t)
    if m and t.startswith("de "):
        day = int(m.group(1))
        for months_ahead in range(0, 3):
            year, month = divmod(today.year * 12 + today.month - 1 + months_ahead, 12)
            try:
                d = date(year, month + 1, day)
            except ValueError:
                continue
            if d >= today:
                return d
    return None


def _days_ahead(t: str, today: date) -> date | None:
    """"over 5 werkdagen", "binnen 2 maanden"."""
    m = re.fullmatch(r"(?:over|binnen) (\d+) werkdag(?:en)?", t)
    if m:
        return add_working_days(today, int(m.group(1)))
    m = re.fullmatch(r"(?:over|binnen) (\d+) (dag|dagen|week|weken|maand|maanden|jaar)", t)
    if m and m.group(2) in ("maand", "maanden"):
        return add_months(today, int(m.group(1)))
    return None

"""When to call: the *gouden beluren* and the best moment for a follow-up call.

Debtors are best reached between 09:30 and 11:30 and between 13:30 and 15:30: they
have started their day, are not at lunch and are not yet packing up. Early in the
week is better still, because a promise made on Monday or Tuesday can be kept in the
same week. Golden hours only exist on working days: Monday to Friday, not on a Dutch
public holiday as the ``holidays`` package lists them (Bevrijdingsdag only in lustrum
years, Goede Vrijdag included).

A slot runs from its start up to, not including, its end: 11:30 itself is no longer
golden.

Follow-up rule (:func:`follow_up_moment`): look at the next five working days after
today (today itself is never the follow-up day: the customer needs time to act). The
follow-up is at 09:30, the start of the morning slot, on the first Monday or Tuesday
among those five days; when holidays leave no Monday or Tuesday among them, it is at
09:30 on the first of those working days.

``holidays`` is imported lazily: only the screens that show calling advice need it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from functools import lru_cache

from belscript.dutch import WEEKDAYS

__all__ = [
    "GOLDEN_SLOTS",
    "holiday_name",
    "is_working_day",
    "first_working_day",
    "add_working_days",
    "is_golden",
    "golden_slot",
    "next_golden",
    "follow_up_moment",
    "week_advice",
    "describe",
]

#: The golden calling hours: (start, end), end not included.
GOLDEN_SLOTS: tuple[tuple[time, time], ...] = (
    (time(9, 30), time(11, 30)),
    (time(13, 30), time(15, 30)),
)

#: How many working days ahead :func:`follow_up_moment` looks for a Monday or Tuesday.
FOLLOW_UP_WINDOW = 5



@lru_cache(maxsize=16)
def _holidays_in(year: int):  # -> holidays.HolidayBase
    import holidays

    return holidays.country_holidays("NL", years=year, language="nl")


def holiday_name(day: date) -> str | None:
    """The Dutch name of the public holiday on ``day`` ("Tweede kerstdag"), or None."""
    if isinstance(day, datetime):
        day = day.date()
    return _holidays_in(day.year).get(day)


def is_working_day(day: date) -> bool:
    """Monday to Friday and not a Dutch public holiday."""
    if isinstance(day, datetime):
        day = day.date()
    return day.weekday() < 5 and holiday_name(day) is None


def first_working_day(day: date) -> date:
    """``day`` itself when it is a working day, else the first working day after it."""
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def add_working_days(day: date, n: int) -> date:
    """The ``n``-th working day after ``day`` ("binnen twee werkdagen", a letter's receipt)."""
    while n > 0:
        day += timedelta(days=1)
        if is_working_day(day):
            n -= 1
    return day


def golden_slot(now: datetime) -> tuple[datetime, datetime] | None:
    """The golden slot ``now`` is in, as (start, end), or None."""
    if not is_working_day(now.date()):
        return None
    for start, end in GOLDEN_SLOTS:
        if start <= now.time() < end:
            return datetime.combine(now.date(), start), datetime.combine(now.date(), end)
    return None


def is_golden(now: datetime) -> bool:
    """Whether ``now`` falls in a golden calling hour on a working day."""
    return golden_slot(now) is not None


def next_golden(now: datetime) -> datetime:
    """The start of the next golden slot; ``now`` itself when it is inside one."""
    if is_golden(now):
        return now
    day = now.date()
    while True:  # a working day always comes within a few days
        if is_working_day(day):
            for start, _end in GOLDEN_SLOTS:
                moment = datetime.combine(day, start)
                if moment > now:
                    return moment
        day += timedelta(days=1)


def follow_up_moment(now: datetime) -> datetime:
    """09:30 on a later working day, preferring a Monday or Tuesday (see the module docstring)."""
    days: list[date] = []
    day = now.date()
    while len(days) < FOLLOW_UP_WINDOW:
        day += timedelta(days=1)
        if is_working_day(day):
            days.append(day)
    chosen = next((d for d in days if d.weekday() in (0, 1)), days[0])
    return datetime.combine(chosen, GOLDEN_SLOTS[0][0])


def week_advice(now: datetime) -> str:
    """One Dutch sentence on the day of the week: early in the week is better."""
    weekday = now.weekday()
    if weekday in (0, 1):
        return "Maandag en dinsdag zijn de beste dagen: dan kan de klant nog deze week betalen."
    if weekday == 2:
        return "Woensdag kan nog goed: de klant kan deze week nog betalen. Maandag en dinsdag zijn nog beter."
    if weekday in (3, 4):
        return ("Later in de week lukt betalen in dezelfde week minder vaak: spreek een vaste datum af. "
                "Maandag en dinsdag zijn de beste beldagen.")
    return "In het weekend bereikt u een zakelijke klant slecht; maandag en dinsdag zijn de beste beldagen."


def _why_not_golden(now: datetime) -> str:
    name = holiday_name(now.date())
    if now.weekday() >= 5:
        return f"het is {WEEKDAYS[now.weekday()]}"
    if name:
        return f"het is {name}, een feestdag"
    t = now.time()
    if t < GOLDEN_SLOTS[0][0]:
        return "vóór 09:30 is de klant vaak nog aan het opstarten"
    if t < GOLDEN_SLOTS[1][0]:
        return "rond lunchtijd is de klant minder goed bereikbaar"
    return "na 15:30 is de klant vaak al aan het afronden"


def describe(now: datetime, *, words: Callable[[datetime], str]) -> str:
    """A Dutch sentence for the screen: is now a golden hour, and if not, when is the next.

    ``words`` says a later day's moment in Dutch (``agreement.dates.say_moment``); it is
    passed in because the agreement layer sits above this one (it asks for working days).
    """
    slot = golden_slot(now)
    if slot is not None:
        return f"Nu is een gouden beluur (tot {slot[1]:%H:%M}). {week_advice(now)}"
    upcoming = next_golden(now)
    if upcoming.date() == now.date():
        when = f"vandaag om {upcoming:%H:%M}"
    else:
        when = words(upcoming)
    return f"Geen gouden beluur: {_why_not_golden(now)}. Het volgende begint {when}."

"""Golden calling hours, Dutch public holidays and the follow-up moment."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from belscript import calltime
from belscript.agreement.dates import say_moment
from belscript.calltime import describe as describe_with_words
from belscript.calltime import follow_up_moment, is_golden, is_working_day, next_golden, week_advice


@pytest.mark.parametrize(
    ("moment", "golden"),
    [
        (datetime(2026, 11, 23, 9, 29), False),
        (datetime(2026, 11, 23, 9, 30), True),
        (datetime(2026, 11, 23, 10, 15), True),
        (datetime(2026, 11, 23, 11, 29), True),
        (datetime(2026, 11, 23, 11, 30), False),
        (datetime(2026, 11, 23, 12, 30), False),
        (datetime(2026, 11, 23, 13, 30), True),
        (datetime(2026, 11, 23, 15, 29), True),
        (datetime(2026, 11, 23, 15, 30), False),
        (datetime(2026, 11, 28, 10, 0), False),   # Saturday
        (datetime(2026, 12, 25, 10, 0), False),   # Eerste kerstdag
        (datetime(2027, 4, 27, 10, 0), False),    # Koningsdag
    ],
)
def test_golden_hours(moment, golden):
    """Golden hours are 09:30-11:30 and 13:30-15:30 on working days, end not included."""
    assert is_golden(moment) is golden


def test_liberation_day_only_in_lustrum_years():
    """Bevrijdingsdag counts as a holiday in 2025 (lustrum) but not in 2026."""
    assert not is_working_day(date(2025, 5, 5))
    assert is_working_day(date(2026, 5, 5))


def test_next_golden_is_now_inside_a_slot(clock):
    """Inside a golden hour, the next golden moment is now."""
    assert next_golden(clock.now()) == clock.now()


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (datetime(2026, 11, 23, 8, 0), datetime(2026, 11, 23, 9, 30)),
        (datetime(2026, 11, 23, 12, 0), datetime(2026, 11, 23, 13, 30)),
        (datetime(2026, 11, 23, 16, 0), datetime(2026, 11, 24, 9, 30)),
        (datetime(2026, 11, 27, 16, 0), datetime(2026, 11, 30, 9, 30)),
        (datetime(2026, 12, 24, 16, 0), datetime(2026, 12, 28, 9, 30)),
    ],
)
def test_next_golden_skips_lunch_evenings_weekends_and_holidays(now, expected):
    """The next golden slot starts after lunch, the next morning, or after a weekend or Christmas."""
    assert next_golden(now) == expected


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (datetime(2026, 11, 23, 10, 15), datetime(2026, 11, 24, 9, 30)),  # Monday -> Tuesday
        (datetime(2026, 11, 24, 10, 15), datetime(2026, 11, 30, 9, 30)),  # Tuesday -> next Monday
        (datetime(2026, 11, 25, 10, 15), datetime(2026, 11, 30, 9, 30)),  # Wednesday -> Monday
        (datetime(2026, 11, 28, 10, 15), datetime(2026, 11, 30, 9, 30)),  # Saturday -> Monday
        (datetime(2027, 3, 26, 10, 0), datetime(2027, 3, 30, 9, 30)),     # Good Friday; Easter Monday skipped
    ],
)
def test_follow_up_prefers_monday_or_tuesday(now, expected):
    """The follow-up is 09:30 on the first Monday or Tuesday after today, skipping holidays."""
    assert follow_up_moment(now) == expected


def test_describe_inside_a_golden_hour(clock):
    """Inside a golden hour on Monday the sentence says until when and why Monday is good."""
    assert describe(clock.now()) == (
        "Nu is een gouden beluur (tot 11:30). Maandag en dinsdag zijn de beste dagen: "
        "dan kan de klant nog deze week betalen."
    )


def test_describe_outside_golden_hours_names_the_next_one():
    """Outside the golden hours the sentence says why and when the next one begins."""
    assert describe(datetime(2026, 11, 23, 16, 0)) == (
        "Geen gouden beluur: na 15:30 is de klant vaak al aan het afronden. "
        "Het volgende begint dinsdag 24 november 2026 om 09:30."
    )
    assert describe(datetime(2026, 11, 23, 12, 0)).endswith("Het volgende begint vandaag om 13:30.")
    assert "Eerste kerstdag" in describe(datetime(2026, 12, 25, 10, 0))
    assert "het is zaterdag" in describe(datetime(2026, 11, 28, 10, 0))


def test_week_advice_prefers_early_in_the_week():
    """Monday and Tuesday are praised; later in the week the advice asks for a fixed date."""
    assert week_advice(datetime(2026, 11, 24, 10, 0)).startswith("Maandag en dinsdag zijn de beste dagen")
    assert "vaste datum" in week_advice(datetime(2026, 11, 26, 10, 0))
    assert "weekend" in week_advice(datetime(2026, 11, 29, 10, 0))


def test_holiday_names_are_dutch():
    """Public holidays are named in Dutch."""
    assert calltime.holiday_name(date(2026, 12, 26)) == "Tweede kerstdag"
    assert calltime.holiday_name(date(2026, 12, 27)) is None


def describe(now):
    return describe_with_words(now, words=say_moment)

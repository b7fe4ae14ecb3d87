"""Spoken Dutch dates and moments, resolved against Monday 23 November 2026, 10:15."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from belscript.agreement.dates import resolve_date, resolve_moment, say_date, say_moment
from belscript.errors import AgreementError, BelscriptError


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("vrijdag", date(2026, 11, 27)),
        ("Vrijdag.", date(2026, 11, 27)),
        ("komende vrijdag", date(2026, 11, 27)),
        ("aanstaande vrijdag", date(2026, 11, 27)),
        ("vrijdag a.s.", date(2026, 11, 27)),
        ("deze vrijdag", date(2026, 11, 27)),
        ("uiterlijk vrijdag", date(2026, 11, 27)),
        ("op vrijdag", date(2026, 11, 27)),
        ("maandag", date(2026, 11, 30)),
        ("volgende week dinsdag", date(2026, 12, 1)),
        ("dinsdag volgende week", date(2026, 12, 1)),
        ("dinsdag van volgende week", date(2026, 12, 1)),
        ("over 2 weken dinsdag", date(2026, 12, 8)),
        ("vandaag", date(2026, 11, 23)),
        ("vandaag nog", date(2026, 11, 23)),
        ("morgen", date(2026, 11, 24)),
        ("overmorgen", date(2026, 11, 25)),
        ("15 maart", date(2027, 3, 15)),
        ("15 mrt", date(2027, 3, 15)),
        ("15-3", date(2027, 3, 15)),
        ("15/3", date(2027, 3, 15)),
        ("15-3-2027", date(2027, 3, 15)),
        ("15 maart '27", date(2027, 3, 15)),
        ("1 december", date(2026, 12, 1)),
        ("1e december", date(2026, 12, 1)),
        ("1.12", date(2026, 12, 1)),
        ("2026-12-15", date(2026, 12, 15)),
        ("vrijdag 4 december", date(2026, 12, 4)),
        ("over twee weken", date(2026, 12, 7)),
        ("over een week", date(2026, 11, 30)),
        ("over 10 dagen", date(2026, 12, 3)),
        ("over tien dagen", date(2026, 12, 3)),
        ("binnen 14 dagen", date(2026, 12, 7)),
        ("over een maand", date(2026, 12, 23)),
        ("over drie maanden", date(2027, 2, 23)),
        ("over 5 werkdagen", date(2026, 11, 30)),
        ("eind van de maand", date(2026, 11, 30)),
        ("aan het einde van deze maand", date(2026, 11, 30)),
        ("eind volgende maand", date(2026, 12, 31)),
        ("begin volgende maand", date(2026, 12, 1)),
        ("eind van de week", date(2026, 11, 27)),
        ("eind volgende week", date(2026, 12, 4)),
        ("begin volgende week", date(2026, 11, 30)),
        ("eind december", date(2026, 12, 31)),
        ("medio december", date(2026, 12, 15)),
        ("begin januari", date(2027, 1, 1)),
        ("de 15e", date(2026, 12, 15)),
        ("vrijdag om 10 uur", date(2026, 11, 27)),
    ],
)
def test_spoken_dates_resolve_to_the_calendar(phrase, expected, clock):
    """Each spoken phrase lands on the calendar day a Dutch customer means by it on Monday 23 November 2026."""
    assert resolve_date(phrase, clock.today()) == expected


@pytest.mark.parametrize(
    ("phrase", "hint_part"),
    [
        ("binnenkort", "Op welke datum"),
        ("zo snel mogelijk", "Op welke datum"),
        ("z.s.m.", "Op welke datum"),
        ("ZSM", "Op welke datum"),
        ("volgende week", "Op welke dag volgende week kunt u het bedrag overmaken?"),
        ("deze week", "Op welke dag deze week"),
        ("als mijn klant betaalt", "vaste datum"),
        ("zodra de subsidie binnen is", "vaste datum"),
        ("na de vakantie", "Op welke datum"),
        ("ergens in december", "Op welke datum in december"),
        ("december", "Op welke datum in december"),
        ("volgende maand", "Op welke datum volgende maand"),
        ("later", "Op welke datum"),
        ("over een paar dagen", "Op welke datum"),
        ("meteen", "vandaag nog"),
        ("na het weekend", "maandag 30 november 2026"),
        ("vrijdag of maandag", "Welke van die dagen"),
        ("in het weekend", "Op welke dag"),
    ],
)
def test_vague_answers_are_refused_with_a_better_question(phrase, hint_part, clock):
    """A vague answer is refused with a Dutch reason and a concrete question to ask instead."""
    with pytest.raises(AgreementError) as caught:
        resolve_date(phrase, clock.today())
    assert caught.value.message
    assert phrase.strip(".").lower() in caught.value.message.lower() or "geen" in caught.value.message
    assert hint_part.lower() in caught.value.hint.lower()


def test_next_week_without_a_day_asks_for_the_day(clock):
    """"volgende week" explains that no day was named and asks which day next week."""
    with pytest.raises(AgreementError) as caught:
        resolve_date("volgende week", clock.today())
    assert caught.value.message == "‘volgende week’ noemt geen dag; zonder datum kunt u de afspraak niet opvolgen."
    assert caught.value.hint == "Op welke dag volgende week kunt u het bedrag overmaken?"
    assert caught.value.field == "datum"


@pytest.mark.parametrize("phrase", ["20 november", "gisteren", "15-3-2020", "15 december 2025", "1 november"])
def test_dates_in_the_past_are_refused(phrase, clock):
    """A date before today is refused and the message names that date in words."""
    with pytest.raises(AgreementError) as caught:
        resolve_date(phrase, clock.today())
    assert "ligt in het verleden" in caught.value.message
    assert "vanaf vandaag" in caught.value.hint


def test_day_and_month_without_year_picks_next_year_when_long_past(clock):
    """"15 maart" said in November means next March, not last March."""
    assert resolve_date("15 maart", clock.today()).year == 2027


def test_ambiguous_next_weekday_offers_both_dates(clock):
    """"volgende vrijdag" on a Monday may mean this or next week's Friday, so both are offered."""
    with pytest.raises(AgreementError) as caught:
        resolve_date("volgende vrijdag", clock.today())
    assert caught.value.hint == "Bedoelt u vrijdag 27 november 2026 of vrijdag 4 december 2026?"


def test_next_weekday_is_not_ambiguous_at_the_weekend():
    """On a Saturday "volgende vrijdag" can only mean the Friday of the coming week."""
    assert resolve_date("volgende vrijdag", date(2026, 11, 28)) == date(2026, 12, 4)


def test_weekday_that_does_not_match_the_date_is_questioned(clock):
    """"vrijdag 28 november" is refused because the 28th is a Saturday; both readings are offered."""
    with pytest.raises(AgreementError) as caught:
        resolve_date("vrijdag 28 november", clock.today())
    assert caught.value.message == "28 november 2026 is een zaterdag, geen vrijdag."
    assert "vrijdag 27 november 2026" in caught.value.hint


@pytest.mark.parametrize("phrase", ["31-11", "30 februari"])
def test_impossible_dates_are_refused(phrase, clock):
    """A day that does not exist in that month is refused."""
    with pytest.raises(AgreementError, match="bestaat niet"):
        resolve_date(phrase, clock.today())


@pytest.mark.parametrize("phrase", ["abc", "5", "", "   ", "betaal ik"])
def test_text_that_is_no_date_is_refused_not_crashed(phrase, clock):
    """Anything that is not a date gives a Dutch refusal, never a traceback."""
    with pytest.raises(AgreementError) as caught:
        resolve_date(phrase, clock.today())
    assert isinstance(caught.value, BelscriptError)
    assert caught.value.hint


def test_resolve_date_accepts_a_datetime_as_today(clock):
    """Passing the current moment instead of the date gives the same answer."""
    assert resolve_date("vrijdag", clock.now()) == date(2026, 11, 27)


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("dinsdag om 10 uur", datetime(2026, 11, 24, 10, 0)),
        ("morgen half elf", datetime(2026, 11, 24, 10, 30)),
        ("donderdag 14:30", datetime(2026, 11, 26, 14, 30)),
        ("donderdag 14.30", datetime(2026, 11, 26, 14, 30)),
        ("vrijdag 27 november om 11.00 uur", datetime(2026, 11, 27, 11, 0)),
        ("om 2 uur", datetime(2026, 11, 23, 14, 0)),
        ("morgen om 2", datetime(2026, 11, 24, 14, 0)),
        ("morgen 's middags om 3 uur", datetime(2026, 11, 24, 15, 0)),
        ("dinsdag 's ochtends om 9", datetime(2026, 11, 24, 9, 0)),
        ("kwart over twee", datetime(2026, 11, 23, 14, 15)),
        ("morgen tien voor half elf", datetime(2026, 11, 24, 10, 20)),
        ("vrijdag half een", datetime(2026, 11, 27, 12, 30)),
        ("volgende week dinsdag om 10 uur", datetime(2026, 12, 1, 10, 0)),
        ("over een uur", datetime(2026, 11, 23, 11, 15)),
        ("over een half uur", datetime(2026, 11, 23, 10, 45)),
    ],
)
def test_callback_moments_resolve(phrase, expected, clock):
    """A day with a spoken clock time resolves to that moment; hours 1 to 6 mean the afternoon."""
    assert resolve_moment(phrase, clock.now()) == expected


@pytest.mark.parametrize(
    ("phrase", "message_part"),
    [
        ("dinsdag", "geen tijdstip"),
        ("dinsdagochtend", "geen tijdstip"),
        ("om 9 uur", "al voorbij"),
        ("om 25 uur", "geen bestaand tijdstip"),
        ("volgende week om 10 uur", "noemt geen dag"),
    ],
)
def test_incomplete_or_past_moments_are_refused(phrase, message_part, clock):
    """A callback needs a day and a clock time still to come; otherwise a Dutch refusal asks for them."""
    with pytest.raises(AgreementError) as caught:
        resolve_moment(phrase, clock.now())
    assert message_part in caught.value.message
    assert caught.value.field == "terugbellen"
    assert "terugbellen" in caught.value.hint


def test_vague_day_for_a_callback_asks_about_calling_not_paying(clock):
    """The better question for a vague callback day is about calling back, not about paying."""
    with pytest.raises(AgreementError) as caught:
        resolve_moment("volgende week om 10 uur", clock.now())
    assert caught.value.hint == "Op welke dag volgende week kan ik terugbellen?"


@given(st.dates(min_value=date(1000, 1, 1)))
def test_a_date_is_said_exactly_as_the_dutch_calendar_writes_it(day):
    """The date read back uses the same words as babel's Dutch calendar ("EEEE d MMMM y"), without loading it."""
    from babel.dates import format_date

    assert say_date(day) == format_date(day, "EEEE d MMMM y", locale="nl")


def test_dates_and_moments_are_said_in_dutch_words():
    """Dates are read back with the weekday and the month written out, times with a colon."""
    assert say_date(date(2026, 11, 27)) == "vrijdag 27 november 2026"
    assert say_date(datetime(2027, 3, 15, 9, 0)) == "maandag 15 maart 2027"
    assert say_moment(datetime(2026, 11, 24, 10, 30)) == "dinsdag 24 november 2026 om 10:30"
    assert say_moment(datetime(2026, 11, 24, 9, 5)) == "dinsdag 24 november 2026 om 09:05"


def test_importing_the_agreement_layer_does_not_load_heavy_libraries():
    """dateparser, babel and holidays are only loaded when a date is actually resolved."""
    code = (
        "import sys; import belscript.agreement.entry, belscript.agreement.check, belscript.calltime; "
        "print(sorted(m for m in ('dateparser', 'babel', 'holidays') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"

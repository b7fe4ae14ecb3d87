"""The simulated customer understands a date exactly as the agreement entry and the
screen do: one reader, proven on every phrase the screen produces and the entry accepts."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_practice_support import session, to_listening

from belscript.agreement.dates import resolve_date, say_date
from belscript.agreement.mentions import find_date
from belscript.calltime import is_working_day
from belscript.dutch import WEEKDAYS
from belscript.errors import AgreementError
from belscript.practice.customer import first_paying_day
from belscript.practice.utterance import read_move

TODAY = date(2026, 11, 23)

#: How a trainee wraps a date when offering it.
FRAMES = (
    "Kunt u het bedrag op {} overmaken?",
    "Lukt het uiterlijk {}?",
    "Zullen we {} afspreken voor de betaling?",
    "Dus u betaalt {}, klopt dat?",
    "Kunt u {} betalen?",
)


def _customer_say(d: date) -> str:
    """The date as the simulated customer itself says it ('dinsdag 1 december')."""
    return session("vergeten").customer._say(d)


@given(days=st.integers(min_value=0, max_value=299), frame=st.sampled_from(FRAMES),
       form=st.sampled_from(["screen", "customer", "short"]))
def test_every_date_the_screen_writes_is_read_by_the_customer_as_the_same_day(days, frame, form):
    """'dinsdag 1 december 2026' on screen, 'dinsdag 1 december' from the customer or
    '1-12' typed: inside an offer the customer hears the same day."""
    day = TODAY + timedelta(days=days)
    phrase = {"screen": say_date(day), "customer": _customer_say(day), "short": f"{day.day}-{day.month}"}[form]
    if form == "short" and (day - TODAY).days > 180:
        return  # without a year a day-month is the nearest occurrence, by design
    move = read_move(frame.format(phrase), [], today=TODAY)
    assert move.date == day, (frame.format(phrase), move.date_phrase)


ENTRY_PHRASES = (
    ["vandaag", "morgen", "overmorgen", "eind van de maand", "eind van de week", "begin volgende maand",
     "eind volgende week", "half december", "de 15e", "de 1ste", "15-12", "1.12", "15/12/2026"]
    + list(WEEKDAYS)
    + [f"komende {w}" for w in WEEKDAYS] + [f"{w} volgende week" for w in WEEKDAYS]
    + [f"volgende week {w}" for w in WEEKDAYS] + [f"{w} aanstaande" for w in WEEKDAYS]
    + [f"over {n} {u}" for n in ("twee", "drie", "10", "een") for u in ("dagen", "weken", "werkdagen", "maand")]
    + [f"{d} december" for d in (1, 4, 7, 15, 31)] + ["2 januari", "15 januari 2027"]
)


@given(phrase=st.sampled_from(ENTRY_PHRASES), frame=st.sampled_from(FRAMES),
       today=st.dates(min_value=date(2026, 1, 1), max_value=date(2028, 12, 31)))
def test_every_phrase_the_agreement_entry_accepts_means_the_same_day_to_the_customer(phrase, frame, today):
    """Whatever the agreement entry accepts as a date, the customer hears as the same day
    when the trainee says it in a sentence."""
    try:
        entered = resolve_date(phrase, today)
    except AgreementError:
        return  # refused by the entry (past, not a real date): nothing to compare
    move = read_move(frame.format(phrase), [], today=today)
    assert move.date == entered, (frame.format(phrase), move.date_phrase)


def test_the_reader_no_longer_stops_at_the_weekday():
    """'Kunt u op dinsdag 15 december betalen?' names 15 December, not the next Tuesday."""
    move = read_move("Kunt u op dinsdag 15 december betalen?", [], today=TODAY)
    assert (move.date_phrase, move.date) == ("dinsdag 15 december", date(2026, 12, 15))


def test_a_date_offered_in_a_sentence_is_the_one_the_customer_commits_to():
    """'Kunt u het bedrag op dinsdag 1 december overmaken?' on 23 November gets a promise for
    1 December, and reading back '…op dinsdag 1 december 2026 overmaakt' is confirmed."""
    s = session("vergeten", seed=1)
    to_listening(s)
    reply = s.say("Kunt u het bedrag op dinsdag 1 december overmaken?").reply
    assert reply.kind == "commit" and "dinsdag 1 december" in reply.text
    recap = s.say("Dus we spreken af dat u het bedrag op dinsdag 1 december 2026 overmaakt.").reply
    assert recap.kind == "recap_ack", recap.text


def test_a_later_date_is_never_called_too_soon_with_an_earlier_one_offered():
    """'Lukt het uiterlijk maandag 7 december?' is accepted by a customer who can pay from
    26 November, and a counter-offer always names a later day than the one offered."""
    s = session("niet-ontvangen", seed=1)
    to_listening(s)
    s.handle_excuse("factuur-niet-ontvangen")
    s.say("Ik stuur u nu meteen een kopie per e-mail.")
    reply = s.say("Lukt het uiterlijk maandag 7 december?").reply
    assert reply.kind == "commit" and "maandag 7 december" in reply.text, reply.text
    early = session("niet-ontvangen", seed=1)
    to_listening(early)
    early.handle_excuse("factuur-niet-ontvangen")
    early.say("Ik stuur u nu meteen een kopie per e-mail.")
    counter = early.say("Lukt het morgen, dinsdag 24 november?").reply
    assert counter.kind == "counter" and "donderdag 26 november" in counter.text, counter.text


@given(today=st.dates(min_value=date(2026, 1, 1), max_value=date(2030, 12, 31)),
       earliest=st.integers(min_value=0, max_value=40))
def test_the_customers_first_paying_day_is_a_working_day_by_the_products_rules(today, earliest):
    """The customer never offers a weekend day or a Dutch public holiday (Christmas, New
    Year, Koningsdag…), and never a day before they can pay."""
    day = first_paying_day(today, earliest)
    assert is_working_day(day) and day >= today + timedelta(days=earliest)


def test_the_customer_does_not_offer_to_pay_on_christmas_day():
    """A customer who can pay in 2 days on 23 December names Monday 28 December, not the
    Christmas days."""
    assert first_paying_day(date(2026, 12, 23), 2) == date(2026, 12, 28)


@pytest.mark.parametrize("sentence", [
    "Op 4 november hebben wij u een herinnering gestuurd.",
    "Opzeggen kan volgens de statuten tot 1 januari.",
    "De factuur is op 28 oktober verstuurd en had een betaaltermijn van 14 dagen.",
])
def test_a_past_date_or_a_statement_is_no_payment_offer(sentence):
    """A reminder sent on 4 November, or the script's own excuse reply with a date in it,
    offers the customer no payment date."""
    assert read_move(sentence, [], today=TODAY).date_phrase is None, sentence


def test_find_date_returns_the_entrys_refusal_for_an_ambiguous_phrase():
    """'volgende vrijdag' is refused by the entry; in a sentence it is found with that refusal."""
    found = find_date("Kunt u volgende vrijdag betalen?", TODAY)
    assert found is not None and found.day is None and found.refusal is not None

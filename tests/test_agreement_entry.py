"""Entering the agreement field by field in plain Dutch, with immediate feedback."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from belscript.agreement.entry import FIELDS, Feedback, apply, field_name
from belscript.agreement.model import Agreement, Callback, Payment
from belscript.script.models import AgreementKind, AgreementPolicy

DUE = Decimal("1250.50")
POLICY = AgreementPolicy(if_broken="")


def enter(a: Agreement, field: str, text: str, *, policy: AgreementPolicy = POLICY, today=None,
          due=DUE) -> tuple[Agreement, Feedback]:
    return apply(a, field, text, policy=policy, amount_due=due, today=today or datetime(2026, 11, 23, 10, 15))


def test_fields_are_dutch_and_explained():
    """Every field the caller can fill in has a Dutch name and an explanation."""
    assert {"soort", "naam", "bedrag", "datum", "termijnen", "deelbetaling", "terugbellen", "gevolg"} <= set(FIELDS)
    assert all(FIELDS.values())
    assert field_name("Wanneer") == "datum"
    assert field_name("/termijnen:") == "termijnen"


def test_a_full_payment_entered_field_by_field_becomes_concrete():
    """Kind, date, name and consequence entered one by one give a concrete agreement."""
    a = Agreement()
    a, fb = enter(a, "soort", "volledig")
    assert fb.ok and fb.shown == "volledige betaling"
    a, fb = enter(a, "datum", "vrijdag")
    assert fb == Feedback(ok=True, shown="vrijdag 27 november 2026", missing=[
        "Nog niet genoteerd: wie de afspraak maakt (naam).",
        "Nog niet afgesproken: wat er gebeurt als de afspraak niet wordt nagekomen.",
    ])
    assert a.payments == [Payment(amount=DUE, on=date(2026, 11, 27))]
    a, fb = enter(a, "naam", "Petra de Vries")
    assert fb.shown == "Petra de Vries"
    a, fb = enter(a, "gevolg", "Dan dragen we de vordering over aan een incassobureau.")
    assert fb.ok and fb.missing == []


def test_a_vague_date_is_refused_and_leaves_the_agreement_unchanged():
    """"volgende week" is refused with a better question; the agreement stays as it was."""
    before = Agreement(kind=AgreementKind.full_payment)
    after, fb = enter(before, "datum", "volgende week")
    assert after == before
    assert not fb.ok and fb.shown == ""
    assert fb.hint == "Op welke dag volgende week kunt u het bedrag overmaken?"
    assert "Nog niet afgesproken: op welke datum wordt betaald." in fb.missing


def test_the_input_agreement_is_never_modified():
    """apply returns a new agreement and leaves the one passed in untouched."""
    before = Agreement(kind=AgreementKind.full_payment)
    after, fb = enter(before, "datum", "vrijdag")
    assert fb.ok and before.payments == [] and after.payments


def test_amount_is_shown_in_dutch_notation():
    """An amount with a date is echoed as € 1.250,50 with the date in words."""
    a, fb = enter(Agreement(kind=AgreementKind.full_payment), "bedrag", "1.250,50 op vrijdag")
    assert fb.ok and fb.shown == "€ 1.250,50 op vrijdag 27 november 2026"


def test_whole_amount_without_date_asks_for_the_date():
    """"alles" is understood as the amount due and the feedback asks for the date next."""
    a, fb = enter(Agreement(kind=AgreementKind.full_payment), "bedrag", "alles")
    assert fb.ok and fb.shown == "€ 1.250,50 (het hele openstaande bedrag)"
    assert fb.message == "Nu nog de datum: wanneer wordt het bedrag betaald?"


def test_amount_above_what_is_owed_is_refused():
    """More than the amount due is refused with the amount due in the hint."""
    _, fb = enter(Agreement(), "bedrag", "2000 op vrijdag")
    assert not fb.ok
    assert fb.message == "€ 2.000,00 is meer dan het openstaande bedrag (€ 1.250,50)."


def test_part_of_the_amount_for_a_full_payment_points_to_partial_payment():
    """A lower amount for a full payment is refused and suggests a partial payment."""
    _, fb = enter(Agreement(kind=AgreementKind.full_payment), "bedrag", "900 op vrijdag")
    assert fb.message == "Het afgesproken bedrag is € 900,00, maar het openstaande bedrag is € 1.250,50 (verschil € 350,50)."
    assert "deelbetaling" in fb.hint


def test_instalments_are_round_amounts_with_the_remainder_in_the_last():
    """"3 termijnen vanaf 30 november" gives round monthly amounts (the rest in the last), none on New Year's Day."""
    a, fb = enter(Agreement(), "termijnen", "3 termijnen vanaf 30 november")
    assert fb.ok
    assert fb.shown == (
        "3 termijnen: € 415,00 op maandag 30 november 2026, € 415,00 op woensdag 30 december 2026, "
        "€ 420,50 op maandag 1 februari 2027"
    )
    assert a.kind is AgreementKind.payment_plan
    assert sum(p.amount for p in a.payments) == DUE


def test_instalments_in_words_weekly():
    """"drie wekelijkse termijnen vanaf vrijdag" gives instalments one week apart."""
    a, fb = enter(Agreement(), "termijnen", "drie termijnen per week vanaf vrijdag")
    assert fb.ok
    assert [p.on for p in a.payments] == [date(2026, 11, 27), date(2026, 12, 4), date(2026, 12, 11)]


def test_explicit_instalment_list_is_accepted():
    """An explicit list with Dutch amounts and dates becomes the payment plan."""
    a, fb = enter(Agreement(), "termijnen", "500 op 30 november, 400 op 1 januari, 350,50 op 1 februari")
    assert fb.ok
    assert [p.amount for p in a.payments] == [Decimal("500.00"), Decimal("400.00"), Decimal("350.50")]


def test_instalment_list_with_rest_computes_the_rest():
    """"rest op 1 januari" is the amount due minus the other instalments."""
    a, fb = enter(Agreement(), "termijnen", "500 op 30 november, rest op 1 januari")
    assert fb.ok and a.payments[1].amount == Decimal("750.50")


def test_instalments_that_do_not_add_up_are_refused():
    """A plan that falls short is refused with the exact difference."""
    before = Agreement()
    after, fb = enter(before, "termijnen", "500 op 30 november, 400 op 1 januari")
    assert after == before and not fb.ok
    assert fb.message == "De termijnen tellen op tot € 900,00, maar het openstaande bedrag is € 1.250,50 (verschil € 350,50)."


def test_instalments_over_the_script_limit_are_refused():
    """More instalments than the script allows are refused with a better question."""
    policy = AgreementPolicy(max_instalments=2, latest_days=365)
    _, fb = enter(Agreement(), "termijnen", "4 termijnen vanaf 30 november", policy=policy)
    assert not fb.ok
    assert "hoogstens 2 termijnen" in fb.message
    assert fb.hint == "Lukt het in 2 termijnen?"


def test_instalments_without_start_date_ask_for_it():
    """A count without a start date is refused and asks from when."""
    _, fb = enter(Agreement(), "termijnen", "3 termijnen")
    assert not fb.ok and "vanaf welke datum" in fb.message.lower()


def test_instalment_with_a_vague_date_names_the_item():
    """A vague date inside a list is refused and the refusal says which item."""
    _, fb = enter(Agreement(), "termijnen", "500 op 30 november, rest binnenkort")
    assert not fb.ok
    assert fb.message.startswith("Bij ‘rest binnenkort’")


def test_instalments_switch_the_kind_and_say_so():
    """Entering instalments on a full payment switches to a payment plan with a note."""
    a, fb = enter(Agreement(kind=AgreementKind.full_payment), "termijnen", "2 termijnen vanaf 30 november")
    assert a.kind is AgreementKind.payment_plan
    assert fb.message == "Soort afspraak is nu: betalingsregeling (was volledige betaling)."


def test_kind_not_offered_is_refused():
    """A kind the script does not offer is refused and the offered kinds are named."""
    policy = AgreementPolicy(accepts=[AgreementKind.full_payment])
    _, fb = enter(Agreement(), "soort", "regeling", policy=policy)
    assert not fb.ok
    assert fb.message == "Dit belscript biedt geen betalingsregeling aan."
    assert fb.hint == "Wel mogelijk: volledige betaling."
    _, fb = enter(Agreement(), "termijnen", "2 termijnen vanaf 30 november", policy=policy)
    assert not fb.ok and fb.message == "Dit belscript biedt geen betalingsregeling aan."


def test_partial_payment_now_and_rest_later():
    """"250 vandaag, rest op 15 december" records both parts of a partial payment."""
    a, fb = enter(Agreement(), "deelbetaling", "250 vandaag, rest op 15 december")
    assert fb.ok
    assert fb.shown == "€ 250,00 op maandag 23 november 2026, rest € 1.000,50 op dinsdag 15 december 2026"
    assert a.kind is AgreementKind.partial_payment


def test_partial_payment_rest_can_follow_later():
    """The first part alone is accepted; the rest is asked for and can be entered afterwards."""
    a, fb = enter(Agreement(), "deelbetaling", "250 vandaag")
    assert fb.ok and "Nog niet afgesproken: op welke datum de rest (€ 1.000,50) wordt betaald." in fb.missing
    a, fb = enter(a, "rest", "15 december")
    assert fb.ok and a.payments[1] == Payment(amount=Decimal("1000.50"), on=date(2026, 12, 15))


def test_partial_payment_below_minimum_is_refused():
    """A first part below the script's minimum is refused with the minimum as question."""
    policy = AgreementPolicy(min_first_instalment="25%")
    _, fb = enter(Agreement(), "deelbetaling", "250 vandaag", policy=policy)
    assert not fb.ok
    assert fb.hint == "Kunt u nu € 312,63 betalen?"


def test_rest_with_a_wrong_amount_is_refused():
    """A rest amount that does not match what remains is refused with the right amount."""
    a, _ = enter(Agreement(), "deelbetaling", "250 vandaag")
    _, fb = enter(a, "rest", "900 op 15 december")
    assert fb.message == "De rest is € 1.000,50 (€ 1.250,50 min € 250,00), niet € 900,00."


def test_deferral_beyond_the_limit_is_refused_with_the_latest_date():
    """Deferral longer than the script allows is refused and the hint proposes the last allowed day."""
    a, _ = enter(Agreement(), "soort", "uitstel")
    after, fb = enter(a, "datum", "over drie weken")
    assert after == a and not fb.ok
    assert fb.hint == "Lukt het uiterlijk maandag 7 december 2026? Anders: een deel nu en de rest later, of een regeling."


def test_callback_with_person_and_moment():
    """"Petra, dinsdag om 10 uur" becomes a callback, echoed with the moment in words."""
    a, fb = enter(Agreement(), "terugbellen", "Petra, dinsdag om 10 uur")
    assert fb.ok and fb.shown == "Petra, dinsdag 24 november 2026 om 10:00"
    assert a.callback == Callback(person="Petra", at=datetime(2026, 11, 24, 10, 0))
    assert a.kind is AgreementKind.callback


def test_callback_without_comma_finds_the_name():
    """The person's name can be typed before the moment without a comma."""
    a, fb = enter(Agreement(), "terugbellen", "Jan de Boer dinsdag om 14:00")
    assert fb.ok and a.callback.person == "Jan de Boer"


def test_callback_outside_golden_hours_warns_but_accepts():
    """A callback at lunchtime is accepted with a note about the golden calling hours."""
    _, fb = enter(Agreement(), "terugbellen", "Petra, dinsdag om 12 uur")
    assert fb.ok and "gouden beluren" in fb.message


def test_callback_on_a_holiday_warns():
    """A callback on Christmas Day is accepted with a note that it is a public holiday."""
    _, fb = enter(Agreement(), "terugbellen", "Petra, 25 december om 10 uur")
    assert fb.ok and "feestdag" in fb.message


def test_callback_without_person_is_refused():
    """A moment without a person is refused and asks whom to call back."""
    _, fb = enter(Agreement(), "terugbellen", "dinsdag om 10 uur")
    assert not fb.ok and "Wie kan ik dan terugbellen?" in fb.hint


def test_callback_earlier_today_is_refused():
    """A callback moment that has already passed today is refused."""
    _, fb = enter(Agreement(), "terugbellen", "Petra, vandaag om 9 uur")
    assert not fb.ok and "is al voorbij" in fb.message


def test_switching_to_callback_drops_payments_with_a_note():
    """Choosing a callback removes promised payments and says so."""
    a, _ = enter(Agreement(), "deelbetaling", "250 vandaag")
    a, fb = enter(a, "soort", "terugbellen")
    assert a.payments == [] and "weggehaald" in fb.message


def test_standard_consequence_comes_from_the_script():
    """"standaard" takes the consequence text from the script's policy."""
    policy = AgreementPolicy(if_broken="Dan sturen we een aanmaning met incassokosten.")
    a, fb = enter(Agreement(), "gevolg", "standaard", policy=policy)
    assert fb.ok and a.if_broken == "Dan sturen we een aanmaning met incassokosten."
    _, fb = enter(Agreement(), "gevolg", "standaard")
    assert not fb.ok


@pytest.mark.parametrize("text", ["dan zien we wel", "niets", "nvt"])
def test_empty_consequence_is_refused(text):
    """A consequence that says nothing is refused with an example of a real one."""
    _, fb = enter(Agreement(), "gevolg", text)
    assert not fb.ok and "incassobureau" in fb.hint


@pytest.mark.parametrize("name", ["123", "", "   "])
def test_name_must_be_a_name(name):
    """A name without letters is refused."""
    _, fb = enter(Agreement(), "naam", name)
    assert not fb.ok


def test_unknown_field_lists_the_fields():
    """An unknown field name is refused and the possible fields are listed."""
    _, fb = enter(Agreement(), "kleur", "blauw")
    assert not fb.ok and "termijnen" in fb.hint


def test_date_for_a_full_payment_always_means_the_whole_amount():
    """After switching to a full payment, a new date carries the whole amount due."""
    a, _ = enter(Agreement(), "deelbetaling", "250 vandaag, rest op 15 december")
    a, _ = enter(a, "soort", "volledig")
    a, fb = enter(a, "datum", "vrijdag")
    assert fb.ok and a.payments == [Payment(amount=DUE, on=date(2026, 11, 27))]


def test_today_may_be_a_plain_date():
    """The engine may pass a date instead of the current moment."""
    a, fb = enter(Agreement(), "datum", "vrijdag", today=date(2026, 11, 23))
    assert fb.ok and a.payments[0].on == date(2026, 11, 27)


@given(st.decimals(min_value=1, max_value=10**6, places=2), st.integers(min_value=2, max_value=60))
def test_round_instalments_add_up_and_only_the_last_differs(total, count):
    """Split amounts always add up to the total, all but the last are equal, and every payment is positive."""
    from belscript.agreement.payment_text import round_instalments

    amounts = round_instalments(total, count)
    assert len(amounts) == count and sum(amounts) == total
    assert len(set(amounts[:-1])) == 1 and all(a > 0 for a in amounts)


def test_round_instalments_are_whole_tens_when_the_amount_allows():
    """€ 2.813 in three is € 940, € 940 and € 933: amounts a caller can say, not € 937,66."""
    from belscript.agreement.payment_text import round_instalments

    assert round_instalments(Decimal("2813.00"), 3) == [Decimal("940.00"), Decimal("940.00"), Decimal("933.00")]

"""Is the agreement concrete? Exact Dutch problems per kind of agreement."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from belscript.agreement.check import is_concrete, problems
from belscript.agreement.model import Agreement, Callback, Payment
from belscript.script.models import AgreementKind, AgreementPolicy

DUE = Decimal("1250.50")
TODAY = date(2026, 11, 23)
POLICY = AgreementPolicy(if_broken="")
BROKEN = "Dan dragen we de vordering over aan een incassobureau."


def pay(amount: str, on: date) -> Payment:
    return Payment(amount=Decimal(amount), on=on)


def agreement(kind, payments=(), **extra) -> Agreement:
    return Agreement(kind=kind, agreed_by="Petra de Vries", payments=list(payments), if_broken=BROKEN, **extra)


def check(a: Agreement, policy: AgreementPolicy = POLICY, today=TODAY) -> list[str]:
    return problems(a, policy=policy, amount_due=DUE, today=today)


def test_empty_agreement_lists_everything_that_is_missing():
    """A fresh agreement says the kind, the name, the date and the consequence are still missing."""
    assert check(Agreement()) == [
        "Nog niet afgesproken: welke soort afspraak het is (volledige betaling, deelbetaling, "
        "betalingsregeling, uitstel van betaling of terugbelafspraak).",
        "Nog niet genoteerd: wie de afspraak maakt (naam).",
        "Nog niet afgesproken: op welke datum wordt betaald.",
        "Nog niet afgesproken: wat er gebeurt als de afspraak niet wordt nagekomen.",
    ]


def test_full_payment_on_a_date_is_concrete():
    """The whole amount on Friday, by a named person, with a consequence, is concrete."""
    a = agreement(AgreementKind.full_payment, [pay("1250.50", date(2026, 11, 27))])
    assert check(a) == []
    assert is_concrete(a, policy=POLICY, amount_due=DUE, today=TODAY)


def test_full_payment_of_a_different_amount_names_the_difference():
    """A full payment that is not the amount due says both amounts and the difference."""
    a = agreement(AgreementKind.full_payment, [pay("900", date(2026, 11, 27))])
    assert check(a) == [
        "Het afgesproken bedrag is € 900,00, maar het openstaande bedrag is € 1.250,50 (verschil € 350,50)."
    ]


def test_policy_consequence_counts_when_the_agreement_has_none():
    """The script's default "if broken" text makes an explicit consequence unnecessary."""
    a = agreement(AgreementKind.full_payment, [pay("1250.50", date(2026, 11, 27))]).model_copy(update={"if_broken": None})
    assert check(a) == ["Nog niet afgesproken: wat er gebeurt als de afspraak niet wordt nagekomen."]
    assert check(a, AgreementPolicy(if_broken="We schakelen een incassobureau in.")) == []


def test_kind_not_offered_by_the_script_is_a_problem():
    """A kind the script does not accept is named, together with the kinds that are possible."""
    policy = AgreementPolicy(accepts=[AgreementKind.full_payment, AgreementKind.payment_plan])
    a = agreement(AgreementKind.deferral, [pay("1250.50", date(2026, 11, 27))])
    assert check(a, policy) == [
        "Dit belscript biedt geen uitstel van betaling aan; wel mogelijk: volledige betaling of betalingsregeling."
    ]


def test_payment_plan_that_does_not_add_up_says_the_difference():
    """Instalments that fall short of the amount due are reported with the exact difference."""
    a = agreement(AgreementKind.payment_plan, [pay("500", date(2026, 11, 30)), pay("400", date(2027, 1, 1))])
    assert check(a) == [
        "De termijnen tellen op tot € 900,00, maar het openstaande bedrag is € 1.250,50 (verschil € 350,50)."
    ]


def test_payment_plan_within_limits_is_concrete():
    """Three ascending instalments adding up to the amount due are concrete."""
    a = agreement(AgreementKind.payment_plan, [
        pay("500", date(2026, 11, 30)), pay("400", date(2027, 1, 1)), pay("350.50", date(2027, 2, 1))
    ])
    assert check(a) == []


def test_payment_plan_limits_of_the_script_are_enforced():
    """Too many instalments and a first instalment below the minimum are both reported."""
    policy = AgreementPolicy(max_instalments=2, min_first_instalment="25%")
    a = agreement(AgreementKind.payment_plan, [
        pay("250.50", date(2026, 11, 30)), pay("500", date(2027, 1, 1)), pay("500", date(2027, 2, 1))
    ])
    assert check(a, policy) == [
        "Dit belscript staat hoogstens 2 termijnen toe; er zijn er 3 afgesproken.",
        "De eerste termijn (€ 250,50) is lager dan het minimum van dit belscript: € 312,63 (25% van € 1.250,50).",
    ]


def test_minimum_first_instalment_as_an_amount():
    """A minimum written as an amount is compared as an amount."""
    policy = AgreementPolicy(min_first_instalment="300")
    a = agreement(AgreementKind.payment_plan, [pay("250.50", date(2026, 11, 30)), pay("1000", date(2027, 1, 1))])
    assert check(a, policy) == ["De eerste termijn (€ 250,50) is lager dan het minimum van dit belscript: € 300,00."]


def test_instalment_dates_must_ascend():
    """Two instalments on one day, or dates out of order, are reported."""
    a = agreement(AgreementKind.payment_plan, [pay("625.25", date(2026, 11, 30)), pay("625.25", date(2026, 11, 30))])
    assert check(a) == [
        "Twee betalingen staan op dezelfde datum (maandag 30 november 2026); elke betaling heeft een eigen datum."
    ]
    swapped = a.model_copy(update={"payments": [pay("625.25", date(2026, 11, 27)), pay("625.25", date(2026, 11, 25))]})
    assert check(swapped) == [
        "De datums lopen niet op: woensdag 25 november 2026 staat na vrijdag 27 november 2026; "
        "zet de betalingen op volgorde van datum."
    ]


def test_payment_plan_needs_two_instalments():
    """One instalment is not a payment plan."""
    a = agreement(AgreementKind.payment_plan, [pay("1250.50", date(2026, 11, 30))])
    assert check(a)[0].startswith("Een betalingsregeling heeft minstens twee termijnen")


def test_dates_beyond_the_latest_day_of_the_script_are_reported():
    """A promise further away than the script allows names the latest acceptable day."""
    a = agreement(AgreementKind.payment_plan, [pay("625.25", date(2026, 11, 30)), pay("625.25", date(2027, 3, 1))])
    assert check(a.model_copy(), AgreementPolicy(if_broken="", max_days_between=365)) == [
        "Maandag 1 maart 2027 is meer dan 90 dagen na vandaag; dit belscript staat betalingen tot "
        "uiterlijk zondag 21 februari 2027 toe."
    ]


def test_dates_in_the_past_are_reported():
    """A payment dated before today is reported (e.g. when a call is resumed days later)."""
    a = agreement(AgreementKind.full_payment, [pay("1250.50", date(2026, 11, 20))])
    assert check(a) == ["De betaling op vrijdag 20 november 2026 ligt in het verleden."]


def test_deferral_longer_than_allowed_is_reported():
    """Deferral beyond max_deferral_days names the limit in days and as a date."""
    a = agreement(AgreementKind.deferral, [pay("1250.50", date(2026, 12, 14))])
    assert check(a) == [
        "Uitstel tot maandag 14 december 2026 is 21 dagen uitstel; dit belscript staat hoogstens 14 dagen "
        "uitstel toe (uiterlijk maandag 7 december 2026)."
    ]
    assert check(a.model_copy(update={"payments": [pay("1250.50", date(2026, 12, 7))]})) == []


def test_partial_payment_missing_the_rest_says_how_much_remains():
    """A partial payment with only the first part asks when the remaining amount is paid."""
    a = agreement(AgreementKind.partial_payment, [pay("250", date(2026, 11, 23))])
    assert check(a) == ["Nog niet afgesproken: op welke datum de rest (€ 1.000,50) wordt betaald."]


def test_partial_payment_with_rest_is_concrete():
    """Part now and the rest on a later date, adding up, is concrete."""
    a = agreement(AgreementKind.partial_payment, [pay("250", date(2026, 11, 23)), pay("1000.50", date(2026, 12, 15))])
    assert check(a) == []


def test_partial_payment_first_part_must_be_soon():
    """The first part of a partial payment is paid now: within a week."""
    a = agreement(AgreementKind.partial_payment, [pay("250", date(2026, 12, 10)), pay("1000.50", date(2026, 12, 15))])
    assert check(a) == [
        "Bij een deelbetaling wordt het eerste deel nu betaald, binnen 7 dagen (uiterlijk maandag 30 november "
        "2026); donderdag 10 december 2026 is later."
    ]


def test_callback_needs_person_and_moment_but_no_payment():
    """A callback with a named person and a future moment is concrete without payments or consequence."""
    a = Agreement(kind=AgreementKind.callback, agreed_by="Jan Jansen",
                  callback=Callback(person="Petra", at=datetime(2026, 11, 24, 10, 0)))
    assert check(a) == []
    assert check(a.model_copy(update={"callback": None})) == [
        "Nog niet afgesproken: wie er op welk moment wordt teruggebeld."
    ]


def test_callback_earlier_today_is_past_when_now_is_known():
    """With the current moment as 'today', a callback at 09:00 on the same day is in the past."""
    a = Agreement(kind=AgreementKind.callback, agreed_by="Jan Jansen",
                  callback=Callback(person="Petra", at=datetime(2026, 11, 23, 9, 0)))
    assert check(a, today=datetime(2026, 11, 23, 10, 15)) == [
        "Het terugbelmoment (maandag 23 november 2026 om 09:00) ligt in het verleden."
    ]


@pytest.mark.parametrize("amount", ["0", "-10"])
def test_zero_or_negative_amounts_are_no_payment(amount):
    """A payment of zero or less is reported as no payment at all."""
    a = agreement(None, [pay(amount, date(2026, 11, 27))])
    assert any("is geen betaling" in p for p in check(a))

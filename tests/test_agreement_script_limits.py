"""Every limit a built-in script states is enforced, read from the script file itself, with the reason in words."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from belscript.agreement.check import minimum_first, problems
from belscript.agreement.entry import apply
from belscript.agreement.model import Agreement, Payment
from belscript.script.loader import resolve_script
from belscript.script.models import AgreementKind

TODAY = date(2026, 11, 23)
DUE = Decimal("2813.00")
SCRIPTS = ["eerste-gesprek", "tweede-gesprek", "servicegesprek"]


def _policy(name):
    return resolve_script(name).script.agreement


def _check(policy, kind, payments) -> list[str]:
    agreement = Agreement(kind=kind, agreed_by="Ingrid van Dijk", payments=payments, if_broken="x")
    return problems(agreement, policy=policy, amount_due=DUE, today=TODAY)


def _day(n: int) -> date:
    return TODAY + timedelta(days=n)


def _plan(policy, first: date, gap: int, count: int | None = None) -> list[Payment]:
    count = count or policy.max_instalments
    low = minimum_first(policy, DUE)
    head = max(low[0] if low else Decimal(0), (DUE / count).quantize(Decimal("0.01")))
    rest = (DUE - head) / (count - 1) if count > 1 else Decimal(0)
    amounts = [head] + [rest.quantize(Decimal("0.01"))] * (count - 1)
    amounts[-1] += DUE - sum(amounts)
    return [Payment(amount=a, on=first + timedelta(days=gap * i)) for i, a in enumerate(amounts)]


@pytest.mark.parametrize("name", SCRIPTS)
@pytest.mark.parametrize("kind", [AgreementKind.deferral, AgreementKind.full_payment])
def test_paying_everything_later_than_the_scripts_maximum_deferral_is_refused(name, kind):
    """Deferral and 'full payment' alike: the last allowed day is fine, the day after is refused, saying why."""
    policy = _policy(name)
    limit = policy.max_deferral_days
    assert _check(policy, kind, [Payment(amount=DUE, on=_day(limit))]) == []
    refused = _check(policy, kind, [Payment(amount=DUE, on=_day(limit + 1))])
    assert refused and f"hoogstens {limit} dagen uitstel" in refused[0]


@pytest.mark.parametrize("name", SCRIPTS)
def test_a_payment_plan_starting_later_than_the_script_allows_is_refused(name):
    """The first instalment must fall within the script's first_within_days, with the last allowed date named."""
    policy = _policy(name)
    limit = policy.first_within_days
    gap = min(28, (policy.latest_days - limit - 1) // max(1, policy.max_instalments - 1))
    assert _check(policy, AgreementKind.payment_plan, _plan(policy, _day(limit), gap)) == []
    refused = _check(policy, AgreementKind.payment_plan, _plan(policy, _day(limit + 1), gap))
    assert any(f"eerste termijn binnen {limit} dagen" in p for p in refused), refused


@pytest.mark.parametrize("name", SCRIPTS)
def test_a_partial_payment_whose_first_part_is_not_soon_is_refused(name):
    """The first part of a partial payment is paid within first_within_days; later is refused."""
    policy = _policy(name)
    limit = policy.first_within_days
    low = minimum_first(policy, DUE)
    first = low[0] if low else Decimal("500.00")
    ok = [Payment(amount=first, on=_day(limit)), Payment(amount=DUE - first, on=_day(limit + 10))]
    assert _check(policy, AgreementKind.partial_payment, ok) == []
    late = [Payment(amount=first, on=_day(limit + 1)), Payment(amount=DUE - first, on=_day(limit + 10))]
    assert any(f"binnen {limit} dagen" in p for p in _check(policy, AgreementKind.partial_payment, late))


@pytest.mark.parametrize("name", SCRIPTS)
def test_instalments_further_apart_than_the_script_allows_are_refused(name):
    """Two instalments more than max_days_between apart are refused, saying how many days there are."""
    policy = _policy(name)
    gap = policy.max_days_between
    if policy.max_instalments < 2 or gap + 1 > policy.latest_days:
        pytest.skip("no room for a gap beyond the limit within the latest day")
    assert not [p for p in _check(policy, AgreementKind.payment_plan, _plan(policy, TODAY, gap, 2))
                if "tussen twee termijnen" in p]
    refused = _check(policy, AgreementKind.payment_plan, _plan(policy, TODAY, gap + 1, 2))
    assert any(f"{gap + 1} dagen; dit belscript staat hoogstens {gap} dagen tussen twee termijnen toe" in p
               for p in refused), refused


@pytest.mark.parametrize("name", SCRIPTS)
def test_more_instalments_than_the_script_allows_are_refused(name):
    """One instalment more than max_instalments is refused with the maximum in words."""
    policy = _policy(name)
    count = policy.max_instalments + 1
    refused = _check(policy, AgreementKind.payment_plan, _plan(policy, TODAY, 7, count))
    assert any(f"hoogstens {policy.max_instalments} termijnen" in p for p in refused), refused


@pytest.mark.parametrize("name", SCRIPTS)
def test_a_first_instalment_below_the_scripts_minimum_is_refused(name):
    """A first instalment a cent below min_first_instalment is refused, naming the minimum."""
    policy = _policy(name)
    low = minimum_first(policy, DUE)
    assert low is not None, "every built-in script states a minimum first payment"
    first = low[0] - Decimal("0.01")
    payments = [Payment(amount=first, on=TODAY), Payment(amount=DUE - first, on=_day(7))]
    refused = _check(policy, AgreementKind.payment_plan, payments)
    assert any("lager dan het minimum van dit belscript" in p for p in refused), refused


@pytest.mark.parametrize("name", SCRIPTS)
def test_no_date_beyond_the_scripts_latest_day(name):
    """A last payment one day after latest_days is refused, naming the last allowed date."""
    policy = _policy(name)
    low = minimum_first(policy, DUE)
    first = max(low[0], DUE / 2).quantize(Decimal("0.01"))
    late = [Payment(amount=first, on=TODAY), Payment(amount=DUE - first, on=_day(policy.latest_days + 1))]
    refused = _check(policy, AgreementKind.partial_payment, late)
    assert any(f"meer dan {policy.latest_days} dagen na vandaag" in p for p in refused), refused


def test_the_plan_the_user_saw_accepted_starting_on_a_late_sunday_is_refused():
    """'3 termijnen vanaf zondag 20 december' on 23 November breaks 'eerste termijn binnen een week'."""
    _a, fb = apply(Agreement(), "termijnen", "3 termijnen vanaf zondag 20 december", policy=_policy("eerste-gesprek"),
                   amount_due=DUE, today=TODAY)
    assert not fb.ok and "eerste termijn binnen 7 dagen, uiterlijk maandag 30 november 2026" in fb.message


@pytest.mark.parametrize("loose, reading", [
    ("eind van de maand", "maandag 30 november 2026"),
    ("begin volgende maand", "dinsdag 1 december 2026"),
    ("begin december", "dinsdag 1 december 2026"),
])
def test_a_loose_phrase_is_asked_back_as_a_reading_the_customer_confirms(loose, reading):
    """'Eind van de maand' is not taken as a date: the screen shows its reading and the question to ask."""
    agreement = Agreement(kind=AgreementKind.full_payment, agreed_by="Ingrid")
    _a, fb = apply(agreement, "datum", loose, policy=_policy("eerste-gesprek"), amount_due=DUE, today=TODAY)
    assert not fb.ok
    assert f"ik lees het als {reading}" in fb.message and f"Dus uiterlijk {reading}?" in fb.hint


def test_a_loose_phrase_landing_on_new_years_day_is_read_as_the_next_working_day():
    """'begin volgende maand' in December is not Friday 1 January (New Year's Day) but Monday 4 January."""
    agreement = Agreement(kind=AgreementKind.full_payment, agreed_by="Ingrid")
    _a, fb = apply(agreement, "datum", "begin volgende maand", policy=_policy("eerste-gesprek"), amount_due=DUE,
                   today=date(2026, 12, 21))
    assert "ik lees het als maandag 4 januari 2027" in fb.message


@pytest.mark.parametrize("said, warning, offer", [
    ("zaterdag", "zaterdag 28 november 2026 is een zaterdag", "vrijdag 27 november 2026"),
    ("zondag", "zondag 29 november 2026 is een zondag", "maandag 30 november 2026"),
])
def test_a_weekend_day_is_flagged_with_the_nearest_working_day(said, warning, offer):
    """A payment date on a weekend day is accepted with a warning that proposes the nearest working day."""
    agreement = Agreement(kind=AgreementKind.full_payment, agreed_by="Ingrid")
    _a, fb = apply(agreement, "datum", said, policy=_policy("eerste-gesprek"), amount_due=DUE, today=TODAY)
    assert fb.ok and warning in fb.message and f"werkdag voor: {offer}" in fb.message


def test_a_public_holiday_is_flagged_by_name_with_the_nearest_working_day():
    """Christmas Day as a payment date is flagged as a public holiday, with Thursday 24 December offered."""
    agreement = Agreement(kind=AgreementKind.full_payment, agreed_by="Ingrid")
    _a, fb = apply(agreement, "datum", "25 december", policy=_policy("eerste-gesprek"), amount_due=DUE,
                   today=date(2026, 12, 14))
    assert fb.ok and "vrijdag 25 december 2026 is Eerste kerstdag (een feestdag)" in fb.message
    assert "werkdag voor: donderdag 24 december 2026" in fb.message


def test_a_weekday_that_does_not_match_the_date_is_asked_about():
    """'dinsdag 2 december' when the 2nd is a Wednesday is refused with both readings as the question."""
    agreement = Agreement(kind=AgreementKind.full_payment, agreed_by="Ingrid")
    _a, fb = apply(agreement, "datum", "dinsdag 2 december", policy=_policy("eerste-gesprek"), amount_due=DUE,
                   today=TODAY)
    assert not fb.ok and "is een woensdag, geen dinsdag" in fb.message
    assert fb.hint == "Bedoelt u dinsdag 1 december 2026 of woensdag 2 december 2026?"

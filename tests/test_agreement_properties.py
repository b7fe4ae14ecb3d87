"""Properties of amounts, dates, agreements and calling times, checked with Hypothesis.

The strategies live at the top of this module so every property draws from the same
realistic Dutch inputs.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from belscript.agreement.check import payment_issues, problems
from belscript.agreement.dates import MONTHS, WEEKDAYS, resolve_date, resolve_moment
from belscript.agreement.entry import apply
from belscript.agreement.model import Agreement, Payment
from belscript.calltime import follow_up_moment, holiday_name, is_golden, is_working_day, next_golden
from belscript.errors import AgreementError
from belscript.money import format_amount, parse_amount
from belscript.script.models import AgreementKind, AgreementPolicy

# --------------------------------------------------------------------------- strategies

cents = st.integers(min_value=-10**11, max_value=10**11).map(lambda c: Decimal(c) / 100)
positive_amounts = st.integers(min_value=100, max_value=10**8).map(lambda c: Decimal(c) / 100)
days = st.dates(min_value=date(2024, 1, 1), max_value=date(2032, 12, 31))
moments = st.builds(
    datetime.combine,
    days,
    st.times(max_value=time(23, 59)).map(lambda t: t.replace(second=0, microsecond=0)),
)
number_words = st.sampled_from(["een", "twee", "drie", "vier", "tien", "twaalf", "1", "2", "5", "14", "30"])
spoken_dates = st.one_of(
    st.sampled_from(WEEKDAYS),
    st.sampled_from(["vandaag", "morgen", "overmorgen", "eind van de maand", "eind volgende maand",
                     "begin volgende maand", "eind van de week", "gisteren", "de 15e"]),
    st.builds(lambda p, d: f"{p} {d}", st.sampled_from(["komende", "aanstaande", "deze", "volgende week"]),
              st.sampled_from(WEEKDAYS)),
    st.builds(lambda n, u: f"over {n} {u}", number_words, st.sampled_from(["dagen", "weken", "maanden", "werkdagen"])),
    st.builds(lambda d, m: f"{d} {m}", st.integers(1, 31), st.sampled_from(MONTHS)),
    st.builds(lambda d, m: f"{d}-{m}", st.integers(1, 31), st.integers(1, 12)),
    st.builds(lambda d, m, y: f"{d}-{m}-{y}", st.integers(1, 31), st.integers(1, 12), st.integers(2023, 2034)),
)
policy_with_limits = st.builds(
    AgreementPolicy,
    max_instalments=st.integers(1, 12),
    latest_days=st.integers(30, 730),
    min_first_instalment=st.sampled_from([None, "10%", "25%", "100"]),
)


# --------------------------------------------------------------------------- money

@given(cents)
def test_format_and_parse_amount_round_trip(value):
    """Every amount shown the Dutch way reads back to exactly the same cents."""
    assert parse_amount(format_amount(value)) == value


# --------------------------------------------------------------------------- dates

@given(spoken_dates, days)
def test_resolved_dates_are_never_in_the_past(phrase, today):
    """A spoken date either resolves to today or later, or is refused with a Dutch message and hint."""
    try:
        resolved = resolve_date(phrase, today)
    except AgreementError as exc:
        assert exc.message and exc.hint
    else:
        assert resolved >= today


@given(st.text(max_size=40), days)
def test_any_text_gives_a_date_or_a_dutch_refusal(text, today):
    """Arbitrary text never crashes date resolution: it is a future date or an AgreementError."""
    try:
        resolved = resolve_date(text, today)
    except AgreementError as exc:
        assert exc.message
    else:
        assert resolved >= today


@given(st.builds(lambda d, h, m: f"{d} om {h}:{m:02d}", st.sampled_from(WEEKDAYS + ("morgen",)),
                 st.integers(0, 23), st.integers(0, 59)), moments)
def test_callback_moments_are_always_later_than_now(phrase, now):
    """A resolved callback moment always lies after the moment it was agreed."""
    try:
        assert resolve_moment(phrase, now) > now
    except AgreementError as exc:
        assert exc.hint


# --------------------------------------------------------------------------- agreements

@given(
    st.lists(st.tuples(positive_amounts, st.integers(0, 200)), min_size=1, max_size=8),
    positive_amounts,
    policy_with_limits,
)
def test_any_instalment_list_accepted_by_check_sums_to_the_amount_due(parts, due, policy):
    """When check finds nothing wrong with a payment plan, its instalments add up to the amount due."""
    today = date(2026, 11, 23)
    payments = [Payment(amount=a, on=today + timedelta(days=d)) for a, d in parts]
    if not payment_issues(AgreementKind.payment_plan, payments, policy=policy, amount_due=due, today=today):
        assert sum(p.amount for p in payments) == due
        assert [p.on for p in payments] == sorted({p.on for p in payments})
        assert 2 <= len(payments) <= policy.max_instalments


@given(st.integers(2, 12), positive_amounts, st.sampled_from(["1 december", "vrijdag", "morgen", "15-1"]),
       st.sampled_from(["", " per week", " per maand", " om de 2 weken"]))
def test_equal_instalments_entered_are_concrete_and_exact(count, due, start, interval):
    """Equal instalments that entry accepts always add up to the amount due to the cent."""
    policy = AgreementPolicy(max_instalments=12, latest_days=730)
    a = Agreement(agreed_by="Petra", if_broken="Dan volgt een aanmaning.")
    new, fb = apply(a, "termijnen", f"{count} termijnen{interval} vanaf {start}", policy=policy,
                    amount_due=due, today=date(2026, 11, 23))
    if fb.ok:
        assert sum(p.amount for p in new.payments) == due
        assert len(new.payments) == count
        assert fb.missing == problems(new, policy=policy, amount_due=due, today=date(2026, 11, 23)) == []
    else:
        assert new == a and fb.message


# --------------------------------------------------------------------------- calling times

@given(moments)
def test_next_golden_is_golden_and_not_before_now(now):
    """The next golden moment is inside a golden hour and never earlier than now."""
    moment = next_golden(now)
    assert moment >= now
    assert is_golden(moment)


@given(moments)
def test_follow_up_is_a_golden_working_day_later(now):
    """The follow-up moment is on a later working day, not a holiday, inside a golden hour."""
    moment = follow_up_moment(now)
    assert moment.date() > now.date()
    assert is_working_day(moment.date()) and holiday_name(moment.date()) is None
    assert moment.weekday() < 5
    assert is_golden(moment)

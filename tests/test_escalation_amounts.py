"""Collection costs and statutory interest come out as Dutch law computes them, with every
step shown, and impossible input is refused instead of giving a wrong amount."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings, strategies as st

from belscript.errors import EscalationError, InvalidDocument
from belscript.escalation.costs import MAXIMUM, MINIMUM, collection_costs
from belscript.escalation.facts import CustomerKind
from belscript.escalation.interest import statutory_interest
from belscript.escalation.rates import load_rates
from belscript.document.yamlsafe import load_text
from belscript.escalation.rates import check_rates

D = Decimal
TABLE = load_rates()
amounts = st.decimals(min_value=D("0.01"), max_value=D("2000000"), places=2)


@pytest.mark.parametrize(("principal", "costs"), [
    ("2500", "375.00"), ("5000", "625.00"), ("10000", "875.00"), ("200000", "2775.00"),
    ("1000000", "6775.00"), ("266", "40.00"), ("100", "40.00"), ("267", "40.05"), ("3000", "425.00"),
])
def test_collection_costs_follow_the_brackets_of_the_besluit(principal, costs):
    """The scale's own examples: € 2.500 → € 375, € 5.000 → € 625, € 10.000 → € 875, small sums → € 40."""
    assert collection_costs(D(principal)).total == D(costs)


def test_collection_costs_show_each_bracket_in_dutch():
    """The owner sees how the costs were made up, bracket by bracket."""
    lines = collection_costs(D("5000")).text_lines()
    assert lines == ["15% over de eerste € 2.500,00: € 375,00", "10% over de volgende € 2.500,00: € 250,00",
                     "Incassokosten over € 5.000,00: € 625,00"]


@given(amounts, amounts)
def test_collection_costs_grow_with_the_principal(a, b):
    """A larger debt never gives lower collection costs."""
    low, high = sorted((a, b))
    assert collection_costs(low).total <= collection_costs(high).total


@given(amounts)
def test_collection_costs_stay_between_minimum_and_maximum(principal):
    """Never below € 40, never above € 6.775, and the lines add up to the total."""
    c = collection_costs(principal)
    assert MINIMUM <= c.total <= MAXIMUM
    assert sum(line.amount for line in c.lines) == c.total


@pytest.mark.parametrize("bad", [D("-1.00"), D("0.00"), D("20000000.00"), D("12.345")])
def test_impossible_principals_are_refused_in_dutch(bad):
    """A negative, zero, absurd or sub-cent principal gives a Dutch message, not an amount."""
    with pytest.raises(EscalationError) as info:
        collection_costs(bad)
    assert any(w in info.value.message for w in ("negatief", "niets open", "Controleer", "komma"))


def test_commercial_interest_is_split_at_every_rate_change():
    """One line per rate period, each with its days, rate and amount."""
    c = statutory_interest(D("1000.00"), date(2024, 1, 1), date(2024, 12, 31), CustomerKind.business, TABLE)
    assert [line.text for line in c.lines] == [
        "1 januari 2024 t/m 30 juni 2024: 182 dagen × 12,5% per jaar over € 1.000,00",
        "1 juli 2024 t/m 31 december 2024: 184 dagen × 12,25% per jaar over € 1.000,00",
    ]
    assert [line.amount for line in c.lines] == [D("62.33"), D("61.75")]
    assert c.total == D("124.08")


def test_consumer_interest_is_compounded_after_each_full_year():
    """After a full year the year's interest is added to the principal (art. 6:119 lid 2 BW)."""
    c = statutory_interest(D("1000.00"), date(2022, 1, 1), date(2023, 1, 31), CustomerKind.consumer, TABLE)
    assert c.lines[0].text.endswith("365 dagen × 2% per jaar over € 1.000,00") and c.lines[0].amount == D("20.00")
    assert c.lines[1].text == "1 januari 2023 t/m 31 januari 2023: 31 dagen × 4% per jaar over € 1.020,00"
    assert c.lines[1].amount == D("3.47") and c.total == D("23.47")
    assert "6:119 lid 2" in c.note


def test_interest_past_the_confirmed_rates_is_refused_with_the_update_path():
    """No rate is guessed: past the table's last confirmed day the owner is told how to update it."""
    with pytest.raises(EscalationError) as info:
        statutory_interest(D("500.00"), date(2024, 6, 1), date(2026, 12, 3), CustomerKind.consumer, TABLE)
    assert "loopt tot en met 30 juni 2025" in info.value.message
    assert "Rentetabel bijwerken" in str(info.value)


def test_interest_before_the_table_begins_is_refused():
    """A default that starts before the first row has no rate, so no amount."""
    with pytest.raises(EscalationError, match="begint op 1 januari 2022"):
        statutory_interest(D("500.00"), date(2021, 6, 1), date(2022, 6, 1), CustomerKind.business, TABLE)


@settings(max_examples=60)
@given(st.dates(min_value=date(2022, 1, 1), max_value=date(2024, 12, 30)), st.integers(0, 900), st.integers(1, 300))
def test_interest_never_decreases_as_time_passes(start, length, extra):
    """One more day in default never lowers the interest."""
    end = min(start + timedelta(days=length), date(2024, 12, 30))
    later = min(end + timedelta(days=extra), date(2024, 12, 31))
    a = statutory_interest(D("1234.56"), start, end, CustomerKind.business, TABLE).total
    b = statutory_interest(D("1234.56"), start, later, CustomerKind.business, TABLE).total
    assert a <= b


ROW = "    - from: {a}\n      until: {b}\n      rate: \"2\"\n      source: https://example.nl/{a}\n"


def _table(rows: list[tuple[str, str]], confirmed: str) -> str:
    body = "".join(ROW.format(a=a, b=b) for a, b in rows)
    sched = f"  confirmed_until: {confirmed}\n  periods:\n{body}"
    return f"rates: 1\nstatutory:\n{sched}commercial:\n{sched}"


@pytest.mark.parametrize(("rows", "code", "line"), [
    ([("2024-01-01", "2024-06-30"), ("2024-07-02", "2024-12-31")], "rates-gap", 9),
    ([("2024-01-01", "2024-06-30"), ("2024-06-15", "2024-12-31")], "rates-overlap", 9),
])
def test_rates_tables_with_gaps_or_overlaps_are_refused_at_the_row(rows, code, line):
    """A gap or overlap between two periods is reported at the second period's 'from'."""
    raw, source = load_text(_table(rows, "2024-12-31"), "rente.yaml")
    table, problems = check_rates(raw, source, "rente.yaml")
    assert table is None
    assert problems[0].code == code and (problems[0].line, problems[0].column) == (line, 13)
    assert problems[0].format().startswith(f"rente.yaml:{line}:13: error:")


def test_the_shipped_rates_table_is_valid_and_cites_a_source_per_row():
    """Every shipped row has an https source and both schedules end at a confirmed date."""
    for schedule in (TABLE.statutory, TABLE.commercial):
        assert all(p.source.startswith("https://") for p in schedule.periods)
        assert schedule.confirmed_until == schedule.periods[-1].until


def test_a_rates_file_with_a_bad_rate_gives_a_positioned_diagnostic(tmp_path):
    """A rate that is not a number is an error at its own line and column."""
    path = tmp_path / "rente.yaml"
    path.write_text(_table([("2024-01-01", "2024-12-31")], "2024-12-31").replace('rate: "2"', "rate: twee", 1),
                    encoding="utf-8")
    with pytest.raises(InvalidDocument) as info:
        load_rates(path)
    assert info.value.diagnostics[0].line == 7


def test_the_cost_examples_in_the_owners_guide_are_what_belscript_computes():
    """Every '€ X geeft € Y' in docs/incasso.md matches the computation."""
    import re
    from pathlib import Path

    from belscript.money import parse_amount

    guide = (Path(__file__).resolve().parent.parent / "docs" / "incasso.md").read_text(encoding="utf-8")
    examples = re.findall(r"€\s+([\d.]*\d)\s+geeft\s+(?:het\s+minimum\s+van\s+)?€\s+([\d.]*\d)", guide)
    assert len(examples) >= 4
    for principal, costs in examples:
        assert collection_costs(parse_amount(principal)).total == parse_amount(costs), principal


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(-5, 5), st.integers(0, 200)), min_size=1, max_size=6))
def test_a_rates_table_is_accepted_exactly_when_its_periods_join_up(shifts):
    """Any gap or overlap between consecutive periods is refused; a seamless table is accepted."""
    rows, start, seamless = [], date(2023, 1, 1), True
    for i, (shift, length) in enumerate(shifts):
        if i:
            start = start + timedelta(days=shift)
            seamless = seamless and shift == 0
        end = start + timedelta(days=length)
        rows.append((start.isoformat(), end.isoformat()))
        start = end + timedelta(days=1)
    raw, source = load_text(_table(rows, rows[-1][1]), "rente.yaml")
    table, problems = check_rates(raw, source, "rente.yaml")
    assert (table is not None) == seamless
    assert all(p.code in ("rates-gap", "rates-overlap", "invalid-value") for p in problems)

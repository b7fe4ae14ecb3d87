"""Amounts in Dutch notation are read and shown the way a Dutch bookkeeper writes them."""

from decimal import Decimal

import pytest
from hypothesis import given, strategies as st

from belscript.money import AmountSyntaxError, format_amount, parse_amount


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("€ 1.250,50", "1250.50"),
        ("1250", "1250.00"),
        ("1.250", "1250.00"),
        ("1250,5", "1250.50"),
        ("€1.000.000,00", "1000000.00"),
        ("250,-", "250.00"),
        ("12.5", "12.50"),
        ("EUR 99", "99.00"),
    ],
)
def test_dutch_amounts_are_understood(text, expected):
    """Thousands dots, decimal commas and euro signs are all read correctly."""
    assert parse_amount(text) == Decimal(expected)


@pytest.mark.parametrize("text", ["", "duizend", "1,2,3", "12.34.5", "€", "1.25.000"])
def test_non_amounts_are_refused_in_dutch(text):
    """Text that is not an amount gives a Dutch message instead of a guess."""
    with pytest.raises(AmountSyntaxError, match="bedrag"):
        parse_amount(text)


def test_amounts_are_shown_the_dutch_way():
    """An amount is always shown back as '€ 1.250,50'."""
    assert format_amount(Decimal("1250.5")) == "€ 1.250,50"
    assert format_amount(Decimal("0")) == "€ 0,00"


@given(st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False))
def test_shown_amounts_read_back_to_the_same_value(value):
    """Whatever belscript shows can be typed back in and means the same amount."""
    assert parse_amount(format_amount(value)) == value

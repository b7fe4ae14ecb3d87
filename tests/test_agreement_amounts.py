"""Amounts in Dutch notation (money.py) and as said on the phone (agreement.amounts)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from belscript.agreement.amounts import parse_spoken_amount
from belscript.errors import AgreementError
from belscript.money import AmountSyntaxError, format_amount, parse_amount


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("€ 1.250,50", "1250.50"),
        ("€1.250,50", "1250.50"),
        ("1250", "1250.00"),
        ("1.250", "1250.00"),
        ("1250,5", "1250.50"),
        ("1.250,-", "1250.00"),
        ("1 250", "1250.00"),
        ("1.250.000,00", "1250000.00"),
        ("12.5", "12.50"),
        ("EUR 1250", "1250.00"),
        ("1.250,50 €", "1250.50"),
        ("0,5", "0.50"),
        ("-€ 5,00", "-5.00"),
        ("€ -5,00", "-5.00"),
    ],
)
def test_dutch_amounts_are_understood(text, expected):
    """Dutch notation with thousands dots, a decimal comma and a euro sign is read to the cent."""
    assert parse_amount(text) == Decimal(expected)


@pytest.mark.parametrize("text", ["", "abc", "€", "1,250.50", "1..250", "1250.", "1.2345", "12,505", "12 50", "1.000.00"])
def test_invalid_amounts_are_refused_in_dutch(text):
    """Text that is not an amount is refused with a Dutch example of how to write one."""
    with pytest.raises(AmountSyntaxError, match="geen bedrag"):
        parse_amount(text)


def test_amounts_are_shown_the_dutch_way():
    """Amounts are shown with a euro sign, thousands dots and a decimal comma."""
    assert format_amount(Decimal("1250.5")) == "€ 1.250,50"
    assert format_amount(Decimal("0")) == "€ 0,00"
    assert format_amount(Decimal("-5")) == "-€ 5,00"


DUE = Decimal("1250.50")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("alles", "1250.50"),
        ("het hele bedrag", "1250.50"),
        ("het volledige openstaande bedrag", "1250.50"),
        ("de helft", "625.25"),
        ("25%", "312.63"),
        ("25 procent", "312.63"),
        ("250 euro", "250.00"),
        ("€ 250,-", "250.00"),
        ("250 euro's", "250.00"),
    ],
)
def test_spoken_amounts_relative_to_what_is_owed(text, expected):
    """Words like "alles", "de helft" and "25%" are taken relative to the amount due."""
    assert parse_spoken_amount(text, DUE) == Decimal(expected)


@pytest.mark.parametrize("text", ["0", "-5", "veel", ""])
def test_spoken_amounts_refuse_non_payments(text):
    """Zero, negative and unreadable amounts are refused with a Dutch message and hint."""
    with pytest.raises(AgreementError) as caught:
        parse_spoken_amount(text, DUE)
    assert caught.value.hint and caught.value.field == "bedrag"


def test_relative_amount_needs_the_amount_due():
    """"alles" cannot be resolved without knowing the amount due."""
    with pytest.raises(AgreementError, match="openstaande bedrag bekend"):
        parse_spoken_amount("alles", None)

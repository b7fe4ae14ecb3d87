"""Amounts and dates in the lines the caller says aloud are spoken Dutch, not written Dutch."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from belscript.agreement.datewords import say_date, speak_date
from belscript.money import format_amount, say_amount
from tui_driver import drive, live_model

TODAY = date(2026, 11, 23)


def test_whole_euros_are_said_without_cents():
    """A whole amount is said as '€ 2.450', not '€ 2.450,00'."""
    assert say_amount(Decimal("2450.00")) == "€ 2.450"
    assert say_amount(Decimal("363")) == "€ 363"
    assert format_amount(Decimal("2450.00")) == "€ 2.450,00"  # documents keep the cents


def test_cents_are_kept_when_there_are_any():
    """An amount with cents keeps them: '€ 937,66' and '€ 1.250,50'."""
    assert say_amount(Decimal("937.66")) == "€ 937,66"
    assert say_amount(Decimal("1250.5")) == "€ 1.250,50"


def test_a_date_this_year_is_said_without_the_year():
    """A date in the current year is said as 'maandag 28 september'."""
    assert speak_date(date(2026, 9, 28), today=TODAY) == "maandag 28 september"
    assert say_date(date(2026, 9, 28)) == "maandag 28 september 2026"  # documents keep the year


def test_a_date_in_another_year_keeps_the_year():
    """A date next year (or last year) is said with its year, so nobody mistakes it for this year."""
    assert speak_date(date(2027, 1, 4), today=TODAY) == "maandag 4 januari 2027"
    assert speak_date(date(2025, 12, 29), today=TODAY) == "maandag 29 december 2025"


def test_the_demo_purpose_step_says_the_total_as_spoken_dutch():
    """The demo's purpose step names both open invoices with their spoken total and a due date without the year."""
    model, _journal = live_model()

    async def scenario(d):
        await d.enter("")
        await d.enter("/naam Ingrid van Dijk")
        await d.enter("1")
        assert model.call.step.id == "doel"
        said = next(line for line in d.text().splitlines() if line.startswith("Ik bel u over"))
        assert "samen € 2.813." in said and "2.813,00" not in said
        assert "op woensdag 28 oktober verlopen" in said and "oktober 2026" not in said

    drive(model, scenario)


def test_the_written_fields_keep_cents_and_year():
    """Spoken forms stay out of documents: the fields for e-mail, notes and to-dos keep cents and the year."""
    model, _journal = live_model()

    async def scenario(d):
        await d.enter("")
        values = model.call.template_values()
        assert values["totaal"] == "€ 2.813,00" and values["vervaldatum"] == "woensdag 28 oktober 2026"
        assert model.call.spoken_values()["totaal"] == "€ 2.813"

    drive(model, scenario)

"""Instalment dates worked out by belscript never fall on a weekend or a Dutch public holiday."""

from datetime import date
from decimal import Decimal

from belscript.agreement.entry import apply
from belscript.agreement.model import Agreement
from belscript.script.models import AgreementPolicy

TODAY = date(2026, 11, 26)  # Thursday: 1 December is within the first week


def test_a_monthly_instalment_on_new_years_day_moves_to_the_next_working_day():
    """'3 termijnen vanaf 1 december' puts the second instalment on Monday 4 January, not on 1 January."""
    agreement, feedback = apply(Agreement(), "termijnen", "3 termijnen vanaf 1 december",
                                policy=AgreementPolicy(), amount_due=Decimal("2813.00"), today=TODAY)
    assert feedback.ok, feedback.message
    assert [p.on for p in agreement.payments] == [date(2026, 12, 1), date(2027, 1, 4), date(2027, 2, 1)]
    assert "maandag 4 januari 2027" in feedback.shown
    assert sum(p.amount for p in agreement.payments) == Decimal("2813.00")


def test_the_first_date_named_by_the_customer_is_kept():
    """The start date the customer named stays as it is (flagged, with the nearest working day); only the dates
    worked out from it move."""
    agreement, feedback = apply(Agreement(), "termijnen", "2 termijnen vanaf 28 november",
                                policy=AgreementPolicy(), amount_due=Decimal("1000.00"), today=TODAY)
    assert [p.on for p in agreement.payments][0] == date(2026, 11, 28)  # a Saturday, as agreed
    assert agreement.payments[1].on == date(2026, 12, 28)
    assert "zaterdag 28 november 2026 is een zaterdag" in feedback.message
    assert "dichtstbijzijnde werkdag voor: vrijdag 27 november 2026" in feedback.message

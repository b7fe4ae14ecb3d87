"""Matching bank credits to open invoices: by number first, then amount with IBAN or
name, partial payments kept apart, the rest left for the user."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D
from pathlib import Path

from belscript.imports import (BankTransaction, Customer, OpenInvoice, match_payments, read_bank_statement,
                               read_open_invoices)

FIXTURES = Path(__file__).parent / "fixtures" / "imports"
KORENSCHOOF = Customer("Bakkerij De Korenschoof B.V.", iban="NL91ABNA0417164300")


def credit(amount: str, text: str = "", name: str | None = None, iban: str | None = None, day: int = 1):
    return BankTransaction(D(amount), True, "EUR", dt.date(2026, 3, day), counterparty_name=name,
                           counterparty_iban=iban, description=text)


def test_invoice_number_with_spaces_and_without_prefix_is_found():
    """'factuur 2026 041' pays F2026-041; the reason names the invoice."""
    invoices = [OpenInvoice("F2026-041", KORENSCHOOF, D("100.00")), OpenInvoice("F2026-042", KORENSCHOOF, D("50.00"))]
    result = match_payments([credit("100.00", "betaling factuur 2026 041")], invoices)
    assert [m.invoice.number for m in result.matched] == ["F2026-041"]
    assert "F2026-041" in result.matched[0].reason


def test_amount_and_iban_match_without_a_number():
    """A credit without a number, from the customer's IBAN with the exact amount, matches."""
    invoices = [OpenInvoice("A1", KORENSCHOOF, D("80.00")), OpenInvoice("A2", Customer("Ander"), D("80.00"))]
    result = match_payments([credit("80.00", "dank u", iban="NL91ABNA0417164300")], invoices)
    assert result.matched[0].invoice.number == "A1" and "IBAN" in result.matched[0].reason


def test_amount_and_name_ignore_legal_form_and_case():
    """'BAKKERIJ DE KORENSCHOOF BV' is the same customer as 'Bakkerij De Korenschoof B.V.'."""
    invoices = [OpenInvoice("A1", KORENSCHOOF, D("80.00"))]
    result = match_payments([credit("80.00", name="BAKKERIJ DE KORENSCHOOF BV")], invoices)
    assert result.matched[0].invoice.number == "A1" and "naam" in result.matched[0].reason


def test_two_instalments_are_partial_then_complete():
    """A first instalment is partial with the remainder; the second completes the invoice."""
    invoices = [OpenInvoice("2026-7", KORENSCHOOF, D("300.00"))]
    result = match_payments([credit("200.00", "termijn 2 factuur 2026-7", day=9),
                             credit("100.00", "termijn 1 factuur 2026-7", day=2)], invoices)
    assert [(m.amount, m.remaining) for m in result.partial] == [(D("100.00"), D("200.00"))]
    assert [(m.amount, m.remaining) for m in result.matched] == [(D("200.00"), D("0.00"))]


def test_unknown_payer_and_debits_are_not_matched():
    """A credit nobody can be tied to is listed for the user; debits are skipped."""
    invoices = [OpenInvoice("A1", KORENSCHOOF, D("80.00"))]
    debit = BankTransaction(D("80.00"), False, "EUR", dt.date(2026, 3, 1), counterparty_name="KPN")
    result = match_payments([credit("80.00", "gift", name="Onbekende B.V."), debit], invoices)
    assert len(result.unmatched) == 1 and result.skipped == [debit] and not result.matched


def test_sample_statement_matches_the_sample_export():
    """The demo bank statement pays the demo open-items export by number and by name."""
    invoices = read_open_invoices(FIXTURES / "moneybird.csv").invoices
    credits = read_bank_statement(FIXTURES / "bank" / "camt053-001.02-voorbeeld.xml")
    credits += read_bank_statement(FIXTURES / "bank" / "camt053-001.08-voorbeeld.xml")
    result = match_payments(credits, invoices)
    assert sorted(m.invoice.number for m in result.matched) == ["2026-0041", "2026-0043"]
    assert [(m.invoice.number, m.remaining) for m in result.partial] == [("2026-0042", D("155.00"))]
    assert [t.counterparty_name for t in result.unmatched] == ["Stichting De Brug"]

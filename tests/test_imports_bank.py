"""Bank statements: CAMT.053 and the Dutch MT940 flavours give credits and debits with
the counterparty and the description."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from belscript.imports import ImportRefused, read_bank_statement

BANK = Path(__file__).parent / "fixtures" / "imports" / "bank"


def test_camt053_v2_gives_booked_credits_and_marked_debits():
    """Booked entries only; the credit carries name, IBAN, remittance text and end-to-end id."""
    entries = read_bank_statement(BANK / "camt053-001.02-voorbeeld.xml")
    assert [(e.amount, e.is_credit) for e in entries] == [
        (Decimal("1250.50"), True), (Decimal("150.00"), True), (Decimal("42.35"), False)]
    first = entries[0]
    assert first.counterparty_name == "Bakkerij De Korenschoof BV"
    assert first.counterparty_iban == "NL91ABNA0417164300"
    assert first.description == "Factuur 2026 0041 ovenonderdelen"
    assert first.end_to_end_id == "E2E-KORENSCHOOF-0041" and first.booking_date == dt.date(2026, 3, 2)
    assert entries[1].end_to_end_id is None  # NOTPROVIDED


def test_camt053_v8_batch_entry_is_split_per_transaction():
    """A batch entry with two transactions gives two credits with their own payer."""
    entries = read_bank_statement(BANK / "camt053-001.08-voorbeeld.xml")
    assert [(e.amount, e.counterparty_name) for e in entries] == [
        (Decimal("2420.00"), "Vries, De & Zn"), (Decimal("150.00"), "Stichting De Brug")]
    assert entries[0].description == "2026-0043"


def test_batch_entry_with_amounts_only_under_amount_details_is_split(tmp_path):
    """Version 02 banks give each transaction's amount under AmtDtls/TxAmt: still one credit each."""
    text = (BANK / "camt053-001.08-voorbeeld.xml").read_text()
    for value in ("2420.00", "150.00"):
        text = text.replace(f'<Amt Ccy="EUR">{value}</Amt>',
                            f'<AmtDtls><TxAmt><Amt Ccy="EUR">{value}</Amt></TxAmt></AmtDtls>')
    path = tmp_path / "batch.xml"
    path.write_text(text)
    entries = read_bank_statement(path)
    assert [(e.amount, e.counterparty_name) for e in entries] == [
        (Decimal("2420.00"), "Vries, De & Zn"), (Decimal("150.00"), "Stichting De Brug")]


@pytest.mark.parametrize("name, amount, payer, text", [
    ("mt940-ing-sepa-voorbeeld.sta", "1250.50", "Bakkerij De Korenschoof BV", "Factuur 2026-0041"),
    ("mt940-abnamro-sepa-voorbeeld.sta", "305.00", "JANSEN INSTALLATIETECHNIEK", "FACTUUR 2026-0042 RESTANT"),
])
def test_mt940_structured_details_give_name_iban_and_description(name, amount, payer, text):
    """ING's /CNTP/ and ABN AMRO's /TRTP/…/NAME/ fields are read into the transaction."""
    credit = read_bank_statement(BANK / name)[0]
    assert credit.is_credit and credit.amount == Decimal(amount)
    assert credit.counterparty_name == payer and credit.description == text
    assert credit.counterparty_iban == "NL91ABNA0417164300"


@pytest.mark.parametrize("name, count", [
    ("mt940-jejik-abnamro.sta", 10), ("mt940-jejik-ing.sta", 7), ("mt940-jejik-rabobank-iban.sta", 4)])
def test_public_mt940_samples_of_dutch_banks_are_read(name, count):
    """The public ABN AMRO, ING and Rabobank samples parse completely."""
    entries = read_bank_statement(BANK / name)
    assert len(entries) == count and all(e.currency == "EUR" and e.booking_date for e in entries)


def test_rabobank_structured_name_and_remittance():
    """Rabobank's /NAME/ and /REMI/ fields are split out."""
    second = read_bank_statement(BANK / "mt940-jejik-rabobank-iban.sta")[1]
    assert (second.counterparty_name, second.description) == ("JOHN DOE", "Reference 201301234")


def test_statement_in_dollars_is_refused(tmp_path):
    """A CAMT entry in another currency refuses the file."""
    text = (BANK / "camt053-001.02-voorbeeld.xml").read_text().replace('Ccy="EUR">150.00', 'Ccy="USD">150.00')
    path = tmp_path / "usd.xml"
    path.write_text(text)
    with pytest.raises(ImportRefused) as info:
        read_bank_statement(path)
    assert "USD" in info.value.message


def test_text_that_is_no_statement_is_refused(tmp_path):
    """A random text file is not mistaken for MT940."""
    path = tmp_path / "brief.txt"
    path.write_text("Beste klant,\nhierbij de factuur.\n")
    with pytest.raises(ImportRefused) as info:
        read_bank_statement(path)
    assert "MT940" in info.value.message

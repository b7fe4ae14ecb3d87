"""UBL e-invoices (Peppol BIS 3 / SI-UBL): the facts a call needs, credit notes, and
safe XML parsing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from belscript.imports import ImportRefused, apply_credit_notes, read_ubl

UBL = Path(__file__).parent / "fixtures" / "imports" / "ubl"


def test_peppol_base_example_gives_customer_amount_dates_and_delivery():
    """The OpenPEPPOL base example yields everything the call screen shows."""
    invoice = read_ubl(UBL / "peppol-base-example.xml")
    assert invoice.number == "Snippet1" and invoice.open_amount == Decimal("1656.25")
    assert invoice.due_date == dt.date(2017, 12, 1) and invoice.invoice_date == dt.date(2017, 11, 13)
    customer = invoice.customer
    assert (customer.name, customer.contact, customer.email, customer.phone) == (
        "BuyerTradingName AS", "Lisa Johnson", "lj@buyer.se", "23434234")
    assert customer.vat_id == "SE4598375937"
    assert invoice.delivered == ("item name", "item name 2")
    assert invoice.order_reference == "0150abc"


def test_dutch_government_example_has_order_reference_and_kvk_scheme():
    """The Logius 'basisfactuur Rijk' example gives its order number and the customer's OIN."""
    invoice = read_ubl(UBL / "logius-basisfactuur-rijk-peppol.xml")
    assert invoice.order_reference == "42703286" and invoice.open_amount == Decimal("3926.50")
    assert invoice.customer.name == "Min. van VVV" and invoice.customer.kvk == "99990004000000072222"


def test_credit_note_lowers_the_open_amount_of_its_invoice():
    """A CreditNote naming an invoice is netted against it; a full credit leaves nothing open."""
    invoice = read_ubl(UBL / "peppol-base-example.xml")
    credit = read_ubl(UBL / "peppol-base-creditnote-correction.xml")
    assert credit.is_credit_note and credit.open_amount == Decimal("-1656.25")
    assert credit.credits_invoice == "Snippet1"
    assert apply_credit_notes([invoice, credit]) == []


def test_negative_invoice_correction_counts_as_a_credit_note():
    """Peppol's negative invoice (a correction) is treated as a credit note for its invoice."""
    correction = read_ubl(UBL / "peppol-base-negative-inv-correction.xml")
    assert correction.is_credit_note and correction.credits_invoice == "Snippet1"


def test_invoice_in_another_currency_is_refused():
    """The Norwegian example in NOK is refused with a Dutch reason."""
    with pytest.raises(ImportRefused) as info:
        read_ubl(UBL / "peppol-Norwegian-example-1.xml")
    assert "valuta NOK" in info.value.message


BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2">&lol3;</Invoice>"""
EXTERNAL = b"""<?xml version="1.0"?>
<!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"><ID>&xxe;</ID></Invoice>"""


@pytest.mark.parametrize("content", [BOMB, EXTERNAL], ids=["billion-laughs", "external-entity"])
def test_xml_attacks_are_refused_without_expanding_anything(tmp_path, content):
    """A billion-laughs bomb and an external entity are refused as unsafe, nothing is read."""
    path = tmp_path / "aanval.xml"
    path.write_bytes(content)
    with pytest.raises(ImportRefused) as info:
        read_ubl(path)
    assert "veiligheidsredenen" in info.value.message


def test_xml_that_is_not_an_invoice_is_refused(tmp_path):
    """Any other XML document is refused by its root element."""
    path = tmp_path / "order.xml"
    path.write_bytes(b"<Order xmlns='urn:oasis:names:specification:ubl:schema:xsd:Order-2'/>")
    with pytest.raises(ImportRefused) as info:
        read_ubl(path)
    assert "geen UBL-factuur" in info.value.message

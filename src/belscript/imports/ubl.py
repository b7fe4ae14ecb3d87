"""UBL 2.1 invoices and credit notes (SI-UBL 2.0, Peppol BIS Billing 3.0).

Reads what a collection call needs: the customer (name, contact, e-mail, phone, KvK
and VAT number), the invoice number, issue and due date, the amount still payable,
the currency, the order reference and what was delivered (the line item names). A
CreditNote — or an Invoice with a negative payable amount, which Peppol allows as a
correction — becomes an :class:`OpenInvoice` with a negative open amount and the number
of the invoice it corrects; :func:`apply_credit_notes` nets them.
"""

from __future__ import annotations

import datetime as dt
import os
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path
from xml.etree.ElementTree import Element

from belscript.imports import values
from belscript.imports.problems import ImportRefused, Problem, refuse
from belscript.imports.rawfile import read_bytes
from belscript.imports.records import Customer, OpenInvoice
from belscript.imports.xmlsafe import find_path, local, parse_xml

UBL_LIMIT = 20 * 1024 * 1024
CAC = "{urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2}"
CBC = "{urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2}"
_ROOTS = {
    "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2": "Invoice",
    "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2": "CreditNote",
}
KVK_SCHEMES = {"0106", "0190"}  # KvK number, Dutch OIN


def read_ubl(path: str | os.PathLike) -> OpenInvoice:
    """One UBL file → one open item; raise :class:`ImportRefused` with every problem."""
    return ubl_from_bytes(read_bytes(path, UBL_LIMIT), str(path))


def ubl_from_bytes(data: bytes, name: str) -> OpenInvoice:
    root = parse_xml(data, name)
    ns = root.tag[1:].split("}", 1)[0] if root.tag.startswith("{") else ""
    kind = _ROOTS.get(ns)
    if kind is None or local(root) != kind:
        raise refuse(name, f"dit is geen UBL-factuur of -creditnota (het hoofdelement is '{local(root)}')")
    return _Reader(root, name, kind == "CreditNote").invoice()


@lru_cache(maxsize=256)
def _tags(path: str) -> tuple[str, ...]:
    """'cac:Contact/cbc:Name' → the namespaced tags of each step."""
    return tuple(step.replace("cac:", CAC).replace("cbc:", CBC) for step in path.split("/"))


def apply_credit_notes(items: list[OpenInvoice]) -> list[OpenInvoice]:
    """Lower each invoice's open amount by the credit notes that name it.

    Credit notes that name no invoice in ``items`` stay in the list as negative items,
    so the user sees them; an invoice credited in full drops out (nothing is open).
    """
    from dataclasses import replace

    by_number = {i.number: i for i in items if not i.is_credit_note}
    rest: list[OpenInvoice] = []
    for note in (i for i in items if i.is_credit_note):
        target = by_number.get(note.credits_invoice or "")
        if target is None:
            rest.append(note)
        else:
            by_number[target.number] = replace(target, open_amount=target.open_amount + note.open_amount)
    return [i for i in by_number.values() if i.open_amount > 0] + rest


class _Reader:
    def __init__(self, root: Element, name: str, credit_note: bool) -> None:
        self.root, self.name, self.credit_note = root, name, credit_note
        self.problems: list[Problem] = []

    def problem(self, where: str, message: str) -> None:
        self.problems.append(Problem(self.name, None, where, message))

    def text(self, path: str, base: Element | None = None) -> str | None:
        node = find_path(self.root if base is None else base, _tags(path))
        if node is None or node.text is None or not node.text.strip():
            return None
        return " ".join(node.text.split())[:500]

    def date(self, path: str) -> dt.date | None:
        raw = self.text(path)
        if raw is None:
            return None
        try:
            return dt.date.fromisoformat(raw[:10])
        except ValueError:
            self.problem(path, f"'{raw}' is geen datum (verwacht 2026-12-31)")
            return None

    def invoice(self) -> OpenInvoice:
        number = self.text("cbc:ID")
        if number is None:
            self.problem("cbc:ID", "het factuurnummer ontbreekt")
        currency = (self.text("cbc:DocumentCurrencyCode") or "").upper()
        if not currency:
            self.problem("cbc:DocumentCurrencyCode", "de valuta ontbreekt")
        elif currency != "EUR":
            self.problem("cbc:DocumentCurrencyCode", f"valuta {currency}; belscript werkt alleen met euro's")
        payable = self.amount("cac:LegalMonetaryTotal/cbc:PayableAmount", currency)
        total = self.amount("cac:LegalMonetaryTotal/cbc:TaxInclusiveAmount", currency, required=False)
        issue = self.date("cbc:IssueDate")
        due = self.date("cbc:DueDate") or self.date("cac:PaymentMeans/cbc:PaymentDueDate")
        if issue and due and due < issue:
            self.problem("cbc:DueDate", "de vervaldatum ligt vóór de factuurdatum")
        customer = self.customer()
        if self.problems or number is None or payable is None or customer is None:
            raise ImportRefused(self.problems or [Problem(self.name, None, None, "onvolledige factuur")])
        credit = self.credit_note or payable < 0
        open_amount = -abs(payable) if credit else payable
        lines = self.root.findall(f"{CAC}CreditNoteLine" if self.credit_note else f"{CAC}InvoiceLine")
        delivered = tuple(n for line in lines if (n := self.text("cac:Item/cbc:Name", line)))
        return OpenInvoice(
            number=number, customer=customer, open_amount=open_amount,
            total_amount=(-abs(total) if credit else total) if total is not None else None, currency="EUR",
            invoice_date=issue, due_date=due,
            order_reference=self.order_reference(),
            description=self.text("cbc:Note"), delivered=delivered[:200], is_credit_note=credit,
            credits_invoice=self.text("cac:BillingReference/cac:InvoiceDocumentReference/cbc:ID") if credit else None,
            source=self.name,
        )

    def order_reference(self) -> str | None:
        order = self.text("cac:OrderReference/cbc:ID")
        if order and order.upper() != "NA":  # Peppol: "NA" when there is only a sales order
            return order
        return self.text("cbc:BuyerReference")

    def amount(self, path: str, currency: str, required: bool = True) -> Decimal | None:
        raw = self.text(path)
        if raw is None:
            if required:
                self.problem(path, "het te betalen bedrag ontbreekt")
            return None
        node = find_path(self.root, _tags(path))
        own = (node.get("currencyID") or currency).upper() if node is not None else currency
        if currency and own != currency:
            self.problem(path, f"bedrag in {own}, maar de factuur is in {currency}")
        try:
            value = Decimal(raw)
        except InvalidOperation:
            self.problem(path, f"'{raw}' is geen bedrag")
            return None
        try:
            return values.number_amount(value)
        except values.CellError as exc:
            self.problem(path, str(exc))
            return None

    def customer(self) -> Customer | None:
        party = find_path(self.root, (f"{CAC}AccountingCustomerParty", f"{CAC}Party"))
        if party is None:
            self.problem("cac:AccountingCustomerParty", "de klant (AccountingCustomerParty) ontbreekt")
            return None
        name = self.text("cac:PartyName/cbc:Name", party) or self.text("cac:PartyLegalEntity/cbc:RegistrationName", party)
        if name is None:
            self.problem("cac:AccountingCustomerParty", "de naam van de klant ontbreekt")
            return None
        kvk = vat = None
        for legal in party.findall(f"{CAC}PartyLegalEntity/{CBC}CompanyID"):
            if legal.text and (legal.get("schemeID") in KVK_SCHEMES or legal.get("schemeID") is None):
                kvk = legal.text.strip()
        for scheme in party.findall(f"{CAC}PartyTaxScheme"):
            if (self.text("cac:TaxScheme/cbc:ID", scheme) or "").upper() == "VAT":
                vat = self.text("cbc:CompanyID", scheme)
        email = self.text("cac:Contact/cbc:ElectronicMail", party)
        try:
            email = values.clean_email(email) if email else None
        except values.CellError as exc:
            self.problem("cac:Contact/cbc:ElectronicMail", str(exc))
        return Customer(
            name=name,
            number=self.text("cac:PartyIdentification/cbc:ID", party),
            contact=self.text("cac:Contact/cbc:Name", party),
            email=email, phone=self.text("cac:Contact/cbc:Telephone", party), kvk=kvk, vat_id=vat,
        )

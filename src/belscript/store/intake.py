"""``belscript import``'s work: read the files, bring them into the store in one go.

Every file is read and checked before anything is written: one bad row in any file
refuses the whole import (:class:`~belscript.imports.ImportRefused`, every problem as
``file:row:column``). Then, in one transaction: open items and e-invoices become
customers and invoices (:meth:`Store.import_records`), credit notes lower the invoices
they name, and bank credits are matched to the open invoices
(:func:`belscript.imports.match_payments`) and booked as payments, each bank entry
once (:mod:`belscript.store.bank`). Finally promises are checked against the new
payments. A dry run does all of it and rolls the transaction back, so the preview is
exactly what the real import would do.
"""

from __future__ import annotations

import os
import re
from datetime import date
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from belscript.imports import (
    BankTransaction, ImportRefused, Mapping, OpenInvoice, Problem, apply_credit_notes, camt053_from_bytes,
    match_payments, mt940_from_text, read_open_invoices, ubl_from_bytes,
)
from belscript.imports import Customer as ReadCustomer
from belscript.imports.problems import refuse
from belscript.imports.rawfile import decode_text, read_bytes
from belscript.store import bank as _bank
from belscript.store.errors import StoreRefused
from belscript.store.payments import PaymentIn
from belscript.store.records import ContactRecord, CustomerRecord, ImportReport, InvoiceRecord

#: File kinds, with the Dutch word the report uses.
KINDS = {"open_items": "openstaande posten", "ubl": "e-factuur (UBL)", "camt053": "bankafschrift (CAMT.053)",
         "mt940": "bankafschrift (MT940)"}

_UBL_ROOT = re.compile(rb"<(?:[\w.-]+:)?(Invoice|CreditNote)[\s>/]")
_MT940_START = re.compile(rb"^(?:\{1:|:20:|:940:|\r?\n)*(?:\{1:|:20:)", re.M)


@dataclass(frozen=True)
class Booked:
    """A bank credit (or part of one) booked as a payment on an invoice."""

    transaction: BankTransaction
    invoice: str
    customer: str
    amount: Decimal
    open_after: Decimal
    reason: str


@dataclass
class Intake:
    """What one import did (or, in a dry run, would do)."""

    files: list[tuple[str, str, int]] = field(default_factory=list)  # (name, kind, records)
    notes: list[str] = field(default_factory=list)
    report: ImportReport | None = None
    credited: list[tuple[str, str, Decimal, Decimal]] = field(default_factory=list)  # note, invoice, before, after
    unassigned_credit_notes: list[OpenInvoice] = field(default_factory=list)
    booked: list[Booked] = field(default_factory=list)
    unmatched: list[BankTransaction] = field(default_factory=list)
    skipped: list[BankTransaction] = field(default_factory=list)
    already_booked: int = 0
    promises: list[tuple[str, str]] = field(default_factory=list)  # (customer name, status)
    dry_run: bool = False


class _Rollback(Exception):
    """Raised inside the transaction of a dry run to undo everything."""


def detect(data: bytes, name: str) -> str:
    """The kind of an import file, by its content (the name can lie, a browser renames)."""
    head = data[:8192].lstrip(b"\xef\xbb\xbf\xff\xfe \t\r\n")
    if head.startswith(b"PK\x03\x04") or head.startswith(b"\xd0\xcf\x11\xe0"):
        return "open_items"
    if head.startswith(b"<"):
        if b"BkToCstmrStmt" in head or b"camt.053" in head:
            return "camt053"
        if _UBL_ROOT.search(head):
            return "ubl"
        if b"camt.05" in head:
            raise refuse(name, "dit is een CAMT-bestand, maar geen dagafschrift (CAMT.053)",
                         hint="Exporteer bij uw bank het afschrift als CAMT.053.")
        raise refuse(name, "dit XML-bestand is geen UBL-factuur of -creditnota en geen CAMT.053-bankafschrift")
    if _MT940_START.match(head) or (b"\n:61:" in head and b":25:" in head):
        return "mt940"
    return "open_items"


def read_files(paths: list[str | os.PathLike], mapping: Mapping | None) -> tuple[
        list[tuple[str, str, list[OpenInvoice] | list[BankTransaction]]], list[str]]:
    """Read every file; one :class:`ImportRefused` with the problems of all files, if any."""
    problems: list[Problem] = []
    hints: list[str] = []
    read: list[tuple[str, str, list]] = []
    notes: list[str] = []
    for path in paths:
        name = str(path)
        try:
            data = read_bytes(path)
            kind = detect(data, name)
            if kind == "open_items":
                found = read_open_invoices(path, mapping)
                records: list = found.invoices
                notes += [f"{name}: {n}" for n in found.notes]
            elif kind == "ubl":
                records = [ubl_from_bytes(data, name)]
            elif kind == "camt053":
                records = camt053_from_bytes(data, name)
            else:
                records = mt940_from_text(decode_text(data, name), name)
        except ImportRefused as exc:
            problems += exc.problems
            if exc.hint and exc.hint not in hints:
                hints.append(exc.hint)
            continue
        read.append((name, kind, records))
    if problems:
        raise ImportRefused(problems, hint="\n".join(hints) or None)
    return read, notes


def customer_number(customer: ReadCustomer) -> str:
    """The debtor number, or the name when the export has none (it then identifies the customer)."""
    return (customer.number or customer.name).strip()


def to_records(items: list[OpenInvoice]) -> tuple[list[CustomerRecord], list[InvoiceRecord]]:
    """The store's records for read invoices; a customer's facts merged over all its invoices."""
    merged: dict[str, dict] = {}
    contacts: dict[str, dict[str, ContactRecord]] = {}
    invoices: list[InvoiceRecord] = []
    for inv in items:
        c = inv.customer
        number = customer_number(c)
        facts = merged.setdefault(number, {"name": c.name})
        for key, value in (("email", c.email), ("phone", c.phone), ("iban", c.iban), ("form", c.form)):
            if value and not facts.get(key):
                facts[key] = value
        if c.kvk or c.vat_id:
            facts["kind"] = "b2b"
        if c.contact:
            contacts.setdefault(number, {}).setdefault(c.contact, ContactRecord(c.contact))
        delivered = "; ".join(inv.delivered) or inv.description
        invoices.append(InvoiceRecord(
            inv.number, number, inv.total_amount if inv.total_amount is not None else inv.open_amount,
            inv.open_amount, inv.invoice_date, inv.due_date, inv.currency, inv.order_reference, delivered))
    customers = [CustomerRecord(number, f.pop("name"), contacts=tuple(contacts.get(number, {}).values()), **f)
                 for number, f in merged.items()]
    return customers, invoices


def run_import(store, paths: list[str | os.PathLike], *, mapping: Mapping | None = None, full: bool = False,
               dry_run: bool = False) -> Intake:
    """Import ``paths`` into ``store`` (see the module docstring); a dry run writes nothing."""
    read, notes = read_files(paths, mapping)
    items = [r for _n, kind, records in read if kind in ("open_items", "ubl") for r in records]
    statements = [(n, records) for n, kind, records in read if kind in ("camt053", "mt940")]
    if full and not any(kind == "open_items" for _n, kind, _r in read):
        raise StoreRefused("--volledig hoort bij een volledige export van de openstaande posten (CSV of Excel)",
                           hint="Laat --volledig weg bij e-facturen en bankafschriften.")
    result = Intake(files=[(n, kind, len(records)) for n, kind, records in read], notes=notes, dry_run=dry_run)
    try:
        with store.db.transaction():
            _bring_in(store, items, statements, full, result)
            if dry_run:
                raise _Rollback
    except _Rollback:
        pass
    return result


def _bring_in(store, items: list[OpenInvoice], statements, full: bool, result: Intake) -> None:
    now = store._now()
    netted = apply_credit_notes(items)
    invoices = [i for i in netted if not i.is_credit_note]
    if invoices or full:
        customers, records = to_records(invoices)
        result.report = store.import_records(customers, records, source=_sources(invoices), full=full)
    for note in (i for i in netted if i.is_credit_note):
        target = note.credits_invoice and store.invoice(note.credits_invoice)
        if not target:
            result.unassigned_credit_notes.append(note)
            continue
        done = _bank.apply_credit_note(store.db, note.number, target.number, note.open_amount,
                                       issued=note.invoice_date, source=note.source, now=now)
        if done is not None:
            result.credited.append((note.number, target.number, *done))
    if statements:
        _book_statements(store, statements, result, now)
    for promise_id, status in store.check_promises().items():
        row = store.db.execute("SELECT c.name FROM promises p JOIN customers c ON c.id = p.customer_id "
                               "WHERE p.id = ?", (promise_id,)).fetchone()
        result.promises.append((row[0] if row else "?", status))


def _book_statements(store, statements, result: Intake, now: str) -> None:
    entries: list[tuple[str, BankTransaction]] = []
    for _name, transactions in statements:
        seen: Counter[tuple] = Counter()
        for tx in transactions:
            content = (tx.booking_date, tx.amount, tx.is_credit, tx.currency, tx.counterparty_iban,
                       tx.counterparty_name, tx.description, tx.end_to_end_id, tx.reversal)
            seen[content] += 1
            entries.append((_bank.entry_ref(content, seen[content]), tx))
    known = _bank.known_refs(store.db, [ref for ref, _tx in entries])
    result.already_booked = sum(1 for ref, _tx in entries if ref in known)
    fresh = [(ref, tx) for ref, tx in entries if ref not in known]
    refs = {id(tx): ref for ref, tx in fresh}
    matched = match_payments([tx for _ref, tx in fresh], _bank.open_items(store.db))
    result.unmatched, result.skipped = matched.unmatched, matched.skipped
    # Booked in date order, entries without a date last (as matching handles them); a
    # credit naming more invoices than it pays leaves nothing for the last ones.
    ordered = sorted((m for m in matched.matched + matched.partial if m.amount > 0),
                     key=lambda m: (m.transaction.booking_date is None, m.transaction.booking_date or date.min))
    today = store.clock.today()
    bookings = [(refs[id(m.transaction)], m.transaction.source, PaymentIn(
        m.invoice.number, m.amount, today if m.transaction.booking_date is None else m.transaction.booking_date,
        m.transaction.counterparty_name, m.transaction.counterparty_iban, m.transaction.description[:500] or None,
        "bank")) for m in ordered]
    done = _bank.book_bank_payments(store.db, bookings, now=now)
    result.booked = [Booked(m.transaction, m.invoice.number, m.invoice.customer.name, m.amount, booked.open_after,
                            m.reason) for m, booked in zip(ordered, done)]


def _sources(invoices: list[OpenInvoice]) -> str:
    files = {i.source.rsplit(":", 1)[0] if ":" in i.source else i.source for i in invoices}
    names = sorted({Path(f).name for f in files})
    text = ", ".join(names[:3]) + (f" en {len(names) - 3} meer" if len(names) > 3 else "")
    return text or "import"

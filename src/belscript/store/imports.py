"""Bringing imported customers and invoices into the store, idempotently.

One import is one transaction: every record is checked first, and a bad record stops
the whole import before anything is written. Re-importing the same file changes
nothing, and payments booked in belscript since stay booked (the file's open amount is
compared with the previous file's); a changed amount or date is reported as "gewijzigd". An invoice that is open
in the store but missing from a *full* open-items export is reported (it was probably
paid, but that is the user's call), never closed silently: :func:`close_invoices`
closes the ones the user confirms.
"""

from __future__ import annotations

from collections.abc import Iterable

from belscript.store.customers import upsert_customers
from belscript.store.db import Database
from belscript.store.errors import StoreRefused
from belscript.store.records import CustomerRecord, ImportReport, InvoiceRecord, iso, to_cents

_INVOICE_FIELDS = ("customer_id", "issue_date", "due_date", "amount_cents", "open_cents", "currency",
                   "order_reference", "delivered")
_FILE_OPEN = "coalesce(imported_open_cents, open_cents)"


def check_invoices(invoices: list[InvoiceRecord], customers: dict[str, CustomerRecord], known: set[str]) -> None:
    """Refuse records that cannot be stored, all problems in one message."""
    problems: list[str] = []
    seen: dict[str, InvoiceRecord] = {}
    for inv in invoices:
        label = f"factuur {inv.number}"
        if not inv.number.strip():
            problems.append("een factuur zonder factuurnummer")
        if inv.customer not in customers and inv.customer not in known:
            problems.append(f"{label}: klant {inv.customer} staat niet in het bestand en niet in de database")
        if inv.open_amount < 0:
            problems.append(f"{label}: het openstaande bedrag is negatief")
        if inv.amount >= 0 and inv.open_amount > inv.amount:
            problems.append(f"{label}: het openstaande bedrag is hoger dan het factuurbedrag")
        if inv.currency.upper() != "EUR":
            problems.append(f"{label}: het bedrag is in {inv.currency}; belscript rekent alleen in euro")
        if inv.issue_date and inv.due_date and inv.due_date < inv.issue_date:
            problems.append(f"{label}: de vervaldatum ligt voor de factuurdatum")
        earlier = seen.get(inv.number)
        if earlier is not None and earlier != inv:
            problems.append(f"{label} staat twee keer in het bestand, met verschillende gegevens")
        seen[inv.number] = inv
    if problems:
        more = f" (en nog {len(problems) - 1})" if len(problems) > 1 else ""
        raise StoreRefused(f"er is niets ingelezen: {problems[0]}{more}", hint="\n".join(problems[1:11]) or None)


def import_records(db: Database, customers: Iterable[CustomerRecord], invoices: Iterable[InvoiceRecord], *,
                   source: str, full: bool, now: str) -> ImportReport:
    """Upsert customers and invoices in one transaction; see the module docstring."""
    by_number = {c.number: c for c in customers}
    invoice_list = list(invoices)
    report = ImportReport()
    with db.transaction():
        referenced = {i.customer for i in invoice_list} - set(by_number)
        known = {r[0] for r in _in(db, "SELECT number FROM customers WHERE number IN ({})", referenced)}
        check_invoices(invoice_list, by_number, known)
        upserted = upsert_customers(db, by_number.values(), source=source, now=now)
        report.new_customers = [number for number, (_id, status) in upserted.items() if status == "new"]
        ids = {number: cid for number, (cid, _status) in upserted.items()}
        ids.update((r[0], int(r[1])) for r in _in(
            db, "SELECT number, id FROM customers WHERE number IN ({})", referenced))
        # The file's open amount is compared with what the previous file said, not with
        # the open amount now: payments booked in belscript since then stand.
        existing = {r[0]: r[1:] for r in _in(
            db, f"SELECT number, {', '.join(_INVOICE_FIELDS).replace('open_cents', _FILE_OPEN)} FROM invoices "
                "WHERE number IN ({})", {i.number for i in invoice_list})}
        inserts, updates = [], []
        for inv in {i.number: i for i in invoice_list}.values():
            values = (ids[inv.customer], iso(inv.issue_date), iso(inv.due_date), to_cents(inv.amount),
                      to_cents(inv.open_amount), inv.currency.upper(), inv.order_reference, inv.delivered)
            before = existing.get(inv.number)
            if before is None:
                inserts.append((inv.number, *values, values[4], source, now, now))
                report.new.append(inv.number)
            elif tuple(before) == values:
                report.unchanged.append(inv.number)
            else:
                updates.append((*values, values[4], source, now, inv.number))
                report.changed.append(inv.number)
        db.executemany(f"INSERT INTO invoices (number, {', '.join(_INVOICE_FIELDS)}, imported_open_cents, "
                       "source, imported_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", inserts)
        db.executemany(f"UPDATE invoices SET {', '.join(f + ' = ?' for f in _INVOICE_FIELDS)}, "
                       "imported_open_cents = ?, source = ?, updated_at = ? WHERE number = ?", updates)
        if full:
            present = {i.number for i in invoice_list}
            report.not_in_export = sorted(
                r[0] for r in db.execute("SELECT number FROM invoices WHERE open_cents > 0") if r[0] not in present)
    return report


def close_invoices(db: Database, numbers: Iterable[str], *, now: str) -> int:
    """Close invoices the user confirmed as no longer open (after an import reported them)."""
    wanted = list(numbers)
    with db.transaction():
        db.executemany("UPDATE invoices SET open_cents = 0, updated_at = ? WHERE number = ?",
                       [(now, number) for number in wanted])
    return len(wanted)


def _in(db: Database, sql: str, keys: set[str]) -> list[tuple]:
    return [tuple(r) for r in db.select_in(sql, sorted(keys))]

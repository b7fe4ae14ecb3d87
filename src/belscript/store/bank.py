"""Booking bank entries and credit notes once: the store side of ``belscript import``.

A bank statement is usually exported again with the next one overlapping it, so every
booked entry is remembered in ``applied_entries`` by a stable key (see
:func:`entry_ref`); an entry whose key is known is passed over. Only entries that were
booked against an invoice are remembered: an entry nobody could assign stays
unassigned, so a later import (after its invoice arrived) can still match it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal

from belscript.imports.records import Customer, OpenInvoice
from belscript.store.db import Database
from belscript.store.errors import StoreRefused
from belscript.store.payments import PaymentIn, record_payments
from belscript.store.records import PaymentResult, day, from_cents, iso, to_cents


def entry_ref(parts: Iterable[object], occurrence: int) -> str:
    """A stable key for one bank entry: its content plus its place among identical ones."""
    text = "\x1f".join("" if p is None else str(p) for p in parts)
    return "bank:" + hashlib.sha256(f"{text}\x1e{occurrence}".encode()).hexdigest()[:32]


def open_items(db: Database) -> list[OpenInvoice]:
    """Every invoice with something open, oldest due date first, as matching reads them."""
    rows = db.execute(
        "SELECT i.number, c.number, c.name, c.iban, i.open_cents, i.amount_cents, i.issue_date, i.due_date "
        "FROM invoices i JOIN customers c ON c.id = i.customer_id WHERE i.open_cents > 0 "
        "ORDER BY i.due_date, i.number").fetchall()
    return [OpenInvoice(r[0], Customer(r[2], r[1], iban=r[3]), from_cents(r[4]), from_cents(r[5]),
                        invoice_date=day(r[6]), due_date=day(r[7])) for r in rows]


def known_refs(db: Database, refs: Iterable[str]) -> set[str]:
    """Which of ``refs`` were booked by an earlier import."""
    return {r[0] for r in db.select_in("SELECT ref FROM applied_entries WHERE ref IN ({})", sorted(set(refs)))}


def book_bank_payments(db: Database, bookings: Sequence[tuple[str, str, PaymentIn]], *, now: str
                       ) -> list[PaymentResult]:
    """Record matched (parts of) bank entries as payments, in order, and remember each entry.

    ``bookings`` holds (entry key, where the entry was read, payment). It is one
    transaction of batched statements, with the same outcome as booking one by one.
    """
    with db.transaction():
        results = record_payments(db, [p for _ref, _where, p in bookings], now=now)
        db.executemany("INSERT INTO applied_entries (ref, kind, booked_on, amount_cents, source, recorded_at) "
                       "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (ref) DO NOTHING",
                       [_entry_row(ref, "bank", p.paid_on, p.amount, where, now) for ref, where, p in bookings])
    return results


def remember(db: Database, ref: str, kind: str, booked_on: date | None, amount: Decimal, *, source: str,
             now: str) -> None:
    """Note an entry as booked (a second part of the same entry is already noted)."""
    db.execute("INSERT INTO applied_entries (ref, kind, booked_on, amount_cents, source, recorded_at) "
               "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (ref) DO NOTHING",
               _entry_row(ref, kind, booked_on, amount, source, now))


def _entry_row(ref: str, kind: str, booked_on: date | None, amount: Decimal, source: str, now: str) -> tuple:
    return (ref, kind, iso(booked_on), to_cents(abs(amount)), source[:500], now)


def apply_credit_note(db: Database, number: str, invoice: str, amount: Decimal, *, issued: date | None,
                      source: str, now: str) -> tuple[Decimal, Decimal] | None:
    """Lower ``invoice``'s open amount by a credit note once; (open before, after), or None if done before."""
    ref = f"creditnota:{number}"
    with db.transaction():
        if known_refs(db, [ref]):
            return None
        row = db.execute("SELECT open_cents FROM invoices WHERE number = ?", (invoice,)).fetchone()
        if row is None:
            raise StoreRefused(f"creditnota {number} hoort bij factuur {invoice}, maar die staat niet in de database")
        before = int(row[0])
        after = max(0, before - to_cents(abs(amount)))
        db.execute("UPDATE invoices SET open_cents = ?, updated_at = ? WHERE number = ?", (after, now, invoice))
        remember(db, ref, "credit_note", issued, amount, source=source, now=now)
    return from_cents(before), from_cents(after)

"""Payments and letters: what came in at the bank or by hand, and what was sent out.

A payment lowers its invoice's open amount (never below zero: the surplus is reported
as overpaid); zero and negative amounts are refused, because a refund is not a payment.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from belscript.store.db import Database
from belscript.store.errors import StoreRefused
from belscript.store.records import PaymentResult, from_cents, iso, to_cents


def record_payment(db: Database, invoice: str, amount: Decimal, paid_on: date, *, now: str,
                   counterparty: str | None = None, iban: str | None = None, description: str | None = None,
                   source: str = "hand") -> PaymentResult:
    """Record a payment on ``invoice`` (its number); returns the open amount before and after."""
    cents = to_cents(amount)
    if cents <= 0:
        raise StoreRefused(f"een betaling moet een positief bedrag zijn, niet {amount}",
                           hint="Een terugbetaling of creditnota is geen betaling; lees die in als creditnota.")
    with db.transaction():
        row = db.execute("SELECT id, customer_id, open_cents FROM invoices WHERE number = ?", (invoice,)).fetchone()
        if row is None:
            raise StoreRefused(f"factuur {invoice} staat niet in de database",
                               hint="Controleer het factuurnummer, of lees eerst de openstaande posten in.")
        invoice_id, customer_id, open_before = int(row[0]), int(row[1]), int(row[2])
        open_after = max(0, open_before - cents)
        db.execute("INSERT INTO payments (paid_on, amount_cents, counterparty, iban, description, invoice_id, "
                   "customer_id, source, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   (iso(paid_on), cents, counterparty, iban, description, invoice_id, customer_id, source, now))
        db.execute("UPDATE invoices SET open_cents = ?, updated_at = ? WHERE id = ?", (open_after, now, invoice_id))
    return PaymentResult(invoice, from_cents(cents), from_cents(open_before), from_cents(open_after),
                         from_cents(max(0, cents - open_before)), customer_id)


def record_letter(db: Database, customer_id: int, kind: str, sent_on: date, *, caller: str | None = None,
                  invoice: str | None = None) -> None:
    """Record a reminder, dunning letter or formal notice sent to a customer."""
    with db.transaction():
        invoice_id = None
        if invoice is not None:
            row = db.execute("SELECT id FROM invoices WHERE number = ?", (invoice,)).fetchone()
            if row is None:
                raise StoreRefused(f"factuur {invoice} staat niet in de database")
            invoice_id = int(row[0])
        db.execute("INSERT INTO letters (customer_id, invoice_id, kind, sent_on, caller) VALUES (?, ?, ?, ?, ?)",
                   (customer_id, invoice_id, kind, iso(sent_on), caller))

"""Payments and letters: what came in at the bank or by hand, and what was sent out.

A payment lowers its invoice's open amount (never below zero: the surplus is reported
as overpaid); zero and negative amounts are refused, because a refund is not a payment.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from belscript.store.db import Database
from belscript.store.errors import StoreRefused
from belscript.store.records import PaymentResult, from_cents, iso, to_cents


@dataclass(frozen=True, slots=True)
class PaymentIn:
    """One payment to record: on which invoice (its number), how much, when, from whom."""

    invoice: str
    amount: Decimal
    paid_on: date
    counterparty: str | None = None
    iban: str | None = None
    description: str | None = None
    source: str = "hand"


def record_payment(db: Database, invoice: str, amount: Decimal, paid_on: date, *, now: str,
                   counterparty: str | None = None, iban: str | None = None, description: str | None = None,
                   source: str = "hand") -> PaymentResult:
    """Record a payment on ``invoice`` (its number); returns the open amount before and after."""
    return record_payments(db, [PaymentIn(invoice, amount, paid_on, counterparty, iban, description, source)],
                           now=now)[0]


def record_payments(db: Database, payments: Sequence[PaymentIn], *, now: str) -> list[PaymentResult]:
    """Record payments in the order given, all or none, as if one by one.

    The invoices are read once into memory and each payment lowers the amount the one
    before it left, so the results equal :func:`record_payment` called per payment;
    a bank statement of 10,000 entries is then three batched statements, not 40,000.
    """
    if not payments:
        return []
    with db.transaction():
        found = {row[0]: [int(row[1]), int(row[2]), int(row[3])] for row in db.select_in(
            "SELECT number, id, customer_id, open_cents FROM invoices WHERE number IN ({})",
            sorted({p.invoice for p in payments}))}
        rows, results = [], []
        for p in payments:
            cents = _positive_cents(p.amount)
            invoice = found.get(p.invoice)
            if invoice is None:
                raise StoreRefused(f"factuur {p.invoice} staat niet in de database",
                                   hint="Controleer het factuurnummer, of lees eerst de openstaande posten in.")
            invoice_id, customer_id, open_before = invoice
            invoice[2] = open_after = max(0, open_before - cents)
            rows.append((iso(p.paid_on), cents, p.counterparty, p.iban, p.description, invoice_id, customer_id,
                         p.source, now))
            results.append(PaymentResult(p.invoice, from_cents(cents), from_cents(open_before),
                                         from_cents(open_after), from_cents(max(0, cents - open_before)),
                                         customer_id))
        db.executemany("INSERT INTO payments (paid_on, amount_cents, counterparty, iban, description, invoice_id, "
                       "customer_id, source, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
        touched = {p.invoice for p in payments}
        db.executemany("UPDATE invoices SET open_cents = ?, updated_at = ? WHERE id = ?",
                       [(found[n][2], now, found[n][0]) for n in sorted(touched)])
    return results


def _positive_cents(amount: Decimal) -> int:
    cents = to_cents(amount)
    if cents <= 0:
        raise StoreRefused(f"een betaling moet een positief bedrag zijn, niet {amount}",
                           hint="Een terugbetaling of creditnota is geen betaling; lees die in als creditnota.")
    return cents


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

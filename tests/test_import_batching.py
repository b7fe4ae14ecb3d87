"""An import writes in batches, with exactly the outcome of writing one row at a time (both engines)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal as D
from types import SimpleNamespace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from belscript.clock import FixedClock
from belscript.imports import BankTransaction
from belscript.store import ContactRecord, CustomerRecord, InvoiceRecord, open_store
from belscript.store import bank, intake
from belscript.store.customers import upsert_customer

NOW = datetime(2026, 11, 23, 10, 15)
CUSTOMERS = [
    CustomerRecord("D1", "Bakkerij Jansen B.V.", iban="NL91ABNA0417164300"),
    CustomerRecord("D2", "Café De Molen"),
    CustomerRecord("D3", "Jan de Vries", iban="NL02ABNA0123456789"),
]
SETTINGS = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


class _Undo(Exception):
    """Rolls a variant back after its outcome was read, so the next one starts from the same store."""


@pytest.fixture
def store(database_url, tmp_path):
    with open_store(tmp_path / "home", url=database_url, clock=FixedClock(NOW), caller="Anna") as opened:
        yield opened


def _book_one_by_one(db, bookings, *, now):
    """The booking as it was before batching: per entry read the invoice, insert, update, remember."""
    results = []
    for ref, where, p in bookings:
        with db.transaction():
            cents = int(p.amount * 100)
            invoice_id, customer_id, before = db.execute(
                "SELECT id, customer_id, open_cents FROM invoices WHERE number = ?", (p.invoice,)).fetchone()
            after = max(0, before - cents)
            db.execute("INSERT INTO payments (paid_on, amount_cents, counterparty, iban, description, invoice_id, "
                       "customer_id, source, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       (p.paid_on.isoformat(), cents, p.counterparty, p.iban, p.description, invoice_id, customer_id,
                        p.source, now))
            db.execute("UPDATE invoices SET open_cents = ?, updated_at = ? WHERE id = ?", (after, now, invoice_id))
            bank.remember(db, ref, "bank", p.paid_on, p.amount, source=where, now=now)
        results.append(SimpleNamespace(open_after=D(after) / 100))
    return results


def _state(db) -> tuple:
    return (
        [tuple(r) for r in db.execute("SELECT p.paid_on, p.amount_cents, p.counterparty, p.iban, p.description, "
                                      "i.number, p.source FROM payments p JOIN invoices i ON i.id = p.invoice_id "
                                      "ORDER BY p.id")],
        [tuple(r) for r in db.execute("SELECT number, open_cents, updated_at FROM invoices ORDER BY number")],
        [tuple(r) for r in db.execute("SELECT ref, kind, booked_on, amount_cents, source FROM applied_entries "
                                      "ORDER BY ref")],
    )


def _outcome(store, invoices, transactions) -> tuple:
    """Import the invoices, book the statement, read everything back, undo it all."""
    seen: list[tuple] = []
    try:
        with store.db.transaction():
            store.import_records(CUSTOMERS, invoices, source="posten.csv")
            result = intake.Intake()
            intake._book_statements(store, [("afschrift.xml", transactions)], result, store._now())
            booked = [(b.invoice, b.amount, b.open_after, b.reason) for b in result.booked]
            seen.append((booked, [t.description for t in result.unmatched], _state(store.db)))
            raise _Undo
    except _Undo:
        pass
    return seen[0]


cents = st.integers(1, 200_000)
invoice_rows = st.lists(st.tuples(st.sampled_from(["D1", "D2", "D3"]), cents), min_size=1, max_size=8)


@st.composite
def statements(draw, count: int):
    out = []
    for _ in range(draw(st.integers(0, 12))):
        kind = draw(st.sampled_from(["number", "two numbers", "iban", "name", "noise", "debit"]))
        first, second = draw(st.integers(0, count - 1)), draw(st.integers(0, count - 1))
        text = {"number": f"factuur F{first:04d}", "two numbers": f"F{first:04d} en F{second:04d}"}.get(kind, "dank")
        customer = CUSTOMERS[draw(st.integers(0, 2))]
        day = draw(st.one_of(st.none(), st.dates(date(2026, 10, 1), date(2026, 10, 9))))
        out.append(BankTransaction(
            D(draw(cents)) / 100, kind != "debit", "EUR", day, description=text,
            counterparty_iban=customer.iban if kind == "iban" else None,
            counterparty_name=customer.name if kind == "name" else None))
    return out


@SETTINGS
@given(data=st.data(), rows=invoice_rows)
def test_batched_booking_gives_the_same_payments_as_booking_one_by_one(store, monkeypatch, data, rows):
    """Whatever a statement holds, booking it in batches records what booking entry by entry recorded."""
    invoices = [InvoiceRecord(f"F{n:04d}", customer, D(c) / 100, D(c) / 100, date(2026, 9, 1 + n % 20))
                for n, (customer, c) in enumerate(rows)]
    transactions = data.draw(statements(len(rows)))
    batched = _outcome(store, invoices, transactions)
    with monkeypatch.context() as patch:
        patch.setattr(bank, "book_bank_payments", _book_one_by_one)
        one_by_one = _outcome(store, invoices, transactions)
    assert batched == one_by_one


names = st.sampled_from(["Bakkerij Jansen", "Bakkerij Jansen B.V.", "Café De Molen", "", "Jan de Vries"])
records = st.builds(
    CustomerRecord, st.sampled_from(["D1", "D2", "D3", "D4"]), names,
    kind=st.sampled_from(["b2b", "b2c", "unknown"]), iban=st.sampled_from([None, "", "NL91ABNA0417164300"]),
    email=st.sampled_from([None, "a@b.nl"]),
    contacts=st.lists(st.builds(ContactRecord, st.sampled_from(["Petra", "Kees"]),
                                role=st.sampled_from([None, "eigenaar"])), max_size=2, unique_by=lambda c: c.name)
    .map(tuple))


def _customers(store, write) -> tuple:
    seen: list[tuple] = []
    try:
        with store.db.transaction():
            statuses = write()
            seen.append((statuses, [tuple(r) for r in store.db.execute(
                "SELECT number, name, name_key, kind, iban, email, source FROM customers ORDER BY number")],
                [tuple(r) for r in store.db.execute(
                    "SELECT c.number, t.term FROM customer_terms t JOIN customers c ON c.id = t.customer_id "
                    "ORDER BY c.number, t.term")],
                [tuple(r) for r in store.db.execute(
                    "SELECT c.number, k.name, k.role FROM contacts k JOIN customers c ON c.id = k.customer_id "
                    "ORDER BY c.number, k.name")]))
            raise _Undo
    except _Undo:
        pass
    return seen[0]


@SETTINGS
@given(earlier=st.lists(records, max_size=4), later=st.lists(records, min_size=1, max_size=6))
def test_importing_customers_in_one_batch_equals_upserting_them_one_by_one(store, earlier, later):
    """New, changed and unchanged customers, names, search words and contacts come out as one by one."""
    def batched():
        store.import_records(earlier, [], source="a.csv")
        return store.import_records(later, [], source="b.csv").new_customers

    def one_by_one():
        for record in {r.number: r for r in earlier}.values():
            upsert_customer(store.db, record, source="a.csv", now=store._now())
        new = []
        for record in {r.number: r for r in later}.values():
            if upsert_customer(store.db, record, source="b.csv", now=store._now())[1] == "new":
                new.append(record.number)
        return new

    assert _customers(store, batched) == _customers(store, one_by_one)

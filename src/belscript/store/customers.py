"""Customers: upsert from imported records, find by name or number, one customer's history.

Finding must stay fast with thousands of customers: each name is split into
normalised words (lower case, accents dropped) kept in ``customer_terms``, and a query
word is an index range scan on that table (``term >= 'bak' AND term < 'bal'``), which
works the same on both engines and never reads every customer.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import Any

from belscript.store.db import Database
from belscript.store.records import (
    Contact, Customer, CustomerRecord, History, Instalment, Invoice, Letter, Payment, Promise,
    day, from_cents,
)

_WORD = re.compile(r"[a-z0-9]+")
_CUSTOMER_COLUMNS = "id, number, name, kind, iban, address, email, phone, form, notes"
_FIELDS = ("name", "kind", "iban", "address", "email", "phone", "form", "notes")


def normalise(text: str) -> str:
    """'Café De Bakkerij-Jansen B.V.' → 'cafe de bakkerij jansen b v'."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return " ".join(_WORD.findall(plain))


def terms_of(name: str, number: str) -> set[str]:
    return set(normalise(name).split()) | set(normalise(number).split())


def _after(prefix: str) -> str:
    """The smallest string greater than every string starting with ``prefix``."""
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)


def customer_from_row(row: Any) -> Customer:
    return Customer(int(row[0]), row[1], row[2], row[3], row[4], row[5], row[6], row[7], row[8], row[9])


def upsert_customer(db: Database, record: CustomerRecord, *, source: str | None, now: str) -> tuple[int, str]:
    """Insert or update one customer; returns (id, 'new' | 'changed' | 'unchanged')."""
    return upsert_customers(db, [record], source=source, now=now)[record.number]


def upsert_customers(db: Database, records: Iterable[CustomerRecord], *, source: str | None,
                     now: str) -> dict[str, tuple[int, str]]:
    """Insert or update customers in batched statements; {number: (id, status)} in input order.

    A number given twice counts once, with the later record (as upserting one by one
    would leave it). An import never blanks out what the user or an earlier import
    already knew: empty or 'unknown' facts keep the stored ones.
    """
    wanted = {r.number: r for r in records}
    current = {row[1]: customer_from_row(row) for row in db.select_in(
        f"SELECT {_CUSTOMER_COLUMNS} FROM customers WHERE number IN ({{}})", list(wanted))}
    fresh = [r for number, r in wanted.items() if number not in current]
    changed: list[tuple[Customer, list[Any]]] = []
    for number, record in wanted.items():
        known = current.get(number)
        if known is None:
            continue
        merged = [new if new not in (None, "", "unknown") else getattr(known, f)
                  for f, new in zip(_FIELDS, (getattr(record, f) for f in _FIELDS))]
        if merged != [getattr(known, f) for f in _FIELDS]:
            changed.append((known, merged))
    db.executemany(
        "INSERT INTO customers (number, name, name_key, kind, iban, address, email, phone, form, notes, "
        "source, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(r.number, r.name, normalise(r.name), *(getattr(r, f) for f in _FIELDS[1:]), source, now) for r in fresh])
    ids = {number: c.id for number, c in current.items()}
    ids.update((row[0], int(row[1])) for row in db.select_in(
        "SELECT number, id FROM customers WHERE number IN ({})", [r.number for r in fresh]))
    db.executemany("UPDATE customers SET name = ?, name_key = ?, kind = ?, iban = ?, address = ?, email = ?, "
                   "phone = ?, form = ?, notes = ?, source = ?, updated_at = ? WHERE id = ?",
                   [(m[0], normalise(m[0]), *m[1:], source, now, c.id) for c, m in changed])
    renamed = [c for c, m in changed if m[0] != c.name]
    db.executemany("DELETE FROM customer_terms WHERE customer_id = ?", [(c.id,) for c in renamed])
    db.executemany("INSERT INTO customer_terms (term, customer_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                   [(t, ids[r.number]) for r in [*fresh, *(wanted[c.number] for c in renamed)]
                    for t in sorted(terms_of(r.name, r.number))])
    db.executemany("INSERT INTO contacts (customer_id, name, role, email, phone) VALUES (?, ?, ?, ?, ?) "
                   "ON CONFLICT (customer_id, name) DO UPDATE SET role = coalesce(excluded.role, contacts.role), "
                   "email = coalesce(excluded.email, contacts.email), phone = coalesce(excluded.phone, contacts.phone)",
                   [(ids[r.number], c.name, c.role, c.email, c.phone) for r in wanted.values() for c in r.contacts])
    status = {c.number: "changed" for c, _m in changed} | {r.number: "new" for r in fresh}
    return {number: (ids[number], status.get(number, "unchanged")) for number in wanted}


def get_customer(db: Database, key: int | str) -> Customer | None:
    """A customer by internal id or by debtor number."""
    if isinstance(key, int):
        row = db.execute(f"SELECT {_CUSTOMER_COLUMNS} FROM customers WHERE id = ?", (key,)).fetchone()
    else:
        row = db.execute(f"SELECT {_CUSTOMER_COLUMNS} FROM customers WHERE number = ?", (key,)).fetchone()
    return customer_from_row(row) if row else None


def get_invoice(db: Database, number: str) -> Invoice | None:
    row = db.execute("SELECT number, customer_id, issue_date, due_date, amount_cents, open_cents, currency, "
                     "order_reference, delivered, source FROM invoices WHERE number = ?", (number,)).fetchone()
    if row is None:
        return None
    return Invoice(row[0], int(row[1]), day(row[2]), day(row[3]), from_cents(row[4]), from_cents(row[5]), row[6],
                   row[7], row[8], row[9])


def find_customers(db: Database, query: str, *, limit: int = 10) -> list[Customer]:
    """Customers whose number or invoice number is ``query``, else whose name words start with its words."""
    text = query.strip()
    if not text:
        return []
    exact = db.execute(f"SELECT {_CUSTOMER_COLUMNS} FROM customers WHERE number = ?", (text,)).fetchone()
    if exact is None:
        exact = db.execute(f"SELECT {', '.join('c.' + c.strip() for c in _CUSTOMER_COLUMNS.split(','))} "
                           "FROM invoices i JOIN customers c ON c.id = i.customer_id WHERE i.number = ?",
                           (text,)).fetchone()
    if exact is not None:
        return [customer_from_row(exact)]
    words = normalise(text).split()
    if not words:
        return []
    longest = max(words, key=len)
    rows = db.execute(
        f"SELECT {', '.join('c.' + c.strip() for c in _CUSTOMER_COLUMNS.split(','))}, c.name_key "
        "FROM customer_terms t JOIN customers c ON c.id = t.customer_id "
        "WHERE t.term >= ? AND t.term < ? ORDER BY c.name_key, c.id LIMIT ?",
        (longest, _after(longest), max(200, limit))).fetchall()
    found: list[Customer] = []
    seen: set[int] = set()
    for row in rows:
        if row[0] in seen:
            continue
        names = row[10].split() + normalise(row[1]).split()
        if all(any(n.startswith(w) for n in names) for w in words):
            seen.add(row[0])
            found.append(customer_from_row(row))
            if len(found) == limit:
                break
    return found


def history(db: Database, customer: Customer) -> History:
    """One customer's invoices, payments, letters, promises and number of logged calls."""
    cid = customer.id
    contacts = tuple(Contact(*r) for r in db.execute(
        "SELECT name, role, email, phone FROM contacts WHERE customer_id = ? ORDER BY name", (cid,)))
    invoices = tuple(
        Invoice(r[0], cid, day(r[1]), day(r[2]), from_cents(r[3]), from_cents(r[4]), r[5], r[6], r[7], r[8])
        for r in db.execute("SELECT number, issue_date, due_date, amount_cents, open_cents, currency, "
                            "order_reference, delivered, source FROM invoices WHERE customer_id = ? "
                            "ORDER BY due_date DESC, number DESC", (cid,)))
    payments = tuple(
        Payment(day(r[0]), from_cents(r[1]), r[2], r[3], r[4], r[5])
        for r in db.execute("SELECT p.paid_on, p.amount_cents, i.number, p.counterparty, p.iban, p.description "
                            "FROM payments p LEFT JOIN invoices i ON i.id = p.invoice_id "
                            "WHERE p.customer_id = ? ORDER BY p.paid_on DESC, p.id DESC", (cid,)))
    letters = tuple(
        Letter(r[0], day(r[1]), r[2], r[3])
        for r in db.execute("SELECT l.kind, l.sent_on, l.caller, i.number FROM letters l "
                            "LEFT JOIN invoices i ON i.id = l.invoice_id WHERE l.customer_id = ? "
                            "ORDER BY l.sent_on DESC, l.id DESC", (cid,)))
    promises = tuple(promises_of(db, cid))
    calls = int(db.execute("SELECT count(DISTINCT call_ref) FROM call_events WHERE customer_id = ?",
                           (cid,)).fetchone()[0])
    return History(customer, contacts, invoices, payments, letters, promises, calls)


def promises_of(db: Database, customer_id: int) -> list[Promise]:
    from datetime import datetime

    rows = db.execute("SELECT id, call_ref, made_at, caller, total_cents, status, check_on, checked_on "
                      "FROM promises WHERE customer_id = ? ORDER BY made_at DESC, id DESC", (customer_id,)).fetchall()
    if not rows:
        return []
    parts: dict[int, list[Instalment]] = {}
    marks = ", ".join("?" for _ in rows)
    for pid, amount, due, status in db.execute(
            f"SELECT promise_id, amount_cents, due_on, status FROM instalments WHERE promise_id IN ({marks}) "
            "ORDER BY promise_id, position", [r[0] for r in rows]):
        parts.setdefault(int(pid), []).append(Instalment(from_cents(amount), day(due), status))
    return [Promise(int(r[0]), customer_id, r[1], datetime.fromisoformat(r[2]), r[3], from_cents(r[4]), r[5],
                    day(r[6]), day(r[7]), tuple(parts.get(int(r[0]), ()))) for r in rows]


def set_kind(db: Database, customer_id: int, kind: str, *, now: str) -> None:
    """Record whether a customer is a business or a consumer (asked when an import did not say)."""
    if kind not in ("b2b", "b2c"):
        raise ValueError(f"unknown customer kind {kind!r}")
    with db.transaction():
        db.execute("UPDATE customers SET kind = ?, updated_at = ? WHERE id = ?", (kind, now, customer_id))


def set_form(db: Database, customer_id: int, form: str, *, now: str) -> None:
    """Record whether a customer is addressed as ``u`` or ``je`` (a later import without
    that column keeps it, as it keeps every fact it does not know)."""
    if form not in ("u", "je"):
        raise ValueError(f"unknown form of address {form!r}")
    with db.transaction():
        db.execute("UPDATE customers SET form = ?, updated_at = ? WHERE id = ?", (form, now, customer_id))

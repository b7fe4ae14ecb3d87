"""Promises to pay, from the agreements made in calls, checked against payments.

Each instalment is checked on the day after its due date: the customer's payments
from the day the promise was made up to and including that due date are compared
with the instalments due so far. The promise is settled as soon as an instalment is
missed (so a broken promise comes to the top of the list at once) or when the last
instalment is checked: *kept* when every instalment was paid in time, *partly* when
something was paid but not all, *broken* when nothing came in.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Protocol

from belscript.store.db import Database
from belscript.store.errors import StoreRefused
from belscript.store.records import iso, to_cents


class PromisedPayment(Protocol):
    """One instalment as the agreement model holds it (``belscript.agreement.model.Payment``)."""

    amount: Decimal
    on: date


def record_promise(db: Database, customer_id: int, payments: Iterable[PromisedPayment], *, made_at: datetime,
                   caller: str | None = None, call_ref: str | None = None) -> int:
    """Store a promise with its instalments; returns the promise's id."""
    parts = sorted(((to_cents(p.amount), p.on) for p in payments), key=lambda part: part[1])
    if not parts:
        raise StoreRefused("een toezegging heeft minstens één betaling nodig (bedrag en datum)")
    if any(cents <= 0 for cents, _ in parts):
        raise StoreRefused("elk toegezegd bedrag moet positief zijn")
    check_on = parts[-1][1] + timedelta(days=1)
    with db.transaction():
        promise_id = int(db.execute(
            "INSERT INTO promises (customer_id, call_ref, made_at, caller, total_cents, check_on) "
            "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
            (customer_id, call_ref, iso(made_at), caller, sum(c for c, _ in parts), iso(check_on))).fetchone()[0])
        db.executemany("INSERT INTO instalments (promise_id, position, amount_cents, due_on) VALUES (?, ?, ?, ?)",
                       [(promise_id, n, cents, iso(on)) for n, (cents, on) in enumerate(parts, 1)])
    return promise_id


def check_promises(db: Database, today: date) -> dict[int, str]:
    """Settle the promises whose next instalment fell due before ``today``; returns {id: new status}."""
    settled: dict[int, str] = {}
    with db.transaction():
        due = db.execute("SELECT DISTINCT p.id, p.customer_id, p.made_at FROM promises p "
                         "JOIN instalments i ON i.promise_id = p.id "
                         "WHERE p.status = 'open' AND i.status = 'open' AND i.due_on < ?", (iso(today),)).fetchall()
        for promise_id, customer_id, made_at in due:
            status = _check_one(db, int(promise_id), int(customer_id), made_at[:10], today)
            if status != "open":
                db.execute("UPDATE promises SET status = ?, checked_on = ? WHERE id = ?",
                           (status, iso(today), promise_id))
                settled[int(promise_id)] = status
    return settled


def _check_one(db: Database, promise_id: int, customer_id: int, made_on: str, today: date) -> str:
    parts = db.execute("SELECT position, amount_cents, due_on, status FROM instalments WHERE promise_id = ? "
                       "ORDER BY position", (promise_id,)).fetchall()
    payments = db.execute("SELECT paid_on, amount_cents FROM payments WHERE customer_id = ? AND paid_on >= ? "
                          "ORDER BY paid_on", (customer_id, made_on)).fetchall()
    due_so_far = 0
    verdicts: list[str] = []
    for position, cents, due_on, status in parts:
        before = due_so_far
        due_so_far += int(cents)
        if date.fromisoformat(due_on) >= today:
            verdicts.append("open")
            break
        paid = sum(int(a) for on, a in payments if on <= due_on)
        verdict = "kept" if paid >= due_so_far else "partly" if paid > before else "broken"
        if verdict != status:
            db.execute("UPDATE instalments SET status = ? WHERE promise_id = ? AND position = ?",
                       (verdict, promise_id, position))
        verdicts.append(verdict)
        if verdict != "kept":
            break
    if verdicts and all(v == "kept" for v in verdicts) and len(verdicts) == len(parts):
        return "kept"
    if any(v in ("partly", "broken") for v in verdicts):
        paid_any = any(on <= iso(today) for on, _ in payments)
        return "partly" if paid_any else "broken"
    return "open"

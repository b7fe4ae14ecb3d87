"""Promises to pay, from the agreements made in calls, checked against payments.

The rule is the call list's (:func:`belscript.worklist.check_promise`): each
instalment is checked on the day after its due date against the customer's payments
since the promise. The promise is settled as soon as an instalment is missed (so a
broken promise comes to the top of the list at once) or when the last instalment is
checked: *kept*, *partly* (something came in, not enough) or *broken* (nothing).
The status column is a record of that verdict for listings; the list itself judges
again from the payments, so both always agree.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Protocol

from belscript.store.db import Database
from belscript.store.errors import StoreRefused
from belscript.store.records import from_cents, iso, to_cents


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


def check_promises(db: Database, today: date, *, customer_id: int | None = None) -> dict[int, str]:
    """Settle the promises whose next instalment fell due before ``today``; returns {id: new status}.

    The verdict is :func:`belscript.worklist.check_promise`, the one rule the call list
    also uses. With ``customer_id`` (a payment just came in for that customer) every
    promise of the customer with a checked instalment is judged again, settled or not:
    a bank statement read in late may show that a promise marked broken was kept.
    """
    settled: dict[int, str] = {}
    with db.transaction():
        if customer_id is None:
            due = db.execute("SELECT DISTINCT p.id FROM promises p JOIN instalments i ON i.promise_id = p.id "
                             "WHERE p.status = 'open' AND i.status = 'open' AND i.due_on < ?",
                             (iso(today),)).fetchall()
        else:
            due = db.execute("SELECT DISTINCT p.id FROM promises p JOIN instalments i ON i.promise_id = p.id "
                             "WHERE p.customer_id = ? AND i.due_on < ?", (customer_id, iso(today))).fetchall()
        for (promise_id,) in due:
            before, status = _check_one(db, int(promise_id), today)
            if status != before:
                db.execute("UPDATE promises SET status = ?, checked_on = ? WHERE id = ?",
                           (status, iso(today), promise_id))
                settled[int(promise_id)] = status
    return settled


_VERDICT = {"kept": "kept", "partly": "partly", "broken": "broken", "running": "open", "open": "open"}


def _check_one(db: Database, promise_id: int, today: date) -> tuple[str, str]:
    """(status before, status now) of one promise; instalment statuses are updated on the way."""
    from belscript.worklist import Instalment, PaymentFacts, PromiseFacts, check_day, check_promise

    customer_id, made_at, before = db.execute("SELECT customer_id, made_at, status FROM promises WHERE id = ?",
                                              (promise_id,)).fetchone()
    parts = db.execute("SELECT position, amount_cents, due_on, status FROM instalments WHERE promise_id = ? "
                       "ORDER BY position", (promise_id,)).fetchall()
    made_on = date.fromisoformat(made_at[:10])
    payments = [PaymentFacts(date.fromisoformat(on), from_cents(cents)) for on, cents in db.execute(
        "SELECT paid_on, amount_cents FROM payments WHERE customer_id = ? AND paid_on >= ?",
        (customer_id, iso(made_on))).fetchall()]
    promise = PromiseFacts(made_on, tuple(Instalment(date.fromisoformat(d), from_cents(c)) for _, c, d, _ in parts))
    check = check_promise(promise, payments, today)
    failed = False
    for position, _cents, due_on, status in parts:
        due = date.fromisoformat(due_on)
        if failed or check_day(due) > today:
            verdict = "open"
        elif check.failed_due == due:
            verdict, failed = check.status.value, True
        else:
            verdict = "kept"
        if verdict != status:
            db.execute("UPDATE instalments SET status = ? WHERE promise_id = ? AND position = ?",
                       (verdict, promise_id, position))
    return before, _VERDICT[check.status.value]

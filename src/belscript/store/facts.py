"""The store's rows as the call list's facts (:class:`belscript.worklist.CustomerFacts`).

Built in a handful of queries for all customers at once (never one query per
customer), so ``belscript lijst`` stays fast with thousands of customers. Only the
customers that matter this month are read: those with an open invoice, or with a
promise or payment in the last :data:`RECENT_DAYS` days (the overview counts those).

Calls come from the call log (``journal``, ``calls.db``) through its own API, matched
to a store customer by the **customer's name** as the call recorded it (a call started
from the store carries the store's name). The log answers two questions cheaply:
calls counted per weekday and part of the day, reached or not (for the learned best
time, over the whole log), and the calls of the last :data:`RECENT_DAYS` days (for the
overview's "binnengekomen na een gesprek").

Missing dates are filled in plainly: no due date means 30 days after the invoice
date; no invoice date means the due date (or today). A customer whose first invoice
is at most :data:`NEW_CUSTOMER_DAYS` days old counts as new (a service call is due).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any, Protocol

from belscript.store.db import Database
from belscript.worklist import (
    CallFacts, CustomerFacts, Instalment, InvoiceFacts, PaymentFacts, PromiseFacts, SlotCount,
)

RECENT_DAYS = 62
NEW_CUSTOMER_DAYS = 90
DEFAULT_TERM = timedelta(days=30)

_CENT = Decimal("0.01")


class CallSource(Protocol):
    """What the facts need from the call log; :class:`belscript.journal.Journal` has both."""

    def reach_counts(self, parts: Iterable[tuple[str, int]], customer: str | None = None
                     ) -> list[tuple[str, int, str, int, int]]: ...

    def calls_since(self, since: datetime, customer: str | None = None) -> list[Any]: ...


def _money(cents: Any) -> Decimal:
    return Decimal(int(cents)).scaleb(-2)  # exact: 12345 -> Decimal('123.45')


def customer_facts(db: Database, today: date, *, calls: CallSource | None = None,
                   customer_id: int | None = None, customer_ids: Sequence[int] | None = None) -> list[CustomerFacts]:
    """Facts for every customer that matters today, or for one (``customer_id``) or some
    (``customer_ids``, without their calls), each with the whole history, in the store's order."""
    since = (today - timedelta(days=RECENT_DAYS)).isoformat()
    if customer_ids is not None:
        return [f for chunk in _chunks(sorted(set(customer_ids)))
                for f in _facts(db, today, f"IN ({', '.join('?' * len(chunk))})", tuple(chunk), None, None)]
    if customer_id is not None:
        scope, params = "= ?", (customer_id,)
    else:
        scope = ("IN (SELECT customer_id FROM invoices WHERE open_cents > 0 "
                 "UNION SELECT customer_id FROM promises WHERE made_at >= ? "
                 "UNION SELECT customer_id FROM payments WHERE paid_on >= ? AND customer_id IS NOT NULL)")
        params = (since, since)
    return _facts(db, today, scope, params, calls, customer_id)


def _chunks(ids: list[int], size: int = 900) -> list[list[int]]:
    """Ids in groups small enough for one statement's parameters on every engine."""
    return [ids[n:n + size] for n in range(0, len(ids), size)]


def _facts(db: Database, today: date, scope: str, params: tuple, calls: CallSource | None,
           customer_id: int | None) -> list[CustomerFacts]:
    customers = db.execute(f"SELECT id, number, name FROM customers WHERE id {scope} ORDER BY id", params).fetchall()
    if not customers:
        return []
    invoices: dict[int, list[InvoiceFacts]] = defaultdict(list)
    late: dict[int, list[int]] = defaultdict(list)
    first_issued: dict[int, date] = {}
    for cid, number, issued, due, amount, open_cents, last_paid in db.execute(
            "SELECT i.customer_id, i.number, i.issue_date, i.due_date, i.amount_cents, i.open_cents, "
            "(SELECT max(p.paid_on) FROM payments p WHERE p.invoice_id = i.id) "
            f"FROM invoices i WHERE i.customer_id {scope}", params):
        issue_day = date.fromisoformat(issued) if issued else None
        due_day = date.fromisoformat(due) if due else (issue_day + DEFAULT_TERM if issue_day else today)
        issue_day = issue_day or due_day
        invoices[cid].append(InvoiceFacts(number, issue_day, due_day, _money(amount), _money(open_cents)))
        first_issued[cid] = min(first_issued.get(cid, issue_day), issue_day)
        if int(open_cents) == 0 and last_paid:
            late[cid].append(max(0, (date.fromisoformat(last_paid) - due_day).days))
    payments: dict[int, list[PaymentFacts]] = defaultdict(list)
    for cid, paid_on, cents in db.execute(
            f"SELECT customer_id, paid_on, amount_cents FROM payments WHERE customer_id {scope}", params):
        payments[cid].append(PaymentFacts(date.fromisoformat(paid_on), _money(cents)))
    letters: dict[int, list[date]] = defaultdict(list)
    for cid, sent_on in db.execute(f"SELECT customer_id, sent_on FROM letters WHERE customer_id {scope}", params):
        letters[cid].append(date.fromisoformat(sent_on))
    promises = _promises(db, scope, params)
    only = customers[0][2] if customer_id is not None else None
    reach, recent = _calls(calls, today, only, whole_history=customer_id is not None)
    result = []
    for cid, number, name in customers:
        result.append(CustomerFacts(
            key=number, name=name, invoices=tuple(invoices.get(cid, ())), promises=tuple(promises.get(cid, ())),
            payments=tuple(payments.get(cid, ())), calls=tuple(recent.get(name, ())),
            reminders=tuple(letters.get(cid, ())),
            new_customer=cid in first_issued and (today - first_issued[cid]).days <= NEW_CUSTOMER_DAYS,
            paid_late_days=tuple(late.get(cid, ())), reach=tuple(reach.get(name, ())),
        ))
    return result


def _promises(db: Database, scope: str, params: tuple) -> dict[int, list[PromiseFacts]]:
    parts: dict[int, tuple[int, date, list[Instalment]]] = {}
    for pid, cid, made_at, due_on, cents in db.execute(
            "SELECT p.id, p.customer_id, p.made_at, i.due_on, i.amount_cents FROM promises p "
            f"JOIN instalments i ON i.promise_id = p.id WHERE p.customer_id {scope} ORDER BY p.id, i.position",
            params):
        entry = parts.setdefault(int(pid), (cid, date.fromisoformat(made_at[:10]), []))
        entry[2].append(Instalment(date.fromisoformat(due_on), _money(cents)))
    found: dict[int, list[PromiseFacts]] = defaultdict(list)
    for cid, made_on, instalments in parts.values():
        found[cid].append(PromiseFacts(made_on, tuple(instalments)))
    return found


def _calls(source: CallSource | None, today: date, customer: str | None, *, whole_history: bool
           ) -> tuple[dict[str, tuple[SlotCount, ...]], dict[str, list[CallFacts]]]:
    """Slot counts over the whole log, and the calls themselves: the recent ones (or,
    for one customer, all of them)."""
    if source is None:
        return {}, {}
    reach = reach_of(source, None if customer is None else [customer])
    recent: dict[str, list[CallFacts]] = defaultdict(list)
    start = datetime.min if whole_history else datetime.combine(today - timedelta(days=RECENT_DAYS), datetime.min.time())
    for call in source.calls_since(start, customer):
        recent[call.customer].append(CallFacts(call.started_at, call.reached, call.outcome_kind))
    return reach, recent


def reach_of(source: CallSource, names: Iterable[str] | None = None) -> dict[str, tuple[SlotCount, ...]]:
    """Calls counted per slot for these customers (by name), or for everyone: the one
    place the call list reads the log for the learned best time (when, reached or not, who)."""
    from belscript.worklist.reachability import PARTS

    rows = (source.reach_counts(PARTS) if names is None
            else [row for name in dict.fromkeys(names) for row in source.reach_counts(PARTS, name)])
    reach: dict[str, list[SlotCount]] = defaultdict(list)
    for name, weekday, part, tried, reached in rows:
        reach[name].append(SlotCount(weekday, part, tried, reached))
    return {name: tuple(counts) for name, counts in reach.items()}

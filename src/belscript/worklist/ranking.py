"""Today's call list: whom to call now, why, with which script, in an explained order.

The order follows the advice on collection calls: a broken promise comes first (a
firmer second call, quickly); then invoices just past their due date (calling right
away works best), reminders sent a few days ago (call a few days after writing),
service calls a few days after invoicing a new customer or a large amount, and then
the rest by how much is open and how late it is. Every point added is kept with its
reason, so the list can say why a customer stands where it stands.

Customers who promised to pay and whose check day has not come yet are left out: the
list names them separately ("toezegging loopt"), so nobody calls a customer who is
keeping their word.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from belscript.worklist.facts import CustomerFacts, InvoiceFacts
from belscript.worklist.promises import PromiseCheck, PromiseStatus, check_promise
from belscript.worklist.reachability import BestTime, best_time
from belscript.worklist.words import amount_words, date_words, days_words

#: Scripts by purpose; names of the built-in belscripts.
FIRST_CALL = "eerste-gesprek"
SECOND_CALL = "tweede-gesprek"
SERVICE_CALL = "servicegesprek"

#: An invoice of at least this much is worth a service call before its due date.
LARGE_INVOICE = Decimal("2500")
#: Service calls are made this many days after the invoice date.
SERVICE_WINDOW = range(3, 8)
#: Reminders are followed by a call this many days after they were sent.
REMINDER_WINDOW = range(2, 8)
#: Just past due: calling within these many days after the due date works best.
JUST_DUE = range(1, 4)

#: Points of the reasons that depend on more than the open invoices (the shortlist
#: bounds a customer's score by them without reading the payments and the call log).
BROKEN_PROMISE_POINTS = 100
JUST_DUE_POINTS = 25
REMINDER_POINTS = 20
SERVICE_POINTS = 15
LATE_PAYER_POINTS = 10
REACHABLE_POINTS = 10


@dataclass(frozen=True)
class Reason:
    """Points added to a customer's place in the list, and why in words."""

    points: int
    words: str


@dataclass(frozen=True)
class Entry:
    """One line of the call list."""

    customer: CustomerFacts
    script: str
    reasons: tuple[Reason, ...]
    best: BestTime
    promise: PromiseCheck | None = None
    reachable_now: bool = False

    @property
    def score(self) -> int:
        return sum(r.points for r in self.reasons)

    @property
    def open_total(self) -> Decimal:
        return self.customer.open_total

    @property
    def why(self) -> str:
        """The main reason in words (the one that weighs most)."""
        return max(self.reasons, key=lambda r: r.points).words if self.reasons else ""


@dataclass(frozen=True)
class Waiting:
    """A customer left off today's list, and why ("toezegging loopt tot …")."""

    customer: CustomerFacts
    words: str


@dataclass
class CallList:
    """The ordered entries, the customers deliberately left off, and the moment it was made for."""

    now: datetime
    entries: list[Entry] = field(default_factory=list)
    waiting: list[Waiting] = field(default_factory=list)
    #: Customers on the list after ``entries`` when only the first lines were made.
    left_off: int = 0


def build(customers: list[CustomerFacts] | tuple[CustomerFacts, ...], now: datetime) -> CallList:
    """Today's list for ``customers`` at ``now`` (see the module docstring for the order)."""
    result = CallList(now)
    today = now.date()
    for customer in customers:
        entry_or_wait = draft(customer, today)
        if isinstance(entry_or_wait, Entry):
            c = entry_or_wait.customer
            result.entries.append(with_reach(entry_or_wait, now, best_time(c.calls, c.typed_best_time, c.reach)))
        elif entry_or_wait is not None:
            result.waiting.append(entry_or_wait)
    result.entries.sort(key=order_key)
    return result


def order_key(entry: Entry) -> tuple:
    """The list's order: score, then the amount open, then the name."""
    return (-entry.score, -entry.open_total, entry.customer.name)


def with_reach(entry: Entry, now: datetime, best: BestTime) -> Entry:
    """``entry`` with the customer's best time, and the reason when that is now."""
    reachable = best.slot is not None and best.slot.contains(now)
    reasons = entry.reasons
    if reachable:
        reasons += (Reason(REACHABLE_POINTS, f"nu meestal bereikbaar ({best.slot.words()})"),)
    return Entry(entry.customer, entry.script, reasons, best, entry.promise, reachable)


def draft(customer: CustomerFacts, today: date) -> Entry | Waiting | None:
    """The customer's line weighed on everything but when they are reached (see
    :func:`with_reach`), the reason they wait, or None when they are not on the list."""
    reasons: list[Reason] = []
    script = FIRST_CALL
    latest = _latest_promise(customer, today)
    if latest is not None:
        promise, check = latest
        if check.needs_call:
            script = SECOND_CALL
            missing = "" if check.status is PromiseStatus.BROKEN else f", {amount_words(check.missing)} ontbreekt"
            reasons.append(Reason(BROKEN_PROMISE_POINTS, f"toezegging van {date_words(check.failed_due, today)} "
                                       f"({amount_words(check.expected)}) niet nagekomen{missing}"))
        elif check.status in (PromiseStatus.OPEN, PromiseStatus.RUNNING):
            nxt = min(i.due for i in promise.instalments if i.due >= today) if any(
                i.due >= today for i in promise.instalments) else promise.last_due
            return Waiting(customer, f"toezegging loopt: {amount_words(promise.total)}, "
                                     f"volgende controle na {date_words(nxt, today)}")
        elif check.status is PromiseStatus.KEPT and customer.open_total <= 0:
            return None
    open_invoices = customer.open_invoices
    if not open_invoices:
        return None
    overdue = [i for i in open_invoices if i.due < today]
    if overdue:
        reasons += _overdue_reasons(overdue, today)
    elif script == FIRST_CALL:
        service = _service_reason(customer, open_invoices, today)
        if service is None:
            return None  # nothing due yet and no reason for a courtesy call
        script = SERVICE_CALL
        reasons.append(service)
    reasons += _reminder_reasons(customer, today)
    reasons += _history_reasons(customer, today)
    check = latest[1] if latest else None
    return Entry(customer, script, tuple(reasons), BestTime(None, 0, 0, customer.typed_best_time), check)


def _latest_promise(customer: CustomerFacts, today: date):
    if not customer.promises:
        return None
    promise = max(customer.promises, key=lambda p: p.made_on)
    return promise, check_promise(promise, customer.payments, today)


def _overdue_reasons(overdue: list[InvoiceFacts], today: date) -> list[Reason]:
    days = max((today - i.due).days for i in overdue)
    total = sum((i.open_amount for i in overdue), Decimal(0))
    reasons = [Reason(overdue_points(days, total), f"{days_words(days)} te laat, {amount_words(total)}")]
    if min((today - i.due).days for i in overdue) in JUST_DUE:
        reasons.append(Reason(JUST_DUE_POINTS, "net over de vervaldatum: nu bellen werkt het best"))
    return reasons


def _service_reason(customer: CustomerFacts, open_invoices, today: date) -> Reason | None:
    for invoice in sorted(open_invoices, key=lambda i: i.issued, reverse=True):
        age = (today - invoice.issued).days
        if age not in SERVICE_WINDOW:
            continue
        if customer.new_customer:
            return Reason(SERVICE_POINTS, f"servicegesprek: nieuwe klant, factuur van {days_words(age)} geleden")
        if invoice.amount >= LARGE_INVOICE:
            return Reason(SERVICE_POINTS, f"servicegesprek: grote factuur ({amount_words(invoice.amount)}) "
                              f"van {days_words(age)} geleden")
    return None


def _reminder_reasons(customer: CustomerFacts, today: date) -> list[Reason]:
    if not customer.reminders:
        return []
    sent = max(customer.reminders)
    age = (today - sent).days
    if age in REMINDER_WINDOW:
        return [Reason(REMINDER_POINTS, f"herinnering verstuurd op {date_words(sent, today)}, {days_words(age)} geleden")]
    return []


def _history_reasons(customer: CustomerFacts, today: date) -> list[Reason]:
    reasons = []
    late = customer.paid_late_days
    if late:
        average = sum(late) / len(late)
        if average > 14:
            reasons.append(Reason(LATE_PAYER_POINTS, f"betaalt gemiddeld {round(average)} dagen te laat"))
    earlier = sorted(customer.promises, key=lambda p: p.made_on)[:-1]
    broken = sum(check_promise(p, customer.payments, today).needs_call for p in earlier)
    if broken:
        times = "1 toezegging" if broken == 1 else f"{broken} toezeggingen"
        reasons.append(Reason(min(10 * broken, 30), f"eerder {times} niet nagekomen"))
    return reasons


def overdue_points(days: int, total: Decimal) -> int:
    """Points for ``total`` open past its due date, the oldest ``days`` late."""
    return min(days, 90) + _amount_points(total)


def _amount_points(total: Decimal) -> int:
    """More money open weighs more, but a tenfold amount is not ten times as urgent."""
    return int(10 * math.log10(float(total))) if total >= 1 else 0

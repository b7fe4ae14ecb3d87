"""The weekly overview: how old the open invoices are and what the calls brought in.

Ageing buckets follow the usual credit-control split (not yet due, 1–30, 31–60,
61–90, over 90 days late). "Collected after a call" counts payments that came in
within :data:`AFTER_CALL_DAYS` days after a call with that customer: the figure an
owner wants to know to see that the weekly calling half hour pays off.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from belscript.worklist.facts import CustomerFacts
from belscript.worklist.promises import PromiseStatus, check_promise

#: Payments up to this many days after a call count as collected after that call.
AFTER_CALL_DAYS = 14

BUCKETS = ("nog niet vervallen", "1–30 dagen", "31–60 dagen", "61–90 dagen", "meer dan 90 dagen")


@dataclass(frozen=True)
class Bucket:
    label: str
    count: int
    amount: Decimal


@dataclass(frozen=True)
class PromiseTally:
    made: int
    kept: int
    broken: int
    open: int


@dataclass
class Overview:
    today: date
    ageing: list[Bucket] = field(default_factory=list)
    week: PromiseTally = PromiseTally(0, 0, 0, 0)
    month: PromiseTally = PromiseTally(0, 0, 0, 0)
    collected_after_calls: Decimal = Decimal(0)
    calls_this_week: int = 0

    @property
    def open_total(self) -> Decimal:
        return sum((b.amount for b in self.ageing), Decimal(0))


def bucket_of(days_late: int) -> int:
    if days_late <= 0:
        return 0
    if days_late <= 30:
        return 1
    if days_late <= 60:
        return 2
    if days_late <= 90:
        return 3
    return 4


def overview(customers: list[CustomerFacts] | tuple[CustomerFacts, ...], today: date) -> Overview:
    """Ageing, promise tallies for this week and month, and money collected after calls."""
    counts = [0] * len(BUCKETS)
    amounts = [Decimal(0)] * len(BUCKETS)
    week_start = today - timedelta(days=today.weekday())
    month_start = today.replace(day=1)
    week = [0, 0, 0, 0]
    month = [0, 0, 0, 0]
    collected = Decimal(0)
    calls_this_week = 0
    for customer in customers:
        for invoice in customer.open_invoices:
            index = bucket_of((today - invoice.due).days)
            counts[index] += 1
            amounts[index] += invoice.open_amount
        for promise in customer.promises:
            status = check_promise(promise, customer.payments, today).status
            for tally, start in ((week, week_start), (month, month_start)):
                if promise.made_on >= start:
                    _count(tally, status)
        call_days = sorted(c.started_at.date() for c in customer.calls)
        calls_this_week += sum(d >= week_start for d in call_days)
        for payment in customer.payments:
            if payment.on >= month_start and any(
                    d <= payment.on <= d + timedelta(days=AFTER_CALL_DAYS) for d in call_days):
                collected += payment.amount
    return Overview(
        today=today,
        ageing=[Bucket(label, counts[i], amounts[i]) for i, label in enumerate(BUCKETS)],
        week=PromiseTally(*week), month=PromiseTally(*month),
        collected_after_calls=collected, calls_this_week=calls_this_week,
    )


def _count(tally: list[int], status: PromiseStatus) -> None:
    tally[0] += 1
    if status is PromiseStatus.KEPT:
        tally[1] += 1
    elif status in (PromiseStatus.BROKEN, PromiseStatus.PARTLY):
        tally[2] += 1
    else:
        tally[3] += 1


def calling_half_hour(today: date) -> datetime:
    """The suggested weekly calling half hour: the next Monday or Tuesday at 09:30
    (early in the week, at the start of the golden hours), working days only."""
    from belscript.calltime import is_working_day

    day = today + timedelta(days=1)
    while not (day.weekday() in (0, 1) and is_working_day(day)):
        day += timedelta(days=1)
    return datetime.combine(day, time(9, 30))

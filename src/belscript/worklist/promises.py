"""Whether a promise to pay was kept: checked on the day after each promised date.

The advice is to check every promise and escalate quickly when it is broken. A bank
credit is often booked a day after the customer pays, so an instalment is checked on
the day *after* its date, counting every payment made since the promise up to and
including that check day. Payments count towards the instalments in order: what was
paid too little for the first instalment is still missing when the second is checked.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from enum import Enum

from belscript.worklist.facts import PaymentFacts, PromiseFacts


class PromiseStatus(str, Enum):
    OPEN = "open"            # no instalment has reached its check day yet
    RUNNING = "running"      # the checked instalments were paid; later ones still to come
    KEPT = "kept"            # every instalment was paid by its check day
    PARTLY = "partly"        # something was paid, but less than promised by a check day
    BROKEN = "broken"        # nothing was paid by a check day


@dataclass(frozen=True)
class PromiseCheck:
    """The verdict on one promise, on one day, with the figures behind it."""

    status: PromiseStatus
    #: The instalment date that decided a partly kept or broken verdict.
    failed_due: date | None
    expected: Decimal
    paid: Decimal

    @property
    def missing(self) -> Decimal:
        return max(self.expected - self.paid, Decimal(0))

    @property
    def needs_call(self) -> bool:
        return self.status in (PromiseStatus.PARTLY, PromiseStatus.BROKEN)


def check_day(due: date) -> date:
    """The day an instalment due on ``due`` is checked: the next day."""
    return due + timedelta(days=1)


def check_promise(promise: PromiseFacts, payments: tuple[PaymentFacts, ...] | list[PaymentFacts],
                  today: date) -> PromiseCheck:
    """Check ``promise`` against ``payments`` as it stands on ``today``."""
    made = promise.made_on
    expected = Decimal(0)
    checked = 0
    for instalment in sorted(promise.instalments, key=lambda i: i.due):
        day = check_day(instalment.due)
        if day > today:
            break
        expected += instalment.amount
        checked += 1
        paid = _paid_between(payments, made, day)
        if paid < expected:
            status = PromiseStatus.PARTLY if paid > 0 else PromiseStatus.BROKEN
            return PromiseCheck(status, instalment.due, expected, paid)
    paid = _paid_between(payments, made, today)
    if checked == 0:
        return PromiseCheck(PromiseStatus.OPEN, None, Decimal(0), paid)
    done = checked == len(promise.instalments)
    return PromiseCheck(PromiseStatus.KEPT if done else PromiseStatus.RUNNING, None, expected, paid)


def _paid_between(payments, start: date, end: date) -> Decimal:
    return sum((p.amount for p in payments if start <= p.on <= end), Decimal(0))

"""What the call list needs to know about a customer, as plain immutable values.

The store (or a customer file, or a test) fills these in; the ranking, the promise
checks and the learned reachability below read nothing else. Keeping the input this
small is what lets the list be computed, tested and benchmarked without a database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from datetime import date, datetime
from decimal import Decimal


@dataclass(frozen=True)
class InvoiceFacts:
    """One invoice with what is still open of it."""

    number: str
    issued: date
    due: date
    amount: Decimal
    open_amount: Decimal


@dataclass(frozen=True)
class Instalment:
    """One promised payment: ``amount`` on or before ``due``."""

    due: date
    amount: Decimal


@dataclass(frozen=True)
class PromiseFacts:
    """A promise to pay made in a call, with every instalment (one for a single payment)."""

    made_on: date
    instalments: tuple[Instalment, ...]
    call_id: int | None = None

    @property
    def total(self) -> Decimal:
        return sum((i.amount for i in self.instalments), Decimal(0))

    @property
    def last_due(self) -> date:
        return max(i.due for i in self.instalments)


@dataclass(frozen=True)
class PaymentFacts:
    """Money that came in from this customer (bank statement or recorded by hand)."""

    on: date
    amount: Decimal


@dataclass(frozen=True)
class CallFacts:
    """One earlier call: when, whether the customer was reached, and how it ended."""

    started_at: datetime
    reached: bool
    outcome: str | None = None  # "agreement", "no_agreement", None while open


@dataclass(frozen=True)
class SlotCount:
    """Calls in one weekday (0 = Monday) and part of the day, counted over the whole log:
    how many were tried and how many reached the customer. The store counts these in
    the database, so learning the best time never loads every call."""

    weekday: int
    part: str
    tried: int
    reached: int


@dataclass(frozen=True)
class CustomerFacts:
    """Everything the call list weighs for one customer."""

    key: str
    name: str
    invoices: tuple[InvoiceFacts, ...] = ()
    promises: tuple[PromiseFacts, ...] = ()
    payments: tuple[PaymentFacts, ...] = ()
    calls: tuple[CallFacts, ...] = ()
    reminders: tuple[date, ...] = ()
    new_customer: bool = False
    #: Days late of invoices paid earlier (for "betaalt vaak laat").
    paid_late_days: tuple[int, ...] = field(default=())
    #: A reachability the user typed ("dinsdagochtend"), used until calls teach better.
    typed_best_time: str | None = None
    #: Reachability counted per slot over the whole log; when None it is counted from
    #: ``calls`` (then ``calls`` may be only the recent ones the overview needs).
    reach: tuple[SlotCount, ...] | None = None

    @cached_property  # asked for again and again while ranking thousands of customers
    def open_invoices(self) -> tuple[InvoiceFacts, ...]:
        return tuple(i for i in self.invoices if i.open_amount > 0)

    @cached_property
    def open_total(self) -> Decimal:
        return sum((i.open_amount for i in self.open_invoices), Decimal(0))

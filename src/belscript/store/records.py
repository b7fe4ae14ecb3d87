"""The store's records: what importers hand in and what queries hand back.

Plain frozen dataclasses with :class:`~decimal.Decimal` amounts and :class:`date`
values; the database keeps whole cents and ISO text, converted only here, so callers
never see the storage format.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Literal

CustomerKind = Literal["b2b", "b2c", "unknown"]
PromiseStatus = Literal["open", "kept", "partly", "broken"]


def to_cents(amount: Decimal) -> int:
    return int((Decimal(amount) * 100).to_integral_value())


def from_cents(cents: int) -> Decimal:
    return Decimal(int(cents)).scaleb(-2)  # exactly two decimals, as quantize would give


def iso(value: date | datetime | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    return value.isoformat()


def day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


@dataclass(frozen=True)
class ContactRecord:
    name: str
    role: str | None = None
    email: str | None = None
    phone: str | None = None


@dataclass(frozen=True)
class CustomerRecord:
    """A customer as an importer read it; ``number`` is the bookkeeping's debtor number."""

    number: str
    name: str
    kind: CustomerKind = "unknown"
    iban: str | None = None
    address: str | None = None
    email: str | None = None
    phone: str | None = None
    form: Literal["je", "u"] | None = None
    notes: str | None = None
    contacts: tuple[ContactRecord, ...] = ()


@dataclass(frozen=True)
class InvoiceRecord:
    """An open invoice as an importer read it."""

    number: str
    customer: str  # the customer's number
    amount: Decimal
    open_amount: Decimal
    issue_date: date | None = None
    due_date: date | None = None
    currency: str = "EUR"
    order_reference: str | None = None
    delivered: str | None = None


@dataclass
class ImportReport:
    """What one import changed, for the sentence "3 nieuw, 2 gewijzigd, 4 niet meer open"."""

    new: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    #: Open in the store but absent from a full export: to be asked about, not closed.
    not_in_export: list[str] = field(default_factory=list)
    new_customers: list[str] = field(default_factory=list)

    def summary(self) -> str:
        parts = [f"{len(self.new)} nieuw", f"{len(self.changed)} gewijzigd"]
        if self.not_in_export:
            parts.append(f"{len(self.not_in_export)} niet meer open")
        return ", ".join(parts)


@dataclass(frozen=True)
class Customer:
    id: int
    number: str
    name: str
    kind: CustomerKind
    iban: str | None
    address: str | None
    email: str | None
    phone: str | None
    form: str | None
    notes: str | None


@dataclass(frozen=True)
class Contact:
    name: str
    role: str | None
    email: str | None
    phone: str | None


@dataclass(frozen=True)
class Invoice:
    number: str
    customer_id: int
    issue_date: date | None
    due_date: date | None
    amount: Decimal
    open_amount: Decimal
    currency: str
    order_reference: str | None
    delivered: str | None
    source: str | None


@dataclass(frozen=True)
class Payment:
    paid_on: date
    amount: Decimal
    invoice: str | None
    counterparty: str | None = None
    iban: str | None = None
    description: str | None = None


@dataclass(frozen=True)
class PaymentResult:
    """A recorded payment and what it did to the invoice."""

    invoice: str
    amount: Decimal
    open_before: Decimal
    open_after: Decimal
    overpaid: Decimal
    customer_id: int | None = None
    #: Promises of this customer whose verdict the payment changed: {promise id: status}.
    promises: dict[int, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Letter:
    kind: str
    sent_on: date
    caller: str | None
    invoice: str | None


@dataclass(frozen=True)
class Instalment:
    amount: Decimal
    due_on: date
    status: PromiseStatus = "open"


@dataclass(frozen=True)
class Promise:
    id: int
    customer_id: int
    call_ref: str | None
    made_at: datetime
    caller: str | None
    total: Decimal
    status: PromiseStatus
    check_on: date
    checked_on: date | None
    instalments: tuple[Instalment, ...]


@dataclass(frozen=True)
class Claim:
    customer_id: int
    caller: str
    claimed_at: datetime
    expires_at: datetime


@dataclass(frozen=True)
class TeamEntry:
    """One line of "who calls whom today": a call in progress or one finished today."""

    customer_id: int
    number: str
    name: str
    caller: str
    claimed_at: datetime
    finished_at: datetime | None

    @property
    def in_progress(self) -> bool:
        return self.finished_at is None


@dataclass(frozen=True)
class StoredEvent:
    """One fact of a call; ``event_id`` makes sending it twice harmless."""

    event_id: str
    call_ref: str
    seq: int
    at: datetime
    kind: str
    data: dict
    customer_id: int | None = None
    caller: str | None = None


@dataclass(frozen=True)
class History:
    """Everything the store knows about one customer, newest first."""

    customer: Customer
    contacts: tuple[Contact, ...]
    invoices: tuple[Invoice, ...]
    payments: tuple[Payment, ...]
    letters: tuple[Letter, ...]
    promises: tuple[Promise, ...]
    calls: int

    @property
    def open_amount(self) -> Decimal:
        return sum((i.open_amount for i in self.invoices), Decimal("0.00"))

"""The typed records the readers produce; plain frozen data, no behaviour.

Amounts are :class:`~decimal.Decimal` euros rounded to cents, dates are
:class:`datetime.date`. ``source`` says where a record came from (``file:row`` or the
file name), so whoever stores it can point back at the line.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True, slots=True)
class Customer:
    """Who owes the money, with whatever contact facts the file had."""

    name: str
    number: str | None = None
    contact: str | None = None
    email: str | None = None
    phone: str | None = None
    iban: str | None = None
    kvk: str | None = None
    vat_id: str | None = None
    #: ``je`` or ``u`` when the export has an 'aanspreekvorm' column, else None (unknown).
    form: str | None = None


@dataclass(frozen=True, slots=True)
class OpenInvoice:
    """One open item: an invoice (or a credit note, with a negative open amount)."""

    number: str
    customer: Customer
    open_amount: Decimal
    total_amount: Decimal | None = None
    currency: str = "EUR"
    invoice_date: dt.date | None = None
    due_date: dt.date | None = None
    order_reference: str | None = None
    description: str | None = None
    delivered: tuple[str, ...] = ()
    is_credit_note: bool = False
    #: For a credit note: the invoice number it corrects, when the file says so.
    credits_invoice: str | None = None
    source: str = ""


@dataclass(frozen=True, slots=True)
class BankTransaction:
    """One booked bank entry; ``amount`` is always positive, ``is_credit`` says the direction."""

    amount: Decimal
    is_credit: bool
    currency: str
    booking_date: dt.date | None
    counterparty_name: str | None = None
    counterparty_iban: str | None = None
    description: str = ""
    end_to_end_id: str | None = None
    reversal: bool = False
    source: str = ""


@dataclass(frozen=True, slots=True)
class InvoiceFile:
    """What an open-items file held: the invoices plus notes worth showing (Dutch)."""

    invoices: list[OpenInvoice]
    notes: list[str] = field(default_factory=list)

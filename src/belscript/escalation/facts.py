"""The facts about one customer that every escalation decision and letter is built from.

Plain frozen dataclasses, so the store, the call list and tests can build them without
a database or a file. :func:`check_facts` refuses facts that would give a wrong amount
or a wrong step (a negative or absurd amount, a letter dated after "today", a promise
kept before it was made) with a Dutch :class:`~belscript.errors.EscalationError`;
every public function of the package calls it first.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import Enum

from belscript.dutch import MONTHS
from belscript.errors import EscalationError
from belscript.money import format_amount

#: Largest open amount per invoice we compute with; above this a typing error is far
#: likelier than a real claim of a small business, and the owner should check it.
MAX_AMOUNT = Decimal("10000000.00")


class CustomerKind(str, Enum):
    """Business or consumer: the rules for costs and interest differ (see docs/incasso.md)."""

    business = "zakelijk"
    consumer = "consument"

    @property
    def label(self) -> str:
        return "zakelijke klant" if self is CustomerKind.business else "consument"


@dataclass(frozen=True)
class OpenInvoice:
    """One invoice with what is still open on it."""

    number: str
    due_date: date
    open_amount: Decimal
    amount: Decimal | None = None
    invoice_date: date | None = None

    @property
    def total(self) -> Decimal:
        return self.amount if self.amount is not None else self.open_amount


@dataclass(frozen=True)
class StepDone:
    """A ladder step already taken: a letter sent or a collection call made, with its date."""

    step: str
    on: date


@dataclass(frozen=True)
class Promise:
    """A promise to pay: made on ``made_on``, to pay ``amount`` by ``pay_by``.

    ``kept`` is ``True``/``False`` once checked; ``None`` while open. An open promise
    whose date has passed counts as broken: the call list checks promises on the day
    after the promised date, and the invoice is still open.
    """

    made_on: date
    pay_by: date
    amount: Decimal
    kept: bool | None = None

    def broken_by(self, today: date) -> bool:
        return self.kept is False or (self.kept is None and self.pay_by < today)


@dataclass(frozen=True)
class Party:
    """A creditor (who writes) or a debtor (who owes): what a letter's header needs."""

    name: str
    contact: str | None = None
    address: str | None = None
    email: str | None = None
    phone: str | None = None
    iban: str | None = None
    number: str | None = None


@dataclass(frozen=True)
class CallRecord:
    """A collection call for the handover file: when, with whom, what came of it."""

    at: datetime
    who: str
    outcome: str
    note: str = ""
    promise: Promise | None = None


@dataclass(frozen=True)
class CustomerFacts:
    """Everything the escalation rules look at for one customer."""

    kind: CustomerKind
    invoices: tuple[OpenInvoice, ...]
    done: tuple[StepDone, ...] = ()
    promises: tuple[Promise, ...] = ()
    refusals: tuple[date, ...] = field(default=())

    @property
    def open_invoices(self) -> list[OpenInvoice]:
        return sorted((i for i in self.invoices if i.open_amount > 0), key=lambda i: (i.due_date, i.number))

    @property
    def principal(self) -> Decimal:
        """The sum of what is open: the *hoofdsom* for costs and interest."""
        return sum((i.open_amount for i in self.open_invoices), Decimal("0.00"))

    def last_done(self, step: str) -> date | None:
        dates = [d.on for d in self.done if d.step == step]
        return max(dates) if dates else None


def day_words(d: date, *, year: bool = True) -> str:
    """``1 december 2026`` (or ``1 december``): short enough for a reason on the call list."""
    text = f"{d.day} {MONTHS[d.month - 1]}"
    return f"{text} {d.year}" if year else text


def check_amount(value: Decimal, what: str) -> Decimal:
    """Refuse an amount that cannot be right; return it when it can."""
    if not isinstance(value, Decimal) or not value.is_finite():
        raise EscalationError(f"{what}: '{value}' is geen bedrag.")
    if value < 0:
        raise EscalationError(f"{what} is negatief ({format_amount(value)}); een openstaand bedrag is nooit negatief. "
                              "Verwerk een creditnota of betaling eerst in de factuur zelf.")
    if value > MAX_AMOUNT:
        raise EscalationError(f"{what} is {format_amount(value)}: meer dan {format_amount(MAX_AMOUNT)}. "
                              "Controleer het bedrag; belscript rekent hier niet mee.")
    if value != value.quantize(Decimal("0.01")):
        raise EscalationError(f"{what} ({value}) heeft meer dan twee cijfers achter de komma.")
    return value


def _not_after(d: date, today: date, what: str) -> None:
    if d > today:
        raise EscalationError(f"{what} ligt in de toekomst ({day_words(d)}, vandaag is {day_words(today)}); "
                              "dat kan niet: controleer de datum.")


def check_facts(facts: CustomerFacts, today: date) -> None:
    """Raise :class:`EscalationError` (Dutch) when the facts cannot give a right answer."""
    if not isinstance(facts.kind, CustomerKind):
        raise EscalationError("Onbekend soort klant: kies 'zakelijk' of 'consument'.")
    if not facts.invoices:
        raise EscalationError("Er zijn geen facturen voor deze klant.")
    for inv in facts.invoices:
        check_amount(inv.open_amount, f"Het openstaande bedrag van factuur {inv.number}")
        if inv.amount is not None:
            check_amount(inv.amount, f"Het bedrag van factuur {inv.number}")
            if inv.open_amount > inv.amount:
                raise EscalationError(f"Bij factuur {inv.number} staat meer open ({format_amount(inv.open_amount)}) "
                                      f"dan het factuurbedrag ({format_amount(inv.amount)}).")
        if inv.invoice_date is not None:
            _not_after(inv.invoice_date, today, f"De factuurdatum van {inv.number}")
            if inv.due_date < inv.invoice_date:
                raise EscalationError(f"De vervaldatum van factuur {inv.number} ligt vóór de factuurdatum.")
    for step in facts.done:
        _not_after(step.on, today, f"De datum van de stap '{step.step}'")
    for p in facts.promises:
        check_amount(p.amount, "Het bedrag van een toezegging")
        _not_after(p.made_on, today, "De datum waarop de toezegging is gedaan")
        if p.pay_by < p.made_on:
            raise EscalationError(f"Een toezegging van {day_words(p.made_on)} heeft een betaaldatum "
                                  f"daarvóór ({day_words(p.pay_by)}).")
    for refused in facts.refusals:
        _not_after(refused, today, "De datum van de weigering")

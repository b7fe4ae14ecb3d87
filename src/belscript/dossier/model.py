"""The customer file (*dossier*): everything the seeds say to gather before calling.

What was delivered and when, whether it was signed for, complaints, the due date,
reminders sent, earlier contacts and agreements, earlier payment problems, and who to
ask for. Scripts fill their lines from it through ``{field}`` templates; the set of
fields is fixed in :mod:`belscript.templates` so a script can be checked before use.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from belscript.dutch import join
from belscript.money import AmountSyntaxError, format_amount, parse_amount
from belscript.templates import TEMPLATE_FIELDS, fill  # noqa: F401  (public here too)


def _amount(value: object) -> Decimal:
    try:
        return parse_amount(value)  # type: ignore[arg-type]
    except AmountSyntaxError as exc:
        raise ValueError(str(exc)) from None


Amount = Annotated[Decimal, BeforeValidator(_amount)]

#: Control characters, line and paragraph separators: never in a name, number or address.
_NOT_ONE_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
#: A letter or digit of a domain name: A-Z, a-z, 0-9 or anything from U+00C0 to U+FFFF,
#: written as "none of the rest" because ``re`` builds a 64K-entry table for a class
#: that lists a range beyond Latin-1 (~14 ms at start-up, before the call screen's
#: first frame); ``[^…]`` of small ranges compiles in a fraction of that.
_DOMAIN_CHAR = r"[^\x00-/:-@\[-`{-\xbf\U00010000-\U0010ffff]"
_DOMAIN_CHAR_OR_DOT_DASH = r"[^\x00-,/:-@\[-`{-\xbf\U00010000-\U0010ffff]"
#: An address for one recipient: no spaces, commas, semicolons or angle brackets, which
#: would add recipients or break the header of the confirmation e-mail.
_EMAIL = re.compile(r"[^@\s,;:<>()\[\]\\\"]{1,64}@" + _DOMAIN_CHAR
                    + "(?:" + _DOMAIN_CHAR_OR_DOT_DASH + "{0,251}" + _DOMAIN_CHAR + ")?")


def _one_line(value: str) -> str:
    if _NOT_ONE_LINE.search(value):
        raise ValueError("moet één regel zijn, zonder regeleinden, tabs of stuurtekens")
    return value


def _email(value: str) -> str:
    value = _one_line(value.strip())
    if not _EMAIL.fullmatch(value) or ".." in value.split("@", 1)[1] or "." not in value.split("@", 1)[1]:
        raise ValueError(f"'{value[:80]}' is niet één e-mailadres (zoals naam@bedrijf.nl)")
    return value


#: Text that ends up in e-mail headers, file names or one line of the call screen.
Line = Annotated[str, AfterValidator(_one_line)]
Email = Annotated[str, AfterValidator(_email)]


class _Strict(BaseModel):
    # defer_build: validating a script never pays for building the customer-file validators.
    model_config = ConfigDict(extra="forbid", defer_build=True)


class Person(_Strict):
    name: Line
    role: str | None = Field(default=None, description="e.g. 'financiële administratie', 'eigenaar'.")
    phone: Line | None = None
    email: Email | None = None


class Customer(_Strict):
    name: Line = Field(description="Company or person that owes the money.")
    number: Line | None = Field(default=None, description="Customer number.")
    phone: Line | None = None
    email: Email | None = None
    address: str | None = None
    new_customer: bool = False
    address_form: Literal["u", "je"] = Field(
        default="u", description="How the customer is addressed in the lines to say: 'u', or 'je' on first-name terms.")


class Caller(_Strict):
    """Who is calling, on behalf of which company (used in the opening and the e-mail)."""

    name: Line
    company: Line
    phone: Line | None = None
    email: Email | None = None
    iban: Line | None = None
    on_behalf_of: Line | None = Field(
        default=None, description="Whose call this is when a colleague or bookkeeper calls for the owner.")


class Invoice(_Strict):
    number: Line
    amount: Amount
    paid: Amount = Field(default=Decimal("0.00"), description="Already paid on this invoice.")
    invoice_date: date
    due_date: date
    order_number: Line | None = None
    delivered: str | None = Field(default=None, description="What was delivered or done.")
    delivered_on: date | None = None
    signed_for_receipt: bool | None = Field(default=None, description="Was delivery signed for?")
    complaints: list[str] = Field(default_factory=list, description="Complaints known about this delivery or invoice.")
    receipt_confirmed: date | None = Field(default=None, description="When the customer confirmed the invoice had arrived.")

    @property
    def open_amount(self) -> Decimal:
        return self.amount - self.paid

    @model_validator(mode="after")
    def _dates(self) -> "Invoice":
        if self.due_date < self.invoice_date:
            raise ValueError("due_date lies before invoice_date")
        if self.amount < 0 or self.paid < 0:
            raise ValueError("amount and paid cannot be negative")
        if self.paid > self.amount:
            raise ValueError("paid is more than the invoice amount")
        return self


class Reminder(_Strict):
    date: date
    kind: Literal["herinnering", "aanmaning", "ingebrekestelling", "e-mail", "brief"] = "herinnering"
    note: str | None = None


class Contact(_Strict):
    """An earlier contact about payment."""

    date: date
    who: str = Field(description="Who we spoke to.")
    summary: str
    agreed: str | None = Field(default=None, description="What was agreed, if anything.")
    kept: bool | None = Field(default=None, description="Was the agreement kept?")


class Dossier(_Strict):
    """A customer file."""

    customer: Customer
    contact: Person | None = Field(default=None, description="Who to ask for; who handles payments.")
    caller: Caller
    invoices: list[Invoice] = Field(min_length=1)
    payment_terms: str | None = Field(default=None, description="Payment terms and special conditions.")
    reminders: list[Reminder] = Field(default_factory=list)
    contacts: list[Contact] = Field(default_factory=list)
    payment_problems: list[str] = Field(default_factory=list, description="Earlier payment problems with this customer.")
    best_reachable: str | None = Field(default=None, description="When this customer is best reached, from earlier contacts.")
    goal: str | None = Field(default=None, description="What you want from this call, e.g. a promise for all open invoices.")

    @property
    def total_due(self) -> Decimal:
        return sum((inv.open_amount for inv in self.invoices), Decimal("0.00"))

    @property
    def oldest_invoice(self) -> Invoice:
        return min(self.invoices, key=lambda inv: inv.due_date)


def template_values(dossier: Dossier, *, today: date, words: "callable[[date], str]",
                    amount: "callable[[Decimal], str]" = format_amount) -> dict[str, str]:
    """Compute every template field from a dossier.

    ``words`` renders a date in Dutch words (supplied by the agreement layer's date
    formatter so this module stays free of locale libraries); ``amount`` renders an
    amount. The call passes the spoken forms for the lines the caller says aloud and
    the written forms for everything else.
    """
    oldest = dossier.oldest_invoice
    open_invoices = [inv.number for inv in dossier.invoices if inv.open_amount > 0] or [oldest.number]
    numbers = join(open_invoices)
    last_reminder = max(dossier.reminders, key=lambda r: r.date) if dossier.reminders else None
    last_contact = max(dossier.contacts, key=lambda c: c.date) if dossier.contacts else None
    if len(open_invoices) == 1:
        outstanding = f"factuur {open_invoices[0]} van {amount(dossier.total_due)}"
    else:
        outstanding = f"de facturen {numbers}, samen {amount(dossier.total_due)}"
    contact = dossier.contact.name if dossier.contact else "de financiële administratie"
    confirmed = max((inv.receipt_confirmed for inv in dossier.invoices
                     if inv.receipt_confirmed and inv.open_amount > 0), default=None)
    return {
        "klant": dossier.customer.name,
        "klantnummer": dossier.customer.number or "",
        "contactpersoon": contact,
        "beller": dossier.caller.name,
        "bedrijf": dossier.caller.company,
        "factuurnummer": oldest.number,
        "facturen": numbers,
        "aantal_facturen": str(len(open_invoices)),
        "bedrag": amount(oldest.open_amount),
        "totaal": amount(dossier.total_due),
        "openstaand": outstanding,
        "factuurdatum": words(oldest.invoice_date),
        "vervaldatum": words(oldest.due_date),
        "dagen_te_laat": str(max(0, (today - oldest.due_date).days)),
        "geleverd": oldest.delivered or "",
        "geleverd_op": words(oldest.delivered_on) if oldest.delivered_on else "",
        "laatste_herinnering": words(last_reminder.date) if last_reminder else "",
        "laatste_afspraak": (last_contact.agreed or "") if last_contact else "",
        "betalingsvoorwaarden": dossier.payment_terms or "",
        "email_klant": (dossier.contact.email if dossier.contact and dossier.contact.email else dossier.customer.email) or "",
        "ontvangst_bevestigd": words(confirmed) if confirmed else "",
        "namens": f", ik bel namens {dossier.caller.on_behalf_of}" if dossier.caller.on_behalf_of else "",
    }

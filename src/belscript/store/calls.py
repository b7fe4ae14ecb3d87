"""A call on a customer from the store: its customer file, its script, and what it agreed.

``belscript call KLANT`` needs no YAML: :func:`dossier_for` builds the customer file
(:class:`belscript.dossier.Dossier`) from the store, :func:`script_for` picks the script
the call list would (:func:`belscript.worklist.build`), and after the screen closes
:func:`write_back` stores the agreement's promise (each instalment) and the person
spoken to, read from the call log's fold of the call (:class:`CallState`). The domain
packages stay free of the store: this module only hands them plain values.
"""

from __future__ import annotations

from datetime import datetime

from belscript.dossier import Caller, Contact, Dossier, Invoice, Person, Reminder
from belscript.dossier import Customer as FileCustomer
from belscript.money import format_amount
from belscript.store.customers import upsert_customer
from belscript.store.errors import StoreRefused
from belscript.store.records import ContactRecord, Customer, CustomerRecord, History

_REMINDER_KINDS = {"herinnering", "aanmaning", "ingebrekestelling", "e-mail", "brief"}
_KEPT = {"kept": True, "partly": False, "broken": False}
_WORDS = {"open": "loopt nog", "kept": "nagekomen", "partly": "deels nagekomen", "broken": "niet nagekomen"}


def call_ref(call_id: int) -> str:
    """How a promise points back at the call it was made in."""
    return f"call:{call_id}"


def dossier_for(store, history: History) -> Dossier:
    """The customer file for a call on ``history.customer``; refused in Dutch when it cannot be made."""
    c = history.customer
    open_invoices = [i for i in history.invoices if i.open_amount > 0]
    if not open_invoices:
        raise StoreRefused(f"{c.name} heeft geen openstaande facturen; er is niets om over te bellen",
                           hint=f"'belscript klant {c.number}' toont de facturen en betalingen.")
    if not store.caller or not store.settings.company:
        raise StoreRefused("er is nog niet ingesteld wie er belt en namens welk bedrijf",
                           hint="Zet BELSCRIPT_CALLER en BELSCRIPT_COMPANY, of caller = \"uw naam\" en "
                                "company = \"uw bedrijf\" in config.toml in de belscriptmap.")
    today = store.clock.today()
    invoices = []
    for i in sorted(open_invoices, key=lambda i: (i.due_date or today, i.number)):
        issued = i.issue_date or i.due_date or today
        invoices.append(Invoice(number=i.number, amount=max(i.amount, i.open_amount),
                                paid=max(i.amount, i.open_amount) - i.open_amount, invoice_date=issued,
                                due_date=max(i.due_date or issued, issued), order_number=i.order_reference,
                                delivered=i.delivered))
    person = history.contacts[0] if history.contacts else None
    contacts, problems = [], []
    for p in sorted(history.promises, key=lambda p: p.made_at):
        parts = ", ".join(f"{format_amount(x.amount)} op {x.due_on:%d-%m-%Y}" for x in p.instalments)
        contacts.append(Contact(date=p.made_at.date(), who=person.name if person else c.name,
                                summary=f"Toezegging in een gesprek ({_WORDS[p.status]}).", agreed=parts,
                                kept=_KEPT.get(p.status)))
        if p.status in ("broken", "partly"):
            problems.append(f"Toezegging van {p.made_at:%d-%m-%Y} ({parts}) {_WORDS[p.status]}.")
    return Dossier(
        customer=FileCustomer(name=c.name, number=c.number, phone=c.phone, email=c.email, address=c.address,
                              address_form="je" if c.form == "je" else "u",
                              new_customer=not history.payments and not history.promises and not history.calls),
        contact=Person(name=person.name, role=person.role, phone=person.phone, email=person.email) if person else None,
        caller=Caller(name=store.caller, company=store.settings.company),
        invoices=invoices,
        reminders=[Reminder(date=r.sent_on, kind=r.kind if r.kind in _REMINDER_KINDS else "brief")
                   for r in sorted(history.letters, key=lambda r: r.sent_on)],
        contacts=contacts,
        payment_problems=problems,
        payment_terms=None,
    )


def script_for(history: History, now: datetime) -> str:
    """The built-in script the call list gives this customer (broken promise → tweede-gesprek)."""
    from belscript.worklist import (FIRST_CALL, SECOND_CALL, CustomerFacts, Instalment, InvoiceFacts, PaymentFacts,
                                    PromiseFacts, build)

    today = now.date()
    facts = CustomerFacts(
        key=history.customer.number, name=history.customer.name,
        invoices=tuple(InvoiceFacts(i.number, i.issue_date or i.due_date or today, i.due_date or i.issue_date or today,
                                    i.amount, i.open_amount) for i in history.invoices),
        promises=tuple(PromiseFacts(p.made_at.date(), tuple(Instalment(x.due_on, x.amount) for x in p.instalments))
                       for p in history.promises),
        payments=tuple(PaymentFacts(p.paid_on, p.amount) for p in history.payments),
        reminders=tuple(r.sent_on for r in history.letters),
        new_customer=not history.payments and not history.promises)
    entries = build([facts], now).entries
    if entries:
        return entries[0].script
    return SECOND_CALL if any(p.status in ("broken", "partly") for p in history.promises) else FIRST_CALL


def write_back(store, customer: Customer, call_id: int, state) -> list[str]:
    """Store what an ended call agreed (``state`` is its :class:`CallState`); Dutch lines saying what.

    Safe to run twice for one call: a promise already stored for it is not stored again.
    """
    from belscript.agreement.model import Agreement

    lines: list[str] = []
    if not state.ended:
        return lines
    person = state.contact_person
    with store.db.transaction():
        if person:
            record = CustomerRecord(customer.number, customer.name, contacts=(ContactRecord(person),))
            upsert_customer(store.db, record, source=None, now=store._now())
        outcome = state.outcome
        ref = call_ref(call_id)
        done = store.db.execute("SELECT 1 FROM promises WHERE call_ref = ?", (ref,)).fetchone()
        if isinstance(outcome, Agreement) and outcome.payments and done is None:
            made_at = state.ended_at or store.clock.now()
            store.record_promise(customer.id, outcome.payments, call_ref=ref, made_at=made_at)
            parts = ", ".join(f"{format_amount(p.amount)} op {p.on:%d-%m-%Y}" for p in outcome.payments)
            lines.append(f"Toezegging van {customer.name} vastgelegd: {parts}.")
    if person:
        lines.append(f"Contactpersoon bij {customer.name}: {person}.")
    return lines


__all__ = ["call_ref", "dossier_for", "script_for", "write_back"]

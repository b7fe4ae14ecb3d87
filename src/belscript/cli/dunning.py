"""From the store and the call log to the escalation package's facts, for 'brief' and 'overdracht'.

The escalation package never reads a database; this module does it for the two
commands that need it:

* the customer's kind: the store's ``kind`` (``b2b``/``b2c``), or ``--zakelijk`` /
  ``--consument`` when the store does not know it (the answer is saved in the store);
* the facts: open invoices, letters sent (ladder steps), promises with their status,
  and from the call log the collection calls (the ``telefoongesprek`` step), refusals
  and every call with its outcome for the handover file;
* the creditor: the ``[bedrijf]`` table in ``config.toml`` (naam, adres, email,
  telefoon, iban), with the caller's name as the contact person.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from belscript.errors import UsageError

STORE_KIND = {"zakelijk": "b2b", "consument": "b2c"}


def add_kind_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--zakelijk", dest="kind", action="store_const", const="zakelijk",
                       help="de klant is een bedrijf (wordt bewaard als dat nog niet bekend was)")
    group.add_argument("--consument", dest="kind", action="store_const", const="consument",
                       help="de klant is een consument (wordt bewaard als dat nog niet bekend was)")


def customer_kind(store, customer, chosen: str | None):
    """The escalation :class:`CustomerKind` of a store customer; refuses when nobody knows it."""
    from belscript.escalation import CustomerKind

    known = {"b2b": "zakelijk", "b2c": "consument"}.get(customer.kind)
    if chosen and known and chosen != known:
        raise UsageError(f"{customer.name} staat in de database als {known}, niet als {chosen}",
                         hint="Laat --zakelijk/--consument weg, of corrigeer de klant in de boekhouding en lees opnieuw in.")
    if chosen is None and known is None:
        raise UsageError(f"van {customer.name} is onbekend of het een bedrijf of een consument is: "
                         "geef --zakelijk of --consument",
                         hint="Voor consumenten gelden strengere regels voor incassokosten (art. 6:96 lid 6 BW).")
    if known is None:
        store.set_customer_kind(customer.id, STORE_KIND[chosen])
    return CustomerKind(known or chosen)


def creditor_from_config(caller: str | None, home=None):
    """The creditor from ``[bedrijf]`` in config.toml; refuses without a company name."""
    from belscript.escalation import Party
    from belscript.store.settings import read_config

    section = read_config(home).get("bedrijf") or {}
    if not isinstance(section, dict) or not str(section.get("naam") or "").strip():
        raise UsageError("uw bedrijfsgegevens ontbreken; een brief heeft uw bedrijfsnaam en rekeningnummer nodig",
                         hint='Zet in config.toml in BELSCRIPT_HOME:\n[bedrijf]\nnaam = "Uw Bedrijf B.V."\n'
                              'adres = "Straat 1, 1234 AB Plaats"\nemail = "debiteuren@uwbedrijf.nl"\n'
                              'telefoon = "020 123 45 67"\niban = "NL00BANK0123456789"')
    text = {k: (str(v).strip() or None) for k, v in section.items() if isinstance(v, (str, int))}
    return Party(text["naam"], contact=caller or text.get("contactpersoon"), address=text.get("adres"),
                 email=text.get("email"), phone=text.get("telefoon"), iban=text.get("iban"))


def debtor_party(history):
    from belscript.escalation import Party

    c = history.customer
    person = history.contacts[0] if history.contacts else None
    return Party(c.name, contact=person.name if person else None, address=c.address,
                 email=(person.email if person and person.email else c.email), phone=c.phone, number=c.number)


def calls_of(customer, home=None) -> list:
    """The real (not practice) calls in the call log with this customer, oldest first."""
    from belscript.journal import Journal

    with Journal.open(home, create=False) as journal:  # only this customer's rows are read
        calls = journal.calls_of(customer.number, customer.name)
    return sorted((r for r in calls if is_call_of(r, customer)), key=lambda r: r.started_at)


def is_call_of(record, customer) -> bool:
    """Whether a logged call was with this store customer: by customer number, or by name
    when the call's customer file had no number."""
    who = (record.dossier_data or {}).get("customer") or {}
    return bool((customer.number and who.get("number") == customer.number) or (
        not who.get("number") and who.get("name") == customer.name))


def _promise(p):
    from belscript.escalation import Promise

    last = max((i.due_on for i in p.instalments), default=p.check_on)
    kept = {"kept": True, "partly": False, "broken": False}.get(p.status)
    return Promise(p.made_at.date(), last, p.total, kept)


def call_records(calls) -> tuple[tuple, tuple[date, ...], tuple[date, ...]]:
    """(handover call records, days a collection call took place, days the customer refused)."""
    from belscript.agreement.model import Agreement, NoAgreement, NoAgreementReason, NO_AGREEMENT_LABELS
    from belscript.escalation import CallRecord, Promise

    records, called, refused = [], [], []
    for call in calls:
        if call.status != "ended":
            continue
        outcome = call.outcome
        day = call.started_at.date()
        promise = None
        if isinstance(outcome, NoAgreement):
            words = NO_AGREEMENT_LABELS.get(outcome.reason, str(outcome.reason))
            note = outcome.detail
            if outcome.reason is NoAgreementReason.refuses:
                refused.append(day)
            if outcome.reason is not NoAgreementReason.not_reachable:
                called.append(day)
        elif isinstance(outcome, Agreement):
            words = "afspraak gemaakt"
            note = f"bij niet nakomen: {outcome.if_broken}" if outcome.if_broken else ""
            called.append(day)
            if outcome.payments:
                promise = Promise(day, max(p.on for p in outcome.payments),
                                  sum((p.amount for p in outcome.payments), Decimal("0.00")))
        else:
            words, note = "gesprek beëindigd zonder vastgelegde uitkomst", ""
        records.append(CallRecord(call.started_at, call.contact_person or outcome_person(outcome) or "onbekend",
                                  words, note, promise))
    return tuple(records), tuple(called), tuple(refused)


def outcome_person(outcome) -> str | None:
    return getattr(outcome, "agreed_by", None)


def customer_facts(history, kind, calls, today: date):
    """The escalation facts of one store customer plus its calls from the call log."""
    from belscript.escalation import CustomerFacts, OpenInvoice, StepDone
    from belscript.escalation.ladder import STEPS

    invoices = []
    for inv in history.invoices:
        if inv.due_date is None:
            if inv.open_amount > 0:
                raise UsageError(f"factuur {inv.number} heeft geen vervaldatum; daarmee kan belscript niet rekenen",
                                 hint="Lees de facturen opnieuw in met een kolom voor de vervaldatum.")
            continue
        invoices.append(OpenInvoice(inv.number, inv.due_date, inv.open_amount, amount=inv.amount,
                                    invoice_date=inv.issue_date))
    _records, called, refused = call_records(calls)
    done = [StepDone(letter.kind, letter.sent_on) for letter in history.letters if letter.kind in STEPS]
    done += [StepDone("telefoongesprek", d) for d in called]
    promises = tuple(_promise(p) for p in history.promises)
    return CustomerFacts(kind, tuple(invoices), tuple(done), promises, refused)



@dataclass(frozen=True)
class Case:
    """One customer as 'brief' and 'overdracht' both start from it."""

    today: date
    customer: object
    kind: object
    history: object
    calls: list
    facts: object


def customer_case(args: argparse.Namespace, store, home) -> Case:
    """Promises checked up to today, then ``args.customer`` found with their kind (asked
    once when unknown), history, calls from the call log and escalation facts."""
    today = store.clock.today()
    store.check_promises(today)
    customer = store.find_customer(args.customer)
    kind = customer_kind(store, customer, args.kind)
    history = store.history(customer)
    calls = calls_of(customer, home)
    return Case(today, customer, kind, history, calls, customer_facts(history, kind, calls, today))

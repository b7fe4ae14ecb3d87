"""Show one customer's history: 'belscript klant KLANT'.

KLANT is a customer number, an invoice number or part of the name ('bakkerij',
'jansen bak'). Shows the contact details, open invoices, payments, letters sent,
promises (kept, partly kept, broken or still running) and the number of logged calls.
"""

from __future__ import annotations

import argparse

_STATUS = {"open": "loopt", "kept": "nagekomen", "partly": "deels nagekomen", "broken": "niet nagekomen"}
_KIND = {"b2b": "zakelijk", "b2c": "consument", "unknown": "zakelijk of consument onbekend"}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("customer", metavar="KLANT", help="customer number, invoice number or part of the name")


def run(args: argparse.Namespace) -> int:
    from belscript.store import open_store

    with open_store() as store:
        customer = store.find_customer(args.customer)
        history = store.history(customer)
        today = store.clock.today()
    for line in render(history, today):
        print(line)
    return 0


def render(h, today) -> list[str]:
    from belscript.money import format_amount

    c = h.customer
    lines = [f"{c.name} (klantnummer {c.number}, {_KIND.get(c.kind, c.kind)})"]
    for label, value in (("Contact", ", ".join(x for x in (c.phone, c.email) if x)), ("Adres", c.address),
                         ("IBAN", c.iban), ("Aanspreekvorm", c.form), ("Notities", c.notes)):
        if value:
            lines.append(f"  {label}: {value}")
    for person in h.contacts:
        lines.append(f"  Contactpersoon: {person.name}" + (f" ({person.role})" if person.role else ""))
    lines.append(f"Openstaand: {format_amount(h.open_amount)}")
    lines.append("")
    lines.append("Facturen:" if h.invoices else "Facturen: geen")
    for i in h.invoices:
        late = (today - i.due_date).days if i.due_date and i.open_amount > 0 else 0
        due = f"vervalt {i.due_date:%d-%m-%Y}" if i.due_date else "geen vervaldatum"
        state = f"open {format_amount(i.open_amount)}" if i.open_amount > 0 else "betaald"
        lines.append(f"  {i.number}  {format_amount(i.amount)}  {due}  {state}"
                     + (f", {late} dagen te laat" if late > 0 else ""))
    if h.payments:
        lines.append("Betalingen:")
        for p in h.payments:
            lines.append(f"  {p.paid_on:%d-%m-%Y}  {format_amount(p.amount)}" + (f"  factuur {p.invoice}" if p.invoice else ""))
    if h.letters:
        lines.append("Brieven:")
        for letter in h.letters:
            lines.append(f"  {letter.sent_on:%d-%m-%Y}  {letter.kind}" + (f"  ({letter.caller})" if letter.caller else ""))
    if h.promises:
        lines.append("Toezeggingen:")
        for p in h.promises:
            parts = ", ".join(f"{format_amount(x.amount)} op {x.due_on:%d-%m-%Y}" for x in p.instalments)
            by = f", genoteerd door {p.caller}" if p.caller else ""
            lines.append(f"  {p.made_at:%d-%m-%Y}: {parts} ({_STATUS[p.status]}{by})")
    lines.append(f"Gesprekken in het logboek: {h.calls}")
    return lines

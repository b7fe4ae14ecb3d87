"""Show one customer's history: 'belscript klant KLANT'.

KLANT is a customer number, an invoice number or part of the name ('bakkerij',
'jansen bak'). Shows the contact details, open invoices, payments, letters sent,
promises (kept, partly kept, broken or still running), the calls in the log, how many
days late this customer pays on average, when they are usually reached (learned
from the calls that reached them) and the next step.

'belscript klant export KLANT [-o BESTAND] [--force]' writes that customer's file
(YAML with Dutch keys: open invoices, contact person, phone, e-mail, letters and
promises) for 'belscript call --dossier BESTAND', to keep, adjust or hand over.

'belscript klant KLANT --aanspreekvorm je' (or 'u') records how the customer is
addressed; a call from the list then says "je" (or "u") and so does the e-mail after it.
An import column 'aanspreekvorm' does the same for many customers at once.
"""

from __future__ import annotations

import argparse

_STATUS = {"open": "loopt", "kept": "nagekomen", "partly": "deels nagekomen", "broken": "niet nagekomen"}
_KIND = {"b2b": "zakelijk", "b2c": "consument", "unknown": "zakelijk of consument onbekend"}


#: The help text owners see (`belscript klant --help`): the command speaks Dutch.
DESCRIPTION_NL = """De geschiedenis van één klant: 'belscript klant KLANT'.

KLANT is een klantnummer, een factuurnummer of een deel van de naam ('bakkerij',
'jansen bak'). U ziet de contactgegevens, de openstaande facturen, de betalingen, de
verstuurde brieven, de betaalbeloften (nagekomen, deels nagekomen, gebroken of nog
lopend), de gesprekken in het logboek, hoeveel dagen deze klant gemiddeld te laat
betaalt, wanneer u de klant meestal te pakken krijgt (geleerd van de gesprekken waarin u
iemand sprak) en de volgende stap.

'belscript klant export KLANT [-o BESTAND] [--force]' schrijft het klantdossier van deze
klant (YAML met Nederlandse sleutels: openstaande facturen, contactpersoon, telefoon,
e-mail, brieven en beloften) voor 'belscript call --dossier BESTAND', om te bewaren, aan
te passen of over te dragen.

'belscript klant KLANT --aanspreekvorm je' (of 'u') legt vast hoe u deze klant
aanspreekt: een gesprek vanuit de bellijst zegt dan "je" (of "u"), en de e-mail daarna
ook. Een importkolom 'aanspreekvorm' doet hetzelfde voor veel klanten tegelijk.
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.usage = "%(prog)s [export] KLANT [-o BESTAND] [--force] [--aanspreekvorm {u,je}]"
    parser.add_argument("customer", metavar="KLANT", help="klantnummer, factuurnummer of een deel van de naam")
    parser.add_argument("exported", nargs="?", metavar="KLANT", help=argparse.SUPPRESS)
    parser.add_argument("-o", "--output", metavar="BESTAND",
                        help="met 'export': het klantdossier dat belscript schrijft (standaard: klant-KLANTNUMMER.yaml in deze map)")
    parser.add_argument("--force", action="store_true", help="met 'export': BESTAND vervangen als het al bestaat")
    parser.add_argument("--aanspreekvorm", dest="form", choices=("u", "je"),
                        help="deze klant voortaan met 'u' of 'je' aanspreken, in gesprekken en e-mails")


def run(args: argparse.Namespace) -> int:
    from belscript.errors import UsageError

    if args.exported is not None:
        if args.form is not None:
            raise UsageError("--aanspreekvorm hoort bij 'belscript klant KLANT', niet bij export")
        if args.customer != "export":
            raise UsageError(f"onbekende opdracht '{args.customer}'; bedoelt u 'belscript klant export {args.exported}'?")
        return export(args.exported, output=args.output, force=args.force)
    if args.output is not None or args.force:
        raise UsageError("-o en --force horen bij 'belscript klant export KLANT'")
    if args.form is not None:
        return set_form(args.customer, args.form)
    from belscript.journal import Journal
    from belscript.store import open_store

    with open_store() as store:
        customer = store.find_customer(args.customer)
        history = store.history(customer)
        now = store.clock.now()
        with Journal.open(store.settings.home, clock=store.clock, create=False, verify=False) as journal:
            facts = store.worklist_facts(customer, calls=journal)
    lines = render(history, now.date())
    if facts:
        lines[-1:] = learned(facts[0], now)
    for line in lines:
        print(line)
    return 0


def set_form(query: str, form: str) -> int:
    """Record how a customer is addressed; calls from the list and their e-mails follow it."""
    from belscript.store import open_store

    with open_store() as store:
        customer = store.find_customer(query)
        store.set_address_form(customer.id, form)
    said = "met 'je' (tutoyeren)" if form == "je" else "met 'u'"
    print(f"{customer.name} ({customer.number}) wordt voortaan {said} aangesproken, in het gesprek en in de e-mail.")
    return 0


def export(query: str, *, output: str | None, force: bool) -> int:
    """Write the customer file of one customer in the store (YAML, Dutch keys), owner-only."""
    import re

    from belscript.cli.outfile import write_output
    from belscript.dossier.keys import dutch_yaml
    from belscript.store import open_store
    from belscript.store.calls import dossier_for

    with open_store() as store:
        customer = store.find_customer(query)
        dossier = dossier_for(store, store.history(customer))
        today = store.clock.today()
    header = (f"Klantdossier van {customer.name} (klantnummer {customer.number}), gemaakt met\n"
              f"'belscript klant export' op {today:%d-%m-%Y}. Bellen: belscript call --dossier DIT_BESTAND\n"
              "Bevat persoonsgegevens: bewaar het alleen zolang u het nodig hebt.")
    name = output or f"klant-{re.sub(r'[^0-9A-Za-z_.-]+', '-', customer.number).strip('.-') or 'export'}.yaml"
    path = write_output(name, dutch_yaml(dossier, header=header), overwrite=force, language="nl",
                        example_name="klant.yaml")
    open_invoices = len(dossier.invoices)
    print(f"Klantdossier van {customer.name} geschreven: {path} "
          f"({open_invoices} openstaande factu{'ur' if open_invoices == 1 else 'ren'})")
    return 0


_OUTCOME = {"agreement": "afspraak gemaakt", "no_agreement": "geen afspraak"}


def learned(facts, now) -> list[str]:
    """The calls, the promise record, the average lateness, the best time and the next step."""
    from belscript.worklist import PromiseStatus, build, check_promise
    from belscript.worklist.reachability import best_time

    lines = [f"Gesprekken: {len(facts.calls)}" if facts.calls else "Gesprekken: nog geen"]
    for call in sorted(facts.calls, key=lambda c: c.started_at, reverse=True)[:10]:
        reached = "bereikt" if call.reached else "niet bereikt"
        outcome = _OUTCOME.get(call.outcome or "", "")
        lines.append(f"  {call.started_at:%d-%m-%Y %H:%M}  {reached}" + (f", {outcome}" if outcome and call.reached else ""))
    if facts.promises:
        statuses = [check_promise(p, facts.payments, now.date()).status for p in facts.promises]
        kept = statuses.count(PromiseStatus.KEPT)
        broken = sum(s in (PromiseStatus.BROKEN, PromiseStatus.PARTLY) for s in statuses)
        running = len(statuses) - kept - broken
        lines.append(f"Toezeggingen: {len(statuses)} gedaan, {kept} nagekomen, {broken} niet (helemaal) nagekomen, "
                     f"{running} lopen nog")
    if facts.paid_late_days:
        average = sum(facts.paid_late_days) / len(facts.paid_late_days)
        lines.append(f"Betaalt gemiddeld {round(average)} dagen na de vervaldatum "
                     f"({len(facts.paid_late_days)} betaalde factu{'ur' if len(facts.paid_late_days) == 1 else 'ren'})")
    best = best_time(facts.calls, facts.typed_best_time, facts.reach)
    lines.append(f"Best bereikbaar: {best.words()}" if best.words()
                 else "Best bereikbaar: nog niet bekend (minstens twee gesprekken in hetzelfde dagdeel nodig)")
    today_list = build([facts], now)
    if today_list.entries:
        entry = today_list.entries[0]
        lines.append(f"Volgende stap: bellen met het script {entry.script} – {entry.why}")
    elif today_list.waiting:
        lines.append(f"Volgende stap: niet bellen – {today_list.waiting[0].words}")
    else:
        lines.append("Volgende stap: geen; er staat niets open dat nu een gesprek vraagt")
    return lines


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

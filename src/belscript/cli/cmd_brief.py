"""Write the next collection letter for a customer: 'belscript brief KLANT'.

belscript decides the letter with the escalation ladder (herinnering, aanmaning,
veertiendagenbrief for consumers, ingebrekestelling), or takes --soort; a letter the
law does not allow yet (collection costs for a consumer before the fourteen days of
the veertiendagenbrief have passed) is refused with the reason. The letter is written
as an e-mail draft (.eml) and a PDF, owner-only, and recorded as sent, so
'belscript klant' shows it and the next 'brief' moves up the ladder. The amounts are
printed with how they were computed.

KLANT is a customer number, an invoice number or part of the name. Whether the
customer is a business or a consumer comes from the database; when it is unknown,
give --zakelijk or --consument (the answer is saved).

--demo uses a throw-away database with two example customers (a business and a
consumer) whose promise to pay was broken: 'belscript brief --demo "De Vries"'.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from belscript.cli.dunning import add_kind_arguments
from belscript.errors import EscalationError, UsageError

KINDS = ("herinnering", "aanmaning", "veertiendagenbrief", "ingebrekestelling")


#: The help text owners see (`belscript brief --help`): the command speaks Dutch.
DESCRIPTION_NL = """De volgende incassobrief voor een klant schrijven: 'belscript brief KLANT'.

belscript kiest de brief volgens de incassoladder (herinnering, aanmaning,
veertiendagenbrief voor consumenten, ingebrekestelling), of neemt de brief van --soort.
Een brief die de wet nog niet toestaat (incassokosten bij een consument voordat de
veertien dagen van de veertiendagenbrief voorbij zijn), weigert belscript, met de reden.
De brief wordt een e-mailconcept (.eml) en een PDF, alleen voor u leesbaar, en wordt
vastgelegd als verstuurd: 'belscript klant' toont hem, en de volgende 'brief' gaat een
trede hoger op de ladder. Bij de bedragen staat hoe ze berekend zijn.

KLANT is een klantnummer, een factuurnummer of een deel van de naam. Of de klant een
bedrijf of een consument is, staat in de database; is dat niet bekend, geef dan
--zakelijk of --consument mee (het antwoord wordt bewaard).

--demo gebruikt een wegwerpdatabase met twee voorbeeldklanten (een bedrijf en een
consument) die een betaalbelofte hebben gebroken: 'belscript brief --demo "De Vries"'.
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("customer", metavar="KLANT", nargs="?",
                        help="klantnummer, factuurnummer of een deel van de naam")
    parser.add_argument("--soort", choices=KINDS, help="deze brief schrijven in plaats van de brief die volgens de ladder aan de beurt is")
    parser.add_argument("--map", metavar="MAP", help="map voor de briefbestanden "
                        "(standaard: 'brieven' in de huidige map; met --demo: 'demo-brieven')")
    parser.add_argument("--force", action="store_true", help="briefbestanden vervangen als ze al bestaan")
    parser.add_argument("--demo", action="store_true", help="een wegwerpdatabase met twee voorbeeldklanten gebruiken")
    add_kind_arguments(parser)


def run(args: argparse.Namespace) -> int:
    from belscript.cli.escalation_demo import demo_names

    if not args.customer:
        if args.demo:
            print("Voorbeeldklanten in de demo:")
            for name in demo_names():
                print(f"  {name}")
            print('Bijvoorbeeld: belscript brief --demo "De Vries"')
            return 0
        raise UsageError("geef de klant: een klantnummer, factuurnummer of een deel van de naam",
                         hint='Bijvoorbeeld: belscript brief "bakkerij jansen"')
    with opened(args.demo) as (store, home):
        return write_letter(args, store, home)


class opened:
    """The store (real or demo) and its home folder, as a context manager."""

    def __init__(self, demo: bool) -> None:
        self.demo = demo
        self.store = None
        self.home = None

    def __enter__(self):
        from belscript.store import open_store

        if self.demo:
            from datetime import datetime, time

            from belscript.clock import FixedClock
            from belscript.cli.escalation_demo import CALLER, DEMO_DAY, build_demo_home

            self.home = build_demo_home()
            self.store = open_store(self.home, clock=FixedClock(datetime.combine(DEMO_DAY, time(9, 0))), caller=CALLER)
        else:
            self.store = open_store()
            self.home = self.store.settings.home
        return self.store, self.home

    def __exit__(self, *exc) -> None:
        self.store.close()
        if self.demo:
            import shutil

            shutil.rmtree(self.home, ignore_errors=True)


def safe_name(text: str) -> str:
    """A file name part without path separators or odd characters."""
    return re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-.") or "klant"


def write_letter(args: argparse.Namespace, store, home: Path) -> int:
    from belscript.cli.dunning import creditor_from_config, customer_case, debtor_party
    from belscript.cli.outfile import write_outputs
    from belscript.escalation import build_letter, letter_eml, letter_pdf, load_ladder, load_rates, next_step, rates_path
    from belscript.money import format_amount

    case = customer_case(args, store, home)
    today, customer, kind, history, facts = case.today, case.customer, case.kind, case.history, case.facts
    creditor = creditor_from_config(store.caller, home)
    ladder = load_ladder()
    decision = next_step(ladder, facts, today)
    chosen = args.soort or _due_letter(decision, customer)
    rates = load_rates(rates_path(home))
    letter = build_letter(chosen, creditor, debtor_party(history), facts, today, rates)

    folder = Path(args.map) if args.map else (Path("demo-brieven") if args.demo else Path("brieven"))
    stem = f"{today.isoformat()}-{chosen}-{safe_name(customer.number)}"
    files = ((folder / f"{stem}.eml", letter_eml(letter)), (folder / f"{stem}.pdf", letter_pdf(letter)))
    written = write_outputs(files, overwrite=args.force)
    store.record_letter(customer.id, chosen, today, invoice=facts.open_invoices[0].number)

    print(f"{letter.subject} voor {customer.name} ({kind.label}), gedateerd {today:%d-%m-%Y}.")
    if not args.soort:
        print(f"Waarom deze brief: {decision.reason}.")
    print(f"Openstaand: {format_amount(facts.principal)}; te betalen uiterlijk op {letter.deadline:%d-%m-%Y}.")
    for computation in letter.amounts:
        print(f"{computation.title}: {format_amount(computation.total)}")
        for line in computation.text_lines()[:-1]:
            print(f"  {line}")
        if computation.note:
            print(f"  ({computation.note})")
    if chosen == "veertiendagenbrief":
        print(f"De incassokosten staan in de brief, maar zijn pas verschuldigd als de klant niet uiterlijk op "
              f"{letter.deadline:%d-%m-%Y} heeft betaald (art. 6:96 lid 6 BW).")
    if chosen == "ingebrekestelling":
        print(f"Totaal gevorderd: {format_amount(letter.total)}")
    for warning in letter.warnings:
        print(f"Let op: {warning}")
    for path in written:
        print(f"Geschreven: {path}")
    print("De brief is vastgelegd als verstuurd" + (f" door {store.caller}" if store.caller else "") +
          (" (in de demodatabase, die na afloop wordt weggegooid)." if args.demo else
           f"; 'belscript klant {customer.number}' toont hem."))
    return 0


def _due_letter(decision, customer) -> str:
    """The letter the ladder says is due today, or a Dutch refusal saying what to do instead."""
    if decision.step is None:
        raise EscalationError(f"voor {customer.name} is nu geen brief nodig: {decision.reason}")
    step = decision.step.step
    if decision.blocked:
        raise EscalationError(f"{decision.reason}", hint="Stuur eerst de veertiendagenbrief: --soort veertiendagenbrief.")
    if not decision.ready:
        raise EscalationError(f"voor {customer.name} is nog geen nieuwe stap aan de beurt: {decision.reason}",
                              hint="Wilt u toch nu een brief sturen, kies hem dan met --soort.")
    if step == "telefoongesprek":
        raise EscalationError(f"de volgende stap voor {customer.name} is bellen, geen brief: {decision.reason}",
                              hint=f"Bel de klant: belscript call {customer.number}. Of kies een brief met --soort.")
    if step == "uit_handen":
        raise EscalationError(f"alle brieven voor {customer.name} zijn verstuurd: {decision.reason}",
                              hint=f"Maak het overdrachtsbestand voor het incassobureau: belscript overdracht {customer.number}.")
    return step

"""Make the handover file for a collection agency: 'belscript overdracht KLANT'.

Writes a CSV (for Excel: semicolons, UTF-8) and a PDF summary with everything the
agency or bailiff asks for: the customer and its contacts, the invoices, every call
from the call log with its outcome and promise, the promises and whether they were
kept, and the letters sent. Both files are readable by you only and are never
overwritten without --force.

--demo uses the throw-away database with the two example customers.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from belscript.cli.dunning import add_kind_arguments


#: The help text owners see (`belscript overdracht --help`): the command speaks Dutch.
DESCRIPTION_NL = """Het overdrachtsdossier voor een incassobureau maken: 'belscript overdracht KLANT'.

Schrijft een CSV (voor Excel: puntkomma's, UTF-8) en een PDF-overzicht met alles waar het
incassobureau of de deurwaarder om vraagt: de klant en de contactpersonen, de facturen,
elk gesprek uit het logboek met de uitkomst en de belofte, de beloften en of ze zijn
nagekomen, en de verstuurde brieven. Beide bestanden zijn alleen voor u leesbaar en
worden nooit overschreven zonder --force.

--demo gebruikt de wegwerpdatabase met de twee voorbeeldklanten.
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("customer", metavar="KLANT", help="klantnummer, factuurnummer of een deel van de naam")
    parser.add_argument("--map", metavar="MAP", help="map voor de bestanden "
                        "(standaard: 'overdracht' in de huidige map; met --demo: 'demo-brieven')")
    parser.add_argument("--force", action="store_true", help="bestanden vervangen als ze al bestaan")
    parser.add_argument("--demo", action="store_true", help="een wegwerpdatabase met twee voorbeeldklanten gebruiken")
    add_kind_arguments(parser)


def run(args: argparse.Namespace) -> int:
    from belscript.cli.cmd_brief import opened

    with opened(args.demo) as (store, home):
        return write_handover(args, store, home)


def write_handover(args: argparse.Namespace, store, home: Path) -> int:
    from belscript.cli.cmd_brief import safe_name
    from belscript.cli.dunning import call_records, creditor_from_config, customer_case, debtor_party
    from belscript.cli.outfile import write_outputs
    from belscript.escalation import Handover, Party, handover_csv, handover_pdf
    from belscript.money import format_amount

    case = customer_case(args, store, home)
    today, customer, kind, history, facts = case.today, case.customer, case.kind, case.history, case.facts
    records, _called, _refused = call_records(case.calls)
    contacts = tuple(Party(c.name, email=c.email, phone=c.phone) for c in history.contacts)
    handover = Handover(creditor_from_config(store.caller, home), debtor_party(history), facts, today,
                        contacts=contacts, calls=records)
    folder = Path(args.map) if args.map else (Path("demo-brieven") if args.demo else Path("overdracht"))
    stem = f"{today.isoformat()}-overdracht-{safe_name(customer.number)}"
    files = ((folder / f"{stem}.csv", handover_csv(handover)), (folder / f"{stem}.pdf", handover_pdf(handover)))
    written = write_outputs(files, overwrite=args.force)
    print(f"Overdracht van {customer.name} ({kind.label}): {format_amount(facts.principal)} open, "
          f"{len(facts.open_invoices)} factu{'ur' if len(facts.open_invoices) == 1 else 'ren'}, "
          f"{len(records)} gesprek{'' if len(records) == 1 else 'ken'}, {len(facts.promises)} toezegging"
          f"{'' if len(facts.promises) == 1 else 'en'}, {len(history.letters)} brie{'f' if len(history.letters) == 1 else 'ven'}.")
    for path in written:
        print(f"Geschreven: {path}")
    return 0

"""Read open invoices and bank statements into belscript: 'belscript import FILE…'.

Recognises each file by its content: an open-items export (CSV or Excel .xlsx) of
your accounting package, UBL e-invoices and credit notes, and bank statements in
CAMT.053 or MT940. Invoices and customers are added or updated ("3 nieuw, 2
gewijzigd"); bank credits are matched to open invoices and booked as payments (a
partial payment lowers the open amount); what cannot be matched is listed so you can
book it with 'belscript betaald FACTUUR BEDRAG DATUM'. Everything is imported in one
go, or nothing: a bad row is reported as file:row:column. Reading the same file again
books nothing twice.

Examples:
  belscript import openstaande-posten.csv
  belscript import afschrift.xml --dry-run
  belscript import export.xlsx --volledig --mapping kolommen.yaml
"""

from __future__ import annotations

import argparse
import json
import sys


#: The help text owners see (`belscript import --help`): the command speaks Dutch.
DESCRIPTION_NL = """Openstaande facturen en bankafschriften inlezen: 'belscript import BESTAND…'.

belscript herkent elk bestand aan de inhoud: een export van de openstaande posten uit uw
boekhoudpakket (CSV of Excel .xlsx), UBL-e-facturen en -creditnota's, en bankafschriften
in CAMT.053 of MT940. Facturen en klanten worden toegevoegd of bijgewerkt ("3 nieuw, 2
gewijzigd"); bijschrijvingen op de bank worden aan openstaande facturen gekoppeld en als
betaling geboekt (een deelbetaling verlaagt het openstaande bedrag). Wat niet te koppelen
is, krijgt u als lijst, zodat u het zelf kunt boeken met 'belscript betaald FACTUUR
BEDRAG DATUM'. Alles wordt in één keer ingelezen, of niets: een foute regel wordt gemeld
als bestand:regel:kolom. Hetzelfde bestand nog een keer inlezen boekt niets dubbel.

Voorbeelden:
  belscript import openstaande-posten.csv
  belscript import afschrift.xml --dry-run
  belscript import export.xlsx --volledig --mapping kolommen.yaml
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", metavar="BESTAND", nargs="+",
                        help="openstaande posten (CSV/XLSX), UBL, CAMT.053 of MT940")
    parser.add_argument("--dry-run", action="store_true", help="tonen wat er ingelezen zou worden, zonder iets op te slaan")
    parser.add_argument("--volledig", action="store_true",
                        help="de export bevat ALLE openstaande facturen: melden welke facturen erin ontbreken")
    parser.add_argument("--mapping", metavar="BESTAND", help="bestand dat onbekende kolomnamen aan de juiste gegevens koppelt")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="uitvoer als tekst of als JSON voor andere programma's (standaard: text)")


def run(args: argparse.Namespace) -> int:
    from belscript.imports import ImportRefused, load_mapping
    from belscript.store import open_store
    from belscript.store.intake import run_import

    try:
        mapping = load_mapping(args.mapping) if args.mapping else None
        with open_store() as store:
            result = run_import(store, args.files, mapping=mapping, full=args.volledig, dry_run=args.dry_run)
            today = store.clock.today()
            if args.format == "json":
                print(json.dumps(as_json(result), ensure_ascii=False, indent=2))
                return 0
            lines = render(result, today)
            if lines:  # one write: a statement of 10,000 bookings is 10,000 lines
                print("\n".join(lines))
            missing = result.report.not_in_export if result.report else []
            if missing and not args.dry_run and _ask_to_close(missing):
                closed = store.close_invoices(missing)
                print(f"{closed} {'factuur' if closed == 1 else 'facturen'} gesloten.")
    except ImportRefused as exc:
        print("belscript: er is niets ingelezen.", file=sys.stderr)
        print(exc.report(), file=sys.stderr)
        return 1
    return 0


def _ask_to_close(numbers: list[str]) -> bool:
    """Ask (only at a terminal) whether the invoices missing from a full export may be closed."""
    from belscript.cli.interactive import is_terminal

    if not is_terminal():
        return False
    try:
        answer = input(f"Zijn deze {len(numbers)} facturen betaald of afgeboekt, en mogen ze dicht? [j/N] ")
    except EOFError:
        return False
    return answer.strip().lower() in ("j", "ja", "y", "yes")


def render(result, today) -> list[str]:
    """The report in Dutch, a few lines per part."""
    from belscript.money import format_amount
    from belscript.store.intake import KINDS

    lines = []
    for name, kind, count in result.files:
        unit = "boekingen" if kind in ("camt053", "mt940") else "facturen" if count != 1 else "factuur"
        lines.append(f"{name}: {KINDS[kind]}, {count} {unit}")
    lines += [f"  let op: {n}" for n in result.notes[:20]]
    if len(result.notes) > 20:
        lines.append(f"  (en nog {len(result.notes) - 20} opmerkingen)")
    r = result.report
    if r is not None:
        lines.append(f"Facturen: {r.summary()}" + (f"; {len(r.new_customers)} nieuwe klanten" if r.new_customers else ""))
        if r.not_in_export:
            lines.append("Niet meer in de export, maar in belscript nog open (betaald of afgeboekt?):")
            lines.append("  " + ", ".join(r.not_in_export[:30]) + (" …" if len(r.not_in_export) > 30 else ""))
            lines.append("  Een betaling legt u vast met: belscript betaald FACTUUR BEDRAG DATUM")
    for note, invoice, before, after in result.credited:
        lines.append(f"Creditnota {note} verrekend met factuur {invoice}: open {format_amount(before)} → "
                     f"{format_amount(after)}")
    for note in result.unassigned_credit_notes:
        lines.append(f"Creditnota {note.number} ({format_amount(-note.open_amount)}, {note.customer.name}) "
                     "hoort bij geen bekende factuur; niet verrekend.")
    if result.booked:
        lines.append(f"Betalingen geboekt: {len(result.booked)}")
        for b in result.booked:
            state = "betaald" if b.open_after <= 0 else f"nog open {format_amount(b.open_after)}"
            lines.append(f"  {_day(b.transaction)}  {format_amount(b.amount)}  factuur {b.invoice} ({b.customer}): "
                         f"{state} — {b.reason}")
    if result.unmatched:
        lines.append(f"Niet toegewezen: {len(result.unmatched)}. Boek ze zelf met "
                     "'belscript betaald FACTUUR BEDRAG DATUM':")
        for tx in result.unmatched:
            who = ", ".join(x for x in (tx.counterparty_name, tx.counterparty_iban) if x) or "onbekende betaler"
            lines.append(f"  {_day(tx)}  {format_amount(tx.amount)}  {who}  \"{tx.description[:60]}\"")
    if result.already_booked:
        n = result.already_booked
        lines.append(f"Al eerder ingelezen en niet opnieuw geboekt: {n} {'boeking' if n == 1 else 'boekingen'}.")
    if result.skipped:
        lines.append(f"Overgeslagen (afschrijvingen, storneringen, andere valuta): {len(result.skipped)}.")
    words = {"kept": "nagekomen", "partly": "deels nagekomen", "broken": "niet nagekomen"}
    for name, status in result.promises:
        lines.append(f"Toezegging van {name}: {words.get(status, status)}.")
    if result.dry_run:
        lines.append("Proefrun (--dry-run): er is niets opgeslagen.")
    return lines


def _day(tx) -> str:
    day = tx.booking_date
    return f"{day.day:02d}-{day.month:02d}-{day.year}" if day else "zonder datum"


def as_json(result) -> dict:
    """The same report as data, for scripts (amounts as strings, dates ISO)."""
    def tx(t):
        return {"datum": t.booking_date.isoformat() if t.booking_date else None, "bedrag": str(t.amount),
                "naam": t.counterparty_name, "iban": t.counterparty_iban, "omschrijving": t.description}

    r = result.report
    return {
        "proefrun": result.dry_run,
        "bestanden": [{"bestand": n, "soort": k, "aantal": c} for n, k, c in result.files],
        "opmerkingen": result.notes,
        "facturen": None if r is None else {
            "nieuw": r.new, "gewijzigd": r.changed, "ongewijzigd": len(r.unchanged),
            "niet_meer_in_export": r.not_in_export, "nieuwe_klanten": r.new_customers},
        "creditnotas": [{"creditnota": n, "factuur": i, "open_voor": str(b), "open_na": str(a)}
                        for n, i, b, a in result.credited],
        "betalingen": [{**tx(b.transaction), "factuur": b.invoice, "klant": b.customer, "geboekt": str(b.amount),
                        "nog_open": str(b.open_after), "reden": b.reason} for b in result.booked],
        "niet_toegewezen": [tx(t) for t in result.unmatched],
        "al_eerder_ingelezen": result.already_booked,
        "toezeggingen": [{"klant": n, "status": s} for n, s in result.promises],
    }


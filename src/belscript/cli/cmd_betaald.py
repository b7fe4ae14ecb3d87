"""Record a payment by hand: 'belscript betaald FACTUUR [BEDRAG] [DATUM]'.

Without BEDRAG the whole open amount is paid; without DATUM the payment is dated
today. A partial payment lowers the open amount of the invoice. Amounts are written
the Dutch way (250, 1.250,50 or € 1.250,50), dates as dd-mm-jjjj, jjjj-mm-dd,
'vandaag' or 'gisteren'.
"""

from __future__ import annotations

import argparse
import re
from datetime import date, timedelta

from belscript.errors import UsageError


#: The help text owners see (`belscript betaald --help`): the command speaks Dutch.
DESCRIPTION_NL = """Een betaling met de hand vastleggen: 'belscript betaald FACTUUR [BEDRAG] [DATUM]'.

Zonder BEDRAG is het hele openstaande bedrag betaald; zonder DATUM krijgt de betaling de
datum van vandaag. Een deelbetaling verlaagt het openstaande bedrag van de factuur.
Bedragen schrijft u op zijn Nederlands (250, 1.250,50 of € 1.250,50), datums als
dd-mm-jjjj, jjjj-mm-dd, 'vandaag' of 'gisteren'.
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("invoice", metavar="FACTUUR", help="het factuurnummer")
    parser.add_argument("amount", metavar="BEDRAG", nargs="?", help="het betaalde bedrag (standaard: het hele openstaande bedrag)")
    parser.add_argument("paid_on", metavar="DATUM", nargs="?", help="de datum van de betaling (standaard: vandaag)")


def parse_day(text: str, today: date) -> date:
    """'23-11-2026', '2026-11-23', 'vandaag' or 'gisteren'; anything else is refused in Dutch."""
    raw = text.strip().lower()
    if raw == "vandaag":
        return today
    if raw == "gisteren":
        return today - timedelta(days=1)
    try:
        m = re.fullmatch(r"(\d{1,2})-(\d{1,2})-(\d{4})", raw)
        if m:
            return date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw):
            return date.fromisoformat(raw)
    except ValueError:
        raise UsageError(f"'{text}' is geen bestaande datum", hint="Schrijf de datum als dd-mm-jjjj, bijvoorbeeld 23-11-2026.") from None
    raise UsageError(f"'{text}' is geen datum", hint="Schrijf de datum als dd-mm-jjjj, bijvoorbeeld 23-11-2026.")


def run(args: argparse.Namespace) -> int:
    from belscript.money import AmountSyntaxError, format_amount, parse_amount
    from belscript.store import StoreRefused, open_store

    with open_store() as store:
        today = store.clock.today()
        paid_on = parse_day(args.paid_on, today) if args.paid_on else today
        if paid_on > today:
            raise UsageError(f"de betaaldatum {paid_on:%d-%m-%Y} ligt in de toekomst")
        invoice = store.invoice(args.invoice)
        if invoice is None:
            raise StoreRefused(f"factuur {args.invoice} staat niet in de database",
                               hint="Controleer het factuurnummer, of lees eerst de openstaande posten in.")
        if args.amount is None:
            if invoice.open_amount <= 0:
                print(f"Factuur {invoice.number} staat niet meer open; er is niets vastgelegd.")
                return 0
            amount = invoice.open_amount
        else:
            try:
                amount = parse_amount(args.amount)
            except AmountSyntaxError as exc:
                raise UsageError(exc.message) from None
        result = store.record_payment(invoice.number, amount, paid_on)
        customer = store.customer(invoice.customer_id)
        changed = {**result.promises, **store.check_promises()}
    who = f" ({customer.name})" if customer else ""
    print(f"Betaling van {format_amount(result.amount)} op factuur {result.invoice}{who} vastgelegd "
          f"op {paid_on:%d-%m-%Y}.")
    if result.open_after > 0:
        print(f"Nog open op deze factuur: {format_amount(result.open_after)}.")
    else:
        print("Deze factuur is nu helemaal betaald.")
    words = {"kept": "nagekomen", "partly": "deels nagekomen", "broken": "niet nagekomen", "open": "loopt weer"}
    for status in (s for pid, s in sorted(changed.items())):
        print(f"Toezegging gecontroleerd: {words[status]}.")
    if result.overpaid > 0:
        print(f"Let op: {format_amount(result.overpaid)} meer betaald dan er openstond.")
    return 0

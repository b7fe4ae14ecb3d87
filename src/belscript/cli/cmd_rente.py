"""Show or update the table of statutory interest rates: 'belscript rente'.

'belscript rente' shows the table in use (the shipped one, or your own update in
BELSCRIPT_HOME), where it comes from and up to which day the rates are confirmed.
'belscript rente bijwerken BESTAND' checks a new table (same format as the shipped
one: every period with its rate and a source, no gaps and no overlaps) and installs
it as BELSCRIPT_HOME/escalation/rates.yaml, readable by you only.
"""

from __future__ import annotations

import argparse


#: The help text owners see (`belscript rente --help`): the command speaks Dutch.
DESCRIPTION_NL = """De tabel van de wettelijke rente tonen of bijwerken: 'belscript rente'.

'belscript rente' toont de tabel die belscript gebruikt (de meegeleverde, of uw eigen
bijgewerkte in BELSCRIPT_HOME), waar die vandaan komt en tot welke dag de percentages
bevestigd zijn. 'belscript rente bijwerken BESTAND' controleert een nieuwe tabel (net zo
opgebouwd als de meegeleverde: elke periode met een percentage en een bron, zonder gaten
en zonder overlap) en zet die neer als BELSCRIPT_HOME/escalation/rates.yaml, alleen voor
u leesbaar.
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("action", metavar="bijwerken", nargs="?", choices=["bijwerken"],
                        help="een nieuwe rentetabel uit BESTAND in gebruik nemen")
    parser.add_argument("file", metavar="BESTAND", nargs="?", help="de nieuwe rentetabel (YAML)")


def run(args: argparse.Namespace) -> int:
    from belscript.errors import UsageError

    if args.action is None:
        if args.file:
            raise UsageError("geef 'bijwerken' vóór het bestand: belscript rente bijwerken BESTAND")
        return show()
    if not args.file:
        raise UsageError("geef het bestand met de nieuwe rentetabel: belscript rente bijwerken BESTAND")
    return update(args.file)


def show() -> int:
    from belscript.escalation import load_rates, rates_path
    from belscript.escalation.computation import percent
    from belscript.escalation.facts import day_words
    from belscript.escalation.rates import shipped_rates_path
    from belscript.journal import home_dir

    path = rates_path(home_dir())
    table = load_rates(path)
    own = path != shipped_rates_path()
    print(f"Rentetabel: {path}" + (" (uw eigen bijgewerkte tabel)" if own else " (meegeleverd met belscript)"))
    for title, schedule in (("Wettelijke rente (art. 6:119 BW, consumenten)", table.statutory),
                            ("Wettelijke handelsrente (art. 6:119a BW, zakelijke klanten)", table.commercial)):
        print("")
        print(f"{title}: bevestigd tot en met {day_words(schedule.last_day)}")
        for p in schedule.periods:
            print(f"  {p.start:%d-%m-%Y} t/m {p.until:%d-%m-%Y}  {percent(p.rate):>7}  bron: {p.source}")
    print("")
    print("Rente over dagen na de laatste bevestigde dag berekent belscript niet. Bijwerken: "
          "belscript rente bijwerken BESTAND (zie 'Rentetabel bijwerken' in docs/incasso.md).")
    return 0


def update(file: str) -> int:
    from pathlib import Path

    from belscript.escalation import load_rates
    from belscript.escalation.facts import day_words
    from belscript.journal import home_dir
    from belscript.document.textfile import read_text_or_raise
    from belscript.errors import InvalidDocument

    source = Path(file)
    text = read_text_or_raise(source)
    try:
        table = load_rates(source)
    except InvalidDocument as exc:  # show every gap, overlap or bad row, each at its line
        import sys

        for d in exc.diagnostics:
            print(d.format(), file=sys.stderr)
        print("belscript: de nieuwe rentetabel is niet geïnstalleerd; de huidige blijft in gebruik.", file=sys.stderr)
        return 1
    target = home_dir() / "escalation" / "rates.yaml"
    # belscript's own data, written into its data folder (not a user output, which never goes there)
    from belscript.private_files import private_dir, write_private

    private_dir(target.parent)
    written = write_private(target, text)
    print(f"Nieuwe rentetabel geïnstalleerd: {written}")
    print(f"Wettelijke rente bevestigd tot en met {day_words(table.statutory.last_day)}; "
          f"wettelijke handelsrente tot en met {day_words(table.commercial.last_day)}.")
    return 0

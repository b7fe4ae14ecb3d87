"""List, show and export earlier calls from the call log.

  belscript log [--pagina N | --alle]    calls, newest first, 50 per page (the first page by default)
  belscript log --practice               practice sessions only (never mixed with real calls)
  belscript log show ID [--email] [--documents]
                                         one call: outcome, notes, warnings, evaluation, timeline
  belscript log export --format csv|json [--output FILE] [--practice]
                                         every call, written as it is read (any size, little memory)
  belscript log check                    the full check of the log file (normally only after an unclean end)

The log lives in $BELSCRIPT_HOME (or the user data directory) as calls.db.
Exit codes: 0 done, 1 no call with that number or a damaged log, 2 usage error or unreadable log.
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import json
import sys
from typing import TYPE_CHECKING, Any

from belscript.dutch import short_date
from belscript.journal.show import call_report, outcome_text

if TYPE_CHECKING:  # pragma: no cover
    from collections.abc import Iterable, Iterator

    from belscript.journal import CallRecord, Journal


#: The help text callers see (`belscript log --help`): the command speaks Dutch.
DESCRIPTION_NL = """Eerdere gesprekken uit het logboek tonen en exporteren.

  belscript log [--pagina N | --alle]    gesprekken, nieuwste eerst, 50 per pagina
  belscript log --practice               alleen oefengesprekken
  belscript log show NR [--email] [--documents]
                                         één gesprek: uitkomst, notities, waarschuwingen, evaluatie, verloop
  belscript log export --format csv|json [--output BESTAND] [--force] [--practice] [--csv-style excel-nl|rfc]
  belscript log check                    het hele logboek op beschadiging controleren

Het logboek staat in $BELSCRIPT_HOME (of uw gegevensmap) als calls.db.
"""


#: Calls per page of 'belscript log'.
PAGE = 50


def _page_number(text: str) -> int:
    try:
        number = int(text)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"een paginanummer is 1 of hoger, niet {text!r}")
    return number


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--practice", action="store_true", help="oefengesprekken in plaats van echte gesprekken")
    pages = parser.add_mutually_exclusive_group()
    pages.add_argument("--pagina", type=_page_number, default=1, metavar="N",
                       help=f"pagina N van de lijst ({PAGE} gesprekken per pagina; standaard de eerste, de nieuwste)")
    pages.add_argument("--alle", action="store_true", help="alle gesprekken in één lijst")
    sub = parser.add_subparsers(dest="log_action", metavar="ACTIE", title="acties")
    show = sub.add_parser("show", help="één gesprek tonen met notities, uitkomst en verloop",
                          description="Eén gesprek tonen: uitkomst, afspraak, notities, waarschuwingen, evaluatie "
                                      "en verloop.")
    show.add_argument("id", type=int, metavar="NR", help="het nummer van het gesprek uit 'belscript log'")
    show.add_argument("--email", action="store_true", help="ook de bevestigingsmail en de mailto:-link tonen")
    show.add_argument("--documents", action="store_true",
                      help="de mail, het agendabestand en de samenvatting (opnieuw) in de map van het gesprek zetten")
    export = sub.add_parser("export", help="het logboek exporteren als CSV of JSON",
                            description="Gesprekken exporteren (overzicht als CSV; alles, met het verloop, als JSON).")
    sub.add_parser("check", help="het hele logboek op beschadiging controleren",
                   description="Het hele logboekbestand controleren (PRAGMA integrity_check). Gewoonlijk gebeurt "
                               "een snellere controle alleen wanneer het logboek niet netjes is afgesloten.")
    export.add_argument("--format", choices=("csv", "json"), default="csv", help="formaat (standaard: csv)")
    export.add_argument("--output", "-o", metavar="BESTAND",
                        help="naar BESTAND schrijven (alleen voor u leesbaar) in plaats van naar het scherm")
    export.add_argument("--force", action="store_true", help="BESTAND vervangen als het al bestaat")
    export.add_argument("--csv-style", choices=("excel-nl", "rfc"), default="excel-nl",
                        help="excel-nl (standaard): puntkomma's en decimale komma's, zoals Nederlandse Excel het "
                             "met een dubbelklik opent, met een UTF-8-BOM in een bestand; rfc: komma's en punten "
                             "(RFC 4180)")
    export.add_argument("--practice", action="store_true", dest="export_practice",
                        help="oefengesprekken exporteren in plaats van echte gesprekken")


def run(args: argparse.Namespace) -> int:
    from belscript.journal import Journal

    if getattr(args, "log_action", None) == "check":
        return _check()
    journal = Journal.open(create=False)  # reading the log never creates one
    try:
        for warning in journal.warnings:
            print(f"belscript: {warning}", file=sys.stderr)
        action = getattr(args, "log_action", None)
        if action == "show":
            from belscript.practice.score import score_lines

            print(call_report(journal, args.id, email=args.email, documents=args.documents,
                              practice_score=score_lines))
            return 0
        if action == "export":
            practice = bool(args.practice or args.export_practice)
            return _export(journal, fmt=args.format, output=args.output, practice=practice, force=args.force,
                           style=args.csv_style)
        return _list(journal, practice=bool(args.practice), page=args.pagina, everything=args.alle)
    finally:
        for problem in journal.damaged:  # rows shown as far as they could be read
            print(f"belscript: beschadigd in het logboek: {problem}", file=sys.stderr)
        journal.close()


# -- listing -----------------------------------------------------------------------

def _short_date(value: Any) -> str:
    return short_date(value) if value else ""


def _payments(record: "CallRecord") -> list[dict[str, Any]]:
    """The promised payments (amount and date) of a stored agreement, in order."""
    data = record.outcome_data or {}
    return list(data.get("payments") or []) if record.outcome_kind != "no_agreement" else []


def _when(record: "CallRecord") -> str:
    """The payment date, or for several payments the plan in brief: "3 termijnen, 30-11-2026 t/m 01-02-2027"."""
    payments = _payments(record)
    if len(payments) > 1:
        from datetime import date

        first, last = (date.fromisoformat(str(payments[i]["on"])) for i in (0, -1))
        return f"{len(payments)} betalingen, {short_date(first)} t/m {short_date(last)}"
    return _short_date(record.first_promised_date)


HEADER = ["Nr", "Datum", "Klant", "Uitkomst", "Totaal", "Betaaldatum(s)", "Contactpersoon"]
_RIGHT = frozenset({0, 4})


def _row(r: "CallRecord") -> list[str]:
    from belscript.journal.records import UNREADABLE_TIME
    from belscript.money import format_amount

    return [
        str(r.id),
        "onleesbaar" if r.started_at == UNREADABLE_TIME else f"{_short_date(r.started_at)} {r.started_at:%H:%M}",
        r.customer,
        outcome_text(r),
        format_amount(r.promised_amount) if r.promised_amount is not None else "",
        _when(r),
        r.contact_person or "",
    ]


def _rows(records: "Iterable[CallRecord]") -> list[list[str]]:
    return [_row(r) for r in records]


def _line(row: list[str], widths: list[int], right: frozenset[int]) -> str:
    cells = [c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(row, widths))]
    return "  ".join(cells).rstrip()


def table(header: list[str], rows: list[list[str]], right: frozenset[int] = frozenset()) -> str:
    """An aligned plain-text table (columns in ``right`` are right-aligned)."""
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    return "\n".join([_line(header, widths, right), _line(["-" * w for w in widths], widths, right),
                      *(_line(r, widths, right) for r in rows)])


def _number(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def _list(journal: "Journal", *, practice: bool, page: int = 1, everything: bool = False) -> int:
    total, interrupted = journal.count(practice)
    what = "oefengesprekken" if practice else "gesprekken"
    if not total:
        print(f"Er staan nog geen {what} in het logboek ({journal.path}).")
        if not practice:
            print("Start een gesprek met 'belscript call' of oefen eerst met 'belscript practice'.")
        return 0
    pages = -(-total // PAGE)
    if everything:
        _print_all(journal, practice)
    elif page > pages:
        from belscript.errors import UsageError

        raise UsageError(f"pagina {page} bestaat niet: de {_number(total)} {what} passen op "
                         f"{pages} {'pagina' if pages == 1 else 'pagina’s'}",
                         hint=f"'belscript log{' --practice' if practice else ''}' toont de eerste, de nieuwste.")
    else:
        records = journal.listing(practice, limit=PAGE, offset=(page - 1) * PAGE)
        print(table(HEADER, _rows(records), right=_RIGHT))
        if pages > 1:
            flag = " --practice" if practice else ""
            first, last = (page - 1) * PAGE + 1, min(total, page * PAGE)
            more = (f"de volgende: 'belscript log{flag} --pagina {page + 1}'; " if page < pages else "")
            print(f"\n{what.capitalize()} {_number(first)}-{_number(last)} van {_number(total)} "
                  f"(pagina {page} van {_number(pages)}); {more}alles: 'belscript log{flag} --alle'.")
    if interrupted and not practice:
        print(f"\n{interrupted} onderbroken: hervat met 'belscript call --resume'.")
    return 0


def _print_all(journal: "Journal", practice: bool) -> None:
    """Every call, aligned as one table, in little memory: one pass for the widths, one to print."""
    widths = [len(h) for h in HEADER]
    for record in journal.listing(practice):
        widths = [max(w, len(cell)) for w, cell in zip(widths, _row(record))]
    out = sys.stdout
    out.write(_line(HEADER, widths, _RIGHT) + "\n" + _line(["-" * w for w in widths], widths, _RIGHT) + "\n")
    for record in journal.listing(practice):
        out.write(_line(_row(record), widths, _RIGHT) + "\n")


def _check() -> int:
    """'belscript log check': the full integrity check, on demand."""
    from belscript.journal import Journal

    journal = Journal.open(create=False)
    try:
        for warning in journal.warnings:
            print(f"belscript: {warning}", file=sys.stderr)
        problem = journal.check()
        if problem is None:
            (real, _open), (practice, _open) = journal.count(), journal.count(practice=True)
    finally:
        journal.close()
    if problem is not None:
        print(f"Het gesprekslogboek {journal.path} is beschadigd: {problem}", file=sys.stderr)
        print("Het wordt opzij gezet zodra u een gesprek begint; gooi het niet weg, het kan mogelijk nog "
              "worden hersteld.", file=sys.stderr)
        return 1
    print(f"Het gesprekslogboek {journal.path} is in orde ({_number(real)} gesprek{'' if real == 1 else 'ken'}, "
          f"{_number(practice)} oefengesprek{'' if practice == 1 else 'ken'}).")
    return 0


# -- show --------------------------------------------------------------------------

# -- export ------------------------------------------------------------------------

CSV_COLUMNS = ["id", "started_at", "ended_at", "status", "script", "customer", "outcome", "outcome_label",
               "promised_amount", "first_promised_date", "payments", "contact_person", "invoices", "total_due",
               "follow_up"]


def _summary(record: "CallRecord") -> dict[str, Any]:
    try:
        dossier = record.dossier
        invoices, total = " ".join(inv.number for inv in dossier.invoices), str(dossier.total_due)
    except ValueError:
        invoices, total = "", ""
    follow_up = (record.outcome_data or {}).get("follow_up") if record.outcome_data else None
    return {
        "id": record.id,
        "started_at": record.started_at.isoformat(),
        "ended_at": record.ended_at.isoformat() if record.ended_at else "",
        "status": record.status,
        "script": record.script_name,
        "customer": record.customer,
        "outcome": record.outcome_kind or "",
        "outcome_label": outcome_text(record),
        "promised_amount": str(record.promised_amount) if record.promised_amount is not None else "",
        "first_promised_date": record.first_promised_date.isoformat() if record.first_promised_date else "",
        "payments": " ".join(f"{p['amount']}@{p['on']}" for p in _payments(record)),
        "contact_person": record.contact_person or "",
        "invoices": invoices,
        "total_due": total,
        "follow_up": follow_up or "",
    }


#: A cell starting with one of these is a formula to a spreadsheet program (OWASP "CSV injection").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")
_AMOUNT_COLUMNS = ("promised_amount", "total_due", "payments")


def _csv_cell(column: str, value: Any, style: str) -> Any:
    """A cell a spreadsheet shows as text: a leading quote defuses a formula; amounts get the style's decimal mark."""
    if not isinstance(value, str):
        return value
    if column in _AMOUNT_COLUMNS and value:
        # "2813.00", and each instalment of a plan ("940.00@2026-11-30 940.00@…")
        return re.sub(r"(\d)\.(\d\d)\b", r"\1,\2", value) if style == "excel-nl" else value
    if value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _export(journal: "Journal", *, fmt: str, output: str | None, practice: bool, force: bool = False,
            style: str = "excel-nl") -> int:
    """Every call as CSV or JSON, written piece by piece as the calls are read: the same
    output as one document, in memory that does not grow with the number of calls."""
    from belscript.cli.outfile import write_output

    count = [0]

    def records() -> "Iterator[CallRecord]":
        for record in journal.listing(practice, dossier=True):
            count[0] += 1
            yield record

    pieces = (_csv_pieces(records(), style, bom=output is not None) if fmt == "csv"
              else _json_pieces(journal, records()))
    if output is None:
        for piece in pieces:
            sys.stdout.write(piece)
        return 0
    # Never over the call log itself: that would replace every call with this export.
    protect = tuple((journal.path.with_name(journal.path.name + suffix), "het gesprekslogboek")
                    for suffix in ("", "-wal", "-shm"))
    target = write_output(output, pieces, protect=protect, example_name=f"gesprekken.{fmt}", language="nl",
                          overwrite=force)
    what = "oefengesprekken" if practice else "gesprekken"
    print(f"{count[0]} {what} geëxporteerd naar {target}.", file=sys.stderr)
    return 0


def _csv_pieces(records: "Iterable[CallRecord]", style: str, *, bom: bool) -> "Iterator[str]":
    # Dutch Excel and LibreOffice read ';' between fields and ',' in amounts, and need
    # the byte order mark to take the file as UTF-8 (otherwise 'Dé Bakker' breaks);
    # on a terminal the mark would show as an escape.
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\r\n",
                            delimiter=";" if style == "excel-nl" else ",")
    if style == "excel-nl" and bom:
        buffer.write("\ufeff")  # without it Excel reads UTF-8 as Windows-1252 ("FinanciÃ«le")
    writer.writeheader()
    for n, record in enumerate(records, start=1):
        writer.writerow({k: _csv_cell(k, v, style) for k, v in _summary(record).items()})
        if n % 200 == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def _json_pieces(journal: "Journal", records: "Iterable[CallRecord]") -> "Iterator[str]":
    """``{"calls": [...]}`` with one call per line, each written as soon as it is read (the
    compact form is several times faster to write than an indented one, and each line
    can be read on its own)."""
    first = True
    for record in records:
        item = _summary(record)
        item.update({
            "practice": record.practice,
            "script_path": record.script_path,
            "dossier": record.dossier_data,
            "outcome_detail": record.outcome_data,
            "our_actions": record.our_actions,
            "if_broken": record.if_broken,
            "events": [{"seq": seq, "at": at.isoformat(), "kind": kind, "data": data}
                       for seq, at, kind, data in journal.events_data(record.id)],
        })
        yield ('{"calls": [\n' if first else ",\n") + json.dumps(item, ensure_ascii=False)
        first = False
    yield '{"calls": []}\n' if first else "\n]}\n"

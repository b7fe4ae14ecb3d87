"""List, show and export earlier calls from the call log.

  belscript log                          all calls, newest first
  belscript log --practice               practice sessions only (never mixed with real calls)
  belscript log show ID [--email] [--documents]
                                         one call: outcome, notes, warnings, evaluation, timeline
  belscript log export --format csv|json [--output FILE] [--practice]

The log lives in $BELSCRIPT_HOME (or the user data directory) as calls.db.
Exit codes: 0 done, 1 no call with that number, 2 usage error or unreadable log.
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
    from belscript.journal import CallRecord, Journal


#: The help text callers see (`belscript log --help`): the command speaks Dutch.
DESCRIPTION_NL = """Eerdere gesprekken uit het logboek tonen en exporteren.

  belscript log                          alle gesprekken, nieuwste eerst
  belscript log --practice               alleen oefengesprekken
  belscript log show NR [--email] [--documents]
                                         één gesprek: uitkomst, notities, waarschuwingen, evaluatie, verloop
  belscript log export --format csv|json [--output BESTAND] [--force] [--practice] [--csv-style excel-nl|rfc]

Het logboek staat in $BELSCRIPT_HOME (of uw gegevensmap) als calls.db.
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--practice", action="store_true", help="oefengesprekken in plaats van echte gesprekken")
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
        return _list(journal, practice=bool(args.practice))
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


def _rows(records: list["CallRecord"]) -> list[list[str]]:
    from belscript.journal.records import UNREADABLE_TIME
    from belscript.money import format_amount

    return [
        [
            str(r.id),
            "onleesbaar" if r.started_at == UNREADABLE_TIME else f"{_short_date(r.started_at)} {r.started_at:%H:%M}",
            r.customer,
            outcome_text(r),
            format_amount(r.promised_amount) if r.promised_amount is not None else "",
            _when(r),
            r.contact_person or "",
        ]
        for r in records
    ]


def table(header: list[str], rows: list[list[str]], right: frozenset[int] = frozenset()) -> str:
    """An aligned plain-text table (columns in ``right`` are right-aligned)."""
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]

    def line(row: list[str]) -> str:
        cells = [c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(row, widths))]
        return "  ".join(cells).rstrip()

    return "\n".join([line(header), line(["-" * w for w in widths]), *(line(r) for r in rows)])


def _list(journal: "Journal", *, practice: bool) -> int:
    records = journal.calls(practice=practice)
    if not records:
        what = "oefengesprekken" if practice else "gesprekken"
        print(f"Er staan nog geen {what} in het logboek ({journal.path}).")
        if not practice:
            print("Start een gesprek met 'belscript call' of oefen eerst met 'belscript practice'.")
        return 0
    header = ["Nr", "Datum", "Klant", "Uitkomst", "Totaal", "Betaaldatum(s)", "Contactpersoon"]
    print(table(header, _rows(records), right=frozenset({0, 4})))
    open_count = sum(1 for r in records if r.is_open)
    if open_count and not practice:
        print(f"\n{open_count} onderbroken: hervat met 'belscript call --resume'.")
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
    from belscript.cli.outfile import write_output

    records = journal.calls(practice=practice)
    if fmt == "csv":
        # Dutch Excel and LibreOffice read ';' between fields and ',' in amounts, and need
        # the byte order mark to take the file as UTF-8 (otherwise 'Dé Bakker' breaks).
        buffer = io.StringIO(newline="")
        writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\r\n",
                                delimiter=";" if style == "excel-nl" else ",")
        writer.writeheader()
        for record in records:
            writer.writerow({k: _csv_cell(k, v, style) for k, v in _summary(record).items()})
        text = buffer.getvalue()
        if style == "excel-nl" and output is not None:  # on a terminal the mark would show as an escape
            text = "\ufeff" + text  # without it Excel reads UTF-8 as Windows-1252 ("FinanciÃ«le")
    else:
        items = []
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
            items.append(item)
        text = json.dumps({"calls": items}, ensure_ascii=False, indent=2) + "\n"
    if output is None:
        sys.stdout.write(text)
        return 0
    # Never over the call log itself: that would replace every call with this export.
    protect = tuple((journal.path.with_name(journal.path.name + suffix), "het gesprekslogboek")
                    for suffix in ("", "-wal", "-shm"))
    target = write_output(output, text, protect=protect, example_name=f"gesprekken.{fmt}", language="nl",
                          overwrite=force)
    what = "oefengesprekken" if practice else "gesprekken"
    print(f"{len(records)} {what} geëxporteerd naar {target}.", file=sys.stderr)
    return 0

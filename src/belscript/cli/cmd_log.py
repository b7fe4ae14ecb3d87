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
            return _show(journal, args.id, email=args.email, documents=args.documents)
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

def _outcome(record: "CallRecord") -> str:
    from belscript.followup.wording import outcome_label

    if record.status == "open":
        return "onderbroken"
    reason = (record.outcome_data or {}).get("reason") if record.outcome_data else None
    label = outcome_label(record.outcome_kind, reason)
    return f"afgebroken ({label})" if record.status == "aborted" and record.outcome_kind else label


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
            _outcome(r),
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

def _show(journal: "Journal", call_id: int, *, email: bool, documents: bool) -> int:
    from belscript.agreement.model import NoAgreement
    from belscript.followup.evaluation import answers, call_duration, observations, say_duration
    from belscript.followup.facts import AfterCall
    from belscript.followup.recap import recap_lines
    from belscript.followup.wording import invoices_phrase, say_moment
    from belscript.engine.state import CallState
    from belscript.journal.records import UNREADABLE_TIME
    from belscript.journal.timeline import describe
    from belscript.money import format_amount

    record = journal.get(call_id)
    events = journal.events(call_id)
    out: list[str] = []
    title = "Oefengesprek" if record.practice else "Gesprek"
    out.append(f"{title} {record.id}: {record.customer}")
    status = {"open": "onderbroken (hervat met 'belscript call --resume')", "ended": "afgerond",
              "aborted": "afgebroken"}[record.status]
    started = "onleesbaar" if record.started_at == UNREADABLE_TIME else say_moment(record.started_at)
    facts = [("Begonnen", started), ("Script", record.script_name + (
        f" ({record.script_path})" if record.script_path else "")), ("Status", status)]
    duration = call_duration(events)
    if duration is not None:
        facts.append(("Duur", say_duration(duration)))
    facts.append(("Uitkomst", _outcome(record)))
    if record.promised_amount is not None:
        facts.append(("Toegezegd", f"{format_amount(record.promised_amount)}, eerste betaling "
                                   f"{_short_date(record.first_promised_date)}"))
    outcome = record.outcome
    if isinstance(outcome, NoAgreement):
        if outcome.detail:
            facts.append(("Toelichting", outcome.detail))
        facts.append(("Vervolg", say_moment(outcome.follow_up)))
    facts.append(("Gesproken met", record.contact_person or "niet genoteerd"))
    try:
        dossier = record.dossier
        facts.append(("Over", f"{invoices_phrase(dossier)}, open {format_amount(dossier.total_due)}"))
    except ValueError:
        dossier = None
    width = max(len(k) for k, _ in facts) + 1
    out += [f"  {(k + ':').ljust(width)} {v}" for k, v in facts]

    after = AfterCall.from_record(record) if dossier is not None else None
    if after is not None:
        out += ["", "Afspraken (samenvatting)"] + [f"  {line}" for line in recap_lines(after)]

    facts = CallState.fold(events)
    out += ["", "Notities"] + ([f"  {e.at:%H:%M}  {e.payload.text}" for e in facts.notes] or ["  (geen)"])
    out += ["", "Waarschuwingen over woordkeuze"] + (
        [f"  {e.at:%H:%M}  {describe(e).split(': ', 1)[-1]}" for e in facts.warnings] or ["  (geen)"])

    given = answers(events)
    out += ["", "Evaluatie"] + [f"  {q} {a}" for q, a in given.items()]
    if record.practice:
        # one source: the practice score stored with the session, never a second opinion
        out += _practice_score(events)
    else:
        marks = {"good": "+", "improve": "!", "info": "·"}
        out += [f"  {marks[o.tone]} {o.text}" for o in observations(events)]

    if documents and after is not None:
        from belscript.followup.output import write_documents

        write_documents(after, journal.folder(call_id))
    folder = journal.home / "calls" / str(call_id)
    files = sorted(p for p in folder.iterdir() if p.is_file()) if folder.is_dir() else []
    if files:
        out += ["", "Documenten"] + [f"  {p}" for p in files]

    if email and after is not None:
        from belscript.followup.email import confirmation, note_to_self

        mail = confirmation(after)
        note = note_to_self(after)
        if mail is not None:
            out += ["", "Bevestigingsmail", *[f"  {line}" for line in mail.text.splitlines()], "", f"  {mail.mailto}"]
        if note:
            out += ["", "Notitie voor uzelf", *[f"  {line}" for line in note.splitlines()]]
    elif email:
        out += ["", "Nog geen bevestigingsmail: dit gesprek heeft (nog) geen uitkomst."]

    out += ["", "Verloop"] + [f"  {e.at:%H:%M:%S}  {e.seq:>3}  {describe(e)}" for e in events]
    print("\n".join(out))
    return 0


def _practice_score(events) -> list[str]:
    """The practice score with every reason, as the trainee saw it after the session."""
    from belscript.practice.score import Report

    stored = next((e.data for e in events if e.kind == "score"), None)
    if stored is None:
        return ["", "Oefenscore", "  (geen score: de oefening is niet afgerond)"]
    return ["", "Oefenscore"] + [f"  {line}" if line else "" for line in Report.from_dict(stored).as_text().split("\n")]


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
        "outcome_label": _outcome(record),
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

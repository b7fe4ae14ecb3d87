"""`belscript log` lists, shows and exports calls; unknown numbers and an empty log get clear messages."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from belscript.agreement.model import Agreement, NoAgreement, NoAgreementReason, Payment
from belscript.cli.main import main
from belscript.clock import FixedClock
from belscript.dossier import Dossier
from belscript.engine.events import Event
from belscript.journal import Journal

START = datetime(2026, 11, 23, 10, 15)


def make_dossier(customer: str) -> Dossier:
    return Dossier.model_validate({
        "customer": {"name": customer, "email": "administratie@example.nl"},
        "contact": {"name": "Marieke Jansen", "email": "marieke@example.nl"},
        "caller": {"name": "Pieter de Vries", "company": "De Vries Installatietechniek",
                   "email": "pieter@devries.nl", "iban": "NL91ABNA0417164300"},
        "invoices": [{"number": "2026-0142", "amount": "1.250,50", "invoice_date": "2026-10-01",
                      "due_date": "2026-10-31"}],
    })


def record_call(journal: Journal, customer: str, events: list[tuple[str, dict]], *, practice: bool = False) -> int:
    call_id = journal.start_call("eerste-gesprek", None, make_dossier(customer), practice=practice)
    for n, (kind, data) in enumerate(events, start=1):
        journal.append(call_id, Event(seq=n, at=journal.clock.now() + timedelta(minutes=n), kind=kind, data=data))
    return call_id


AGREEMENT = Agreement(kind="full_payment", agreed_by="Marieke Jansen",
                      payments=[Payment(amount=Decimal("1250.50"), on=date(2026, 11, 27))])
NO_DEAL = NoAgreement(reason=NoAgreementReason.disputes_claim, detail="oven stoort nog",
                      follow_up=datetime(2026, 11, 24, 10, 0))


@pytest.fixture
def filled_log():
    clock = FixedClock(START)
    with Journal.open(clock=clock) as journal:
        deal = record_call(journal, "Bakkerij De Zoete Inval", [
            ("started", {"script": "eerste-gesprek", "step": "opening", "caller": "Anna"}),
            ("contact", {"name": "Marieke Jansen"}),
            ("note", {"text": "Factuur lag bij de eigenaar."}),
            ("warning", {"rule": "moeten", "match": "u moet", "message": "Vraag liever wanneer de klant betaalt."}),
            ("recap", {"text": ""}),
            ("ended", {"step": "einde", "outcome": {"type": "agreement",
                                                    "agreement": AGREEMENT.model_dump(mode="json")}}),
            ("evaluation", {"went_well": "Rustig gebleven.", "differently": "Eerder naar de naam vragen."}),
        ])
        clock.advance(hours=1)
        dispute = record_call(journal, "Garage Van Dam", [
            ("started", {"script": "eerste-gesprek", "step": "opening"}),
            ("ended", {"step": "einde", "outcome": {"type": "no_agreement",
                                                    "no_agreement": NO_DEAL.model_dump(mode="json")}}),
        ])
        clock.advance(hours=1)
        interrupted = record_call(journal, "Drukkerij Pers", [("started", {"script": "eerste-gesprek"})])
        clock.advance(hours=1)
        practice = record_call(journal, "Oefenklant BV", [("started", {"script": "eerste-gesprek"})], practice=True)
    return {"deal": deal, "dispute": dispute, "interrupted": interrupted, "practice": practice}


def test_empty_log_says_so_and_succeeds(capsys):
    """On a fresh install 'belscript log' explains there are no calls yet and exits 0."""
    assert main(["log"]) == 0
    out = capsys.readouterr().out
    assert "nog geen gesprekken" in out and "belscript call" in out


@pytest.mark.parametrize("argv", [["log"], ["log", "--practice"], ["log", "export"], ["log", "show", "1"]])
def test_reading_the_log_on_a_fresh_install_creates_nothing(argv, tmp_path, monkeypatch, capsys):
    """The read-only log commands leave no empty database (nor its folder) behind."""
    home = tmp_path / "nieuw"
    monkeypatch.setenv("BELSCRIPT_HOME", str(home))
    assert main(argv) in (0, 1)
    assert "Traceback" not in capsys.readouterr().err
    assert not home.exists()


def test_listing_shows_an_aligned_table_newest_first(filled_log, capsys):
    """Each call is one aligned row with date, customer, outcome, amount, promised date and contact."""
    assert main(["log"]) == 0
    lines = capsys.readouterr().out.splitlines()
    header, rule, *rows = lines[:5]
    assert header.split()[:3] == ["Nr", "Datum", "Klant"]
    assert [r.split()[0] for r in rows] == [str(filled_log["interrupted"]), str(filled_log["dispute"]),
                                            str(filled_log["deal"])]
    deal = rows[2]
    assert "23-11-2026 10:15" in deal and "Bakkerij De Zoete Inval" in deal and "betaling in één keer" in deal
    assert "€ 1.250,50" in deal and "27-11-2026" in deal and "Marieke Jansen" in deal
    assert "geen afspraak: klant betwist de vordering" in rows[1]
    assert "onderbroken" in rows[0]
    column = header.index("Klant")
    assert all(r[column - 2: column] == "  " for r in rows), "customer column starts at the same place in every row"
    assert "Oefenklant" not in "\n".join(lines)
    assert any("belscript call --resume" in line for line in lines)


def test_practice_listing_shows_only_practice(filled_log, capsys):
    """'belscript log --practice' lists the practice sessions and no real calls."""
    assert main(["log", "--practice"]) == 0
    out = capsys.readouterr().out
    assert "Oefenklant BV" in out and "Bakkerij" not in out


def test_show_gives_notes_warnings_agreement_evaluation_and_timeline(filled_log, capsys):
    """'log show ID' shows the outcome, the recap, notes, warnings, the evaluation and every event."""
    assert main(["log", "show", str(filled_log["deal"])]) == 0
    out = capsys.readouterr().out
    assert f"Gesprek {filled_log['deal']}: Bakkerij De Zoete Inval" in out
    assert "U betaalt € 1.250,50 uiterlijk op vrijdag 27 november." in out
    assert "Factuur lag bij de eigenaar." in out
    assert "'u moet'" in out and "Vraag liever wanneer de klant betaalt." in out
    assert "Wat ging goed? Rustig gebleven." in out
    assert "Wat doet u de volgende keer anders? Eerder naar de naam vragen." in out
    assert "Gesproken met: Marieke Jansen" in out
    timeline = out.split("Verloop", 1)[1]
    assert "gesprek begonnen" in timeline and "notitie: Factuur lag bij de eigenaar." in timeline
    assert "gesprek beëindigd: met afspraak" in timeline


def test_show_names_the_caller_when_one_was_set(filled_log, capsys):
    """'log show' says who made the call (the caller's name from the settings), and nothing when none was set."""
    assert main(["log", "show", str(filled_log["deal"])]) == 0
    assert "Beller:        Anna" in capsys.readouterr().out
    assert main(["log", "show", str(filled_log["dispute"])]) == 0
    assert "Beller:" not in capsys.readouterr().out


def test_show_can_print_the_email_and_write_the_documents(filled_log, capsys):
    """'log show ID --email --documents' prints the confirmation with a mailto link and writes the files."""
    call_id = filled_log["deal"]
    assert main(["log", "show", str(call_id), "--email", "--documents"]) == 0
    out = capsys.readouterr().out
    assert "Onderwerp: Bevestiging betaalafspraak factuur 2026-0142" in out
    assert "mailto:marieke@example.nl?subject=" in out
    folder = Path(os.environ["BELSCRIPT_HOME"]) / "calls" / str(call_id)
    assert (folder / "bevestiging.eml").exists() and (folder / "afspraken.ics").exists()
    assert str(folder / "bevestiging.eml") in out


def test_show_of_an_unknown_call_exits_1_with_a_hint(filled_log, capsys):
    """An unknown number gives a one-line Dutch message and exit code 1, not a traceback."""
    assert main(["log", "show", "999"]) == 1
    err = capsys.readouterr().err
    assert "gesprek 999 staat niet in het logboek" in err and "belscript log" in err
    assert "Traceback" not in err


def test_show_with_a_non_number_is_a_usage_error(capsys):
    """'log show abc' is a usage error (exit 2)."""
    with pytest.raises(SystemExit) as info:
        main(["log", "show", "abc"])
    assert info.value.code == 2


def test_export_csv_has_one_row_per_real_call(filled_log, capsys):
    """The CSV export has a header and one machine-readable row per real call."""
    assert main(["log", "export", "--format", "csv", "--csv-style", "rfc"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert len(rows) == 3
    deal = next(r for r in rows if r["id"] == str(filled_log["deal"]))
    assert deal["promised_amount"] == "1250.50" and deal["first_promised_date"] == "2026-11-27"
    assert deal["contact_person"] == "Marieke Jansen" and deal["outcome"] == "full_payment"
    dispute = next(r for r in rows if r["id"] == str(filled_log["dispute"]))
    assert dispute["follow_up"] == "2026-11-24T10:00:00"


def test_export_json_to_an_owner_only_file_includes_events(filled_log, tmp_path, capsys):
    """The JSON export written with --output is owner-only and holds every call with its events."""
    target = tmp_path / "gesprekken.json"
    assert main(["log", "export", "--format", "json", "--output", str(target)]) == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    data = json.loads(target.read_text(encoding="utf-8"))
    deal = next(c for c in data["calls"] if c["id"] == filled_log["deal"])
    assert [e["kind"] for e in deal["events"]][:3] == ["started", "contact", "note"]
    assert deal["dossier"]["customer"]["name"] == "Bakkerij De Zoete Inval"
    assert "3 gesprekken geëxporteerd" in capsys.readouterr().err


def test_export_practice_only_with_the_flag(filled_log, capsys):
    """Exports contain practice sessions only when --practice is given, and then only those."""
    assert main(["log", "export", "--format", "json", "--practice"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [c["customer"] for c in data["calls"]] == ["Oefenklant BV"]


def test_a_damaged_log_is_reported_by_the_log_command(capsys):
    """When the log file is damaged, 'belscript log' says where the old file was kept."""
    home = Path(os.environ["BELSCRIPT_HOME"])
    home.mkdir(mode=0o700)
    (home / "calls.db").write_bytes(b"kapot" * 500)
    assert main(["log"]) == 0
    err = capsys.readouterr().err
    assert "beschadigd" in err and "calls.db.damaged-" in err


def test_log_command_does_not_load_the_terminal_ui():
    """'belscript log' never imports prompt_toolkit (fast start, works without a terminal)."""
    import subprocess
    import sys

    code = ("import sys; from belscript.cli.main import main; main(['log']); "
            "print('prompt_toolkit' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "False"


def test_the_default_csv_opens_in_dutch_spreadsheets_and_holds_every_instalment(capsys):
    """Default CSV: a UTF-8 byte order mark, semicolons, decimal commas, and the plan's payments in one column;
    'belscript log' shows the plan as a plan, not as everything due on the first date."""
    plan = Agreement(kind="payment_plan", agreed_by="Ingrid van Dijk", if_broken="x",
                     payments=[Payment(amount=Decimal("940.00"), on=date(2026, 11, 30)),
                               Payment(amount=Decimal("940.00"), on=date(2026, 12, 30)),
                               Payment(amount=Decimal("933.00"), on=date(2027, 2, 1))])
    with Journal.open(clock=FixedClock(START)) as journal:
        record_call(journal, "Bakkerij Van Dijk", [
            ("started", {"script": "eerste-gesprek", "step": "opening"}),
            ("ended", {"step": "einde", "outcome": {"type": "agreement", "agreement": plan.model_dump(mode="json")}}),
        ])
    assert main(["log"]) == 0
    listed = capsys.readouterr().out
    assert "3 betalingen, 30-11-2026 t/m 01-02-2027" in listed
    target = Path(os.environ["BELSCRIPT_HOME"]).parent / "export.csv"
    assert main(["log", "export", "--format", "csv", "-o", str(target)]) == 0
    out = target.read_text(encoding="utf-8")
    assert out.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(out.lstrip("\ufeff")), delimiter=";"))
    assert rows[0]["payments"] == "940,00@2026-11-30 940,00@2026-12-30 933,00@2027-02-01"
    assert rows[0]["promised_amount"] == "2813,00"


def test_log_show_says_actions_in_words_not_internal_ids():
    """An action without a to-do ('mark_recap_done') is shown as 'afspraken teruggelezen'."""
    from belscript.journal.timeline import describe

    event = Event(seq=5, at=START, kind="action", data={"name": "mark_recap_done", "source": "option"})
    assert describe(event) == "actie: afspraken teruggelezen"

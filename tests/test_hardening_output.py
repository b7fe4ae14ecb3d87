"""Outputs never steer the terminal, never start a spreadsheet formula and never overwrite
belscript's own data files or anything else without --force."""

from __future__ import annotations

import io
import os

import pytest

from belscript.cli.main import main
from belscript.clock import FixedClock
from belscript.dossier.loader import demo_dossier_path, load_dossier
from belscript.journal import Journal
from belscript.textsafe import visible
from conftest import MONDAY_MORNING

EVIL = "Bakkerij\x1b]0;pwned\x07\x1b[2J \u202eknaB\u200b"


def _log_with_customer(name: str, contact: str | None = None) -> int:
    dossier = load_dossier(demo_dossier_path())
    dossier.customer = dossier.customer.model_copy(update={"name": name})
    with Journal.open(clock=FixedClock(MONDAY_MORNING)) as journal:
        call_id = journal.start_call("eerste-gesprek", None, dossier, practice=False)
    return call_id


def _output(argv, capsys) -> str:
    assert main(argv) == 0
    out, err = capsys.readouterr()
    return out + err


@pytest.mark.parametrize("argv", [["log"], ["log", "show", "1"], ["log", "export", "--format", "csv"],
                                  ["log", "export", "--format", "json"]])
def test_control_and_bidi_characters_from_the_log_are_shown_escaped(argv, capsys):
    """A customer name with terminal escapes, a right-to-left override or a zero-width space is printed as escapes."""
    _log_with_customer(EVIL)
    text = _output(argv, capsys)
    for raw in ("\x1b", "\x07", "\u202e", "\u200b"):
        assert raw not in text
    assert "\\u001b]0;pwned" in text and "\\u202e" in text


def test_json_output_keeps_its_meaning_after_escaping(capsys):
    """The escapes in JSON output are JSON's own, so the exported name reads back exactly."""
    import json

    _log_with_customer("Naam\u202eemaN")
    data = json.loads(_output(["log", "export", "--format", "json"], capsys))
    assert data["calls"][0]["customer"] == "Naam\u202eemaN"


def test_validate_escapes_control_characters_from_script_keys(tmp_path, capsys):
    """A script key with an escape sequence is reported with the escape visible, not sent to the terminal."""
    path = tmp_path / "s.yaml"
    path.write_text('name: x\n"\\e[2Jstap": 1\n', encoding="utf-8")
    main(["validate", str(path)])
    out, err = capsys.readouterr()
    assert "\x1b" not in out + err and "\\u001b[2J" in out + err


def test_visible_leaves_ordinary_dutch_text_alone():
    """Accents, euro signs, tabs and line breaks are ordinary text and stay as they are."""
    text = "Financiële administratie: € 1.250,50\n\tcafé ‘De Gouden Leeuw’\r\n"
    assert visible(text) == text


@pytest.mark.parametrize("name", ["=HYPERLINK(\"http://x\";\"klik\")", "+31 6 1234", "-2+3", "@SUM(A1)", "\tx"])
def test_a_name_that_starts_like_a_formula_is_exported_as_text(name, capsys):
    """Customer names starting with = + - @ or a tab get a leading quote in the CSV, so no spreadsheet runs them."""
    _log_with_customer(name)
    import csv

    rows = list(csv.DictReader(io.StringIO(_output(["log", "export", "--format", "csv"], capsys)), delimiter=";"))
    assert rows[0]["customer"] == "'" + name


def test_a_csv_file_opens_in_dutch_excel(tmp_path, capsys):
    """The CSV file has a UTF-8 byte-order mark, semicolons and decimal commas, as Dutch Excel expects."""
    _log_with_customer("Bakkerij Van Dijk")
    target = tmp_path / "gesprekken.csv"
    assert main(["log", "export", "-o", str(target)]) == 0
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    header, row = raw.decode("utf-8-sig").splitlines()[:2]
    assert header.startswith("id;started_at;") and "2813,00" in row


@pytest.mark.parametrize("argv", [["schema", "-o", "{db}"], ["graph", "eerste-gesprek", "-o", "{db}"],
                                  ["new", "{db}", "--force"], ["log", "export", "-o", "{db}", "--force"],
                                  ["schema", "-o", "{home}/calls/1/bevestiging.eml", "--force"]])
def test_no_output_ever_replaces_belscripts_own_data(argv, capsys):
    """schema, graph, new --force and log export refuse any path in the data folder; every call is kept."""
    call_id = _log_with_customer("Bakkerij Van Dijk")
    home = Journal.open().path.parent
    db = home / "calls.db"
    before = db.read_bytes()
    code = main([a.replace("{db}", str(db)).replace("{home}", str(home)) for a in argv])
    err = capsys.readouterr().err
    assert code == 2 and "gegevensmap" in err or "data folder" in err
    assert db.read_bytes() == before and Journal.open().get(call_id)


@pytest.mark.parametrize("argv", [["schema", "-o", "{t}"], ["graph", "eerste-gesprek", "-o", "{t}"],
                                  ["log", "export", "-o", "{t}"]])
def test_an_existing_file_is_only_overwritten_with_force(argv, tmp_path, capsys):
    """-o on an existing file exits 2 and keeps it; with --force it is replaced."""
    target = tmp_path / "bestaand.txt"
    target.write_text("mijn werk")
    assert main([a.replace("{t}", str(target)) for a in argv]) == 2
    assert "--force" in capsys.readouterr().err and target.read_text() == "mijn werk"
    assert main([a.replace("{t}", str(target)) for a in argv] + ["--force"]) == 0
    assert target.read_text() != "mijn werk"

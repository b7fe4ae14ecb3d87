"""One damaged value in a sound log never hides the other calls: every log command shows
what it can and names the damaged row in Dutch."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from belscript.cli.main import main
from belscript.clock import FixedClock
from belscript.journal import Journal
from test_journal_cli import START, record_call

DAMAGES = {
    "begintijd": ("UPDATE calls SET started_at = 'gisteren ergens' WHERE id = ?", "begintijd"),
    "eindtijd": ("UPDATE calls SET ended_at = '31-31-2026' WHERE id = ?", "eindtijd"),
    "bedrag": ("UPDATE calls SET promised_amount = 'veel' WHERE id = ?", "bedrag"),
    "klantgegevens als lijst": ("UPDATE calls SET dossier_json = '[1, 2]' WHERE id = ?", "klantgegevens"),
    "uitkomst geen json": ("UPDATE calls SET outcome_json = '{kapot' WHERE id = ?", "uitkomst"),
    "gebeurtenis geen json": ("INSERT INTO events (call_id, seq, at, kind, data, v) "
                              "VALUES (?, 9, '2026-11-02T10:30:00', 'note', '{kapot', 2)", "gebeurtenis 9"),
    "gebeurtenis als lijst": ("INSERT INTO events (call_id, seq, at, kind, data, v) "
                              "VALUES (?, 9, '2026-11-02T10:30:00', 'note', '[1, 2]', 2)", "gebeurtenis 9"),
    "gebeurtenis zonder tijd": ("INSERT INTO events (call_id, seq, at, kind, data, v) "
                                "VALUES (?, 9, 'nooit', 'note', '{\"text\": \"x\"}', 2)", "gebeurtenis 9"),
}


@pytest.fixture
def two_calls():
    clock = FixedClock(START)
    with Journal.open(clock=clock) as journal:
        sound = record_call(journal, "Bakkerij De Zoete Inval", [
            ("started", {"script": "eerste-gesprek", "step": "opening"}),
            ("note", {"text": "Factuur lag bij de eigenaar."}),
        ])
        clock.advance(hours=1)
        damaged = record_call(journal, "Garage Van Dam", [
            ("started", {"script": "eerste-gesprek", "step": "opening"}),
            ("note", {"text": "Belt terug."}),
        ])
    return sound, damaged


def _damage(sql: str, call_id: int) -> None:
    conn = sqlite3.connect(Path(os.environ["BELSCRIPT_HOME"]) / "calls.db")
    with conn:
        conn.execute(sql, (call_id,))
    conn.close()


@pytest.mark.parametrize("damage", list(DAMAGES))
def test_every_log_command_shows_the_sound_calls_and_names_the_damaged_row(damage, two_calls, capsys):
    """log, log show and log export keep working with one damaged value and report it in Dutch."""
    sound, damaged = two_calls
    sql, named = DAMAGES[damage]
    _damage(sql, damaged)
    for command in (["log"], ["log", "show", str(damaged)], ["log", "show", str(sound)],
                    ["log", "export", "--format", "csv"], ["log", "export", "--format", "json"]):
        assert main(command) == 0, command
        out, err = capsys.readouterr()
        assert "Traceback" not in out + err
        # the listing reads only what it prints: never the customer file, never the events
        shown = "gebeurtenis" not in damage and not (command == ["log"] and damage == "klantgegevens als lijst")
        reads_the_damage = command[-1] == str(damaged) or command[-1] == "json" or shown
        if reads_the_damage and command[-1] != str(sound):
            assert f"beschadigd in het logboek: gesprek {damaged}" in err and named in err, command
        if command == ["log"] or command[1] == "export":
            assert "Bakkerij De Zoete Inval" in out and "Garage Van Dam" in out, command

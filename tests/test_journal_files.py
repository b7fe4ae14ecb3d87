"""The log's files are owner-only, older logs are migrated, damaged ones are moved aside and reported."""

from __future__ import annotations

import os
import sqlite3
import stat
from datetime import datetime
from pathlib import Path

import pytest

from belscript.dossier import Dossier
from belscript.engine.events import Event
from belscript.errors import JournalError
from belscript.journal import Journal, call_folder, write_private
from belscript.journal.schema import MIGRATIONS, SCHEMA_VERSION


def make_dossier() -> Dossier:
    return Dossier.model_validate({
        "customer": {"name": "Bakkerij De Zoete Inval"},
        "caller": {"name": "Pieter de Vries", "company": "De Vries Installatietechniek"},
        "invoices": [{"number": "2026-0142", "amount": "1250,50", "invoice_date": "2026-10-01",
                      "due_date": "2026-10-31"}],
    })


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def home() -> Path:
    return Path(os.environ["BELSCRIPT_HOME"])


def test_directory_database_and_wal_files_are_owner_only():
    """The data directory is 0700 and the database with its -wal and -shm files 0600, even under a loose umask."""
    old = os.umask(0o000)
    try:
        with Journal.open() as journal:
            call_id = journal.start_call("s", None, make_dossier())
            journal.append(call_id, Event(seq=1, at=datetime(2026, 11, 23, 10, 15), kind="started", data={}))
            assert mode(home()) == 0o700
            for name in ("calls.db", "calls.db-wal", "calls.db-shm"):
                assert mode(home() / name) == 0o600, name
            assert mode(journal.folder(call_id)) == 0o700
    finally:
        os.umask(old)


def test_a_log_file_others_could_read_is_tightened_but_the_folder_is_left_alone():
    """A log file that others could read is made owner-only; the user's own existing folder keeps its rights."""
    home().mkdir(mode=0o755)
    os.chmod(home(), 0o755)
    Journal.open().close()
    os.chmod(home() / "calls.db", 0o644)
    Journal.open().close()
    assert mode(home()) == 0o755
    assert mode(home() / "calls.db") == 0o600


def test_written_documents_are_owner_only(tmp_path):
    """Files written for a call (and exports) get mode 0600, replacing any looser existing file."""
    target = tmp_path / "export.csv"
    target.write_text("oud")
    os.chmod(target, 0o644)
    write_private(target, "nieuw")
    assert target.read_text() == "nieuw"
    assert mode(target) == 0o600
    folder = call_folder(7)
    assert folder == home() / "calls" / "7"
    assert mode(folder) == mode(folder.parent) == 0o700


def test_wal_and_full_sync_are_on():
    """The log runs in WAL mode with synchronous=FULL, so a committed event is on disk."""
    with Journal.open() as journal:
        assert journal._conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert journal._conn.execute("PRAGMA synchronous").fetchone()[0] == 2


def test_a_log_from_an_older_version_is_migrated_without_losing_calls():
    """A version-1 log is brought to the current schema; its calls and events are still there."""
    home().mkdir(mode=0o700)
    db = home() / "calls.db"
    conn = sqlite3.connect(db, isolation_level=None)
    for statement in MIGRATIONS[0]:
        conn.execute(statement)
    conn.execute("PRAGMA user_version = 1")
    conn.execute("INSERT INTO calls (started_at, script_name, dossier_json, customer, status, outcome_kind)"
                 " VALUES ('2026-11-02T10:00:00', 'oud-script', ?, 'Bakkerij De Zoete Inval', 'ended', 'deferral')",
                 (make_dossier().model_dump_json(),))
    conn.execute("INSERT INTO events VALUES (1, 1, '2026-11-02T10:00:00', 'started', '{}')")
    conn.close()
    with Journal.open() as journal:
        assert journal._conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        (record,) = journal.calls()
        assert (record.script_name, record.outcome_kind, record.our_actions) == ("oud-script", "deferral", [])
        assert [e.kind for e in journal.events(record.id)] == ["started"]
        journal.append(record.id, Event(seq=2, at=datetime(2026, 11, 2, 10, 1), kind="note", data={"text": "x"}))


def test_a_log_from_a_newer_version_is_refused_not_changed():
    """A log written by a newer belscript is left alone with a clear message to update."""
    Journal.open().close()
    conn = sqlite3.connect(home() / "calls.db")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    conn.close()
    with pytest.raises(JournalError, match="nieuwere versie|schemaversie"):
        Journal.open()
    assert list(home().glob("calls.db.damaged-*")) == []


@pytest.mark.parametrize("damage", ["not_a_database", "truncated"])
def test_a_damaged_log_is_moved_aside_and_reported(damage):
    """A damaged log is kept as calls.db.damaged-<time>, reported in Dutch, and a new empty log is started."""
    with Journal.open() as journal:
        for n in range(200):
            journal.start_call("s", None, make_dossier())
    db = home() / "calls.db"
    if damage == "not_a_database":
        db.write_bytes(b"dit is geen database " * 100)
    else:
        data = db.read_bytes()
        db.write_bytes(data[:4096] + b"\x00" * 50 + data[4096 + 50: len(data) // 2])
    original = db.read_bytes()
    with Journal.open() as journal:
        (moved,) = list(home().glob("calls.db.damaged-*"))
        assert moved.read_bytes() == original
        assert len(journal.warnings) == 1
        assert "beschadigd" in journal.warnings[0] and moved.name in journal.warnings[0]
        assert journal.calls() == []
    assert mode(home() / "calls.db") == 0o600


def test_a_sound_log_is_never_moved():
    """Opening a healthy log many times never moves or replaces it."""
    with Journal.open() as journal:
        journal.start_call("s", None, make_dossier())
    for _ in range(3):
        with Journal.open() as journal:
            assert journal.warnings == []
            assert len(journal.calls()) == 1
    assert list(home().glob("calls.db.damaged-*")) == []


def test_home_that_is_a_file_is_a_clear_error(tmp_path, monkeypatch):
    """BELSCRIPT_HOME pointing at a file gives a Dutch message (exit code 2), not a traceback."""
    target = tmp_path / "geen-map"
    target.write_text("")
    monkeypatch.setenv("BELSCRIPT_HOME", str(target))
    with pytest.raises(JournalError, match="geen map") as info:
        Journal.open()
    assert info.value.exit_code == 2

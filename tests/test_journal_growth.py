"""A call log that grows for years: old logs migrate without loss, a call takes little room,
`belscript log` pages, exports stream in little memory, and opening trusts a cleanly closed log."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import tracemalloc
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from belscript.cli.main import main
from belscript.clock import FixedClock
from belscript.engine.events import Event
from belscript.journal import Journal
from belscript.journal.opening import closed_cleanly
from test_journal_cli import make_dossier

FIXTURE = Path(__file__).parent / "fixtures" / "calllog_v4"
START = datetime(2026, 11, 23, 10, 15)


def home() -> Path:
    return Path(os.environ["BELSCRIPT_HOME"])


def fill(count: int, *, events: int = 3, script_text: str | None = "naam: s\n" * 3000) -> None:
    """``count`` calls (one every 20 minutes), each with a few notes, in one transaction."""
    clock = FixedClock(START)
    with Journal.open(clock=clock) as journal, journal.batch():
        for n in range(count):
            call_id = journal.start_call("eerste-gesprek", None, make_dossier(f"Klant {n:05d}"), script_text=script_text)
            for seq in range(1, events + 1):
                journal.append(call_id, Event(seq=seq, at=clock.now(), kind="note",
                                              data={"text": f"notitie {seq} bij gesprek {n}"}))
            clock.advance(minutes=20)


@pytest.fixture
def old_log(monkeypatch):
    """The schema-4 log made by the belscript of before (see tests/fixtures/calllog_v4/make_fixture.py)."""
    shutil.copytree(FIXTURE / "home", home())
    home().chmod(0o700)  # as belscript makes it; a checkout does not keep folder rights
    monkeypatch.setenv("BELSCRIPT_NOW", "2026-11-23T18:00")
    conn = sqlite3.connect(home() / "calls.db")
    rows = dict(conn.execute("SELECT id, script_text FROM calls").fetchall())
    conn.close()
    return rows


def test_an_old_log_migrates_and_every_call_shows_exactly_as_before(old_log, capsys):
    """After the update, `log`, `log show` of every call and both exports print what the old version printed
    (the read-back in `log show` since says amounts and dates as spoken: no year for this year's dates)."""
    expected = FIXTURE / "expected"
    runs = {"log.txt": ["log"], "log-practice.txt": ["log", "--practice"], "export.csv": ["log", "export"]}
    runs.update({f"show-{n}.txt": ["log", "show", str(n)] for n in old_log})
    for name, argv in runs.items():
        assert main(argv) == 0, argv
        assert capsys.readouterr().out == (expected / name).read_bytes().decode("utf-8"), argv
    assert main(["log", "export", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == json.loads((expected / "export.json").read_text(encoding="utf-8"))


def test_an_old_log_keeps_every_script_text_and_stores_each_version_once(old_log):
    """Migrating moves the script texts into one copy per version; every call still has its own text back."""
    before = (home() / "calls.db").stat().st_size
    with Journal.open() as journal:
        assert {n: journal.get(n).script_text for n in old_log} == old_log
        stored = journal._conn.execute("SELECT count(*) FROM scripts").fetchone()[0]
        inline = journal._conn.execute("SELECT count(*) FROM calls WHERE script_text IS NOT NULL").fetchone()[0]
    assert (stored, inline) == (len(set(old_log.values())), 0)
    assert (home() / "calls.db").stat().st_size < before


def test_a_call_takes_less_than_ten_kib_however_long_its_script():
    """Two hundred calls with a 30 KB script and the customer file take under 10 KiB each on disk."""
    fill(200, events=25, script_text="# " + "x" * 30_000 + "\n")
    Journal.open().close()  # the last writer to close folds the write-ahead log into the file
    size = (home() / "calls.db").stat().st_size
    assert size / 200 <= 10 * 1024


def test_log_shows_the_newest_page_and_says_how_to_see_more(capsys):
    """With 120 calls, `belscript log` shows the newest 50 and names the next page and --alle."""
    fill(120, events=0)
    assert main(["log"]) == 0
    out = capsys.readouterr().out
    assert "Klant 00119" in out and "Klant 00070" in out and "Klant 00069" not in out
    assert "Gesprekken 1-50 van 120 (pagina 1 van 3); de volgende: 'belscript log --pagina 2'; " \
           "alles: 'belscript log --alle'." in out
    assert main(["log", "--pagina", "3"]) == 0
    out = capsys.readouterr().out
    assert "Klant 00019" in out and "Klant 00000" in out and "Klant 00020" not in out
    assert "de volgende" not in out and "Gesprekken 101-120 van 120 (pagina 3 van 3)" in out


def test_log_alle_shows_every_call_in_one_aligned_table(capsys):
    """`belscript log --alle` lists every call, newest first, with the columns lined up over all of them."""
    fill(120, events=0)
    assert main(["log", "--alle"]) == 0
    lines = capsys.readouterr().out.splitlines()
    rows = lines[2:lines.index("")]  # then the line about interrupted calls
    assert len(rows) == 120 and rows[0].split()[0] == "120" and rows[-1].split()[0] == "1"
    column = lines[0].index("Klant")
    assert all(row[column:].startswith("Klant ") for row in rows)


def test_a_page_past_the_end_is_a_clear_message(capsys):
    """Asking for a page that does not exist says how many pages there are, exit code 2."""
    fill(3, events=0)
    assert main(["log", "--pagina", "2"]) == 2
    assert "pagina 2 bestaat niet: de 3 gesprekken passen op 1 pagina" in capsys.readouterr().err


def _export_peak(count: int, tmp_path: Path) -> tuple[int, int]:
    target = tmp_path / f"export-{count}.json"
    assert main(["log", "export", "--format", "json", "-o", str(target)]) == 0  # imports and caches settle
    tracemalloc.start()
    try:
        assert main(["log", "export", "--format", "json", "-o", str(target), "--force"]) == 0
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert len(json.loads(target.read_text(encoding="utf-8"))["calls"]) == count
    return peak, target.stat().st_size


def test_export_of_a_large_log_uses_no_more_memory_than_of_a_small_one(tmp_path, monkeypatch):
    """Exporting 2,400 calls needs about the memory of exporting 600: the file is written as it is read
    (a few hundred calls at a time, so both logs are larger than one such batch)."""
    fill(600, events=5)
    small, _size = _export_peak(600, tmp_path)
    monkeypatch.setenv("BELSCRIPT_HOME", str(tmp_path / "groot"))
    fill(2400, events=5)
    large, written = _export_peak(2400, tmp_path)
    assert written > 3_000_000
    assert large < small * 1.25, (small, large)


def test_a_cleanly_closed_log_is_trusted_and_anything_else_is_checked():
    """Closing leaves a mark matching the file; a change from outside or a left-over write-ahead log removes the trust."""
    with Journal.open() as journal:
        journal.start_call("s", None, make_dossier("Klant"))
        assert not closed_cleanly(journal.path)  # open for writing: not (yet) closed cleanly
    db = home() / "calls.db"
    assert closed_cleanly(db)
    with Journal.open(create=False) as reader:  # reading changes nothing
        assert len(reader.calls()) == 1
    assert closed_cleanly(db)
    info = db.stat()
    os.utime(db, ns=(info.st_atime_ns, info.st_mtime_ns + 1_000_000_000))
    assert not closed_cleanly(db)
    with Journal.open() as journal:  # checked (quick_check), found sound, trusted again after closing
        assert journal.warnings == []
    assert closed_cleanly(db)


def test_damage_after_a_clean_close_is_found_by_log_check(capsys):
    """`belscript log check` reads the whole file and reports damage that the quick open does not look for."""
    fill(300, events=2)
    db = home() / "calls.db"
    assert main(["log", "check"]) == 0
    assert "is in orde (300 gesprekken, 0 oefengesprekken)" in capsys.readouterr().out
    info = db.stat()
    data = bytearray(db.read_bytes())
    page = 4096
    for n in range(len(data) // page - 3, len(data) // page - 1):  # the last pages: rows, not the header
        data[n * page + 8: n * page + 400] = b"\x07" * 392
    db.write_bytes(bytes(data))
    os.utime(db, ns=(info.st_atime_ns, info.st_mtime_ns))  # as if nothing had changed
    assert main(["log", "check"]) == 1
    assert "is beschadigd" in capsys.readouterr().err


def test_letters_and_handover_read_only_that_customers_calls():
    """A customer's calls are found by number, or by name for calls without one; nobody else's."""
    clock = FixedClock(START)
    with Journal.open(clock=clock) as journal:
        mine = make_dossier("Bakkerij De Zoete Inval")
        numbered = mine.model_copy(update={"customer": mine.customer.model_copy(update={"number": "D-7"})})
        renamed = numbered.model_copy(update={"customer": numbered.customer.model_copy(update={"name": "Zoete Inval BV"})})
        first = journal.start_call("s", None, mine)
        second = journal.start_call("s", None, renamed)
        journal.start_call("s", None, make_dossier("Garage Van Dam"))
        journal.start_call("s", None, mine, practice=True)
        other = mine.model_copy(update={"customer": mine.customer.model_copy(update={"number": "D-8"})})
        journal.start_call("s", None, other)
        assert [r.id for r in journal.calls_of("D-7", "Bakkerij De Zoete Inval")] == [first, second]
        assert [r.script_text for r in journal.calls_of("D-7", "Bakkerij De Zoete Inval")] == [None, None]


def test_a_bulk_fill_that_fails_leaves_nothing_behind():
    """Calls written in one batch appear all together, or not at all when the batch breaks off."""
    with Journal.open() as journal:
        with pytest.raises(RuntimeError), journal.batch():
            journal.start_call("s", None, make_dossier("Klant"), script_text="naam: s")
            raise RuntimeError("onderbroken")
        assert journal.count() == (0, 0)
        with journal.batch():
            call_id = journal.start_call("s", None, make_dossier("Klant"), script_text="naam: s")
        assert journal.count() == (1, 1) and journal.get(call_id).script_text == "naam: s"

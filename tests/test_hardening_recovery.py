"""Recovering a log keeps the documents of different logs apart and is always reported."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from belscript.errors import JournalError
from belscript.journal import Journal, call_folder, write_private
from belscript.journal import store
from test_journal_files import make_dossier


def home() -> Path:
    return Path(os.environ["BELSCRIPT_HOME"])


def _old_log_with_documents(calls: int) -> None:
    with Journal.open() as journal:
        for _ in range(calls):
            number = journal.start_call("s", None, make_dossier())
            write_private(call_folder(number) / "bevestiging.eml", f"oud gesprek {number}")


def test_calls_after_a_damaged_log_never_reuse_the_old_calls_folders():
    """After a damaged log is moved aside, the next call gets a number after the old documents' folders."""
    _old_log_with_documents(3)
    (home() / "calls.db").write_bytes(b"dit is geen database " * 100)
    with Journal.open() as journal:
        assert "calls/" in journal.warnings[0]
        number = journal.start_call("s", None, make_dossier())
        assert number == 4
        assert not any(journal.folder(number).iterdir())
    assert (call_folder(1) / "bevestiging.eml").read_text() == "oud gesprek 1"


def test_numbers_continue_after_the_highest_folder_even_with_gaps():
    """A leftover folder calls/17 of a removed log makes the next call number 18."""
    (home() / "calls" / "17").mkdir(parents=True, mode=0o700)
    os.chmod(home(), 0o700)
    with Journal.open() as journal:
        assert journal.start_call("s", None, make_dossier()) == 18
        assert journal.start_call("s", None, make_dossier()) == 19


def test_an_empty_log_file_is_reported_not_silently_replaced():
    """A 0-byte calls.db (a full disk, a broken copy) is named in a Dutch warning when a new log is begun."""
    _old_log_with_documents(2)
    (home() / "calls.db").write_bytes(b"")
    for side in ("calls.db-wal", "calls.db-shm"):
        (home() / side).unlink(missing_ok=True)
    with Journal.open(create=False) as journal:
        (warning,) = journal.warnings
        assert "leeg (0 bytes)" in warning and "calls/" in warning
        assert journal.start_call("s", None, make_dossier()) == 3


def test_a_damaged_log_that_cannot_be_moved_aside_is_a_clear_error(monkeypatch):
    """When moving the damaged log aside fails (a full disk), the user is told so in Dutch, nothing is replaced."""
    _old_log_with_documents(1)
    db = home() / "calls.db"
    db.write_bytes(b"dit is geen database " * 100)

    def full_disk(src, dst):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(store.os, "replace", full_disk)
    with pytest.raises(JournalError, match="kan niet opzij worden gezet") as caught:
        Journal.open()
    assert "ruimte" in (caught.value.hint or "")
    assert db.read_bytes() == b"dit is geen database " * 100

"""Belscript never changes the rights of a folder it did not create, refuses a folder others
can write in, and its read-only commands change nothing on disk."""

from __future__ import annotations

import os
import stat
import subprocess
import sys

import pytest

from belscript.cli.main import main
from belscript.dossier.loader import demo_dossier_path, load_dossier
from belscript.errors import JournalError
from belscript.journal import Journal


def _mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX folder rights")
def test_a_shared_folder_as_belscript_home_is_refused_and_keeps_its_sticky_bit(tmp_path, monkeypatch):
    """BELSCRIPT_HOME pointing at a 1777 folder is refused with a message; the folder keeps mode 1777."""
    shared = tmp_path / "gedeeld"
    shared.mkdir()
    os.chmod(shared, 0o1777)
    monkeypatch.setenv("BELSCRIPT_HOME", str(shared))
    with pytest.raises(JournalError, match="anderen schrijven"):
        Journal.open()
    assert stat.S_IMODE(os.stat(shared).st_mode) == 0o1777
    assert not (shared / "calls.db").exists()


def test_an_existing_own_folder_keeps_its_rights(tmp_path, monkeypatch):
    """An existing folder of the user's own (0755) is used as it is, not chmod'ed; the log inside is owner-only."""
    home = tmp_path / "eigen"
    home.mkdir()
    os.chmod(home, 0o755)
    monkeypatch.setenv("BELSCRIPT_HOME", str(home))
    Journal.open().close()
    assert _mode(home) == 0o755
    assert _mode(home / "calls.db") == 0o600


def test_read_only_log_commands_change_nothing_on_disk(tmp_path, monkeypatch, capsys):
    """'log', 'log show' and 'log export' leave every file, folder and right as it was (SQLite's owner-only
    companion files of a log in use aside)."""
    home = tmp_path / "home"
    monkeypatch.setenv("BELSCRIPT_HOME", str(home))
    with Journal.open() as journal:
        journal.start_call("eerste-gesprek", None, load_dossier(demo_dossier_path()), practice=False)
    os.chmod(home, 0o755)

    def snapshot():
        entries = [p for p in [home, *home.rglob("*")] if not p.name.endswith(("-wal", "-shm"))]
        return sorted((str(p.relative_to(home)), _mode(p), p.is_file() and p.stat().st_mtime_ns) for p in entries)

    before = snapshot()
    for argv in (["log"], ["log", "show", "1"], ["log", "export", "--format", "json"]):
        assert main(argv) == 0
    assert "Bakkerij Van Dijk" in capsys.readouterr().out
    assert snapshot() == before
    assert all(_mode(p) == 0o600 for p in home.glob("calls.db-*"))


@pytest.mark.skipif(not sys.platform.startswith("linux") or os.geteuid() != 0, reason="needs mount (root, Linux)")
def test_the_log_can_be_read_on_a_read_only_file_system(tmp_path):
    """On a file system mounted read-only, 'belscript log' lists the calls instead of failing."""
    mount = tmp_path / "ro"
    mount.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(mount)], capture_output=True).returncode:
        pytest.skip("mount not permitted here")
    try:
        env = {**os.environ, "BELSCRIPT_HOME": str(mount / "h")}
        with Journal.open(mount / "h") as journal:
            journal.start_call("eerste-gesprek", None, load_dossier(demo_dossier_path()), practice=False)
        subprocess.run(["mount", "-o", "remount,ro", str(mount)], check=True)
        done = subprocess.run([sys.executable, "-m", "belscript", "log"], env=env, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        assert "Bakkerij Van Dijk" in done.stdout
    finally:
        subprocess.run(["umount", str(mount)], check=False)

"""The call log's file on disk: connecting, noticing damage cheaply, moving a damaged log aside.

A full check of the file (``PRAGMA integrity_check``) reads every page: with years of
calls that took seconds on every open. Damage is rare and nearly always follows an
unclean end (power cut, full disk, a copy that broke off) or a change from outside,
so the log leaves a small *clean mark* (``calls.db-clean``: size, modification time and
inode of the file) when its last writer closes it. An open that finds the mark still
matching, and no write-ahead log left behind, only reads the file's first page; any
other open runs ``PRAGMA quick_check`` first. ``belscript log check`` runs the full
check on demand.
"""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime
from pathlib import Path

from belscript.errors import JournalError
from belscript.journal.paths import CALLS_DIR
from belscript.journal.schema import SCHEMA_VERSION, version_of
from belscript.private_files import PRIVATE_FILE, UnsafeFolder, check_own_folder

CLEAN_SUFFIX = "-clean"
_SQLITE_CORRUPT = 11
_SQLITE_NOTADB = 26


def _stamp(path: Path) -> str:
    info = os.stat(path)
    return f"{info.st_size} {info.st_mtime_ns} {info.st_ino}\n"


def closed_cleanly(path: Path) -> bool:
    """Whether the log was closed cleanly by its last writer and has not changed since."""
    try:
        wal = path.with_name(path.name + "-wal")
        if wal.exists() and wal.stat().st_size > 0:
            return False
        return path.with_name(path.name + CLEAN_SUFFIX).read_text(encoding="ascii") == _stamp(path)
    except (OSError, UnicodeDecodeError):
        return False


def mark_clean(path: Path) -> None:
    """After the last writer closed the log (no write-ahead log left): remember the file as it is now."""
    marker = path.with_name(path.name + CLEAN_SUFFIX)
    try:
        wal = path.with_name(path.name + "-wal")
        if wal.exists() and wal.stat().st_size > 0:  # another process still has it open
            marker.unlink(missing_ok=True)
            return
        fd = os.open(marker, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE)
        with os.fdopen(fd, "w", encoding="ascii") as handle:
            handle.write(_stamp(path))
    except OSError:  # without a mark the next open simply checks the file
        pass


def damage(path: Path, *, full: bool = False) -> str | None:
    """Describe what is wrong with an existing log file, or ``None`` when it is sound.

    A cleanly closed log is only probed (its first page); any other one gets
    ``quick_check``; ``full=True`` runs ``integrity_check`` whatever the mark says.
    Only real damage counts (SQLite says "corrupt" or "not a database", or the check
    fails). A log that is busy or unreadable is an error to report, never a reason to
    move a healthy file aside.
    """
    if not path.exists() or path.stat().st_size == 0:
        return None
    probe = ("PRAGMA integrity_check" if full else
             "SELECT 'ok' FROM (SELECT count(*) FROM sqlite_master)" if closed_cleanly(path) else "PRAGMA quick_check")
    conn = None
    try:
        conn = sqlite3.connect(f"file:{path}?mode=rw", uri=True, isolation_level=None, timeout=10)
        rows = conn.execute(probe).fetchall()
    except sqlite3.DatabaseError as exc:
        code = (getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF
        if code in (_SQLITE_CORRUPT, _SQLITE_NOTADB):
            return str(exc)
        raise JournalError(f"het gesprekslogboek {path} kan niet worden geopend: {exc}",
                           hint="Is belscript nog ergens anders open? Probeer het zo nog eens.") from None
    finally:
        if conn is not None:
            conn.close()
    if rows == [("ok",)]:
        return None
    return "; ".join(str(r[0]) for r in rows[:3])


def open_for_reading(path: Path, *, check: bool = True) -> sqlite3.Connection | None:
    """A read-only connection to a sound, current log, changing nothing on disk.

    Read-only commands use it, so they work on a read-only file system and never
    touch the folder's rights. ``None`` when the log needs the full open (missing,
    damaged, an older schema to migrate): that path reports or repairs it. ``check``
    runs ``quick_check`` when the log was not closed cleanly (``False``: never)."""
    if not path.is_file() or path.stat().st_size == 0:
        return None
    try:
        check_own_folder(path.parent)
    except UnsafeFolder as exc:
        raise JournalError(f"{exc}; belscript leest daar geen klantgegevens",
                           hint="Laat BELSCRIPT_HOME naar een eigen map wijzen.") from None
    probe = "PRAGMA quick_check" if check and not closed_cleanly(path) else "SELECT 'ok'"
    for options in ("mode=ro", "mode=ro&immutable=1"):  # immutable: a read-only disk cannot hold a writer's -shm
        conn = None
        try:
            conn = sqlite3.connect(f"{path.resolve().as_uri()}?{options}", uri=True, isolation_level=None,
                                   check_same_thread=False, timeout=10)
            if version_of(conn) == SCHEMA_VERSION and conn.execute(probe).fetchone() == ("ok",):
                return conn
            conn.close()
            return None
        except sqlite3.DatabaseError:
            if conn is not None:
                conn.close()
    return None


def connect(path: Path) -> sqlite3.Connection:
    if not path.exists():
        os.close(os.open(path, os.O_RDWR | os.O_CREAT, PRIVATE_FILE))
    try:
        conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=10)
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
    except sqlite3.Error as exc:
        raise JournalError(f"het gesprekslogboek {path} kan niet worden geopend: {exc}") from None
    return conn


def refuse_path_through_a_file(root: Path, hint: str) -> None:
    """A data folder that could never be created (its path runs through a file) is
    reported even by a read-only command, so a wrong BELSCRIPT_HOME is noticed early."""
    for parent in root.parents:
        if parent.exists():
            if not parent.is_dir():
                raise JournalError(f"de map {root} voor het gesprekslogboek kan niet worden aangemaakt: "
                                   f"{parent} is een bestand", hint=hint)
            return


def highest_call_folder(home: Path) -> int:
    """The highest call number that has a documents folder in ``home/calls`` (0 for none)."""
    try:
        names = [entry.name for entry in os.scandir(home / CALLS_DIR) if entry.is_dir(follow_symlinks=False)]
    except OSError:
        return 0
    numbers = [int(name) for name in names if name.isdigit() and name.isascii() and len(name) < 18]
    return max(numbers, default=0)


def move_aside(path: Path) -> Path:
    """Rename a damaged log (with its WAL and shared-memory files) out of the way."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.damaged-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.damaged-{stamp}-{n}")
    os.replace(path, target)
    try:  # the damaged copy still holds customer data
        os.chmod(target, PRIVATE_FILE)
    except OSError:
        pass
    for suffix in ("-wal", "-shm"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            os.replace(side, target.with_name(target.name + suffix))
    path.with_name(path.name + CLEAN_SUFFIX).unlink(missing_ok=True)
    return target


def tighten(path: Path) -> None:
    """Make the database and its WAL/shared-memory files owner-only."""
    for suffix in ("", "-wal", "-shm"):
        side = path.with_name(path.name + suffix)
        try:
            os.chmod(side, PRIVATE_FILE)
        except FileNotFoundError:
            pass

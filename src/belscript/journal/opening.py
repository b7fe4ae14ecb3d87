"""The call log's file on disk: opening it (read-only, as an empty stand-in, or for writing),
connecting, noticing damage cheaply, moving a damaged log aside.

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
from belscript.journal.paths import CALLS_DIR, DB_NAME
from belscript.journal.schema import SCHEMA_VERSION, migrate, version_of
from belscript.private_files import PRIVATE_FILE, UnsafeFolder, check_own_folder, private_dir

CLEAN_SUFFIX = "-clean"
_SQLITE_CORRUPT = 11
_SQLITE_NOTADB = 26
#: The hint for a data folder or log file that is not the user's to use.
_OWN_FOLDER = "Laat BELSCRIPT_HOME naar een map wijzen die van u is (of maak hem leeg)."


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


def open_log(root: Path, *, create: bool, verify: bool) -> tuple[sqlite3.Connection, Path, list[str], bool]:
    """The connection to the log in ``root``: ``(conn, path, warnings, writable)``.

    Without ``create`` a sound log is read through a read-only connection and a missing
    one stands in as an empty log in memory; otherwise (or when the log needs repair or
    migration) the folder is made owner-only, an empty or damaged file is moved aside
    with a warning, and the log is opened for writing and migrated."""
    if root.exists() and not root.is_dir():
        raise JournalError(f"{root} is geen map; het gesprekslogboek heeft een map nodig",
                           hint="Laat BELSCRIPT_HOME naar een map wijzen (of maak hem leeg).")
    path = root / DB_NAME
    if not create:
        reader = _open_without_writing(root, path, verify)
        if reader is not None:
            return reader, path, [], False
    _prepare_folder(root)
    _refuse_unusable_file(path)
    warnings = _recover(root, path, verify)
    conn = connect(path)
    try:
        migrate(conn)
    except BaseException:
        conn.close()
        raise
    tighten(path)
    return conn, path, warnings, True


def _open_without_writing(root: Path, path: Path, verify: bool) -> sqlite3.Connection | None:
    """For a read-only command: an empty log in memory when none exists yet, else a
    read-only connection to a sound log (``None`` when it needs the full open)."""
    if not path.exists():
        refuse_path_through_a_file(root, _OWN_FOLDER)
        conn = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
        migrate(conn)
        return conn
    return open_for_reading(path, check=verify)


def _prepare_folder(root: Path) -> None:
    """Create the data folder owner-only, or refuse one that is not the user's own."""
    try:
        private_dir(root)
    except UnsafeFolder as exc:
        raise JournalError(f"{exc}; belscript bewaart daar geen klantgegevens en verandert de rechten niet",
                           hint="Laat BELSCRIPT_HOME naar een eigen, nog niet bestaande map wijzen.") from None
    except OSError as exc:
        if root.is_dir():
            raise JournalError(f"de map {root} voor het gesprekslogboek is niet van u of niet te gebruiken: "
                               f"{exc.strerror}", hint=_OWN_FOLDER) from None
        raise JournalError(f"de map {root} voor het gesprekslogboek kan niet worden aangemaakt: {exc.strerror}",
                           hint=_OWN_FOLDER) from None


def _refuse_unusable_file(path: Path) -> None:
    """A log path that is a folder, or a file the user may not read and write, is an error."""
    if path.is_dir():
        raise JournalError(f"het gesprekslogboek {path} is een map, geen bestand", hint=_OWN_FOLDER)
    if path.exists() and not os.access(path, os.R_OK | os.W_OK):
        raise JournalError(f"het gesprekslogboek {path} kan niet worden gelezen of bijgewerkt: "
                           "het is niet van u of u mag er niet in schrijven", hint=_OWN_FOLDER)


def _recover(root: Path, path: Path, verify: bool) -> list[str]:
    """Warnings (Dutch) for an empty log, and for a damaged one, which is moved aside first."""
    warnings: list[str] = []
    folders = "" if highest_call_folder(root) == 0 else (
        " Nieuwe gesprekken krijgen nummers na de bestaande mappen in calls/, "
        "zodat de documenten van eerdere gesprekken niet worden overschreven.")
    if path.is_file() and path.stat().st_size == 0:
        warnings.append(f"Het gesprekslogboek {path} was leeg (0 bytes), bijvoorbeeld na een volle schijf "
                        f"of een afgebroken kopie; er is een nieuw, leeg logboek begonnen.{folders}")
    problem = damage(path) if verify else None
    if problem is not None:
        try:
            moved = move_aside(path)
        except OSError as exc:
            raise JournalError(
                f"het gesprekslogboek {path} is beschadigd ({problem}) en kan niet opzij worden gezet: "
                f"{exc.strerror or exc}",
                hint="Maak ruimte vrij op de schijf (of zet het bestand zelf opzij) en probeer het opnieuw.",
            ) from None
        warnings.append(
            f"Het gesprekslogboek {path} is beschadigd ({problem}). Het is bewaard als {moved.name} "
            f"en er is een nieuw, leeg logboek begonnen. Gooi het oude bestand niet weg: "
            f"het kan mogelijk nog worden hersteld.{folders}"
        )
    return warnings

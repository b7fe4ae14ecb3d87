"""One connection factory for both engines, and the few places where they differ.

Repository code writes SQL once, with ``?`` placeholders, and calls
:meth:`Database.execute` / :meth:`Database.transaction`; this module turns ``?`` into
psycopg's ``%s``, maps driver errors to :class:`StoreError` (without the connection
string) and knows how each engine takes a write lock. The driver (``sqlite3`` or
``psycopg``) is imported only when a database is opened, so commands that never touch
the store keep their start-up time.

SQLite: one owner-only file, WAL, ``synchronous=FULL``, a busy timeout, foreign keys
on. Damage is detected cheaply on open (the file header and a read of the schema)
and whenever SQLite reports it later; the full ``PRAGMA integrity_check`` runs only
when asked for (:meth:`Database.check`), never on every open.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from belscript.private_files import PRIVATE_FILE, private_dir
from belscript.store.errors import StoreError, StoreUnavailable
from belscript.store.settings import STORE_DB, Settings

_SQLITE_MAGIC = b"SQLite format 3\x00"
_BUSY_MS = 10_000
_CONNECT_TIMEOUT_S = 5


class Database:
    """An open connection to one store, SQLite or PostgreSQL."""

    def __init__(self, settings: Settings, *, connect: bool = True) -> None:
        """Open the database; ``connect=False`` waits for the first statement (or :meth:`connect`)."""
        self.settings = settings
        self.engine = settings.engine
        self._conn: Any = None
        self._depth = 0
        if connect:
            self.connect()

    # -- connecting ----------------------------------------------------------------

    def connect(self) -> None:
        """(Re)connect; raises :class:`StoreUnavailable` when the server cannot be reached."""
        self.close()
        self._conn = _connect_postgresql(self.settings) if self.engine == "postgresql" else _connect_sqlite(self.settings)
        self._depth = 0

    def close(self) -> None:
        if self._conn is not None:
            try:
                self._conn.close()
            except Exception:  # noqa: BLE001 - a dead connection may fail to close
                pass
            self._conn = None

    @property
    def broken(self) -> bool:
        return self._conn is None or (self.engine == "postgresql" and self._conn.broken)

    # -- running SQL ---------------------------------------------------------------

    def execute(self, sql: str, params: Sequence[Any] = (), *, prepare: bool | None = None) -> Any:
        """Run one statement; returns a cursor (``fetchone``/``fetchall``/iteration).

        ``prepare=True`` makes PostgreSQL keep the statement's plan from its first use
        (psycopg otherwise prepares after five), for the hot path of call events.
        """
        if self._conn is None:
            self.connect()
        try:
            if self.engine == "postgresql":
                return self._conn.execute(_pg(sql), tuple(params), prepare=prepare)
            # Read every row at once: a half-read SQLite statement keeps its read snapshot
            # open, and a later write on this connection would then fail at once with
            # SQLITE_BUSY instead of waiting for the other writer.
            return Rows(self._conn.execute(sql, tuple(params)).fetchall())
        except Exception as exc:  # noqa: BLE001 - mapped to our errors below
            raise self._translate(exc) from None

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if self._conn is None:
            self.connect()
        try:
            if self.engine == "postgresql":
                with self._conn.cursor() as cur:
                    cur.executemany(_pg(sql), [tuple(r) for r in rows])
            else:
                self._conn.executemany(sql, [tuple(r) for r in rows])
        except Exception as exc:  # noqa: BLE001
            raise self._translate(exc) from None

    def select_in(self, sql: str, keys: Sequence[Any], size: int = 500) -> list[Any]:
        """Rows of ``sql`` whose ``IN ({})`` is filled with ``keys``, in chunks every driver accepts."""
        rows: list[Any] = []
        for start in range(0, len(keys), size):
            chunk = list(keys[start:start + size])
            rows.extend(self.execute(sql.format(", ".join("?" for _ in chunk)), chunk))
        return rows

    @contextmanager
    def transaction(self) -> Iterator["Database"]:
        """One write transaction: all of it is committed, or none of it.

        SQLite takes the write lock at the start (``BEGIN IMMEDIATE``), so two
        processes never interleave read-then-write sequences; PostgreSQL relies on
        row locks taken by the statements themselves. Nested use joins the outer one.
        """
        if self._conn is None:
            self.connect()
        if self._depth:
            self._depth += 1
            try:
                yield self
            finally:
                self._depth -= 1
            return
        self._depth = 1
        try:
            if self.engine == "postgresql":
                try:
                    tx = self._conn.transaction()
                    tx.__enter__()
                except Exception as exc:  # noqa: BLE001
                    raise self._translate(exc) from None
                try:
                    yield self
                except BaseException as exc:
                    try:
                        tx.__exit__(type(exc), exc, exc.__traceback__)
                    except Exception:  # noqa: BLE001 - the connection may be gone
                        pass
                    raise
                try:
                    tx.__exit__(None, None, None)
                except Exception as exc:  # noqa: BLE001
                    raise self._translate(exc) from None
            else:
                self.execute("BEGIN IMMEDIATE")
                try:
                    yield self
                except BaseException:
                    try:
                        self._conn.execute("ROLLBACK")
                    except Exception:  # noqa: BLE001
                        pass
                    raise
                self.execute("COMMIT")
        finally:
            self._depth = 0

    def check(self) -> list[str]:
        """The full integrity check (slow on a big file): problems found, empty when sound."""
        if self.engine == "postgresql":
            return []
        rows = self.execute("PRAGMA integrity_check").fetchall()
        return [] if rows == [("ok",)] else [str(r[0]) for r in rows]

    # -- errors --------------------------------------------------------------------

    def _translate(self, exc: Exception) -> Exception:
        where = self.settings.describe()
        if self.engine == "postgresql":
            import psycopg

            if isinstance(exc, psycopg.OperationalError) or self._conn is None or self._conn.broken:
                return StoreUnavailable(f"de teamdatabase {where} is niet bereikbaar",
                                        hint="Controleer de netwerkverbinding; wat u nu vastlegt, wordt bewaard "
                                             "en verstuurd zodra de verbinding terug is.")
            if isinstance(exc, psycopg.errors.InsufficientPrivilege):
                return StoreError(f"de teamdatabase {where} weigert deze handeling: onvoldoende rechten",
                                  hint="Vraag de beheerder om de rechten uit de handleiding "
                                       "(\"Een gedeelde database voor een team\").")
            return StoreError(f"de teamdatabase {where} gaf een fout: {_first_line(exc)}")
        code = (getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF
        if code in (11, 26):  # SQLITE_CORRUPT, SQLITE_NOTADB
            return StoreError(f"de database {where} is beschadigd: {exc}",
                              hint="Maak een kopie van het bestand en laat het nakijken; het wordt niet overschreven.")
        if code in (5, 6):  # SQLITE_BUSY, SQLITE_LOCKED
            return StoreError(f"de database {where} is bezet door een ander programma",
                              hint="Is belscript nog ergens anders open? Probeer het zo nog eens.")
        return StoreError(f"de database {where} gaf een fout: {exc}")


class Rows:
    """A finished SQLite result with the cursor methods repository code uses."""

    __slots__ = ("_rows", "_at")

    def __init__(self, rows: list[tuple[Any, ...]]) -> None:
        self._rows = rows
        self._at = 0

    def fetchone(self) -> tuple[Any, ...] | None:
        if self._at >= len(self._rows):
            return None
        self._at += 1
        return self._rows[self._at - 1]

    def fetchall(self) -> list[tuple[Any, ...]]:
        rest = self._rows[self._at:]
        self._at = len(self._rows)
        return rest

    def __iter__(self) -> Iterator[tuple[Any, ...]]:
        return iter(self.fetchall())


def _pg(sql: str) -> str:
    """``?`` placeholders to psycopg's ``%s`` (a literal ``%`` is doubled first)."""
    return sql.replace("%", "%%").replace("?", "%s")


def _first_line(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


def _connect_sqlite(settings: Settings) -> Any:
    import sqlite3

    root = private_dir(settings.home)
    path = root / STORE_DB
    fresh = not path.exists()
    if fresh:
        os.close(os.open(path, os.O_RDWR | os.O_CREAT, PRIVATE_FILE))
    else:
        _check_header(path)
    try:
        conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=_BUSY_MS / 1000)
        conn.execute(f"PRAGMA busy_timeout = {_BUSY_MS}")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # reads the schema pages
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"de database {path} kan niet worden geopend: {exc}",
                         hint="Maak een kopie van het bestand en laat het nakijken; het wordt niet overschreven.") from None
    for suffix in ("", "-wal", "-shm"):
        try:
            os.chmod(path.with_name(path.name + suffix), PRIVATE_FILE)
        except FileNotFoundError:
            pass
    return conn


def _check_header(path: Path) -> None:
    """A file that does not start like a SQLite database is damaged (costs one read)."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(len(_SQLITE_MAGIC))
    except OSError as exc:
        raise StoreError(f"de database {path} kan niet worden gelezen: {exc.strerror}") from None
    if head and head != _SQLITE_MAGIC:
        raise StoreError(f"de database {path} is beschadigd: het is geen SQLite-bestand",
                         hint="Maak een kopie van het bestand en laat het nakijken; het wordt niet overschreven.")


#: How long a statement may wait on a network that silently went away before the
#: connection counts as broken (and the event goes to the spool), unless the URL says otherwise.
_NETWORK_DEFAULTS = {"connect_timeout": str(_CONNECT_TIMEOUT_S), "keepalives": "1", "keepalives_idle": "10",
                     "keepalives_interval": "3", "keepalives_count": "3", "tcp_user_timeout": "5000"}


def _network_defaults(url: str) -> dict[str, str]:
    """Timeouts for a dead network, for each one the URL does not set itself (its TLS and other options pass as given)."""
    from psycopg.conninfo import conninfo_to_dict

    try:
        given = conninfo_to_dict(url)
    except Exception:  # noqa: BLE001 - psycopg.connect reports a bad URL itself, without echoing it
        return {}
    return {k: v for k, v in _NETWORK_DEFAULTS.items() if k not in given}


def _connect_postgresql(settings: Settings) -> Any:
    try:
        import psycopg
    except ImportError:
        raise StoreError("voor een teamdatabase is het pakket psycopg nodig",
                         hint="Installeer het met: pip install 'psycopg[binary]>=3.2'") from None
    assert settings.url is not None
    try:
        return psycopg.connect(settings.url, autocommit=True, application_name="belscript",
                               **_network_defaults(settings.url))
    except psycopg.OperationalError:
        raise StoreUnavailable(f"de teamdatabase {settings.describe()} is niet bereikbaar of weigert de aanmelding",
                               hint="Controleer het adres, de gebruikersnaam en het wachtwoord, en de netwerkverbinding.") from None
    except psycopg.ProgrammingError:
        raise StoreError("de instelling voor de teamdatabase is geen geldig PostgreSQL-adres") from None

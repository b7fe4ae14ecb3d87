"""The call log's schema and the ordered list of migrations that build it.

``PRAGMA user_version`` holds how many migrations a database has had. Opening a log
applies the missing ones, each in one transaction, so an older log is brought up to
date without losing a call and a crash during a migration leaves the old version
intact. Never edit a migration that has shipped; append a new one.
"""

from __future__ import annotations

import hashlib
import sqlite3

from belscript.errors import JournalError

#: Migration *n* (1-based) brings a database from version n-1 to version n.
MIGRATIONS: tuple[tuple[str, ...], ...] = (
    # 1: calls and their append-only events.
    (
        """
        CREATE TABLE calls (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            started_at TEXT NOT NULL,
            script_name TEXT NOT NULL,
            script_path TEXT,
            script_text TEXT,
            dossier_json TEXT NOT NULL,
            customer TEXT NOT NULL,
            practice INTEGER NOT NULL DEFAULT 0 CHECK (practice IN (0, 1)),
            status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'ended', 'aborted')),
            outcome_kind TEXT,
            promised_amount TEXT,
            first_promised_date TEXT,
            contact_person TEXT
        )
        """,
        """
        CREATE TABLE events (
            call_id INTEGER NOT NULL REFERENCES calls(id),
            seq INTEGER NOT NULL,
            at TEXT NOT NULL,
            kind TEXT NOT NULL,
            data TEXT NOT NULL,
            PRIMARY KEY (call_id, seq)
        ) WITHOUT ROWID
        """,
        "CREATE INDEX calls_by_practice_and_start ON calls (practice, started_at)",
    ),
    # 2: keep the whole outcome (for recap, e-mail and `log show` later) and make
    #    the append-only rule part of the database instead of a convention.
    (
        "ALTER TABLE calls ADD COLUMN ended_at TEXT",
        "ALTER TABLE calls ADD COLUMN outcome_json TEXT",
        "ALTER TABLE calls ADD COLUMN our_actions_json TEXT NOT NULL DEFAULT '[]'",
        "ALTER TABLE calls ADD COLUMN if_broken TEXT",
        """
        CREATE TRIGGER events_are_append_only_update BEFORE UPDATE ON events
        BEGIN SELECT RAISE(ABORT, 'events are append-only'); END
        """,
        """
        CREATE TRIGGER events_are_append_only_delete BEFORE DELETE ON events
        BEGIN SELECT RAISE(ABORT, 'events are append-only'); END
        """,
    ),
    # 3: the version of each event's stored form (``belscript.engine.events.EVENT_VERSION``);
    #    events written before typed events are version 1 and are upgraded when read.
    (
        "ALTER TABLE events ADD COLUMN v INTEGER NOT NULL DEFAULT 1",
    ),
    # 4: whether a call reached the customer (the call list learns when a customer is
    #    best reached from it), filled in for earlier calls from their outcome, and an
    #    index that answers "calls per customer and moment" without reading call rows
    #    (which hold the script text and the dossier).
    (
        "ALTER TABLE calls ADD COLUMN reached INTEGER",
        """
        UPDATE calls SET reached = CASE
            WHEN outcome_kind IS NULL THEN 0
            WHEN outcome_kind != 'no_agreement' THEN 1
            WHEN json_extract(outcome_json, '$.reason') IN ('not_reachable', 'wrong_person') THEN 0
            ELSE 1 END
        WHERE status != 'open'
        """,
        "CREATE INDEX calls_reached ON calls (practice, started_at, customer, reached, outcome_kind)",
        "CREATE INDEX calls_by_customer ON calls (practice, customer, started_at, reached, outcome_kind)",
    ),
    # 5: each script version stored once, under the hash of its text (every call row held
    #    its whole script, most of the row), moved out of the existing rows; the customer's
    #    number as a column of its own (a customer's calls without decoding every customer
    #    file, for letters and the handover); an index of interrupted calls (--resume).
    (
        "CREATE TABLE scripts (hash TEXT PRIMARY KEY, text TEXT NOT NULL) WITHOUT ROWID",
        "ALTER TABLE calls ADD COLUMN script_hash TEXT REFERENCES scripts(hash)",
        "ALTER TABLE calls ADD COLUMN customer_number TEXT",
        "INSERT OR IGNORE INTO scripts (hash, text) SELECT script_hash(CAST(script_text AS BLOB)), script_text"
        " FROM calls WHERE script_text IS NOT NULL",
        """
        UPDATE calls SET script_hash = script_hash(CAST(script_text AS BLOB)), script_text = NULL,
            customer_number = CASE WHEN json_valid(dossier_json)
                THEN NULLIF(CAST(json_extract(dossier_json, '$.customer.number') AS TEXT), '') END
        """,
        "CREATE INDEX calls_by_number ON calls (practice, customer_number, started_at)",
        "CREATE INDEX calls_open ON calls (practice, started_at) WHERE status = 'open'",
    ),
)

#: After this migration the file holds much free space (the moved script texts): compact it once.
COMPACT_AFTER = 5

SCHEMA_VERSION = len(MIGRATIONS)


def script_hash(text: str | bytes | None) -> str | None:
    """The content hash a script version is stored under (SHA-256 of its UTF-8 text)."""
    if text is None:
        return None
    data = text if isinstance(text, bytes) else str(text).encode("utf-8", "surrogatepass")
    return hashlib.sha256(data).hexdigest()


def version_of(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection, *, target: int = SCHEMA_VERSION) -> int:
    """Apply the missing migrations up to ``target``; return the version before.

    Expects a connection in autocommit mode (``isolation_level=None``) so that each
    migration runs in its own explicit transaction together with its version bump.
    """
    before = version_of(conn)
    if before > SCHEMA_VERSION:
        raise JournalError(
            f"het gesprekslogboek heeft schemaversie {before}; deze versie van belscript kent er maar {SCHEMA_VERSION}",
            hint="Werk belscript bij om dit logboek te openen; het is gemaakt door een nieuwere versie.",
        )
    conn.create_function("script_hash", 1, script_hash, deterministic=True)
    for number in range(before + 1, target + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in MIGRATIONS[number - 1]:
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {number}")
        except sqlite3.Error as exc:
            conn.execute("ROLLBACK")
            raise JournalError(f"het gesprekslogboek kon niet worden bijgewerkt naar schemaversie {number}: {exc}") from None
        conn.execute("COMMIT")
    if before < COMPACT_AFTER <= target and before > 0:
        _compact(conn)
    return before


def _compact(conn: sqlite3.Connection) -> None:
    """Give the space of the moved script texts back (a log of 100,000 calls shrinks from
    gigabytes to a tenth). Needs room for a copy of the log; without it the log stays as
    large as it was and new calls fill the free space first."""
    free, pages = (int(conn.execute(f"PRAGMA {name}").fetchone()[0]) for name in ("freelist_count", "page_count"))
    if pages and free * 4 > pages:
        try:
            conn.execute("VACUUM")
        except sqlite3.Error:
            pass

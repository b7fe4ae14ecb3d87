"""A local, durable queue for call events that could not reach the shared database.

When PostgreSQL cannot be reached mid-call, the call goes on: each event is committed
to ``spool.db`` in ``BELSCRIPT_HOME`` (SQLite, WAL, ``synchronous=FULL``, owner-only:
as durable as the local call log) and sent, in the order it was spooled, once the
connection returns. Sending is idempotent by event id (``ON CONFLICT DO NOTHING``),
so an event whose commit reached the server just before the connection broke is
stored once, and a spooled event is deleted only after the server committed it.
"""

from __future__ import annotations

import json
import os
from datetime import datetime
from pathlib import Path
from typing import Any

from belscript.private_files import PRIVATE_FILE, private_dir
from belscript.store.records import StoredEvent, iso
from belscript.store.settings import SPOOL_DB


class Spool:
    """The spool file in ``home``; opened lazily, so a healthy connection never creates it."""

    def __init__(self, home: Path) -> None:
        self.path = home / SPOOL_DB
        self._conn: Any = None
        #: How many events wait, counted once and then kept up to date, so a healthy
        #: connection pays nothing per event for asking (this process is the spool's only writer).
        self._pending: int | None = None

    def _db(self) -> Any:
        if self._conn is None:
            import sqlite3

            private_dir(self.path.parent)
            if not self.path.exists():
                os.close(os.open(self.path, os.O_RDWR | os.O_CREAT, PRIVATE_FILE))
            conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False, timeout=10)
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("CREATE TABLE IF NOT EXISTS spooled (n INTEGER PRIMARY KEY AUTOINCREMENT, "
                         "event_id TEXT NOT NULL UNIQUE, payload TEXT NOT NULL)")
            for suffix in ("", "-wal", "-shm"):
                try:
                    os.chmod(self.path.with_name(self.path.name + suffix), PRIVATE_FILE)
                except FileNotFoundError:
                    pass
            self._conn = conn
        return self._conn

    def add(self, event: StoredEvent) -> None:
        """Keep ``event`` until it can be sent (committed before returning)."""
        payload = json.dumps({"event_id": event.event_id, "call_ref": event.call_ref, "seq": event.seq,
                              "at": iso(event.at), "kind": event.kind, "data": event.data,
                              "customer_id": event.customer_id, "caller": event.caller},
                             ensure_ascii=False, default=str)
        self.pending()
        cur = self._db().execute("INSERT INTO spooled (event_id, payload) VALUES (?, ?) ON CONFLICT DO NOTHING",
                                 (event.event_id, payload))
        self._pending = (self._pending or 0) + max(cur.rowcount, 0)

    def pending(self) -> int:
        """How many events wait; the file is looked at once, not on every event (no ``stat`` per commit)."""
        if self._pending is None:
            if self._conn is None and not self.path.exists():
                self._pending = 0
            else:
                self._pending = int(self._db().execute("SELECT count(*) FROM spooled").fetchone()[0])
        return self._pending

    def oldest(self, limit: int = 500) -> list[tuple[int, StoredEvent]]:
        rows = self._db().execute("SELECT n, payload FROM spooled ORDER BY n LIMIT ?", (limit,)).fetchall()
        out = []
        for n, payload in rows:
            d = json.loads(payload)
            out.append((int(n), StoredEvent(d["event_id"], d["call_ref"], int(d["seq"]), datetime.fromisoformat(d["at"]),
                                            d["kind"], d["data"], d.get("customer_id"), d.get("caller"))))
        return out

    def forget_through(self, n: int) -> None:
        """Drop the events up to ``n`` once the server has committed them."""
        cur = self._db().execute("DELETE FROM spooled WHERE n <= ?", (n,))
        self._pending = max(0, (self._pending or 0) - max(cur.rowcount, 0))

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
        self._pending = None

"""Writing call events to the store, through the spool when the server is away.

Every event is committed the moment it is recorded: straight into ``call_events``
when the database answers, else into the local :class:`~belscript.store.spool.Spool`.
While anything is spooled, new events queue behind it, so the server receives every
call's events in order. Reconnecting is tried at most every few seconds, so a
caller's screen never waits on a dead network for each keystroke.
"""

from __future__ import annotations

import json
import time

from belscript.store.db import Database
from belscript.store.errors import StoreUnavailable
from belscript.store.records import StoredEvent, iso
from belscript.store.spool import Spool

RETRY_SECONDS = 2.0
_INSERT = ("INSERT INTO call_events (event_id, call_ref, seq, customer_id, caller, at, kind, data) "
           "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING")


def _row(e: StoredEvent) -> tuple:
    return (e.event_id, e.call_ref, e.seq, e.customer_id, e.caller, iso(e.at), e.kind,
            json.dumps(e.data, ensure_ascii=False, sort_keys=True, default=str))


class EventWriter:
    """Commits events to the store, spooling them while a shared server is unreachable."""

    def __init__(self, db: Database, spool: Spool | None) -> None:
        self.db = db
        self.spool = spool
        #: Seconds between reconnection attempts while offline (0: try on every event).
        self.retry_seconds = RETRY_SECONDS
        self._next_try = 0.0

    @property
    def offline(self) -> bool:
        """True while events wait in the spool (the screen says so, calmly)."""
        return self.spool is not None and self.spool.pending() > 0

    def record(self, event: StoredEvent) -> bool:
        """Commit ``event``; True when it reached the database, False when it was spooled."""
        if self.spool is None:
            self.db.execute(_INSERT, _row(event), prepare=True)
            return True
        if self.spool.pending():
            self.spool.add(event)
            if time.monotonic() >= self._next_try:
                self.flush()
            return not self.spool.pending()
        try:
            if self.db.broken:
                self.db.connect()
            self.db.execute(_INSERT, _row(event), prepare=True)
            return True
        except StoreUnavailable:
            self.spool.add(event)
            self._next_try = time.monotonic() + self.retry_seconds
            return False

    def flush(self) -> int:
        """Send everything spooled, oldest first; returns how many were sent (0 if still offline)."""
        if self.spool is None:
            return 0
        sent = 0
        try:
            while True:
                batch = self.spool.oldest()
                if not batch:
                    break
                if self.db.broken:
                    self.db.connect()
                with self.db.transaction():
                    self.db.executemany(_INSERT, [_row(e) for _, e in batch])
                self.spool.forget_through(batch[-1][0])
                sent += len(batch)
        except StoreUnavailable:
            self._next_try = time.monotonic() + self.retry_seconds
        return sent

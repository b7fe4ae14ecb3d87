"""The listings the commands read from the call log: calls newest first, per customer,
interrupted ones, counts, and the reachability statistics of the call list.

:class:`CallQueries` is the listing half of :class:`~belscript.journal.store.Journal`
(which inherits it): each method is one indexed query on the ``calls`` summary rows,
reading only the columns it needs (never the script text, the customer file only when
asked), so they stay fast with a hundred thousand calls.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import TYPE_CHECKING, Any

from belscript.journal.records import CallRecord, CallSummary
from belscript.journal.rows import columns, record

__all__ = ["CallQueries"]


class CallQueries:
    """Read-only listings of calls (what ``log``, ``lijst``, ``klant`` and ``--resume`` show)."""

    _lock: threading.RLock

    if TYPE_CHECKING:  # provided by Journal
        def _read(self, sql: str, params: tuple[Any, ...]) -> sqlite3.Cursor: ...
        def _report(self, problem: str) -> None: ...

    def calls(self, practice: bool = False, customers: Iterable[str] | None = None) -> list[CallRecord]:
        """Real calls (or practice sessions), newest first; ``customers``: only theirs, no script text (see listing)."""
        names = tuple(sorted(set(customers or ())))
        if customers is not None and not names:  # IN () is no SQL
            return []
        which, index = ((f" AND customer IN ({', '.join('?' * len(names))})", " INDEXED BY calls_by_customer")
                        if customers is not None else ("", ""))  # the customer index: else SQLite may walk the date one
        rows = self._read(f"SELECT {columns(script=not which)} FROM calls{index} WHERE practice = ?{which}"
                          " ORDER BY started_at DESC, id DESC", (1 if practice else 0, *names))
        return [record(r, self._report) for r in rows]

    def listing(self, practice: bool = False, *, limit: int | None = None, offset: int = 0,
                dossier: bool = False) -> Iterator[CallRecord]:
        """Calls newest first, read a few hundred at a time as they are used: one page
        (``limit`` calls after ``offset``) or all of them. Never the script text, and the
        customer file only with ``dossier=True``, so memory does not grow with the log."""
        sql = (f"SELECT {columns(script=False, dossier=dossier)} FROM calls INDEXED BY calls_by_practice_and_start"
               " WHERE practice = ? ORDER BY started_at DESC, id DESC")
        params: tuple[int, ...] = (1 if practice else 0,)
        if limit is not None:
            sql, params = sql + " LIMIT ? OFFSET ?", params + (max(0, limit), max(0, offset))
        cursor = self._read(sql, params)
        while True:
            with self._lock:
                rows = cursor.fetchmany(256)
            if not rows:
                return
            for row in rows:
                yield record(row, self._report)

    def count(self, practice: bool = False) -> tuple[int, int]:
        """How many calls (practice sessions) the log holds, and how many are interrupted; from indexes alone."""
        flag = (1 if practice else 0,)
        total = self._read("SELECT count(*) FROM calls INDEXED BY calls_by_practice_and_start WHERE practice = ?",
                           flag).fetchone()[0]
        interrupted = self._read("SELECT count(*) FROM calls INDEXED BY calls_open WHERE practice = ?"
                                 " AND status = 'open'", flag).fetchone()[0]
        return int(total), int(interrupted)

    def calls_of(self, number: str | None, name: str) -> list[CallRecord]:
        """The real calls with one customer, oldest first, without script text: by the
        customer's number, or by name for calls whose customer file had no number."""
        rows = self._read(
            f"SELECT {columns(script=False)} FROM calls WHERE practice = 0 AND (customer_number = ?"
            " OR (customer_number IS NULL AND customer = ?)) ORDER BY started_at, id", (number or None, name))
        return [record(r, self._report) for r in rows]

    def open_calls(self, practice: bool = False) -> list[CallRecord]:
        """Calls that were interrupted (never ended nor aborted), newest first, for ``--resume``."""
        rows = self._read(
            f"SELECT {columns()} FROM calls INDEXED BY calls_open WHERE practice = ? AND status = 'open'"
            " ORDER BY started_at DESC, id DESC", (1 if practice else 0,))
        return [record(r, self._report) for r in rows]

    def reach_counts(self, parts: Iterable[tuple[str, int]], customer: str | None = None
                     ) -> list[tuple[str, int, str, int, int]]:
        """Real calls counted per customer, weekday (0 = Monday) and part of the day:
        ``(customer name, weekday, part, tried, reached)``, for every customer or one.
        ``parts`` names each part of the day with the hour it ends at
        (``worklist.reachability.PARTS``). Answered from an index alone (the call rows
        hold the script and dossier), so it stays fast with a hundred thousand calls."""
        case = " ".join(f"WHEN substr(started_at, 12, 2) < '{int(end):02d}' THEN ?" for _name, end in parts)
        names = tuple(name for name, _end in parts)
        where = "practice = 0" + (" AND customer = ?" if customer is not None else "")
        rows = self._read(
            f"SELECT customer, (CAST(strftime('%w', substr(started_at, 1, 10)) AS INTEGER) + 6) % 7 AS wd,"
            f" CASE {case} END AS part, count(*), sum(coalesce(reached, 0))"
            f" FROM calls INDEXED BY calls_by_customer WHERE {where} GROUP BY customer, wd, part",
            names + ((customer,) if customer is not None else ()))
        return [(c, int(w), p, int(t), int(r)) for c, w, p, t, r in rows]

    def calls_since(self, since: datetime, customer: str | None = None) -> list[CallSummary]:
        """Real calls started at or after ``since``, oldest first, without their script
        or dossier: who, when, whether the customer was reached, how it ended."""
        if customer is None:
            rows = self._read(
                "SELECT customer, started_at, coalesce(reached, 0), status, outcome_kind FROM calls"
                " INDEXED BY calls_reached WHERE practice = 0 AND started_at >= ? ORDER BY started_at",
                (since.isoformat(),))
        else:
            rows = self._read(
                "SELECT customer, started_at, coalesce(reached, 0), status, outcome_kind FROM calls"
                " INDEXED BY calls_by_customer WHERE practice = 0 AND customer = ? AND started_at >= ?"
                " ORDER BY started_at", (customer, since.isoformat()))
        return [CallSummary(c, datetime.fromisoformat(at), bool(r), st, k) for c, at, r, st, k in rows]

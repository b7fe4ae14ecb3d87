"""The call log: one SQLite file with calls and their append-only events.

Every event is committed the moment it happens (WAL, ``synchronous=FULL``), one
transaction per event, so killing the terminal or the process loses nothing that
was on screen and an interrupted call can be resumed from its events. A database
that turns out to be damaged is moved aside and reported, never silently replaced.

:class:`Journal` writes calls and events and reads one call back; opening the file
(and recovering it) is :func:`~belscript.journal.opening.open_log`, and the listings it
inherits from :class:`~belscript.journal.queries.CallQueries`.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from belscript.agreement.model import Agreement, NoAgreement
from belscript.clock import Clock, clock_from_env
from belscript.dossier import Dossier
from belscript.engine.state import contact_person
from belscript.errors import JournalError
from belscript.journal import codec
from belscript.journal.opening import highest_call_folder, mark_clean, open_log, tighten
from belscript.journal.paths import call_folder, home_dir
from belscript.journal.queries import CallQueries
from belscript.journal.records import NO_AGREEMENT, UNREADABLE_TIME, CallRecord, Status
from belscript.journal.rows import columns, json_object, read_value, record, script_hash

if TYPE_CHECKING:  # pragma: no cover
    from belscript.engine.events import Event
    from belscript.engine.state import CallState


class EventLike(Protocol):
    """What the log needs from an engine event (``belscript.engine.events.Event``)."""

    seq: int
    at: datetime
    kind: str
    data: dict[str, Any]


class UnknownCall(JournalError):
    """No call with this number is in the log."""

    exit_code = 1


class Journal(CallQueries):
    """An open call log; create it with :meth:`Journal.open`."""

    def __init__(self, conn: sqlite3.Connection, path: Path, *, clock: Clock, warnings: list[str],
                 writable: bool = False) -> None:
        self._conn = conn
        self._writable = writable
        self._batch = False
        self._scripts: set[str] = set()  # script versions known to be stored (by hash)
        self._lock = threading.RLock()
        self.path = path
        self.home = path.parent
        self.clock = clock
        #: Problems found while opening (a damaged log moved aside), in Dutch, for the user.
        self.warnings = warnings
        #: Damaged values met while reading (a row that is shown as far as it can be), in Dutch, in order.
        self.damaged: dict[str, None] = {}
        #: Called with ``(call_id, event)`` after each event is committed here, e.g. to copy
        #: it to a shared store; the command that opens the log wires it, so the log itself
        #: never knows about the store. A mirror must not raise for a network problem.
        self.mirror: Callable[[int, EventLike], None] | None = None

    # -- opening -------------------------------------------------------------------

    @classmethod
    def open(cls, home: str | os.PathLike[str] | None = None, *, clock: Clock | None = None,
             create: bool = True, verify: bool = True) -> "Journal":
        """Open (create, migrate, or recover) the call log in ``home``.

        ``home`` defaults to ``$BELSCRIPT_HOME`` or the platform's user data directory.
        With ``create=False`` (read-only commands such as ``belscript log``) a log that
        does not exist yet is not created on disk: an empty one in memory stands in.
        A cleanly closed log is trusted after a look at its first page, any other is
        checked first (``quick_check``, :mod:`belscript.journal.opening`). ``verify=False``
        skips even that, for commands that read a few indexed rows (``lijst``, ``klant``):
        damage then shows as a read error, and the next call moves the log aside as usual.
        """
        conn, path, warnings, writable = open_log(home_dir(home), create=create, verify=verify)
        return cls(conn, path, clock=clock or clock_from_env(), warnings=warnings, writable=writable)

    def close(self) -> None:
        with self._lock:
            self._conn.close()
            if self._writable:  # the next open can trust the file without reading all of it
                self._writable = False
                mark_clean(self.path)

    @contextmanager
    def batch(self) -> Iterator["Journal"]:
        """Write many calls and events in one transaction (one flush to disk), for filling
        a log in bulk (an import, a benchmark). Nothing in it is committed before the block
        ends, and nothing at all when it raises: never use it for a live call."""
        with self._lock:
            self._write("BEGIN IMMEDIATE", ())
            self._batch, self._folders = True, highest_call_folder(self.home)
            try:
                yield self
            except BaseException:
                self._conn.execute("ROLLBACK")
                self._scripts.clear()  # the scripts written in the batch are gone with it
                raise
            else:
                self._write("COMMIT", ())
            finally:
                self._batch = False
        tighten(self.path)

    def __enter__(self) -> "Journal":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing -------------------------------------------------------------------

    def start_call(
        self,
        script_name: str,
        script_source_path: str | os.PathLike[str] | None,
        dossier: Dossier,
        practice: bool = False,
        *,
        script_text: str | None = None,
    ) -> int:
        """Record a new call and return its number.

        The dossier is stored as a snapshot, and the script's text too (as it was
        loaded; the file is not read again), so the call can be resumed and shown even
        after either file changed.
        """
        digest = script_hash(script_text)
        row = (
            (self._folders if self._batch else highest_call_folder(self.home)) + 1,
            self.clock.now().isoformat(),
            script_name,
            None if script_source_path is None else str(script_source_path),
            digest,
            codec.dumps(dossier.model_dump(mode="json")),
            dossier.customer.name,
            dossier.customer.number or None,
            1 if practice else 0,
        )
        with self._lock, self._transaction():
            if digest is not None and digest not in self._scripts:  # each script version is stored once
                self._write("INSERT OR IGNORE INTO scripts (hash, text) VALUES (?, ?)", (digest, script_text))
            cur = self._write(
                # Never a number whose documents folder exists already (left by an earlier,
                # damaged or removed log): the new call's e-mail would land among another's.
                "INSERT INTO calls (id, started_at, script_name, script_path, script_hash, dossier_json, customer,"
                " customer_number, practice) VALUES"
                " (MAX(?, COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'calls'), 0) + 1),"
                " ?, ?, ?, ?, ?, ?, ?, ?)",
                row,
            )
        if digest is not None:
            self._scripts.add(digest)
        if not self._batch:
            tighten(self.path)
        return int(cur.lastrowid)

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        """One transaction for several statements (inside :meth:`batch`: part of that one)."""
        if self._batch:
            yield
            return
        self._write("BEGIN IMMEDIATE", ())
        try:
            yield
        except BaseException:
            self._conn.execute("ROLLBACK")
            raise
        self._write("COMMIT", ())

    def append(self, call_id: int, event: EventLike) -> None:
        """Commit one event of a call now; it survives any crash after this returns.

        An ``ended`` or ``aborted`` event also closes the call and fills its summary
        (outcome, promised amount and date, contact person, to-dos, ``if_broken``: the
        facts of :class:`~belscript.engine.state.CallState`) in the same transaction,
        so a crash right after the end never leaves the call looking interrupted.
        """
        from belscript.engine.events import EVENT_VERSION

        kind = str(event.kind)
        row = (call_id, int(event.seq), event.at.isoformat(), kind, codec.dumps(event.data or {}), EVENT_VERSION)
        insert = "INSERT INTO events (call_id, seq, at, kind, data, v) VALUES (?, ?, ?, ?, ?, ?)"
        with self._lock:
            try:
                if kind not in _CLOSING:
                    self._write(insert, row)
                else:
                    with self._transaction():
                        self._write(insert, row)
                        facts = self.facts(call_id)
                        self._close(call_id, _CLOSING[kind], facts.outcome, ended_at=event.at,
                                    our_actions=facts.our_actions, if_broken=facts.if_broken,
                                    contact=facts.contact_person)
            except sqlite3.IntegrityError as exc:
                if "FOREIGN KEY" in str(exc):
                    raise UnknownCall(f"gesprek {call_id} staat niet in het logboek") from None
                raise JournalError(
                    f"gebeurtenis {event.seq} van gesprek {call_id} staat al in het logboek; "
                    "gebeurtenissen worden nooit overschreven"
                ) from None
        if self.mirror is not None:
            self.mirror(call_id, event)

    def finish(
        self,
        call_id: int,
        outcome: Agreement | NoAgreement | None,
        *,
        status: Status = "ended",
        our_actions: Iterable[str] | None = None,
        if_broken: str | None = None,
        contact: str | None = None,
    ) -> CallRecord:
        """Close a call and fill the summary columns the listing shows.

        Appending the engine's ``ended``/``aborted`` event already does this, with
        everything; ``finish`` is for closing a call that has no such event (a call
        made outside the engine). ``status`` is ``"ended"`` or ``"aborted"``.
        ``contact`` (who was spoken to) and ``our_actions`` default to what the call's
        events say.
        """
        if status not in ("ended", "aborted"):
            raise ValueError(f"status must be 'ended' or 'aborted', not {status!r}")
        self.get(call_id)
        with self._lock:
            self._close(call_id, status, outcome, ended_at=None, our_actions=our_actions,
                        if_broken=if_broken, contact=contact)
        return self.get(call_id)

    def _close(
        self,
        call_id: int,
        status: Status,
        outcome: Agreement | NoAgreement | None,
        *,
        ended_at: datetime | None,
        our_actions: Iterable[str] | None = None,
        if_broken: str | None = None,
        contact: str | None = None,
    ) -> None:
        kind: str | None = None
        amount: Decimal | None = None
        first: date | None = None
        if isinstance(outcome, Agreement):
            kind = outcome.kind.value if outcome.kind else "agreement"
            if outcome.payments:
                amount = outcome.total
                first = min(p.on for p in outcome.payments)
        elif isinstance(outcome, NoAgreement):
            kind = NO_AGREEMENT
        if contact is None or our_actions is None:
            facts = self.facts(call_id)
            contact = contact or contact_person(facts.contact, outcome)
            our_actions = facts.our_actions if our_actions is None else our_actions
        actions = list(our_actions)
        self._write(
            "UPDATE calls SET status = ?, ended_at = COALESCE(?, ended_at, ?), outcome_kind = ?, promised_amount = ?,"
            " first_promised_date = ?, contact_person = ?, outcome_json = ?, our_actions_json = ?,"
            " if_broken = COALESCE(?, if_broken), reached = ? WHERE id = ?",
            (
                status,
                None if ended_at is None else ended_at.isoformat(),
                self.clock.now().isoformat(),
                kind,
                None if amount is None else str(amount),
                None if first is None else first.isoformat(),
                contact,
                None if outcome is None else codec.dumps(outcome.model_dump(mode="json")),
                codec.dumps(actions),
                if_broken,
                1 if reached_customer(outcome) else 0,
                call_id,
            ),
        )

    # -- reading -------------------------------------------------------------------

    def get(self, call_id: int) -> CallRecord:
        """One call, with its script text; :class:`UnknownCall` (exit code 1) when there is none with this number."""
        # SQLite numbers are 64-bit: a larger number is no call (and would overflow the query).
        fits = isinstance(call_id, int) and 0 < call_id < 2**63
        row = self._read(f"SELECT {columns()} FROM calls WHERE id = ?", (call_id,)).fetchone() if fits else None
        if row is None:
            raise UnknownCall(
                f"gesprek {call_id} staat niet in het logboek",
                hint="'belscript log' toont de nummers van alle gesprekken.",
            )
        return record(row, self._report)

    def check(self) -> str | None:
        """The full check of the log file (every page): ``None`` when sound, else what is wrong."""
        try:
            rows = self._read("PRAGMA integrity_check", ()).fetchall()
        except JournalError as exc:
            return exc.args[0] if exc.args else str(exc)
        return None if rows == [("ok",)] else "; ".join(str(r[0]) for r in rows[:3])

    def events(self, call_id: int) -> list["Event"]:
        """Every committed event of a call, in order, as engine events in today's stored
        form (older versions are upgraded), for replay and show."""
        from belscript.engine.events import Event, Unknown

        events = []
        for seq, at, kind, data, fits in self._event_rows(call_id):
            event = Event(seq=seq, at=at, kind=kind, data=data)
            if not fits:  # reported; every reader (timeline, evaluation, score, replay) passes over an unknown kind
                event.__dict__["payload"] = Unknown(data=dict(data))
            events.append(event)
        return events

    def events_data(self, call_id: int) -> list[tuple[int, datetime, str, dict[str, Any]]]:
        """Every committed event as plain ``(seq, at, kind, data)`` tuples (today's stored form)."""
        return [(seq, at, kind, data) for seq, at, kind, data, _fits in self._event_rows(call_id)]

    def facts(self, call_id: int) -> "CallState":
        """The facts of a call: the fold of its events."""
        from belscript.engine.state import CallState

        return CallState.fold(self.events(call_id))

    def folder(self, call_id: int) -> Path:
        """The owner-only folder for this call's documents (e-mail, calendar file)."""
        self.get(call_id)
        return call_folder(call_id, self.home)

    # -- internals -----------------------------------------------------------------

    def _event_rows(self, call_id: int) -> Iterable[tuple[int, datetime, str, dict[str, Any], bool]]:
        """``(seq, at, kind, data, fits)``: a damaged value is reported and replaced, ``fits`` tells
        whether the data can be read as its kind."""
        from belscript.engine.events import payload_of, upgrade

        rows = self._read("SELECT seq, at, kind, data, v FROM events WHERE call_id = ? ORDER BY seq",
                          (call_id,)).fetchall()
        last = UNREADABLE_TIME
        for seq, at, kind, data, version in rows:
            what = f"gesprek {call_id}, gebeurtenis {seq}"
            last = read_value(self._report, what, "onleesbaar tijdstip", at, datetime.fromisoformat, last)
            stored = read_value(self._report, what, "onleesbare gegevens", data, json_object, None)
            version = read_value(self._report, what, "onleesbaar versienummer", version, int, 1)
            kind, fits = str(kind), stored is not None
            try:
                if stored is not None:
                    stored = upgrade(kind, stored, version)
                    payload_of(kind, stored)
            except (ValueError, TypeError, KeyError, AttributeError):
                self._report(f"{what} ({kind}): de gegevens passen niet bij deze soort gebeurtenis")
                fits = False
            yield int(seq), last, kind, {} if stored is None else stored, fits

    def _report(self, problem: str) -> None:
        self.damaged[problem] = None

    def _write(self, sql: str, params: tuple[Any, ...]) -> sqlite3.Cursor:
        try:
            return self._conn.execute(sql, params)
        except sqlite3.IntegrityError:
            raise
        except sqlite3.Error as exc:
            raise JournalError(f"het gesprekslogboek {self.path} kan niet worden bijgewerkt: {exc}") from None

    def _read(self, sql: str, params: tuple[Any, ...]) -> sqlite3.Cursor:
        with self._lock:
            try:
                return self._conn.execute(sql, params)
            except sqlite3.Error as exc:
                raise JournalError(f"het gesprekslogboek {self.path} kan niet worden gelezen: {exc}") from None


def reached_customer(outcome: Agreement | NoAgreement | None) -> bool:
    """Did the call reach the customer? An agreement, or an outcome that took talking to
    them (everything except voicemail/no answer and the wrong person on the line)."""
    if isinstance(outcome, Agreement):
        return True
    if isinstance(outcome, NoAgreement):
        return outcome.reason.value not in ("not_reachable", "wrong_person")
    return False


_CLOSING: dict[str, Status] = {"ended": "ended", "aborted": "aborted"}



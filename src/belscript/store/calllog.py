"""A live call's events copied to the store, and the caller's claim kept while it lasts.

:class:`CallMirror` is what the call command hangs on the call log
(``Journal.mirror``): every event, once committed locally, becomes a
:class:`~belscript.store.records.StoredEvent` whose id is derived from this
installation, the call's number and the event's sequence number, so sending it again
(after a crash, on ``--resume``, from the spool) stores it once. The mirror never
stops a call: when the shared server cannot be reached the event waits in the spool,
and the screen is told once, calmly, through ``notify``; when the server is back it is
told that too. While the call lasts the claim on the customer is extended, and the
end of the call marks it finished.

Kept apart from the journal and the screen (it receives their events duck-typed), so
neither imports the store.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any, Protocol

from belscript.private_files import PRIVATE_FILE, private_dir
from belscript.store.errors import StoreError, StoreUnavailable
from belscript.store.records import StoredEvent
from belscript.store.store import Store

OFFLINE = ("De gedeelde database is even niet bereikbaar; alles wordt lokaal bewaard en later verstuurd. "
           "U kunt gewoon doorgaan met het gesprek.")
BACK = "De gedeelde database is weer bereikbaar; wat lokaal bewaard was, is verstuurd."
REFUSED = "De gedeelde database weigert het gesprek op te slaan ({}); het gesprek zelf staat veilig in uw logboek."
LATE_CLAIM = "De gedeelde database is weer bereikbaar; deze klant is nu alsnog voor u gereserveerd."
ALSO_CALLING = "Let op: {} belt deze klant ook (sinds {:%H:%M}). Overleg even wie het gesprek afmaakt."
INSTALLATION_FILE = "installation-id"
#: How often a long call renews its claim (well inside the 30-minute expiry).
RENEW_EVERY = timedelta(minutes=5)
_CLOSING = ("ended", "aborted")


class EventLike(Protocol):
    seq: int
    at: Any
    kind: str
    data: dict[str, Any]


def installation_id(home: Path) -> str:
    """A random id for this belscript installation, made once and kept in ``home``.

    Call numbers in the local call log start at 1 on every computer; prefixed with
    this id they name a call uniquely in a team's shared database.
    """
    path = home / INSTALLATION_FILE
    try:
        text = path.read_text(encoding="ascii").strip()
        if text:
            return text
    except FileNotFoundError:
        pass
    except (OSError, UnicodeDecodeError) as exc:
        raise StoreError(f"{path} kan niet worden gelezen: {exc}") from None
    private_dir(home)
    made = uuid.uuid4().hex[:12]
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE)
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(made + "\n")
    return made


def call_ref(installation: str, call_id: int) -> str:
    return f"{installation}-{call_id}"


class CallMirror:
    """``Journal.mirror``: copies each committed event to the store; never raises."""

    def __init__(self, store: Store, *, installation: str, customer_id: int | None, claimed: bool,
                 notify: Callable[[str, str], None] | None = None, customer_number: str | None = None) -> None:
        self.store = store
        self.installation = installation
        self.customer_id = customer_id
        #: A call started while the server was away knows only the customer's number: once
        #: the server answers, the customer is looked up, named on the events and claimed.
        self.unresolved = customer_number if customer_id is None else None
        #: True while this caller holds a claim on the customer (released at the end).
        self.claimed = claimed
        self.notify = notify or (lambda text, level: None)
        self.offline = False
        self._refused = False
        self._renewed = store.clock.now()

    def __call__(self, call_id: int, event: EventLike) -> None:
        ref = call_ref(self.installation, call_id)
        stored = StoredEvent(f"{ref}-{int(event.seq)}", ref, int(event.seq), event.at, str(event.kind),
                             dict(event.data or {}), self.customer_id, self.store.caller)
        try:
            reached = self.store.record_event(stored)
        except StoreError as exc:  # not the network (that spools): rights, a broken schema
            if not self._refused:
                self._refused = True
                self.notify(REFUSED.format(exc.message), "warn")
            return
        self._say(reached)
        if reached and self.unresolved:
            self._resolve(ref)
        if reached and self.claimed and self.customer_id is not None:
            if str(event.kind) in _CLOSING:
                self.finish()
            elif self.store.clock.now() - self._renewed >= RENEW_EVERY:
                self._renew()

    def _say(self, reached: bool) -> None:
        if not reached and not self.offline:
            self.offline = True
            self.notify(OFFLINE, "info")
        elif reached and self.offline:
            self.offline = False
            self.notify(BACK, "info")

    def _resolve(self, ref: str) -> None:
        """The server is back after an offline start: name the customer on the events and claim them late."""
        try:
            customer = self.store.customer(self.unresolved)
            self.unresolved = None
            if customer is None:
                return
            self.customer_id = customer.id
            self.store.attach_events(ref, customer.id)
            if self.store.claim(customer.id) is not None:
                self.claimed = True
                self.notify(LATE_CLAIM, "info")
                return
            other = self.store.claim_of(customer.id)
            if other is not None:
                self.notify(ALSO_CALLING.format(other.caller, other.claimed_at), "warn")
        except StoreError:
            pass  # the events are stored; naming the customer on them is tried no further

    def _renew(self) -> None:
        try:
            self.store.extend_claim(self.customer_id)
            self._renewed = self.store.clock.now()
        except StoreError:
            pass  # tried again with the next event

    def resend(self, call_id: int, events: list[EventLike]) -> None:
        """Send every event of a resumed call again: those lost in a crash arrive, the rest are no-ops."""
        for event in events:
            ref = call_ref(self.installation, call_id)
            stored = StoredEvent(f"{ref}-{int(event.seq)}", ref, int(event.seq), event.at, str(event.kind),
                                 dict(event.data or {}), self.customer_id, self.store.caller)
            try:
                self.store.record_event(stored)
            except StoreError:
                return

    def finish(self, *, worked: bool = True) -> None:
        """Give up the claim: finished (the call took place) or handed back unworked."""
        if not self.claimed or self.customer_id is None:
            return
        try:
            self.store.flush_spool()
            self.store.release(self.customer_id, finished=worked)
            self.claimed = False
        except StoreUnavailable:
            pass  # the claim expires on its own; the events wait in the spool
        except StoreError:
            pass

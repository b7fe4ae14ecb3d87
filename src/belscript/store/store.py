"""The store: one object over one database, whichever engine holds it.

:func:`open_store` resolves the setting (``BELSCRIPT_DATABASE``, ``config.toml``, or
SQLite in ``BELSCRIPT_HOME``), connects, applies missing migrations and hands back a
:class:`Store` whose methods are the repository API. The work is done by one module
per concern (customers, imports, payments, promises, claims, events); this class only
holds the connection, the clock and the caller's name.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta
from decimal import Decimal

from belscript.clock import Clock, clock_from_env
from belscript.store import claims as _claims
from belscript.store import customers as _customers
from belscript.store import facts as _facts
from belscript.store import imports as _imports
from belscript.store import payments as _payments
from belscript.store import promises as _promises
from belscript.store.db import Database
from belscript.store.errors import StoreRefused
from belscript.store.events import EventWriter
from belscript.store.migrate import migrate
from belscript.store.records import (
    Claim, Customer, CustomerRecord, History, ImportReport, Invoice, InvoiceRecord, PaymentResult, Promise, StoredEvent,
    TeamEntry, iso,
)
from belscript.store.settings import Settings, load_settings
from belscript.store.spool import Spool
from belscript.worklist import CallList, CustomerFacts


def open_store(home: str | os.PathLike[str] | None = None, *, url: str | None = None, clock: Clock | None = None,
               caller: str | None = None) -> "Store":
    """Open (and migrate) the store selected by the settings; see the module docstring."""
    settings = load_settings(home, url=url)
    return Store(settings, clock=clock or clock_from_env(), caller=caller)


def offline_store(home: str | os.PathLike[str] | None = None, *, clock: Clock | None = None) -> "Store":
    """The shared store while its server cannot be reached: events go to the local spool.

    For a call started without the server (the caller agreed to call unclaimed): nothing
    is migrated or read; the first event that reaches the server again connects.
    """
    return Store(load_settings(home), clock=clock or clock_from_env(), connected=False)


class Store:
    """The repository API over one database."""

    def __init__(self, settings: Settings, *, clock: Clock, caller: str | None = None,
                 connected: bool = True) -> None:
        self.settings = settings
        self.clock = clock
        self.caller = caller or settings.caller
        self._known_callers: set[str] = set()
        #: Where this caller's last claim_next (by id) stopped: the next search starts there.
        self._last_next = 0
        self.db = Database(settings, connect=connected)
        try:
            if connected:
                migrate(self.db, now=self._now())
        except BaseException:
            self.db.close()
            raise
        spool = Spool(settings.home) if settings.engine == "postgresql" else None
        self.events = EventWriter(self.db, spool)

    def _now(self) -> str:
        return iso(self.clock.now())

    @property
    def engine(self) -> str:
        return self.settings.engine

    def close(self) -> None:
        if self.events.spool is not None:
            self.events.spool.close()
        self.db.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.settings.describe()!r})"

    # -- customers and invoices ------------------------------------------------------

    def import_records(self, customers: Iterable[CustomerRecord], invoices: Iterable[InvoiceRecord], *,
                       source: str, full: bool = False) -> ImportReport:
        """Upsert an import in one transaction; ``full`` when the file lists *all* open invoices."""
        return _imports.import_records(self.db, customers, invoices, source=source, full=full, now=self._now())

    def close_invoices(self, numbers: Iterable[str]) -> int:
        return _imports.close_invoices(self.db, numbers, now=self._now())

    def customer(self, key: int | str) -> Customer | None:
        """A customer by internal id or debtor number."""
        return _customers.get_customer(self.db, key)

    def set_customer_kind(self, customer_id: int, kind: str) -> None:
        """Mark a customer as business (``b2b``) or consumer (``b2c``)."""
        _customers.set_kind(self.db, customer_id, kind, now=self._now())

    def set_address_form(self, customer_id: int, form: str) -> None:
        """Address a customer as ``u`` or ``je`` in calls from the list and their e-mails."""
        _customers.set_form(self.db, customer_id, form, now=self._now())

    def invoice(self, number: str) -> Invoice | None:
        return _customers.get_invoice(self.db, number)

    def find_customers(self, query: str, *, limit: int = 10) -> list[Customer]:
        return _customers.find_customers(self.db, query, limit=limit)

    def find_customer(self, query: str) -> Customer:
        """Exactly one customer for ``query``, or a Dutch message saying why not."""
        found = self.find_customers(query, limit=6)
        if not found:
            raise StoreRefused(f"geen klant gevonden voor '{query}'",
                               hint="Zoek op klantnummer, factuurnummer of een deel van de naam.")
        if len(found) > 1:
            names = ", ".join(f"{c.name} ({c.number})" for c in found[:5])
            raise StoreRefused(f"'{query}' past bij meer dan één klant: {names}",
                               hint="Geef het klantnummer of een langer deel van de naam.")
        return found[0]

    def history(self, customer: Customer | int | str) -> History:
        found = customer if isinstance(customer, Customer) else self.customer(customer)
        if found is None:
            raise StoreRefused(f"klant {customer} staat niet in de database")
        return _customers.history(self.db, found)

    # -- payments, letters, promises -------------------------------------------------

    def record_payment(self, invoice: str, amount: Decimal, paid_on: date | None = None, **details: str | None
                       ) -> PaymentResult:
        """Record a payment and judge the customer's promises again (see ``check_promises``)."""
        result = _payments.record_payment(self.db, invoice, amount, paid_on or self.clock.today(),
                                          now=self._now(), **details)
        if result.customer_id is not None:
            result.promises.update(_promises.check_promises(self.db, self.clock.today(),
                                                            customer_id=result.customer_id))
        return result

    def record_letter(self, customer_id: int, kind: str, sent_on: date, *, invoice: str | None = None) -> None:
        _payments.record_letter(self.db, customer_id, kind, sent_on, caller=self.caller, invoice=invoice)

    def record_promise(self, customer_id: int, payments: Iterable[_promises.PromisedPayment], *,
                       call_ref: str | None = None, made_at: datetime | None = None) -> int:
        """Store the promise of an agreement (its ``payments``: amount and date each)."""
        return _promises.record_promise(self.db, customer_id, payments, made_at=made_at or self.clock.now(),
                                        caller=self.caller, call_ref=call_ref)

    def check_promises(self, today: date | None = None, *, customer_id: int | None = None) -> dict[int, str]:
        """Settle promises by the call list's rule; returns {promise id: new status}."""
        return _promises.check_promises(self.db, today or self.clock.today(), customer_id=customer_id)

    def worklist_facts(self, customer: Customer | int | None = None, *, calls: _facts.CallSource | None = None,
                       today: date | None = None) -> list[CustomerFacts]:
        """The call list's facts for every customer that matters today, or for one customer.

        ``calls`` is the call log (:class:`belscript.journal.Journal`); by default the
        log in this store's home is opened read-only for the duration of the call.
        See :mod:`belscript.store.facts` for what is read and how calls are matched.
        """
        cid = customer.id if isinstance(customer, Customer) else customer
        day = today or self.clock.today()
        if calls is not None:
            return _facts.customer_facts(self.db, day, calls=calls, customer_id=cid)
        from belscript.journal import Journal

        with Journal.open(self.settings.home, clock=self.clock, create=False, verify=False) as journal:
            return _facts.customer_facts(self.db, day, calls=journal, customer_id=cid)

    def first_lines(self, limit: int, *, calls: _facts.CallSource | None = None, batch: int = 25) -> CallList:
        """Today's call list up to ``limit`` entries (``left_off`` counts the rest), the same
        lines as ``worklist.build`` over every customer's facts, without reading them all
        (:mod:`belscript.store.shortlist`). ``calls`` is the call log, as for :meth:`worklist_facts`."""
        from belscript.store.shortlist import first_lines

        return first_lines(self.db, self.clock.now(), limit, calls=calls, batch=batch)

    def promises(self, customer_id: int) -> list[Promise]:
        return _customers.promises_of(self.db, customer_id)

    # -- claims ----------------------------------------------------------------------

    def caller_name(self, caller: str | None = None) -> str:
        """The caller's name, or a Dutch refusal saying how to set it (a team needs names)."""
        name = (caller or self.caller or "").strip()
        if not name:
            raise StoreRefused("er is geen naam van de beller ingesteld",
                               hint="Zet BELSCRIPT_CALLER, of caller = \"uw naam\" in config.toml.")
        return name

    def _who(self, caller: str | None) -> str:
        """The caller's name; registered in ``callers`` the first time this store sees it."""
        name = self.caller_name(caller)
        if name not in self._known_callers:
            self.db.execute("INSERT INTO callers (name, created_at) VALUES (?, ?) ON CONFLICT (name) DO NOTHING",
                            (name, self._now()))
            self._known_callers.add(name)
        return name

    def callers(self) -> list[str]:
        """Everyone who has claimed a customer in this store, by name."""
        return [r[0] for r in self.db.execute("SELECT name FROM callers ORDER BY name")]

    def claim(self, customer_id: int, caller: str | None = None, *, ttl: timedelta = _claims.DEFAULT_TTL
              ) -> Claim | None:
        return _claims.claim(self.db, customer_id, self._who(caller), now=self.clock.now(), ttl=ttl)

    def claim_next(self, caller: str | None = None, *, candidates: Sequence[int] | None = None,
                   ttl: timedelta = _claims.DEFAULT_TTL) -> Claim | None:
        taken = _claims.claim_next(self.db, self._who(caller), now=self.clock.now(), ttl=ttl, candidates=candidates,
                                   after=self._last_next)
        if taken is not None and candidates is None:
            self._last_next = taken.customer_id
        return taken

    def release(self, customer_id: int, caller: str | None = None, *, finished: bool = True) -> bool:
        return _claims.release(self.db, customer_id, self._who(caller), now=self.clock.now(), finished=finished)

    def holder(self, customer_id: int) -> str | None:
        return _claims.holder(self.db, customer_id, now=self.clock.now())

    def called_today(self) -> list[tuple[int, str, datetime]]:
        return _claims.called_since(self.db, self.clock.now().replace(hour=0, minute=0, second=0))

    def claim_of(self, customer_id: int) -> Claim | None:
        """The live claim on a customer (caller and since when), if any."""
        return _claims.current(self.db, customer_id, now=self.clock.now())

    def extend_claim(self, customer_id: int, caller: str | None = None, *,
                     ttl: timedelta = _claims.DEFAULT_TTL) -> bool:
        return _claims.extend(self.db, customer_id, self._who(caller), now=self.clock.now(), ttl=ttl)

    def team_today(self) -> list[TeamEntry]:
        """Who calls whom now and who called whom today, for the call list (see ``claims.today``)."""
        return _claims.today(self.db, now=self.clock.now())

    # -- call events -----------------------------------------------------------------

    def record_event(self, event: StoredEvent) -> bool:
        """Commit one call event; False when it waits in the local spool for the server."""
        return self.events.record(event)

    def flush_spool(self) -> int:
        return self.events.flush()

    def attach_events(self, call_ref: str, customer_id: int) -> None:
        """Name the customer on a call's events sent before it was known (a call started offline)."""
        self.db.execute("UPDATE call_events SET customer_id = ? WHERE call_ref = ? AND customer_id IS NULL",
                        (customer_id, call_ref))

    def check(self) -> list[str]:
        """The full (slow) integrity check, on request only."""
        return self.db.check()

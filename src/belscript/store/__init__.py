"""The store: customers, invoices, payments, letters, promises, callers, claims and call
events in one database, SQLite in ``BELSCRIPT_HOME`` or a shared PostgreSQL server.

Public API::

    open_store(home=None, *, url=None, clock=None, caller=None) -> Store
    offline_store(home=None, *, clock=None) -> Store   (server away at the start: events spool)
    Store.import_records(customers, invoices, *, source, full=False) -> ImportReport
    Store.close_invoices(numbers) -> int
    Store.set_customer_kind(customer_id, 'b2b' | 'b2c')
    Store.customer(id_or_number) / find_customers(query) / find_customer(query) / history(customer)
    Store.record_payment(invoice, amount, paid_on=None, **details) -> PaymentResult
    Store.record_letter(customer_id, kind, sent_on, *, invoice=None)
    Store.record_promise(customer_id, payments, *, call_ref=None, made_at=None) -> promise id
    Store.check_promises(today=None, *, customer_id=None) -> {promise id: status}   (worklist.check_promise)
    Store.worklist_facts(customer=None, *, calls=None) -> [worklist.CustomerFacts]  (store.facts)
    Store.claim(customer_id, caller=None) / claim_next(...) / release(...) / holder(...) / called_today()
    Store.claim_of(customer_id) -> Claim | None / extend_claim(customer_id) / team_today() -> [TeamEntry]
    Store.record_event(StoredEvent) -> bool / flush_spool() -> int / attach_events(call_ref, customer_id)
    Store.caller_name() -> str   (or the Dutch refusal when no caller name is set)
    redact(url) -> str     the server's name without user, password or options

Layering: above the generic modules (errors, clock, private_files), the call list's
pure rules (worklist) and the call log (journal), whose calls it reads. The domain packages never import it, and it
imports neither the terminal UI nor the command line. ``sqlite3`` and ``psycopg`` are
imported only when a database is opened.
"""

from belscript.store.errors import StoreError, StoreRefused, StoreUnavailable
from belscript.store.records import (
    Claim, ContactRecord, Customer, CustomerRecord, History, ImportReport, Instalment, Invoice, InvoiceRecord,
    Payment, PaymentResult, Promise, StoredEvent, TeamEntry,
)
from belscript.store.settings import Settings, load_settings, redact
from belscript.store.store import Store, offline_store, open_store

__all__ = [
    "Claim", "ContactRecord", "Customer", "CustomerRecord", "History", "ImportReport", "Instalment", "Invoice",
    "InvoiceRecord", "Payment", "PaymentResult", "Promise", "Settings", "Store", "StoreError", "StoreRefused",
    "StoreUnavailable", "StoredEvent", "TeamEntry", "load_settings", "offline_store", "open_store",
    "redact",
]

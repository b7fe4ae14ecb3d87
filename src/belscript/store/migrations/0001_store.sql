-- The business data: customers, invoices, payments, letters, promises, callers, claims
-- and the call events that link calls to customers. Written once for both engines:
-- {id} becomes SQLite's INTEGER PRIMARY KEY AUTOINCREMENT or PostgreSQL's identity
-- column, {bytewise_text} text compared byte by byte (for prefix searches); everything else is the SQL both understand. Money is whole cents (BIGINT),
-- dates are ISO text ('2026-11-23'), moments ISO text ('2026-11-23T10:15:00'), so
-- both engines sort and compare them the same way and no driver converts them.

CREATE TABLE callers (
    id {id},
    name TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL
);

CREATE TABLE customers (
    id {id},
    number TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    name_key {bytewise_text} NOT NULL,
    kind TEXT NOT NULL DEFAULT 'unknown' CHECK (kind IN ('b2b', 'b2c', 'unknown')),
    iban TEXT,
    address TEXT,
    email TEXT,
    phone TEXT,
    form TEXT CHECK (form IS NULL OR form IN ('je', 'u')),
    notes TEXT,
    source TEXT,
    updated_at TEXT NOT NULL
);
CREATE INDEX customers_by_name_key ON customers (name_key);
CREATE INDEX customers_by_iban ON customers (iban);

-- One row per word of a customer's name, so "bakker" finds "De Bakkerij Jansen" by
-- an index range scan instead of reading every customer.
CREATE TABLE customer_terms (
    term {bytewise_text} NOT NULL,
    customer_id BIGINT NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    PRIMARY KEY (term, customer_id)
);
CREATE INDEX customer_terms_by_customer ON customer_terms (customer_id);

CREATE TABLE contacts (
    id {id},
    customer_id BIGINT NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    role TEXT,
    email TEXT,
    phone TEXT,
    UNIQUE (customer_id, name)
);

CREATE TABLE invoices (
    id {id},
    number TEXT NOT NULL UNIQUE,
    customer_id BIGINT NOT NULL REFERENCES customers(id),
    issue_date TEXT,
    due_date TEXT,
    amount_cents BIGINT NOT NULL,
    open_cents BIGINT NOT NULL CHECK (open_cents >= 0),
    currency TEXT NOT NULL DEFAULT 'EUR',
    order_reference TEXT,
    delivered TEXT,
    source TEXT,
    imported_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX invoices_by_customer ON invoices (customer_id, due_date);
CREATE INDEX invoices_open_by_due ON invoices (open_cents, due_date);

CREATE TABLE payments (
    id {id},
    paid_on TEXT NOT NULL,
    amount_cents BIGINT NOT NULL CHECK (amount_cents > 0),
    counterparty TEXT,
    iban TEXT,
    description TEXT,
    invoice_id BIGINT REFERENCES invoices(id),
    customer_id BIGINT REFERENCES customers(id),
    source TEXT NOT NULL DEFAULT 'hand',
    recorded_at TEXT NOT NULL
);
CREATE INDEX payments_by_customer ON payments (customer_id, paid_on);
CREATE INDEX payments_by_invoice ON payments (invoice_id);

CREATE TABLE letters (
    id {id},
    customer_id BIGINT NOT NULL REFERENCES customers(id),
    invoice_id BIGINT REFERENCES invoices(id),
    kind TEXT NOT NULL,
    sent_on TEXT NOT NULL,
    caller TEXT
);
CREATE INDEX letters_by_customer ON letters (customer_id, sent_on);

CREATE TABLE promises (
    id {id},
    customer_id BIGINT NOT NULL REFERENCES customers(id),
    call_ref TEXT,
    made_at TEXT NOT NULL,
    caller TEXT,
    total_cents BIGINT NOT NULL CHECK (total_cents > 0),
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'kept', 'partly', 'broken')),
    check_on TEXT NOT NULL,
    checked_on TEXT
);
CREATE INDEX promises_by_customer ON promises (customer_id, made_at);
CREATE INDEX promises_to_check ON promises (status, check_on);

CREATE TABLE instalments (
    promise_id BIGINT NOT NULL REFERENCES promises(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    amount_cents BIGINT NOT NULL CHECK (amount_cents > 0),
    due_on TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'kept', 'partly', 'broken')),
    PRIMARY KEY (promise_id, position)
);

-- Who is phoning whom: one row per customer, taken atomically, expiring when a
-- crashed caller does not come back; finished_at marks a call that was completed.
CREATE TABLE claims (
    customer_id BIGINT PRIMARY KEY REFERENCES customers(id),
    caller TEXT NOT NULL,
    claimed_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    finished_at TEXT
);

-- The facts of calls, one row per event, idempotent by event id (a spooled event sent
-- twice is stored once). call_ref is the call's id in the call log; the call log's
-- own tables join this database in a later migration through the same connection
-- factory, so no foreign key points at them yet.
CREATE TABLE call_events (
    event_id TEXT PRIMARY KEY,
    call_ref TEXT NOT NULL,
    seq INTEGER NOT NULL,
    customer_id BIGINT REFERENCES customers(id),
    caller TEXT,
    at TEXT NOT NULL,
    kind TEXT NOT NULL,
    data TEXT NOT NULL,
    UNIQUE (call_ref, seq)
);
CREATE INDEX call_events_by_customer ON call_events (customer_id, at);

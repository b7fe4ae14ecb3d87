-- Bank entries and credit notes already booked against invoices, by a stable key, so
-- importing the same bank statement or credit note twice books nothing twice. A bank
-- entry's key is a hash of its content (date, amount, counterparty, description,
-- end-to-end id) plus its position among identical entries of the same file.
CREATE TABLE applied_entries (
    ref {bytewise_text} PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('bank', 'credit_note')),
    booked_on TEXT,
    amount_cents BIGINT NOT NULL,
    source TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);

-- The open amount the last import file said, apart from the open amount now (which
-- payments booked in belscript lower): re-reading an unchanged export must not undo
-- the payments booked since.
ALTER TABLE invoices ADD COLUMN imported_open_cents BIGINT;
UPDATE invoices SET imported_open_cents = open_cents;

"""Reading the files users already have: open items, e-invoices and bank statements.

Public API (every function raises :class:`ImportRefused`, a ``BelscriptError``, listing
every problem as ``file:row:column: message`` in Dutch; nothing is half-read):

- :func:`read_open_invoices` — CSV or Excel open-items export → :class:`InvoiceFile`
- :func:`load_mapping` — the YAML mapping file for unknown headers and the decimal sign
- :func:`read_ubl` — one UBL 2.1 Invoice or CreditNote → :class:`OpenInvoice`;
  :func:`apply_credit_notes` nets credit notes against the invoices they name
- :func:`read_camt053`, :func:`read_mt940` — bank statements → :class:`BankTransaction` list
- :func:`read_bank_statement` — either, recognised by content
- :func:`match_payments` — credits × open invoices → :class:`MatchResult`

No storage here: the caller decides what to keep. Heavy libraries (openpyxl, mt-940,
defusedxml) are imported only when a file of that kind is read.
"""

from __future__ import annotations

import os
from pathlib import Path

from belscript.imports.camt import camt053_from_bytes, read_camt053
from belscript.imports.invoices import read_open_invoices
from belscript.imports.mapping import Mapping, load_mapping, parse_mapping
from belscript.imports.matching import Match, MatchResult, match_payments
from belscript.imports.mt940 import mt940_from_text, read_mt940
from belscript.imports.problems import MAX_BYTES, ImportRefused, Problem
from belscript.imports.rawfile import decode_text, read_bytes
from belscript.imports.records import BankTransaction, Customer, InvoiceFile, OpenInvoice
from belscript.imports.ubl import apply_credit_notes, read_ubl, ubl_from_bytes

__all__ = [
    "MAX_BYTES", "BankTransaction", "Customer", "ImportRefused", "InvoiceFile", "Mapping", "Match",
    "MatchResult", "OpenInvoice", "Problem", "apply_credit_notes", "camt053_from_bytes", "load_mapping",
    "match_payments", "mt940_from_text", "parse_mapping", "read_bank_statement", "read_camt053",
    "read_mt940", "read_open_invoices", "read_ubl", "ubl_from_bytes",
]


def read_bank_statement(path: str | os.PathLike) -> list[BankTransaction]:
    """A CAMT.053 (XML) or MT940 (text) statement, recognised by its content."""
    data = read_bytes(path)
    name = str(path)
    if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        return camt053_from_bytes(data, name)
    return mt940_from_text(decode_text(data, name), name)

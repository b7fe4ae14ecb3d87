"""Matching bank credits to open invoices: a pure function, no storage.

In order of certainty:

1. an invoice number in the description or end-to-end id, tolerant of spaces, dashes
   and prefixes ("factuur 2026 001" finds F2026-001): numbers are compared by their
   digits, and when two invoices share the digits, by letters and digits;
2. else the exact open amount plus the customer's IBAN, or plus the customer's name
   (legal forms like B.V. ignored); with several such invoices, the oldest due date;
3. else, a customer recognised by IBAN or name with exactly one open invoice larger
   than the payment: a partial payment.

Everything else is returned unmatched for the user to assign. Credits are handled in
booking-date order and each invoice's remaining amount goes down as payments land, so
two instalments on one invoice come out as one partial and one completing payment.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from belscript.money import format_amount
from belscript.imports.records import BankTransaction, OpenInvoice

_JOIN = re.compile(r"\d+(?:[ \-/_.]{1,2}\d+)*")
_RUN = re.compile(r"\d+")
_NOT_ALNUM = re.compile(r"[\W_]+")  # \w is exactly str.isalnum() plus the underscore
_NOT_WORD = re.compile(r"[^\w]+")
_LEGAL = re.compile(r"\b(b\.?\s?v\.?|n\.?\s?v\.?|v\.?\s?o\.?\s?f\.?|c\.?\s?v\.?|holding|bv|vof|eenmanszaak|de heer|"
                    r"mevrouw|dhr\.?|mw\.?|mr\.?|mrs\.?|ltd\.?|gmbh)\b")


@dataclass(frozen=True, slots=True)
class Match:
    """A payment (or part of one) applied to an invoice; ``reason`` is Dutch."""

    transaction: BankTransaction
    invoice: OpenInvoice
    amount: Decimal
    remaining: Decimal
    reason: str


@dataclass(slots=True)
class MatchResult:
    matched: list[Match] = field(default_factory=list)
    partial: list[Match] = field(default_factory=list)
    unmatched: list[BankTransaction] = field(default_factory=list)
    #: Debits and reversals: shown for completeness, never matched.
    skipped: list[BankTransaction] = field(default_factory=list)


def digits_key(number: str) -> str:
    return "".join(ch for ch in number if ch.isdigit())


def alnum_key(text: str) -> str:
    """Only the letters and digits, upper case: "f 2026-001" → "F2026001"."""
    return _NOT_ALNUM.sub("", text.upper())


@lru_cache(maxsize=65536)  # a statement names the same customers over and over
def name_key(name: str | None) -> str:
    text = _LEGAL.sub(" ", (name or "").lower())
    return " ".join(_NOT_WORD.sub(" ", text).split())


def match_payments(credits: list[BankTransaction], invoices: list[OpenInvoice]) -> MatchResult:
    result = MatchResult()
    open_items = [i for i in invoices if not i.is_credit_note and i.open_amount > 0]
    remaining = {id(i): i.open_amount for i in open_items}
    by_digits: dict[str, list[OpenInvoice]] = defaultdict(list)
    by_iban: dict[str, list[OpenInvoice]] = defaultdict(list)
    by_name: dict[str, list[OpenInvoice]] = defaultdict(list)
    for inv in open_items:
        if len(key := digits_key(inv.number)) >= 3:
            by_digits[key].append(inv)
        if inv.customer.iban:
            by_iban[inv.customer.iban].append(inv)
        if key := name_key(inv.customer.name):
            by_name[key].append(inv)

    def apply(tx: BankTransaction, targets: list[OpenInvoice], why: str) -> None:
        money = tx.amount
        for n, inv in enumerate(targets):
            left = remaining[id(inv)]
            part = money if n == len(targets) - 1 else min(money, left)
            money -= part
            remaining[id(inv)] = left - part
            extra = ""
            if part > left:
                extra = f"; {format_amount(part - left)} meer betaald dan openstond"
            entry = Match(tx, inv, part, max(left - part, Decimal("0.00")), why + extra)
            (result.matched if part >= left else result.partial).append(entry)

    for tx in sorted(credits, key=lambda t: (t.booking_date is None, t.booking_date or 0)):
        if not tx.is_credit or tx.reversal or tx.currency != "EUR":
            result.skipped.append(tx)
            continue
        text = f"{tx.description} {tx.end_to_end_id or ''}"
        named = _named_invoices(text, by_digits, remaining)
        if named:
            nums = ", ".join(i.number for i in named)
            apply(tx, named, f"factuurnummer {nums} in de omschrijving")
            continue
        customer = by_iban.get(tx.counterparty_iban or "", [])
        how = "IBAN"
        if not customer:
            customer, how = _by_name(tx.counterparty_name, by_name), "naam"
        still_open = [i for i in customer if remaining[id(i)] > 0]
        exact = [i for i in still_open if remaining[id(i)] == tx.amount]
        if exact:
            exact.sort(key=lambda i: (i.due_date is None, i.due_date or 0, i.number))
            why = f"bedrag en {how} van de klant"
            if len(exact) > 1:
                why += f" (oudste van {len(exact)} facturen met dit bedrag)"
            apply(tx, exact[:1], why)
        elif len(still_open) == 1 and tx.amount < remaining[id(still_open[0])]:
            apply(tx, still_open, f"deelbetaling; klant herkend aan {how}, één openstaande factuur")
        else:
            result.unmatched.append(tx)
    return result


def _named_invoices(text: str, by_digits: dict[str, list[OpenInvoice]],
                    remaining: dict[int, Decimal]) -> list[OpenInvoice]:
    """Invoices whose number occurs in ``text``, in order of appearance, still open."""
    found: list[OpenInvoice] = []
    squeezed = None
    for m in _JOIN.finditer(text):
        runs = _RUN.findall(m.group())
        # every join of consecutive digit runs, so "2026 001 en 2026 002" finds both
        for a in range(len(runs)):
            for b in range(a + 1, len(runs) + 1):
                candidates = by_digits.get("".join(runs[a:b]), [])
                if len(candidates) > 1:
                    squeezed = alnum_key(text) if squeezed is None else squeezed
                    candidates = [c for c in candidates if alnum_key(c.number) in squeezed]
                for inv in candidates[:1]:
                    if inv not in found and remaining[id(inv)] > 0:
                        found.append(inv)
    return found


def _by_name(name: str | None, by_name: dict[str, list[OpenInvoice]]) -> list[OpenInvoice]:
    key = name_key(name)
    if not key:
        return []
    if key in by_name:
        return by_name[key]
    hits = [k for k in by_name if len(k) >= 5 and (k in key or key in k)]
    return by_name[hits[0]] if len(hits) == 1 else []

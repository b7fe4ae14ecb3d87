"""Bank statements in ISO 20022 CAMT.053 (camt.053.001.02 and later versions).

Every booked entry (``Ntry``) becomes one :class:`BankTransaction`; a batch entry
with several transaction details (``TxDtls`` with their own amounts) becomes one per
detail. The counterparty is the debtor of a credit and the creditor of a debit
(``Dbtr/Nm`` up to version 7, ``Dbtr/Pty/Nm`` from version 8). Entries that are only
pending (``Sts`` PDNG/INFO) are left out: they are not money on the account yet.
Written on the standard library (through defusedxml): no maintained Python library
covers the versions Dutch banks send without pulling in much more than we need.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from decimal import Decimal, InvalidOperation
from pathlib import Path
from xml.etree.ElementTree import Element

from belscript.imports import values
from belscript.imports.problems import ImportRefused, Problem, refuse
from belscript.imports.rawfile import read_bytes
from belscript.imports.records import BankTransaction
from belscript.imports.xmlsafe import find_path, iter_xml, local, namespace

_NS = re.compile(r"^urn:iso:std:iso:20022:tech:xsd:camt\.053\.001\.(\d{2})$")


def read_camt053(path: str | os.PathLike) -> list[BankTransaction]:
    return camt053_from_bytes(read_bytes(path), str(path))


def camt053_from_bytes(data: bytes, name: str) -> list[BankTransaction]:
    elements = iter_xml(data, name)
    root = next(elements)
    m = _NS.match(namespace(root))
    if not m or local(root) != "Document":
        raise refuse(name, "dit is geen CAMT.053-bankafschrift (verwacht camt.053.001.02 of later)")
    if int(m.group(1)) < 2:
        raise refuse(name, f"CAMT.053-versie 001.{m.group(1)} wordt niet ondersteund (vanaf 001.02)")
    ns = "{" + namespace(root) + "}"
    reader = _Reader(name, ns)
    out: list[BankTransaction] = []
    stmt_tag, entry_tag = f"{ns}Stmt", f"{ns}Ntry"
    # Read statement by statement as each is completed, then drop it, so a file of a
    # year's daily statements never sits in memory as one tree.
    stmt_no = 0
    for element in elements:
        if element.tag == stmt_tag:
            stmt_no += 1
            for entry_no, entry in enumerate(element.findall(entry_tag), start=1):
                out.extend(reader.entry(entry, f"afschrift {stmt_no}, post {entry_no}"))
            element.clear()
    if reader.problems:
        raise ImportRefused(reader.problems)
    return out


class _Reader:
    def __init__(self, name: str, ns: str) -> None:
        self.name, self.ns = name, ns
        self.paths: dict[str, tuple[str, ...]] = {}
        self.problems: list[Problem] = []

    def find(self, base: Element, path: str) -> Element | None:
        """``base.find(path)`` in this file's namespace (see :func:`find_path`)."""
        tags = self.paths.get(path)
        if tags is None:
            tags = self.paths[path] = tuple(self.ns + p for p in path.split("/"))
        return find_path(base, tags)

    def text(self, base: Element | None, path: str) -> str | None:
        """The element's text with its white space folded, or None when empty or absent."""
        if base is None:
            return None
        tags = self.paths.get(path)
        node = find_path(base, tags) if tags is not None else self.find(base, path)
        words = None if node is None or node.text is None else node.text.split()
        return " ".join(words)[:500] if words else None

    def entry(self, entry: Element, where: str) -> list[BankTransaction]:
        status = (self.text(entry, "Sts") or self.text(entry, "Sts/Cd") or "BOOK").upper()
        if status != "BOOK":
            return []
        direction = self.text(entry, "CdtDbtInd")
        if direction not in ("CRDT", "DBIT"):
            self.problems.append(Problem(self.name, None, where, "CdtDbtInd moet CRDT of DBIT zijn"))
            return []
        amount, currency = self.amount(entry, where)
        booked = self.date(entry, "BookgDt", where) or self.date(entry, "ValDt", where)
        reversal = (self.text(entry, "RvslInd") or "").lower() == "true"
        details = [tx for box in entry.findall(f"{self.ns}NtryDtls") for tx in box.findall(f"{self.ns}TxDtls")]
        if amount is None:
            return []
        base = dict(is_credit=direction == "CRDT", currency=currency, booking_date=booked, reversal=reversal)
        extra = self.text(entry, "AddtlNtryInf") or ""
        if len(details) <= 1:
            return [self.transaction(details[0] if details else None, amount, extra, base, where)]
        out = []
        for i, tx in enumerate(details, start=1):
            own = self.find(tx, "AmtDtls/TxAmt/Amt")  # version 02 puts it here, later ones at Amt
            if own is None:  # (an element without children is false: test for None)
                own = self.find(tx, "Amt")
            tx_amount = self.decimal(own, f"{where}, detail {i}") if own is not None else None
            if tx_amount is None:
                return [self.transaction(None, amount, extra, base, where)]
            out.append(self.transaction(tx, tx_amount, extra, base, f"{where}, detail {i}"))
        return out

    def transaction(self, tx: Element | None, amount: Decimal, extra: str, base: dict,
                    where: str) -> BankTransaction:
        credit = base["is_credit"]
        party, account = ("Dbtr", "DbtrAcct") if credit else ("Cdtr", "CdtrAcct")
        name = iban = None
        remittance = [extra] if extra else []
        e2e = None
        if tx is not None:
            name = self.text(tx, f"RltdPties/{party}/Nm") or self.text(tx, f"RltdPties/{party}/Pty/Nm")
            iban = self.text(tx, f"RltdPties/{account}/Id/IBAN")
            rmt = self.find(tx, "RmtInf")
            if rmt is not None:
                ustrd = [" ".join(n.text.split()) for n in rmt.findall(f"{self.ns}Ustrd") if n.text]
                refs = [" ".join(n.text.split()) for n in rmt.iter(f"{self.ns}Ref") if n.text]
                remittance = ustrd + refs + remittance
            e2e = self.text(tx, "Refs/EndToEndId")
            if e2e and e2e.upper() == "NOTPROVIDED":
                e2e = None
        if iban:
            try:
                iban = values.clean_iban(iban)
            except values.CellError:
                iban = iban.replace(" ", "").upper()
        return BankTransaction(amount=amount, counterparty_name=name, counterparty_iban=iban,
                               description=" ".join(remittance)[:1000], end_to_end_id=e2e,
                               source=f"{self.name}: {where}", **base)

    def amount(self, entry: Element, where: str) -> tuple[Decimal | None, str]:
        node = self.find(entry, "Amt")
        if node is None:
            self.problems.append(Problem(self.name, None, where, "het bedrag (Amt) ontbreekt"))
            return None, ""
        currency = (node.get("Ccy") or "").upper()
        if currency != "EUR":
            self.problems.append(Problem(self.name, None, where,
                                         f"bedrag in {currency or 'onbekende valuta'}; belscript werkt alleen met euro's"))
            return None, currency
        return self.decimal(node, where), currency

    def decimal(self, node: Element, where: str) -> Decimal | None:
        raw = (node.text or "").strip()
        try:
            value = values.number_amount(Decimal(raw))
        except (InvalidOperation, values.CellError):
            self.problems.append(Problem(self.name, None, where, f"'{raw}' is geen bedrag"))
            return None
        if value < 0:
            self.problems.append(Problem(self.name, None, where, f"negatief bedrag '{raw}'; de richting staat in CdtDbtInd"))
            return None
        return value

    def date(self, entry: Element, path: str, where: str) -> dt.date | None:
        raw = self.text(entry, f"{path}/Dt") or self.text(entry, f"{path}/DtTm")
        if raw is None:
            return None
        try:
            return dt.date.fromisoformat(raw[:10])
        except ValueError:
            self.problems.append(Problem(self.name, None, where, f"'{raw}' is geen datum"))
            return None

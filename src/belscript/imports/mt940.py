"""Bank statements in MT940, as ING, Rabobank and ABN AMRO export them.

The ``:61:`` lines (amount, direction, date) are parsed by the maintained ``mt-940``
library; the Dutch banks' structured ``:86:`` text (``/TRTP/…/IBAN/…/NAME/…/REMI/…``,
``/CNTP/iban/bic/name/city/``, ``/EREF/``) is read here, because the library only knows
the German ``?20`` sub-fields. Older unstructured ``:86:`` text is kept whole as the
description.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from belscript.imports import values
from belscript.imports.problems import ImportRefused, Problem, refuse
from belscript.imports.rawfile import decode_text, read_bytes
from belscript.imports.records import BankTransaction

_KEYS = ("TRTP", "IBAN", "BIC", "NAME", "REMI", "EREF", "CNTP", "MARF", "CSID", "ORDP", "BENM", "ID",
         "ADDR", "PREF", "RTRN", "ISDT", "SVCL", "PURP", "ULTC", "ULTD", "ULTB", "FX", "OAMT", "TRCD")
_KEY = re.compile(r"/(" + "|".join(_KEYS) + r")/")
_REMI_PREFIX = re.compile(r"^(?:USTD//?|STRD/CUR/|STRD/ISO/)")
_IBAN = re.compile(r"[A-Z]{2}\d{2}[A-Z0-9]{10,30}")


def read_mt940(path: str | os.PathLike) -> list[BankTransaction]:
    name = str(path)
    return mt940_from_text(decode_text(read_bytes(path), name), name)


def mt940_from_text(text: str, name: str) -> list[BankTransaction]:
    import mt940 as library

    if ":61:" not in text or not re.search(r"^:(?:20|25):", text, re.M):
        raise refuse(name, "dit is geen MT940-bankafschrift (geen :20:/:25:- en :61:-regels)")
    try:
        statement = library.models.Transactions()
        statement.parse(text)
    except Exception as exc:  # the library raises many kinds on malformed input
        raise refuse(name, f"het MT940-bestand kan niet gelezen worden ({type(exc).__name__})") from None
    out: list[BankTransaction] = []
    problems: list[Problem] = []
    for number, item in enumerate(statement, start=1):
        data = item.data
        where = f"post {number}"
        amount = data.get("amount")
        if amount is None:
            problems.append(Problem(name, None, where, "het bedrag ontbreekt"))
            continue
        currency = str(getattr(amount, "currency", None) or data.get("currency") or "").upper()
        if currency and currency != "EUR":
            problems.append(Problem(name, None, where, f"bedrag in {currency}; belscript werkt alleen met euro's"))
            continue
        value = values.number_amount(amount.amount)
        details = data.get("transaction_details") or ""
        fields = structured(details)
        iban = fields.get("IBAN") or _iban_from_extra(data.get("extra_details"))
        if iban:
            try:
                iban = values.clean_iban(iban)
            except values.CellError:
                iban = None
        description = fields.get("REMI") or (" ".join(details.split()) if not fields else "")
        booked = data.get("entry_date") or data.get("date")
        out.append(BankTransaction(
            amount=abs(value), is_credit=value > 0 and str(data.get("status", "C")).upper() in ("C", "RD"),
            currency="EUR", booking_date=booked if booked is None else _as_date(booked),
            counterparty_name=fields.get("NAME"), counterparty_iban=iban,
            description=description[:1000], end_to_end_id=_e2e(fields.get("EREF")),
            reversal=str(data.get("status", "")).upper().startswith("R"), source=f"{name}: {where}",
        ))
    if problems:
        raise ImportRefused(problems)
    return out


def structured(details: str) -> dict[str, str]:
    """Split Dutch structured :86: text into its fields (NAME, IBAN, REMI, EREF, …)."""
    text = "".join(details.splitlines())
    marks = list(_KEY.finditer(text))
    if not marks or marks[0].start() > 2:
        return {}
    fields: dict[str, str] = {}
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(text)
        value = text[m.end():end].strip("/ ")
        key = m.group(1)
        if key == "CNTP":  # iban/bic/name/city
            parts = text[m.end():end].split("/")
            if parts and parts[0]:
                fields.setdefault("IBAN", parts[0].strip())
            if len(parts) > 2 and parts[2].strip():
                fields.setdefault("NAME", parts[2].strip())
            continue
        if key == "REMI":  # ING/Rabo: USTD//text or STRD/CUR/ref
            value = _REMI_PREFIX.sub("", value)
        if key in ("BENM", "ORDP") or not value:
            continue
        fields.setdefault(key, " ".join(value.split()))
    return fields


def _iban_from_extra(extra: object) -> str | None:
    text = str(extra or "").strip()
    return text if _IBAN.fullmatch(text) else None


def _e2e(value: str | None) -> str | None:
    return None if not value or value.upper() in ("NOTPROVIDED", "NONREF") else value


def _as_date(value: object):
    import datetime as dt

    return dt.date(value.year, value.month, value.day)  # the library's Date subclass → plain date

"""Open invoices ("openstaande posten") from a CSV or Excel export.

The header row is found among the first rows (exports often start with a title), the
columns are recognised by name (:mod:`headers`, plus a mapping file), the decimal sign
is decided from all amount cells together (:func:`values.decimal_style`), and every
row is checked. Any problem refuses the whole file: the caller imports nothing.
"""

from __future__ import annotations

import datetime as dt
import os
from decimal import Decimal
from pathlib import Path

from belscript.imports import values
from belscript.imports.headers import assign, normalise, score
from belscript.imports.mapping import Mapping
from belscript.imports.problems import ImportRefused, Problem, refuse
from belscript.imports.rawfile import decode_text, read_bytes
from belscript.imports.records import Customer, InvoiceFile, OpenInvoice
from belscript.imports.table import Table, read_csv, read_xlsx

HEADER_SEARCH_ROWS = 20
AMOUNT_FIELDS = ("openstaand", "bedrag", "betaald")
_DECIMAL_HINT = ("Zet in een koppelbestand 'decimaalteken: komma' (1.000 is duizend) of "
                 "'decimaalteken: punt' (1.000 is één) en geef het mee met --koppeling.")


def read_open_invoices(path: str | os.PathLike, mapping: Mapping | None = None) -> InvoiceFile:
    """Read an open-items export; raise :class:`ImportRefused` listing every problem."""
    name = str(path)
    data = read_bytes(path)
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise refuse(name, "dit is het oude Excel-formaat (.xls); sla het op als .xlsx of als CSV")
    if data.startswith(b"PK\x03\x04") or Path(name).suffix.lower() in (".xlsx", ".xlsm"):
        table = read_xlsx(data, name)
    else:
        table = read_csv(decode_text(data, name), name)
    return invoices_from_table(table, name, mapping or Mapping())


def invoices_from_table(table: Table, name: str, mapping: Mapping) -> InvoiceFile:
    if not table.rows:
        raise refuse(name, "het bestand is leeg")
    candidates = table.rows[:HEADER_SEARCH_ROWS]
    header_at = max(range(len(candidates)), key=lambda i: score(candidates[i], mapping.columns))
    headers = table.rows[header_at]
    fields, notes = assign(headers, mapping.columns)
    missing = [f for f in ("factuurnummer",) if f not in fields]
    if "klant" not in fields and "klantnummer" not in fields:
        missing.append("klant")
    if not any(f in fields for f in ("openstaand", "bedrag")):
        missing.append("openstaand (of bedrag)")
    if missing:
        shown = ", ".join(f"'{h}'" for h in headers if h not in (None, "")) or "(geen)"
        raise refuse(name, f"geen kolom gevonden voor {', '.join(missing)}; kolomkoppen: {shown}",
                     row=table.numbers[header_at],
                     hint="Noem in een koppelbestand welke kolom wat is, bijvoorbeeld:\n"
                          "kolommen:\n  Ons kenmerk: factuurnummer\n  Te voldoen: openstaand")
    reader = _RowReader(table, name, fields, headers)
    body = range(header_at + 1, len(table.rows))
    cells = {i: reader.values(i) for i in body}
    style, problems = reader.decide_style(cells, mapping.decimal)
    invoices: list[OpenInvoice] = []
    seen: dict[str, tuple[int, OpenInvoice]] = {}
    paid = 0
    for i in body:
        invoice = reader.row(i, cells[i], style)
        if invoice is None:
            continue
        if invoice.open_amount == 0:
            paid += 1
            continue
        key = "".join(invoice.number.split()).upper()
        if key in seen:
            first_row, first = seen[key]
            if first.open_amount != invoice.open_amount or first.customer.name != invoice.customer.name:
                reader.problem(i, "factuurnummer",
                               f"factuurnummer {invoice.number} staat ook op regel {first_row} "
                               f"met een ander bedrag of een andere klant")
            else:
                notes.append(f"regel {table.numbers[i]} herhaalt factuur {invoice.number} en is overgeslagen")
            continue
        seen[key] = (table.numbers[i], invoice)
        invoices.append(invoice)
    problems += reader.problems
    if problems:
        problems.sort(key=lambda p: (p.row or 0))
        hint = _DECIMAL_HINT if any(p.question for p in problems) else None
        raise ImportRefused(problems, hint=hint)
    if not invoices:
        raise refuse(name, "geen openstaande facturen gevonden onder de kolomkoppen")
    if paid:
        notes.append(f"{paid} regel(s) met openstaand bedrag 0 overgeslagen")
    return InvoiceFile(invoices, notes)


class _RowReader:
    """Reads the cells of one row into an :class:`OpenInvoice`, collecting problems."""

    def __init__(self, table: Table, name: str, fields: dict[str, int], headers: list[object]) -> None:
        self.table, self.name, self.fields, self.headers = table, name, fields, headers
        self.columns = list(fields.items())
        self.problems: list[Problem] = []

    def problem(self, i: int, field: str, message: str, question: bool = False) -> None:
        index = self.fields[field]
        self.problems.append(Problem(self.name, self.table.numbers[i], self.table.column_label(index),
                                     f"{message} (kolom '{self.headers[index]}')", question))

    def values(self, i: int) -> dict[str, object]:
        """The row's cells by field, once per row: text stripped, empty cells left out."""
        row = self.table.rows[i]
        width = len(row)
        out: dict[str, object] = {}
        for field, index in self.columns:
            if index < width:
                value = row[index]
                if isinstance(value, str):
                    value = value.strip()
                    if value:
                        out[field] = value
                elif value is not None:
                    out[field] = value
        return out

    @staticmethod
    def as_text(value: object) -> str | None:
        if value is None:
            return None
        if type(value) is str:
            return value[:500]
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        if isinstance(value, dt.datetime):
            return value.date().isoformat()
        return str(value)[:500]

    def decide_style(self, rows: dict[int, dict[str, object]], told: str | None) -> tuple[str | None, list[Problem]]:
        cells = [(i, f, c) for i, row in rows.items() for f in AMOUNT_FIELDS if isinstance(c := row.get(f), str)]
        if told:
            return told, []
        style, seen = values.decimal_style([c for _, _, c in cells])
        if len(seen) > 1:
            votes = [values.evidence(c) for _, _, c in cells]
            style = max(seen, key=votes.count)
        elif style is None:
            for i, f, c in cells:
                if values.evidence(c) is None and ("," in c or "." in c):
                    self.problem(i, f, f"is '{c}' duizend of één? Geen andere regel laat het decimaalteken zien",
                                 question=True)
        return style, []

    def amount(self, i: int, cells: dict[str, object], field: str, style: str | None) -> Decimal | None:
        value = cells.get(field)
        if value is None:
            return None
        try:
            if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
                return values.number_amount(value)
            text = str(value)
            if style is None and values.evidence(text) is None and ("," in text or "." in text):
                return None  # already asked as a question
            currency = values.amount_currency(text)
            if currency and currency != "EUR":
                self.problem(i, field, f"bedrag in {currency}; belscript werkt alleen met euro's")
                return None
            return values.parse_amount(text, style)
        except values.CellError as exc:
            self.problem(i, field, str(exc))
            return None

    def date(self, i: int, cells: dict[str, object], field: str) -> dt.date | None:
        value = cells.get(field)
        if value is None:
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        try:
            return values.parse_date(self.as_text(value) or "")
        except values.CellError as exc:
            self.problem(i, field, str(exc))
            return None

    def checked(self, i: int, cells: dict[str, object], field: str, check) -> str | None:
        text = self.as_text(cells.get(field))
        if text is None:
            return None
        try:
            return check(text)
        except values.CellError as exc:
            self.problem(i, field, str(exc))
            return None

    def row(self, i: int, cells: dict[str, object], style: str | None) -> OpenInvoice | None:
        before = len(self.problems)
        text = self.as_text
        number = text(cells.get("factuurnummer"))
        if number is None:
            self.problem(i, "factuurnummer", "het factuurnummer ontbreekt")
        customer_name = text(cells.get("klant")) or text(cells.get("klantnummer"))
        if customer_name is None:
            self.problem(i, "klant" if "klant" in self.fields else "klantnummer", "de klant ontbreekt")
        open_amount = self.amount(i, cells, "openstaand", style)
        total = self.amount(i, cells, "bedrag", style)
        paid = self.amount(i, cells, "betaald", style)
        if open_amount is None and "openstaand" not in self.fields and total is not None:
            open_amount = total - (paid or 0)
        if open_amount is None and len(self.problems) == before:
            self.problem(i, "openstaand" if "openstaand" in self.fields else "bedrag", "het bedrag ontbreekt")
        currency = self.checked(i, cells, "valuta", values.clean_currency) or "EUR"
        if currency != "EUR":
            self.problem(i, "valuta", f"valuta {currency}; belscript werkt alleen met euro's")
        kind = normalise(soort) if (soort := text(cells.get("soort"))) else ""
        credit = "credit" in kind
        if credit and open_amount is not None and open_amount > 0:
            open_amount, total = -open_amount, (-abs(total) if total is not None else None)
        elif open_amount is not None and open_amount < 0 and not credit:
            self.problem(i, "openstaand" if "openstaand" in self.fields else "bedrag",
                         "negatief bedrag, maar de regel is niet als creditnota gemarkeerd")
        invoice_date, due_date = self.date(i, cells, "factuurdatum"), self.date(i, cells, "vervaldatum")
        if invoice_date and due_date and due_date < invoice_date:
            self.problem(i, "vervaldatum", "de vervaldatum ligt vóór de factuurdatum")
        customer = Customer(
            name=customer_name or "",
            number=text(cells.get("klantnummer")),
            contact=text(cells.get("contactpersoon")),
            email=self.checked(i, cells, "email", values.clean_email),
            phone=self.checked(i, cells, "telefoon", values.clean_phone),
            iban=self.checked(i, cells, "iban", values.clean_iban),
            kvk=text(cells.get("kvk")),
            vat_id=text(cells.get("btwnummer")),
            form=self.checked(i, cells, "aanspreekvorm", values.clean_form),
        )
        if len(self.problems) > before or number is None or open_amount is None:
            return None
        return OpenInvoice(
            number=number, customer=customer, open_amount=open_amount, total_amount=total, currency=currency,
            invoice_date=invoice_date, due_date=due_date, order_reference=text(cells.get("orderreferentie")),
            description=text(cells.get("omschrijving")), is_credit_note=credit,
            source=f"{self.name}:{self.table.numbers[i]}",
        )

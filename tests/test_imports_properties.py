"""Whatever is in a file, every reader gives records or a clear BelscriptError — never
another exception (which would reach the user as a traceback)."""

from __future__ import annotations

import io
from pathlib import Path
from xml.sax.saxutils import escape

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from belscript.errors import BelscriptError
from belscript.imports import camt053_from_bytes, mt940_from_text, read_open_invoices, ubl_from_bytes
from belscript.imports.invoices import invoices_from_table
from belscript.imports.mapping import Mapping
from belscript.imports.table import read_xlsx

BANK = Path(__file__).parent / "fixtures" / "imports" / "bank"
UBL = Path(__file__).parent / "fixtures" / "imports" / "ubl"
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
cell = st.text(st.characters(blacklist_categories=("Cs",)), max_size=25)


def outcome(read) -> None:
    try:
        read()
    except BelscriptError:
        pass


@SETTINGS
@given(cells=st.lists(st.tuples(cell, cell, cell, cell, cell), min_size=1, max_size=4),
       delimiter=st.sampled_from([";", ",", "\t"]))
def test_random_csv_cells_give_records_or_a_clear_error(tmp_path, cells, delimiter):
    """Random text in every column of an open-items CSV is read or refused in Dutch."""
    header = delimiter.join(["Factuurnummer", "Klant", "Openstaand", "Vervaldatum", "IBAN"])
    lines = [header] + [delimiter.join(c.replace("\n", " ") for c in row) for row in cells]
    path = tmp_path / "export.csv"
    path.write_text("\n".join(lines), encoding="utf-8")
    outcome(lambda: read_open_invoices(path))


@SETTINGS
@given(data=st.binary(max_size=400))
def test_random_bytes_as_csv_give_records_or_a_clear_error(tmp_path, data):
    """Arbitrary bytes named .csv never raise anything but a BelscriptError."""
    path = tmp_path / "export.csv"
    path.write_bytes(data)
    outcome(lambda: read_open_invoices(path))


@settings(max_examples=20, deadline=None)
@given(values=st.lists(st.one_of(cell, st.integers(-10**15, 10**15), st.floats(allow_nan=True), st.none()),
                       min_size=4, max_size=4))
def test_random_excel_cells_give_records_or_a_clear_error(values):
    """Random numbers, floats (even NaN) and text in an Excel sheet are read or refused."""
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["Factuurnummer", "Klant", "Saldo", "Vervaldatum"])
    book.active.append([v.replace("\x00", "") if isinstance(v, str) else v for v in values]
                       if not any(isinstance(v, str) and any(c < " " for c in v) for v in values) else [])
    buffer = io.BytesIO()
    book.save(buffer)
    outcome(lambda: invoices_from_table(read_xlsx(buffer.getvalue(), "x.xlsx"), "x.xlsx", Mapping()))


def _fill(template: str, texts: list[str]) -> bytes:
    for i, text in enumerate(texts):
        template = template.replace(f"@{i}@", escape(text))
    return template.encode("utf-8")


CAMT = (BANK / "camt053-001.02-voorbeeld.xml").read_text(encoding="utf-8")
CAMT = (CAMT.replace(">1250.50<", ">@0@<").replace(">CRDT<", ">@1@<", 1).replace(">2026-03-02<", ">@2@<", 1)
        .replace(">Bakkerij De Korenschoof BV<", ">@3@<").replace(">NL91ABNA0417164300<", ">@4@<"))
UBL_TEXT = (UBL / "peppol-base-example.xml").read_text(encoding="utf-8")
UBL_TEXT = (UBL_TEXT.replace(">Snippet1<", ">@0@<", 1).replace(">1656.25</cbc:PayableAmount>", ">@1@</cbc:PayableAmount>")
            .replace(">2017-12-01<", ">@2@<", 1).replace(">BuyerTradingName AS<", ">@3@<").replace(">lj@buyer.se<", ">@4@<"))
xml_text = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=30)


@SETTINGS
@given(texts=st.lists(xml_text, min_size=5, max_size=5))
def test_random_camt_fields_give_records_or_a_clear_error(texts):
    """Random amount, direction, date, name and IBAN in a CAMT.053 entry are read or refused."""
    outcome(lambda: camt053_from_bytes(_fill(CAMT, texts), "afschrift.xml"))


@SETTINGS
@given(texts=st.lists(xml_text, min_size=5, max_size=5))
def test_random_ubl_fields_give_records_or_a_clear_error(texts):
    """Random number, amount, date, customer and e-mail in a UBL invoice are read or refused."""
    outcome(lambda: ubl_from_bytes(_fill(UBL_TEXT, texts), "factuur.xml"))


@SETTINGS
@given(data=st.binary(max_size=400))
def test_random_bytes_as_xml_give_a_clear_error(data):
    """Arbitrary bytes as CAMT or UBL never raise anything but a BelscriptError."""
    outcome(lambda: camt053_from_bytes(data, "x.xml"))
    outcome(lambda: ubl_from_bytes(data, "x.xml"))


MT940 = (BANK / "mt940-ing-sepa-voorbeeld.sta").read_text(encoding="utf-8")


@SETTINGS
@given(amount=st.text("0123456789,.-CD", max_size=12), details=st.text(max_size=60))
def test_random_mt940_fields_give_records_or_a_clear_error(amount, details):
    """A random amount and :86: text in an MT940 statement are read or refused."""
    text = MT940.replace("C1250,50", amount, 1).replace("/REMI/USTD//Factuur 2026-0041/", details)
    outcome(lambda: mt940_from_text(text, "afschrift.sta"))

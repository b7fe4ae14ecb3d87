"""Open-items exports from CSV and Excel: recognised columns, Dutch numbers and dates,
and every bad row refused with its place in the file."""

from __future__ import annotations

import datetime as dt
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest

from belscript.imports import ImportRefused, parse_mapping, read_open_invoices

FIXTURES = Path(__file__).parent / "fixtures" / "imports"
PACKAGES = ["moneybird.csv", "e-boekhouden.csv", "exact-online.xlsx", "snelstart.csv", "twinfield.csv", "jortt.csv"]


def write(tmp_path: Path, text: str, name: str = "export.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def refused(path: Path, **kwargs) -> ImportRefused:
    with pytest.raises(ImportRefused) as info:
        read_open_invoices(path, **kwargs)
    return info.value


@pytest.mark.parametrize("name", PACKAGES)
def test_each_accounting_package_export_is_read(name):
    """The sample export of every common Dutch package gives the Korenschoof and Jansen invoices."""
    invoices = read_open_invoices(FIXTURES / name).invoices
    assert invoices[0].customer.name == "Bakkerij De Korenschoof B.V."
    assert invoices[0].open_amount == Decimal("1250.50")
    jansen = invoices[1]
    assert jansen.customer.name == "Jansen Installatietechniek"
    assert jansen.open_amount == Decimal("305.00")


def test_dutch_dates_and_the_header_below_a_title_are_found():
    """An Excel export with a title above the columns still gives dates and the IBAN."""
    first = read_open_invoices(FIXTURES / "exact-online.xlsx").invoices[0]
    assert first.invoice_date == dt.date(2026, 2, 3) and first.due_date == dt.date(2026, 3, 5)
    assert first.customer.iban == "NL91ABNA0417164300" and first.customer.number == "1001"
    assert first.source.endswith("exact-online.xlsx:4")


def test_windows_1252_and_utf8_bom_files_read_the_same():
    """Accented names survive both encodings Dutch packages write."""
    assert read_open_invoices(FIXTURES / "snelstart.csv").invoices[2].customer.name == "Café Het Hoekje"
    assert read_open_invoices(FIXTURES / "e-boekhouden.csv").invoices[2].customer.name == "Café Het Hoekje"


def test_impossible_date_is_reported_with_file_row_and_column(tmp_path):
    """31-02-2026 is refused as export.csv:3:3 with a Dutch message, and nothing is returned."""
    path = write(tmp_path, "Factuurnummer;Klant;Vervaldatum;Openstaand\nA1;X;01-03-2026;10,00\nA2;Y;31-02-2026;12,50\n")
    error = refused(path)
    assert [p.format() for p in error.problems] == [
        f"{path}:3:3: fout: '31-02-2026' bestaat niet als datum (kolom 'Vervaldatum')"]


def test_one_thousand_is_decided_by_the_other_rows(tmp_path):
    """'1.000' is a thousand when another row shows the decimal comma."""
    path = write(tmp_path, "factuur nr;klant;saldo\nA1;X;1.000\nA2;Y;12,50\n")
    assert [i.open_amount for i in read_open_invoices(path).invoices] == [Decimal("1000.00"), Decimal("12.50")]


def test_one_thousand_without_evidence_is_asked_not_guessed(tmp_path):
    """With only '1.000' in the file, the user is asked which decimal sign it uses."""
    path = write(tmp_path, "factuur nr;klant;saldo\nA1;X;1.000\nA2;Y;250\n")
    error = refused(path)
    assert error.questions and "duizend of één" in error.questions[0].message
    assert "decimaalteken" in error.hint
    answered = read_open_invoices(path, mapping=parse_mapping({"decimaalteken": "punt"}))
    assert answered.invoices[0].open_amount == Decimal("1.00")


def test_unknown_headers_are_named_through_a_mapping_file(tmp_path):
    """A header belscript does not know is refused with a hint, and accepted once mapped."""
    path = write(tmp_path, "Ons kenmerk;Klant;Te voldoen\nK-1;X;10,00\n")
    error = refused(path)
    assert "factuurnummer" in error.message and "koppelbestand" in error.hint
    mapping = parse_mapping({"kolommen": {"Ons kenmerk": "factuurnummer", "Te voldoen": "openstaand"}})
    assert read_open_invoices(path, mapping=mapping).invoices[0].number == "K-1"


def test_mapping_file_with_an_unknown_field_is_refused():
    """A typo in the mapping file names the allowed fields."""
    with pytest.raises(ImportRefused) as info:
        parse_mapping({"kolommen": {"Ons kenmerk": "factuurnumer"}})
    assert "geen veld" in info.value.message


def test_duplicate_invoice_with_another_amount_refuses_the_file(tmp_path):
    """The same invoice number twice with different amounts is an error; an exact repeat is noted."""
    path = write(tmp_path, "factuurnummer,klant,openstaand\nA1,X,10.00\nA1,X,12.00\n")
    assert "staat ook op regel 2" in refused(path).message
    same = write(tmp_path, "factuurnummer,klant,openstaand\nA1,X,10.00\nA1,X,10.00\n", "same.csv")
    result = read_open_invoices(same)
    assert len(result.invoices) == 1 and "herhaalt" in result.notes[0]


def test_other_currency_is_refused(tmp_path):
    """An amount in dollars, or a USD currency column, is refused: belscript works in euros."""
    assert "euro" in refused(write(tmp_path, "factuurnummer,klant,openstaand\nA1,X,$ 10.00\n")).message
    path = write(tmp_path, "factuurnummer;klant;openstaand;valuta\nA1;X;10,00;USD\n", "usd.csv")
    assert "valuta USD" in refused(path).message


def test_negative_amount_needs_a_credit_note_mark(tmp_path):
    """A negative amount is refused unless the row is marked as a credit note."""
    assert "creditnota" in refused(write(tmp_path, "factuurnummer;klant;openstaand\nA1;X;-10,00\n")).message
    path = write(tmp_path, "factuurnummer;klant;openstaand;soort\nC1;X;10,00;Creditnota\n", "credit.csv")
    credit = read_open_invoices(path).invoices[0]
    assert credit.is_credit_note and credit.open_amount == Decimal("-10.00")


@pytest.mark.parametrize("content, expected", [
    (b"\x00\x01\x02binary\x00" * 50, "binaire gegevens"),
    (b"factuurnummer;klant;openstaand\nA1;X\x81Y;10,00\n", "tekencodering"),
    (b"", "leeg"),
])
def test_unreadable_files_get_a_clear_message(tmp_path, content, expected):
    """Binary data, an unknown encoding and an empty file are refused in Dutch."""
    path = tmp_path / "export.csv"
    path.write_bytes(content)
    assert expected in refused(path).message


def test_a_hundred_megabyte_file_is_refused_before_reading(tmp_path):
    """A file over the size limit is refused by its size, without reading it."""
    path = tmp_path / "groot.csv"
    with open(path, "wb") as handle:
        handle.truncate(100 * 1024 * 1024)
    assert "te groot" in refused(path).message


def test_xlsx_zip_bomb_is_refused_before_unpacking(tmp_path):
    """An .xlsx that unpacks to hundreds of megabytes is refused without opening it."""
    path = tmp_path / "bom.xlsx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
            block = b"\0" * (1024 * 1024)
            for _ in range(210):
                member.write(block)
    assert "verdacht grote" in refused(path).message


def test_damaged_xlsx_is_refused(tmp_path):
    """A file that claims to be Excel but is a damaged archive gets a clear message."""
    path = tmp_path / "kapot.xlsx"
    path.write_bytes(b"PK\x03\x04" + b"rommel" * 100)
    assert "Excel" in refused(path).message

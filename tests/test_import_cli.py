"""`belscript import` on the store: open items, bank statements, dry runs, refusals and re-imports."""

from __future__ import annotations

import json
from decimal import Decimal as D
from pathlib import Path

import pytest

from belscript.cli.main import main
from belscript.store import open_store

from conftest import ROOT

DEMO = ROOT / "src" / "belscript" / "data" / "demo" / "imports"
FIXTURES = ROOT / "tests" / "fixtures" / "imports"


@pytest.fixture(autouse=True)
def store_url(database_url, monkeypatch):
    if database_url:
        monkeypatch.setenv("BELSCRIPT_DATABASE", database_url)
    monkeypatch.setenv("BELSCRIPT_NOW", "2026-11-23T10:15")


def _open(number: str) -> D:
    with open_store() as store:
        return store.invoice(number).open_amount


def test_importing_open_items_and_a_statement_books_the_payments_it_can_match(capsys):
    """The demo CSV and CAMT: four invoices new, Van Dijk's payment booked on both invoices, two credits left to assign."""
    assert main(["import", str(DEMO / "openstaande-posten.csv"), str(DEMO / "bankafschrift.xml")]) == 0
    out = capsys.readouterr().out
    assert "Facturen: 4 nieuw, 0 gewijzigd; 3 nieuwe klanten" in out
    assert "Betalingen geboekt: 2" in out and "factuur 2026-0157 (Bakkerij Van Dijk): betaald" in out
    assert "Niet toegewezen: 2." in out and "belscript betaald FACTUUR BEDRAG DATUM" in out
    assert _open("2026-0142") == 0 and _open("2026-0160") == D("1815.00")


def test_importing_the_same_files_again_books_nothing_twice(capsys):
    """A second import of the same CSV and statement changes nothing and says the entries were booked before."""
    files = [str(DEMO / "openstaande-posten.csv"), str(DEMO / "bankafschrift.xml")]
    assert main(["import", *files]) == 0
    capsys.readouterr()
    assert main(["import", *files]) == 0
    out = capsys.readouterr().out
    assert "Facturen: 0 nieuw, 0 gewijzigd" in out and "Al eerder ingelezen en niet opnieuw geboekt: 1 boeking." in out
    with open_store() as store:
        assert len(store.history("K-0031").payments) == 2
    assert _open("2026-0142") == 0


def test_a_partial_payment_lowers_the_open_amount(capsys):
    """A € 150 credit from a customer with one bigger open invoice leaves the rest open."""
    assert main(["import", str(FIXTURES / "moneybird.csv"), str(FIXTURES / "bank" / "camt053-001.02-voorbeeld.xml")]) == 0
    assert "nog open € 155,00" in capsys.readouterr().out
    assert _open("2026-0042") == D("155.00")


def test_a_dry_run_shows_the_preview_and_stores_nothing(capsys):
    """--dry-run reports what would happen, then the store has no invoices."""
    assert main(["import", "--dry-run", str(DEMO / "openstaande-posten.csv")]) == 0
    out = capsys.readouterr().out
    assert "4 nieuw" in out and "er is niets opgeslagen" in out
    with open_store() as store:
        assert store.invoice("2026-0142") is None


def test_a_bad_row_refuses_every_file_with_file_row_and_column(tmp_path, capsys):
    """An impossible date in one CSV row: exit 1, the spot as file:row:column in Dutch, nothing imported."""
    bad = tmp_path / "export.csv"
    bad.write_text("Factuurnummer;Klant;Vervaldatum;Openstaand\nF1;Jansen;01-12-2026;100,00\nF2;Pietersen;31-02-2026;50,00\n",
                   encoding="utf-8")
    assert main(["import", str(DEMO / "openstaande-posten.csv"), str(bad)]) == 1
    err = capsys.readouterr().err
    assert "er is niets ingelezen" in err and f"{bad}:3:3: fout:" in err and "Traceback" not in err
    with open_store() as store:
        assert store.invoice("2026-0142") is None and store.invoice("F1") is None


def test_xml_that_is_neither_an_invoice_nor_a_statement_is_refused(tmp_path, capsys):
    """An unrelated XML file is refused with a Dutch reason and exit 1."""
    other = tmp_path / "iets.xml"
    other.write_text("<?xml version='1.0'?><rss><channel/></rss>", encoding="utf-8")
    assert main(["import", str(other)]) == 1
    assert "geen UBL-factuur" in capsys.readouterr().err


def test_a_full_export_reports_invoices_missing_from_it_without_closing_them(tmp_path, capsys):
    """--volledig names an invoice that is no longer in the export; it stays open until the user says so."""
    assert main(["import", str(DEMO / "openstaande-posten.csv")]) == 0
    lines = (DEMO / "openstaande-posten.csv").read_text(encoding="utf-8").splitlines()
    smaller = tmp_path / "export.csv"
    smaller.write_text("\n".join(l for l in lines if "2026-0160" not in l) + "\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["import", "--volledig", str(smaller)]) == 0
    out = capsys.readouterr().out
    assert "1 niet meer open" in out and "2026-0160" in out
    assert _open("2026-0160") == D("1815.00")


def test_json_output_lists_booked_and_unassigned_payments(capsys):
    """--format json gives the same report as data."""
    assert main(["import", "--format", "json", str(DEMO / "openstaande-posten.csv"), str(DEMO / "bankafschrift.xml")]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [b["factuur"] for b in data["betalingen"]] == ["2026-0142", "2026-0157"]
    assert {t["naam"] for t in data["niet_toegewezen"]} == {"Hoveniersbedrijf Groen en Zn", "J. de Boer"}


def test_a_ubl_credit_note_lowers_the_invoice_it_names_once(capsys):
    """A UBL invoice then its credit note: the open amount goes down, and importing the note again changes nothing."""
    invoice, note = FIXTURES / "ubl" / "peppol-base-example.xml", FIXTURES / "ubl" / "peppol-base-creditnote-correction.xml"
    assert main(["import", str(invoice)]) == 0
    number = json.loads(_run_json([str(invoice)]))["facturen"]["ongewijzigd"]
    assert number == 1
    capsys.readouterr()
    first = main(["import", str(note)])
    out = capsys.readouterr().out
    assert first == 0 and ("verrekend" in out or "hoort bij geen bekende factuur" in out)
    assert main(["import", str(note)]) == 0
    assert "verrekend" not in capsys.readouterr().out


def _run_json(files: list[str]) -> str:
    import contextlib
    import io

    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        main(["import", "--format", "json", *files])
    return buffer.getvalue()

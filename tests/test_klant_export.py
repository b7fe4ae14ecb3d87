"""`belscript klant export` writes a customer file (Dutch keys) that `belscript call --dossier` loads."""

from __future__ import annotations

import stat
from datetime import date
from decimal import Decimal as D

import pytest

from belscript.cli.main import main
from belscript.dossier.loader import load_dossier
from belscript.store import ContactRecord, CustomerRecord, InvoiceRecord, open_store


@pytest.fixture
def filled(monkeypatch, tmp_path):
    """A store with one customer (two open invoices, one paid) and a caller set up."""
    monkeypatch.setenv("BELSCRIPT_CALLER", "Sanne Peters")
    monkeypatch.setenv("BELSCRIPT_COMPANY", "Peters Installatietechniek")
    monkeypatch.setenv("BELSCRIPT_NOW", "2026-11-23T09:00")
    monkeypatch.chdir(tmp_path)
    person = ContactRecord("Karin Jansen", role="administratie", email="karin@jansen.example.nl", phone="06 0011 2233")
    with open_store() as store:
        store.import_records(
            [CustomerRecord("D100", "Bakkerij Jansen B.V.", kind="b2b", phone="010-1234567",
                            email="info@jansen.example.nl", contacts=(person,))],
            [InvoiceRecord("F1", "D100", D("1250.00"), D("1250.00"), date(2026, 9, 1), date(2026, 10, 1)),
             InvoiceRecord("F2", "D100", D("300.00"), D("100.00"), date(2026, 10, 1), date(2026, 10, 31)),
             InvoiceRecord("F0", "D100", D("80.00"), D("0.00"), date(2026, 8, 1), date(2026, 8, 31))],
            source="export.csv")
    return tmp_path


def test_an_exported_customer_file_loads_with_the_open_invoices_and_contact(filled, capsys):
    """The written file loads as a customer file with the customer, contact, caller and open invoices."""
    assert main(["klant", "export", "jansen", "-o", "jansen.yaml"]) == 0
    assert "Klantdossier van Bakkerij Jansen B.V. geschreven" in capsys.readouterr().out
    path = filled / "jansen.yaml"
    dossier = load_dossier(path)
    assert (dossier.customer.name, dossier.customer.number, dossier.customer.phone) == (
        "Bakkerij Jansen B.V.", "D100", "010-1234567")
    assert dossier.customer.email == "info@jansen.example.nl"
    assert (dossier.contact.name, dossier.contact.phone) == ("Karin Jansen", "06 0011 2233")
    assert dossier.caller.company == "Peters Installatietechniek"
    assert [(i.number, i.open_amount) for i in dossier.invoices] == [("F1", D("1250.00")), ("F2", D("100.00"))]
    text = path.read_text(encoding="utf-8")
    assert "facturen:" in text and "vervaldatum:" in text and "invoices:" not in text
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_without_a_file_name_the_export_is_named_after_the_customer_number(filled, capsys):
    """`belscript klant export D100` writes klant-D100.yaml in the current folder."""
    assert main(["klant", "export", "D100"]) == 0
    assert load_dossier(filled / "klant-D100.yaml").customer.number == "D100"


def test_an_existing_file_is_only_replaced_with_force(filled, capsys):
    """Exporting over an existing file is refused in Dutch, and allowed with --force."""
    target = filled / "jansen.yaml"
    target.write_text("mijn eigen aantekeningen\n", encoding="utf-8")
    assert main(["klant", "export", "jansen", "-o", str(target)]) == 2
    assert "bestaat al; gebruik --force" in capsys.readouterr().err
    assert target.read_text(encoding="utf-8") == "mijn eigen aantekeningen\n"
    assert main(["klant", "export", "jansen", "-o", str(target), "--force"]) == 0
    assert load_dossier(target).customer.number == "D100"


def test_the_exported_file_passes_validate_as_a_customer_file(filled, capsys):
    """`belscript validate --kind dossier` finds no problem in the exported file."""
    assert main(["klant", "export", "jansen", "-o", "jansen.yaml"]) == 0
    assert main(["validate", "--kind", "dossier", "jansen.yaml"]) == 0


@pytest.mark.parametrize("argv, message", [
    (["klant", "exprot", "jansen"], "bedoelt u 'belscript klant export jansen'"),
    (["klant", "jansen", "-o", "x.yaml"], "-o en --force horen bij 'belscript klant export KLANT'"),
    (["klant", "export", "niemand"], "geen klant gevonden voor 'niemand'"),
])
def test_a_wrong_export_command_gives_a_dutch_message(filled, capsys, argv, message):
    """A misspelt 'export', options without it, or an unknown customer exit non-zero in Dutch."""
    assert main(argv) in (1, 2)
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_export_without_a_caller_set_up_says_how_to_set_it(filled, monkeypatch, capsys):
    """Without BELSCRIPT_CALLER the export is refused with the hint how to set it, and no file appears."""
    monkeypatch.delenv("BELSCRIPT_CALLER")
    assert main(["klant", "export", "jansen", "-o", "jansen.yaml"]) != 0
    assert "BELSCRIPT_CALLER" in capsys.readouterr().err
    assert not (filled / "jansen.yaml").exists()

"""A customer in the store is addressed as 'u' or 'je', and a call from the list follows it.

The form of address comes from an import column 'aanspreekvorm' or from
``belscript klant KLANT --aanspreekvorm je``; a later import without that column keeps
it. Every test runs on SQLite and on a real PostgreSQL server.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal as D

import pytest

from belscript.cli.main import main
from belscript.clock import FixedClock
from belscript.store import CustomerRecord, InvoiceRecord, open_store
from belscript.store.calls import dossier_for
from belscript.store.intake import run_import

NOW = datetime(2026, 11, 23, 10, 15)
HEADER = "Factuurnummer;Klantnummer;Klant;Contactpersoon;Openstaand;Factuurdatum;Vervaldatum{extra}\n"
ROW = "F{n};D{n}00;Klant {n};Karin;250,00;01-10-2026;31-10-2026{extra}\n"


@pytest.fixture
def home(database_url, tmp_path, monkeypatch):
    monkeypatch.setenv("BELSCRIPT_COMPANY", "Peters Installatietechniek")
    monkeypatch.setenv("BELSCRIPT_CALLER", "Sanne Peters")
    monkeypatch.setenv("BELSCRIPT_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("BELSCRIPT_NOW", NOW.isoformat())
    if database_url:
        monkeypatch.setenv("BELSCRIPT_DATABASE", database_url)
    return tmp_path


def opened(database_url, tmp_path):
    return open_store(tmp_path / "home", url=database_url, clock=FixedClock(NOW), caller="Sanne Peters")


def export(tmp_path, forms: list[str | None], name: str = "export.csv"):
    """An open-items CSV with one customer per form; None: no 'Aanspreekvorm' column at all."""
    column = any(f is not None for f in forms)
    text = HEADER.format(extra=";Aanspreekvorm" if column else "")
    text += "".join(ROW.format(n=n, extra=f";{f or ''}" if column else "") for n, f in enumerate(forms, start=1))
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def form_in_file(store, number: str) -> str:
    """The form of address of the customer file a call from the list gets."""
    return dossier_for(store, store.history(number)).customer.address_form


def test_the_import_column_sets_je_or_u_and_the_call_file_carries_it(home, database_url):
    """An 'Aanspreekvorm' column with 'je', 'U' and 'informeel' gives customer files in je, u and je."""
    path = export(home, ["je", "U", "informeel"])
    with opened(database_url, home) as store:
        run_import(store, [path])
        assert [store.customer(f"D{n}00").form for n in (1, 2, 3)] == ["je", "u", "je"]
        assert [form_in_file(store, f"D{n}00") for n in (1, 2, 3)] == ["je", "u", "je"]


def test_a_customer_without_a_form_is_called_u(home, database_url):
    """Without the column (or with an empty cell) the customer file says 'u', the polite default."""
    with opened(database_url, home) as store:
        run_import(store, [export(home, [None])])
        assert store.customer("D100").form is None and form_in_file(store, "D100") == "u"


def test_a_later_import_without_the_column_keeps_the_form(home, database_url):
    """Re-importing an export that has no 'aanspreekvorm' column leaves 'je' as it was."""
    with opened(database_url, home) as store:
        run_import(store, [export(home, ["je"])])
        run_import(store, [export(home, [None], "again.csv")])
        assert form_in_file(store, "D100") == "je"


def test_an_unknown_form_in_the_export_is_refused_with_its_row(home, database_url, capsys):
    """'misschien' in the column is refused in Dutch with the row, and nothing is imported."""
    path = export(home, ["je", "misschien"])
    assert main(["import", str(path)]) != 0
    err = capsys.readouterr().err
    assert "aanspreekvorm 'misschien' is onbekend; schrijf u of je" in err and "export.csv:3" in err
    with opened(database_url, home) as store:
        assert store.customer("D100") is None


def test_klant_aanspreekvorm_sets_the_form_for_the_next_call(home, database_url, capsys):
    """`belscript klant D100 --aanspreekvorm je` makes the next call from the list say 'je'."""
    with opened(database_url, home) as store:
        store.import_records([CustomerRecord("D100", "Bakkerij Jansen B.V.")],
                             [InvoiceRecord("F1", "D100", D("100"), D("100"), date(2026, 9, 1), date(2026, 10, 1))],
                             source="export.csv")
    assert main(["klant", "D100", "--aanspreekvorm", "je"]) == 0
    assert "Bakkerij Jansen B.V. (D100) wordt voortaan met 'je'" in capsys.readouterr().out
    with opened(database_url, home) as store:
        assert form_in_file(store, "D100") == "je"
    assert main(["klant", "jansen", "--aanspreekvorm", "u"]) == 0
    with opened(database_url, home) as store:
        assert form_in_file(store, "D100") == "u"


def test_aanspreekvorm_with_export_is_refused(home, database_url, capsys):
    """--aanspreekvorm belongs to 'belscript klant KLANT'; with export it is refused in Dutch."""
    assert main(["klant", "export", "D100", "--aanspreekvorm", "je"]) != 0
    assert "--aanspreekvorm hoort bij 'belscript klant KLANT'" in capsys.readouterr().err


def test_an_aanspreekvorm_other_than_u_or_je_is_refused(home, database_url, capsys):
    """'--aanspreekvorm jij' stops with the usage line and the two choices, not a traceback."""
    with pytest.raises(SystemExit) as stop:
        main(["klant", "D100", "--aanspreekvorm", "jij"])
    assert stop.value.code == 2 and "'u', 'je'" in capsys.readouterr().err

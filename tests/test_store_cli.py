"""`belscript betaald` and `belscript klant` on the store, on SQLite and on PostgreSQL."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from belscript.cli.main import main
from belscript.store import CustomerRecord, InvoiceRecord, open_store


@pytest.fixture
def filled(database_url, monkeypatch):
    if database_url:
        monkeypatch.setenv("BELSCRIPT_DATABASE", database_url)
    with open_store() as store:
        store.import_records(
            [CustomerRecord("D100", "Bakkerij Jansen B.V.", kind="b2b", phone="010-1234567")],
            [InvoiceRecord("F1", "D100", D("1250.00"), D("1250.00"), date(2026, 9, 1), date(2026, 10, 1))],
            source="export.csv")
    return database_url


def test_a_partial_payment_by_hand_shows_what_is_still_open(filled, capsys):
    """`belscript betaald F1 250 20-11-2026` records € 250 and says € 1.000 is still open."""
    assert main(["betaald", "F1", "250", "20-11-2026"]) == 0
    out = capsys.readouterr().out
    assert "Betaling van € 250,00 op factuur F1 (Bakkerij Jansen B.V.) vastgelegd op 20-11-2026." in out
    assert "Nog open op deze factuur: € 1.000,00." in out


def test_paying_without_an_amount_pays_the_whole_invoice(filled, capsys):
    """Without an amount the whole open amount is paid, dated today."""
    assert main(["betaald", "F1"]) == 0
    assert "Deze factuur is nu helemaal betaald." in capsys.readouterr().out


@pytest.mark.parametrize("argv, message", [
    (["betaald", "F1", "-10"], "positief bedrag"),
    (["betaald", "F1", "tien"], "'tien' is geen bedrag"),
    (["betaald", "F1", "10", "31-02-2026"], "'31-02-2026' is geen bestaande datum"),
    (["betaald", "F1", "10", "01-01-2027"], "ligt in de toekomst"),
    (["betaald", "F404", "10"], "factuur F404 staat niet in de database"),
    (["klant", "niemand"], "geen klant gevonden voor 'niemand'"),
])
def test_bad_input_gives_a_dutch_message_and_no_traceback(filled, capsys, argv, message):
    """Wrong amounts, dates, invoices or customers exit non-zero with a clear Dutch message."""
    assert main(argv) in (1, 2)
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_a_customers_history_lists_invoices_payments_and_lateness(filled, capsys):
    """`belscript klant jansen` shows the open invoice, how late it is and the payment made."""
    main(["betaald", "F1", "250", "20-11-2026"])
    capsys.readouterr()
    assert main(["klant", "jansen"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Bakkerij Jansen B.V. (klantnummer D100, zakelijk)")
    assert "F1  € 1.250,00  vervalt 01-10-2026  open € 1.000,00, 53 dagen te laat" in out
    assert "20-11-2026  € 250,00  factuur F1" in out

"""The owner's week: `belscript lijst`, `klant` and `overzicht` on the store, promises
re-checked when payments come in, and the call log teaching when a customer is reached."""

from __future__ import annotations

import json
import os
import stat
from datetime import date, datetime
from decimal import Decimal as D
from pathlib import Path

import pytest

from belscript.cli.main import main
from belscript.clock import FixedClock
from belscript.demo import load_demo
from belscript.store import CustomerRecord, InvoiceRecord, open_store

TUESDAY = datetime(2026, 12, 8, 10, 0)


@pytest.fixture
def tuesday(monkeypatch):
    monkeypatch.setenv("BELSCRIPT_NOW", TUESDAY.isoformat(timespec="minutes"))
    return FixedClock(TUESDAY)


@pytest.fixture
def demo(tuesday):
    """The demo week loaded in the demo folder, which becomes the home of the test."""
    home = load_demo(Path(os.environ["BELSCRIPT_HOME"]), tuesday)
    os.environ["BELSCRIPT_HOME"] = str(home)
    return home


class _Part:
    def __init__(self, amount, on):
        self.amount, self.on = D(amount), on


def test_the_demo_list_starts_with_the_broken_promise_and_the_second_call_script(tuesday, capsys):
    """`belscript lijst --demo` on a fresh home puts the broken promise first, with tweede-gesprek and the best time."""
    assert main(["lijst", "--demo"]) == 0
    out = capsys.readouterr().out
    assert "Nu is een gouden beluur" in out
    first = out.split(" 1. ", 1)[1].split(" 2. ", 1)[0]
    assert first.startswith("Bakkerij Jansen – € 1.250 open")
    assert "toezegging van donderdag 3 december (€ 800) niet nagekomen" in first
    assert "script: tweede-gesprek · meestal bereikt op dinsdagochtend (2 van 2 gesprekken)" in first
    assert 'belscript call "Bakkerij Jansen"' in first
    assert "servicegesprek: nieuwe klant, factuur van 4 dagen geleden" in out
    assert "Niet bellen (toezegging loopt):\n  Garage Smit: toezegging loopt: € 950" in out


def test_the_json_list_explains_every_reason_with_its_points(tuesday, capsys):
    """`--format json` gives each customer's script, reasons with points and the command to start the call."""
    assert main(["lijst", "--demo", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    top = data["entries"][0]
    assert (top["customer"], top["script"], top["open_amount"]) == ("Bakkerij Jansen", "tweede-gesprek", "1250.00")
    assert top["score"] == sum(r["points"] for r in top["reasons"])
    assert [e["score"] for e in data["entries"]] == sorted((e["score"] for e in data["entries"]), reverse=True)
    assert data["golden_hour"] is True
    assert [w["customer"] for w in data["waiting"]] == ["Garage Smit"]


def test_uitleg_shows_every_reason_with_its_points(tuesday, capsys):
    """`--uitleg` lists each reason under a customer with '+points' and the total."""
    assert main(["lijst", "--demo", "--uitleg"]) == 0
    out = capsys.readouterr().out
    assert "+100 toezegging van donderdag 3 december (€ 800) niet nagekomen" in out
    assert "= 160 punten" in out
    assert "+20  herinnering verstuurd op zaterdag 5 december, 3 dagen geleden" in out


def test_a_late_bank_payment_keeps_the_promise_and_the_list_changes(demo, capsys):
    """Paying the promised € 800 on its date turns the broken promise kept: Bakkerij Jansen leaves the top."""
    assert main(["betaald", "2026-0412", "800", "03-12-2026"]) == 0
    assert "Toezegging gecontroleerd: nagekomen." in capsys.readouterr().out
    assert main(["lijst", "--format", "json"]) == 0
    entries = json.loads(capsys.readouterr().out)["entries"]
    jansen = next(e for e in entries if e["customer"] == "Bakkerij Jansen")
    assert entries[0]["customer"] != "Bakkerij Jansen" and jansen["script"] == "eerste-gesprek"
    with open_store(demo) as store:
        assert store.promises(store.customer("K-1001").id)[0].status == "kept"


def test_a_missed_promise_puts_the_customer_among_the_top_with_the_second_call(tuesday, capsys):
    """A running promise whose date passes unpaid moves the customer from 'niet bellen' to the top, with the broken ones."""
    main(["lijst", "--demo"])
    capsys.readouterr()
    home = Path(os.environ["BELSCRIPT_HOME"]) / "demo"
    os.environ["BELSCRIPT_HOME"] = str(home)
    os.environ["BELSCRIPT_NOW"] = "2026-12-14T10:00"  # the promise of Garage Smit was due on the 13th
    assert main(["lijst", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    top = [(e["customer"], e["script"]) for e in data["entries"][:2]]
    assert sorted(top) == [("Bakkerij Jansen", "tweede-gesprek"), ("Garage Smit", "tweede-gesprek")]
    assert data["waiting"] == []


def test_klant_shows_calls_promises_lateness_best_time_and_next_step(demo, capsys):
    """`belscript klant` adds the calls, promises kept and broken, average days late, best time and next step."""
    assert main(["klant", "bakkerij"]) == 0
    out = capsys.readouterr().out
    assert "Gesprekken: 3\n  24-11-2026 10:15  bereikt, afspraak gemaakt" in out
    assert "08-10-2026 14:15  niet bereikt" in out
    assert "Toezeggingen: 1 gedaan, 0 nagekomen, 1 niet (helemaal) nagekomen, 0 lopen nog" in out
    assert "Best bereikbaar: meestal bereikt op dinsdagochtend (2 van 2 gesprekken)" in out
    assert "Volgende stap: bellen met het script tweede-gesprek" in out
    assert main(["klant", "de boer"]) == 0
    assert "Betaalt gemiddeld 36 dagen na de vervaldatum (1 betaalde factuur)" in capsys.readouterr().out


def test_the_overview_draws_ageing_and_writes_a_private_page_and_weekly_event(tuesday, tmp_path, capsys):
    """`overzicht --demo --html --ics` prints bars and figures, writes owner-only files and refuses to overwrite."""
    page, event = tmp_path / "o.html", tmp_path / "b.ics"
    assert main(["overzicht", "--demo", "--html", str(page), "--ics", str(event)]) == 0
    out = capsys.readouterr().out
    assert "31–60 dagen" in out and "█" in out and "Binnengekomen na een gesprek (deze maand): € 600" in out
    assert stat.S_IMODE(page.stat().st_mode) == 0o600 and "<svg" in page.read_text(encoding="utf-8")
    ics = event.read_text(encoding="utf-8")
    assert "RRULE:FREQ=WEEKLY" in ics and "DTSTART:20261214T093000" in ics
    assert main(["overzicht", "--demo", "--html", str(page)]) != 0
    assert "bestaat al" in capsys.readouterr().err


def test_an_empty_store_says_there_is_nobody_to_call(capsys):
    """`belscript lijst` without any data says so, without creating a call log."""
    assert main(["lijst"]) == 0
    assert "Vandaag hoeft u niemand te bellen." in capsys.readouterr().out
    assert not (Path(os.environ["BELSCRIPT_HOME"]) / "calls.db").exists()


def test_store_facts_match_the_rows_in_a_few_queries(clock, tmp_path):
    """The store hands the call list invoices, payments, letters and promises per customer, in at most 8 queries."""
    with open_store(tmp_path / "s", clock=clock, caller="Anna") as store:
        store.import_records([CustomerRecord("D1", "Jansen"), CustomerRecord("D2", "Smit"), CustomerRecord("D3", "Bos")],
                             [InvoiceRecord("F1", "D1", D(500), D(500), date(2026, 10, 1), date(2026, 10, 31)),
                              InvoiceRecord("F2", "D2", D(90), D(90), date(2026, 11, 1), date(2026, 11, 30)),
                              InvoiceRecord("F3", "D3", D(70), D(70), date(2025, 1, 1), date(2025, 1, 31))],
                             source="t")
        store.record_payment("F3", D(70), date(2025, 2, 10))
        d1 = store.customer("D1").id
        store.record_letter(d1, "herinnering", date(2026, 11, 20))
        store.record_promise(d1, [_Part("200", date(2026, 11, 27))], made_at=datetime(2026, 11, 20, 10))
        queries = []
        store.db.execute, original = (lambda *a, **k: queries.append(a[0]) or original(*a, **k)), store.db.execute
        facts = {f.key: f for f in store.worklist_facts()}
    assert set(facts) == {"D1", "D2"}  # D3 is paid and quiet
    assert len(queries) <= 8
    jansen = facts["D1"]
    assert jansen.open_total == D(500) and jansen.reminders == (date(2026, 11, 20),)
    assert jansen.promises[0].instalments[0].amount == D(200)


def test_the_store_judges_promises_by_the_call_lists_rule(clock, tmp_path):
    """A payment on the day after the promised date still counts, as the call list's check says."""
    from belscript.worklist import PaymentFacts, PromiseStatus, check_promise

    with open_store(tmp_path / "s", clock=clock, caller="Anna") as store:
        store.import_records([CustomerRecord("D1", "Jansen")],
                             [InvoiceRecord("F1", "D1", D(500), D(500), date(2026, 10, 1), date(2026, 10, 31))],
                             source="t")
        cid = store.customer("D1").id
        store.record_promise(cid, [_Part("500", date(2026, 11, 27))], made_at=datetime(2026, 11, 20, 10))
        store.record_payment("F1", D(500), date(2026, 11, 28))
        assert store.check_promises(date(2026, 11, 28)) == {1: "kept"}
        facts = store.worklist_facts(cid, calls=None)[0]
    assert check_promise(facts.promises[0], [PaymentFacts(date(2026, 11, 28), D(500))],
                         date(2026, 11, 28)).status is PromiseStatus.KEPT


def test_the_call_log_counts_reached_calls_per_customer_and_slot(tuesday, capsys):
    """Voicemail counts as tried, not reached; the counts come per weekday and part of the day."""
    from belscript.journal import Journal
    from belscript.worklist.reachability import PARTS

    home = load_demo(Path(os.environ["BELSCRIPT_HOME"]), tuesday)
    with Journal.open(home, create=False) as journal:
        counts = {(w, p): (t, r) for name, w, p, t, r in journal.reach_counts(PARTS) if name == "Bakkerij Jansen"}
    assert counts == {(1, "ochtend"): (2, 2), (3, "middag"): (1, 0)}


def test_the_list_shows_the_due_collection_step_and_the_letter_follows_from_it(demo, capsys, tmp_path):
    """Each customer on the list shows the ladder step that is due and why; for the broken
    promise that is the aanmaning, and 'belscript brief' in the demo folder writes exactly that letter."""
    assert main(["lijst"]) == 0
    out = capsys.readouterr().out
    first = out.split(" 1. ", 1)[1].split(" 2. ", 1)[0]
    assert "incasso: toezegging gebroken op 3 december; aanmaning staat klaar" in first
    assert "incasso: vervallen op" in out  # a customer just past due: the reminder comes first
    assert main(["brief", "Bakkerij Jansen", "--map", str(tmp_path / "brieven")]) == 0
    written = sorted(p.name for p in (tmp_path / "brieven").iterdir())
    assert any(name.endswith(".pdf") and "aanmaning" in name for name in written), written

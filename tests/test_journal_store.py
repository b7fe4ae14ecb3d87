"""The call log stores calls and their events, keeps practice apart, and closes calls on their end event."""

from __future__ import annotations

import sqlite3
import sys
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from belscript.agreement.model import Agreement, NoAgreement, NoAgreementReason, Payment
from belscript.dossier import Dossier
from belscript.engine.events import Event
from belscript.errors import JournalError
from belscript.journal import Journal, UnknownCall

START = datetime(2026, 11, 23, 10, 15)


def make_dossier(customer: str = "Bakkerij De Zoete Inval") -> Dossier:
    return Dossier.model_validate({
        "customer": {"name": customer, "email": "administratie@zoeteinval.nl"},
        "contact": {"name": "Marieke Jansen", "email": "marieke@zoeteinval.nl"},
        "caller": {"name": "Pieter de Vries", "company": "De Vries Installatietechniek"},
        "invoices": [{"number": "2026-0142", "amount": "1.250,50", "invoice_date": "2026-10-01",
                      "due_date": "2026-10-31"}],
    })


def ev(seq: int, kind: str, **data) -> Event:
    return Event(seq=seq, at=START + timedelta(seconds=30 * seq), kind=kind, data=data)


@pytest.fixture
def journal(clock):
    j = Journal.open(clock=clock)
    yield j
    j.close()


def test_events_come_back_in_order_with_their_data(journal):
    """Every appended event is read back exactly: number, moment, kind and data."""
    call_id = journal.start_call("eerste-gesprek", None, make_dossier())
    sent = [ev(1, "started", script="eerste-gesprek", step="opening"), ev(2, "note", text="belt na vijf uur terug"),
            ev(3, "warning", rule="moeten", match="u moet", message="Vraag liever naar de betaaldatum.")]
    for e in sent:
        journal.append(call_id, e)
    assert journal.events(call_id) == sent


@given(st.dictionaries(st.text(min_size=1, max_size=10),
                       st.recursive(st.none() | st.booleans() | st.integers() | st.text(),
                                    lambda inner: st.lists(inner, max_size=3)
                                    | st.dictionaries(st.text(max_size=5), inner, max_size=3), max_leaves=8),
                       max_size=5))
def test_any_json_event_data_round_trips(tmp_path_factory, data):
    """Whatever JSON data an event carries (accents, euro signs, nesting) is stored without change."""
    with Journal.open(tmp_path_factory.mktemp("home")) as j:
        call_id = j.start_call("s", None, make_dossier())
        j.append(call_id, Event(seq=1, at=START, kind="note", data=data))
        assert j.events(call_id)[0].data == data


def test_dossier_snapshot_is_kept_even_if_the_file_changes(journal, tmp_path):
    """The call keeps the dossier and the script text as loaded at the start, for resume and show."""
    script = tmp_path / "mijn-script.yaml"
    script.write_text("belscript: 1\nname: mijn-script\n", encoding="utf-8")
    call_id = journal.start_call("mijn-script", script, make_dossier(), script_text=script.read_text(encoding="utf-8"))
    script.write_text("veranderd", encoding="utf-8")
    record = journal.get(call_id)
    assert record.dossier == make_dossier()
    assert record.script_text == "belscript: 1\nname: mijn-script\n"
    assert record.script_path == str(script)
    assert record.started_at == START


def test_ended_event_closes_the_call_with_a_summary(journal):
    """Appending the engine's 'ended' event fills outcome, amount, first date and contact at once."""
    call_id = journal.start_call("eerste-gesprek", None, make_dossier())
    agreement = Agreement(kind="payment_plan", agreed_by="Marieke Jansen",
                          payments=[Payment(amount=Decimal("600.50"), on=date(2026, 12, 18)),
                                    Payment(amount=Decimal("650.00"), on=date(2026, 11, 27))])
    journal.append(call_id, ev(1, "started", script="eerste-gesprek", step="opening"))
    journal.append(call_id, ev(2, "action", name="send_invoice_copy", todo="Een kopie van factuur 2026-0142 sturen."))
    journal.append(call_id, ev(3, "ended", step="einde",
                               outcome={"type": "agreement", "agreement": agreement.model_dump(mode="json")}))
    record = journal.get(call_id)
    assert record.status == "ended"
    assert record.outcome_kind == "payment_plan"
    assert record.promised_amount == Decimal("1250.50")
    assert record.first_promised_date == date(2026, 11, 27)
    assert record.contact_person == "Marieke Jansen"
    assert record.outcome == agreement
    assert record.our_actions == ["Een kopie van factuur 2026-0142 sturen."]
    assert journal.open_calls() == []


def test_aborted_event_records_a_no_agreement_outcome_with_follow_up(journal):
    """An aborted call counts as ended without agreement, with its follow-up moment and the contact noted."""
    call_id = journal.start_call("eerste-gesprek", None, make_dossier())
    journal.append(call_id, ev(1, "started", script="eerste-gesprek", step="opening"))
    journal.append(call_id, ev(2, "contact", name="Henk"))
    journal.append(call_id, ev(3, "aborted", reason="klant moest weg", follow_up="2026-11-24T10:00:00"))
    record = journal.get(call_id)
    assert record.status == "aborted"
    assert record.outcome == NoAgreement(reason=NoAgreementReason.other, detail="klant moest weg",
                                         follow_up=datetime(2026, 11, 24, 10, 0))
    assert record.contact_person == "Henk"


def test_finish_adds_what_only_the_caller_knows(journal):
    """finish() stores the script's if_broken text and an explicit contact next to the outcome."""
    call_id = journal.start_call("eerste-gesprek", None, make_dossier())
    outcome = NoAgreement(reason=NoAgreementReason.needs_time, follow_up=datetime(2026, 11, 24, 10, 0))
    record = journal.finish(call_id, outcome, if_broken="Dan sturen wij een aanmaning.", contact="Marieke",
                            our_actions=["Terugbellen."])
    assert (record.status, record.outcome_kind, record.contact_person) == ("ended", "no_agreement", "Marieke")
    assert record.if_broken == "Dan sturen wij een aanmaning."
    assert record.our_actions == ["Terugbellen."]


def test_open_calls_lists_interrupted_calls_newest_first(journal, clock):
    """Calls without an end are offered for resuming, the most recent first; ended ones are not."""
    first = journal.start_call("s", None, make_dossier("Eerste BV"))
    clock.advance(minutes=20)
    ended = journal.start_call("s", None, make_dossier("Klaar BV"))
    journal.finish(ended, None, status="aborted")
    clock.advance(minutes=20)
    latest = journal.start_call("s", None, make_dossier("Laatste BV"))
    assert [r.id for r in journal.open_calls()] == [latest, first]


def test_practice_sessions_never_mix_with_real_calls(journal):
    """Practice sessions are in the same file but only listed when asked for."""
    real = journal.start_call("s", None, make_dossier("Echt BV"))
    practice = journal.start_call("s", None, make_dossier("Oefen BV"), practice=True)
    assert [r.id for r in journal.calls()] == [real]
    assert [r.id for r in journal.calls(practice=True)] == [practice]
    assert [r.id for r in journal.open_calls()] == [real]
    assert journal.get(practice).practice is True


def test_unknown_call_is_a_clear_error(journal):
    """Asking for a call that is not there raises UnknownCall (exit code 1) with a Dutch message."""
    with pytest.raises(UnknownCall) as info:
        journal.get(42)
    assert info.value.exit_code == 1
    assert "gesprek 42 staat niet in het logboek" in info.value.message
    with pytest.raises(UnknownCall):
        journal.append(42, ev(1, "started"))


def test_an_event_is_never_overwritten(journal):
    """A second event with the same number is refused; stored events cannot be changed or deleted."""
    call_id = journal.start_call("s", None, make_dossier())
    journal.append(call_id, ev(1, "note", text="eerste"))
    with pytest.raises(JournalError, match="nooit overschreven"):
        journal.append(call_id, ev(1, "note", text="tweede"))
    raw = sqlite3.connect(journal.path)
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        raw.execute("UPDATE events SET data = '{}'")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        raw.execute("DELETE FROM events")
    raw.close()
    assert journal.events(call_id)[0].data == {"text": "eerste"}


def test_log_lives_in_belscript_home(tmp_path, monkeypatch):
    """BELSCRIPT_HOME decides where the log is; without it the platform's user data directory is used."""
    monkeypatch.setenv("BELSCRIPT_HOME", str(tmp_path / "eigen"))
    with Journal.open() as j:
        assert j.path == tmp_path / "eigen" / "calls.db"
    if sys.platform != "linux":
        return  # the fallback location below is the XDG one
    monkeypatch.delenv("BELSCRIPT_HOME")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("HOME", str(tmp_path / "userhome"))
    with Journal.open() as j:
        assert j.path.name == "calls.db"
        assert j.path.parent.name == "belscript"
        assert j.path == tmp_path / "xdg" / "belscript" / "calls.db"


def test_calls_of_customers_gives_only_the_named_customers_real_calls(journal, clock):
    """The call list's ladder reads only the shown customers' calls, newest first, never practice sessions."""
    first = journal.start_call("s", None, make_dossier("Echt BV"), script_text="naam: s")
    clock.advance(minutes=20)
    journal.start_call("s", None, make_dossier("Ander BV"))
    journal.start_call("s", None, make_dossier("Echt BV"), practice=True)
    clock.advance(minutes=20)
    latest = journal.start_call("s", None, make_dossier("Echt BV"))
    found = journal.calls(customers=["Echt BV"])
    assert [r.id for r in found] == [latest, first]
    assert found[1].dossier_data["customer"]["name"] == "Echt BV"
    assert journal.calls(customers=[]) == []

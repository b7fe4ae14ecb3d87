"""A live call writes every event to the log as it happens, and an interrupted call resumes from the log."""

from __future__ import annotations

from datetime import timedelta

from test_engine_fixtures import FIXTURES, fixture_dossier, fixture_script

from belscript.engine.call import Call
from belscript.followup import AfterCall, observations, recap_text
from belscript.journal import Journal


def test_every_event_is_in_the_log_the_moment_it_happens(clock):
    """With on_event wired to the journal, the log holds each event before the next one is made."""
    journal = Journal.open(clock=clock)
    reader = Journal.open(clock=clock)  # another connection, as a second process would have
    call_id = journal.start_call("engine-proef", FIXTURES / "engine_script.yaml", fixture_dossier())
    stored_counts: list[int] = []

    def store(event):
        journal.append(call_id, event)
        stored_counts.append(len(reader.events(call_id)))

    call = Call(fixture_script(), fixture_dossier(), clock=clock, on_event=store)
    call.choose(1)
    call.set_contact("Marieke Jansen")
    call.note("Belt liever na vijf uur.")
    assert stored_counts == list(range(1, len(call.events) + 1))
    assert journal.events(call_id) == call.events
    reader.close()
    journal.close()


def test_interrupted_call_resumes_with_every_note(clock):
    """After the screen is gone, the open call is found, replayed from the log and continues numbering."""
    with Journal.open(clock=clock) as journal:
        path = FIXTURES / "engine_script.yaml"
        call_id = journal.start_call("engine-proef", path, fixture_dossier(),
                                     script_text=path.read_text(encoding="utf-8"))
        call = Call(fixture_script(), fixture_dossier(), clock=clock,
                    on_event=lambda e: journal.append(call_id, e))
        call.choose(1)
        call.choose(1)
        call.note("Factuur kwam niet aan")
        call.note("Wil eerst de eigenaar spreken")
        before = call.snapshot()
    # ... the terminal was closed here ...
    with Journal.open(clock=clock) as journal:
        (record,) = journal.open_calls()
        assert "engine-proef" in (record.script_text or "")
        resumed = Call.replay(fixture_script(), record.dossier, journal.events(record.id), clock=clock,
                              on_event=lambda e: journal.append(record.id, e))
        assert resumed.snapshot() == before
        notes = [e.data["text"] for e in journal.events(record.id) if e.kind == "note"]
        assert notes == ["Factuur kwam niet aan", "Wil eerst de eigenaar spreken"]
        resumed.note("Verder na hervatten")
        assert journal.events(record.id)[-1].seq == len(resumed.events)


def test_a_call_ending_without_agreement_is_closed_in_the_log_with_its_follow_up(clock):
    """Reaching the end step closes the call in the log; the documents can be made from the record."""
    with Journal.open(clock=clock) as journal:
        call_id = journal.start_call("engine-proef", None, fixture_dossier())
        call = Call(fixture_script(), fixture_dossier(), clock=clock,
                    on_event=lambda e: journal.append(call_id, e))
        call.choose(1)
        call.choose(1)
        call.set_contact("Marieke Jansen")
        call.choose(1)
        call.choose(9)
        call.record_no_agreement("needs_time", "Wil overleggen met de eigenaar")
        clock.advance(minutes=4)
        call.choose(1)
        assert call.ended
        record = journal.get(call_id)
        assert (record.status, record.outcome_kind, record.contact_person) == ("ended", "no_agreement", "Marieke Jansen")
        assert record.outcome == call.outcome
        assert record.our_actions == call.our_actions and record.our_actions
        after = AfterCall.from_record(record)
        assert "opnieuw contact met u op" in recap_text(after)
        found = observations(journal.events(call_id))
        assert any(o.text.startswith("Tijd in het gesprek: 4 minuten") for o in found)
        assert journal.open_calls() == []
        assert record.ended_at - record.started_at == timedelta(minutes=4)


def test_a_call_is_closed_once_with_everything_in_its_end_event(clock):
    """The log's summary (contact, to-dos, the script's consequence) is complete the moment the call ends."""
    script = fixture_script()
    with Journal.open(clock=clock) as journal:
        call_id = journal.start_call("engine-proef", None, fixture_dossier())
        call = Call(script, fixture_dossier(), clock=clock, on_event=lambda e: journal.append(call_id, e))
        call.set_contact("Marieke Jansen")
        call.abort("lijn viel weg")
        record = journal.get(call_id)
        facts = journal.facts(call_id)
    assert record.status == "aborted"
    assert record.contact_person == "Marieke Jansen" == facts.contact_person
    assert record.our_actions == facts.our_actions == call.our_actions
    assert record.if_broken == (script.agreement.if_broken.strip() or None) == facts.if_broken
    assert facts == call.facts


def test_a_log_written_before_typed_events_still_reads(clock):
    """Events stored in the first form (contact under another key, no version) read back in today's form."""
    with Journal.open(clock=clock) as journal:
        call_id = journal.start_call("engine-proef", None, fixture_dossier())
        journal._conn.execute(
            "INSERT INTO events (call_id, seq, at, kind, data, v) VALUES (?, 1, ?, 'contact', ?, 1)",
            (call_id, clock.now().isoformat(), '{"person": "Marieke Jansen"}'))
        (event,) = journal.events(call_id)
        assert event.payload.name == "Marieke Jansen"
        assert journal.facts(call_id).contact == "Marieke Jansen"

"""A fact the call log refuses stays pending and is written in order once it can; a gap in
a log never makes a call unresumable."""

from __future__ import annotations

from belscript.clock import FixedClock
from belscript.errors import JournalError
from belscript.journal import Journal
from belscript.screen import live
from tui_driver import MONDAY, live_model


def _refused(call_id, event):
    raise JournalError("het gesprekslogboek kan niet worden bijgewerkt: het is vergrendeld")


def test_notes_typed_while_the_log_is_locked_are_saved_in_order_when_it_is_free_again(monkeypatch):
    """Two notes typed while the log is locked are named as unsaved, then stored in order with the next line."""
    model, journal = live_model()
    model.submit("")
    with monkeypatch.context() as locked:
        locked.setattr(journal, "append", _refused)
        model.submit("eerste notitie")
        model.submit("tweede notitie")
    shown = model.messages[-1].text
    assert "Nog niet bewaard" in shown and "‘eerste notitie’" in shown and "‘tweede notitie’" in shown
    model.submit("derde notitie")
    assert model.mode.pending == []
    assert any("Alles is nu bewaard" in m.text for m in list(model.messages))
    events = journal.events(model.call_id)
    assert [e.seq for e in events] == list(range(1, len(events) + 1))
    assert [e.data["text"] for e in events if e.kind == "note"] == ["eerste notitie", "tweede notitie", "derde notitie"]


def test_a_call_interrupted_while_the_log_was_locked_can_be_resumed(monkeypatch):
    """Leaving the screen with unsaved facts still leaves a call that --resume picks up."""
    model, journal = live_model()
    model.submit("")
    model.submit("bewaard")
    with monkeypatch.context() as locked:
        locked.setattr(journal, "append", _refused)
        model.submit("niet bewaard")
    call_id = model.call_id
    journal.close()
    journal = Journal.open(clock=FixedClock(MONDAY))
    resumed = live.resume(journal, call_id, clock=FixedClock(MONDAY))
    resumed.submit("na hervatten")
    notes = [e.data["text"] for e in journal.events(call_id) if e.kind == "note"]
    assert notes == ["bewaard", "na hervatten"]


def test_a_log_with_a_missing_event_is_resumed_and_the_gap_is_named(monkeypatch):
    """A log from which event 3 is missing still resumes; the screen names the missing number."""
    model, journal = live_model()
    model.submit("")
    model.submit("een")
    model.submit("twee")
    model.submit("drie")
    call_id = model.call_id
    journal._conn.execute("DROP TRIGGER events_are_append_only_delete")
    journal._conn.execute("DELETE FROM events WHERE call_id = ? AND seq = 3", (call_id,))
    journal.close()
    journal = Journal.open(clock=FixedClock(MONDAY))
    resumed = live.resume(journal, call_id, clock=FixedClock(MONDAY))
    assert any("gebeurtenis 3" in m.text for m in resumed.messages)
    resumed.submit("vier")
    seqs = [e.seq for e in journal.events(call_id)]
    assert len(seqs) == len(set(seqs)) and 3 not in seqs

"""The event payloads behave as the frozen records the engine and the call log rely on."""

from __future__ import annotations

from datetime import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from belscript.engine.events import PAYLOADS, Event, Note, Refused, Started, WentBack, payload_of


def test_a_stored_event_cannot_be_changed_afterwards():
    """A payload or an event refuses assignment, so a fact of a call never changes once logged."""
    note = Note(text="belt vrijdag terug")
    event = Event.of(1, datetime(2026, 11, 23, 10, 15), note)
    with pytest.raises(AttributeError, match="cannot assign to field 'text'"):
        note.text = "anders"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        event.kind = "step"  # type: ignore[misc]


def test_a_payload_without_its_required_field_is_refused():
    """Leaving out a field without a default is an error, as is a field the kind does not have."""
    with pytest.raises(TypeError, match="'text'"):
        Note()
    with pytest.raises(TypeError, match="'colour'"):
        Note(text="x", colour="blauw")
    with pytest.raises(KeyError):
        payload_of("note", {"step": "opening"})


def test_list_defaults_are_not_shared_between_events():
    """Each payload gets its own empty list, so one event's list never shows up in another."""
    first, second = Started(script="eerste-gesprek"), Started(script="eerste-gesprek")
    first.invoices.append("F-1")
    assert second.invoices == [] and Refused(move="einde").missing == []


@given(text=st.text(max_size=40), step=st.text(max_size=10), to=st.text(max_size=10), back=st.text(max_size=10))
def test_equal_payloads_compare_and_hash_alike_and_read_back(text, step, to, back):
    """Payloads with the same fields are equal with one hash; the stored form reads back equal; the repr names every field."""
    note = Note(text=text, step=step)
    assert note == Note(text, step) and hash(note) == hash(Note(text=text, step=step))
    assert note != Note(text=text + "x", step=step)
    assert payload_of("note", note.to_data()) == note
    went = WentBack(to=to, from_=back)
    assert went.to_data() == {"to": to, "from": back} and payload_of("back", went.to_data()) == went
    assert repr(note) == f"Note(text={text!r}, step={step!r})"
    assert all(cls.kind == kind for kind, cls in PAYLOADS.items())

"""A practice session reads back in `belscript log show` with the customer's words and the score."""

from datetime import datetime

from belscript.engine.events import Event
from belscript.journal.timeline import describe as describe_event


def describe(kind: str, data: dict) -> str:
    return describe_event(Event(seq=1, at=datetime(2026, 11, 23, 10, 15), kind=kind, data=data))


def test_customer_lines_read_back_in_dutch():
    """What the simulated customer said appears as a labelled line, not as a raw event name."""
    assert describe("customer", {"text": "Die factuur heb ik nooit gehad.", "kind": "excuse"}) == (
        "klant (oefening): Die factuur heb ik nooit gehad.")


def test_score_reads_back_as_points_or_failure():
    """The stored score shows as '7 van 9', or as a failed session with its reason."""
    assert describe("score", {"points": 7, "total": 9, "failed_session": False}) == "score (oefening): 7 van 9"
    failed = describe("score", {"points": 0, "total": 9, "failed_session": True, "fail_reason": "geen afspraak"})
    assert failed == "score (oefening): onvoldoende – geen afspraak"


def test_a_damaged_or_newer_event_still_gets_its_line():
    """A stored event whose data does not fit its kind, or of an unknown kind, is shown by its label."""
    assert describe("note", {}) == "notitie"
    assert describe("telefoon", {"x": 1}) == "telefoon"

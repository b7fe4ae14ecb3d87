"""A practice session reads back in `belscript log show` with the customer's words and the score."""

from belscript.journal.timeline import describe


def test_customer_lines_read_back_in_dutch():
    """What the simulated customer said appears as a labelled line, not as a raw event name."""
    assert describe("customer", {"text": "Die factuur heb ik nooit gehad.", "kind": "excuse"}) == (
        "klant (oefening): Die factuur heb ik nooit gehad.")


def test_score_reads_back_as_points_or_failure():
    """The stored score shows as '7 van 9', or as a failed session with its reason."""
    assert describe("score", {"points": 7, "total": 9, "failed_session": False}) == "score (oefening): 7 van 9"
    failed = describe("score", {"points": 0, "total": 9, "failed_session": True, "fail_reason": "geen afspraak"})
    assert failed == "score (oefening): onvoldoende – geen afspraak"

"""The evaluation asks the two questions and observes from the events what went well and what to improve."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from belscript.engine.events import Event
from belscript.followup import QUESTIONS, answers, observations
from belscript.followup.evaluation import counted_warnings, say_duration

START = datetime(2026, 11, 23, 10, 15)


def events(*spec: tuple[int, str, dict]) -> list[Event]:
    return [Event(seq=n, at=START + timedelta(seconds=sec), kind=kind, data=data)
            for n, (sec, kind, data) in enumerate(spec, start=1)]


AGREED = {"type": "agreement", "agreement": {"kind": "full_payment", "payments": []}}


def texts(found, tone):
    return [o.text for o in found if o.tone == tone]


def test_the_two_questions_from_the_seeds():
    """After every call the caller is asked what went well and what to do differently."""
    assert [q for _, q in QUESTIONS] == ["Wat ging goed?", "Wat doet u de volgende keer anders?"]


def test_a_clean_call_gets_only_good_points_and_the_duration():
    """No warnings, recap done, contact noted, agreement reached: all good, plus the time in the call."""
    found = observations(events(
        (0, "started", {}), (30, "contact", {"name": "Marieke Jansen"}), (300, "recap", {}),
        (372, "ended", {"outcome": AGREED}),
    ))
    assert texts(found, "improve") == []
    good = " ".join(texts(found, "good"))
    assert "Geen waarschuwingen" in good and "herhaald" in good and "Marieke Jansen" in good
    assert "Tijd in het gesprek: 6 minuten." in texts(found, "info")


def test_warnings_missing_recap_and_contact_become_points_to_improve():
    """Phrasing warnings are counted per phrase; a missing recap or contact name is pointed out."""
    found = observations(events(
        (0, "started", {}),
        (20, "warning", {"rule": "moeten", "match": "u moet", "message": "..."}),
        (21, "note", {"text": "U moet vandaag betalen."}),
        (40, "note", {"text": "Dan u moet het morgen doen."}),
        (41, "warning", {"rule": "moeten", "match": "u moet", "message": "..."}),
        (60, "warning", {"rule": "geen-haast", "match": "geen haast", "message": "..."}),
        (61, "note", {"text": "Het heeft geen haast."}),
        (80, "refused", {"move": "end", "missing": ["de datum"]}),
        (90, "ended", {"outcome": AGREED}),
    ))
    improve = texts(found, "improve")
    assert improve[0] == ("3 waarschuwingen over woordkeuze: „u moet” (2×), „geen haast”. "
                          "Kijk naar de betere formulering die erbij stond.")
    assert any("niet herhaald" in t for t in improve)
    assert any("niet genoteerd met wie u sprak" in t for t in improve)
    assert any("1× verder of afsluiten" in t for t in improve)
    assert [o.tone for o in found] == sorted((o.tone for o in found), key=["good", "improve", "info"].index)


def test_a_warning_for_words_not_kept_does_not_count():
    """A warning shown while typing counts only when the note kept those words, and not when set aside."""
    found = counted_warnings(events(
        (0, "started", {}),
        (10, "warning", {"rule": "moeten", "match": "moet", "message": "..."}),
        (12, "note", {"text": "Wanneer kunt u het bedrag overmaken?"}),   # rephrased before Enter
        (20, "warning", {"rule": "geen-haast", "match": "geen haast", "message": "..."}),
        (21, "warning", {"rule": "geen-haast", "match": "geen haast", "message": "...", "ignored": True}),
        (22, "note", {"text": "Klant zei: het heeft geen haast."}),      # quoted, set aside with Ctrl-O
        (30, "warning", {"rule": "moeten", "match": "moet", "message": "..."}),
        (31, "note", {"text": "U moet betalen."}),
    ))
    assert [(e.seq, e.data["match"]) for e in found] == [(7, "moet")]


def test_fragments_logged_while_typing_count_once_as_the_whole_word():
    """Older logs hold a warning per fragment typed ('ontvang', 'ontvange', 'ontvangen'); it counts once."""
    found = counted_warnings(events(
        (0, "started", {}),
        (10, "warning", {"rule": "niet-ontvangen", "match": "niet ontvang", "message": "..."}),
        (11, "warning", {"rule": "niet-ontvangen", "match": "niet ontvange", "message": "..."}),
        (12, "warning", {"rule": "niet-ontvangen", "match": "niet ontvangen", "message": "..."}),
        (13, "warning", {"rule": "moeten", "match": "moet", "message": "..."}),
        (14, "note", {"text": "Heeft u de factuur niet ontvangen? U moet echt betalen."}),
    ))
    assert sorted(e.data["match"] for e in found) == ["moet", "niet ontvangen"]


@pytest.mark.parametrize("count,sentence", [
    (1, "1 afspraakveld werd eerst niet geaccepteerd"),
    (3, "3 afspraakvelden werden eerst niet geaccepteerd"),
])
def test_rejected_agreement_fields_are_counted_in_correct_dutch(count, sentence):
    """One rejected field takes "werd", several take "werden"."""
    rejected = [(10 + i, "agreement_rejected", {"field": "datum"}) for i in range(count)]
    found = observations(events((0, "started", {}), *rejected))
    assert any(t.startswith(sentence) for t in texts(found, "info"))


def test_recap_done_through_the_script_action_counts():
    """A recap step with the mark_recap_done action counts as having repeated the agreements."""
    found = observations(events((0, "started", {}), (10, "action", {"name": "mark_recap_done", "recap_done": True})))
    assert any("herhaald" in t for t in texts(found, "good"))


def test_answers_are_read_from_the_evaluation_event():
    """The caller's answers are shown under their question; the latest evaluation counts."""
    evs = events((0, "started", {}), (10, "evaluation", {"went_well": "oud", "differently": ""}),
                 (20, "evaluation", {"went_well": "Rustig gebleven.", "differently": "Eerder de naam vragen."}))
    assert answers(evs) == {"Wat ging goed?": "Rustig gebleven.",
                            "Wat doet u de volgende keer anders?": "Eerder de naam vragen."}


def test_durations_read_naturally():
    """Durations are said in Dutch: seconds, one minute, minutes, hours and minutes."""
    assert say_duration(timedelta(seconds=45)) == "45 seconden"
    assert say_duration(timedelta(seconds=70)) == "1 minuut"
    assert say_duration(timedelta(minutes=65)) == "1 uur en 5 minuten"

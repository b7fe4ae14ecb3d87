"""The practice customer reads a labelled set of natural Dutch caller sentences right,
every one of them, in every category."""

from __future__ import annotations

from pathlib import Path

from belscript.practice.accuracy import evaluate, table

SET = Path(__file__).parent / "fixtures" / "practice_sentences.yaml"


def test_the_reader_reads_every_labelled_sentence_right():
    """At least 150 sentences over nine categories, and the reader gets all of them right."""
    results = evaluate(SET)
    assert sum(r.total for r in results) >= 150
    assert {r.id for r in results} >= {"open", "reproachful", "closed", "pressure", "recap", "invitation",
                                       "proposal", "past_date", "excuse_reply"}
    wrong = [(r.id, sentence, why) for r in results for sentence, why in r.wrong]
    assert wrong == []


def test_the_accuracy_table_in_the_user_guide_is_the_current_one():
    """The table in docs/handleiding.md is exactly what scripts/practice_accuracy.py prints."""
    guide = (Path(__file__).parent.parent / "docs" / "handleiding.md").read_text(encoding="utf-8")
    assert table(evaluate(SET)) in guide

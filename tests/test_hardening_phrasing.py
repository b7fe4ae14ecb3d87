"""Phrasing rules with many gaps or words cost bounded time, whatever the text."""

from __future__ import annotations

import time

import pytest

from belscript.phrasing.checker import Checker, compile_rules
from belscript.phrasing.patterns import MAX_WORDS, PatternError, parse
from belscript.phrasing.rules import rules_from_data


def _checker(pattern: str) -> Checker:
    data = {"language": "nl", "rules": [{
        "id": "veel-gaten", "title": "Veel gaten", "level": "warning", "kind": "sequence", "max_gap": 4,
        "patterns": [pattern], "examples": {"bad": [" ".join(["qua"] * 31) + " zot"], "good": ["gewoon een zin"]}, "message": "„{match}”", "alternatives": ["iets anders"], "reason": "omdat",
    }]}
    rule_file = rules_from_data(data, None, "regels.yaml")
    return Checker(compile_rules(rule_file.rules, {}))


def test_a_sequence_rule_with_many_gaps_checks_a_long_sentence_quickly():
    """A rule of 30 words with gaps between them checks a 200-word near miss in well under a second."""
    checker = _checker(" … ".join(["qua"] * 30 + ["zot"]))
    near_miss = " ".join(["qua"] * 200) + " x x x x x x x zot"
    started = time.perf_counter()
    assert checker.check(near_miss) == []
    assert time.perf_counter() - started < 2.0


def test_a_sequence_rule_with_many_gaps_still_finds_its_match():
    """Remembering dead ends changes no result: the same words are matched as before."""
    checker = _checker(" … ".join(["qua"] * 30 + ["zot"]))
    (finding,) = checker.check(" ".join(["qua"] * 40) + " zot.")
    assert finding.match.split()[-1] == "zot" and finding.match.count("qua") >= 30


def test_a_pattern_with_too_many_words_is_refused_when_the_rules_are_loaded():
    """A pattern longer than the limit gets a clear message instead of a slow or crashing check."""
    with pytest.raises(PatternError, match=f"at most {MAX_WORDS} words"):
        parse(" ".join(["woord"] * (MAX_WORDS + 1)))

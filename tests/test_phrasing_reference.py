"""The fast matcher gives exactly the findings of a plain, unoptimised reference matcher.

The checker runs on every keystroke, so it takes shortcuts: a pre-filter regex of
trigger words, sentence ends found lazily, folded-text word offsets, set tests that
skip impossible variants, cached checkers. The reference below takes none of them: it
normalises word by word, splits every sentence and tries every variant of every rule
at every word. Both share only the tokeniser, the sentence splitter and the compiled
variants, which are the specification; any shortcut that changes a finding, its
position, level or order shows up as a difference.
"""

from __future__ import annotations

import unicodedata

from hypothesis import example, given, settings
from hypothesis import strategies as st

from belscript import phrasing
from belscript.phrasing.checker import Finding, compile_rules
from belscript.phrasing.forms import builtin_forms
from belscript.phrasing.text import Sentences, tokens

OVERRIDES = {"nl": [None, {"moeten": "off", "geen-haast": "error"}, {"smoes-aanreiken": "suggestion"}],
             "en": [None, {"must": "off"}]}


def _forward(words, i, slots, gaps, k):
    """Last word of a match of ``slots[k:]`` after word ``i``: nearest candidate first."""
    if k == len(slots):
        return i
    for p in range(i + 1, min(len(words), i + 2 + gaps[k])):
        if words[p] in slots[k]:
            end = _forward(words, p, slots, gaps, k + 1)
            if end is not None:
                return end
    return None


def _backward(words, i, slots, gaps, k):
    """First word of a match of ``slots[:k+1]`` before word ``i``: nearest candidate first."""
    if k < 0:
        return i
    for p in range(i - 1, max(-1, i - 2 - gaps[k + 1]), -1):
        if words[p] in slots[k]:
            start = _backward(words, p, slots, gaps, k - 1)
            if start is not None:
                return start
    return None


def _matches(words, variants, question):
    """Every word span of ``words`` a variant matches, searched outwards from its anchor word."""
    spans = []
    for var in variants:
        if var.question and not question:
            continue
        for i, word in enumerate(words):
            if word not in var.slots[var.anchor]:
                continue
            end = _forward(words, i, var.slots, var.gaps, var.anchor + 1)
            start = _backward(words, i, var.slots, var.gaps, var.anchor - 1)
            if start is not None and end is not None:
                spans.append((start, end))
    return spans


def _merged(spans):
    result = []
    for a, b in sorted(spans):
        if result and a <= result[-1][1]:
            result[-1] = (result[-1][0], max(result[-1][1], b))
        else:
            result.append((a, b))
    return result


def reference_check(text, language, overrides):
    """Findings computed the slow, obvious way, for the same rules and levels as the checker."""
    checker = phrasing.checker_for(language, overrides)
    compiled = compile_rules(checker.rules, builtin_forms(language))
    sentences = Sentences(text)
    by_sentence: dict[int, list] = {}
    for tok in tokens(text, None):
        by_sentence.setdefault(sentences.index(tok[1]), []).append(tok)
    findings = []
    for number, toks in by_sentence.items():
        words = [t[0] for t in toks]
        question = sentences.is_question(number)
        for item in compiled:
            blocked = _matches(words, item.exceptions, question)
            spans = [(a, b) for a, b in _matches(words, item.variants, question)
                     if not any(x <= b and a <= y for x, y in blocked)]
            for a, b in _merged(spans):
                start, end = toks[a][1], toks[b][2]
                rule = item.rule
                match = text[start:end]
                findings.append(Finding(rule.id, checker.levels[rule.id], start, end, match,
                                        rule.message.replace("{match}", match), rule.alternatives, rule.reason))
    return sorted(findings, key=lambda f: (f.start, f.end, f.rule))


def _pieces(language):
    rules = phrasing.rules_for(language)
    sentences = [s for r in rules for s in r.examples_bad + r.examples_good]
    words = sorted({w for s in sentences for w in s.split()})
    return sentences, words


NOISE = [" ", " ", ", ", ". ", "? ", "! ", "?!. ", "\n", "\n\n", "\n \n", " – ", "…", "\t", "-", "_", "'", "’",
         "„", "”", "(", ") ", "1.250,00", "€", "ontmoet", "Moët", "moeder", "\u0308", "ß", "İ", "ﬁ"]


@st.composite
def call_texts(draw):
    """Texts made of the rules' own example sentences and words, with noise between them."""
    language = draw(st.sampled_from(("nl", "en")))
    sentences, words = _pieces(language)
    piece = st.one_of(st.sampled_from(sentences), st.sampled_from(words), st.sampled_from(NOISE),
                      st.text(max_size=6))
    parts = draw(st.lists(st.tuples(piece, st.sampled_from(NOISE)), max_size=14))
    text = "".join(p + s for p, s in parts)
    form = draw(st.sampled_from(("as is", "upper", "lower", "NFD")))
    if form == "upper":
        text = text.upper()
    elif form == "lower":
        text = text.lower()
    elif form == "NFD":
        text = unicodedata.normalize("NFD", text)
    overrides = draw(st.sampled_from(OVERRIDES[language]))
    return text, language, overrides


@settings(max_examples=400, deadline=None)
@given(call_texts())
@example(("Moet u dat? Heeft u de factuur niet ontvangen?", "nl", None))
@example(("Betaald?!. Waarom is de factuur nog niet betaald?\n\nMoet", "nl", None))
@example(("u moet.\n \nmoet u?\n\nwaarom niet betaald", "nl", {"moeten": "off", "geen-haast": "error"}))
@example(("Straße: u moet betalen, heeft u de factuur misschien niet ontvangen?", "nl", None))
@example(("Mo\u0308et u MOET? You must pay. Did you not receive the invoice?", "en", None))
def test_fast_checker_equals_reference(case):
    """Random call texts get exactly the reference's findings: rules, levels, positions and order."""
    text, language, overrides = case
    assert phrasing.check(text, language=language, overrides=overrides) == reference_check(text, language, overrides)


@given(call_texts())
def test_the_cached_checker_for_equal_overrides_gives_the_same_findings(case):
    """A fresh but equal overrides dict (as the live screen passes on each key) changes nothing."""
    text, language, overrides = case
    first = phrasing.check(text, language=language, overrides=dict(overrides) if overrides else None)
    again = phrasing.check(text, language=language, overrides=dict(overrides) if overrides else None)
    plain = phrasing.checker_for(language, overrides).check(text)
    assert first == again == plain

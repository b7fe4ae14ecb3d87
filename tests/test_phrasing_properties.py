"""Properties of the matcher that must hold for any text a caller can type."""

from __future__ import annotations

import unicodedata

from hypothesis import example, given
from hypothesis import strategies as st

from belscript import phrasing
from belscript.phrasing.text import WORD_RE

#: Dutch words, including rule words and look-alikes, so random texts do produce findings.
VOCABULARY = [
    "u", "je", "jullie", "we", "ik", "moet", "moeten", "moest", "gemoeten", "ontmoet", "moeite", "Moët", "moe",
    "geen", "enkele", "haast", "neem", "gerust", "de", "tijd", "heeft", "factuur", "niet", "ontvangen", "is",
    "aangekomen", "waarom", "nog", "betaald", "overgemaakt", "was", "levering", "naar", "wens", "tevreden",
    "wanneer", "het", "uitkomt", "als", "schikt", "sorry", "dat", "stoor", "zo", "snel", "mogelijk", "één",
    "ideeën", "België", "€", "1.250,00", "zo'n", "e-mail", "Über", "straße",
]
SEPARATORS = [" ", " ", " ", ", ", ". ", "? ", "! ", "\n", "\n\n", " – ", "…", "\t", "-", "'", "„", "”"]

dutchish = st.lists(st.tuples(st.sampled_from(VOCABULARY), st.sampled_from(SEPARATORS)), max_size=40).map(
    lambda pairs: "".join(w + s for w, s in pairs))
any_text = st.one_of(st.text(max_size=300), dutchish)


def _is_word_char(ch: str) -> bool:
    return WORD_RE.fullmatch("a" + ch) is not None and ch not in "'’"


@given(any_text)
@example("Moe\u0308t u moet")
@example("ǰ u MOET İ")
def test_random_text_never_crashes_and_findings_lie_on_word_boundaries(text):
    """Any text gives findings inside the text, starting and ending at word boundaries."""
    for language in ("nl", "en"):
        for f in phrasing.check(text, language=language):
            assert 0 <= f.start < f.end <= len(text)
            assert text[f.start:f.end] == f.match
            assert f.start == 0 or not _is_word_char(text[f.start - 1])
            assert f.end == len(text) or not _is_word_char(text[f.end])
            assert WORD_RE.match(text, f.start) and WORD_RE.match(text, f.start).start() == f.start


def _summary(text: str) -> list[tuple[str, str]]:
    return [(f.rule, unicodedata.normalize("NFC", f.match).casefold()) for f in phrasing.check(text)]


@given(dutchish)
def test_nfc_and_nfd_spellings_give_the_same_findings(text):
    """Composed and decomposed accents are the same text to the checker."""
    assert _summary(unicodedata.normalize("NFD", text)) == _summary(unicodedata.normalize("NFC", text))


@given(dutchish)
def test_case_does_not_matter(text):
    """Upper, lower and mixed case find the same rules on the same words."""
    assert _summary(text.upper()) == _summary(text) == _summary(text.lower())


@given(dutchish, st.sampled_from(["ontmoet", "moeite", "Moët", "moeder", "tegemoet", "vermoeden", "moestuin"]))
def test_adding_a_look_alike_never_adds_a_finding(text, word):
    """Appending a look-alike of "moet" as its own sentence adds no finding."""
    assert _summary(f"{text}\n\n{word}") == _summary(text)


@given(st.text(alphabet=st.characters(min_codepoint=0x2b0, max_codepoint=0xfe40), max_size=20) | any_text)
@example("e\u0301")
@example("\u036f\u1aaf\u1ab0\u20ff\ufe2f\ufe30")
def test_text_with_combining_marks_is_recognised_as_such(text):
    """A line with a combining accent takes the careful word-by-word path, whatever else it holds."""
    import re

    from belscript.phrasing.text import _MARKS, _has_marks

    assert _has_marks(text) == (re.search(f"[{_MARKS}]", text) is not None)


def _both_ways(language: str):
    """Two checkers for ``language`` that differ only in how they find candidate sentences."""
    by_words, by_regex = (phrasing.checker_for(language).with_levels({}) for _ in range(2))
    by_words._scan.short_text = 10**9
    by_regex._scan.short_text = -1
    return by_words, by_regex


BOTH_WAYS = {language: _both_ways(language) for language in ("nl", "en")}


@given(st.one_of(any_text, dutchish.map(lambda t: "moet " + t), dutchish.map(lambda t: t + " moet")))
@example("émoet u betalen? Ja, u moet.")
@example("moet'je u moet_ zo'n moet")
@example("Moet u niet betalen?\n\nU moet.")
def test_short_and_long_texts_are_scanned_to_the_same_findings(text):
    """Splitting a short text into words finds exactly what the trigger regex of long texts finds."""
    for language, (by_words, by_regex) in BOTH_WAYS.items():
        assert by_words.check(text) == by_regex.check(text), language

"""Words and sentences: how the phrasing checker sees a text.

Rules match whole words, never parts of words ("moet" must not fire inside
"ontmoet"), so every rule and every text goes through the same tokeniser. A word is
a run of letters and digits, with combining accents kept and apostrophes inside a word
allowed ("zo'n"); hyphens, underscores and punctuation separate words.

Comparison uses Unicode NFC and case folding, and never strips accents: "Moët" stays
"moët" and is a different word from "moet". Offsets always refer to the caller's
original text, so highlights land on the words the caller typed.
"""

from __future__ import annotations

import bisect
import re
import unicodedata

#: Combining marks that may follow a letter in text that is not NFC-normalised.
_MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_LETTER = rf"[^\W_][{_MARKS}]*"


class LazyPattern:
    """A regular expression compiled at its first use.

    Compiling a pattern with characters beyond Latin-1 in a class costs about a
    millisecond; ``belscript lint -`` on plain text never needs most of them (the
    general word pattern, the marks test, the rule-file syntax), so they wait.
    Attributes (``match``, ``finditer``, ``pattern``…) are the compiled pattern's.
    """

    __slots__ = ("_source", "_compiled")

    def __init__(self, source: str) -> None:
        self._source = source
        self._compiled: re.Pattern[str] | None = None

    def __getattr__(self, name: str):
        if self._compiled is None:
            self._compiled = re.compile(self._source)
        return getattr(self._compiled, name)


#: One word: letters/digits (with their accents), apostrophes allowed between letters.
WORD_RE = LazyPattern(rf"(?:{_LETTER})+(?:['’](?:{_LETTER})+)*")
#: The same for text without combining marks (the fast path): simpler, so faster.
_PLAIN_WORD_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
#: The ranges of :data:`_MARKS`, tested without a regex (compiling a class beyond
#: Latin-1 costs ~0.6 ms, more than ``validate`` spends testing every line).
_MARK_RANGES = (("\u0300", "\u036f"), ("\u1ab0", "\u1aff"), ("\u1dc0", "\u1dff"), ("\u20d0", "\u20ff"),
                ("\ufe20", "\ufe2f"))


def _has_marks(text: str) -> bool:
    """Whether ``text`` holds a combining mark of :data:`_MARKS`."""
    return any(lo <= ch <= hi for ch in set(text) if ch >= "\u0300" for lo, hi in _MARK_RANGES)
#: A sentence ends at ., !, ? or … followed by white space or the end, or at a blank line.
#: Dots between digits ("€ 1.250,00") do not end a sentence. (Written to start with a
#: character class, which the regex engine scans for quickly.)
SENTENCE_END_RE = re.compile(r"[.!?…\n](?:(?<=\n)[ \t\r]*\n|(?<!\n)[.!?…]*(?=[\s\"'”’)»]|$))")
_QUESTION = "?"

# Bound methods: cheaper to call in the per-keystroke path.
_plain_words_iter = _PLAIN_WORD_RE.finditer
#: The words of one-to-one folded text (from :func:`folded_same_length`) as strings,
#: ``plain_words(folded, start, end)``; the same words :func:`tokens` gives, without offsets.
plain_words = _PLAIN_WORD_RE.findall
#: The same words in text without an underscore: ``\w`` is one step for ``re``, the
#: class ``[^\W_]`` two, so this reads script lines and notes about a third faster.
_words_without_underscore = re.compile(r"\w+(?:['’]\w+)*").findall


def plain_words_of(folded: str):
    """The fastest ``findall`` giving :data:`plain_words` of ``folded`` (and its slices)."""
    return plain_words if "_" in folded else _words_without_underscore
_nfc_ok = unicodedata.is_normalized
_normalize = unicodedata.normalize


def normalize_word(word: str) -> str:
    """The comparison key of a word: NFC, case-folded, NFC again (folding can decompose).

    The typographic apostrophe counts as a plain one ("didn’t" is "didn't").
    """
    if word.isascii():
        return word.lower()
    return _normalize("NFC", _normalize("NFC", word).casefold()).replace("’", "'")


def is_word(text: str) -> bool:
    """Whether ``text`` is exactly one word for the tokeniser."""
    return WORD_RE.fullmatch(text) is not None


def folded_same_length(text: str) -> str | None:
    """``text`` folded for comparison when offsets stay one-to-one, else None.

    True for nearly all real text (ASCII, é, ë, €…): then a character index in the
    folded text is the same index in the original, and the fast path can scan the
    folded text with one regular expression. Text with combining marks takes the
    slow path (word by word), which handles them.
    """
    if text.isascii():
        return text.lower()
    low = text.casefold()
    if len(low) == len(text) and _nfc_ok("NFC", text) and _nfc_ok("NFC", low) and not _has_marks(low):
        return low.replace("’", "'")
    return None


def tokens(text: str, folded: str | None, start: int = 0, end: int | None = None) -> list[tuple[str, int, int]]:
    """``(key, start, end)`` for every word of ``text[start:end]``.

    ``folded`` is the one-to-one folded text from :func:`folded_same_length` (keys are
    then slices of it), or None to normalise word by word.
    """
    if end is None:
        end = len(text)
    if folded is not None:
        return [(m.group(), m.start(), m.end()) for m in _plain_words_iter(folded, start, end)]
    return [(normalize_word(m.group()), m.start(), m.end()) for m in WORD_RE.finditer(text, start, end)]


class Sentences:
    """Sentence boundaries of one text, for "inside one sentence" and "only in questions"."""

    __slots__ = ("text", "_ends", "_question")

    def __init__(self, text: str) -> None:
        self.text = text
        ends: list[int] = []
        question: list[bool] = []
        for m in SENTENCE_END_RE.finditer(text):
            ends.append(m.end())
            question.append(_QUESTION in m.group())
        self._ends = ends
        self._question = question

    def index(self, offset: int) -> int:
        """Number of the sentence holding the character at ``offset``."""
        return bisect.bisect_right(self._ends, offset)

    def span(self, number: int) -> tuple[int, int]:
        """``(start, end)`` of sentence ``number`` (end includes its punctuation)."""
        start = self._ends[number - 1] if number > 0 else 0
        end = self._ends[number] if number < len(self._ends) else len(self.text)
        return start, end

    def is_question(self, number: int) -> bool:
        """Whether sentence ``number`` ends with a question mark."""
        return number < len(self._question) and self._question[number]

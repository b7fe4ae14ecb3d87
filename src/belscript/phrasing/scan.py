"""Where to look: the sentences of a text that hold a *trigger* word.

A variant of a rule can only match a sentence that holds a word of each of its slots,
so the checker only walks sentences holding a word of one chosen slot per variant (the
triggers, see :func:`~belscript.phrasing.patterns.trigger_slot`). Most lines have none,
and then checking costs almost nothing. Two ways to find those sentences give the same
findings:

- a short text (a note, a script line, a practice answer) is split into sentences and
  each sentence into words, which are compared with the trigger set. No regular
  expression needs compiling, which is most of what ``belscript validate`` and the first
  warning on the call screen would otherwise spend on it;
- a long text (a file given to ``belscript lint``) is scanned by one regular expression,
  a trie of the trigger words that starts with a separator character, so the regex
  engine skips through the text in C; it is compiled at the first long text.

The regex may stop at a trigger that is not a whole word for the tokeniser (after an
accented letter, before an apostrophe); that only costs a sentence walk that finds
nothing, never a missed finding, because a finding needs the trigger as a whole word.
"""

from __future__ import annotations

import re

from belscript.phrasing.text import SENTENCE_END_RE, plain_words, plain_words_of

__all__ = ["TriggerScan", "trie_pattern"]

_sentence_ends = SENTENCE_END_RE.finditer

#: Texts up to this many characters are split into words instead of scanned by the regex.
SHORT_TEXT = 2000


def trie_pattern(words) -> str | None:
    """A regex matching any of ``words``, shaped as a trie (fast in ``re``); None for no words."""
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        end = "" in node
        alts = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 and not end else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if end else body

    return build(trie) if trie else None


class TriggerScan:
    """The sentences of a folded text that hold a word of ``triggers``."""

    __slots__ = ("triggers", "short_text", "_search", "_match", "_longest")

    def __init__(self, triggers: frozenset[str]) -> None:
        self.triggers = triggers
        #: Longest text still split into words (a test sets it to compare both ways).
        self.short_text = SHORT_TEXT
        self._search = self._match = None
        #: Length of the longest trigger word (see :meth:`_starts_with_trigger`).
        self._longest = max(map(len, triggers), default=0)

    def sentences(self, folded: str):
        """``(start, end, is_question, words)`` of each sentence of ``folded`` (one-to-one
        folded text) that may hold a match, in order."""
        if not self.triggers:
            return ()
        if len(folded) <= self.short_text:
            return self._by_words(folded)
        return self._by_regex(folded)

    def _by_words(self, folded: str):
        triggers = self.triggers
        words_of = plain_words_of(folded)
        start = 0
        for m in _sentence_ends(folded):
            end = m.end()
            words = words_of(folded, start, end)
            if not triggers.isdisjoint(words):
                yield start, end, "?" in m.group(), words
            start = end
        if start < len(folded):
            words = words_of(folded, start, len(folded))
            if not triggers.isdisjoint(words):
                yield start, len(folded), False, words

    def _compile(self) -> None:
        body = trie_pattern(sorted(self.triggers))
        # Starting with a set of characters that cannot lie inside an ASCII word lets
        # ``re`` skip to the next candidate in C. Letters outside ASCII are in the set
        # too: they only cause a few needless candidates, never a missed word. One
        # pattern serves both searches.
        pattern = re.compile(f"[^a-z0-9](?:{body})(?![^\\W_])")
        self._search, self._match = pattern.search, pattern.match

    def _by_regex(self, folded: str):
        if self._search is None:
            self._compile()
        search = self._search
        # Offset of the first trigger word: at the very start, or after a separator.
        if self._starts_with_trigger(folded):
            pos = 0
        else:
            hit = search(folded)
            if hit is None:
                return
            pos = hit.start() + 1
        size = len(folded)
        ends = _sentence_ends(folded)
        start = 0  # of the sentence holding ``pos``: the end of the last sentence end <= pos
        while True:
            for m in ends:
                end = m.end()
                if end > pos:
                    question = "?" in m.group()
                    break
                start = end
            else:
                end, question = size, False
            yield start, end, question, plain_words(folded, start, end)
            if end >= size:
                return
            hit = search(folded, end - 1)  # the character before ``end`` ends a sentence: a separator
            if hit is None:
                return
            pos = hit.start() + 1
            start = end

    def _starts_with_trigger(self, folded: str) -> bool:
        """The text starts with a trigger word: the separator pattern matched against a space
        and the text's first characters (one more than the longest trigger, so the word
        boundary after it is seen)."""
        return self._match(" " + folded[:self._longest + 1]) is not None

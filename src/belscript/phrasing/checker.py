"""The matcher: every rule of a set compiled into one word index and one scan regex.

Checking runs on every keystroke of the live screen, so the common case must cost
almost nothing:

1. the text is case-folded (one-to-one offsets for nearly all real text);
2. one compiled regular expression, a trie of the *anchor* words of all patterns (per
   pattern the position with the rarest words),
   scans it; no hit means no finding, and that is the answer for most lines;
3. only sentences with a hit are split into words, and only the variants indexed under
   the hit word are tried, each a short walk over word sets with bounded gaps.

Exceptions of a rule are only evaluated in a sentence where that rule matched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Mapping

from belscript.phrasing.patterns import Variant, compile_pattern
from belscript.phrasing.rules import LEVELS, Rule
from belscript.phrasing.text import Sentences, folded_same_length, tokens

OFF = "off"


@dataclass(frozen=True, slots=True)
class Finding:
    """One discouraged phrasing found in a text; ``start``/``end`` index the original text."""

    rule: str
    level: str
    start: int
    end: int
    match: str
    message: str
    suggestions: tuple[str, ...]
    reason: str


@dataclass(frozen=True, slots=True)
class _Compiled:
    rule: Rule
    variants: tuple[Variant, ...]
    exceptions: tuple[Variant, ...]


def compile_rules(rules: Iterable[Rule], forms: Mapping[str, frozenset[str]]) -> list[_Compiled]:
    """Expand every rule's patterns and exceptions into plain variants."""
    compiled = []
    for rule in rules:
        rule_forms = dict(forms)
        if rule.lemma is not None:
            rule_forms[rule.lemma] = forms.get(rule.lemma, frozenset({rule.lemma})) | frozenset(rule.extra_forms)
        variants = [v for p in rule.patterns for v in compile_pattern(p, rule_forms, rule.max_gap)]
        exceptions = [v for p in rule.exceptions for v in compile_pattern(p, rule_forms, rule.max_gap)]
        compiled.append(_Compiled(rule, tuple(variants), tuple(exceptions)))
    return compiled


def _trie_regex(words: Iterable[str]) -> re.Pattern:
    """One regex matching any of ``words`` as a whole word, shaped as a trie (fast in ``re``)."""
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

    if not trie:
        return re.compile(r"(?!x)x")  # matches nothing
    return re.compile(rf"(?<![^\W_]){build(trie)}(?![^\W_])")


def _extend(toks: list, i: int, slots: tuple, gaps: tuple, k: int) -> int | None:
    """Index of the word matching the last slot, given slot ``k-1`` matched word ``i``."""
    if k == len(slots):
        return i
    want = slots[k]
    stop = min(len(toks), i + 2 + gaps[k])
    for p in range(i + 1, stop):
        if toks[p][0] in want:
            end = _extend(toks, p, slots, gaps, k + 1)
            if end is not None:
                return end
    return None


def _extend_back(toks: list, i: int, slots: tuple, gaps: tuple, k: int) -> int | None:
    """Index of the word matching slot 0, given slot ``k+1`` matched word ``i`` (nearest first)."""
    want = slots[k]
    stop = max(-1, i - 2 - gaps[k + 1])
    for p in range(i - 1, stop, -1):
        if toks[p][0] in want:
            start = p if k == 0 else _extend_back(toks, p, slots, gaps, k - 1)
            if start is not None:
                return start
    return None


def _match_at(toks: list, i: int, var: Variant) -> tuple[int, int] | None:
    """``(first, last)`` word of a match whose anchor slot is word ``i``, or None.

    Gaps only constrain neighbouring slots, so the part before the anchor and the part
    after it can be searched independently.
    """
    slots = var.slots
    k = var.anchor
    last = len(slots) - 1
    end = i if k == last else _extend(toks, i, slots, var.gaps, k + 1)
    if end is None:
        return None
    start = i if k == 0 else _extend_back(toks, i, slots, var.gaps, k - 1)
    if start is None:
        return None
    return start, end


def _index(variants: Iterable[Variant]) -> dict[str, list[Variant]]:
    """Variants keyed by every word of their anchor slot."""
    index: dict[str, list[Variant]] = {}
    for var in variants:
        for word in var.slots[var.anchor]:
            index.setdefault(word, []).append(var)
    return index


def _spans(toks: list, index: dict[str, list[Variant]], question: bool) -> list[tuple[int, int]]:
    """Every ``(first, last)`` word span in ``toks`` matched by an indexed variant."""
    spans = []
    get = index.get
    for i, tok in enumerate(toks):
        variants = get(tok[0])
        if variants is None:
            continue
        for var in variants:
            if var.question and not question:
                continue
            span = (i, i) if len(var.slots) == 1 else _match_at(toks, i, var)
            if span is not None:
                spans.append(span)
    return spans


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping matches of one rule become one finding ("betaal maar wanneer het u uitkomt")."""
    spans.sort()
    merged = [spans[0]]
    for a, b in spans[1:]:
        last_a, last_b = merged[-1]
        if a <= last_b:
            merged[-1] = (last_a, max(last_b, b))
        else:
            merged.append((a, b))
    return merged


class Checker:
    """A compiled rule set with effective levels; build with :func:`belscript.phrasing.checker_for`."""

    def __init__(self, compiled: list[_Compiled], levels: Mapping[str, str] | None = None) -> None:
        levels = dict(levels or {})
        self._compiled = compiled
        self.rules: list[Rule] = []
        self.levels: dict[str, str] = {}
        index: dict[str, list[tuple[int, Variant]]] = {}
        self._exceptions: list[dict[str, list[Variant]]] = []
        for item in compiled:
            level = levels.get(item.rule.id, item.rule.level)
            if level == OFF:
                continue
            if level not in LEVELS:
                raise ValueError(f"unknown level '{level}' for rule '{item.rule.id}'")
            number = len(self.rules)
            self.rules.append(item.rule)
            self.levels[item.rule.id] = level
            self._exceptions.append(_index(item.exceptions))
            for var in item.variants:
                for word in var.slots[var.anchor]:
                    index.setdefault(word, []).append((number, var))
        self._index = index
        self._triggers = frozenset(index)
        trigger = _trie_regex(index)
        self._search = trigger.search
        self._finditer = trigger.finditer

    def with_levels(self, levels: Mapping[str, str]) -> "Checker":
        """The same rules with some levels changed (``off`` switches a rule off)."""
        return Checker(self._compiled, levels)

    def rule(self, rule_id: str) -> Rule | None:
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        return None

    def check(self, text: str) -> list[Finding]:
        """All findings in ``text``, ordered by position."""
        if not text:
            return []
        folded = folded_same_length(text)
        findings: list[Finding] = []
        if folded is not None:
            hit = self._search(folded)
            if hit is None:
                return findings
            sentences = Sentences(folded)
            numbers = sorted({sentences.index(m.start()) for m in self._finditer(folded, hit.start())})
            for number in numbers:
                start, end = sentences.span(number)
                self._sentence(text, tokens(text, folded, start, end), sentences.is_question(number), findings)
        else:
            words = tokens(text, None)
            triggers = self._triggers
            if not any(w[0] in triggers for w in words):
                return findings
            sentences = Sentences(text)
            groups: dict[int, list] = {}
            for w in words:
                groups.setdefault(sentences.index(w[1]), []).append(w)
            for number, toks in groups.items():
                if any(w[0] in triggers for w in toks):
                    self._sentence(text, toks, sentences.is_question(number), findings)
        if len(findings) > 1:
            findings.sort(key=lambda f: (f.start, f.end, f.rule))
        return findings

    def _sentence(self, text: str, toks: list, question: bool, findings: list[Finding]) -> None:
        """Match one sentence's words; append findings after exceptions and de-duplication."""
        index = self._index
        found: dict[int, list[tuple[int, int]]] = {}
        for i, tok in enumerate(toks):
            entries = index.get(tok[0])
            if entries is None:
                continue
            for number, var in entries:
                if var.question and not question:
                    continue
                span = (i, i) if len(var.slots) == 1 else _match_at(toks, i, var)
                if span is not None:
                    found.setdefault(number, []).append(span)
        for number, spans in found.items():
            exceptions = self._exceptions[number]
            if exceptions:
                blocked = _spans(toks, exceptions, question)
                if blocked:
                    spans = [(a, b) for a, b in spans if not any(x <= b and a <= y for x, y in blocked)]
            if not spans:
                continue
            rule = self.rules[number]
            level = self.levels[rule.id]
            for a, b in _merge(spans):
                start, end = toks[a][1], toks[b][2]
                match = text[start:end]
                findings.append(Finding(rule.id, level, start, end, match, rule.message.replace("{match}", match),
                                        rule.alternatives, rule.reason))

"""The matcher: every rule of a set compiled into one word index.

Checking runs on every keystroke of the live screen, so the common case must cost
almost nothing:

1. the text is case-folded (one-to-one offsets for nearly all real text);
2. only the sentences holding a *trigger* word are looked at (:mod:`belscript.phrasing.scan`).
   A variant can only match a sentence that holds a word of each of its slots, so per
   variant the words of one slot suffice: the slot least likely to occur in call notes
   (:func:`~belscript.phrasing.patterns.trigger_slot`). No trigger means no finding, and
   that is the answer for most lines;
3. such a sentence is split into words (plain strings; character offsets are computed
   afterwards, for the words of a finding only);
4. in that sentence only the variants indexed under a word of their *anchor* slot are
   tried, each a short walk over word sets with bounded gaps.

Exceptions of a rule are only evaluated in a sentence where that rule matched.
Text that cannot be folded one-to-one (combining marks, ß, …) takes a slower path that
normalises word by word and gives the same findings.
"""

from __future__ import annotations

from belscript.document.record import Record, set_field
from belscript.phrasing.patterns import Variant, compile_pattern
from belscript.phrasing.rules import LEVELS, Rule
from belscript.phrasing.scan import TriggerScan
from belscript.phrasing.text import Sentences, folded_same_length, tokens

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (lint - loads this)
if TYPE_CHECKING:  # pragma: no cover
    from collections.abc import Iterable, Mapping

OFF = "off"


class Finding(Record):
    """One discouraged phrasing found in a text; ``start``/``end`` index the original text."""

    __slots__ = ("rule", "level", "start", "end", "match", "message", "suggestions", "reason")
    rule: str
    level: str
    start: int
    end: int
    match: str
    message: str
    suggestions: tuple[str, ...]
    reason: str

    def __init__(self, rule: str, level: str, start: int, end: int, match: str, message: str,
                 suggestions: tuple[str, ...], reason: str) -> None:
        set_field(self, "rule", rule)
        set_field(self, "level", level)
        set_field(self, "start", start)
        set_field(self, "end", end)
        set_field(self, "match", match)
        set_field(self, "message", message)
        set_field(self, "suggestions", suggestions)
        set_field(self, "reason", reason)


class _Compiled(Record):
    __slots__ = ("rule", "variants", "exceptions")
    rule: Rule
    variants: tuple[Variant, ...]
    exceptions: tuple[Variant, ...]

    def __init__(self, rule: Rule, variants: tuple[Variant, ...], exceptions: tuple[Variant, ...]) -> None:
        set_field(self, "rule", rule)
        set_field(self, "variants", variants)
        set_field(self, "exceptions", exceptions)


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


#: Variant data as one flat tuple (read for every candidate word):
#: ``(slots, gaps, anchor, last slot index, question only, witness words or None)``.
_Walk = tuple


def _walk(var: Variant) -> _Walk:
    witness = var.slots[var.witness] if var.witness >= 0 else None
    return (var.slots, var.gaps, var.anchor, len(var.slots) - 1, var.question, witness)


def _extend(words: list[str], i: int, slots: tuple, gaps: tuple, k: int, dead: set) -> int | None:
    """Index of the word matching the last slot, given slot ``k-1`` matched word ``i``.

    ``dead`` remembers ``(word, slot)`` pairs from which no match can be completed, so
    each pair is explored once: the walk is linear in words × slots × gap instead of
    exponential in the number of gaps, with the same (nearest-first) result.
    """
    if k == len(slots):
        return i
    want = slots[k]
    stop = min(len(words), i + 2 + gaps[k])
    for p in range(i + 1, stop):
        if words[p] in want and (p, k) not in dead:
            end = _extend(words, p, slots, gaps, k + 1, dead)
            if end is not None:
                return end
            dead.add((p, k))
    return None


def _extend_back(words: list[str], i: int, slots: tuple, gaps: tuple, k: int, dead: set) -> int | None:
    """Index of the word matching slot 0, given slot ``k+1`` matched word ``i`` (nearest first)."""
    want = slots[k]
    stop = max(-1, i - 2 - gaps[k + 1])
    for p in range(i - 1, stop, -1):
        if words[p] in want and (p, k) not in dead:
            start = p if k == 0 else _extend_back(words, p, slots, gaps, k - 1, dead)
            if start is not None:
                return start
            dead.add((p, k))
    return None


def _match_at(words: list[str], i: int, walk: _Walk, dead: tuple[set, set]) -> tuple[int, int] | None:
    """``(first, last)`` word of a match whose anchor slot is word ``i``, or None.

    Only for variants of two or more slots (a single word matches itself). Gaps only constrain neighbouring slots, so the part before the anchor and the part
    after it can be searched independently. ``dead`` (dead ends forward, backward) is
    shared by every anchor word of one variant in one sentence.
    """
    slots, gaps, k, last, _question, _witness = walk
    end = i if k == last else _extend(words, i, slots, gaps, k + 1, dead[0])
    if end is None:
        return None
    start = i if k == 0 else _extend_back(words, i, slots, gaps, k - 1, dead[1])
    if start is None:
        return None
    return start, end


def _index(variants: Iterable[Variant]) -> dict[str, list[_Walk]]:
    """Variants keyed by every word of their anchor slot."""
    index: dict[str, list[_Walk]] = {}
    for var in variants:
        walk = _walk(var)
        for word in var.slots[var.anchor]:
            index.setdefault(word, []).append(walk)
    return index


def _spans(words: list[str], index: dict[str, list[_Walk]], question: bool) -> list[tuple[int, int]]:
    """Every ``(first, last)`` word span in ``words`` matched by an indexed variant."""
    spans = []
    get = index.get
    present = None
    dead_ends: dict[int, tuple[set, set]] = {}
    for i, word in enumerate(words):
        walks = get(word)
        if walks is None:
            continue
        for walk in walks:
            if walk[4] and not question:
                continue
            witness = walk[5]
            if witness is None:
                spans.append((i, i))
                continue
            if present is None:
                present = set(words)
            if present.isdisjoint(witness):
                continue
            dead = dead_ends.get(id(walk))
            if dead is None:
                dead = dead_ends[id(walk)] = (set(), set())
            span = _match_at(words, i, walk, dead)
            if span is not None:
                spans.append(span)
    return spans


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping matches of one rule become one finding ("betaal maar wanneer het u uitkomt")."""
    if len(spans) == 1:
        return spans
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
        index: dict[str, list[tuple[int, _Walk]]] = {}
        triggers: set[str] = set()
        #: Per rule number: its exception index, and what a finding of it carries.
        self._exceptions: list[dict[str, list[_Walk]]] = []
        self._emit: list[tuple[str, str, str, tuple[str, ...], str]] = []
        for item in compiled:
            level = levels.get(item.rule.id, item.rule.level)
            if level == OFF:
                continue
            if level not in LEVELS:
                raise ValueError(f"unknown level '{level}' for rule '{item.rule.id}'")
            rule = item.rule
            number = len(self.rules)
            self.rules.append(rule)
            self.levels[rule.id] = level
            self._exceptions.append(_index(item.exceptions))
            self._emit.append((rule.id, level, rule.message, rule.alternatives, rule.reason))
            for var in item.variants:
                walk = _walk(var)
                for word in var.slots[var.anchor]:
                    index.setdefault(word, []).append((number, walk))
                triggers |= var.slots[var.trigger]
        self._index = index
        self._triggers = frozenset(triggers)
        self._scan = TriggerScan(self._triggers)

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
        findings: list[Finding] = []
        if not text or not self._triggers:
            return findings
        folded = folded_same_length(text)
        if folded is None:
            return self._check_word_by_word(text)
        for start, _end, question, words in self._scan.sentences(folded):
            found = self._sentence(words, question)
            if found:
                self._add(text, folded, start, words, found, findings)
        if len(findings) > 1:
            findings.sort(key=_position)
        return findings

    def _check_word_by_word(self, text: str) -> list[Finding]:
        """The path for text whose folded form has other offsets: words normalised one by one."""
        findings: list[Finding] = []
        toks = tokens(text, None)
        triggers = self._triggers
        if not any(t[0] in triggers for t in toks):
            return findings
        sentences = Sentences(text)
        groups: dict[int, list] = {}
        for t in toks:
            groups.setdefault(sentences.index(t[1]), []).append(t)
        for number, group in groups.items():
            words = [t[0] for t in group]
            if triggers.isdisjoint(words):
                continue
            for rule_number, spans in self._sentence(words, sentences.is_question(number)):
                for a, b in spans:
                    findings.append(self._finding(text, rule_number, group[a][1], group[b][2]))
        if len(findings) > 1:
            findings.sort(key=_position)
        return findings

    def _sentence(self, words: list[str], question: bool) -> list[tuple[int, list[tuple[int, int]]]]:
        """``(rule number, merged word spans)`` of one sentence, after exceptions."""
        get = self._index.get
        found: dict[int, list[tuple[int, int]]] = {}
        present = None  # the sentence's words as a set, made at the first walk that needs it
        dead_ends: dict[int, tuple[set, set]] = {}  # per variant: dead ends of its walks (see _extend)
        for i, word in enumerate(words):
            entries = get(word)
            if entries is None:
                continue
            for number, walk in entries:
                if walk[4] and not question:
                    continue
                witness = walk[5]
                if witness is None:
                    span = (i, i)
                else:
                    if present is None:
                        present = set(words)
                    if present.isdisjoint(witness):
                        continue
                    dead = dead_ends.get(id(walk))
                    if dead is None:
                        dead = dead_ends[id(walk)] = (set(), set())
                    span = _match_at(words, i, walk, dead)
                    if span is None:
                        continue
                spans = found.get(number)
                if spans is None:
                    found[number] = [span]
                else:
                    spans.append(span)
        if not found:
            return []
        result = []
        for number, spans in found.items():
            exceptions = self._exceptions[number]
            if exceptions:
                blocked = _spans(words, exceptions, question)
                if blocked:
                    spans = [(a, b) for a, b in spans if not any(x <= b and a <= y for x, y in blocked)]
                    if not spans:
                        continue
            result.append((number, _merge(spans)))
        return result

    def _add(self, text: str, folded: str, start: int, words: list[str],
             found: list[tuple[int, list[tuple[int, int]]]], findings: list[Finding]) -> None:
        """Append the findings of one sentence; ``words`` start at offset ``start`` of ``folded``.

        Word offsets are recovered with ``str.find``: between two words lie only characters
        that cannot start a word, so the next occurrence of a word is that word.
        """
        last = max(b for _, spans in found for _, b in spans)
        offsets = []
        find = folded.find
        at = start
        for word in words[:last + 1]:
            at = find(word, at)
            offsets.append(at)
            at += len(word)
        for number, spans in found:
            for a, b in spans:
                findings.append(self._finding(text, number, offsets[a], offsets[b] + len(words[b])))

    def _finding(self, text: str, number: int, start: int, end: int) -> Finding:
        rule_id, level, message, alternatives, reason = self._emit[number]
        match = text[start:end]
        return Finding(rule_id, level, start, end, match, message.replace("{match}", match), alternatives, reason)


def _position(finding: Finding) -> tuple[int, int, str]:
    return finding.start, finding.end, finding.rule

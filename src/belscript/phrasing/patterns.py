"""The small pattern language of phrasing rules.

A pattern is a line of words separated by spaces::

    heeft|hebt u|je … (misschien) niet <ontvangen> ?

- ``word`` matches that word (compared after NFC and case folding, accents kept);
- ``a|b|c`` matches any one of the alternatives;
- ``(word)`` or ``(a|b)`` is optional;
- ``<lemma>`` matches every inflected form of a base word (``<moeten>``: moet, moest,
  moesten, gemoeten, …), taken from the lemma tables;
- ``…`` (or ``...``) allows a gap of up to the rule's ``max_gap`` words, ``…2`` of up
  to two words; gaps never cross the end of a sentence (``sequence`` rules only);
- a final ``?`` makes the pattern match only in a sentence ending with a question mark.

Optional words are expanded into plain variants when the rule set is compiled, so
matching itself only ever compares a word with a set of words.
"""

from __future__ import annotations

import itertools
from functools import lru_cache

from belscript.document.record import Record, set_field
from belscript.errors import BelscriptError
from belscript.phrasing.text import LazyPattern, is_word, normalize_word

_GAP_RE = LazyPattern(r"^(?:\.\.\.|…)(\d*)$")
_LEMMA_RE = LazyPattern(r"^<([^<>\s]+)>$")
#: A pattern with more optional words than this would expand into too many variants.
MAX_OPTIONALS = 8
#: No gap may be longer than this many words.
MAX_GAP = 12
#: No pattern may have more word positions than this (the matcher walks them one by one).
MAX_WORDS = 40
#: Longest word in a pattern: longer than any Dutch word a caller types, and the bound
#: that keeps building the word index (a trie, one level per letter) shallow.
MAX_WORD_LENGTH = 60


class PatternError(BelscriptError, ValueError):
    """A pattern cannot be understood; the message says which part and why."""


class Element(Record):
    """One word position: its alternatives (``("word", w)`` or ``("lemma", l)``).

    ``gap_before``: words that may be skipped before this element; None = the rule's ``max_gap``.
    """

    __slots__ = ("alternatives", "optional", "gap_before")
    alternatives: tuple[tuple[str, str], ...]
    optional: bool
    gap_before: int | None

    def __init__(self, alternatives: tuple[tuple[str, str], ...], optional: bool, gap_before: int | None) -> None:
        set_field(self, "alternatives", alternatives)
        set_field(self, "optional", optional)
        set_field(self, "gap_before", gap_before)


class Pattern(Record):
    """A parsed pattern, before lemmas are expanded."""

    __slots__ = ("source", "elements", "question", "has_gaps")
    source: str
    elements: tuple[Element, ...]
    question: bool
    has_gaps: bool

    def __init__(self, source: str, elements: tuple[Element, ...], question: bool, has_gaps: bool) -> None:
        set_field(self, "source", source)
        set_field(self, "elements", elements)
        set_field(self, "question", question)
        set_field(self, "has_gaps", has_gaps)

    def lemmas(self) -> set[str]:
        return {value for el in self.elements for kind, value in el.alternatives if kind == "lemma"}


class Variant(Record):
    """A pattern without optional parts: word sets in order with maximum gaps between them.

    ``gaps[j]``: words that may be skipped before slot ``j`` (``gaps[0]`` is 0).
    ``anchor``: the slot the index is keyed on, the one with the rarest words (see
    :func:`anchor_slot`). ``trigger``: the slot whose words the checker's pre-filter looks
    for (:func:`trigger_slot`). ``witness``: the rarest slot besides the anchor (-1 for a
    single slot): a sentence without any of its words cannot match, which one set test
    tells before any walk. Both only decide speed, never a result; they are worked out
    here, once, unless given (the shipped rules carry them).
    """

    __slots__ = ("slots", "gaps", "question", "anchor", "trigger", "witness")
    slots: tuple[frozenset[str], ...]
    gaps: tuple[int, ...]
    question: bool
    anchor: int
    trigger: int
    witness: int

    def __init__(self, slots: tuple[frozenset[str], ...], gaps: tuple[int, ...], question: bool,
                 anchor: int = 0, trigger: int | None = None, witness: int | None = None) -> None:
        set_field(self, "slots", slots)
        set_field(self, "gaps", gaps)
        set_field(self, "question", question)
        set_field(self, "anchor", anchor)
        set_field(self, "trigger", trigger_slot(slots) if trigger is None else trigger)
        set_field(self, "witness", _witness_slot(slots, anchor) if witness is None else witness)


def _witness_slot(slots: tuple[frozenset[str], ...], anchor: int) -> int:
    others = [j for j in range(len(slots)) if j != anchor]
    if not others:
        return -1
    return others[trigger_slot(tuple(slots[j] for j in others))]


#: Very frequent words. A pattern is indexed on the slot with the fewest of them, so
#: that the scan for candidate matches rarely stops on ordinary text. Only speed
#: depends on this list, never which texts match.
COMMON_WORDS = frozenset("""
    de het een en van in is dat op te zijn met voor niet aan er die u je jij jullie we wij ik hij zij ze ook als dan
    maar om of bij nog naar wat hoe wanneer waarom tot door uit over kan heeft hebt heb had was waren wordt worden
    zal zou kunnen al dit deze zo geen meer even hier daar nu mijn uw onze ons me mij hem haar hun men iets alles
    goed af wel ja nee
    the a an and of to in is that on for it you we i he she they be have has had was were not with as at by this
    but or if your our my me us do did does can could will would just so no
""".split())


def anchor_slot(slots: tuple[frozenset[str], ...]) -> int:
    """Index of the slot with the fewest common words (then the fewest words)."""
    return min(range(len(slots)), key=lambda i: (len(slots[i] & COMMON_WORDS), len(slots[i]), i))


#: The most frequent of :data:`COMMON_WORDS`: nearly every sentence holds one of them.
EVERYWHERE_WORDS = frozenset("""
    de het een en van in is dat op te zijn u je ik we niet met voor er die
    the a an and of to in is that on for it you we i not with
""".split())
#: Words that are rare in Dutch or English at large but run through many lines of a
#: collection call. The checker's pre-filter avoids them (see :func:`trigger_slot`);
#: like :data:`COMMON_WORDS`, only speed depends on this list.
CALL_WORDS = frozenset("""
    factuur facturen rekening nota bedrag betaling betalingen betaalt betaald betalen overmaken overmaakt
    overgemaakt mail email kopie tijd keer wil wilt willen vragen vraag alle veel lang mogelijk helemaal maakt
    invoice invoices payment pay paid time
""".split())


#: The words of each weight class of :func:`trigger_slot`, disjoint, so a slot's weight is
#: a few set intersections (done in C) instead of a lookup per word form.
_WEIGHTED = ((EVERYWHERE_WORDS, 1000), (COMMON_WORDS - EVERYWHERE_WORDS, 100),
             (CALL_WORDS - COMMON_WORDS - EVERYWHERE_WORDS, 30))


@lru_cache(maxsize=4096)  # variants of one pattern share their word sets
def _slot_weight(words: frozenset[str]) -> int:
    """A rough guess of how often a word of ``words`` occurs in call notes and scripts
    (relative): 1000 for each everywhere-word, 100 for each other common word, 30 for each
    word typical of calls, 1 for any other word."""
    total = len(words)
    for group, weight in _WEIGHTED:
        total += len(words & group) * (weight - 1)
    return total


def trigger_slot(slots: tuple[frozenset[str], ...]) -> int:
    """Index of the slot whose words are expected least often in call notes and scripts.

    A sentence can only match a variant when it holds a word of *every* slot, so the
    checker's pre-filter only needs the words of one slot per variant; the rarer that
    slot, the fewer sentences are looked at in detail. Unlike :func:`anchor_slot`
    (which also decides where a match is searched from, and so which words a finding
    spans) this choice never changes a result, so it weighs words by how often they
    appear in calls about invoices rather than in general text.
    """
    return min(range(len(slots)), key=lambda i: (_slot_weight(slots[i]), len(slots[i]), i))


def parse(source: str) -> Pattern:
    """Parse one pattern line; raise :class:`PatternError` on anything unclear."""
    parts = source.split()
    if not parts:
        raise PatternError("the pattern is empty")
    question = False
    if parts[-1] == "?":
        question = True
        parts = parts[:-1]
    elif parts[-1].endswith("?") and len(parts[-1]) > 1:
        raise PatternError(f"put a space before the final '?' in '{parts[-1]}'")
    elements: list[Element] = []
    pending_gap: int | None = 0
    has_gaps = False
    for part in parts:
        gap = _GAP_RE.match(part)
        if gap:
            if not elements:
                raise PatternError("a pattern cannot start with a gap '…'")
            if pending_gap != 0:
                raise PatternError("two gaps '…' in a row")
            has_gaps = True
            pending_gap = int(gap.group(1)) if gap.group(1) else None
            if pending_gap is not None and not 1 <= pending_gap <= MAX_GAP:
                raise PatternError(f"a gap must be 1 to {MAX_GAP} words, not {pending_gap}")
            continue
        optional = part.startswith("(") and part.endswith(")")
        body = part[1:-1] if optional else part
        if "(" in body or ")" in body:
            raise PatternError(f"'{part}': brackets must enclose a whole word position, e.g. '(even)' or '(de|het)'")
        alternatives = []
        for alt in body.split("|"):
            if len(alt) > MAX_WORD_LENGTH:
                raise PatternError(f"a word of at most {MAX_WORD_LENGTH} letters, not {len(alt)}")
            lemma = _LEMMA_RE.match(alt)
            if lemma:
                alternatives.append(("lemma", normalize_word(lemma.group(1))))
            elif alt == "?":
                raise PatternError("'?' is only allowed as the last part of a pattern")
            elif not alt or not is_word(alt):
                raise PatternError(f"'{alt or part}' is not a single word (words are letters and digits; write alternatives as a|b)")
            else:
                alternatives.append(("word", normalize_word(alt)))
        elements.append(Element(tuple(alternatives), optional, pending_gap))
        pending_gap = 0
    if pending_gap != 0:
        raise PatternError("a pattern cannot end with a gap '…'")
    if not elements:
        raise PatternError("the pattern has no words")
    if all(el.optional for el in elements):
        raise PatternError("at least one word of a pattern must be required (not in brackets)")
    if len(elements) > MAX_WORDS:
        raise PatternError(f"at most {MAX_WORDS} words per pattern, not {len(elements)}; split it into several patterns")
    if sum(el.optional for el in elements) > MAX_OPTIONALS:
        raise PatternError(f"at most {MAX_OPTIONALS} optional words per pattern; split it into several patterns")
    return Pattern(source, tuple(elements), question, has_gaps)


def compile_pattern(pattern: Pattern, forms: dict[str, frozenset[str]], max_gap: int) -> list[Variant]:
    """Expand optional words and lemmas into plain variants.

    ``forms`` maps each lemma of the pattern to all its word forms. Leaving out an
    optional word keeps the gap that stood before it.
    """
    sets = []
    for el in pattern.elements:
        words: set[str] = set()
        for kind, value in el.alternatives:
            if kind == "word":
                words.add(value)
            else:
                words |= forms[value]
        sets.append(frozenset(words))
    # what anchor_slot weighs, once per element instead of once per variant
    weights = [(len(words & COMMON_WORDS), len(words)) for words in sets]
    optional_idx = [i for i, el in enumerate(pattern.elements) if el.optional]
    variants: list[Variant] = []
    seen: set[tuple] = set()
    for keep in itertools.product((True, False), repeat=len(optional_idx)):
        dropped = {i for i, k in zip(optional_idx, keep) if not k}
        slots: list[frozenset[str]] = []
        kept: list[int] = []
        gaps: list[int] = []
        carry = 0
        for i, el in enumerate(pattern.elements):
            gap = max_gap if el.gap_before is None else el.gap_before
            if i in dropped:
                carry += gap
                continue
            slots.append(sets[i])
            kept.append(i)
            gaps.append(0 if not slots[:-1] else min(MAX_GAP, gap + carry))
            carry = 0
        key = (tuple(slots), tuple(gaps))
        if slots and key not in seen:
            seen.add(key)
            anchor = min(range(len(kept)), key=lambda j: (*weights[kept[j]], j))  # = anchor_slot(slots)
            variants.append(Variant(tuple(slots), tuple(gaps), pattern.question, anchor))
    return variants

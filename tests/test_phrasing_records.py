"""The phrasing records and diagnostics behave as the frozen dataclasses they replaced.

They became plain ``__slots__`` classes so that ``belscript lint -`` need not import
``dataclasses``; each is compared here with the dataclass it used to be.
"""

from __future__ import annotations

import copy
import pickle
from dataclasses import FrozenInstanceError, dataclass, field

import pytest
from hypothesis import given
from hypothesis import strategies as st

from belscript.document.diagnostics import Diagnostic
from belscript.phrasing import patterns
from belscript.phrasing.checker import Finding
from belscript.phrasing.lint import Silenced
from belscript.phrasing.patterns import Element, Pattern, Variant, parse
from belscript.phrasing.rules import Rule, RuleFile


@dataclass(frozen=True, slots=True)
class OldDiagnostic:
    path: str
    line: int
    column: int
    level: str
    message: str
    code: str
    end_column: int | None = None
    extra: dict = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True, slots=True)
class OldFinding:
    rule: str
    level: str
    start: int
    end: int
    match: str
    message: str
    suggestions: tuple[str, ...]
    reason: str


@dataclass(frozen=True, slots=True)
class OldSilenced:
    path: str
    line: int
    column: int
    rule: str
    match: str


@dataclass(frozen=True, slots=True)
class OldVariant:
    slots: tuple
    gaps: tuple
    question: bool
    anchor: int = 0
    trigger: int = 0  # added since: the slot the pre-filter looks for
    witness: int = -1  # added since: the slot tested before a walk


def _pairs():
    """The same values built as each new record and as its old dataclass."""
    diag = ("a.yaml", 3, 7, "warning", "„moet” klinkt dwingend", "moeten", 11)
    finding = ("moeten", "warning", 2, 6, "moet", "„moet”", ("Wanneer kunt u betalen?",), "Waarom.")
    silenced = ("a.yaml", 4, 9, "moeten", "moet")
    variant = ((frozenset({"moet"}), frozenset({"u"})), (0, 2), False, 1, 0, 0)
    return [
        (Diagnostic(*diag, extra={"rule": "moeten"}), OldDiagnostic(*diag, extra={"rule": "moeten"}), Diagnostic, OldDiagnostic, diag),
        (Finding(*finding), OldFinding(*finding), Finding, OldFinding, finding),
        (Silenced(*silenced), OldSilenced(*silenced), Silenced, OldSilenced, silenced),
        (Variant(*variant), OldVariant(*variant), Variant, OldVariant, variant),
    ]


def _renamed(text: str, old: type, new: type) -> str:
    return text.replace(old.__qualname__, new.__qualname__, 1)


@pytest.mark.parametrize("new, old, new_cls, old_cls, values", _pairs(), ids=lambda v: getattr(v, "__name__", ""))
def test_records_read_repr_compare_and_hash_as_their_dataclasses_did(new, old, new_cls, old_cls, values):
    """A diagnostic, finding, silenced finding or variant prints, compares and hashes exactly as before."""
    assert repr(new) == _renamed(repr(old), old_cls, new_cls)
    assert hash(new) == hash(old)
    assert new == new_cls(*values) and not new != new_cls(*values)
    changed = list(values)
    changed[1] = changed[1] * 2 + changed[1][:1] if not isinstance(changed[1], int) else changed[1] + 1
    assert new != new_cls(*changed)
    assert new != old  # another class is never equal, as with dataclasses
    assert new.__match_args__ == old.__match_args__


@pytest.mark.parametrize("new, old, new_cls, old_cls, values", _pairs(), ids=lambda v: getattr(v, "__name__", ""))
def test_records_cannot_be_changed_but_can_be_copied_and_pickled(new, old, new_cls, old_cls, values):
    """Assigning to a field fails as it did; copies and pickles come back equal."""
    name = new_cls.__slots__[1]
    with pytest.raises(FrozenInstanceError, match=f"cannot assign to field '{name}'"):
        setattr(old, name, 99)
    with pytest.raises(AttributeError, match=f"cannot assign to field '{name}'"):
        setattr(new, name, 99)
    with pytest.raises(AttributeError, match=f"cannot delete field '{name}'"):
        delattr(new, name)
    assert copy.copy(new) == new and copy.deepcopy(new) == new
    assert pickle.loads(pickle.dumps(new)) == new


def test_a_diagnostic_ignores_its_extra_when_compared_but_shows_it_in_as_dict():
    """Two diagnostics at one place with one message are equal whatever their context; JSON output has the context."""
    a = Diagnostic("a.yaml", 1, 2, "error", "m", "c", extra={"step": "begin"})
    b = Diagnostic("a.yaml", 1, 2, "error", "m", "c")
    assert a == b and hash(a) == hash(b) and b.extra == {}
    assert a.as_dict() == {"path": "a.yaml", "line": 1, "column": 2, "level": "error", "message": "m", "code": "c",
                           "end_column": None, "step": "begin"}
    nested = Diagnostic("a", 1, 1, "error", "m", "c", extra={"trap": ["x"]})
    nested.as_dict()["trap"].append("y")
    assert nested.extra == {"trap": ["x"]}


def test_rules_patterns_and_rule_files_keep_their_keyword_constructors_and_equality():
    """A rule built with keywords equals one built the same way, and a rule file compares by value."""
    pattern = parse("geen (enkele) haast")
    assert pattern == parse("geen (enkele) haast") and isinstance(pattern.elements[0], Element)
    assert repr(pattern).startswith("Pattern(source='geen (enkele) haast', elements=(Element(alternatives=")
    kwargs = dict(id="geen-haast", level="error", kind="phrase", message="„{match}”", alternatives=("Nu?",),
                  reason="r", patterns=(pattern,), origin="x.yaml:3")
    rule = Rule(**kwargs)
    assert rule == Rule(**kwargs) and hash(rule) == hash(Rule(**kwargs))
    assert rule.max_gap == 3 and rule.exceptions == () and rule.lemma is None
    assert repr(rule).startswith("Rule(id='geen-haast', level='error', kind='phrase',")
    first = RuleFile("x.yaml", "nl", [rule])
    assert first == RuleFile("x.yaml", "nl", [Rule(**kwargs)], [])
    first.warnings.append(Diagnostic("x.yaml", 1, 1, "warning", "w", "c"))  # the loader adds warnings later
    assert first != RuleFile("x.yaml", "nl", [rule])
    with pytest.raises(TypeError):
        hash(first)
    assert isinstance(Pattern, type)


words = st.sampled_from(sorted(patterns.COMMON_WORDS | patterns.CALL_WORDS) + ["moet", "haast", "ontvangen", "x"])
word_sets = st.frozensets(words, min_size=1, max_size=12)


@given(st.lists(word_sets, min_size=1, max_size=6).map(tuple))
def test_the_trigger_slot_is_the_slot_with_the_rarest_words_by_the_per_word_weights(slots):
    """The checker pre-filters on the slot the documented per-word weights call rarest."""
    def weight(word: str) -> int:
        if word in patterns.EVERYWHERE_WORDS:
            return 1000
        if word in patterns.COMMON_WORDS:
            return 100
        return 30 if word in patterns.CALL_WORDS else 1

    expected = min(range(len(slots)), key=lambda i: (sum(map(weight, slots[i])), len(slots[i]), i))
    assert patterns.trigger_slot(slots) == expected


@given(st.lists(st.tuples(st.sampled_from(["de", "u", "moet", "haast", "factuur", "geen|enkele", "<moeten>"]),
                          st.booleans()), min_size=1, max_size=5))
def test_each_variant_is_indexed_on_the_slot_with_the_fewest_common_words(parts):
    """Compiling a pattern picks every variant's anchor exactly as anchor_slot does."""
    if all(optional for _, optional in parts):
        parts[0] = (parts[0][0], False)
    pattern = parse(" ".join(f"({w})" if optional else w for w, optional in parts))
    forms = {"moeten": frozenset({"moeten", "moet", "moest", "gemoeten"})}
    for variant in patterns.compile_pattern(pattern, forms, 3):
        assert variant.anchor == patterns.anchor_slot(variant.slots)

"""Phrasing rules as data: the rule file format and its validation.

A rule file is YAML::

    language: nl
    rules:
      - id: geen-haast
        level: error                 # error | warning | suggestion
        kind: phrase                 # lemma | phrase | sequence
        patterns: ["geen (enkele) haast"]
        message: "„{match}” geeft de klant alle ruimte om niet te betalen."
        alternatives: ["Kunt u het bedrag deze week overmaken?"]
        reason: "Waarom dit niet werkt, uit de praktijk."
        exceptions: []               # patterns that suppress a match where they overlap it
        examples:
          bad: ["Het heeft geen haast hoor."]      # must be flagged by this rule
          good: ["Wanneer kunt u betalen?"]         # must not be flagged by this rule

Built-in files and user files (``belscript lint --rules FILE``) share this format, the
safe YAML loader and this validation; every problem comes back as a diagnostic with
the line and column in the rule file, all at once.
"""

from __future__ import annotations


from belscript.document.diagnostics import Diagnostic, did_you_mean
from belscript.document.record import Record, set_field
from belscript.errors import InvalidDocument
from belscript.phrasing.patterns import MAX_GAP, Pattern, PatternError, parse
from belscript.phrasing.text import LazyPattern, is_word, normalize_word

LEVELS = ("error", "warning", "suggestion")
KINDS = ("lemma", "phrase", "sequence")
LANGUAGES = ("nl", "en")
DEFAULT_MAX_GAP = 3
_ID_RE = LazyPattern(r"^[a-z0-9][a-z0-9_-]*$")

_RULE_KEYS = (
    "id", "title", "level", "kind", "lemma", "extra_forms", "patterns", "message", "alternatives",
    "reason", "exceptions", "questions_only", "max_gap", "examples",
)
_TOP_KEYS = ("language", "rules")
_TRUE = {"true", "yes", "ja", "on"}
_FALSE = {"false", "no", "nee", "off"}

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (lint - loads this)
if TYPE_CHECKING:  # pragma: no cover
    from os import PathLike


class Rule(Record):
    """One discouraged phrasing, the better alternatives, and why.

    ``origin`` is where the rule was defined (``path:line``), for messages about the rule itself.
    """

    __slots__ = ("id", "level", "kind", "message", "alternatives", "reason", "patterns", "exceptions",
                 "extra_forms", "lemma", "questions_only", "max_gap", "title", "examples_bad",
                 "examples_good", "origin")
    id: str
    level: str
    kind: str
    message: str
    alternatives: tuple[str, ...]
    reason: str
    patterns: tuple[Pattern, ...]
    exceptions: tuple[Pattern, ...]
    extra_forms: tuple[str, ...]
    lemma: str | None
    questions_only: bool
    max_gap: int
    title: str
    examples_bad: tuple[str, ...]
    examples_good: tuple[str, ...]
    origin: str

    def __init__(self, id: str, level: str, kind: str, message: str, alternatives: tuple[str, ...], reason: str,
                 patterns: tuple[Pattern, ...], exceptions: tuple[Pattern, ...] = (),
                 extra_forms: tuple[str, ...] = (), lemma: str | None = None, questions_only: bool = False,
                 max_gap: int = DEFAULT_MAX_GAP, title: str = "", examples_bad: tuple[str, ...] = (),
                 examples_good: tuple[str, ...] = (), origin: str = "") -> None:
        for name, value in zip(self.__slots__, (
                id, level, kind, message, alternatives, reason, patterns, exceptions, extra_forms, lemma,
                questions_only, max_gap, title, examples_bad, examples_good, origin)):
            set_field(self, name, value)

    def lemmas(self) -> set[str]:
        found: set[str] = set()
        for pattern in self.patterns + self.exceptions:
            found |= pattern.lemmas()
        return found


class RuleFile:
    """A loaded rule file: its rules and any non-fatal remarks about it (mutable: the
    loader of user rule files adds warnings)."""

    __slots__ = ("path", "language", "rules", "warnings")
    __match_args__ = __slots__
    __hash__ = None  # type: ignore[assignment]  # mutable, compared by value

    def __init__(self, path: str, language: str, rules: list[Rule], warnings: list[Diagnostic] | None = None) -> None:
        self.path = path
        self.language = language
        self.rules = rules
        self.warnings = [] if warnings is None else warnings

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            return (self.path, self.language, self.rules, self.warnings) == (
                other.path, other.language, other.rules, other.warnings)  # type: ignore[attr-defined]
        return NotImplemented

    def __repr__(self) -> str:
        return (f"RuleFile(path={self.path!r}, language={self.language!r}, rules={self.rules!r}, "
                f"warnings={self.warnings!r})")


def load_rule_file(path: str | PathLike, *, default_language: str = "nl") -> RuleFile:
    """Read and validate a rule file; raise InvalidDocument listing every problem."""
    from belscript.document import yamlsafe

    data, source = yamlsafe.load_file(path)
    return rules_from_data(data, source, str(path), default_language=default_language)


class _Collector:
    """Gathers diagnostics with positions from the source map."""

    def __init__(self, source, name: str) -> None:
        self.source = source
        self.name = name
        self.items: list[Diagnostic] = []

    def add(self, path: tuple, message: str, code: str, *, level: str = "error", at_key: bool = False) -> None:
        line, col = (self.source.key_pos(path) if at_key else self.source.value_pos(path)) if self.source else (1, 1)
        self.items.append(Diagnostic(self.name, line, col, level, message, code))

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.items if d.level == "error"]


def rules_from_data(data, source, name: str, *, default_language: str = "nl") -> RuleFile:
    """Turn loaded YAML (strings, lists, mappings) into rules, validating everything."""
    out = _Collector(source, name)
    if not isinstance(data, dict):
        out.add((), "a rule file is a mapping with 'rules:' (and optionally 'language:')", "rule-file-format")
        raise InvalidDocument(out.items)
    for key in data:
        if key not in _TOP_KEYS:
            out.add((key,), f"unknown key '{key}'{did_you_mean(key, _TOP_KEYS)}", "rule-unknown-key", at_key=True)
    language = data.get("language") or default_language
    if language not in LANGUAGES:
        out.add(("language",), f"language must be one of {', '.join(LANGUAGES)}, not '{language}'", "rule-bad-value")
        language = default_language
    raw_rules = data.get("rules")
    if not isinstance(raw_rules, list) or not raw_rules:
        out.add(("rules",) if "rules" in data else (), "'rules:' must be a non-empty list of rules", "rule-file-format")
        raise InvalidDocument(out.items)
    rules: list[Rule] = []
    seen: dict[str, int] = {}
    for i, raw in enumerate(raw_rules):
        rule = _rule(raw, ("rules", i), out, name)
        if rule is None:
            continue
        if rule.id in seen:
            out.add(("rules", i, "id"), f"rule id '{rule.id}' is used twice (first in rule {seen[rule.id] + 1})",
                    "rule-duplicate-id")
            continue
        seen[rule.id] = i
        rules.append(rule)
    if out.errors:
        raise InvalidDocument(out.items)
    return RuleFile(name, language, rules, out.items)


def _text(raw: dict, key: str, path: tuple, out: _Collector, *, required: bool = True) -> str | None:
    value = raw.get(key)
    if value is None:
        if required:
            out.add(path, f"rule needs '{key}:'", "rule-missing-key", at_key=True)
        return None
    if not isinstance(value, str) or not value.strip():
        out.add(path + (key,), f"'{key}' must be a non-empty text", "rule-bad-value")
        return None
    return value.strip()


def _texts(raw: dict, key: str, path: tuple, out: _Collector, *, required: bool) -> list[str]:
    value = raw.get(key)
    if value is None:
        if required:
            out.add(path, f"rule needs '{key}:' (a list)", "rule-missing-key", at_key=True)
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        out.add(path + (key,), f"'{key}' must be a list of non-empty texts", "rule-bad-value")
        return []
    if required and not value:
        out.add(path + (key,), f"'{key}' needs at least one entry", "rule-bad-value")
    return [v.strip() for v in value]


def _patterns(texts: list[str], key: str, path: tuple, out: _Collector, *, allow_gaps: bool) -> list[Pattern]:
    parsed = []
    for j, text in enumerate(texts):
        try:
            pattern = parse(text)
        except PatternError as exc:
            out.add(path + (key, j), f"pattern '{text}': {exc}", "rule-bad-pattern")
            continue
        if pattern.has_gaps and not allow_gaps:
            out.add(path + (key, j), f"pattern '{text}' has a gap '…'; gaps need 'kind: sequence'", "rule-bad-pattern")
            continue
        parsed.append(pattern)
    return parsed


def _rule(raw, path: tuple, out: _Collector, name: str) -> Rule | None:
    if not isinstance(raw, dict):
        out.add(path, "each rule is a mapping with id, level, kind, message, alternatives, reason, examples", "rule-file-format")
        return None
    before = len(out.errors)
    for key in raw:
        if key not in _RULE_KEYS:
            out.add(path + (key,), f"unknown key '{key}'{did_you_mean(key, _RULE_KEYS)}", "rule-unknown-key", at_key=True)
    rule_id = _text(raw, "id", path, out)
    if rule_id is not None and not _ID_RE.match(rule_id):
        out.add(path + ("id",), f"rule id '{rule_id}' may only use a-z, 0-9, '-' and '_'", "rule-bad-value")
    level = _text(raw, "level", path, out)
    if level is not None and level not in LEVELS:
        out.add(path + ("level",), f"level must be one of {', '.join(LEVELS)}, not '{level}'{did_you_mean(level, LEVELS)}",
                "rule-bad-value")
    kind = _text(raw, "kind", path, out)
    if kind is not None and kind not in KINDS:
        out.add(path + ("kind",), f"kind must be one of {', '.join(KINDS)}, not '{kind}'{did_you_mean(kind, KINDS)}",
                "rule-bad-value")
    message = _text(raw, "message", path, out)
    if message is not None and "{match}" not in message:
        out.add(path + ("message",), "the message must name the matched words with '{match}'", "rule-bad-value")
    reason = _text(raw, "reason", path, out)
    title = _text(raw, "title", path, out, required=False) or ""
    alternatives = _texts(raw, "alternatives", path, out, required=True)
    questions_only = _flag(raw, "questions_only", path, out)
    max_gap = _number(raw, "max_gap", path, out, kind)

    lemma, extra_forms, patterns = None, [], []
    if kind == "lemma":
        lemma, extra_forms, patterns = _lemma(raw, path, out, questions_only)
    elif kind in ("phrase", "sequence"):
        patterns = _phrases(raw, path, out, kind, questions_only)
    exceptions = _patterns(_texts(raw, "exceptions", path, out, required=False), "exceptions", path, out, allow_gaps=True)

    bad, good = _examples(raw, path, out)

    if len(out.errors) > before:
        return None
    line, _ = out.source.key_pos(path) if out.source else (1, 1)
    return Rule(
        id=rule_id, level=level, kind=kind, message=message, alternatives=tuple(alternatives), reason=reason,
        patterns=tuple(patterns), exceptions=tuple(exceptions), extra_forms=tuple(extra_forms), lemma=lemma,
        questions_only=questions_only, max_gap=max_gap if max_gap is not None else DEFAULT_MAX_GAP, title=title,
        examples_bad=tuple(bad), examples_good=tuple(good), origin=f"{name}:{line}",
    )


def _lemma(raw: dict, path: tuple, out: _Collector, questions_only: bool) -> tuple[str | None, list[str], list[Pattern]]:
    """A lemma rule's word (normalised), its extra forms, and the one pattern matching every form."""
    lemma = None
    patterns: list[Pattern] = []
    if "patterns" in raw:
        out.add(path + ("patterns",), "a lemma rule has 'lemma:' instead of 'patterns:'", "rule-bad-value", at_key=True)
    lemma = _text(raw, "lemma", path, out)
    if lemma is not None and not is_word(lemma):
        out.add(path + ("lemma",), f"'{lemma}' is not a single word", "rule-bad-value")
    elif lemma is not None:
        lemma = normalize_word(lemma)
        patterns = [parse(f"<{lemma}>" + (" ?" if questions_only else ""))]
    extra_forms = _texts(raw, "extra_forms", path, out, required=False)
    for j, form in enumerate(extra_forms):
        if not is_word(form):
            out.add(path + ("extra_forms", j), f"'{form}' is not a single word", "rule-bad-value")
    return lemma, [normalize_word(f) for f in extra_forms if is_word(f)], patterns


def _phrases(raw: dict, path: tuple, out: _Collector, kind: str, questions_only: bool) -> list[Pattern]:
    """The patterns of a phrase or sequence rule (only a sequence may have gaps)."""
    for key in ("lemma", "extra_forms"):
        if key in raw:
            out.add(path + (key,), f"'{key}' is only for 'kind: lemma'; use <word> inside a pattern",
                    "rule-bad-value", at_key=True)
    texts = _texts(raw, "patterns", path, out, required=True)
    if questions_only:
        texts = [t if t.split()[-1] == "?" else f"{t} ?" for t in texts]
    return _patterns(texts, "patterns", path, out, allow_gaps=kind == "sequence")


def _examples(raw: dict, path: tuple, out: _Collector) -> tuple[list[str], list[str]]:
    """The rule's ``examples:``: bad sentences it must flag and good ones it must leave alone."""
    examples = raw.get("examples")
    if examples is None:
        out.add(path, "rule needs 'examples:' with 'bad:' and 'good:' sentences", "rule-missing-key", at_key=True)
        return [], []
    if not isinstance(examples, dict):
        out.add(path + ("examples",), "'examples' must be a mapping with 'bad:' and 'good:'", "rule-bad-value")
        return [], []
    for key in examples:
        if key not in ("bad", "good"):
            out.add(path + ("examples", key), f"unknown key '{key}' (use 'bad' and 'good')", "rule-unknown-key", at_key=True)
    return (_texts(examples, "bad", path + ("examples",), out, required=True),
            _texts(examples, "good", path + ("examples",), out, required=True))


def _flag(raw: dict, key: str, path: tuple, out: _Collector) -> bool:
    value = raw.get(key)
    if value is None:
        return False
    text = str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    out.add(path + (key,), f"'{key}' must be true or false, not '{value}'", "rule-bad-value")
    return False


def _number(raw: dict, key: str, path: tuple, out: _Collector, kind: str | None) -> int | None:
    value = raw.get(key)
    if value is None:
        return None
    if kind != "sequence":
        out.add(path + (key,), f"'{key}' only applies to 'kind: sequence'", "rule-bad-value", at_key=True)
        return None
    text = str(value).strip()
    if not text.isdigit() or not 1 <= int(text) <= MAX_GAP:
        out.add(path + (key,), f"'{key}' must be a whole number from 1 to {MAX_GAP}, not '{value}'", "rule-bad-value")
        return None
    return int(text)

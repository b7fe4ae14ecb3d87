"""The built-in rule sets in a precompiled form, so checking wording needs no YAML.

``belscript lint -`` and the first warning on the call screen need the built-in rules;
reading ``data/phrasing/<language>.yaml`` means importing PyYAML and validating every
rule, which costs more than the check itself. The same rules, already parsed, are
shipped as ``data/phrasing/<language>.rules.json`` (written by
``scripts/gen_phrasing_forms.py``, like the lemma forms). That file records the size and
CRC-32 of the YAML it was made from: when the YAML has changed since, the precompiled
form is ignored and the YAML is read as before (still correct, only slower), and a
test fails until the file is regenerated.

The file also holds the rules already expanded into the matcher's variants (the
lemmas replaced by their forms from ``<language>.forms.json``, optional words left out
or not), so building the built-in checker skips :func:`~belscript.phrasing.checker.compile_rules`.
Those variants record the size and CRC-32 of the forms file they were made from and are
ignored (the rules compiled as before) when it has changed.
"""

from __future__ import annotations

import json
import os
import zlib

from belscript.phrasing.checker import _Compiled
from belscript.phrasing.patterns import Element, Pattern, Variant
from belscript.phrasing.rules import Rule, RuleFile

#: Bumped whenever the shape of the precompiled document changes.
FORMAT = 2

#: The documents :func:`load` accepted, by YAML path, for :func:`compiled_rules`.
_LOADED: dict[str, dict] = {}

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (lint - loads this)
if TYPE_CHECKING:  # pragma: no cover
    from pathlib import Path


def precompiled_path(yaml_path: str | Path) -> str | Path:
    """``nl.yaml`` -> ``nl.rules.json`` next to it (text for text, a ``Path`` for a ``Path``)."""
    if isinstance(yaml_path, str):
        return os.path.splitext(yaml_path)[0] + ".rules.json"
    return yaml_path.with_name(yaml_path.stem + ".rules.json")


def _read(path: str | Path, mode: str = "rb"):
    with open(path, mode, **({} if "b" in mode else {"encoding": "utf-8"})) as handle:
        return handle.read()


def _fingerprint(data: bytes) -> dict:
    return {"size": len(data), "crc32": zlib.crc32(data)}


def _pattern(p: Pattern) -> list:
    return [p.source, p.question, p.has_gaps,
            [[[list(a) for a in el.alternatives], el.optional, el.gap_before] for el in p.elements]]


def _unpattern(data: list) -> Pattern:
    source, question, has_gaps, elements = data
    return Pattern(source, tuple(Element(tuple((kind, value) for kind, value in alternatives), optional, gap)
                                 for alternatives, optional, gap in elements), question, has_gaps)


def _compiled_document(compiled: list[_Compiled], forms_bytes: bytes) -> dict:
    """The variants of ``compiled`` with their word sets numbered (each set stored once)."""
    sets: list[list[str]] = []
    numbers: dict[frozenset[str], int] = {}

    def number(words: frozenset[str]) -> int:
        if words not in numbers:
            numbers[words] = len(sets)
            sets.append(sorted(words))
        return numbers[words]

    def variant(v: Variant) -> list:
        return [[number(words) for words in v.slots], list(v.gaps), v.question, v.anchor]

    rules = [[[variant(v) for v in item.variants], [variant(v) for v in item.exceptions]] for item in compiled]
    return {"forms": _fingerprint(forms_bytes), "sets": sets, "rules": rules}


def document(rule_file: RuleFile, yaml_bytes: bytes, compiled: list[_Compiled], forms_bytes: bytes) -> dict:
    """The precompiled form of ``rule_file``, read from ``yaml_bytes``, with its rules
    ``compiled`` using the forms file ``forms_bytes``."""
    if rule_file.warnings:
        raise ValueError(f"{rule_file.path}: a built-in rule file must load without warnings")
    rules = []
    for rule in rule_file.rules:
        rules.append({
            "id": rule.id, "level": rule.level, "kind": rule.kind, "message": rule.message,
            "alternatives": list(rule.alternatives), "reason": rule.reason,
            "patterns": [_pattern(p) for p in rule.patterns], "exceptions": [_pattern(p) for p in rule.exceptions],
            "extra_forms": list(rule.extra_forms), "lemma": rule.lemma, "questions_only": rule.questions_only,
            "max_gap": rule.max_gap, "title": rule.title, "examples_bad": list(rule.examples_bad),
            "examples_good": list(rule.examples_good), "line": int(rule.origin.rsplit(":", 1)[1]),
        })
    return {"format": FORMAT, "generated_by": "scripts/gen_phrasing_forms.py", "source": _fingerprint(yaml_bytes),
            "language": rule_file.language, "rules": rules, "compiled": _compiled_document(compiled, forms_bytes)}


def from_document(data: dict, name: str) -> RuleFile:
    """The rule file of a precompiled document, as if ``name`` had been read."""
    rules = []
    for r in data["rules"]:
        rules.append(Rule(
            id=r["id"], level=r["level"], kind=r["kind"], message=r["message"],
            alternatives=tuple(r["alternatives"]), reason=r["reason"],
            patterns=tuple(_unpattern(p) for p in r["patterns"]),
            exceptions=tuple(_unpattern(p) for p in r["exceptions"]),
            extra_forms=tuple(r["extra_forms"]), lemma=r["lemma"], questions_only=r["questions_only"],
            max_gap=r["max_gap"], title=r["title"], examples_bad=tuple(r["examples_bad"]),
            examples_good=tuple(r["examples_good"]), origin=f"{name}:{r['line']}",
        ))
    return RuleFile(name, data["language"], rules)


def load(yaml_path: str | Path) -> RuleFile | None:
    """The precompiled rules of ``yaml_path`` when they were made from exactly this file, else None."""
    try:
        source = _read(yaml_path)
        data = json.loads(_read(precompiled_path(yaml_path), "r"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("source") != _fingerprint(source):
        return None
    _LOADED[str(yaml_path)] = data
    return from_document(data, str(yaml_path))


def compiled_rules(yaml_path: str | Path, rules: list[Rule], forms_path: str) -> list[_Compiled] | None:
    """The shipped variants of ``rules`` (the rules :func:`load` gave for ``yaml_path``),
    or None when they were not loaded or the forms file has changed since."""
    data = _LOADED.get(str(yaml_path))
    part = data.get("compiled") if data is not None else None
    if part is None or [r["id"] for r in data["rules"]] != [rule.id for rule in rules]:
        return None
    try:
        forms_bytes = _read(forms_path)
    except OSError:
        return None
    if part["forms"] != _fingerprint(forms_bytes):
        return None
    sets = [frozenset(words) for words in part["sets"]]

    def variant(data: list) -> Variant:
        slots, gaps, question, anchor = data
        return Variant(tuple([sets[i] for i in slots]), tuple(gaps), question, anchor)

    return [_Compiled(rule, tuple([variant(v) for v in variants]), tuple([variant(v) for v in exceptions]))
            for rule, (variants, exceptions) in zip(rules, part["rules"])]


def write(rule_file: RuleFile, yaml_path: str | Path, compiled: list[_Compiled], forms_path: str) -> str:
    """Write the precompiled form of ``rule_file`` (read from ``yaml_path``, its rules
    ``compiled`` with the forms in ``forms_path``); returns its path."""
    path = precompiled_path(yaml_path)
    doc = document(rule_file, _read(yaml_path), compiled, _read(forms_path))
    text = json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n"
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)
    return str(path)

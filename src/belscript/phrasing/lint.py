"""Phrasing findings as diagnostics: for plain text and for the lines of a script.

A script's findings point at the word inside the YAML string (``PATH:LINE:COL``),
follow the script's ``phrasing:`` overrides, and can be silenced on one line with a
comment::

    say: "Dan moet u even bellen."   # belscript: allow moeten

The comment silences the named rules (comma- or space-separated) on its own line; on
the line of a key whose value is a block (``say: |  # belscript: allow moeten``) it
covers the whole block. Silenced findings are not reported but can be listed
(``belscript lint --list-silenced``), so nothing is hidden for good.

Only a real YAML comment silences. The same characters *inside* a ``|`` or ``>`` block
or a quoted string are part of the text the caller reads on screen, so they silence
nothing and get a warning of their own.

In tips, words between quotation marks are not checked: a tip that quotes what *not*
to say ("Zeg niet „u moet”") is good advice, not a mistake.
"""

from __future__ import annotations

import bisect
import re

from belscript.document.diagnostics import Diagnostic, did_you_mean
from belscript.document.record import Record, set_field
from belscript.phrasing.checker import Finding
from belscript.phrasing.ruleset import builtin_rule_ids, checker_for
from belscript.phrasing.text import LazyPattern

ALLOW_RE = LazyPattern(r"#\s*belscript:\s*allow\b[ \t]*([^\n#]*)")
_QUOTED_RE = LazyPattern(
    r"„[^”“\n]*[”“]|“[^”\n]*”|‘[^’\n]*’|\"[^\"\n]*\"|«[^»\n]*»|(?<![^\W_])'[^'\n]*'(?![^\W_])"
)


class Silenced(Record):
    """A finding that a ``# belscript: allow`` comment switched off."""

    __slots__ = ("path", "line", "column", "rule", "match")
    path: str
    line: int
    column: int
    rule: str
    match: str

    def __init__(self, path: str, line: int, column: int, rule: str, match: str) -> None:
        set_field(self, "path", path)
        set_field(self, "line", line)
        set_field(self, "column", column)
        set_field(self, "rule", rule)
        set_field(self, "match", match)

    def format(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: silenced: „{self.match}” [{self.rule}]"

    def as_dict(self) -> dict:
        return {"path": self.path, "line": self.line, "column": self.column, "rule": self.rule, "match": self.match}


def allow_comments(text: str) -> dict[int, tuple[int, frozenset[str]]]:
    """1-based line -> (column where the comment starts, rule ids it allows)."""
    found: dict[int, tuple[int, frozenset[str]]] = {}
    if "belscript:" not in text:
        return found
    matches = list(ALLOW_RE.finditer(text))  # a script's "belscript: 1" is no comment
    if not matches:
        return found
    starts = _line_starts(text)
    for m in matches:
        line = bisect.bisect_right(starts, m.start())
        ids = frozenset(part for part in re.split(r"[,\s]+", m.group(1).strip()) if part)
        found[line] = (m.start() - starts[line - 1] + 1, ids)
    return found


def yaml_allow_comments(text: str) -> tuple[dict[int, tuple[int, frozenset[str]]], list[tuple[int, int]]]:
    """Like :func:`allow_comments` for a YAML file, but only for real comments.

    Returns the comments by line, and the ``(line, column)`` of every
    ``# belscript: allow`` that sits inside a string value (a block scalar's content or a
    quoted string): those are text, not comments. The scalars' extents come from
    PyYAML's scanner, which counts characters like the regular expression does.
    """
    found = allow_comments(text)
    if not found:
        return found, []
    import yaml

    spans: list[tuple[int, int]] = []
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if not isinstance(token, yaml.ScalarToken):
                continue
            start, end = token.start_mark.index, token.end_mark.index
            if token.style in ("|", ">"):
                header_end = text.find("\n", start)
                start = end if header_end == -1 else header_end + 1  # the header line holds real comments
            if start < end:
                spans.append((start, end))
    except yaml.YAMLError:
        return found, []  # the loader reports broken YAML; keep every marker as a comment
    if not spans:
        return found, []
    spans.sort()
    starts = _line_starts(text)
    span_starts = [a for a, _b in spans]
    misplaced: list[tuple[int, int]] = []
    for line, (column, _ids) in list(found.items()):
        index = starts[line - 1] + column - 1
        i = bisect.bisect_right(span_starts, index) - 1
        if i >= 0 and spans[i][0] <= index < spans[i][1]:
            del found[line]
            misplaced.append((line, column))
    return found, sorted(misplaced)


def _line_starts(text: str) -> list[int]:
    starts = [0]
    find = text.find
    i = find("\n")
    while i != -1:
        starts.append(i + 1)
        i = find("\n", i + 1)
    return starts


_BETTER = {"nl": "Beter", "en": "Better"}


def _diagnostic(path: str, line: int, column: int, end_line: int, end_column: int, finding: Finding,
                language: str) -> Diagnostic:
    """The rule's message plus its first alternative, so a one-line report already helps."""
    message = finding.message
    if finding.suggestions:
        message = f"{message} {_BETTER.get(language, 'Beter')}: {finding.suggestions[0]}"
    return Diagnostic(
        path, line, column, finding.level, message, finding.rule,
        end_column=end_column if end_line == line else None,
        extra={"rule": finding.rule, "match": finding.match, "suggestions": list(finding.suggestions),
               "reason": finding.reason, "end_line": end_line, "end_column": end_column},
    )


def _unknown_allows(path: str, allows: dict, known: frozenset[str]) -> list[Diagnostic]:
    out = []
    for line, (column, ids) in sorted(allows.items()):
        if not ids:
            out.append(Diagnostic(path, line, column, "warning",
                                  "'# belscript: allow' needs the rule ids to silence, e.g. '# belscript: allow moeten'",
                                  "phrasing-allow"))
        for rule_id in sorted(ids - known):
            hint = did_you_mean(rule_id, list(known))
            out.append(Diagnostic(path, line, column, "warning",
                                  f"unknown phrasing rule '{rule_id}' in silencing comment{hint}", "phrasing-allow"))
    return out


def lint_text(text: str, path: str = "<stdin>", *, language: str = "nl", overrides=None, rule_files=(),
              silenced: list[Silenced] | None = None) -> list[Diagnostic]:
    """Diagnostics for every finding in a plain text, with 1-based line and column.

    ``end_column`` is the column just after the match (None when the match continues
    on a later line; ``end_line``/``end_column`` in ``extra`` always give the end).
    """
    checker = checker_for(language, overrides, rule_files=rule_files)
    findings = checker.check(text)
    allows = allow_comments(text)
    starts = _line_starts(text)
    out: list[Diagnostic] = _unknown_allows(path, allows, frozenset(r.id for r in checker.rules)) if allows else []
    for f in findings:
        line = bisect.bisect_right(starts, f.start)
        column = f.start - starts[line - 1] + 1
        end_line = bisect.bisect_right(starts, f.end - 1)
        end_column = f.end - starts[end_line - 1] + 1
        allow = allows.get(line)
        if allow is not None:
            if column >= allow[0]:
                continue  # inside the silencing comment itself
            if f.rule in allow[1]:
                if silenced is not None:
                    silenced.append(Silenced(path, line, column, f.rule, f.match))
                continue
        out.append(_diagnostic(path, line, column, end_line, end_column, f, language))
    return out


def spoken_texts(script) -> list[tuple[tuple, str, bool]]:
    """``(yaml path, text, is_tip)`` for every line a script gives the caller to say, and its tips."""
    texts: list[tuple[tuple, str, bool]] = []
    for section, items in (("steps", script.steps), ("excuses", script.excuses)):
        for item_id, item in items.items():
            base = (section, item_id)
            if item.say:
                texts.append((base + ("say",), item.say, False))
            texts.extend((base + ("tips", i), tip, True) for i, tip in enumerate(item.tips))
            texts.extend((base + ("options", i, "say"), option.say, False)
                         for i, option in enumerate(item.options) if option.say)
    return texts


def _doc_text(source, path: tuple, cache: dict) -> tuple[str, str]:
    """The file (name, text) that holds ``path``; scripts that extend others span several files."""
    name = source.file_of(path)
    if name not in cache:
        entry = getattr(source, "entries", {}).get(tuple(path))
        text = entry[6].text if entry is not None and hasattr(entry[6], "text") else None
        if text is None:
            try:
                with open(name, encoding="utf-8") as fh:
                    text = fh.read()
            except OSError:
                text = ""
        cache[name] = yaml_allow_comments(text)
    return name, cache[name][0]


def _misplaced_allows(name: str, places: list[tuple[int, int]]) -> list[Diagnostic]:
    return [Diagnostic(name, line, column, "warning",
                       "'# belscript: allow' inside a text block or quoted string is part of what the caller "
                       "reads, not a comment, and silences nothing; put it after the key instead "
                       "(say: |  # belscript: allow RULE)", "phrasing-allow")
            for line, column in places]


def lint_script(loaded, *, rule_files=(), silenced: list[Silenced] | None = None) -> list[Diagnostic]:
    """Phrasing diagnostics for every spoken line and tip of a loaded script.

    Uses the script's language and ``phrasing:`` overrides; positions are the word's
    line and column in the YAML file (``LoadedScript.source.text_pos``).
    """
    script = loaded.script
    source = loaded.source
    checker = checker_for(script.language, script.phrasing, rule_files=rule_files)
    known = frozenset(builtin_rule_ids(script.language)) | frozenset(checker.levels)
    allow_cache: dict[str, dict] = {}
    _doc_text(source, (), allow_cache)  # the script's own file, for unknown ids in comments
    out: list[Diagnostic] = []
    for ypath, text, is_tip in spoken_texts(script):
        findings = checker.check(text)
        if not findings:
            continue
        if is_tip:
            quoted = [m.span() for m in _QUOTED_RE.finditer(text)]
            findings = [f for f in findings if not any(a <= f.start and f.end <= b for a, b in quoted)]
        name, allows = _doc_text(source, ypath, allow_cache)
        key_line = source.key_pos(ypath)[0]
        for f in findings:
            line, column = source.text_pos(ypath, f.start)
            end_line, last = source.text_pos(ypath, f.end - 1)
            allowed = allows.get(line, (0, frozenset()))[1] | allows.get(key_line, (0, frozenset()))[1]
            if f.rule in allowed:
                if silenced is not None:
                    silenced.append(Silenced(name, line, column, f.rule, f.match))
                continue
            out.append(_diagnostic(name, line, column, end_line, last + 1, f, script.language))
    for name, (allows, misplaced) in allow_cache.items():
        out.extend(_unknown_allows(name, allows, known))
        out.extend(_misplaced_allows(name, misplaced))
    return out

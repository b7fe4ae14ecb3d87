"""Checks that every name a script uses exists: steps, excuses, conditions, actions, fields.

A typo in ``go: afsluitng`` would otherwise only show up in the middle of a real call.
These checks work on the parsed YAML (not the validated model), so they run even when
the schema check found problems elsewhere and an author sees everything at once.
Each problem points at the offending value; for ``{fields}`` inside a text, at the
column of the field itself.
"""

from __future__ import annotations

import re

from belscript.document.diagnostics import Diagnostic, did_you_mean
from belscript.templates import TEMPLATE_FIELDS
from belscript.document.source import SourceMap
from belscript.script.vocabulary import ACTIONS, CONDITIONS

#: Anything in braces that looks like it was meant as a field.
_PLACEHOLDER = re.compile(r"\{([^{}\n]{1,40})\}")
_FIELD_NAME = re.compile(r"^[a-z_]+$")
#: Same pattern as ``models.Id``; a value that is not even a valid id is reported by the schema check.
_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


class _Checker:
    def __init__(self, raw: dict, source: SourceMap, path: str) -> None:
        self.raw = raw
        self.source = source
        self.path = path
        self.out: list[Diagnostic] = []
        steps = raw.get("steps")
        excuses = raw.get("excuses")
        # dicts keep the order (for suggestions) and answer ``in`` in constant time
        self.steps = steps if isinstance(steps, dict) else {}
        self.excuses = excuses if isinstance(excuses, dict) else {}

    def error(self, loc: tuple, at: tuple[int, int], message: str, code: str, **extra) -> None:
        path = self.source.file_for(loc, self.path)  # inherited parts (extends:) live in the base file
        self.out.append(Diagnostic(path, at[0], at[1], "error", message, code, extra=extra))

    def name_in(self, loc: tuple, value: object, known: dict, what: str, code: str) -> None:
        if value.__class__ is not str or value in known or not _ID.match(value):
            return
        if what == "step" and not known and not isinstance(self.raw.get("steps"), dict):
            return  # no steps at all: the schema check already says so
        self.error(loc, self.source.value_pos(loc), f"unknown {what} '{value}'{did_you_mean(value, known)}", code)

    def actions(self, loc: tuple, value: object) -> None:
        if isinstance(value, list):
            for i, name in enumerate(value):
                self.name_in(loc + (i,), name, ACTIONS, "action", "unknown-action")

    def option(self, loc: tuple, option: object) -> None:
        if not isinstance(option, dict):
            return
        self.name_in(loc + ("go",), option.get("go"), self.steps, "step", "unknown-step")
        self.name_in(loc + ("excuse",), option.get("excuse"), self.excuses, "excuse", "unknown-excuse")
        self.name_in(loc + ("when",), option.get("when"), CONDITIONS, "condition", "unknown-condition")
        self.actions(loc + ("do",), option.get("do"))

    def options(self, loc: tuple, options: object) -> None:
        if isinstance(options, list):
            for i, option in enumerate(options):
                self.option(loc + (i,), option)

    def run(self, known_rules) -> list[Diagnostic]:
        raw = self.raw
        self.name_in(("start",), raw.get("start"), self.steps, "step", "unknown-step")
        steps = raw.get("steps")
        if isinstance(steps, dict):
            for sid, step in steps.items():
                if isinstance(step, dict):
                    self.actions(("steps", sid, "do"), step.get("do"))
                    self.options(("steps", sid, "options"), step.get("options"))
        excuses = raw.get("excuses")
        if isinstance(excuses, dict):
            for eid, excuse in excuses.items():
                if isinstance(excuse, dict):
                    self.name_in(("excuses", eid, "go"), excuse.get("go"), self.steps, "step", "unknown-step")
                    self.actions(("excuses", eid, "do"), excuse.get("do"))
                    self.options(("excuses", eid, "options"), excuse.get("options"))
        for top in ("steps", "excuses", "agreement"):
            if top in raw:
                self.fields((top,), raw[top])
        phrasing = raw.get("phrasing")
        if known_rules is not None and isinstance(phrasing, dict):
            for rule in phrasing:
                if rule not in known_rules:
                    self.error(("phrasing", rule), self.source.key_pos(("phrasing", rule)),
                               f"unknown phrasing rule '{rule}'{did_you_mean(rule, sorted(known_rules))}", "unknown-rule")
        return self.out

    def fields(self, loc: tuple, value: object) -> None:
        """Check ``{field}`` placeholders in every text below ``loc`` (iteratively)."""
        todo = [(loc, value)]
        while todo:
            here, node = todo.pop()
            if isinstance(node, str):
                if "{" in node:
                    self.text(here, node)
            elif isinstance(node, dict):
                todo.extend((here + (k,), v) for k, v in node.items())
            elif isinstance(node, list):
                todo.extend((here + (i,), v) for i, v in enumerate(node))

    def text(self, loc: tuple, text: str) -> None:
        for m in _PLACEHOLDER.finditer(text):
            name = m.group(1)
            if _FIELD_NAME.match(name) and name in TEMPLATE_FIELDS:
                continue
            if "|" in name:
                self.alternatives(loc, m, name)
                continue
            line, col = self.source.text_pos(loc, m.start())
            end_line, end_col = self.source.text_pos(loc, m.end())
            self.out.append(Diagnostic(self.source.file_for(loc, self.path), line, col, "error",
                                       f"unknown field '{{{name}}}'{did_you_mean(name, TEMPLATE_FIELDS)}",
                                       "unknown-field", end_col if end_line == line else None, {"field": name}))

    def alternatives(self, loc: tuple, m: re.Match[str], inner: str) -> None:
        """A ``{u-form|je-form}`` choice must have exactly two alternatives."""
        problem = _alternatives_problem(inner)
        if problem is None:
            return
        line, col = self.source.text_pos(loc, m.start())
        end_line, end_col = self.source.text_pos(loc, m.end())
        self.out.append(Diagnostic(self.source.file_for(loc, self.path), line, col, "error", problem,
                                   "bad-alternatives", end_col if end_line == line else None))


def _alternatives_problem(inner: str) -> str | None:
    """What is wrong with ``{…|…}`` (the two forms of address), or None."""
    parts = inner.split("|")
    if len(parts) != 2:
        return (f"'{{{inner}}}' has {len(parts)} alternatives; write the two forms of address as "
                f"{{u-form|je-form}}, e.g. {{Kunt u|Kun je}}")
    if not parts[0].strip() and not parts[1].strip():
        return f"'{{{inner}}}' has two empty alternatives; write {{u-form|je-form}}, e.g. {{uw|je}}"
    return None


def check_references(raw: object, source: SourceMap, path: str, *,
                     known_rules: set[str] | frozenset[str] | None = None) -> list[Diagnostic]:
    """All reference problems in a parsed script (empty list when every name resolves).

    ``known_rules`` are the phrasing rule ids; when None, override ids are not checked.
    """
    if not isinstance(raw, dict):
        return []
    return _Checker(raw, source, path).run(known_rules)

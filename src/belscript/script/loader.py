"""Load a belscript: safe YAML, pydantic validation, reference checks, all with positions.

``load_script(path)`` is what the engine, the live screen and the authoring tools use.
It either returns a :class:`LoadedScript` (the validated :class:`Script` plus the
:class:`SourceMap` that says where everything is in the file) or raises
:class:`InvalidDocument` holding *every* problem found, each pointing at the
offending key or value, so an author can fix them all in one go.
"""

from __future__ import annotations

import gc
import importlib
import os
import types
import typing
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from pydantic import BaseModel, ValidationError

from belscript.diagnostics import Diagnostic, did_you_mean
from belscript.document_kind import shape_problem
from belscript.errors import InvalidDocument, UsageError
from belscript.script import builtin
from belscript.script.models import FORMAT_VERSION, Script
from belscript.script.references import check_references
from belscript.script.source import SourceMap
from belscript.script.yamlsafe import load_file, parse, read_text


@dataclass(frozen=True)
class LoadedScript:
    """A validated script together with where each of its parts sits in the file(s)."""

    script: Script
    path: str
    source: SourceMap

    @property
    def text(self) -> str:
        """The text of the script's own file as it was loaded (kept in the call log)."""
        return self.source.doc.text


def load_script(path: str | os.PathLike, *, known_rules: set[str] | frozenset[str] | None = None) -> LoadedScript:
    """Load and check one script file.

    Raises :class:`InputError` when the file cannot be read and
    :class:`InvalidDocument` with all diagnostics when it has problems.
    ``known_rules``, when given, also checks the ids of phrasing overrides.
    """
    raw, source = load_file(path)
    loaded, problems = check_script(raw, source, str(path), known_rules=known_rules)
    if loaded is None:
        raise InvalidDocument(problems)
    return loaded


def load_builtin(name: str) -> LoadedScript:
    """Load a built-in script by name (``eerste-gesprek``, ``servicegesprek``, …)."""
    return load_script(builtin.builtin_path(name))


def builtin_names() -> list[str]:
    """Names of the built-in scripts, the default one first."""
    return builtin.builtin_names()


def resolve_script(name_or_path: str | os.PathLike | None) -> LoadedScript:
    """A file path, or the name of a built-in script; ``None`` gives the default script."""
    if name_or_path is None:
        return load_builtin(builtin.DEFAULT_SCRIPT)
    text = str(name_or_path)
    looks_like_path = (
        isinstance(name_or_path, Path) or os.sep in text or "/" in text
        or text.endswith((".yaml", ".yml", ".json")) or os.path.exists(text)
    )
    if looks_like_path:
        return load_script(text)
    if text in builtin.builtin_names():
        return load_builtin(text)
    raise UsageError(f"'{text}' is neither a file nor a built-in script{did_you_mean(text, builtin.builtin_names(), cutoff=builtin.SUGGEST_CUTOFF)}",
                     hint="Built-in scripts: " + ", ".join(builtin.builtin_names()))


def parse_script_text(text: str, name: str = "<string>", *,
                      known_rules: set[str] | frozenset[str] | None = None) -> tuple[LoadedScript | None, list[Diagnostic]]:
    """Check a script given as text (tests, editors); never raises for bad input."""
    raw, source, problems = parse(text, name)
    if problems:
        return None, problems
    return check_script(raw, source, name, known_rules=known_rules)


def check_script(raw: object, source: SourceMap, path: str, *,
                 known_rules: set[str] | frozenset[str] | None = None,
                 partial: bool = False) -> tuple[LoadedScript | None, list[Diagnostic]]:
    """Validate parsed YAML as a script; return ``(loaded or None, diagnostics)``.

    ``loaded`` is None when there is at least one error. Schema problems and reference
    problems are both collected, so one run shows everything. With ``partial`` the
    script is returned whenever its structure is valid, even with reference errors,
    so ``validate`` can still run the phrasing and graph checks and report those too.
    """
    problem = shape_problem(raw, "script", path, source)
    if problem is not None:
        return None, [problem]
    problems: list[Diagnostic] = []
    if "extends" in raw:
        raw, source, extra = _apply_extends(raw, source, path)
        problems.extend(extra)
        if extra and any(d.level == "error" for d in extra):
            return None, problems
    if isinstance(raw.get("belscript"), str) and raw["belscript"].strip().isdigit():
        raw = dict(raw)
        raw["belscript"] = int(raw["belscript"])
    script: Script | None = None
    collecting = gc.isenabled()
    gc.disable()  # model objects hold no cycles; see yamlsafe.parse
    try:
        try:
            script = Script.model_validate(raw)
        except ValidationError as exc:
            problems.extend(pydantic_diagnostics(exc, source, path, Script))
        problems.extend(check_references(raw, source, path, known_rules=known_rules))
    finally:
        if collecting:
            gc.enable()
    if script is None or (not partial and any(d.level == "error" for d in problems)):
        return None, problems
    return LoadedScript(script=script, path=path, source=source), problems


def _apply_extends(raw: dict, source: SourceMap, path: str) -> tuple[dict, SourceMap, list[Diagnostic]]:
    """Merge the base script in (``belscript.script.extends``, imported here: it imports us)."""
    extends = importlib.import_module("belscript.script.extends")

    try:
        new_raw, new_source = extends.apply(raw, source, path)
    except InvalidDocument as exc:
        return raw, source, list(exc.diagnostics)
    return new_raw, new_source, []


# -- pydantic errors -> diagnostics --------------------------------------------------

_ID_HELP = "use lowercase letters, digits, '-' and '_', no spaces"


def describe(path: tuple) -> str:
    """A readable name for a place in a script: ``step 'opening'``, ``option 2 of step 'x'``."""
    if len(path) >= 2 and path[0] in ("steps", "excuses"):
        kind = "step" if path[0] == "steps" else "excuse"
        what = f"{kind} '{path[1]}'"
        if len(path) >= 4 and path[2] == "options" and isinstance(path[3], int):
            what = f"option {path[3] + 1} of {what}"
        return what
    if path and path[0] == "agreement":
        return "the agreement policy"
    if len(path) >= 2 and path[0] == "phrasing":
        return f"phrasing override '{path[1]}'"
    if not path:
        return ""
    dotted = "".join(f"[{p + 1}]" if isinstance(p, int) else (f".{p}" if i else str(p)) for i, p in enumerate(path))
    return f"'{dotted}'"


def _unwrap(tp):
    """Strip ``Annotated`` and ``X | None`` so the structural type remains."""
    while True:
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            tp = typing.get_args(tp)[0]
            continue
        if origin is typing.Union or origin is types.UnionType:
            args = [a for a in typing.get_args(tp) if a is not type(None)]
            tp = args[0] if args else tp
            if len(args) == 1:
                continue
        return tp


def model_at(root: type[BaseModel], loc: tuple):
    """The type found at ``loc`` inside ``root`` (a model class, list, dict, enum…)."""
    tp = root
    for part in loc:
        tp = _unwrap(tp)
        origin = typing.get_origin(tp)
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            field = tp.model_fields.get(part) if isinstance(part, str) else None
            if field is None:
                return None
            tp = field.annotation
        elif origin in (list, tuple, set, frozenset):
            tp = typing.get_args(tp)[0]
        elif origin is dict:
            tp = typing.get_args(tp)[1]
        else:
            return None
    return _unwrap(tp)


def _kind_of(value: object) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f"'{value}'"


def _expected_values(root: type[BaseModel], loc: tuple) -> list[str]:
    tp = model_at(root, loc)
    if isinstance(tp, type) and issubclass(tp, Enum):
        return [m.value for m in tp]
    if typing.get_origin(tp) is typing.Literal:
        return [str(a) for a in typing.get_args(tp)]
    return []


def pydantic_diagnostics(exc: ValidationError, source: SourceMap, path: str,
                         root: type[BaseModel]) -> list[Diagnostic]:
    """Turn pydantic's errors into diagnostics that point into the file."""
    out: list[Diagnostic] = []
    for err in exc.errors(include_url=False):
        loc = tuple(err["loc"])
        kind = err["type"]
        value = err.get("input")
        ctx = err.get("ctx") or {}
        on_key = False
        if loc and loc[-1] == "[key]":
            loc = loc[:-1]
            on_key = True
        where = describe(loc[:-1] if kind in ("missing", "extra_forbidden") else loc)
        code = "invalid-value"
        if kind == "missing":
            parent, field = loc[:-1], loc[-1]
            line, col = source.key_pos(parent) if parent else (1, 1)
            message = f"missing required key '{field}'" + (f" in {where}" if where else "")
            code = "missing-key"
        elif kind == "extra_forbidden":
            parent, key = loc[:-1], loc[-1]
            model = model_at(root, parent)
            fields = list(model.model_fields) if isinstance(model, type) and issubclass(model, BaseModel) else []
            line, col = source.key_pos(loc)
            hint = did_you_mean(key, fields)
            if not hint and fields:
                hint = "; expected one of: " + ", ".join(fields)
            message = f"unknown key '{key}'" + (f" in {where}" if where else "") + hint
            code = "unknown-key"
        else:
            line, col = source.key_pos(loc) if on_key else source.value_pos(loc)
            if loc not in source:
                line, col = source.key_pos(loc)
            message, code = _value_message(kind, err, value, ctx, loc, on_key, root)
            if code == "wrong-type":
                key = next((p for p in reversed(loc) if isinstance(p, str)), None)
                message = f"'{key}' {message}" if key else message
        out.append(Diagnostic(source.file_for(loc, path), line, col, "error", message, code))
    return out


def _value_message(kind: str, err: dict, value: object, ctx: dict, loc: tuple, on_key: bool,
                   root: type[BaseModel]) -> tuple[str, str]:
    msg = err["msg"]
    if kind == "string_pattern_mismatch":
        what = "name" if not on_key else {"steps": "step id", "excuses": "excuse id", "phrasing": "rule id"}.get(
            loc[0] if loc else "", "name")
        return f"'{value}' is not a valid {what}: {_ID_HELP}", "invalid-name"
    if kind in ("literal_error", "enum"):
        choices = _expected_values(root, loc)
        if loc == ("belscript",):
            return f"'{value}' is not a format version this belscript reads; write 'belscript: {FORMAT_VERSION}'", "invalid-value"
        hint = did_you_mean(value, choices)
        listed = ", ".join(choices) if choices else ctx.get("expected", "")
        return f"{_kind_of(value)} is not allowed here{hint or ''}" + (f" (expected one of: {listed})" if not hint else ""), "invalid-value"
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return f"expects a whole number, got {_kind_of(value)}", "wrong-type"
    if kind in ("bool_parsing", "bool_type"):
        return f"expects true or false, got {_kind_of(value)}", "wrong-type"
    if kind in ("string_type",):
        return f"expects text, got {_kind_of(value)}", "wrong-type"
    if kind in ("list_type",):
        return f"expects a list (lines starting with '- '), got {_kind_of(value)}", "wrong-type"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return f"expects keys with values, got {_kind_of(value)}", "wrong-type"
    if kind in ("date_from_datetime_parsing", "date_parsing", "date_type", "date_from_datetime_inexact"):
        return f"expects a date such as 2026-11-23, got {_kind_of(value)}", "wrong-type"
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        bound = {"greater_than_equal": ("at least", "ge"), "greater_than": ("more than", "gt"),
                 "less_than_equal": ("at most", "le"), "less_than": ("less than", "lt")}[kind]
        return f"must be {bound[0]} {ctx.get(bound[1])}, got {_kind_of(value)}", "invalid-value"
    if kind == "string_too_long":
        return f"text is too long (at most {ctx.get('max_length')} characters)", "invalid-value"
    if kind in ("too_short",):
        return "needs at least one entry", "invalid-value"
    if kind == "value_error":
        text = str(ctx.get("error", msg))
        return text, "invalid-value"
    if msg.startswith("Value error, "):
        msg = msg[len("Value error, "):]
    if msg.startswith("Input should be "):
        msg = "should be " + msg[len("Input should be "):]
    return msg, "invalid-value"


# re-exported for callers that only need one import
__all__ = [
    "LoadedScript", "load_script", "load_builtin", "builtin_names", "resolve_script",
    "check_script", "parse_script_text", "pydantic_diagnostics", "did_you_mean", "read_text",
]

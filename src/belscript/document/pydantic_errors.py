"""Pydantic validation errors as diagnostics: one per problem, at the offending key or
value, in words an author understands ("step 'x' needs 'say'", "expected one of …").

Used by every loader of a YAML document (scripts, customer files, personas, escalation
ladders and rates), so it knows nothing of how a document is read.
"""

from __future__ import annotations

import types
import typing
from enum import Enum

from pydantic import BaseModel, ValidationError

from belscript.document.diagnostics import Diagnostic, did_you_mean
from belscript.document.source import SourceMap


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
        if loc == ("belscript",) and choices:  # the format version of a script
            return f"'{value}' is not a format version this belscript reads; write 'belscript: {choices[-1]}'", "invalid-value"
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


__all__ = ["describe", "model_at", "pydantic_diagnostics"]

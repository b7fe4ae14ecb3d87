"""Compiler-style diagnostics: ``PATH:LINE:COL: level: message [code]``.

One diagnostic per problem, all problems at once; the same data renders as text for
people and as JSON for editors and scripts (yamllint and compilers do the same).
Lines and columns are 1-based.
"""

from __future__ import annotations

from belscript.document.record import Record, set_field

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (lint and validate load this)
if TYPE_CHECKING:  # pragma: no cover
    from collections.abc import Iterable
    from typing import Literal

    Level = Literal["error", "warning", "suggestion"]

LEVEL_ORDER = {"error": 0, "warning": 1, "suggestion": 2}


class Diagnostic(Record):
    """One problem at one place in one file.

    ``extra`` is optional structured context (step id, excuse id, rule id, matched text,
    suggestions…); it is shown by ``as_dict`` and ``repr`` but not compared or hashed.
    """

    __slots__ = ("path", "line", "column", "level", "message", "code", "end_column", "extra")
    _compared = ("path", "line", "column", "level", "message", "code", "end_column")
    path: str
    line: int
    column: int
    level: Level
    message: str
    code: str
    end_column: int | None
    extra: dict

    def __init__(self, path: str, line: int, column: int, level: Level, message: str, code: str,
                 end_column: int | None = None, extra: dict | None = None) -> None:
        set_field(self, "path", path)
        set_field(self, "line", line)
        set_field(self, "column", column)
        set_field(self, "level", level)
        set_field(self, "message", message)
        set_field(self, "code", code)
        set_field(self, "end_column", end_column)
        set_field(self, "extra", {} if extra is None else extra)

    def format(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.level}: {self.message} [{self.code}]"

    def as_dict(self) -> dict:
        """The fields and then ``extra``'s entries, as one mapping (a deep copy, for JSON)."""
        from copy import deepcopy

        data = {name: getattr(self, name) for name in self._compared}
        data.update(deepcopy(self.extra))
        return data


def sort_key(d: Diagnostic) -> tuple:
    return (d.path, d.line, d.column, LEVEL_ORDER[d.level], d.code)


def render(diagnostics: Iterable[Diagnostic], fmt: str = "text") -> str:
    """Render diagnostics sorted by place; ``fmt`` is ``text`` or ``json``."""
    items = sorted(diagnostics, key=sort_key)
    if fmt == "json":
        import json

        return json.dumps([d.as_dict() for d in items], ensure_ascii=False, indent=2, default=str)
    return "\n".join(d.format() for d in items)


def did_you_mean(word: object, candidates: Iterable[str], *, cutoff: float = 0.6) -> str:
    """``"; did you mean 'x'?"`` for the closest candidate, or ``""``.

    Shared by every "unknown name" message so suggestions read the same everywhere. A
    miss is retried lower-cased with spaces as underscores (``Full Payment`` finds
    ``full_payment``); a value that is not text gets no suggestion.
    """
    if not isinstance(word, str):
        return ""
    import difflib

    pool = list(candidates)
    close = difflib.get_close_matches(word, pool, n=1, cutoff=cutoff) or difflib.get_close_matches(
        word.strip().lower().replace(" ", "_"), pool, n=1, cutoff=cutoff)
    return f"; did you mean '{close[0]}'?" if close else ""

"""What a check reports: a place in the script (a YAML path) and a message.

Checks know nothing about files and line numbers; :func:`belscript.script.verify.verify`
turns each finding into a :class:`~belscript.document.diagnostics.Diagnostic` through the
script's source map, so the same check works for a script that inherits parts of
another file (the place then lies in that other file).
"""

from __future__ import annotations

from typing import Literal

from belscript.document.record import Record, set_field

from belscript.script.verify.flow import Path


class Finding(Record):
    """One problem: ``path`` points at the key (``at="key"``) or the value that must change."""

    __slots__ = ("path", "message", "at", "extra")
    path: Path
    message: str
    at: Literal["key", "value"]
    extra: dict

    def __init__(self, path: Path, message: str, at: Literal["key", "value"] = "value", extra: dict | None = None) -> None:
        set_field(self, "path", path)
        set_field(self, "message", message)
        set_field(self, "at", at)
        set_field(self, "extra", {} if extra is None else extra)

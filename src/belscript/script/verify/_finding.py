"""What a check reports: a place in the script (a YAML path) and a message.

Checks know nothing about files and line numbers; :func:`belscript.script.verify.verify`
turns each finding into a :class:`~belscript.document.diagnostics.Diagnostic` through the
script's source map, so the same check works for a script that inherits parts of
another file (the place then lies in that other file).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from belscript.script.verify.flow import Path


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem: ``path`` points at the key (``at="key"``) or the value that must change."""

    path: Path
    message: str
    at: Literal["key", "value"] = "value"
    extra: dict = field(default_factory=dict)

"""The text of a new script file (``belscript new``): a copy of a built-in script, or a
small file that extends one, named after the file it will be written to.

Reads files and builds text only; the command decides where to write it.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from belscript.errors import UsageError

__all__ = ["copy_text", "extends_text", "script_name_for"]

_NAME_LINE = re.compile(r"^name:[^\n]*$", re.M)


def script_name_for(path: str) -> str:
    """A valid script id from a file name: 'Mijn Script.yaml' -> 'mijn-script'."""
    stem = Path(path).name
    for suffix in (".yaml", ".yml"):
        if stem.lower().endswith(suffix):
            stem = stem[: -len(suffix)]
    slug = re.sub(r"[^a-z0-9_-]+", "-", stem.lower()).strip("-_")[:64]
    return slug or "mijn-script"


def copy_text(base: str, name: str) -> str:
    """The text of built-in script ``base`` with its ``name:`` line set to ``name``."""
    from belscript.script.builtin import builtin_path

    text = builtin_path(base).read_text(encoding="utf-8")
    return _NAME_LINE.sub(f"name: {name}", text, count=1)


_EXTENDS_LINE = re.compile(r"^extends:[^\n]*$", re.M)


def _base_file(base: str) -> Path | None:
    """The script file ``base`` names (seen from here), or None for a built-in name.

    Refuses a customer file or persona with the same one-line message the loaders give.
    """
    from belscript.document.kind import wrong_kind
    from belscript.errors import InvalidDocument
    from belscript.script.builtin import builtin_names
    from belscript.document.yamlsafe import load_file

    candidate = Path(base).expanduser()
    if base in builtin_names() or not candidate.is_file():
        return None
    try:
        raw, source = load_file(candidate)
    except InvalidDocument:
        return candidate.resolve()  # 'validate' shows the problems of the base in full
    other = wrong_kind(raw, "script", base, source)
    if other is not None:
        raise UsageError(f"cannot extend {base}: {other.message}")
    return candidate.resolve()


def _seen_from(target: str, base_file: Path) -> str:
    """``base_file`` as the new script at ``target`` must name it: relative to its folder."""
    folder = Path(target).expanduser().resolve().parent
    reference = Path(os.path.relpath(base_file, folder)).as_posix()
    if "/" not in reference and not reference.endswith((".yaml", ".yml", ".json")):
        reference = f"./{reference}"  # else it would read as the name of a built-in script
    return reference


def extends_text(base: str, name: str, target: str | None = None) -> str:
    """The text of a new script extending ``base``.

    A base *file* is named relative to the new script, because that is where the loader
    looks for it: ``belscript new sub/x.yaml --extends mijn.yaml`` writes
    ``extends: ../mijn.yaml``.
    """
    from belscript.script.extends import starter

    base_file = _base_file(base)
    text = starter(base, name)
    if base_file is not None and target is not None:
        text = _EXTENDS_LINE.sub(lambda _: f"extends: {_seen_from(target, base_file)}", text, count=1)
    return text

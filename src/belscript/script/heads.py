"""The title and description of a script, read from the head of its file without YAML.

``belscript scripts`` only needs two top-level values of each built-in script. They
are written in the plainest YAML forms: ``title: One line of text`` and
``description: >-`` followed by indented lines. Those two forms are read here directly,
which saves importing PyYAML and parsing whole scripts; anything else (quotes, a
multi-line plain value, a tag, a missing key) falls back to the safe YAML reader, so
the two values are always what YAML says. The rest of the file is not read: a
built-in script that is broken further down is still listed by its title (the test
suite validates every built-in script, and ``belscript validate`` reports it).
"""

from __future__ import annotations

import re

NO_TITLE = "(no title; run 'belscript validate')"
HAS_PROBLEMS = "(has problems; run 'belscript validate')"

_TOP_KEY = re.compile(r"([A-Za-z_][\w-]*):(?:[ \t]+(.*?))?[ \t]*\Z")
#: A plain one-line value: does not start with a YAML indicator, has no comment or ': '.
_PLAIN = re.compile(r"(?![-?:][ \t]|[-?:]\Z)[^-?:,\[\]{}#&*!|>'\"%@`\s](?:(?!: |[ \t]#).)*(?<!:)\Z")
#: Plain values the safe YAML reader turns into "no value".
_NULLS = frozenset({"~", "null", "Null", "NULL"})
_FOLDED = re.compile(r"[>|][-+]?\Z")


def title_and_description(path: str) -> tuple[str, str]:
    """``(title, description)`` of the script at ``path``; the description on one line."""
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    except (OSError, UnicodeDecodeError):
        text = None
    found = _plain_head(text) if text is not None else None
    if found is None:
        found = _from_yaml(path)
    title, description = found
    return (title if isinstance(title, str) else NO_TITLE,
            " ".join(description.split()) if isinstance(description, str) else "")


def _plain_head(text: str) -> tuple[str | None, str | None] | None:
    """Title and description when both are there in the plain forms; else None."""
    values: dict[str, str | None] = {}
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        i += 1
        if not line.strip() or line.lstrip().startswith("#") or line[0] in " \t":
            continue
        if line.startswith(("---", "...", "%")):
            return None  # document markers and directives: leave them to YAML
        m = _TOP_KEY.match(line)
        if m is None:
            return None
        key, value = m.group(1), m.group(2) or ""
        if key not in ("title", "description"):
            continue
        if key in values:
            return None  # a duplicate key is an error YAML reports
        block: list[str] = []
        while i < len(lines) and (not lines[i].strip() or lines[i][0] in " \t"):
            block.append(lines[i])
            i += 1
        if key == "description" and _FOLDED.match(value):
            if any(b.strip().startswith("#") for b in block):
                return None
            values[key] = " ".join(" ".join(block).split())
        elif _PLAIN.match(value) and value not in _NULLS and not any(b.strip() for b in block):
            values[key] = value
        else:
            return None
    if len(values) < 2:
        return None  # a missing title or description: YAML says whether the file is valid at all
    return values["title"], values["description"]


def _from_yaml(path: str) -> tuple[object, object]:
    from belscript.document.yamlsafe import load_file
    from belscript.errors import InvalidDocument

    try:
        raw, _source = load_file(path)
    except InvalidDocument as exc:
        return HAS_PROBLEMS, exc.message
    raw = raw if isinstance(raw, dict) else {}
    return raw.get("title"), raw.get("description")

"""Where every key and value of a loaded YAML file sits in the file.

Diagnostics must point at the offending key or value with ``line:column``, and the
phrasing check must point at a *word inside* a YAML string. The safe loader
(:mod:`belscript.document.yamlsafe`) records the position and style of every node in a
:class:`SourceMap`, keyed by the node's path (a tuple of mapping keys and list
indices, e.g. ``("steps", "opening", "options", 0, "go")``). Lines and columns are
1-based, like every editor shows them.

A map can hold nodes from several files (a script that ``extends:`` another one), so
each entry remembers its own :class:`SourceDoc`.
"""

from __future__ import annotations

import bisect
from typing import Iterator

Path = tuple  # tuple[str | int, ...]

#: Node styles as recorded (PyYAML's notation): plain, single and double quoted, literal, folded.
PLAIN, SINGLE, DOUBLE, LITERAL, FOLDED = "", "'", '"', "|", ">"
#: Containers have no scalar style; their entries carry one of these instead.
MAPPING, SEQUENCE = "{}", "[]"


class SourceDoc:
    """The decoded text of one file, with a lazily built line index."""

    __slots__ = ("path", "text", "_starts")

    def __init__(self, path: str, text: str) -> None:
        self.path = path
        self.text = text
        self._starts: list[int] | None = None

    @property
    def line_starts(self) -> list[int]:
        if self._starts is None:
            starts = [0]
            find = self.text.find
            i = find("\n")
            while i != -1:
                starts.append(i + 1)
                i = find("\n", i + 1)
            self._starts = starts
        return self._starts

    def position(self, index: int) -> tuple[int, int]:
        """1-based ``(line, column)`` of a character index into the text."""
        starts = self.line_starts
        line = bisect.bisect_right(starts, index) - 1
        return line + 1, index - starts[line] + 1

    def line_text(self, line0: int) -> str | None:
        """The text of a 0-based line without its newline, or None past the end."""
        starts = self.line_starts
        if line0 >= len(starts):
            return None
        end = starts[line0 + 1] - 1 if line0 + 1 < len(starts) else len(self.text)
        return self.text[starts[line0]:end]


class SourceMap:
    """Positions of keys and values by path.

    An entry is a tuple ``(key_line0, key_col0, line0, col0, index, style, doc)`` with
    0-based positions (as the YAML parser reports them, converted on access): cheap to
    create for every node of a large script.
    """

    __slots__ = ("doc", "entries", "base")

    def __init__(self, doc: SourceDoc) -> None:
        self.doc = doc
        self.entries: dict[Path, tuple] = {}
        #: For a script built with ``extends:``, what it was built on (an
        #: :class:`belscript.script.extends.Inheritance`), so a check can blame the
        #: child's change instead of the inherited line; None otherwise.
        self.base: object | None = None

    @property
    def path(self) -> str:
        """The file this map was loaded from."""
        return self.doc.path

    # -- lookups -------------------------------------------------------------------
    def _entry(self, path: Path) -> tuple | None:
        path = tuple(path)
        entries = self.entries
        while path:
            entry = entries.get(path)
            if entry is not None:
                return entry
            path = path[:-1]
        return entries.get(())

    def __contains__(self, path: object) -> bool:
        return tuple(path) in self.entries  # type: ignore[arg-type]

    def paths(self) -> Iterator[Path]:
        return iter(self.entries)

    def key_pos(self, path: Path) -> tuple[int, int]:
        """Position of the key that holds ``path`` (the item itself for list items).

        Falls back to the nearest recorded ancestor, so a path that is not in the file
        (a missing key) still gets a sensible place.
        """
        entry = self._entry(path)
        if entry is None:
            return 1, 1
        return entry[0] + 1, entry[1] + 1

    def value_pos(self, path: Path) -> tuple[int, int]:
        """Position where the value at ``path`` starts (the quote or ``|`` for strings)."""
        entry = self._entry(path)
        if entry is None:
            return 1, 1
        return entry[2] + 1, entry[3] + 1

    def file_of(self, path: Path) -> str:
        """The file that holds ``path`` (differs from :attr:`path` for inherited nodes)."""
        entry = self._entry(path)
        return entry[6].path if entry is not None else self.doc.path

    def file_for(self, path: Path, own_name: str) -> str:
        """The file a diagnostic about ``path`` names: ``own_name`` (as the user called the
        document) for its own nodes, the base file for nodes inherited through ``extends:``."""
        holder = self.file_of(path)
        return own_name if holder == self.path else holder

    def style(self, path: Path) -> str | None:
        """Node style: ``''`` plain, ``"'"``, ``'"'``, ``'|'``, ``'>'``, or ``'{}'``/``'[]'``."""
        entry = self.entries.get(tuple(path))
        return entry[5] if entry is not None else None

    # -- combining (used by ``extends:``) ---------------------------------------------
    def copy(self) -> "SourceMap":
        clone = SourceMap(self.doc)
        clone.entries = dict(self.entries)
        clone.base = self.base
        return clone

    def overlay(self, other: "SourceMap", prefix: Path = ()) -> None:
        """Take over every entry of ``other`` (optionally below ``prefix``), replacing ours."""
        prefix = tuple(prefix)
        if not prefix:
            self.entries.update(other.entries)
        else:
            for path, entry in other.entries.items():
                self.entries[prefix + path] = entry

    def drop(self, prefix: Path) -> None:
        """Forget ``prefix`` and everything below it (a replaced subtree)."""
        prefix = tuple(prefix)
        n = len(prefix)
        for path in [p for p in self.entries if p[:n] == prefix]:
            del self.entries[path]

    # -- characters inside strings -------------------------------------------------
    def text_pos(self, path: Path, offset: int) -> tuple[int, int]:
        """``(line, column)`` in the file of character ``offset`` of the string at ``path``.

        Exact for plain and quoted scalars (escapes, ``''`` and line folding are
        followed) and for literal ``|`` and folded ``>`` blocks; falls back to the start
        of the value when the text cannot be followed.
        """
        path = tuple(path)
        entry = self.entries.get(path)
        if entry is None:
            return self.value_pos(path)
        style = entry[5]
        try:
            if style in (LITERAL, FOLDED):
                pos = _block_pos(entry, offset)
            elif style in (PLAIN, SINGLE, DOUBLE):
                pos = _flow_pos(entry, offset)
            else:
                pos = None
        except (IndexError, ValueError):  # pragma: no cover - defensive: malformed offsets
            pos = None
        return pos if pos is not None else (entry[2] + 1, entry[3] + 1)


_SPACE = " \t"
_ESCAPE_WIDTH = {"x": 4, "u": 6, "U": 10}


def _after_escaped_break(text: str, i: int) -> int:
    """Where the value goes on after a backslash at ``i`` that escapes a line break."""
    n = len(text)
    j = i + 1
    if text[j] == "\r":
        j += 1
    if j < n and text[j] == "\n":
        j += 1
    while j < n and text[j] in _SPACE:
        j += 1
    return j


def _flow_pos(entry: tuple, offset: int) -> tuple[int, int] | None:
    """Walk a plain or quoted scalar in the source until ``offset`` value characters."""
    text: str = entry[6].text
    style = entry[5]
    i = entry[4] + (0 if style == PLAIN else 1)
    n = len(text)
    v = 0
    while i < n:
        ch = text[i]
        if ch in _SPACE or ch == "\n" or ch == "\r":
            # A run of white space: part of the value unless a line break follows.
            j = i
            while j < n and text[j] in _SPACE:
                j += 1
            if j < n and text[j] in "\r\n":
                breaks = 0
                while j < n and text[j] in " \t\r\n":
                    if text[j] == "\n":
                        breaks += 1
                    j += 1
                v += 1 if breaks == 1 else breaks - 1
                if v > offset:  # the offset falls on a folded break; report the next word
                    return entry[6].position(j)
                i = j
                continue
            if v <= offset < v + (j - i):
                return entry[6].position(i + offset - v)
            v += j - i
            i = j
            continue
        if style == DOUBLE and ch == "\\" and text[i + 1: i + 2] in ("\r", "\n"):
            i = _after_escaped_break(text, i)  # joins the lines without a space (zero value characters)
            continue
        if v == offset:
            return entry[6].position(i)
        if style == SINGLE:
            if ch == "'":
                if i + 1 < n and text[i + 1] == "'":
                    i += 2
                    v += 1
                    continue
                return None
        elif style == DOUBLE:
            if ch == '"':
                return None
            if ch == "\\":
                nxt = text[i + 1] if i + 1 < n else ""
                i += _ESCAPE_WIDTH.get(nxt, 2)
                v += 1
                continue
        i += 1
        v += 1
    return None


def _block_pos(entry: tuple, offset: int) -> tuple[int, int] | None:
    """Follow a literal (exact) or folded (line folding) block scalar."""
    doc: SourceDoc = entry[6]
    header_line = entry[2]
    header = doc.line_text(header_line) or ""
    head = header[entry[3]:].split("#", 1)[0]
    digits = [c for c in head if c.isdigit()]
    line0 = header_line + 1
    if digits:
        indent = entry[1] + int(digits[0])  # relative to the key's indentation
    else:
        indent = None
        probe = line0
        while True:
            text = doc.line_text(probe)
            if text is None:
                return None
            if text.strip():
                indent = len(text) - len(text.lstrip(" "))
                break
            probe += 1
    if entry[5] == LITERAL:
        value_line = line0
        v = 0
        while True:
            text = doc.line_text(value_line)
            if text is None:
                return None
            seg = len(text) - indent if len(text) > indent else 0
            if offset <= v + seg:
                return value_line + 1, indent + (offset - v) + 1
            v += seg + 1
            value_line += 1
    v = 0
    blanks = 0
    seen = False
    line = line0
    while True:
        text = doc.line_text(line)
        if text is None:
            return None
        if not text.strip():
            blanks += 1
            line += 1
            continue
        if len(text) - len(text.lstrip(" ")) < indent:
            return None
        v += max(1, blanks) if seen else blanks
        blanks = 0
        seg = text[indent:]
        if offset < v + len(seg):
            return line + 1, indent + max(0, offset - v) + 1
        v += len(seg)
        seen = True
        line += 1

"""Strict, safe, position-aware YAML loading for scripts and customer files.

Scripts are written by people who are not programmers and may come from anyone, so
loading must be boring and safe:

- only the C-accelerated *safe* parser reads the file, and we build the Python values
  ourselves from the parser's event stream (never ``yaml.load``): no object can ever
  be constructed from a tag, and no recursion can blow the stack, however deep the
  nesting;
- every scalar stays a string (``yes``, ``no``, ``on``, ``12:30`` and ``010`` mean
  exactly what they say); pydantic converts strings only where a field needs a
  number, a date or a truth value. An empty value, ``~`` or ``null`` is "no value";
- anchors, aliases (``&a``/``*a``: alias bombs), merge keys (``<<``), duplicate keys,
  keys that are not plain text, explicit tags (``!!python/object``), more than one
  document, deep nesting, huge files and bytes that are not UTF-8 are all refused;
- every problem is a :class:`~belscript.document.diagnostics.Diagnostic` with ``line:column``,
  and all of them are reported together.

Files are read by the one size-limited UTF-8 reader, :mod:`belscript.document.textfile`.

Building from events instead of ``yaml.compose`` is also several times faster, which
keeps ``belscript validate`` quick on large scripts.
``_build`` stays one loop over the events, longer than the project's 60 lines, on purpose:
it runs once per YAML node, and a helper call per event kind would slow that hot path.
"""

from __future__ import annotations

import os
from typing import Callable, TypeVar

import yaml

from belscript import collector
from belscript.document.diagnostics import Diagnostic
from belscript.document.textfile import MAX_BYTES, read_text, too_large
from belscript.errors import InvalidDocument
from belscript.document.source import MAPPING, SEQUENCE, SourceDoc, SourceMap

try:  # pragma: no branch
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - PyYAML without libyaml
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

#: Most values (strings, lists, mappings) in one file; bounds the work on any input.
MAX_NODES = 1_000_000
#: An alias bomb repeats aliases; after this many there is nothing more to learn.
MAX_ALIASES = 1000
#: Deepest nesting of mappings and lists; real scripts need about eight levels.
MAX_DEPTH = 50
#: Stop collecting after this many YAML-level problems (an alias bomb has thousands).
MAX_DIAGNOSTICS = 100

#: Tags that change nothing and are therefore harmless.
_HARMLESS_TAGS = frozenset({
    None, "!", "tag:yaml.org,2002:str", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq",
})
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})

_ScalarEvent = yaml.ScalarEvent
_MappingStart = yaml.MappingStartEvent
_MappingEnd = yaml.MappingEndEvent
_SequenceStart = yaml.SequenceStartEvent
_SequenceEnd = yaml.SequenceEndEvent
_Alias = yaml.AliasEvent
_DocumentStart = yaml.DocumentStartEvent
_StreamEnd = yaml.StreamEndEvent

T = TypeVar("T")

_NO_KEY = object()   # mapping frame waits for a key
_BAD_KEY = object()  # the key was refused; drop its value


class _Stop(Exception):
    """Parsing cannot or should not go on; the diagnostics so far are the answer."""


def load_file(path: str | os.PathLike) -> tuple[object, SourceMap]:
    """Load one YAML (or JSON) file; raise :class:`InvalidDocument` with all problems."""
    text, problems = read_text(path)
    if text is None:
        raise InvalidDocument(problems)
    return load_text(text, str(path))


def load_checked(path: str | os.PathLike, check: Callable[[object, SourceMap, str], tuple[T | None, list[Diagnostic]]]) -> T:
    """Load one YAML (or JSON) file and hand it to ``check`` (``(value or None, diagnostics)``);
    return the value, or raise :class:`InvalidDocument` with every problem.

    The shape every document loader shares (customer files, personas, the escalation
    ladder and rates table): the format's own ``check_*`` function stays usable on its
    own, for ``belscript validate``, which collects diagnostics instead of raising.
    """
    raw, source = load_file(path)
    value, problems = check(raw, source, str(path))
    if value is None:
        raise InvalidDocument(problems)
    return value


def load_text(text: str, name: str = "<string>") -> tuple[object, SourceMap]:
    """Load YAML text; return ``(value, source_map)`` or raise :class:`InvalidDocument`."""
    if len(text) > MAX_BYTES:
        raise InvalidDocument([too_large(name, len(text.encode("utf-8")))])
    if text.startswith("\ufeff"):
        text = text[1:]
    value, source, problems = parse(text, name)
    if problems:
        raise InvalidDocument(problems)
    return value, source


def parse(text: str, name: str) -> tuple[object, SourceMap, list[Diagnostic]]:
    """Build values and positions from ``text``; never raises for bad input."""
    doc = SourceDoc(name, text)
    source = SourceMap(doc)
    problems: list[Diagnostic] = []
    root: list = []
    # The values built here hold no reference cycles; pausing the cycle collector
    # while creating hundreds of thousands of them keeps loading linear in size.
    try:
        with collector.paused():
            _build(text, doc, source, problems, root)
    except _Stop:
        pass
    except yaml.MarkedYAMLError as exc:
        deep = _own_depth_limit(exc, text, name)
        problems.append(deep or _syntax(exc, doc))
    except yaml.reader.ReaderError as exc:
        line, col = doc.position(_char_index(text, exc.position))
        problems.append(Diagnostic(name, line, col, "error",
                                   f"character {exc.character!r} is not allowed in YAML", "yaml-syntax"))
    except yaml.YAMLError as exc:  # pragma: no cover - other parser failures
        problems.append(Diagnostic(name, 1, 1, "error", f"cannot read YAML: {exc}", "yaml-syntax"))
    except RecursionError:  # pragma: no cover - the builder is iterative; belt and braces
        problems.append(Diagnostic(name, 1, 1, "error", "the document is nested too deeply", "too-deep"))
    if len(problems) > MAX_DIAGNOSTICS:
        problems = problems[:MAX_DIAGNOSTICS]
    value = root[0] if root else None
    if value is None and not problems:
        problems.append(Diagnostic(name, 1, 1, "error", "the file is empty", "empty"))
    return value, source, problems


def _own_depth_limit(exc: yaml.MarkedYAMLError, text: str, name: str) -> Diagnostic | None:
    """Report libyaml's own nesting limit as ours: ``too-deep`` where our limit lies.

    Newer libyaml releases stop at 1,000 levels while scanning ahead, before our
    builder sees the 51st. That depth is past ours, so the text before libyaml's mark
    holds the place where our limit is crossed: parse that prefix (smaller each time,
    should libyaml stop again) and take our diagnostic from it. The verdict and its
    position are then the same whatever libyaml does.
    """
    mark = exc.problem_mark
    if mark is None or "nesting depth" not in (exc.problem or ""):
        return None
    end = mark.index
    while end > 0:
        prefix = text[:end]
        doc = SourceDoc(name, prefix)
        found: list[Diagnostic] = []
        try:
            _build(prefix, doc, SourceMap(doc), found, [])
        except _Stop:
            pass
        except yaml.MarkedYAMLError as again:
            if again.problem_mark is not None and "nesting depth" in (again.problem or ""):
                end = min(again.problem_mark.index, end // 2)
                continue
        deep = [d for d in found if d.code == "too-deep"]
        return deep[0] if deep else None
    return None


def _char_index(text: str, position: int) -> int:
    """libyaml reports reader errors as a byte offset into the UTF-8 encoding."""
    return len(text.encode("utf-8")[:position].decode("utf-8", errors="ignore"))


_FRIENDLY = {
    "found undefined tag handle": "unknown tag; belscript does not use YAML tags",
    "mapping values are not allowed here":
        "unexpected ':'; put text that contains ': ' between quotes",
}


def _syntax(exc: yaml.MarkedYAMLError, doc: SourceDoc) -> Diagnostic:
    mark = exc.problem_mark or exc.context_mark
    problem = (exc.problem or "invalid YAML").strip()
    message = _FRIENDLY.get(problem, problem)
    if mark is not None and doc.text[mark.index:mark.index + 1] == "\t":
        message = "a tab cannot be used for indentation in YAML; use spaces"
    if exc.context and message == problem:
        message = f"{problem} ({exc.context.strip()})"
    line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    return Diagnostic(doc.path, line, col, "error", message, "yaml-syntax")


def _build(text: str, doc: SourceDoc, source: SourceMap, problems: list[Diagnostic], root: list) -> None:
    """Turn the event stream into dicts, lists and strings, recording every position.

    A stack frame is ``[container, path, is_mapping, pending_key, key_line, key_col,
    seen_keys]``; a container is registered in the source map when it opens and
    attached to its parent when it closes.
    """
    name = doc.path
    entries = source.entries
    loader = _Loader(text)
    get_event = loader.get_event
    stack: list[list] = []
    documents = 0
    aliases_seen: set[str] = set()
    aliases = 0
    budget = MAX_NODES

    def problem(mark, message: str, code: str) -> None:
        problems.append(Diagnostic(name, mark.line + 1, mark.column + 1, "error", message, code))
        if len(problems) > MAX_DIAGNOSTICS:
            raise _Stop

    def check_node(ev) -> None:
        if ev.anchor is not None:
            problem(ev.start_mark, f"anchors ('&{ev.anchor}') are not allowed; write the value out in full", "yaml-anchor")
        if ev.tag not in _HARMLESS_TAGS:
            problem(ev.start_mark, f"tags such as '{ev.tag.replace('tag:yaml.org,2002:', '!!')}' are not allowed", "yaml-tag")

    try:
        while True:
            ev = get_event()
            cls = ev.__class__
            if cls is _ScalarEvent:
                budget -= 1
                if budget < 0:
                    problem(ev.start_mark, f"more than {MAX_NODES:,} values in one file", "too-large")
                    raise _Stop
                if ev.anchor is not None or ev.tag is not None:
                    check_node(ev)
                mark = ev.start_mark
                frame = stack[-1] if stack else None
                if frame is not None and frame[2]:
                    pending = frame[3]
                    if pending is _NO_KEY:  # this scalar is a key
                        key = ev.value
                        seen = frame[6]
                        if key == "<<" and not ev.style:
                            problem(mark, "merge keys ('<<') are not allowed; write the keys out in full", "yaml-merge")
                            frame[3] = _BAD_KEY
                        elif key in seen:
                            first = seen[key]
                            problem(mark, f"duplicate key '{key}' (first defined on line {first + 1})", "yaml-duplicate-key")
                            frame[3] = _BAD_KEY
                        else:
                            seen[key] = mark.line
                            frame[3] = key
                            frame[4] = mark.line
                            frame[5] = mark.column
                        continue
                    frame[3] = _NO_KEY
                    value = None if (not ev.style and ev.value in _NULLS) else ev.value
                    if pending is _BAD_KEY:
                        continue
                    path = frame[1] + (pending,)
                    frame[0][pending] = value
                    entries[path] = (frame[4], frame[5], mark.line, mark.column, mark.index, ev.style, doc)
                    continue
                value = None if (not ev.style and ev.value in _NULLS) else ev.value
                if frame is None:
                    root.append(value)
                    entries[()] = (mark.line, mark.column, mark.line, mark.column, mark.index, ev.style, doc)
                else:
                    container = frame[0]
                    path = frame[1] + (len(container),)
                    container.append(value)
                    entries[path] = (mark.line, mark.column, mark.line, mark.column, mark.index, ev.style, doc)
            elif cls is _MappingStart or cls is _SequenceStart:
                if ev.anchor is not None or ev.tag is not None:
                    check_node(ev)
                mark = ev.start_mark
                if len(stack) >= MAX_DEPTH:
                    problem(mark, f"nested more than {MAX_DEPTH} levels deep", "too-deep")
                    raise _Stop
                budget -= 1
                if budget < 0:
                    problem(mark, f"more than {MAX_NODES:,} values in one file", "too-large")
                    raise _Stop
                is_map = cls is _MappingStart
                container: dict | list = {} if is_map else []
                style = MAPPING if is_map else SEQUENCE
                frame = stack[-1] if stack else None
                if frame is None:
                    path = ()
                    kl, kc = mark.line, mark.column
                elif frame[2]:
                    pending = frame[3]
                    if pending is _NO_KEY:
                        problem(mark, "a key must be plain text, not a list or mapping", "yaml-key")
                        path = None
                        kl = kc = 0
                    elif pending is _BAD_KEY:
                        path = None
                        kl = kc = 0
                    else:
                        path = frame[1] + (pending,)
                        kl, kc = frame[4], frame[5]
                else:
                    path = frame[1] + (len(frame[0]),)
                    kl, kc = mark.line, mark.column
                if path is not None:
                    entries[path] = (kl, kc, mark.line, mark.column, mark.index, style, doc)
                stack.append([container, path if path is not None else ("\0",), is_map, _NO_KEY, 0, 0,
                              {} if is_map else None, path is None])
            elif cls is _MappingEnd or cls is _SequenceEnd:
                done = stack.pop()
                container = done[0]
                if not stack:
                    root.append(container)
                    continue
                frame = stack[-1]
                if done[7]:  # refused key or a value under a refused key
                    if frame[2]:
                        frame[3] = _BAD_KEY if frame[3] is _NO_KEY else _NO_KEY
                    continue
                if frame[2]:
                    frame[0][frame[3]] = container
                    frame[3] = _NO_KEY
                else:
                    frame[0].append(container)
            elif cls is _Alias:
                aliases += 1
                if aliases > MAX_ALIASES:
                    raise _Stop
                if ev.anchor not in aliases_seen:  # once per name: an alias bomb repeats them
                    aliases_seen.add(ev.anchor)
                    problem(ev.start_mark, f"aliases ('*{ev.anchor}') are not allowed; write the value out in full", "yaml-alias")
                frame = stack[-1] if stack else None
                if frame is not None:
                    if frame[2]:
                        frame[3] = _BAD_KEY if frame[3] is _NO_KEY else _NO_KEY
                    else:
                        frame[0].append(None)
            elif cls is _DocumentStart:
                documents += 1
                if documents > 1:
                    problem(ev.start_mark, "only one YAML document per file is allowed (found a second '---')",
                            "yaml-multiple-documents")
                    raise _Stop
            elif cls is _StreamEnd:
                return
    finally:
        dispose = getattr(loader, "dispose", None)
        if dispose is not None:
            dispose()

"""Blame the child's change when an ``extends:`` child cuts off a part of its base.

A step that the base script reaches, but the child does not, is the child's doing: it
changed an option's ``go:``, replaced a step's options, made a step an end, stopped a
step offering the excuse list, or removed a step or excuse on the way. Reporting such
a step at its line in the built-in base file sends the author to a file they did not
write and cannot change, so the diagnostic points at the child's key that cut the way
instead (and names the way the base took). Through a chain of ``extends:`` the blame
goes to the file that made the change; a part the base itself never reaches keeps its
inherited place.
"""

from __future__ import annotations

from collections import deque
from pathlib import Path as FilePath

from belscript.document.record import Record, set_field
from belscript.document.source import SourceMap
from belscript.script.verify.flow import Edge, Flow, Node, build_flow


class Blame(Record):
    """The child's change that made ``node`` unreachable, with its place."""

    __slots__ = ("path", "line", "column", "because")
    path: str
    line: int
    column: int
    because: str

    def __init__(self, path: str, line: int, column: int, because: str) -> None:
        set_field(self, "path", path)
        set_field(self, "line", line)
        set_field(self, "column", column)
        set_field(self, "because", because)


def blame_unreachable(flow: Flow, node: Node, source: SourceMap, own_name: str) -> Blame | None:
    """Where the child cut off ``node`` (reachable in its base), or None if the base has the problem too."""
    inheritance = source.base
    if inheritance is None:
        return None
    base_flow = build_flow(inheritance.script)
    if not base_flow.has_start or node not in base_flow.from_start():
        return blame_unreachable(base_flow, node, inheritance.source, inheritance.path)
    name = own_name
    reached = flow.from_start()
    for edge in _ways_in(base_flow, node):
        if edge.source not in reached or edge.target in reached:
            continue
        found = _change(edge, flow, base_flow, source, inheritance, name)
        if found is not None:
            return found
    if flow.script.start_step != base_flow.script.start_step and _own(source, ("start",)):
        line, col = source.key_pos(("start",))
        return Blame(name, line, col, f"this file changes the start step, which was "
                                      f"'{base_flow.script.start_step}' in {_short(inheritance.path)}")
    return None


def _ways_in(base_flow: Flow, node: Node) -> list[Edge]:
    """Edges of the base from the start towards ``node``, in the order a search from the start meets them."""
    back: dict[Node, list[Edge]] = {}
    for edge in base_flow.edges:
        back.setdefault(edge.target, []).append(edge)
    leads: set[Node] = {node}
    queue = deque([node])
    while queue:
        current = queue.popleft()
        for edge in back.get(current, ()):
            if edge.source not in leads and not base_flow.is_end(edge.source):
                leads.add(edge.source)
                queue.append(edge.source)
    order: list[Edge] = []
    seen = {base_flow.start}
    queue = deque([base_flow.start])
    while queue:
        current = queue.popleft()
        if base_flow.is_end(current):
            continue
        for edge in base_flow.out.get(current, ()):
            if edge.target in leads:
                order.append(edge)
            if edge.target not in seen:
                seen.add(edge.target)
                queue.append(edge.target)
    return order


def _change(edge: Edge, flow: Flow, base_flow: Flow, source: SourceMap, inheritance, name: str) -> Blame | None:
    """The child's key that removed ``edge``, if the child wrote one."""
    base_name = _short(inheritance.path)
    kind, ident = edge.target
    if kind in ("step", "excuse") and (kind, ident) in inheritance.removed and _gone(flow, edge.target):
        path, line, col = inheritance.removed[(kind, ident)]
        word = "step" if kind == "step" else "excuse"
        return Blame(path, line, col, f"in {base_name} it is reached through {word} '{ident}', which this file removes")
    via = _describe(edge)
    if flow.is_end(edge.source) and not base_flow.is_end(edge.source):
        where = ("steps", edge.source[1], "end")
        if _own(source, where):
            line, col = source.key_pos(where)
            return Blame(name, line, col, f"in {base_name} it is reached through {via}; "
                                          f"this file makes step '{edge.source[1]}' an end step")
    candidates = [edge.path[:n] for n in range(len(edge.path), 2, -1)]
    if edge.kind == "offers":
        candidates = [("steps", edge.source[1], "excuses"), ("steps", edge.source[1], "role")]
    for where in candidates:
        if _own(source, where):
            line, col = source.key_pos(where)
            return Blame(name, line, col, f"in {base_name} it is reached through {via}, which this file changes")
    return None


def _gone(flow: Flow, node: Node) -> bool:
    kind, ident = node
    table = flow.script.steps if kind == "step" else flow.script.excuses
    return ident not in table


def _own(source: SourceMap, where: tuple) -> bool:
    """True when the child file itself writes the key at ``where`` (not inherited)."""
    return where in source and source.file_of(where) == source.path


def _describe(edge: Edge) -> str:
    kind, ident = edge.source
    owner = f"step '{ident}'" if kind == "step" else f"excuse '{ident}'"
    if edge.kind == "option":
        return f"option {edge.nr} of {owner}"
    if edge.kind == "return":
        return f"the way back ('go') of {owner}"
    if edge.kind == "offers":
        return f"the excuse list of {owner}"
    return f"excuse '{edge.target[1]}'"


def _short(path: str) -> str:
    return FilePath(path).name

"""The call flow of a script as a plain directed graph, shared by the checks and the drawing.

Every way the call can move is one :class:`Edge`, with the YAML path of the value that
creates it, so a check can point at the exact place an author has to change:

- an option (``go:`` or ``excuse:``) of a step or of an excuse handler;
- the excuse library: every step that offers excuses has one edge to a single
  *library* node, which has one edge to every handler. The hub keeps the graph linear
  in the size of the script (a step × excuse product would not be) and draws well;
- the ``go:`` of an excuse handler, back into the call.

Entering an end step ends the call, so no path continues through one: its options can
never be taken. Targets that do not exist become :attr:`Flow.dangling` instead of
edges, so the checks never crash on a script whose references are broken.
"""

from __future__ import annotations

from collections import deque
from typing import Iterable, Literal

from belscript.document.record import Record, set_field
from belscript.script.models import Option, Script

#: The two conditions that make ending the call legitimate.
END_GUARDS: frozenset[str] = frozenset({"agreement_is_concrete", "no_agreement_recorded"})

NodeKind = Literal["step", "excuse", "library"]
Node = tuple[NodeKind, str]
Path = tuple[str | int, ...]

LIBRARY: Node = ("library", "")


class Edge(Record):
    """One way to move from ``source`` to ``target``.

    ``kind`` is ``option`` (a numbered choice), ``offers`` (a step opens the excuse
    library), ``handler`` (the library hands over to one excuse) or ``return`` (an
    excuse handler's ``go:``). ``path`` locates the YAML value that makes the edge.
    """

    __slots__ = ("source", "target", "kind", "path", "guard", "nr", "label")
    source: Node
    target: Node
    kind: Literal["option", "offers", "handler", "return"]
    path: Path
    guard: str | None
    nr: int | None
    label: str | None

    def __init__(self, source: Node, target: Node, kind: Literal["option", "offers", "handler", "return"], path: Path,
                 guard: str | None = None, nr: int | None = None, label: str | None = None) -> None:
        set_field(self, "source", source)
        set_field(self, "target", target)
        set_field(self, "kind", kind)
        set_field(self, "path", path)
        set_field(self, "guard", guard)
        set_field(self, "nr", nr)
        set_field(self, "label", label)

    @property
    def guarded(self) -> bool:
        """True when taking this edge requires a concrete agreement or a recorded no-agreement."""
        return self.guard in END_GUARDS


class Dangling(Record):
    """A reference to a step or excuse that does not exist."""

    __slots__ = ("source", "path", "target")
    source: Node
    path: Path
    target: Node

    def __init__(self, source: Node, path: Path, target: Node) -> None:
        set_field(self, "source", source)
        set_field(self, "path", path)
        set_field(self, "target", target)


class Flow:
    """Nodes and edges of one script, with the adjacency the checks need.

    A plain class: creating a dataclass costs about a millisecond of every ``validate``.
    """

    __slots__ = ("script", "edges", "dangling", "out", "ends", "_from_start")

    def __init__(self, script: Script) -> None:
        self.script = script
        self.edges: list[Edge] = []
        self.dangling: list[Dangling] = []
        self.out: dict[Node, list[Edge]] = {}
        self.ends: frozenset[Node] = frozenset()
        self._from_start: set[Node] | None = None

    @property
    def start(self) -> Node:
        return ("step", self.script.start_step)

    @property
    def has_start(self) -> bool:
        return self.script.start_step in self.script.steps

    def is_end(self, node: Node) -> bool:
        return node in self.ends

    def from_start(self) -> set[Node]:
        """Every node a call can reach from the start step (computed once per flow)."""
        if self._from_start is None:
            self._from_start = self.reachable([self.start]) if self.has_start else set()
        return self._from_start

    def nodes(self) -> list[Node]:
        nodes: list[Node] = [("step", sid) for sid in self.script.steps]
        if self.script.excuses:
            nodes.append(LIBRARY)
            nodes.extend(("excuse", eid) for eid in self.script.excuses)
        return nodes

    def reachable(self, sources: Iterable[Node], *, unguarded_only: bool = False) -> set[Node]:
        """Nodes reachable from ``sources``; paths stop at end steps (the call is over there)."""
        seen: set[Node] = set()
        queue: deque[Node] = deque()
        for node in sources:
            if node not in seen:
                seen.add(node)
                queue.append(node)
        ends, out = self.ends, self.out
        while queue:
            node = queue.popleft()
            if node in ends:
                continue
            for edge in out.get(node, ()):
                if unguarded_only and edge.guarded:
                    continue
                if edge.target not in seen:
                    seen.add(edge.target)
                    queue.append(edge.target)
        return seen


def _option_edges(flow: Flow, source: Node, base: Path, options: list[Option]) -> None:
    script = flow.script
    for i, (nr, opt) in enumerate(script.numbered_options(options)):
        if opt.go is not None:
            key, target = "go", ("step", opt.go)
            exists = opt.go in script.steps
        elif opt.excuse is not None:
            key, target = "excuse", ("excuse", opt.excuse)
            exists = opt.excuse in script.excuses
        else:  # pragma: no cover - the model requires one of both
            continue
        path = (*base, "options", i, key)
        if exists:
            flow.edges.append(Edge(source, target, "option", path, opt.when, nr, opt.label))
        else:
            flow.dangling.append(Dangling(source, path, target))


def build_flow(script: Script) -> Flow:
    """Build the graph of ``script`` in one pass over its steps and excuses."""
    flow = Flow(script)
    for sid, step in script.steps.items():
        node: Node = ("step", sid)
        _option_edges(flow, node, ("steps", sid), step.options)
        if step.offers_excuses and script.excuses and not step.end:
            where = "excuses" if step.excuses is not None else "role"
            flow.edges.append(Edge(node, LIBRARY, "offers", ("steps", sid, where)))
    for eid, excuse in script.excuses.items():
        node = ("excuse", eid)
        flow.edges.append(Edge(LIBRARY, node, "handler", ("excuses", eid), label=excuse.label))
        _option_edges(flow, node, ("excuses", eid), excuse.options)
        path = ("excuses", eid, "go")
        if excuse.go in script.steps:
            flow.edges.append(Edge(node, ("step", excuse.go), "return", path))
        else:
            flow.dangling.append(Dangling(node, path, ("step", excuse.go)))
    for edge in flow.edges:
        flow.out.setdefault(edge.source, []).append(edge)
    flow.ends = frozenset(("step", sid) for sid, step in script.steps.items() if step.end)
    return flow


def reaching(goals: Iterable[Node], back: dict[Node, list[Node]]) -> set[Node]:
    """Every node from which one of ``goals`` can be reached, given each node's
    predecessors in ``back`` (a breadth-first walk backwards)."""
    good = set(goals)
    queue = deque(good)
    while queue:
        for source in back.get(queue.popleft(), ()):
            if source not in good:
                good.add(source)
                queue.append(source)
    return good

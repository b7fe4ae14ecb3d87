"""Coverage of example conversations: which steps and excuse handlers were visited and which
transitions (options, excuse choices, returns from a handler) were taken, against the same
graph as ``belscript graph`` and the checks."""

from __future__ import annotations

from dataclasses import dataclass

from belscript.script.verify.flow import Edge, Flow, Node


@dataclass
class Coverage:
    """Visited nodes and taken transitions against everything the script has."""

    nodes: list[Node]
    visited: set[Node]
    transitions: dict[tuple, Edge]
    taken: set[tuple]

    @property
    def missing_nodes(self) -> list[Node]:
        return [n for n in self.nodes if n not in self.visited]

    @property
    def missing_transitions(self) -> list[Edge]:
        return [e for k, e in self.transitions.items() if k not in self.taken]

    def summary(self) -> str:
        steps = [n for n in self.nodes if n[0] == "step"]
        excuses = [n for n in self.nodes if n[0] == "excuse"]
        parts = [_ratio("steps", sum(n in self.visited for n in steps), len(steps))]
        if excuses:
            parts.append(_ratio("excuses", sum(n in self.visited for n in excuses), len(excuses)))
        parts.append(_ratio("transitions", len(self.taken & self.transitions.keys()), len(self.transitions)))
        return ", ".join(parts)


def _ratio(what: str, got: int, total: int) -> str:
    pct = 100 if total == 0 else got * 100 // total
    return f"{what} {got}/{total} ({pct}%)"

def _node_of(state: str) -> Node:
    return ("excuse", state[len("excuse:"):]) if state.startswith("excuse:") else ("step", state)


def transition_table(flow: Flow) -> dict[tuple, Edge]:
    """Every transition a conversation can take, keyed the way :func:`run_case` records them.

    Options are keyed by their step (or handler) and number, excuse choices by the
    excuse, a handler's way back by the handler. Options of end steps are left out:
    they can never be taken.
    """
    table: dict[tuple, Edge] = {}
    for edge in flow.edges:
        if flow.is_end(edge.source):
            continue
        if edge.kind == "option":
            table[(edge.source, edge.nr)] = edge
        elif edge.kind == "handler":
            table[("excuse", edge.target[1])] = edge
        elif edge.kind == "return":
            table[(edge.source, "return")] = edge
    return table


def visited_and_taken(call, script) -> tuple[set[Node], set[tuple]]:
    visited: set[Node] = set()
    taken: set[tuple] = set()
    from belscript.engine.events import ExcusePicked, OptionTaken, Started, StepTaken

    for event in call.events:
        p = event.payload
        if isinstance(p, (Started, StepTaken)):
            visited.add(_node_of(p.step))
        elif isinstance(p, OptionTaken):
            source = _node_of(p.step)
            taken.add((source, p.nr))
            if source[0] == "excuse" and source[1] in script.excuses and p.target == script.excuses[source[1]].go:
                taken.add((source, "return"))
        elif isinstance(p, ExcusePicked):
            taken.add(("excuse", p.excuse))
    return visited, taken

def describe_transition(edge: Edge) -> str:
    """``luisteren → 3`` style names for uncovered transitions."""
    kind, ident = edge.source
    if edge.kind == "handler":
        return f"excuse '{edge.target[1]}'"
    if edge.kind == "return":
        return f"excuse '{ident}' → {edge.target[1]}"
    owner = ident if kind == "step" else f"excuse '{ident}'"
    return f"{owner} option {edge.nr} → {edge.target[1]}"

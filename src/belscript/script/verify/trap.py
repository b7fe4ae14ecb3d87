"""trap: a step or excuse from which the call can never reach an end step.

Once a call enters a trap it can only go round in circles (or get stuck): no option,
no excuse and no ``go:`` leads to any end step any more, so the caller can neither
make an agreement nor finish the call properly. The check walks backwards once from
all end steps over every way the call can move (the excuse list included, since the
caller may open it wherever it is offered) and reports each place where a call that
could still end is led into a part of the script that cannot: the option, excuse or
start step an author has to change. The message names the circle the call is caught
in. (A single step without any way out is left to ``dead-end``.)

Failing::

    belscript: 1
    name: voorbeeld
    title: Voorbeeld
    steps:
      luisteren:
        role: listening
        options:
          - {label: Afspraak gemaakt, go: afsluiting, when: agreement_is_concrete}
          - {label: Geen afspraak, go: afsluiting, when: no_agreement_recorded}
          - {label: Klant twijfelt, go: overtuigen}
      overtuigen:
        role: offer
        say: Wat zou voor u wel haalbaar zijn?
        options:
          - {label: Klant twijfelt nog, go: nogmaals}
      nogmaals:
        role: offer
        say: Zullen we het samen bekijken?
        options:
          - {label: Klant twijfelt nog steeds, go: overtuigen}
      afsluiting:
        role: closing
        end: true

Passing::

    belscript: 1
    name: voorbeeld
    title: Voorbeeld
    steps:
      luisteren:
        role: listening
        options:
          - {label: Afspraak gemaakt, go: afsluiting, when: agreement_is_concrete}
          - {label: Geen afspraak, go: afsluiting, when: no_agreement_recorded}
          - {label: Klant twijfelt, go: overtuigen}
      overtuigen:
        role: offer
        say: Wat zou voor u wel haalbaar zijn?
        options:
          - {label: Klant twijfelt nog, go: nogmaals}
          - {label: Akkoord, go: afsluiting, when: agreement_is_concrete}
      nogmaals:
        role: offer
        say: Zullen we het samen bekijken?
        options:
          - {label: Klant twijfelt nog steeds, go: overtuigen}
          - {label: Geen afspraak, go: afsluiting, when: no_agreement_recorded}
      afsluiting:
        role: closing
        end: true
"""

from __future__ import annotations

from typing import Iterator

from belscript.script.verify._finding import Finding
from belscript.script.verify.flow import LIBRARY, Edge, Flow, Node, reaching

CODE = "trap"
LEVEL = "error"
SUMMARY = "a step or excuse from which the call can never reach an end step"


def can_end(flow: Flow) -> set[Node]:
    """Every node from which some way through the script enters an end step."""
    back: dict[Node, list[Node]] = {}
    for edge in flow.edges:
        if not flow.is_end(edge.source):
            back.setdefault(edge.target, []).append(edge.source)
    return reaching(flow.ends, back)


def trapped(flow: Flow) -> set[Node]:
    """The nodes a call can reach from the start and from which it can never end."""
    if not flow.has_start:
        return set()
    return flow.from_start() - can_end(flow)


def entries(flow: Flow) -> list[Edge]:
    """Edges from a place where the call can still end into a place where it cannot."""
    caught = trapped(flow)
    return [edge for edge in flow.edges
            if edge.target in caught and edge.source not in caught and not flow.is_end(edge.source)
            and edge.source in flow.from_start()]


def name(node: Node) -> str:
    kind, ident = node
    if node == LIBRARY:
        return "the excuse list"
    return f"'{ident}'" if kind == "step" else f"excuse '{ident}'"


def circle(flow: Flow, node: Node) -> str:
    """How the call goes round from ``node`` (or where it gets stuck), for the message."""
    path = [node]
    seen = {node: 0}
    while True:
        edges = flow.out.get(path[-1], ())
        if not edges:
            return " → ".join(name(n) for n in path) + ", which has no way out"
        nxt = next((e.target for e in edges if e.target in seen), edges[0].target)
        if nxt in seen:
            loop = path[seen[nxt]:] + [nxt]
            lead = path[: seen[nxt]]
            shown = " → ".join(name(n) for n in loop)
            return (" → ".join(name(n) for n in lead) + " → " if lead else "") + shown + " and round again"
        seen[nxt] = len(path)
        path.append(nxt)


def _region(flow: Flow, node: Node) -> list[str]:
    return sorted(f"{kind}:{ident}" for kind, ident in flow.reachable([node]))


def _describe(edge: Edge) -> str:
    kind, ident = edge.source
    where = f"step '{ident}'" if kind == "step" else f"excuse '{ident}'"
    if edge.kind == "option":
        return f"option {edge.nr} of {where} leads to {name(edge.target)}"
    if edge.kind == "return":
        return f"excuse '{ident}' continues at {name(edge.target)}"
    if edge.kind == "offers":
        return f"step '{ident}' offers the excuse list"
    return f"the excuse list opens {name(edge.target)}"


def check(flow: Flow) -> Iterator[Finding]:
    caught = trapped(flow)
    if not caught:
        return
    if flow.start in caught:
        sid = flow.script.start_step
        path = ("start",) if flow.script.start else ("steps", sid)
        yield Finding(path, f"the call starts at '{sid}' and can never reach an end step from there: "
                      f"{circle(flow, flow.start)}", at="value" if flow.script.start else "key",
                      extra={"step": sid, "trap": _region(flow, flow.start)})
        return
    for edge in entries(flow):
        if not flow.out.get(edge.target) and edge.target[0] == "step":
            continue  # a single step without any way out: 'dead-end' reports it already
        kind, ident = edge.source
        extra = {"target": edge.target[1] or "excuses", "trap": _region(flow, edge.target)}
        if kind != "library":
            extra[kind] = ident
        yield Finding(edge.path, f"{_describe(edge)}, from where the call can never reach an end step: "
                      f"{circle(flow, edge.target)}",
                      at="key" if edge.kind == "handler" else "value", extra=extra)

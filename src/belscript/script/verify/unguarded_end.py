"""unguarded-end: a path from the start reaches an end step without passing the agreement guard.

The promise of a belscript is that a call never ends without a concrete agreement or an
explicitly recorded "no agreement" with a follow-up. Every path from the start step to
an end step (through the excuse handlers too) must therefore take at least one option
with ``when: agreement_is_concrete`` or ``when: no_agreement_recorded``. The check
removes those guarded options from the graph, searches once from the start step, and
reports every unguarded option or excuse ``go:`` that then still enters an end step:
one breadth-first search, linear in the size of the script, without listing paths.

The call engine also refuses to end a call without a valid outcome at run time; this
check makes sure the script itself leads the caller the right way.

Failing::

    belscript: 1
    name: voorbeeld
    title: Voorbeeld
    steps:
      opening:
        role: opening
        options:
          - {label: Klant betaalt, go: afsluiting}
      afsluiting:
        role: closing
        end: true

Passing::

    belscript: 1
    name: voorbeeld
    title: Voorbeeld
    steps:
      opening:
        role: opening
        options:
          - {label: Klant betaalt, go: afsluiting, when: agreement_is_concrete}
          - {label: Geen afspraak mogelijk, go: afsluiting, when: no_agreement_recorded}
      afsluiting:
        role: closing
        end: true
"""

from __future__ import annotations

from typing import Iterator

from belscript.script.verify._finding import Finding
from belscript.script.verify.flow import Edge, Flow

CODE = "unguarded-end"
LEVEL = "error"
SUMMARY = "a path reaches an end step without agreement_is_concrete or no_agreement_recorded"


def offending_edges(flow: Flow) -> list[Edge]:
    """Unguarded edges into end steps from nodes the start reaches without any guard."""
    if not flow.has_start:
        return []
    free = flow.reachable([flow.start], unguarded_only=True)
    return [
        edge
        for edge in flow.edges
        if edge.source in free and not edge.guarded
        and flow.is_end(edge.target) and not flow.is_end(edge.source)
    ]


def _describe(edge: Edge) -> str:
    kind, ident = edge.source
    if edge.kind == "return":
        return f"excuse '{ident}' continues"
    where = f"step '{ident}'" if kind == "step" else f"excuse '{ident}'"
    return f"option {edge.nr} of {where} goes"


def check(flow: Flow) -> Iterator[Finding]:
    if flow.has_start and flow.is_end(flow.start):
        sid = flow.script.start_step
        path = ("start",) if flow.script.start else ("steps", sid)
        yield Finding(path, f"the call starts at end step '{sid}', before any agreement",
                      at="value" if flow.script.start else "key", extra={"step": sid})
        return
    for edge in offending_edges(flow):
        target = edge.target[1]
        yield Finding(
            edge.path,
            f"{_describe(edge)} to end step '{target}' without passing an option with "
            "'when: agreement_is_concrete' or 'when: no_agreement_recorded'",
            extra={"step" if edge.source[0] == "step" else "excuse": edge.source[1], "target": target},
        )

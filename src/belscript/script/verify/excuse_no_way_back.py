"""excuse-no-way-back: an excuse handler that never leads to an offer, an agreement or a recorded end.

After an excuse the conversation has to return to what the call is for: an offer
(role ``offer``), an agreement (role ``agreement``), or an end step through an option
guarded by ``agreement_is_concrete`` or ``no_agreement_recorded`` (the explicit "no
agreement" outcome with a follow-up). The check walks backwards once from all such
places over options and handler ``go:`` lines; the excuse list itself does not count
as a way back, because one excuse should not depend on the customer raising another.

Failing::

    belscript: 1
    name: voorbeeld
    title: Voorbeeld
    steps:
      luisteren:
        role: listening
        options:
          - {label: Betaalt vrijdag, go: afspraak}
      afspraak:
        role: agreement
        options:
          - {label: Afspraak vastgelegd, go: afsluiting, when: agreement_is_concrete}
      boos:
        role: closing
        say: Dan hoor ik het wel.
        options:
          - label: Nog eens vragen
            say: Mag ik u over een uur terugbellen?
            go: boos
      afsluiting:
        role: closing
        end: true
    excuses:
      geen-zin:
        label: Klant wil niet praten
        examples: [Ik heb hier geen tijd voor.]
        say: Wanneer komt het u beter uit?
        go: boos

Passing::

    belscript: 1
    name: voorbeeld
    title: Voorbeeld
    steps:
      luisteren:
        role: listening
        options:
          - {label: Betaalt vrijdag, go: afspraak}
      afspraak:
        role: agreement
        options:
          - {label: Afspraak vastgelegd, go: afsluiting, when: agreement_is_concrete}
          - {label: Geen afspraak, go: afsluiting, when: no_agreement_recorded}
      afsluiting:
        role: closing
        end: true
    excuses:
      geen-zin:
        label: Klant wil niet praten
        examples: [Ik heb hier geen tijd voor.]
        say: Wanneer komt het u beter uit? Dan leggen we een terugbelafspraak vast.
        go: afspraak
"""

from __future__ import annotations

from typing import Iterator

from belscript.script.models import Role
from belscript.script.verify._finding import Finding
from belscript.script.verify.flow import Flow, Node, reaching

CODE = "excuse-no-way-back"
LEVEL = "error"
SUMMARY = "an excuse handler that never leads to an offer, an agreement or a recorded end"

_GOAL_ROLES = frozenset({Role.offer, Role.agreement})


def leads_back(flow: Flow) -> set[Node]:
    """Every node from which an offer, an agreement or a guarded end can be reached."""
    script = flow.script
    good: set[Node] = set()
    back: dict[Node, list[Node]] = {}
    for edge in flow.edges:
        if edge.kind in ("offers", "handler") or flow.is_end(edge.source):
            continue
        back.setdefault(edge.target, []).append(edge.source)
        if edge.guarded and flow.is_end(edge.target):
            good.add(edge.source)
    good.update(("step", sid) for sid, step in script.steps.items() if step.role in _GOAL_ROLES and not step.end)
    return reaching(good, back)


def check(flow: Flow) -> Iterator[Finding]:
    if not flow.script.excuses:
        return
    good = leads_back(flow)
    for eid, excuse in flow.script.excuses.items():
        if ("excuse", eid) not in good:
            yield Finding(("excuses", eid, "go"), f"excuse '{eid}' never leads back to an offer, an agreement or "
                          "an explicit end (an option with 'when: agreement_is_concrete' or "
                          "'when: no_agreement_recorded')", extra={"excuse": eid})

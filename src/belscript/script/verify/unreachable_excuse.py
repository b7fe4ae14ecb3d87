"""unreachable-excuse: an excuse handler that the call can never open.

The excuse library is offered at listening steps (and at steps with ``excuses: true``);
an option can also lead to a handler directly with ``excuse:``. A handler that neither
way reaches is dead weight: the caller will never see its advice.

Failing::

    belscript: 1
    name: voorbeeld
    title: Voorbeeld
    steps:
      opening:
        role: opening
        options:
          - {label: Afspraak gemaakt, go: afsluiting, when: agreement_is_concrete}
      afsluiting:
        role: closing
        end: true
    excuses:
      niet-ontvangen:
        label: Factuur niet ontvangen
        examples: [Ik heb geen factuur gekregen.]
        say: Ik stuur u direct een kopie.
        go: opening

Passing::

    belscript: 1
    name: voorbeeld
    title: Voorbeeld
    steps:
      opening:
        role: listening
        options:
          - {label: Afspraak gemaakt, go: afsluiting, when: agreement_is_concrete}
      afsluiting:
        role: closing
        end: true
    excuses:
      niet-ontvangen:
        label: Factuur niet ontvangen
        examples: [Ik heb geen factuur gekregen.]
        say: Ik stuur u direct een kopie.
        go: opening
"""

from __future__ import annotations

from typing import Iterator

from belscript.script.verify._finding import Finding
from belscript.script.verify.flow import Flow

CODE = "unreachable-excuse"
LEVEL = "warning"
SUMMARY = "an excuse handler that no step offers and no option opens"


def check(flow: Flow) -> Iterator[Finding]:
    if not flow.has_start:
        return
    seen = flow.from_start()
    for eid in flow.script.excuses:
        if ("excuse", eid) not in seen:
            yield Finding(("excuses", eid), f"excuse '{eid}' can never be opened: no reachable step offers "
                          "the excuse list and no option leads to it", at="key", extra={"excuse": eid})

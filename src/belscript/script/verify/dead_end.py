"""dead-end: a step with no way out that is not an end step.

A caller who arrives there has nothing to choose: no option and no excuse list. Give
the step options, or mark it ``end: true`` when the call really ends there.

Failing::

    belscript: 1
    name: voorbeeld
    title: Voorbeeld
    steps:
      opening:
        role: opening
        options:
          - {label: Verder, go: doel}
          - {label: Afspraak gemaakt, go: afsluiting, when: agreement_is_concrete}
      doel:
        role: purpose
        say: Ik bel over factuur {factuurnummer}.
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
          - {label: Verder, go: doel}
      doel:
        role: purpose
        say: Ik bel over factuur {factuurnummer}.
        options:
          - {label: Afspraak gemaakt, go: afsluiting, when: agreement_is_concrete}
      afsluiting:
        role: closing
        end: true
"""

from __future__ import annotations

from typing import Iterator

from belscript.script.verify._finding import Finding
from belscript.script.verify.flow import Flow

CODE = "dead-end"
LEVEL = "error"
SUMMARY = "a step with no way out that is not an end step"


def check(flow: Flow) -> Iterator[Finding]:
    for sid, step in flow.script.steps.items():
        if step.end or step.options:
            continue
        if step.offers_excuses and flow.script.excuses:
            continue
        yield Finding(("steps", sid), f"step '{sid}' has no options and is not an end step: the call gets stuck "
                      "there (add options or 'end: true')", at="key", extra={"step": sid})

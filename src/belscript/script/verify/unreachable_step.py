"""unreachable-step: a step that no path from the start reaches.

Nobody can ever see such a step during a call, so either an option that should lead
to it is missing or the step is left over. Paths stop at end steps: the options of an
end step are never shown, because the call is over there.

Failing::

    belscript: 1
    name: voorbeeld
    title: Voorbeeld
    steps:
      opening:
        role: opening
        options:
          - {label: Afspraak gemaakt, go: afsluiting, when: agreement_is_concrete}
      vergeten:
        role: offer
        options:
          - {label: Akkoord, go: afsluiting, when: agreement_is_concrete}
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
          - {label: Verder, go: aanbod}
      aanbod:
        role: offer
        options:
          - {label: Akkoord, go: afsluiting, when: agreement_is_concrete}
      afsluiting:
        role: closing
        end: true
"""

from __future__ import annotations

from typing import Iterator

from belscript.script.verify._finding import Finding
from belscript.script.verify.flow import Flow

CODE = "unreachable-step"
LEVEL = "warning"
SUMMARY = "a step that no path from the start reaches"


def check(flow: Flow) -> Iterator[Finding]:
    if not flow.has_start:
        return
    seen = flow.from_start()
    for sid in flow.script.steps:
        if ("step", sid) not in seen:
            yield Finding(("steps", sid), f"step '{sid}' can never be reached from the start step "
                          f"'{flow.script.start_step}'", at="key", extra={"step": sid})

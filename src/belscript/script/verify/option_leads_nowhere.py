"""option-leads-nowhere: an option that returns to its own step and says and does nothing.

Taking such an option leaves the screen exactly as it was: the caller pressed a number
and nothing happened. Either the option should lead to another step, or it should at
least give the caller a line to say (``say:``) or do something (``do:``), like asking
the question again in other words.

Failing::

    belscript: 1
    name: voorbeeld
    title: Voorbeeld
    steps:
      aanbod:
        role: offer
        options:
          - {label: Klant twijfelt, go: aanbod}
          - {label: Akkoord, go: afsluiting, when: agreement_is_concrete}
      afsluiting:
        role: closing
        end: true

Passing::

    belscript: 1
    name: voorbeeld
    title: Voorbeeld
    steps:
      aanbod:
        role: offer
        options:
          - label: Klant twijfelt
            say: Wat zou voor u wel haalbaar zijn?
            go: aanbod
          - {label: Akkoord, go: afsluiting, when: agreement_is_concrete}
      afsluiting:
        role: closing
        end: true
"""

from __future__ import annotations

from typing import Iterator

from belscript.script.verify._finding import Finding
from belscript.script.verify.flow import Flow

CODE = "option-leads-nowhere"
LEVEL = "warning"
SUMMARY = "an option that returns to its own step and says and does nothing"


def check(flow: Flow) -> Iterator[Finding]:
    for sid, step in flow.script.steps.items():
        for i, (nr, opt) in enumerate(flow.script.numbered_options(step.options)):
            if opt.go == sid and not opt.say and not opt.do:
                yield Finding(("steps", sid, "options", i, "go"),
                              f"option {nr} of step '{sid}' returns to the same step without saying or doing "
                              "anything; lead it elsewhere or give it a 'say:' line", extra={"step": sid})
    for eid, excuse in flow.script.excuses.items():
        for i, (nr, opt) in enumerate(flow.script.numbered_options(excuse.options)):
            if opt.excuse == eid and not opt.say and not opt.do:
                yield Finding(("excuses", eid, "options", i, "excuse"),
                              f"option {nr} of excuse '{eid}' reopens the same excuse without saying or doing "
                              "anything; lead it elsewhere or give it a 'say:' line", extra={"excuse": eid})

"""duplicate-option-number: two options in one step share a number.

The caller takes an option by typing its number, so each number may appear only once
per step (or per excuse handler). Options without ``nr:`` are numbered by their
position, which collides easily with an explicit ``nr:`` elsewhere in the list.

Failing::

    belscript: 1
    name: voorbeeld
    title: Voorbeeld
    steps:
      aanbod:
        role: offer
        options:
          - {nr: 2, label: Betaalt in termijnen, go: afsluiting, when: agreement_is_concrete}
          - {label: Geen afspraak, go: afsluiting, when: no_agreement_recorded}
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
          - {nr: 1, label: Betaalt in termijnen, go: afsluiting, when: agreement_is_concrete}
          - {nr: 2, label: Geen afspraak, go: afsluiting, when: no_agreement_recorded}
      afsluiting:
        role: closing
        end: true
"""

from __future__ import annotations

from typing import Iterator

from belscript.script.models import Option
from belscript.script.verify._finding import Finding
from belscript.script.verify.flow import Flow, Path

CODE = "duplicate-option-number"
LEVEL = "error"
SUMMARY = "two options in one step share a number"


def _duplicates(flow: Flow, base: Path, where: str, options: list[Option]) -> Iterator[Finding]:
    first: dict[int, int] = {}
    for i, (nr, opt) in enumerate(flow.script.numbered_options(options)):
        if nr not in first:
            first[nr] = i
            continue
        path = (*base, "options", i, "nr") if opt.nr is not None else (*base, "options", i)
        yield Finding(path, f"option {i + 1} of {where} has number {nr}, like option {first[nr] + 1}; "
                      "the caller could not choose between them", extra={"nr": nr})


def check(flow: Flow) -> Iterator[Finding]:
    for sid, step in flow.script.steps.items():
        yield from _duplicates(flow, ("steps", sid), f"step '{sid}'", step.options)
    for eid, excuse in flow.script.excuses.items():
        yield from _duplicates(flow, ("excuses", eid), f"excuse '{eid}'", excuse.options)

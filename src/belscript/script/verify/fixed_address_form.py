"""fixed-address-form: a line for the customer that says "u" in a script written for je and u.

A script that writes ``{u|je}`` (``{uw|je}``, ``{Kunt u|Kun je}``) speaks to each customer
in the form of address their customer file gives. One line with a bare ``u`` or ``uw``
then breaks that promise: a customer on first-name terms hears "je" in one sentence and
"u" in the next, and reads it in the e-mail. Checked are the texts the customer hears or
reads: what to say at a step (not at the preparation and evaluation steps, which speak
to the caller), with an option and in an excuse handler, and the agreement's conditions
and "if not kept" sentence. Tips and labels are for the caller and may say "u". A script without any ``{…|…}`` is written for "u" alone and is not
checked.

Failing::

    belscript: 1
    name: voorbeeld
    title: Voorbeeld
    steps:
      opening:
        role: listening
        say: Goedemorgen, {kunt u|kun je} vandaag betalen?
        options:
          - {label: Afspraak gemaakt, say: Dank u wel., go: afsluiting, when: agreement_is_concrete}
      afsluiting:
        role: closing
        end: true

Passing::

    belscript: 1
    name: voorbeeld
    title: Voorbeeld
    steps:
      opening:
        role: listening
        say: Goedemorgen, {kunt u|kun je} vandaag betalen?
        options:
          - {label: Afspraak gemaakt, say: "{Dank u|Dank je} wel.", go: afsluiting, when: agreement_is_concrete}
      afsluiting:
        role: closing
        end: true
"""

from __future__ import annotations

import re
from typing import Iterator

from belscript.script.models import Role
from belscript.script.verify._finding import Finding
from belscript.script.verify.flow import Flow, Path

CODE = "fixed-address-form"
LEVEL = "warning"
SUMMARY = "a customer line says 'u' in a script that speaks to each customer as u or je"

#: Steps whose text is for the caller alone: before and after the call.
_FOR_THE_CALLER = (Role.preparation, Role.evaluation)
_CHOICE = re.compile(r"\{[^{}|\n]*\|[^{}|\n]*\}")
_FIXED = re.compile(r"\b(?:u|uw)\b", re.IGNORECASE)


def _customer_texts(flow: Flow) -> Iterator[tuple[Path, str]]:
    """Every text the customer hears or reads, with its place in the script."""
    script = flow.script
    for sid, step in script.steps.items():
        if step.role not in _FOR_THE_CALLER:
            yield ("steps", sid, "say"), step.say
        for i, option in enumerate(step.options):
            if option.say:
                yield ("steps", sid, "options", i, "say"), option.say
    for eid, excuse in script.excuses.items():
        yield ("excuses", eid, "say"), excuse.say
        for i, option in enumerate(excuse.options):
            if option.say:
                yield ("excuses", eid, "options", i, "say"), option.say
    for i, condition in enumerate(script.agreement.conditions):
        yield ("agreement", "conditions", i), condition
    yield ("agreement", "if_broken"), script.agreement.if_broken


def _first_fixed(text: str) -> re.Match[str] | None:
    """The first bare ``u``/``uw`` outside a ``{…|…}`` choice."""
    choices = [m.span() for m in _CHOICE.finditer(text)]
    return next((m for m in _FIXED.finditer(text) if not any(a <= m.start() < b for a, b in choices)), None)


def check(flow: Flow) -> Iterator[Finding]:
    texts = list(_customer_texts(flow))
    if not any(_CHOICE.search(text) for _path, text in texts):
        return
    for path, text in texts:
        fixed = _first_fixed(text)
        if fixed is not None:
            word, start = fixed.group(0), fixed.start()
            context = " ".join([*text[:start].split()[-2:], word, *text[fixed.end():].split()[:2]])
            yield Finding(path, f"'{word}' in '{context}' is said to every customer, also to those on "
                          f"first-name terms; write both forms, e.g. {{{word}|je}}", extra={"word": word})

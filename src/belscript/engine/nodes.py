"""The states of a call's machine and what the screen is shown of them.

:func:`build_nodes` normalises a script into machine states (its steps plus one
handler per excuse, ``excuse:<id>``), refusing references to nothing; the views are
the frozen, template-filled shapes :class:`~belscript.engine.call.Call` hands out.
They are :class:`~belscript.document.record.Record` classes, not dataclasses: four
frozen dataclasses cost ~15 ms to create, paid while the caller types the first keys
of a call (the engine is loaded after the first frame).
"""

from __future__ import annotations

from belscript.document.record import Record, set_field
from belscript.engine import registry
from belscript.errors import BelscriptError
from belscript.script.models import Option, Role, Script

__all__ = ["EXCUSE_PREFIX", "ExcuseView", "Node", "OptionView", "ScriptMismatch", "StepView", "build_nodes"]

EXCUSE_PREFIX = "excuse:"


class ScriptMismatch(BelscriptError):
    """The script cannot drive a call (a reference to nothing), or stored events do not
    belong to this script (resuming after the script was changed)."""


class OptionView(Record):
    """A numbered option as the screen shows it, with the dossier's values filled in."""

    __slots__ = ("nr", "label", "say", "available", "why_unavailable", "target", "is_excuse")
    nr: int
    label: str
    say: str | None
    available: bool
    why_unavailable: str | None
    target: str
    is_excuse: bool

    def __init__(self, nr: int, label: str, say: str | None, available: bool, why_unavailable: str | None,
                 target: str, is_excuse: bool) -> None:
        set_field(self, "nr", nr)
        set_field(self, "label", label)
        set_field(self, "say", say)
        set_field(self, "available", available)
        set_field(self, "why_unavailable", why_unavailable)
        set_field(self, "target", target)
        set_field(self, "is_excuse", is_excuse)


class StepView(Record):
    """The current step as the screen shows it."""

    __slots__ = ("id", "role", "title", "text", "tips", "options", "offers_excuses", "is_end")
    id: str
    role: Role
    title: str
    text: str
    tips: list[str]
    options: list[OptionView]
    offers_excuses: bool
    is_end: bool

    def __init__(self, id: str, role: Role, title: str, text: str, tips: list[str], options: list[OptionView],
                 offers_excuses: bool, is_end: bool) -> None:
        set_field(self, "id", id)
        set_field(self, "role", role)
        set_field(self, "title", title)
        set_field(self, "text", text)
        set_field(self, "tips", tips)
        set_field(self, "options", options)
        set_field(self, "offers_excuses", offers_excuses)
        set_field(self, "is_end", is_end)


class ExcuseView(Record):
    """One excuse from the script's library, offered at listening steps."""

    __slots__ = ("id", "label", "examples")
    id: str
    label: str
    examples: list[str]

    def __init__(self, id: str, label: str, examples: list[str]) -> None:
        set_field(self, "id", id)
        set_field(self, "label", label)
        set_field(self, "examples", examples)


class Node(Record):
    """A machine state: a step of the script or an excuse handler, normalised."""

    __slots__ = ("id", "role", "title", "say", "tips", "options", "do", "offers_excuses", "is_end")
    id: str
    role: Role
    title: str
    say: str
    tips: list[str]
    options: list[tuple[int, Option]]
    do: list[str]
    offers_excuses: bool
    is_end: bool

    def __init__(self, id: str, role: Role, title: str, say: str, tips: list[str],
                 options: list[tuple[int, Option]], do: list[str], offers_excuses: bool, is_end: bool) -> None:
        set_field(self, "id", id)
        set_field(self, "role", role)
        set_field(self, "title", title)
        set_field(self, "say", say)
        set_field(self, "tips", tips)
        set_field(self, "options", options)
        set_field(self, "do", do)
        set_field(self, "offers_excuses", offers_excuses)
        set_field(self, "is_end", is_end)


def build_nodes(script: Script) -> dict[str, Node]:
    """The machine states of ``script``: its steps and one handler per excuse, checked.

    Raises :class:`ScriptMismatch` when the script names a step, excuse, condition or
    action that does not exist (a script that passed ``validate`` never does).
    """
    problems: list[str] = []
    nodes: dict[str, Node] = {}
    for sid, step in script.steps.items():
        nodes[sid] = Node(
            id=sid, role=step.role, title=step.title or sid, say=step.say, tips=list(step.tips),
            options=script.numbered_options(step.options), do=list(step.do),
            offers_excuses=step.offers_excuses and bool(script.excuses), is_end=step.end,
        )
    for eid, excuse in script.excuses.items():
        options = script.numbered_options(excuse.options)
        if not any(opt.go == excuse.go for _, opt in options):
            target = script.steps.get(excuse.go)
            title = (target.title or excuse.go) if target else excuse.go
            nr = max((n for n, _ in options), default=0) + 1
            options.append((nr, Option(label=f"Verder met het gesprek: {title}", go=excuse.go)))
        nodes[EXCUSE_PREFIX + eid] = Node(
            id=EXCUSE_PREFIX + eid, role=Role.excuse, title=excuse.label, say=excuse.say, tips=list(excuse.tips),
            options=options, do=list(excuse.do), offers_excuses=False, is_end=False,
        )
    if script.start_step not in script.steps:
        problems.append(f"de eerste stap '{script.start_step}' bestaat niet")
    for node in nodes.values():
        for nr, opt in node.options:
            if opt.go is not None and opt.go not in script.steps:
                problems.append(f"optie {nr} van '{node.id}' gaat naar de onbekende stap '{opt.go}'")
            if opt.excuse is not None and opt.excuse not in script.excuses:
                problems.append(f"optie {nr} van '{node.id}' gaat naar het onbekende excuus '{opt.excuse}'")
            if opt.when is not None and opt.when not in registry.CONDITIONS:
                problems.append(f"optie {nr} van '{node.id}' gebruikt de onbekende voorwaarde '{opt.when}'")
            problems.extend(
                f"optie {nr} van '{node.id}' gebruikt de onbekende actie '{name}'"
                for name in opt.do if name not in registry.ACTIONS
            )
        problems.extend(
            f"'{node.id}' gebruikt de onbekende actie '{name}'" for name in node.do if name not in registry.ACTIONS
        )
    if problems:
        raise ScriptMismatch(f"Het script '{script.name}' kan geen gesprek sturen: " + "; ".join(problems) + ".")
    return nodes

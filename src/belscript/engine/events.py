"""The events a call is made of, each kind with its fields declared once.

Every change in a call (a step taken, a note, an agreement field, the end) is one
:class:`Event`. The call's state is nothing but the fold of its events
(:mod:`belscript.engine.state`), so the journal can store them one by one as they
happen and a crashed call can be rebuilt exactly. An event is an envelope (number,
moment, kind) around a typed *payload*: one frozen dataclass per kind below. The
stored form is plain JSON (``Event.data``), written by :meth:`Payload.to_data` and read
back by :func:`payload_of`, so storing needs no knowledge of the engine's classes.

**Adding a kind**: declare a dataclass here with ``kind = "..."`` (a ``ClassVar``), add
it to :data:`PAYLOADS`, say in :meth:`belscript.engine.state.CallState.apply` what it
changes (nothing is fine), and give it a Dutch label in
:mod:`belscript.journal.timeline`.

**Versions**: :data:`EVENT_VERSION` is the version of the stored form; the journal stores
it with each event. :func:`upgrade` turns the data of an older version into today's
form when it is read, so old logs keep working without rewriting append-only rows.
Dataclasses, not pydantic models: they cost nothing at start-up and a call emits
hundreds of events.
"""

from __future__ import annotations

from dataclasses import MISSING, dataclass, field, fields
from datetime import datetime
from functools import cached_property
from typing import Any, ClassVar

#: Version of the stored form of event data. 1: before typed events (an ``ended`` or
#: ``aborted`` event without the contact person, to-dos and ``if_broken``; a ``contact``
#: event could name the person under ``contact`` or ``person``). 2: today.
EVENT_VERSION = 2


class Payload:
    """Base of every event payload: conversion to and from the stored JSON form."""

    kind: ClassVar[str]
    #: Data keys that differ from the field name (``from`` is a Python keyword).
    _keys: ClassVar[dict[str, str]] = {}

    def to_data(self) -> dict[str, Any]:
        keys = self._keys
        return {keys.get(f.name, f.name): getattr(self, f.name) for f in fields(self)}  # type: ignore[arg-type]

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> "Payload":
        """Read the stored form; a missing required field raises ``KeyError``."""
        keys = cls._keys
        values: dict[str, Any] = {}
        for f in fields(cls):  # type: ignore[arg-type]
            key = keys.get(f.name, f.name)
            if key in data:
                values[f.name] = data[key]
            elif f.default is MISSING and f.default_factory is MISSING:
                raise KeyError(key)
        return cls(**values)


@dataclass(frozen=True)
class Started(Payload):
    """The call began: script, customer, first step."""

    kind: ClassVar[str] = "started"
    script: str = ""
    step: str = ""
    title: str = ""
    practice: bool = False
    customer: str = ""
    invoices: list[str] = field(default_factory=list)
    total_due: str = ""
    #: Who made the call (the caller's name from the settings); empty when none is set.
    caller: str = ""


@dataclass(frozen=True)
class StepTaken(Payload):
    """Moved forward to a step (or an excuse handler)."""

    kind: ClassVar[str] = "step"
    step: str
    via: str = ""


@dataclass(frozen=True)
class OptionTaken(Payload):
    """An option was taken (precedes the ``step`` it leads to)."""

    kind: ClassVar[str] = "option"
    step: str
    nr: int
    label: str = ""
    target: str = ""


@dataclass(frozen=True)
class ExcusePicked(Payload):
    """An excuse from the library was picked."""

    kind: ClassVar[str] = "excuse"
    step: str
    excuse: str
    label: str = ""


@dataclass(frozen=True)
class WentBack(Payload):
    """Went back to the previous step (history is kept)."""

    kind: ClassVar[str] = "back"
    _keys: ClassVar[dict[str, str]] = {"from_": "from"}
    to: str
    from_: str = ""


@dataclass(frozen=True)
class Note(Payload):
    """Free text typed by the caller."""

    kind: ClassVar[str] = "note"
    text: str
    step: str = ""


@dataclass(frozen=True)
class WarningShown(Payload):
    """A phrasing warning that was shown (``ignored``: set aside by the caller)."""

    kind: ClassVar[str] = "warning"
    rule: str
    match: str = ""
    message: str = ""
    step: str = ""
    ignored: bool = False

    def to_data(self) -> dict[str, Any]:
        data = super().to_data()
        if not self.ignored:  # the stored form of version 1 had no key for shown warnings
            del data["ignored"]
        return data


@dataclass(frozen=True)
class Contact(Payload):
    """The name of the person on the phone."""

    kind: ClassVar[str] = "contact"
    name: str


@dataclass(frozen=True)
class AgreementSet(Payload):
    """An agreement field was accepted; ``agreement`` is the whole resulting agreement."""

    kind: ClassVar[str] = "agreement"
    field: str
    agreement: dict[str, Any]
    text: str = ""
    shown: str = ""


@dataclass(frozen=True)
class AgreementRejected(Payload):
    """An agreement field was refused (vague date, over a limit, ...)."""

    kind: ClassVar[str] = "agreement_rejected"
    field: str
    text: str = ""
    message: str = ""
    hint: str | None = None


@dataclass(frozen=True)
class NoAgreementSet(Payload):
    """An explicit outcome without agreement, with a follow-up (ISO moment)."""

    kind: ClassVar[str] = "no_agreement"
    reason: str
    follow_up: str
    label: str = ""
    detail: str = ""


@dataclass(frozen=True)
class ActionDone(Payload):
    """A named action from the script (a to-do or reminder for the caller)."""

    kind: ClassVar[str] = "action"
    name: str
    source: str = ""
    todo: str | None = None
    hint: str | None = None
    recap_done: bool = False


@dataclass(frozen=True)
class Refused(Payload):
    """A move the engine refused, with what was missing."""

    kind: ClassVar[str] = "refused"
    move: str
    message: str = ""
    step: str = ""
    missing: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Ended(Payload):
    """The call reached an end step with a valid outcome; everything the log's summary
    needs is here, so the call is closed once, by this event."""

    kind: ClassVar[str] = "ended"
    outcome: dict[str, Any]  # {"type": "agreement"|"no_agreement", "<type>": model dump}
    step: str = ""
    contact: str | None = None
    todos: list[str] | None = None
    if_broken: str | None = None


@dataclass(frozen=True)
class Aborted(Payload):
    """The caller broke the call off (counts as ended, no agreement)."""

    kind: ClassVar[str] = "aborted"
    reason: str
    follow_up: str
    step: str = ""
    contact: str | None = None
    todos: list[str] | None = None
    if_broken: str | None = None


@dataclass(frozen=True)
class Recap(Payload):
    """The agreements were repeated to the customer."""

    kind: ClassVar[str] = "recap"
    text: str = ""
    step: str = ""


@dataclass(frozen=True)
class Evaluation(Payload):
    """The caller's evaluation after the call."""

    kind: ClassVar[str] = "evaluation"
    went_well: str = ""
    differently: str = ""


@dataclass(frozen=True)
class CustomerSaid(Payload):
    """Practice: what the simulated customer said (``reaction``: its kind of reply)."""

    kind: ClassVar[str] = "customer"
    _keys: ClassVar[dict[str, str]] = {"reaction": "kind"}
    text: str
    reaction: str = ""
    excuse: str | None = None
    step: str = ""


@dataclass(frozen=True)
class Score(Payload):
    """Practice: the score of the finished session (the report as plain JSON)."""

    kind: ClassVar[str] = "score"
    report: dict[str, Any]

    def to_data(self) -> dict[str, Any]:
        return dict(self.report)

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> "Score":
        return cls(report=dict(data))


@dataclass(frozen=True)
class Resumed(Payload):
    """The call was picked up again after an interruption."""

    kind: ClassVar[str] = "resumed"
    step: str = ""


@dataclass(frozen=True)
class Unknown(Payload):
    """A kind this version does not know (a log written by a newer belscript)."""

    kind: ClassVar[str] = "unknown"
    data: dict[str, Any]

    def to_data(self) -> dict[str, Any]:
        return dict(self.data)


#: Every kind of event, in the order they are described in the docs.
PAYLOADS: dict[str, type[Payload]] = {
    cls.kind: cls
    for cls in (Started, StepTaken, OptionTaken, ExcusePicked, WentBack, Note, WarningShown, Contact,
                AgreementSet, AgreementRejected, NoAgreementSet, ActionDone, Refused, Ended, Aborted, Recap,
                Evaluation, CustomerSaid, Score, Resumed)
}

EVENT_KINDS: tuple[str, ...] = tuple(PAYLOADS)


def upgrade(kind: str, data: dict[str, Any], version: int) -> dict[str, Any]:
    """The stored data of an event of ``version`` in today's form (:data:`EVENT_VERSION`)."""
    if version < 2 and kind == "contact" and not data.get("name"):
        name = data.get("contact") or data.get("person")
        if name:
            data = {**data, "name": name}
    return data


def payload_of(kind: str, data: dict[str, Any]) -> Payload:
    """The typed payload of stored event data (``KeyError``/``TypeError`` when it does not fit)."""
    cls = PAYLOADS.get(kind)
    if cls is None:
        return Unknown(data=dict(data))
    return cls.from_data(data)


@dataclass(frozen=True)
class Event:
    """One fact of a call, numbered from 1 in the order it happened."""

    seq: int
    at: datetime
    kind: str
    data: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def of(cls, seq: int, at: datetime, payload: Payload) -> "Event":
        """A new event from its typed payload."""
        event = cls(seq=seq, at=at, kind=payload.kind, data=payload.to_data())
        event.__dict__["payload"] = payload  # already known; saves reading it back
        return event

    @cached_property
    def payload(self) -> Payload:
        """The typed fields of this event (:class:`Unknown` for a kind from a newer version)."""
        return payload_of(self.kind, self.data)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict; ``at`` is ISO 8601 to the second."""
        return {"seq": self.seq, "at": self.at.isoformat(timespec="seconds"), "kind": self.kind, "data": self.data}

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> "Event":
        """Inverse of :meth:`to_dict` (also accepts a datetime for ``at``, and an older
        stored form when ``raw`` says its version under ``v``)."""
        at = raw["at"]
        if isinstance(at, str):
            at = datetime.fromisoformat(at)
        kind = str(raw["kind"])
        data = upgrade(kind, dict(raw.get("data") or {}), int(raw.get("v", EVENT_VERSION)))
        return cls(seq=int(raw["seq"]), at=at, kind=kind, data=data)

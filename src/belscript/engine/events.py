"""The events a call is made of, each kind with its fields declared once.

Every change in a call (a step taken, a note, an agreement field, the end) is one
:class:`Event`. The call's state is nothing but the fold of its events
(:mod:`belscript.engine.state`), so the journal can store them one by one as they
happen and a crashed call can be rebuilt exactly. An event is an envelope (number,
moment, kind) around a typed *payload*: one frozen class per kind below. The
stored form is plain JSON (``Event.data``), written by :meth:`Payload.to_data` and read
back by :func:`payload_of`, so storing needs no knowledge of the engine's classes.

**Adding a kind**: declare a ``@payload`` class here with ``kind = "..."`` (a ``ClassVar``), add
it to :data:`PAYLOADS`, say in :meth:`belscript.engine.state.CallState.apply` what it
changes (nothing is fine), and give it a Dutch label in
:mod:`belscript.journal.timeline`.

**Versions**: :data:`EVENT_VERSION` is the version of the stored form; the journal stores
it with each event. :func:`upgrade` turns the data of an older version into today's
form when it is read, so old logs keep working without rewriting append-only rows.
Not pydantic models (a call emits hundreds of events) and not dataclasses either:
generating the methods of twenty dataclasses cost ~25 ms, paid before the call
screen's first frame (the call log reads events) and again while the caller types the
first keys. :func:`~belscript.engine.payload.payload` gives each kind what
``@dataclass(frozen=True)`` gave it, without writing code per class.
"""

from __future__ import annotations

from datetime import datetime
from functools import cached_property
from typing import Any, ClassVar

from belscript.document.record import Frozen
from belscript.engine.payload import Payload, factory, payload

#: Version of the stored form of event data. 1: before typed events (an ``ended`` or
#: ``aborted`` event without the contact person, to-dos and ``if_broken``; a ``contact``
#: event could name the person under ``contact`` or ``person``). 2: today.
EVENT_VERSION = 2


@payload
class Started(Payload):
    """The call began: script, customer, first step."""

    kind: ClassVar[str] = "started"
    script: str = ""
    step: str = ""
    title: str = ""
    practice: bool = False
    customer: str = ""
    invoices: list[str] = factory(list)
    total_due: str = ""
    #: Who made the call (the caller's name from the settings); empty when none is set.
    caller: str = ""


@payload
class StepTaken(Payload):
    """Moved forward to a step (or an excuse handler)."""

    kind: ClassVar[str] = "step"
    step: str
    via: str = ""


@payload
class OptionTaken(Payload):
    """An option was taken (precedes the ``step`` it leads to)."""

    kind: ClassVar[str] = "option"
    step: str
    nr: int
    label: str = ""
    target: str = ""


@payload
class ExcusePicked(Payload):
    """An excuse from the library was picked."""

    kind: ClassVar[str] = "excuse"
    step: str
    excuse: str
    label: str = ""


@payload
class WentBack(Payload):
    """Went back to the previous step (history is kept)."""

    kind: ClassVar[str] = "back"
    _keys: ClassVar[dict[str, str]] = {"from_": "from"}
    to: str
    from_: str = ""


@payload
class Note(Payload):
    """Free text typed by the caller."""

    kind: ClassVar[str] = "note"
    text: str
    step: str = ""


@payload
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


@payload
class Contact(Payload):
    """The name of the person on the phone."""

    kind: ClassVar[str] = "contact"
    name: str


@payload
class AgreementSet(Payload):
    """An agreement field was accepted; ``agreement`` is the whole resulting agreement."""

    kind: ClassVar[str] = "agreement"
    field: str
    agreement: dict[str, Any]
    text: str = ""
    shown: str = ""


@payload
class AgreementRejected(Payload):
    """An agreement field was refused (vague date, over a limit, ...)."""

    kind: ClassVar[str] = "agreement_rejected"
    field: str
    text: str = ""
    message: str = ""
    hint: str | None = None


@payload
class NoAgreementSet(Payload):
    """An explicit outcome without agreement, with a follow-up (ISO moment)."""

    kind: ClassVar[str] = "no_agreement"
    reason: str
    follow_up: str
    label: str = ""
    detail: str = ""


@payload
class ActionDone(Payload):
    """A named action from the script (a to-do or reminder for the caller)."""

    kind: ClassVar[str] = "action"
    name: str
    source: str = ""
    todo: str | None = None
    hint: str | None = None
    recap_done: bool = False


@payload
class Refused(Payload):
    """A move the engine refused, with what was missing."""

    kind: ClassVar[str] = "refused"
    move: str
    message: str = ""
    step: str = ""
    missing: list[str] = factory(list)


@payload
class Ended(Payload):
    """The call reached an end step with a valid outcome; everything the log's summary
    needs is here, so the call is closed once, by this event."""

    kind: ClassVar[str] = "ended"
    outcome: dict[str, Any]  # {"type": "agreement"|"no_agreement", "<type>": model dump}
    step: str = ""
    contact: str | None = None
    todos: list[str] | None = None
    if_broken: str | None = None


@payload
class Aborted(Payload):
    """The caller broke the call off (counts as ended, no agreement)."""

    kind: ClassVar[str] = "aborted"
    reason: str
    follow_up: str
    step: str = ""
    contact: str | None = None
    todos: list[str] | None = None
    if_broken: str | None = None


@payload
class Recap(Payload):
    """The agreements were repeated to the customer."""

    kind: ClassVar[str] = "recap"
    text: str = ""
    step: str = ""


@payload
class Evaluation(Payload):
    """The caller's evaluation after the call."""

    kind: ClassVar[str] = "evaluation"
    went_well: str = ""
    differently: str = ""


@payload
class CustomerSaid(Payload):
    """Practice: what the simulated customer said (``reaction``: its kind of reply)."""

    kind: ClassVar[str] = "customer"
    _keys: ClassVar[dict[str, str]] = {"reaction": "kind"}
    text: str
    reaction: str = ""
    excuse: str | None = None
    step: str = ""


@payload
class Score(Payload):
    """Practice: the score of the finished session (the report as plain JSON)."""

    kind: ClassVar[str] = "score"
    report: dict[str, Any]

    def to_data(self) -> dict[str, Any]:
        return dict(self.report)

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> "Score":
        return cls(report=dict(data))


@payload
class Resumed(Payload):
    """The call was picked up again after an interruption."""

    kind: ClassVar[str] = "resumed"
    step: str = ""


@payload
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


class Event(Frozen):
    """One fact of a call, numbered from 1 in the order it happened (frozen)."""

    __match_args__ = ("seq", "at", "kind", "data")
    seq: int
    at: datetime
    kind: str
    data: dict[str, Any]

    def __init__(self, seq: int, at: datetime, kind: str, data: dict[str, Any] | None = None) -> None:
        values = self.__dict__
        values["seq"], values["at"], values["kind"] = seq, at, kind
        values["data"] = {} if data is None else data

    def _values(self) -> tuple[Any, ...]:
        return self.seq, self.at, self.kind, self.data

    def __repr__(self) -> str:
        return f"Event(seq={self.seq!r}, at={self.at!r}, kind={self.kind!r}, data={self.data!r})"

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

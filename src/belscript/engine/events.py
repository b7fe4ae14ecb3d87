"""The events a call is made of.

Every change in a call (a step taken, a note, an agreement field, the end) is one
:class:`Event`. The call's state is nothing but the fold of its events, so the
journal can store them one by one as they happen and a crashed call can be rebuilt
exactly (:meth:`belscript.engine.call.Call.replay`). Event data is plain JSON
(strings, numbers, booleans, lists, dicts) so storing it needs no knowledge of the
engine's classes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

#: Every kind of event the engine emits, in the order they are described in the docs.
EVENT_KINDS: tuple[str, ...] = (
    "started",             # the call began: script, customer, first step
    "step",                # moved forward to a step (or an excuse handler)
    "option",              # an option was taken (precedes the 'step' it leads to)
    "excuse",              # an excuse from the library was picked
    "back",                # went back to the previous step (history is kept)
    "note",                # free text typed by the caller
    "warning",             # a phrasing warning that was shown
    "contact",             # the name of the person on the phone
    "agreement",           # an agreement field was accepted
    "agreement_rejected",  # an agreement field was refused (vague date, over a limit, ...)
    "no_agreement",        # an explicit outcome without agreement, with a follow-up
    "action",              # a named action from the script (a to-do for the caller)
    "refused",             # a move the engine refused, with what was missing
    "ended",               # the call reached an end step with a valid outcome
    "aborted",             # the caller broke the call off (counts as ended, no agreement)
    "recap",               # the agreements were repeated to the customer
    "evaluation",          # the caller's evaluation after the call
    "customer",            # practice: what the simulated customer said
    "score",               # practice: the score of the finished session
    "resumed",             # the call was picked up again after an interruption
)


@dataclass(frozen=True)
class Event:
    """One fact of a call, numbered from 1 in the order it happened."""

    seq: int
    at: datetime
    kind: str
    data: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict; ``at`` is ISO 8601 to the second."""
        return {"seq": self.seq, "at": self.at.isoformat(timespec="seconds"), "kind": self.kind, "data": self.data}

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> "Event":
        """Inverse of :meth:`to_dict` (also accepts a datetime for ``at``)."""
        at = raw["at"]
        if isinstance(at, str):
            at = datetime.fromisoformat(at)
        return cls(seq=int(raw["seq"]), at=at, kind=str(raw["kind"]), data=dict(raw.get("data") or {}))

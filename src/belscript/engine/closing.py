"""Ending without an agreement: by way of the script's own no-agreement step.

A caller who types ``/geenafspraak`` somewhere in the middle of a call has decided
there is no agreement; the customer should still hear what happens next (the seeds:
inform the customer about the next steps) before the call ends. So the outcome is
recorded and the call moves to the step where the script says those next steps, and
the screen shows its lines. Which step that is, is read from the script's shape, not
from its step names, so authors' own scripts work the same way.

:class:`Closing` is the part of :class:`~belscript.engine.call.Call` (which inherits
it) that does this, and the ``end`` move, which takes the step's own closing option
when there is one so that its actions (announce the next steps, schedule the call
back) run as when the option is chosen.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from belscript.agreement.model import NoAgreementReason
from belscript.engine.events import Event, Payload, StepTaken
from belscript.engine.nodes import Node
from belscript.script.models import Option, Role

if TYPE_CHECKING:  # pragma: no cover
    from belscript.engine.state import CallState
    from belscript.errors import CallRefused

__all__ = ["END_BLOCKED", "Closing", "NOBODY_ON_THE_LINE", "no_agreement_step"]

END_BLOCKED = (
    "Het gesprek kan nog niet worden afgesloten: maak de afspraak concreet, "
    "of leg vast waarom er geen afspraak is, met een vervolgmoment."
)

#: Reasons where nobody who can pay is listening: the not-reached step (the voicemail) fits.
NOBODY_ON_THE_LINE = frozenset({NoAgreementReason.not_reachable, NoAgreementReason.wrong_person})
#: The customer hung up: there is nobody left to tell anything, so the call stays where it is.
_GONE = frozenset({NoAgreementReason.hung_up})


def _closes_without_agreement(node: Node, nodes: dict[str, Node]) -> bool:
    """A step with an option that ends the call once a no-agreement outcome is recorded."""
    return not node.is_end and node.role is not Role.excuse and any(
        opt.when == "no_agreement_recorded" and opt.go is not None and nodes[opt.go].is_end
        for _, opt in node.options)


def no_agreement_step(nodes: dict[str, Node], reason: NoAgreementReason | str) -> str | None:
    """The step a call without agreement ends by, for ``reason``; None when it should stay put.

    Candidates are the steps with an option guarded by ``no_agreement_recorded`` into an
    end step. The steps the opening leads to are for when nobody was reached (the
    voicemail); the others are where the next steps are told, the one that announces
    them (``announce_next_steps``) first. A script with one such step uses it for all.
    """
    reason = NoAgreementReason(reason)
    if reason in _GONE:
        return None
    candidates = [n for n in nodes.values() if _closes_without_agreement(n, nodes)]
    from_opening = {opt.go for n in nodes.values() if n.role is Role.opening for _, opt in n.options}
    reached = [n for n in candidates if n.id in from_opening]
    talked = [n for n in candidates if n.id not in from_opening]
    preferred = (reached or talked) if reason in NOBODY_ON_THE_LINE else (talked or reached)
    announcing = [n for n in preferred if any("announce_next_steps" in opt.do for _, opt in n.options)]
    chosen = (announcing or preferred)[:1]
    return chosen[0].id if chosen else None


class Closing:
    """The moves that close a call: without agreement by way of its step, and ``end``."""

    _nodes: dict[str, Node]
    _state: "CallState"
    _flow: Any
    _machine: Any

    if TYPE_CHECKING:  # provided by Call and Recording
        def _emit(self, payload: Payload) -> Event: ...
        def _run_actions(self, names: list[str], *, source: str) -> None: ...
        def _refuse(self, move: str, message: str, missing: list[str] | None = None) -> CallRefused: ...
        def _require_running(self, move: str) -> None: ...
        def _node(self) -> Node: ...
        def record_no_agreement(self, reason: NoAgreementReason | str, detail: str = "",
                                follow_up: datetime | None = None) -> Event: ...
        def may_end(self) -> bool: ...
        def _end_missing(self) -> list[str]: ...
        def _unavailable(self, nr: int, opt: Option) -> tuple[str, list[str]] | None: ...
        def _emit_ended(self) -> None: ...

    def close_without_agreement(self, reason: NoAgreementReason | str, detail: str = "",
                                follow_up: datetime | None = None) -> Event:
        """Record that there is no agreement, then go to the script's no-agreement step.

        Returns the ``no_agreement`` event. From any step the call moves to the step
        where the script tells the customer what happens next (or, when nobody was
        reached, to its not-reached step), so the caller says those lines before
        ending; ``end`` from there closes the call. Already there, at an end step or
        when the customer hung up, the call stays where it is.
        """
        event = self.record_no_agreement(reason, detail, follow_up)
        target = no_agreement_step(self._nodes, reason)
        here = self._node()
        if target is not None and target != here.id and not here.is_end:
            self._emit(StepTaken(step=target, via="no_agreement"))
            self._run_actions(self._nodes[target].do, source=target)
        return event

    def end(self) -> None:
        """End the call at the script's end step; refused, with what is missing, unless allowed.

        At a step that closes without agreement (its option into an end step is guarded
        by ``no_agreement_recorded``) with that outcome recorded, that option is taken,
        so its actions (announce the next steps, schedule the call back) run as if the
        caller had chosen it.
        """
        self._require_running("end")
        if not self.may_end():
            raise self._refuse("end", END_BLOCKED, self._end_missing())
        node = self._node()
        closing = [nr for nr, opt in node.options
                   if opt.when == "no_agreement_recorded" and opt.go is not None and self._nodes[opt.go].is_end
                   and self._unavailable(nr, opt) is None]
        if closing and self._state.no_agreement is not None:
            self._flow.trigger(f"option_{closing[0]}")
            return
        if node.is_end or "end" not in self._machine.get_triggers(self._flow.state):
            self._emit_ended()  # already at an end step, or a script without one
            return
        if not self._flow.trigger("end"):  # pragma: no cover - same guard as above
            raise self._refuse("end", END_BLOCKED, self._end_missing())

"""The facts of a call: one fold over its events.

:class:`CallState` is what every reader of a call needs (the engine itself, the log's
summary, the follow-up documents, the evaluation, practice scoring, ``belscript log``
and ``belscript test`` coverage): where the call is, who was spoken to, the agreement
or recorded no-agreement outcome, notes, warnings, to-dos, whether the agreements were
read back. It is computed from events only (:meth:`CallState.fold`), never from a live
object, so a call read from the log has exactly the facts it had on screen.

It needs no script and no state-machine library; the engine checks events against its
script before folding them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from belscript.agreement.model import Agreement, NoAgreement, NoAgreementReason
from belscript.engine.events import (
    Aborted,
    ActionDone,
    AgreementRejected,
    AgreementSet,
    Contact,
    CustomerSaid,
    Ended,
    Evaluation,
    Event,
    ExcusePicked,
    NoAgreementSet,
    Note,
    Recap,
    Refused,
    Score,
    Started,
    StepTaken,
    WarningShown,
    WentBack,
)

#: ``outcome_type`` of a call that ended without an agreement (also the log's ``outcome_kind``).
NO_AGREEMENT = "no_agreement"


def outcome_from(kind: str, data: dict[str, Any]) -> Agreement | NoAgreement:
    """An outcome from its stored form: ``kind`` is ``"agreement"`` or ``"no_agreement"``."""
    if kind == NO_AGREEMENT:
        return NoAgreement.model_validate(data)
    return Agreement.model_validate(data)


def outcome_data(outcome: Agreement | NoAgreement) -> dict[str, Any]:
    """The stored form of an outcome, as an ``ended`` event carries it."""
    kind = NO_AGREEMENT if isinstance(outcome, NoAgreement) else "agreement"
    return {"type": kind, kind: outcome.model_dump(mode="json")}


@dataclass
class CallState:
    """Everything a call's events say, folded in order (see :meth:`apply`)."""

    script: str | None = None
    title: str = ""
    practice: bool = False
    customer: str = ""
    started_at: datetime | None = None
    ended_at: datetime | None = None
    #: Id of the current step (``excuse:<id>`` inside an excuse handler).
    step: str | None = None
    #: The way back: the steps that ``back`` can return through.
    trail: list[str] = field(default_factory=list)
    #: Every step visited, in order, including those reached by going back.
    history: list[str] = field(default_factory=list)
    #: The last name entered for the person on the phone.
    contact: str | None = None
    agreement: Agreement = field(default_factory=Agreement)
    no_agreement: NoAgreement | None = None
    outcome: Agreement | NoAgreement | None = None
    ended: bool = False
    aborted: bool = False
    our_actions: list[str] = field(default_factory=list)
    #: Reminders from the actions of the current step.
    hints: list[str] = field(default_factory=list)
    recap_done: bool = False
    evaluation: dict[str, str] | None = None
    notes: list[Event] = field(default_factory=list)
    #: Every warning event, shown or set aside (:mod:`belscript.followup.evaluation` decides which count).
    warnings: list[Event] = field(default_factory=list)
    excuses: list[str] = field(default_factory=list)
    refusals: list[Refused] = field(default_factory=list)
    rejected: int = 0
    customer_lines: list[CustomerSaid] = field(default_factory=list)
    score: dict[str, Any] | None = None
    #: The script's consequence of a broken promise, as the call was closed with it.
    if_broken: str | None = None
    #: The contact person the closing event recorded (see :attr:`contact_person`).
    closing_contact: str | None = None

    @classmethod
    def fold(cls, events: Iterable[Event], *, strict: bool = False) -> "CallState":
        """The facts of a call from its events (a pure function of the events).

        A stored event whose data does not fit its kind (a damaged or hand-made log) is
        passed over, so reading a log never fails on one bad row; ``strict`` raises instead.
        """
        state = cls()
        for event in events:
            try:
                state.apply(event)
            except (KeyError, ValueError, TypeError):
                if strict:
                    raise
        return state

    def apply(self, event: Event) -> None:
        """Change the facts by one event. Kinds this version does not know change nothing.

        Raises ``KeyError``/``ValueError``/``TypeError`` when the event's data does not fit its kind.
        """
        p = event.payload
        if isinstance(p, Started):
            self.script, self.title, self.practice, self.customer = p.script, p.title, bool(p.practice), p.customer
            self.started_at = event.at
            self.step, self.trail, self.history = p.step or None, [p.step], [p.step]
        elif isinstance(p, StepTaken):
            self.step = p.step
            self.trail.append(p.step)
            self.history.append(p.step)
            self.hints = []
        elif isinstance(p, WentBack):
            self.trail.pop()
            self.step = p.to
            self.history.append(p.to)
            self.hints = []
        elif isinstance(p, Note):
            self.notes.append(event)
        elif isinstance(p, WarningShown):
            self.warnings.append(event)
        elif isinstance(p, ExcusePicked):
            self.excuses.append(p.label or p.excuse)
        elif isinstance(p, Contact):
            self.contact = p.name
            if not self.agreement.agreed_by:
                self.agreement = self.agreement.model_copy(update={"agreed_by": p.name})
        elif isinstance(p, AgreementSet):
            self.agreement = Agreement.model_validate(p.agreement)
        elif isinstance(p, AgreementRejected):
            self.rejected += 1
        elif isinstance(p, NoAgreementSet):
            self.no_agreement = NoAgreement(reason=NoAgreementReason(p.reason), detail=p.detail,
                                            follow_up=datetime.fromisoformat(p.follow_up))
        elif isinstance(p, ActionDone):
            self._on_action(p)
        elif isinstance(p, Refused):
            self.refusals.append(p)
        elif isinstance(p, Ended):
            kind = p.outcome["type"]
            self.outcome = outcome_from(kind, p.outcome[kind])
            self._close(event, p.contact, p.todos, p.if_broken)
        elif isinstance(p, Aborted):
            self.outcome = NoAgreement(reason=NoAgreementReason.other, detail=p.reason,
                                       follow_up=datetime.fromisoformat(p.follow_up))
            self.aborted = True
            self._close(event, p.contact, p.todos, p.if_broken)
        elif isinstance(p, Recap):
            self.recap_done = True
        elif isinstance(p, Evaluation):
            self.evaluation = {"went_well": p.went_well, "differently": p.differently}
        elif isinstance(p, CustomerSaid):
            self.customer_lines.append(p)
        elif isinstance(p, Score):
            self.score = p.report

    def _on_action(self, p: ActionDone) -> None:
        if p.todo and p.todo not in self.our_actions:
            self.our_actions.append(p.todo)
        if p.hint:
            self.hints.append(p.hint)
        if p.recap_done:
            self.recap_done = True

    def _close(self, event: Event, contact: str | None, todos: list[str] | None, if_broken: str | None) -> None:
        self.ended = True
        self.ended_at = event.at
        self.closing_contact = contact
        if todos is not None:  # version 1 events did not carry them; the folded ones stand
            self.our_actions = list(todos)
        self.if_broken = if_broken

    # -- derived facts ---------------------------------------------------------------

    @property
    def outcome_type(self) -> str | None:
        """``"agreement"``, ``"no_agreement"`` (also for an aborted call), or None while open."""
        if self.outcome is None:
            return None
        return NO_AGREEMENT if isinstance(self.outcome, NoAgreement) else "agreement"

    @property
    def contact_person(self) -> str | None:
        """Who the call was with: the person spoken to, else who agreed, else who will call back.

        The one rule for the log's summary and the follow-up documents.
        """
        if self.closing_contact:
            return self.closing_contact
        return contact_person(self.contact, self.outcome if self.outcome is not None else self.agreement)


def contact_person(spoken_to: str | None, outcome: Agreement | NoAgreement | None) -> str | None:
    """The person spoken to, else who agreed, else who will call back (None when unknown)."""
    if spoken_to:
        return spoken_to
    if isinstance(outcome, Agreement):
        return outcome.agreed_by or (outcome.callback.person if outcome.callback else None)
    return None

"""The plain facts every after-call document is made from.

The recap, the e-mail, the calendar file and the evaluation take an
:class:`AfterCall` instead of a live call, so the call screen, the practice mode and
``belscript log show`` (which only has the stored record) all produce the same texts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from belscript.agreement.model import Agreement, NoAgreement
from belscript.clock import Clock, clock_from_env
from belscript.dossier import Dossier

if TYPE_CHECKING:  # pragma: no cover
    from belscript.engine.state import CallState


@dataclass(frozen=True)
class AfterCall:
    """What came out of one call.

    ``contact`` is who was on the phone (noted during the call); ``if_broken`` is the
    script policy's text for a broken promise (the agreement's own ``if_broken``, when
    set, wins); ``now`` is when the call ended (dates in the e-mail are relative to it).
    ``conditions`` are the script's conditions for an offer, in its own words (they go
    into the e-mail); ``announced`` is what the script told the customer would happen
    next when there was no agreement (the e-mail repeats it in writing).
    """

    dossier: Dossier
    outcome: Agreement | NoAgreement
    now: datetime
    our_actions: tuple[str, ...] = ()
    contact: str | None = None
    if_broken: str | None = None
    conditions: tuple[str, ...] = ()
    announced: str | None = None

    @classmethod
    def of(
        cls,
        dossier: Dossier,
        outcome: Agreement | NoAgreement,
        *,
        our_actions: list[str] | tuple[str, ...] = (),
        contact: str | None = None,
        if_broken: str | None = None,
        clock: Clock | None = None,
        conditions: list[str] | tuple[str, ...] = (),
        announced: str | None = None,
    ) -> "AfterCall":
        """Build the facts with "now" taken from ``clock`` (default: ``BELSCRIPT_NOW`` or the wall clock)."""
        now = (clock or clock_from_env()).now()
        return cls(dossier=dossier, outcome=outcome, now=now, our_actions=tuple(our_actions),
                   contact=contact, if_broken=if_broken, conditions=tuple(conditions), announced=announced)

    @classmethod
    def from_facts(cls, dossier: Dossier, facts: CallState, *, clock: Clock | None = None,
                   outcome: Agreement | NoAgreement | None = None, conditions: list[str] | tuple[str, ...] = (),
                   announced: str | None = None) -> "AfterCall":
        """From the facts of a call (its events folded); ``outcome`` stands in while the
        call has none yet (the recap read back before the end)."""
        chosen = outcome if outcome is not None else facts.outcome
        assert chosen is not None, "a call without an outcome has no after-call documents"
        return cls.of(dossier, chosen, our_actions=facts.our_actions, contact=facts.contact_person,
                      if_broken=facts.if_broken, clock=clock, conditions=conditions, announced=announced)

    @classmethod
    def from_record(cls, record: Any) -> "AfterCall | None":
        """From a stored call (:class:`belscript.journal.CallRecord`); ``None`` while it has no outcome."""
        outcome = record.outcome
        if outcome is None:
            return None
        conditions: tuple[str, ...] = ()
        if getattr(record, "script_text", None):  # the script the call was made with, as stored
            from belscript.script.loader import parse_script_text

            loaded, _problems = parse_script_text(record.script_text, record.script_path or record.script_name)
            if loaded is not None:
                conditions = tuple(" ".join(c.split()) for c in loaded.script.agreement.conditions)
        return cls(
            conditions=conditions,
            dossier=record.dossier,
            outcome=outcome,
            now=record.ended_at or record.started_at,
            our_actions=tuple(record.our_actions),
            contact=record.contact_person,
            if_broken=record.if_broken,
        )

    @property
    def agreement(self) -> Agreement | None:
        return self.outcome if isinstance(self.outcome, Agreement) else None

    @property
    def no_agreement(self) -> NoAgreement | None:
        return self.outcome if isinstance(self.outcome, NoAgreement) else None

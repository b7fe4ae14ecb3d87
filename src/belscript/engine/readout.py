"""What a running call shows of itself: its facts, read-only.

:class:`Readout` is the reading half of :class:`~belscript.engine.call.Call` (which
inherits it); everything here reads the :class:`~belscript.engine.state.CallState`
fold and the event list, and changes nothing.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from belscript.agreement.model import Agreement, NoAgreement
from belscript.engine.events import Event
from belscript.dossier import fill, template_values
from belscript.engine.state import CallState

if TYPE_CHECKING:  # pragma: no cover
    from belscript.clock import Clock
    from belscript.dossier import Dossier
    from belscript.script.models import Script

__all__ = ["Readout"]


class Readout:
    """The read-only properties of a call (its facts, events, timing and snapshot)."""

    script: "Script"
    clock: "Clock"
    practice: bool
    _state: CallState
    _events: list[Event]

    dossier: "Dossier"
    _values: tuple[object, dict[str, str]] | None
    _spoken: tuple[object, dict[str, str]] | None

    if TYPE_CHECKING:  # provided by Call
        def _position(self) -> str: ...

    def template_values(self) -> dict[str, str]:
        """The dossier's fields for ``{…}`` templates, in Dutch words (cached per day)."""
        today = self.clock.today()
        if self._values is None or self._values[0] != today:
            from belscript.agreement.datewords import say_date

            values = template_values(self.dossier, today=today, words=say_date)
            values.update(self.script.agreement.template_values())
            self._values = (today, values)
        return self._values[1]

    def spoken_values(self) -> dict[str, str]:
        """The same fields as said aloud: ``€ 2.450`` rather than ``€ 2.450,00``, and
        dates without the year when it is this year (cached per day)."""
        today = self.clock.today()
        cached = self._spoken
        if cached is None or cached[0] != today:
            from functools import partial

            from belscript.agreement.datewords import speak_date
            from belscript.money import say_amount

            values = template_values(self.dossier, today=today, words=partial(speak_date, today=today),
                                     amount=say_amount)
            values.update(self.script.agreement.template_values())
            cached = (today, values)
            self._spoken = cached
        return cached[1]

    def _now(self) -> datetime:
        """The current moment, given to the agreement layer as 'today' so that a callback
        earlier today counts as past."""
        return self.clock.now().replace(microsecond=0)

    def _fill(self, text: str) -> str:
        return fill(text, self._with_greeting(self.template_values()), form=self.dossier.customer.address_form)

    def _with_greeting(self, values: dict[str, str]) -> dict[str, str]:
        """The day's fields plus ``{groet}``, which follows the hour rather than the day."""
        from belscript.templates import greeting

        return {**values, "groet": greeting(self.clock.now().hour)}

    def _say(self, text: str) -> str:
        """Fill a line the caller says aloud, with the spoken forms of amounts and dates,
        in the customer's form of address (``u`` or ``je``)."""
        return fill(text, self._with_greeting(self.spoken_values()), form=self.dossier.customer.address_form)

    def problems(self) -> list[str]:
        """What is still missing for a concrete agreement (Dutch); empty when concrete."""
        from belscript.agreement import check

        return check.problems(self._state.agreement, policy=self.script.agreement,
                              amount_due=self.dossier.total_due, today=self._now())

    def is_concrete(self) -> bool:
        from belscript.agreement import check

        return check.is_concrete(self._state.agreement, policy=self.script.agreement,
                                 amount_due=self.dossier.total_due, today=self._now())

    def may_end(self) -> bool:
        """The engine's own guard on every way into an end step."""
        return self._state.no_agreement is not None or self.is_concrete()

    @property
    def facts(self) -> CallState:
        """The call's facts, the fold of its events (read them, do not change them)."""
        return self._state

    @property
    def agreement(self) -> Agreement:
        return self._state.agreement

    @property
    def contact(self) -> str | None:
        return self._state.contact

    @property
    def no_agreement(self) -> NoAgreement | None:
        return self._state.no_agreement

    @property
    def ended(self) -> bool:
        return self._state.ended

    @property
    def aborted(self) -> bool:
        return self._state.aborted

    @property
    def outcome(self) -> Agreement | NoAgreement | None:
        return self._state.outcome

    @property
    def our_actions(self) -> list[str]:
        return list(self._state.our_actions)

    @property
    def hints(self) -> list[str]:
        """Reminders from the actions of the current step (e.g. 'Vraag met wie u spreekt')."""
        return list(self._state.hints)

    @property
    def events(self) -> list[Event]:
        return list(self._events)

    @property
    def history(self) -> list[str]:
        """Every step visited, in order, including those reached by going back."""
        return list(self._state.history)

    @property
    def recap_done(self) -> bool:
        return self._state.recap_done

    @property
    def evaluation(self) -> dict[str, str] | None:
        return dict(self._state.evaluation) if self._state.evaluation else None

    @property
    def started_at(self) -> datetime | None:
        return self._state.started_at

    @property
    def elapsed(self) -> timedelta:
        """Time in the call; stops at the end or abort."""
        if self._state.started_at is None:
            return timedelta(0)
        return (self._state.ended_at or self.clock.now()) - self._state.started_at

    def snapshot(self) -> dict[str, Any]:
        """The whole state as plain data; two calls with equal snapshots are the same call."""
        def dump(model: Any) -> Any:
            return model.model_dump(mode="json") if model is not None else None

        return {
            "script": self.script.name, "practice": self.practice, "state": self._position(),
            "trail": list(self._state.trail), "history": list(self._state.history), "contact": self._state.contact,
            "agreement": dump(self._state.agreement), "no_agreement": dump(self._state.no_agreement),
            "ended": self._state.ended, "aborted": self._state.aborted,
            "outcome": {"type": type(self._state.outcome).__name__, **dump(self._state.outcome)} if self._state.outcome else None,
            "our_actions": list(self._state.our_actions), "hints": list(self._state.hints),
            "recap_done": self._state.recap_done,
            "evaluation": self._state.evaluation,
            "started_at": self._state.started_at.isoformat() if self._state.started_at else None,
            "ended_at": self._state.ended_at.isoformat() if self._state.ended_at else None,
            "events": [e.to_dict() for e in self._events],
        }

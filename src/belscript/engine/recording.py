"""The facts a caller records during and after a call, each as one event.

:class:`Recording` is the recording half of :class:`~belscript.engine.call.Call`
(which inherits it): notes, shown warnings, the contact person, agreement fields, a
no-agreement outcome, the read-back, practice replies, score and evaluation. Each
method checks its input, then emits exactly one event (or a refusal).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from belscript.agreement.model import NO_AGREEMENT_LABELS, NoAgreementReason
from belscript.engine.events import (
    AgreementRejected,
    AgreementSet,
    Contact,
    CustomerSaid,
    Evaluation,
    Event,
    NoAgreementSet,
    Note,
    Payload,
    Recap,
    Resumed,
    Score,
    WarningShown,
)
from belscript.engine.state import CallState
from belscript.errors import AgreementError, CallRefused

if TYPE_CHECKING:  # pragma: no cover
    from belscript.dossier import Dossier
    from belscript.script.models import Script

__all__ = ["Recording", "as_json_moment"]


def as_json_moment(moment: datetime) -> str:
    """A moment as stored in an event: ISO 8601 to the second."""
    return moment.isoformat(timespec="seconds")


class Recording:
    """The recording moves of a call; each emits one event through ``Call._emit``."""

    script: "Script"
    dossier: "Dossier"
    _state: CallState

    if TYPE_CHECKING:  # provided by Call
        def _emit(self, payload: Payload) -> Event: ...
        def _refuse(self, move: str, message: str, missing: list[str] | None = None) -> CallRefused: ...
        def _require_running(self, move: str) -> None: ...
        def _now(self) -> datetime: ...
        def _position(self) -> str: ...

    def note(self, text: str) -> Event:
        """A free note typed during (or after) the call."""
        if not text.strip():
            raise self._refuse("note", "Een lege notitie wordt niet bewaard.")
        return self._emit(Note(text=text, step=self._position()))

    def record_warning(self, rule: str, match: str, message: str, *, ignored: bool = False) -> Event:
        """Record that a phrasing warning was shown, so the evaluation can come back to it.

        ``ignored`` records that the caller set a shown warning aside for this note (for
        instance when quoting the customer); the evaluation then leaves it out.
        """
        return self._emit(WarningShown(rule=rule, match=match, message=message, step=self._position(),
                                       ignored=ignored))

    def set_contact(self, name: str) -> Event:
        """The name of the person on the phone; also who agreed, unless someone else is entered."""
        self._require_running("contact")
        name = " ".join(name.split())
        if not name:
            raise self._refuse("contact", "Vul de naam in van degene met wie u spreekt.",
                               ["de naam van de gesprekspartner"])
        return self._emit(Contact(name=name))

    def set_agreement(self, field: str, text: str) -> Any:
        """Enter one agreement field as typed; returns the agreement layer's Feedback.

        Accepted input becomes an ``agreement`` event with the whole resulting agreement;
        refused input an ``agreement_rejected`` event with the Dutch explanation.
        """
        self._require_running("agreement")
        from belscript.agreement import entry

        try:
            new, feedback = entry.apply(self._state.agreement, field, text, policy=self.script.agreement,
                                        amount_due=self.dossier.total_due, today=self._now())
        except AgreementError as exc:
            self._emit(AgreementRejected(field=field, text=text, message=exc.message, hint=exc.hint))
            raise
        if feedback.ok:
            self._emit(AgreementSet(field=field, text=text, shown=feedback.shown,
                                    agreement=new.model_dump(mode="json")))
        else:
            self._emit(AgreementRejected(field=field, text=text, message=feedback.message, hint=feedback.hint))
        return feedback

    def record_no_agreement(self, reason: NoAgreementReason | str, detail: str = "",
                            follow_up: datetime | None = None) -> Event:
        """Record explicitly that there is no agreement, why, and when to follow up.

        ``follow_up`` defaults to the next good calling moment (``calltime.follow_up_moment``).
        """
        self._require_running("no_agreement")
        try:
            reason = NoAgreementReason(reason)
        except ValueError:
            known = ", ".join(f"{r.value} ({label})" for r, label in NO_AGREEMENT_LABELS.items())
            raise self._refuse("no_agreement", f"Onbekende reden '{reason}'; kies uit: {known}.",
                               ["de reden waarom er geen afspraak is"]) from None
        detail = detail.strip()
        if reason is NoAgreementReason.other and not detail:
            raise self._refuse("no_agreement", "Licht kort toe waarom er geen afspraak is.",
                               ["een toelichting bij de reden 'anders'"])
        now = self._now()
        if follow_up is None:
            from belscript import calltime

            follow_up = calltime.follow_up_moment(now)
        elif follow_up <= now:
            raise self._refuse("no_agreement", "Het vervolgmoment ligt niet in de toekomst; kies een later moment.",
                               ["een vervolgmoment na nu"])
        return self._emit(NoAgreementSet(reason=reason.value, label=NO_AGREEMENT_LABELS[reason], detail=detail,
                                         follow_up=as_json_moment(follow_up)))

    def record_recap(self, text: str = "") -> Event:
        """Record that the agreements were repeated to the customer (the same as ``mark_recap_done``)."""
        return self._emit(Recap(text=text, step=self._position()))

    def record_resumed(self) -> Event:
        """Record that an interrupted call was picked up again (``belscript call --resume``)."""
        return self._emit(Resumed(step=self._position()))

    def record_customer(self, text: str, kind: str, excuse: str | None = None) -> Event:
        """What the simulated customer said in a practice session (``kind``: the reaction,
        ``excuse``: the excuse it raises, if any); informs only, like a note."""
        return self._emit(CustomerSaid(text=text, reaction=kind, excuse=excuse, step=self._position()))

    def record_score(self, score: dict[str, Any]) -> Event:
        """The score of a finished practice session (plain JSON), stored with its events."""
        if not self._state.ended:
            raise self._refuse("score", "Een oefening krijgt pas een score als ze is afgelopen.")
        return self._emit(Score(report=dict(score)))

    def record_evaluation(self, went_well: str, differently: str) -> Event:
        """The caller's own evaluation: what went well, what to do differently next time."""
        if not self._state.ended:
            raise self._refuse("evaluation", "U kunt het gesprek evalueren zodra het is afgelopen.")
        return self._emit(Evaluation(went_well=went_well.strip(), differently=differently.strip()))

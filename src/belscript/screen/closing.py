"""The end of a call on screen: breaking it off, what follows it, the evaluation questions.

Part of :class:`~belscript.screen.model.CallModel` (which inherits it), split off along
its seam. The caller answers the mode's two evaluation questions one after the other;
both may be skipped with Enter.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from belscript.errors import BelscriptError

if TYPE_CHECKING:  # pragma: no cover
    from belscript.engine.call import Call
    from belscript.screen.mode import Mode
    from belscript.screen.model import AfterView


class Closing:
    """Abort, finish and the evaluation afterwards (mixed into the model)."""

    call: Call | None
    mode: Mode
    phase: str
    overlay: str | None
    reading_back: bool
    at_end_step: bool
    closed_as: str | None
    after: AfterView
    _evaluation: dict[str, str]

    def abort(self, reason: str) -> None:
        """Break the call off with a reason; the engine records a follow-up moment."""
        assert self.call is not None
        if not reason.strip():
            self.info("Afbreken kan alleen met een reden.", "warn")
            return
        self.record_standing_draft()
        event = self.call.abort(reason)
        if event is not None:
            from belscript.agreement.datewords import say_moment

            follow = datetime.fromisoformat(event.payload.follow_up)
            self.info(f"Gesprek afgebroken: {event.payload.reason}. Vervolgmoment: {say_moment(follow)}.", "warn")
        if self.phase == "call":
            self.finish()
        self.changed()

    def finish(self) -> None:
        """The call is over: the mode's texts after the call, then the first evaluation question."""
        self.at_end_step = False
        self.phase = "after"
        self.overlay = None
        self.reading_back = False
        self.closed_as = "aborted" if self.call is not None and self.call.aborted else "ended"
        try:
            self.after.fragments = self.mode.after_call(self)
        except BelscriptError as exc:
            self.after.fragments = [("class:error", f"De documenten konden niet worden gemaakt: {exc.message}\n")]
        self.info(f"Het gesprek is afgelopen. {self.mode.evaluation[0][1]} (Enter om over te slaan)", "ok")

    def submit_evaluation(self, line: str) -> None:
        """One answer to the evaluation questions; after the last, Enter closes the screen."""
        if line.strip().startswith("/"):
            self.info("Het gesprek is al afgelopen. Beantwoord de vraag hieronder in uw eigen woorden, of druk op "
                      "Enter om over te slaan.", "warn")
            return
        step = len(self._evaluation)
        key, _question = self.mode.evaluation[step]
        self._evaluation[key] = line.strip()
        if len(self._evaluation) < len(self.mode.evaluation):
            self.info(self.mode.evaluation[len(self._evaluation)][1] + " (Enter om over te slaan)")
            return
        assert self.call is not None
        if any(self._evaluation.values()):
            self.call.record_evaluation(self._evaluation["went_well"], self._evaluation["differently"])
            self.info("Evaluatie bewaard. Druk op Enter om het scherm te sluiten.", "ok")
        else:
            self.info("Geen evaluatie ingevuld. Druk op Enter om het scherm te sluiten.")
        self.phase = "done"

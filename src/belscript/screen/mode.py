"""What differs between a real call and practice on the same screen: the hooks of a mode.

The screen's behaviour (:class:`~belscript.screen.model.CallModel`) is one piece; a
kind of call plugs into it by handing the model a :class:`Mode` instead of overriding
the model's internals. A mode says how the call starts (a logged call, a simulated
customer), what a free line is (a note, or what the trainee says to the customer),
which commands it adds or replaces, what the "Klant" pane shows, and what comes after
the call (documents, a score). The defaults below are a call without a log, which is
what tests and the benchmark use; :mod:`belscript.screen.live` and
:mod:`belscript.screen.practice` are the two real modes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from belscript.engine.call import Call
    from belscript.phrasing import Finding
    from belscript.screen.model import CallModel

Fragments = list[tuple[str, str]]
#: A slash command: it gets the model and the text after the command word.
Handler = Callable[["CallModel", str], None]


class Mode:
    """The hooks of the call screen, with the behaviour of a call without a log."""

    @property
    def evaluation(self) -> tuple[tuple[str, str], ...]:
        """The two evaluation questions (key, Dutch question), asked one after the other.

        Read after the call only, so the follow-up package (e-mail, evaluation) is not
        loaded before the first frame."""
        from belscript.followup.evaluation import QUESTIONS

        return QUESTIONS

    #: Whether /einde first shows the recap to read back and waits for a confirming Enter
    #: when the agreements were not repeated yet (the seeds: repeat the agreements before
    #: hanging up). A live call does; practice leaves it to the trainee and scores it.
    read_back_before_end = False
    #: The input line's prompt during the whole call, instead of the screen's own ("› ",
    #: "Nummer van het excuus › "…).
    call_prompt: str | None = None
    #: Whether the warnings of words still typed when the screen closes are facts of the call.
    standing_draft_counts = True

    def create_call(self, model: CallModel) -> Call:
        """Start the call (a logged mode also opens its log entry here)."""
        from belscript.engine.call import Call

        return Call(model.script, model.dossier, clock=model.clock)

    def on_line_said(self, model: CallModel, text: str, findings: list[Finding]) -> None:
        """Free text during the call: a note, with the phrasing warnings still shown for it recorded once."""
        assert model.call is not None
        model.call.note(text)
        model.record_warnings(findings)
        if self.all_stored():
            model.info(f"Notitie bewaard: {text}", "ok")
        else:
            model.info(f"Notitie genoteerd, nog niet in het logboek: {text}", "warn")

    def commands(self) -> dict[str, Handler]:
        """Commands this mode adds or handles its own way, by name (see :mod:`belscript.screen.dispatch`)."""
        return {}

    def before_line(self, model: CallModel) -> None:
        """Called before each entered line is handled (a logged mode retries unsaved events)."""

    def after_line(self, model: CallModel) -> None:
        """Called after each entered line was handled."""

    def all_stored(self) -> bool:
        """Is every fact of the call in the log? (Only a logged mode can say no.)"""
        return True

    def customer_voice(self, model: CallModel) -> list[str] | None:
        """Lines for a "Klant" pane; None hides the pane."""
        return None

    def scroll_voice(self, model: CallModel, turns: int) -> None:
        """Scroll the customer pane ``turns`` back (negative: forward)."""

    def say_instead(self, model: CallModel) -> tuple[str, Fragments] | None:
        """A title and text that replace the step's line to say (practice: after the customer hung up)."""
        return None

    def after_call(self, model: CallModel) -> Fragments:
        """The texts after the call (recap, e-mail, files, a score)."""
        return []

    def pause(self, model: CallModel) -> None:
        """Leave the screen without ending the call; it stays open to resume."""
        model.record_standing_draft()
        model.closed_as = "paused"
        model.exit_code = 0

"""The call screen's state and behaviour, without any terminal code.

:class:`CallModel` decides what one input line does (a number takes an option, a
``/command`` runs through :data:`belscript.screen.dispatch.HANDLERS`, other text is a
note), what the caller sees while typing (:mod:`belscript.screen.preview`), and which
phase the screen is in: preparation, the call, the evaluation afterwards. The text of
each panel is written in :mod:`belscript.screen.panels`; the prompt_toolkit
application in :mod:`belscript.tui.app` only lays the panels out and forwards keys, so
the behaviour is tested without a terminal.

Ending follows the seeds: never without a concrete agreement or a recorded outcome
without one (the engine guards that; the model says what is missing and what to type,
see :mod:`belscript.screen.guidance`), and never before the agreements were repeated: in a
live call ``/einde`` first shows the recap to read back and ends on a confirming Enter,
recording a ``recap`` event (:attr:`Mode.read_back_before_end`).

What differs between a real call and practice is a :class:`~belscript.screen.mode.Mode`
handed to the model: how the call starts, what a free line is, extra commands, a
customer pane, what comes after the call.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, Literal

from belscript.clock import Clock
from belscript.dossier import Dossier
from belscript.errors import BelscriptError, CallRefused
from belscript.phrasing.levels import WARNING_LEVELS
from belscript.screen import commands, dispatch, guidance, panels
from belscript.screen.commands import Input
from belscript.screen.mode import Fragments, Mode
from belscript.screen.closing import Closing
from belscript.screen.drafting import Drafting
from belscript.screen.preview import Preview
from belscript.script.models import Role, Script

if TYPE_CHECKING:  # pragma: no cover
    from belscript.engine.call import Call
    from belscript.phrasing import Finding

__all__ = ["WARNING_LEVELS", "AfterView", "CallModel", "Fragments", "Message", "Overlay", "Phase", "Preview"]

Phase = Literal["prepare", "call", "after", "done"]
#: A panel shown over the call on demand: the help, the excuse list, the agreement's
#: fields, or the dossier, tips and notes at full size (for small terminals).
Overlay = Literal["help", "excuses", "agreement", "details", "summary"]

#: How many messages the messages panel keeps.
MAX_MESSAGES = 200


@dataclass(frozen=True)
class Message:
    """One line in the messages panel; ``level`` is info, ok, warn or error."""

    level: str
    text: str


@dataclass
class AfterView:
    """What the screen shows once the call is over."""

    fragments: Fragments = field(default_factory=list)


class CallModel(Drafting, Closing):
    """A call on screen: phases, input handling, live feedback, messages."""

    def __init__(self, script: Script, dossier: Dossier, *, clock: Clock, mode: Mode | None = None) -> None:
        self.script = script.addressed(dossier.customer.address_form)  # its agreement texts: u or je
        self.dossier = dossier
        self.clock = clock
        #: What this kind of call does its own way (see :mod:`belscript.screen.mode`).
        self.mode = mode if mode is not None else Mode()
        self.call: Call | None = None
        #: The call's number in the call log, once a logging mode started it.
        self.call_id: int | None = None
        self.phase: Phase = "prepare"
        self.messages: deque[Message] = deque(maxlen=MAX_MESSAGES)
        #: How many messages were ever posted (the deque stops growing at its maximum).
        self.posted = 0
        self.after = AfterView()
        self.overlay: Overlay | None = None
        #: /einde is waiting for the caller to read the recap back and confirm with Enter.
        self.reading_back = False
        #: The last refused end: (what was missing, how many events there were then).
        self.last_end_refusal: tuple[tuple[str, ...], int] | None = None
        #: Set when the screen should close; the value is the command's exit code.
        self.exit_code: int | None = None
        #: Why the screen closed: ended, aborted, paused, cancelled.
        self.closed_as: str | None = None
        self.golden: str | None = None  # filled in the background (holiday data is slow to load)
        self._evaluation: dict[str, str] = {}
        #: An option led to the script's closing step: its text is shown until /einde.
        self.at_end_step = False
        #: For a resumed call: (time in the call before the interruption, moment of resuming).
        self._resumed: tuple[Any, datetime] | None = None
        Drafting.__init__(self)
        self._view_key: object = None
        self._view: dict[str, Any] = {}
        self.listeners: list[Callable[[], None]] = []

    # ------------------------------------------------------------------ the mode's hooks, for the screen

    def customer_voice(self) -> list[str] | None:
        """Lines for a "Klant" pane (practice); None hides the pane."""
        return self.mode.customer_voice(self)

    def scroll_voice(self, turns: int) -> None:
        """Scroll the customer pane ``turns`` back (negative: forward)."""
        self.mode.scroll_voice(self, turns)

    def pause(self) -> None:
        """Leave the screen without ending the call (Ctrl-C twice, /pauze)."""
        self.mode.pause(self)

    def pause_and_say(self) -> None:
        """Ctrl-C twice: pause, and say how to go on."""
        self.pause()
        self.info("Gesprek gepauzeerd; hervat met belscript call --resume.", "ok")

    def set_aside(self, text: str) -> None:
        """Ctrl-O: hide the warnings shown for this note, once, and say so."""
        if self.ignore_once(text):
            self.info("Waarschuwing eenmalig genegeerd voor deze notitie.")

    def interrupt(self) -> bool:
        """Ctrl-C: close at once where nothing can be lost; True when the abort question should open."""
        if self.phase == "prepare":
            self.closed_as = "cancelled"
            self.exit_code = 0
            return False
        if self.phase in ("after", "done"):
            self.exit_code = 0
            return False
        return True

    @property
    def show_help(self) -> bool:
        """True while the help overlay is open."""
        return self.overlay == "help"

    @show_help.setter
    def show_help(self, value: bool) -> None:
        if value:
            self.overlay = "help"
        elif self.overlay == "help":
            self.overlay = None

    def close_overlay(self) -> bool:
        """Close whatever is shown over the call (Esc); True when something was open."""
        was_open = self.overlay is not None or self.reading_back
        self.overlay = None
        if self.reading_back:
            self.reading_back = False
            self.info("Nog niet afgesloten; het gesprek gaat verder.")
        self.changed()
        return was_open

    # ------------------------------------------------------------------ messages

    def info(self, text: str, level: str = "info") -> None:
        self.messages.append(Message(level, text))
        self.posted += 1

    def changed(self) -> None:
        """Something shown changed: forget cached feedback and ask the screen to redraw."""
        self._preview_cache.clear()
        for listener in self.listeners:
            listener()

    # ------------------------------------------------------------------ phases

    @property
    def prep_options(self) -> list[tuple[int, str]]:
        """The numbered options of the script's first step when it is a preparation step."""
        step = self.script.steps[self.script.start_step]
        if step.role is not Role.preparation:
            return []
        return [(nr, opt.label) for nr, opt in self.script.numbered_options(step.options)]

    def begin(self, option: int | None = None) -> None:
        """Leave the preparation screen: start the call (and take the preparation option)."""
        if self.phase != "prepare":
            return
        self.call = self.mode.create_call(self)
        self.phase = "call"
        options = self.prep_options
        if options:
            nr = option if option is not None else options[0][0]
            try:
                self.call.choose(nr)
            except CallRefused as exc:
                dispatch.refused(self, exc)
        self.info("Het gesprek is begonnen. Typ een cijfer voor een optie, /help voor alle opdrachten.")
        self.changed()

    def resumed(self, call: Call, call_id: int | None = None) -> None:
        """Show a call rebuilt from the log (``--resume``)."""
        self.call = call
        self.phase = "call"
        notes = [e.payload.text for e in call.facts.notes]
        label = f"Gesprek {call_id}" if call_id is not None else "Het gesprek"
        self.info(f"{label} is hervat bij de stap ‘{call.step.title}’, met {len(notes)} "
                  f"notitie{'s' if len(notes) != 1 else ''}. Alles van voor de onderbreking is bewaard.", "ok")
        if notes:
            self.info("Notities tot nu toe: " + " · ".join(notes))
        # The timer goes on from where the call was interrupted, not from the first start.
        if call.events and call.started_at is not None:
            self._resumed = (call.events[-1].at - call.started_at, self.clock.now())
        if call.ended:
            self.finish()
        self.changed()

    # ------------------------------------------------------------------ input

    def submit(self, line: str) -> None:
        """Handle one line from the input line (Enter)."""
        self.mode.before_line(self)
        try:
            if self.phase == "prepare":
                self._submit_prepare(line)
            elif self.phase == "call":
                self._submit_call(line)
            elif self.phase == "after":
                self.submit_evaluation(line)
            else:
                self.exit_code = 0
        except BelscriptError as exc:  # e.g. the call log cannot be written: say so, keep the screen
            self.info(exc.message + (f" {exc.hint}" if exc.hint else ""), "error")
        self.line_done()
        self.mode.after_line(self)
        self.changed()

    def _submit_prepare(self, line: str) -> None:
        parsed = commands.parse(line)
        if parsed.kind == "empty":
            self.begin()
        elif parsed.kind == "option":
            numbers = [nr for nr, _ in self.prep_options]
            if numbers and parsed.number not in numbers:
                self.info(f"Kies {', '.join(map(str, numbers))}, of druk op Enter om te beginnen.", "warn")
                return
            self.begin(parsed.number)
        elif parsed.kind == "command" and parsed.command.name == "help":
            self.show_help = not self.show_help
        elif parsed.kind == "command" and parsed.command.name in ("pauze", "afbreken"):
            self.closed_as = "cancelled"
            self.exit_code = 0
        else:
            self.info("Het gesprek is nog niet begonnen. Druk op Enter om te beginnen.", "warn")

    def _submit_call(self, line: str) -> None:
        assert self.call is not None
        parsed = commands.parse(line)
        if self.at_end_step:
            self._submit_at_end(parsed)
            return
        overlay, self.overlay = self.overlay, None  # whatever is typed next closes the overlay
        try:
            if self.reading_back:
                self.reading_back = False
                if parsed.kind == "empty" or (parsed.kind == "command" and parsed.command.name == "einde"):
                    dispatch.end_after_read_back(self)
                else:
                    self.info("Nog niet afgesloten; het gesprek gaat verder.")
                    self._dispatch(parsed, overlay)
            else:
                self._dispatch(parsed, overlay)
        except CallRefused as exc:
            dispatch.refused(self, exc)
        except BelscriptError as exc:
            self.info(exc.message + (f" {exc.hint}" if exc.hint else ""), "error")
        if self.call.ended and self.phase == "call":
            if parsed.kind == "option" and self.call.step.is_end and not self.call.aborted:
                # An option led to the closing step: show what to say there, close on /einde,
                # so the goodbye typed next is said, not taken for the self-evaluation.
                self.at_end_step = True
                self.info("Dit is de afsluiting: zeg wat er bij ‘Zeg nu’ staat en typ /einde om het gesprek af "
                          "te sluiten.", "ok")
            else:
                self.finish()

    def _submit_at_end(self, parsed: Input) -> None:
        """At the closing step: say goodbye (text), close with /einde (or Enter), nothing else."""
        if parsed.kind == "empty" or (parsed.kind == "command" and parsed.command.name in ("einde", "afbreken")):
            self.finish()
        elif parsed.kind == "note":
            self.mode.on_line_said(self, parsed.text, self.visible_findings(parsed.text))
        elif parsed.kind == "command" and parsed.command.name in ("help", "samenvatting"):
            self.run_command(parsed.command.name, parsed.args)
        else:
            self.info("Het gesprek is bij de afsluiting. Typ /einde om af te sluiten.", "warn")

    def _dispatch(self, parsed: Input, overlay: Overlay | None) -> None:
        """One line during the call: an option, a command or a note (the screen's one rule)."""
        if parsed.kind == "empty":
            return
        if parsed.kind == "option" and overlay == "excuses":
            self.run_command("excuus", str(parsed.number))  # the excuse list is open: a number picks an excuse
        elif parsed.kind == "option":
            dispatch.choose(self, parsed.number)
        elif parsed.kind == "unknown":
            maybe = f" Bedoelt u /{parsed.suggestion}?" if parsed.suggestion else ""
            self.info(f"/{parsed.word} is geen opdracht.{maybe} /help toont alle opdrachten.", "warn")
        elif parsed.kind == "command":
            assert parsed.command is not None
            self.run_command(parsed.command.name, parsed.args)
        else:
            self.mode.on_line_said(self, parsed.text, self.visible_findings(parsed.text))

    def run_command(self, name: str, args: str) -> None:
        """Run one slash command: the mode's own handler if it has one, else the screen's."""
        handler = self.mode.commands().get(name) or dispatch.HANDLERS[name]
        handler(self, args)

    @property
    def prompt(self) -> str:
        """The question the input line answers now."""
        if self.phase == "prepare":
            return "Enter = beginnen › "
        if self.phase == "after":
            return self.mode.evaluation[len(self._evaluation)][1] + " › "
        if self.phase == "done":
            return "Enter = sluiten › "
        if self.mode.call_prompt is not None:
            return self.mode.call_prompt
        if self.reading_back:
            return "Enter = bevestigd, afsluiten › "
        if self.overlay == "excuses":
            return "Nummer van het excuus › "
        return "› "

    # ------------------------------------------------------------------ what the panels show

    def view(self) -> dict[str, Any]:
        """Everything the call panels show, recomputed only when the call changed."""
        call = self.call
        key = (self.phase, len(call.events) if call else -1, self.reading_back)
        if key != self._view_key:
            self._view = self._compute_view() if call is not None else {}
            self._view_key = key
        return self._view

    @property
    def view_key(self) -> object:
        """Changes whenever :meth:`view` would show something else."""
        return self._view_key

    def _compute_view(self) -> dict[str, Any]:
        assert self.call is not None
        call = self.call
        step = call.step
        return {
            "step": step,
            "excuses": call.excuses,
            "problems": call.problems() if call.no_agreement is None else [],
            "agreement": panels.agreement_lines(self),
            "summary": panels.agreement_summary(self),
            "notes": [(e.at, e.payload.text) for e in call.facts.notes],
            "why_not": {o.nr: guidance.why_not(call, step.id, o) for o in step.options if not o.available},
            "recap": panels.recap_now(self) if step.role is Role.recap or self.reading_back else [],
            "reading_back": self.reading_back,
        }

    def elapsed(self) -> str:
        """Time in the call as ``mm:ss`` (``h:mm:ss`` past an hour)."""
        if self.call is None:
            return "00:00"
        if self._resumed is not None:
            before, since = self._resumed
            until = self.call.events[-1].at if self.call.ended else self.clock.now()
            seconds = max(0, int((before + max(until - since, timedelta(0))).total_seconds()))
        else:
            seconds = max(0, int(self.call.elapsed.total_seconds()))
        hours, rest = divmod(seconds, 3600)
        minutes, secs = divmod(rest, 60)
        return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"

    def warm_up_steps(self) -> list[Callable[[], None]]:
        """What later keystrokes need (slow imports and data), in the order it is needed:
        the call's engine and the phrasing checker (Enter, the first note) first, then the
        golden hour (the header) and the date library (an agreement's dates)."""
        return [self._warm_call, self._warm_golden, self._warm_dates]

    def warm_up(self) -> None:
        """Load all of :meth:`warm_up_steps` now (the screen does it in the background)."""
        for step in self.warm_up_steps():
            step()
        self.changed()

    def _warm_call(self) -> None:
        import belscript.engine.call  # noqa: F401  (the state-machine library)
        from belscript import phrasing

        phrasing.check("u moet", language=self.script.language, overrides=self._overrides())

    def _warm_golden(self) -> None:
        from belscript import calltime
        from belscript.agreement.datewords import say_moment

        self.golden = calltime.describe(self.clock.now(), words=say_moment)

    def _warm_dates(self) -> None:
        from belscript.agreement import dates, entry  # noqa: F401

        dates.warm_up()

"""The call screen's state and behaviour, without any terminal code.

:class:`CallModel` decides what one input line does (a number takes an option, a
``/command`` runs, other text is a note), what the caller sees while typing (phrasing
findings, the agreement as it would be understood, the option a number would take),
and which phase the screen is in: preparation, the call, the evaluation afterwards.
The prompt_toolkit application in :mod:`belscript.tui.app` only draws this model and
forwards keys to it, so the behaviour is tested without a terminal and another mode
can reuse the screen.

Ending follows the seeds: never without a concrete agreement or a recorded outcome
without one (the engine guards that; the model says what is missing and what to type,
see :mod:`belscript.tui.guidance`), and never before the agreements were repeated: in a
live call ``/einde`` first shows the recap to read back and ends on a confirming Enter,
recording a ``recap`` event (:attr:`CallModel.READ_BACK_BEFORE_END`).

Practice mode reuses it by subclassing: override :meth:`CallModel.create_call` (a call
driven by a simulated customer), :meth:`CallModel.handle_text` (the trainee *says* the
text instead of noting it), :meth:`CallModel.customer_voice` (lines for the "customer"
pane, which the app shows whenever it returns something) and :meth:`CallModel.after_call`
(a score instead of an e-mail).
"""

from __future__ import annotations

import re

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, Literal

from belscript.clock import Clock
from belscript.dossier import Dossier
from belscript.dutch import join, short_date
from belscript.errors import BelscriptError, CallRefused
from belscript.followup.evaluation import QUESTIONS
from belscript.money import format_amount
from belscript.phrasing.levels import WARNING_LEVELS as PHRASING_WARNING_LEVELS
from belscript.script.models import Role, Script
from belscript.tui import commands, guidance
from belscript.tui.commands import Input

if TYPE_CHECKING:  # pragma: no cover
    from belscript.engine.call import Call
    from belscript.phrasing import Finding

Phase = Literal["prepare", "call", "after", "done"]
#: A panel shown over the call on demand: the help, the excuse list, the agreement's
#: fields, or the dossier, tips and notes at full size (for small terminals).
Overlay = Literal["help", "excuses", "agreement", "details", "summary"]
Fragments = list[tuple[str, str]]

#: How many messages the messages panel keeps.
MAX_MESSAGES = 200

#: Finding levels that count as a warning (recorded when a note is saved with them).
WARNING_LEVELS = PHRASING_WARNING_LEVELS


@dataclass(frozen=True)
class Message:
    """One line in the messages panel; ``level`` is info, ok, warn or error."""

    level: str
    text: str


@dataclass(frozen=True)
class Preview:
    """What the screen shows about the line being typed, before Enter.

    ``findings`` are the phrasing findings of a note still shown (not ignored), for
    highlighting; ``lines`` is the feedback bar.
    """

    findings: tuple = ()
    lines: tuple[tuple[str, str], ...] = ()


@dataclass
class AfterView:
    """What the screen shows once the call is over."""

    fragments: Fragments = field(default_factory=list)


class CallModel:
    """A call on screen: phases, input handling, live feedback, messages."""

    #: The two evaluation questions (key, Dutch question), asked one after the other.
    EVALUATION: tuple[tuple[str, str], ...] = QUESTIONS

    #: Whether /einde first shows the recap to read back and waits for a confirming Enter
    #: when the agreements were not repeated yet (the seeds: repeat the agreements before
    #: hanging up). A live call does; practice mode leaves it to the trainee and scores it.
    READ_BACK_BEFORE_END = False

    def __init__(self, script: Script, dossier: Dossier, *, clock: Clock) -> None:
        self.script = script
        self.dossier = dossier
        self.clock = clock
        self.call: Call | None = None
        self.phase: Phase = "prepare"
        self.messages: deque[Message] = deque(maxlen=MAX_MESSAGES)
        #: How many messages were ever posted (the deque stops growing at its maximum).
        self.posted = 0
        self.after = AfterView()
        self.overlay: Overlay | None = None
        #: /einde is waiting for the caller to read the recap back and confirm with Enter.
        self.reading_back = False
        self._last_end_refusal: tuple[tuple[str, ...], int] | None = None
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
        self._ignored: set[tuple[str, str]] = set()
        #: Warnings already recorded for the line being typed (recorded when first shown).
        self._draft_warnings: set[tuple[str, str]] = set()
        self._draft = ""  # the line being typed, for the warnings of words left standing
        self._preview_cache: dict[str, Preview] = {}
        self._view_key: object = None
        self._view: dict[str, Any] = {}
        self.listeners: list[Callable[[], None]] = []

    # ------------------------------------------------------------------ hooks

    def create_call(self) -> Call:
        """Start the call (the live screen also opens its log entry here)."""
        from belscript.engine.call import Call

        return Call(self.script, self.dossier, clock=self.clock)

    def handle_text(self, text: str, findings: list[Finding]) -> None:
        """Free text: a note, with the phrasing warnings still shown for it recorded once."""
        assert self.call is not None
        self.call.note(text)
        self._record_warnings(findings)
        if self.all_stored():
            self.info(f"Notitie bewaard: {text}", "ok")
        else:
            self.info(f"Notitie genoteerd, nog niet in het logboek: {text}", "warn")

    def all_stored(self) -> bool:
        """Is every fact of the call in the log? (Only a logged call can say no.)"""
        return True

    def _record_warnings(self, findings: list[Finding]) -> None:
        """Log each warning of the final words once (not the fragments shown while typing)."""
        assert self.call is not None
        for f in findings:
            key = (f.rule, f.match.lower())
            if f.level in WARNING_LEVELS and key not in self._draft_warnings:
                self._draft_warnings.add(key)
                self.call.record_warning(f.rule, f.match, f.message)

    def draft_changed(self, text: str) -> None:
        """The line being typed changed: remember it; nothing is logged while typing.

        The warning bar follows every keystroke, so while a word is being typed it warns
        about fragments ("…ontvang", "…ontvange"). Only what the caller keeps counts: the
        warnings of a saved note (on Enter), of words set aside with Ctrl-O, and of a line
        still standing when the screen closes (:meth:`_record_standing_draft`).
        """
        self._draft = text

    def _record_standing_draft(self) -> None:
        """The screen closes with words typed but not saved: their warnings are facts of the call."""
        draft, self._draft = getattr(self, "_draft", ""), ""
        if self.call is None or self.call.ended or not draft.strip() or commands.parse(draft).kind != "note":
            return
        try:
            self._record_warnings(self.visible_findings(draft))
        except BelscriptError as exc:
            self.info(exc.message, "error")

    def customer_voice(self) -> list[str] | None:
        """Lines for a "customer" pane (practice mode); None hides the pane."""
        return None

    def scroll_voice(self, turns: int) -> None:
        """Scroll the customer pane ``turns`` back (negative: forward); only practice has one."""

    def say_instead(self) -> tuple[str, Fragments] | None:
        """A title and text that replace the step's line to say (practice: after the customer hung up)."""
        return None

    def after_call(self) -> Fragments:
        """The texts after the call (recap, e-mail, files); the live call writes documents here."""
        return []

    def pause(self) -> None:
        """Leave the screen without ending the call; it stays open to resume."""
        self._record_standing_draft()
        self.closed_as = "paused"
        self.exit_code = 0

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
        self._changed()
        return was_open

    # ------------------------------------------------------------------ messages

    def info(self, text: str, level: str = "info") -> None:
        self.messages.append(Message(level, text))
        self.posted += 1

    def _changed(self) -> None:
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
        self.call = self.create_call()
        self.phase = "call"
        options = self.prep_options
        if options:
            nr = option if option is not None else options[0][0]
            try:
                self.call.choose(nr)
            except CallRefused as exc:
                self._refused(exc)
        self.info("Het gesprek is begonnen. Typ een cijfer voor een optie, /help voor alle opdrachten.")
        self._changed()

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
            self._finish()
        self._changed()

    # ------------------------------------------------------------------ input

    def submit(self, line: str) -> None:
        """Handle one line from the input line (Enter)."""
        try:
            if self.phase == "prepare":
                self._submit_prepare(line)
            elif self.phase == "call":
                self._submit_call(line)
            elif self.phase == "after":
                self._submit_evaluation(line)
            else:
                self.exit_code = 0
        except BelscriptError as exc:  # e.g. the call log cannot be written: say so, keep the screen
            self.info(exc.message + (f" {exc.hint}" if exc.hint else ""), "error")
        self._ignored.clear()
        self._draft_warnings.clear()
        self._changed()

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
                    self._end_after_read_back()
                else:
                    self.info("Nog niet afgesloten; het gesprek gaat verder.")
                    self._dispatch(parsed, overlay)
            else:
                self._dispatch(parsed, overlay)
        except CallRefused as exc:
            self._refused(exc)
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
                self._finish()

    def _submit_at_end(self, parsed: Input) -> None:
        """At the closing step: say goodbye (text), close with /einde (or Enter), nothing else."""
        if parsed.kind == "empty" or (parsed.kind == "command" and parsed.command.name in ("einde", "afbreken")):
            self._finish()
        elif parsed.kind == "note":
            self.handle_text(parsed.text, self.visible_findings(parsed.text))
        elif parsed.kind == "command" and parsed.command.name in ("help", "samenvatting"):
            getattr(self, "_cmd_" + parsed.command.name)(parsed.args)
        else:
            self.info("Het gesprek is bij de afsluiting. Typ /einde om af te sluiten.", "warn")

    def _dispatch(self, parsed: Input, overlay: Overlay | None) -> None:
        """One line during the call: an option, a command or a note (the screen's one rule)."""
        if parsed.kind == "empty":
            return
        if parsed.kind == "option" and overlay == "excuses":
            self._cmd_excuus(str(parsed.number))  # the excuse list is open: a number picks an excuse
        elif parsed.kind == "option":
            self._choose(parsed.number)
        elif parsed.kind == "unknown":
            maybe = f" Bedoelt u /{parsed.suggestion}?" if parsed.suggestion else ""
            self.info(f"/{parsed.word} is geen opdracht.{maybe} /help toont alle opdrachten.", "warn")
        elif parsed.kind == "command":
            assert parsed.command is not None
            getattr(self, "_cmd_" + parsed.command.name)(parsed.args)
        else:
            self.handle_text(parsed.text, self.visible_findings(parsed.text))

    def _refused(self, exc: CallRefused) -> None:
        """Say what was refused and what to type about it, without repeating a long list."""
        from belscript.engine.call import NO_OUTCOME

        if NO_OUTCOME in exc.missing:
            self._refused_end([m for m in exc.missing if m != NO_OUTCOME])
            return
        text = exc.message
        if exc.missing:
            text += " Nog nodig: " + join(exc.missing) + "."
        self.info(text, "error")

    def _refused_end(self, problems: list[str]) -> None:
        """Ending was refused: the first time every missing item with its command, after
        that (while nothing changed) one short line, so the messages do not fill up with
        the same list."""
        assert self.call is not None
        items = guidance.missing_all(problems, self.script.agreement)
        key = tuple(problems)
        events = self.call.events
        last = self._last_end_refusal
        self._last_end_refusal = (key, len(events))
        if last is not None and last[0] == key and all(e.kind == "refused" for e in events[last[1]:]):
            self.info(f"Afsluiten kan nog steeds niet; nog nodig: {guidance.short_list(items)}. "
                      f"Komt er geen afspraak, typ dan {guidance.NO_AGREEMENT_STEP}.", "error")
            return
        lines = ["Het gesprek kan nog niet worden afgesloten. Nog nodig voor een concrete afspraak:"]
        lines.extend(f"  • {m.line()}" for m in items)
        lines.append(f"Komt er geen afspraak? Leg dan vast waarom: {guidance.NO_AGREEMENT_STEP}.")
        self.info("\n".join(lines), "error")

    def _choose(self, nr: int) -> None:
        assert self.call is not None
        from belscript.engine.call import NO_OUTCOME

        step = self.call.step
        option = next((o for o in step.options if o.nr == nr), None)
        try:
            self.call.choose(nr)
        except CallRefused as exc:
            if option is None or NO_OUTCOME in exc.missing:
                raise
            why = guidance.why_not(self.call, step.id, option)
            if why == guidance.CONDITION_STEPS["has_contact_person"] and self.dossier.contact:
                why += f", bijvoorbeeld /naam {self.dossier.contact.name}"
            self.info(f"Optie {nr} kan nu nog niet ({option.label}): {why}.", "error")
            return
        if option is not None:
            self.info(f"Gekozen: {nr}. {option.label}", "ok")

    # ------------------------------------------------------------------ commands

    def _cmd_help(self, args: str) -> None:
        self.overlay = "help"

    def _cmd_afspraak(self, args: str) -> None:
        assert self.call is not None
        field_, text = self._split_field(args)
        if not field_:
            self.overlay = "agreement"  # every field with an example, and the script's limits
            return
        feedback = self.call.set_agreement(field_, text)
        for level, line in self._feedback_lines(field_, feedback):
            self.info(line, level)

    @staticmethod
    def _split_field(args: str) -> tuple[str, str]:
        from belscript.agreement.entry import field_name

        words = args.split()
        for n in (3, 2):  # multi-word field names such as "soort afspraak", "als niet"
            if len(words) > n and field_name(" ".join(words[:n])):
                return " ".join(words[:n]), " ".join(words[n:])
        if not words:
            return "", ""
        return words[0].rstrip(":"), " ".join(words[1:])

    @staticmethod
    def ask(hint: str) -> str:
        """A hint of the agreement layer with a label saying who it is for."""
        return f"Vraag de klant: {hint}" if hint.rstrip().endswith("?") else f"Tip: {hint}"

    def _feedback_lines(self, field_: str, feedback: Any) -> list[tuple[str, str]]:
        lines: list[tuple[str, str]] = []
        if feedback.ok:
            lines.append(("ok", f"Afspraak, {field_}: {feedback.shown}"))
            if feedback.message:
                lines.append(("info", feedback.message))
        else:
            lines.append(("error", feedback.message or "Niet begrepen."))
            if feedback.hint:
                lines.append(("info", self.ask(feedback.hint)))
        if feedback.missing:
            items = guidance.missing_all(feedback.missing, self.script.agreement)
            lines.append(("warn", f"Nog nodig: {guidance.short_list(items)}."))
        elif feedback.ok:
            lines.append(("ok", "De afspraak is concreet."))
        return lines

    def _cmd_naam(self, args: str) -> None:
        assert self.call is not None
        self.call.set_contact(args)
        self.info(f"U spreekt met {self.call.contact}.", "ok")

    def _cmd_excuus(self, args: str) -> None:
        assert self.call is not None
        excuses = self.call.excuses
        if not excuses:
            self.info("Bij deze stap kunt u geen excuus kiezen; dat kan zodra de klant aan het woord is "
                      "(bij Luisteren, Doorvragen, Klant laten voorstellen of een aanbod).", "warn")
            return
        if not args:
            self.overlay = "excuses"
            return
        key = args.split()[0].lower()
        chosen = None
        if key.isdigit() and 1 <= int(key) <= len(excuses):
            chosen = excuses[int(key) - 1]
        else:
            chosen = next((ex for ex in excuses if ex.id == key or ex.label.lower().startswith(key)), None)
        if chosen is None:
            self.info(f"Geen excuus ‘{args}’. Kies 1 t/m {len(excuses)}; /excuus toont de lijst.", "warn")
            return
        self.call.handle_excuse(chosen.id)
        self.info(f"Excuus: {chosen.label}. Zeg nu wat er bij ‘Zeg nu’ staat.", "ok")

    def _cmd_geenafspraak(self, args: str) -> None:
        assert self.call is not None
        word, _, detail = args.partition(" ")
        reason = commands.reason_from(word) if word else None
        if reason is None:
            wrong = f"‘{word}’ is geen reden. " if word else ""
            self.info(f"{wrong}Typ /geenafspraak met een reden: {commands.reasons_text()}.", "warn")
            return
        before, event = self.call.state, self.call.close_without_agreement(reason, detail)
        from belscript.agreement.dates import say_moment

        follow = datetime.fromisoformat(event.payload.follow_up)
        self.info(f"Geen afspraak vastgelegd ({event.payload.label}). Vervolgmoment: {say_moment(follow)}.", "ok")
        if self.call.state != before:
            self.info(f"Zeg nu wat er bij ‘{self.call.step.title}’ staat, zodat de klant weet wat er volgt.")
        closing = self._closing_option()
        self.info(f"Sluit af met optie {closing.nr} ({closing.label}), of typ /einde." if closing is not None
                  else "U kunt nu afsluiten met /einde.")

    def _closing_option(self) -> Any:
        """The available option of this step that ends the call, if there is one."""
        assert self.call is not None
        for option in self.call.step.options:
            target = self.script.steps.get(option.target)
            if option.available and target is not None and target.end:
                return option
        return None

    def _cmd_einde(self, args: str) -> None:
        assert self.call is not None
        call = self.call
        if self.READ_BACK_BEFORE_END and not call.recap_done and call.is_concrete():
            self.reading_back = True
            self.info("Lees eerst de afspraken terug (Zeg nu); Enter zodra de klant ze bevestigt.", "warn")
            return
        call.end()

    def _end_after_read_back(self) -> None:
        """The customer confirmed the recap: record that it was repeated, then end."""
        assert self.call is not None
        self.call.record_recap("\n".join(self.recap_now()))
        self.info("Afspraken teruggelezen en bevestigd.", "ok")
        self.call.end()

    def _cmd_afbreken(self, args: str) -> None:
        if not args.strip():
            self.info("Geef een reden: /afbreken <reden>, bijvoorbeeld /afbreken klant moest plots weg.", "warn")
            return
        self.abort(args)

    def _cmd_terug(self, args: str) -> None:
        assert self.call is not None
        self.call.back()
        self.info(f"Terug naar ‘{self.call.step.title}’.", "ok")

    def _cmd_samenvatting(self, args: str) -> None:
        """The whole recap over the call (the messages pane shows only its last lines)."""
        self.overlay = "summary"

    def _cmd_pauze(self, args: str) -> None:
        self.pause()

    # ------------------------------------------------------------------ abort / end

    def abort(self, reason: str) -> None:
        """Break the call off with a reason; the engine records a follow-up moment."""
        assert self.call is not None
        if not reason.strip():
            self.info("Afbreken kan alleen met een reden.", "warn")
            return
        self._record_standing_draft()
        event = self.call.abort(reason)
        if event is not None:
            from belscript.agreement.dates import say_moment

            follow = datetime.fromisoformat(event.payload.follow_up)
            self.info(f"Gesprek afgebroken: {event.payload.reason}. Vervolgmoment: {say_moment(follow)}.", "warn")
        if self.phase == "call":
            self._finish()
        self._changed()

    def _finish(self) -> None:
        self.at_end_step = False
        self.phase = "after"
        self.overlay = None
        self.reading_back = False
        self.closed_as = "aborted" if self.call is not None and self.call.aborted else "ended"
        try:
            self.after.fragments = self.after_call()
        except BelscriptError as exc:
            self.after.fragments = [("class:error", f"De documenten konden niet worden gemaakt: {exc.message}\n")]
        self.info(f"Het gesprek is afgelopen. {self.EVALUATION[0][1]} (Enter om over te slaan)", "ok")

    def _submit_evaluation(self, line: str) -> None:
        if line.strip().startswith("/"):
            self.info("Het gesprek is al afgelopen. Beantwoord de vraag hieronder in uw eigen woorden, of druk op "
                      "Enter om over te slaan.", "warn")
            return
        step = len(self._evaluation)
        key, _question = self.EVALUATION[step]
        self._evaluation[key] = line.strip()
        if len(self._evaluation) < len(self.EVALUATION):
            self.info(self.EVALUATION[len(self._evaluation)][1] + " (Enter om over te slaan)")
            return
        assert self.call is not None
        if any(self._evaluation.values()):
            self.call.record_evaluation(self._evaluation["went_well"], self._evaluation["differently"])
            self.info("Evaluatie bewaard. Druk op Enter om het scherm te sluiten.", "ok")
        else:
            self.info("Geen evaluatie ingevuld. Druk op Enter om het scherm te sluiten.")
        self.phase = "done"

    @property
    def prompt(self) -> str:
        """The question the input line answers now."""
        if self.phase == "prepare":
            return "Enter = beginnen › "
        if self.phase == "after":
            return self.EVALUATION[len(self._evaluation)][1] + " › "
        if self.phase == "done":
            return "Enter = sluiten › "
        if self.reading_back:
            return "Enter = bevestigd, afsluiten › "
        if self.overlay == "excuses":
            return "Nummer van het excuus › "
        return "› "

    # ------------------------------------------------------------------ live feedback

    def findings(self, text: str) -> list[Finding]:
        """Phrasing findings for a note (nothing for numbers and commands)."""
        if commands.parse(text).kind != "note" or self.phase not in ("call", "prepare"):
            return []
        from belscript import phrasing

        return phrasing.check(text, language=self.script.language, overrides=self._overrides())

    def visible_findings(self, text: str) -> list[Finding]:
        """Findings still shown: those not ignored once (Ctrl-O) for this note."""
        return [f for f in self.findings(text) if (f.rule, f.match.lower()) not in self._ignored]

    def ignore_once(self, text: str) -> bool:
        """Hide the warnings currently shown for this note; True when there were any."""
        shown = self.visible_findings(text)
        for f in shown:
            key = (f.rule, f.match.lower())
            self._ignored.add(key)
            if f.level in WARNING_LEVELS and key not in self._draft_warnings and self.call is not None:
                # Logged as set aside, once, so the evaluation does not hold it against the caller.
                self._draft_warnings.add(key)
                self.call.record_warning(f.rule, f.match, f.message, ignored=True)
        self._preview_cache.clear()
        return bool(shown)

    def _overrides(self) -> dict[str, str]:
        return {rule: o.level for rule, o in self.script.phrasing.items()}

    def preview(self, text: str) -> Preview:
        """The live feedback for the line being typed (cached per text)."""
        cached = self._preview_cache.get(text)
        if cached is None:
            try:
                cached = self._compute_preview(text)
            except Exception as exc:  # noqa: BLE001 - runs while drawing: a bug here must not end the call
                cached = Preview(lines=(("class:warn", f"Deze invoer kan ik nu niet controleren ({type(exc).__name__}); "
                                                       "Enter probeert het toch."),))
            self._preview_cache[text] = cached
            if len(self._preview_cache) > 500:
                self._preview_cache.clear()
        return cached

    def _compute_preview(self, text: str) -> Preview:
        parsed = commands.parse(text)
        if self.phase != "call" or self.call is None:
            return Preview()
        if self.reading_back and parsed.kind == "empty":
            return Preview(lines=(("class:ok", "Enter: de klant heeft de afspraken bevestigd; het gesprek afsluiten."),
                                  ("class:dim", "\nKlopt er iets niet? Typ gewoon verder (of Esc); dan sluit u nog niet af.")))
        if parsed.kind == "option" and self.overlay == "excuses":
            excuses = self.call.excuses
            if parsed.number is not None and 1 <= parsed.number <= len(excuses):
                return Preview(lines=(("class:ok", f"Enter: excuus {excuses[parsed.number - 1].label}"),))
            return Preview(lines=(("class:warn", f"Kies een excuus van 1 t/m {len(excuses)}."),))
        if parsed.kind == "note":
            findings = self.visible_findings(text)
            lines: list[tuple[str, str]] = []
            for f in findings:
                if f.level not in WARNING_LEVELS:  # softened by this script: a suggestion, not a warning
                    why = self.script.phrasing[f.rule].reason if f.rule in self.script.phrasing else ""
                    first = re.split(r"(?<=\.)\s", " ".join((why or "").split()), maxsplit=1)[0]
                    lines.append(("class:dim", f"Suggestie bij ‘{f.match}’: in dit script toegestaan. "
                                               + (first or "Het kan ook zachter.")))
                    if f.suggestions:
                        lines.append(("class:suggestion", f"  Zachter: {f.suggestions[0]}"))
                    continue
                style = "class:finding.error" if f.level == "error" else "class:finding"
                lines.append((style, f"‘{f.match}’: {f.message}"))
                if f.suggestions:
                    lines.append(("class:suggestion", f"  Beter: {f.suggestions[0]}"))
            out = _join_lines(lines)
            if findings:  # on the last line, so it stays visible in a three-line bar
                out.append(("class:dim", "  (Ctrl-O: negeren)"))
            return Preview(tuple(findings), tuple(out))
        if parsed.kind == "option":
            option = next((o for o in self.call.step.options if o.nr == parsed.number), None)
            if option is None:
                return Preview(lines=(("class:warn", f"Optie {parsed.number} bestaat niet bij deze stap."),))
            if not option.available:
                why = guidance.why_not(self.call, self.call.step.id, option)
                return Preview(lines=(("class:warn", f"Optie {option.nr} kan nu nog niet ({option.label}): {why}."),))
            return Preview(lines=(("class:ok", f"Enter: {option.label}"),))
        if parsed.kind == "command":
            return Preview(lines=tuple(_join_lines(self._command_preview(parsed))))
        if parsed.kind == "unknown":
            maybe = f" Bedoelt u /{parsed.suggestion}?" if parsed.suggestion else ""
            return Preview(lines=(("class:warn", f"/{parsed.word} is geen opdracht.{maybe}"),))
        return Preview()

    def _command_preview(self, parsed: Input) -> list[tuple[str, str]]:
        assert self.call is not None and parsed.command is not None
        name = parsed.command.name
        if name == "afspraak":
            return self._agreement_preview(parsed.args)
        if name == "excuus" and not parsed.args:
            excuses = self.call.excuses
            if not excuses:
                return [("class:warn", "Bij deze stap zijn geen excuses.")]
            return [("class:dim", "  ".join(f"{i}. {e.label}" for i, e in enumerate(excuses, start=1)))]
        if name == "einde":
            if not self.call.may_end():
                items = guidance.missing_all(self.call.problems(), self.script.agreement)
                return [("class:warn", f"Afsluiten kan nog niet: nog nodig: {guidance.short_list(items)}."),
                        ("class:dim", f"Komt er geen afspraak? Leg dan vast waarom: {guidance.NO_AGREEMENT_STEP}.")]
            if self.READ_BACK_BEFORE_END and not self.call.recap_done and self.call.is_concrete():
                return [("class:ok", "Enter: eerst de afspraken teruglezen, daarna afsluiten.")]
            return [("class:ok", "Enter: het gesprek afsluiten.")]
        if name == "geenafspraak":
            return self._no_agreement_preview(parsed.args)
        return [("class:dim", f"/{name} {parsed.command.args}: {parsed.command.help}")]

    def _agreement_preview(self, args: str) -> list[tuple[str, str]]:
        assert self.call is not None
        from belscript.agreement import entry

        field_, text = self._split_field(args)
        if not field_ or entry.field_name(field_) is None:
            known = ", ".join(entry.FIELDS)
            return [("class:dim", f"Velden: {known}")]
        canonical = entry.field_name(field_)
        if not text.strip():
            return [("class:dim", f"{canonical}: {entry.FIELDS[canonical]}")]
        _new, feedback = entry.apply(self.call.agreement, field_, text, policy=self.script.agreement,
                                     amount_due=self.dossier.total_due, today=self.clock.today())
        if feedback.ok:
            lines = [("class:ok", f"→ {feedback.shown}")]
            if feedback.message:
                lines.append(("class:dim", feedback.message))
            if feedback.missing:
                items = guidance.missing_all(feedback.missing, self.script.agreement)
                lines.append(("class:warn", f"Daarna nog nodig: {guidance.short_list(items)}."))
            else:
                lines.append(("class:ok", "Daarmee is de afspraak concreet."))
            return lines
        lines = [("class:warn", feedback.message or "Nog niet begrepen.")]
        if feedback.hint:
            lines.append(("class:suggestion", self.ask(feedback.hint)))
        return lines

    def _no_agreement_preview(self, args: str) -> list[tuple[str, str]]:
        from belscript.agreement.model import NO_AGREEMENT_LABELS, NoAgreementReason

        word, _, detail = args.partition(" ")
        reason = commands.reason_from(word) if word else None
        if reason is None:
            return [("class:dim", f"Reden: {commands.reasons_text()}.")]
        if reason is NoAgreementReason.other and not detail.strip():
            return [("class:warn", "Bij ‘anders’ hoort een korte toelichting, bijvoorbeeld "
                                   "/geenafspraak anders klant belt zelf terug na de vakantie.")]
        return [("class:ok", f"Enter: geen afspraak ({NO_AGREEMENT_LABELS[reason]}); belscript plant een "
                             "vervolgmoment in een gouden beluur.")]

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
            "agreement": self.agreement_lines(),
            "summary": self.agreement_summary(),
            "notes": [(e.at, e.payload.text) for e in call.facts.notes],
            "why_not": {o.nr: guidance.why_not(call, step.id, o) for o in step.options if not o.available},
            "recap": self.recap_now() if step.role is Role.recap or self.reading_back else [],
            "reading_back": self.reading_back,
        }

    def agreement_lines(self) -> Fragments:
        """The agreement so far and what is still missing, for the agreement panel."""
        assert self.call is not None
        from belscript.agreement.check import KIND_LABELS
        from belscript.agreement.dates import say_date, say_moment

        call = self.call
        a = call.agreement
        out: Fragments = []
        if call.no_agreement is not None:
            na = call.no_agreement
            from belscript.agreement.model import NO_AGREEMENT_LABELS

            out.append(("class:warn", f"Geen afspraak: {NO_AGREEMENT_LABELS[na.reason]}"
                                      + (f" ({na.detail})" if na.detail else "") + "\n"))
            out.append(("", f"Vervolgmoment: {say_moment(na.follow_up)}\n"))
        out.append(("", f"Soort: {KIND_LABELS[a.kind] if a.kind else '—'}\n"))
        out.append(("", f"Wie: {a.agreed_by or call.contact or '—'}\n"))
        for p in a.payments:
            out.append(("class:strong", f"{format_amount(p.amount)} op {say_date(p.on)}\n"))
        if a.callback is not None:
            out.append(("class:strong", f"Terugbellen: {a.callback.person}, {say_moment(a.callback.at)}\n"))
        if a.if_broken:
            out.append(("class:dim", f"Als het niet lukt: {a.if_broken}\n"))
        problems = call.problems()
        if call.no_agreement is not None:
            out.append(("class:ok", "Afsluiten kan: de uitkomst zonder afspraak is vastgelegd.\n"))
        elif problems:
            out.append(("class:warn", "Nog nodig:\n"))
            for item in guidance.missing_all(problems, self.script.agreement):
                out.append(("class:warn", f"• {item.what}\n"))
                if item.how:
                    out.append(("class:dim", f"  {item.how}\n"))
        else:
            out.append(("class:ok", "✔ De afspraak is concreet.\n"))
        limits = self.policy_lines()[1] if len(self.policy_lines()) > 1 else ""
        if limits and call.no_agreement is None:
            out.append(("class:dim", limits + "\n"))
        if call.our_actions:
            out.append(("", "Wat u zelf doet:\n"))
            out.extend(("class:dim", f"• {t}\n") for t in call.our_actions)
        return out

    def agreement_summary(self) -> Fragments:
        """The agreement panel in two or three lines, for the compact layout of small terminals."""
        assert self.call is not None
        from belscript.agreement.check import KIND_LABELS
        from belscript.agreement.dates import say_moment

        call = self.call
        a = call.agreement
        if call.no_agreement is not None:
            from belscript.agreement.model import NO_AGREEMENT_LABELS

            na = call.no_agreement
            return [("class:warn", f"Geen afspraak: {NO_AGREEMENT_LABELS[na.reason]}. "),
                    ("", f"Vervolgmoment: {say_moment(na.follow_up)}.\n"),
                    ("class:ok", "Afsluiten kan: de uitkomst zonder afspraak is vastgelegd.")]
        out: Fragments = [("", f"Soort: {KIND_LABELS[a.kind] if a.kind else '—'} · "
                               f"Wie: {a.agreed_by or call.contact or '—'}")]
        if a.payments:

            out.append(("class:strong", " · " + ", ".join(f"{format_amount(p.amount)} op {short_date(p.on)}"
                                                          for p in a.payments)))
        if a.callback is not None:
            out.append(("class:strong", f" · terugbellen: {a.callback.person}, {say_moment(a.callback.at)}"))
        problems = call.problems()
        if problems:
            items = guidance.missing_all(problems, self.script.agreement)
            out.append(("class:warn", f"\nNog nodig: {guidance.short_list(items)}. "))
            out.append(("class:dim", "/afspraak toont hoe."))
        else:
            out.append(("class:ok", "\n✔ De afspraak is concreet."))
        return out

    def recap_now(self) -> list[str]:
        """The recap of the agreement so far (to read back), or what is still missing."""
        assert self.call is not None
        from belscript.followup import AfterCall, recap_lines

        outcome = self.call.outcome or (self.call.no_agreement if self.call.no_agreement is not None else None)
        if outcome is None:
            if self.call.problems():
                items = guidance.missing_all(self.call.problems(), self.script.agreement)
                return [f"Nog geen concrete afspraak om samen te vatten; nog nodig: {guidance.short_list(items)}."]
            outcome = self.call.agreement
        after = AfterCall.of(self.dossier, outcome, our_actions=self.call.our_actions, contact=self.call.contact,
                             if_broken=self.script.agreement.if_broken, clock=self.clock)
        return recap_lines(after)

    def policy_lines(self) -> list[str]:
        from belscript.tui.facts import offer_lines

        return offer_lines(self.script.agreement, self.dossier.total_due)

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

    def warm_up(self) -> None:
        """Load what later keystrokes need (slow imports and data), off the first frame."""
        from belscript import calltime
        from belscript.agreement.dates import say_moment

        self.golden = calltime.describe(self.clock.now(), words=say_moment)
        from belscript import phrasing

        phrasing.check("u moet", language=self.script.language, overrides=self._overrides())
        import belscript.engine.call  # noqa: F401  (the state-machine library)
        from belscript.agreement import dates, entry  # noqa: F401

        dates.warm_up()
        self._changed()

    def golden_now(self, short: bool = False) -> str:
        """Short golden-hour status for the header (empty until the holiday data is loaded);
        ``short`` for a small terminal."""
        if self.golden is None:
            return ""
        from belscript import calltime

        now = self.clock.now()
        slot = calltime.golden_slot(now)
        if slot is not None:
            return f"gouden beluur tot {slot[1]:%H:%M}"
        upcoming = calltime.next_golden(now)
        when = f"{upcoming:%H:%M}" if upcoming.date() == now.date() else f"{upcoming:%d-%m %H:%M}"
        return f"beluur vanaf {when}" if short else f"geen gouden beluur (volgende {when})"


def _join_lines(lines: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Fragments with a newline between lines (not after the last)."""
    out: list[tuple[str, str]] = []
    for i, (style, text) in enumerate(lines):
        out.append((style, text + ("\n" if i < len(lines) - 1 else "")))
    return out

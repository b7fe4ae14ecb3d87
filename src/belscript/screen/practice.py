"""The call screen in practice mode: the same screen, a simulated customer on the line.

:class:`PracticeMode` is the :class:`~belscript.screen.mode.Mode` handed to the screen's model:
the call is a :class:`~belscript.practice.session.PracticeSession` (logged as practice),
free text is what the trainee *says* (checked by the same phrasing checker, then heard
by the customer), the "Klant" pane shows the conversation, and after the call the
screen shows the score instead of an e-mail. Numbers, ``/afspraak``, ``/excuus``,
``/geenafspraak``, ``/einde`` and ``/afbreken`` work exactly as in a live call; the mode
adds to three of them through its ``commands()`` hook (``/afspraak``: the customer
reacts; ``/einde`` after the customer hung up; ``/pauze`` is refused).

This module imports no prompt_toolkit: the model is tested without a terminal and the
shared :class:`~belscript.tui.app.CallScreen` draws it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from belscript.clock import Clock
from belscript.dossier import Dossier
from belscript.phrasing.levels import WARNING_LEVELS
from belscript.screen import dispatch
from belscript.screen.mode import Fragments, Handler, Mode
from belscript.screen.model import CallModel

if TYPE_CHECKING:  # pragma: no cover
    from belscript.engine.call import Call
    from belscript.engine.events import Event
    from belscript.journal import Journal
    from belscript.practice.persona import Persona
    from belscript.practice.score import Report
    from belscript.practice.session import PracticeSession
    from belscript.script.loader import LoadedScript

#: How many turns the customer pane shows.
VOICE_TURNS = 6
#: Shown (and put in the messages) once the simulated customer hung up.
HUNG_UP_HINT = "De klant heeft opgehangen. Typ /einde om af te sluiten en te evalueren."


class PracticeMode(Mode):
    """A practice session on the call screen."""

    evaluation = (
        ("went_well", "Wat vond u zelf goed gaan?"),
        ("differently", "Wat doet u de volgende keer anders?"),
    )
    call_prompt = "U zegt › "
    #: A sentence counts when it is said (Enter): its warnings are recorded then.
    standing_draft_counts = False

    def __init__(self, loaded: LoadedScript, persona: Persona, *, seed: int, journal: Journal | None = None,
                 dossier_path: str | None = None, persona_path: str | None = None) -> None:
        #: The persona file given on the command line (for the replay command).
        self.persona_path = persona_path
        self.loaded = loaded
        self.dossier_path = dossier_path
        self.persona = persona
        self.seed = seed
        self.journal = journal
        self.call_id: int | None = None
        self.session: PracticeSession | None = None
        self.report: Report | None = None
        #: How many turns the customer pane is scrolled back (Ctrl-Up/Ctrl-Down).
        self.voice_back = 0
        self._told_hung_up = False
        self.script = loaded.script

    def greet(self, model: CallModel) -> None:
        """The first messages: who the customer is, and that what is typed is said."""
        persona = self.persona
        model.info(f"Oefenen met ‘{persona.title}’: {' '.join(persona.situation.split())}")
        model.info("Wat u typt, zegt u tegen de klant; cijfers kiezen een optie, /help toont alle opdrachten.")

    # ------------------------------------------------------------------ hooks of the call screen

    def create_call(self, model: CallModel) -> Call:
        from belscript.practice.session import PracticeSession

        if self.journal is not None:
            path = self.loaded.path if self.loaded.path and Path(self.loaded.path).is_file() else None
            self.call_id = model.call_id = self.journal.start_call(model.script.name, path, model.dossier,
                                                                   practice=True, script_text=self.loaded.text)
        self.session = PracticeSession(model.script, model.dossier, self.persona, seed=self.seed, clock=model.clock,
                                       on_event=self.commit)
        for excuse in self.session.foreign_excuses:
            model.info(f"Let op: de smoes ‘{excuse}’ van deze klant staat niet in het script {model.script.name}.",
                       "warn")
        return self.session.call

    def commit(self, event: Event) -> None:
        """Store one event in the call log (marked as practice) the moment it happens."""
        if self.journal is not None and self.call_id is not None:
            self.journal.append(self.call_id, event)

    def on_line_said(self, model: CallModel, text: str, findings: list) -> None:
        """The trainee says the text; the customer answers in the customer pane."""
        assert self.session is not None
        self.voice_back = 0
        said = self.session.say(text)
        for f in said.findings:
            if f.level in WARNING_LEVELS:
                better = f" Beter: {f.suggestions[0]}" if f.suggestions else ""
                model.info(f"Let op ‘{f.match}’: {f.message}{better}", "warn")
        if said.reply.kind == "hangup" and not self._told_hung_up:
            self._told_hung_up = True
            model.info(HUNG_UP_HINT, "warn")

    def _voice_turns(self) -> list:
        return [t for t in self.session.transcript() if t.who in ("u", "klant")] if self.session else []

    def customer_voice(self, model: CallModel) -> list[str] | None:
        """The latest turns, or earlier ones while scrolled back (with how to come back)."""
        turns = self._voice_turns()
        end = len(turns) - min(self.voice_back, max(0, len(turns) - 1))
        lines = [("Klant: " if t.who == "klant" else "U: ") + t.text for t in turns[max(0, end - VOICE_TURNS):end]]
        if end < len(turns):
            later = len(turns) - end
            lines.append(f"↓ nog {later} {'beurt' if later == 1 else 'beurten'} hierna (Ctrl-↓: verder, "
                         "typen: terug naar nu)")
        return lines

    def scroll_voice(self, model: CallModel, turns: int) -> None:
        if model.phase != "call":
            return
        self.voice_back = max(0, min(self.voice_back + turns, len(self._voice_turns()) - 1))
        model.changed()

    def hung_up(self) -> bool:
        return self.session is not None and self.session.customer.state.hung_up

    def say_instead(self, model: CallModel) -> tuple[str, Fragments] | None:
        """After the customer hung up there is nothing left to say: how to close instead."""
        if model.phase != "call" or not self.hung_up():
            return None
        return ("Zeg nu: niets meer, de klant heeft opgehangen",
                [("class:warn", "De klant heeft opgehangen; wat u nu zegt, hoort niemand meer.\n"),
                 ("", "Typ /einde om af te sluiten en te evalueren.\n")])

    def commands(self) -> dict[str, Handler]:
        return {"einde": self._end, "afspraak": self._agreement, "pauze": self._no_pause}

    def _end(self, model: CallModel, args: str) -> None:
        """After the customer hung up, /einde closes the session: without an agreement it is
        recorded as 'klant heeft opgehangen', and nothing is read back to an empty line."""
        if not self.hung_up() or model.call is None:
            dispatch.einde(model, args)
            return
        from belscript.agreement.model import NoAgreementReason

        if model.call.no_agreement is None and not model.call.is_concrete():
            model.call.record_no_agreement(NoAgreementReason.hung_up, "")
        model.call.end()

    def _agreement(self, model: CallModel, args: str) -> None:
        """/afspraak as in a live call, then the simulated customer reacts to what was noted."""
        dispatch.afspraak(model, args)
        if self.session is not None:
            self.session.react_to_agreement()

    def _no_pause(self, model: CallModel, args: str) -> None:
        model.info("Een oefening kunt u niet pauzeren. Stoppen: /afbreken <reden> (de oefening telt dan als "
                   "onvoldoende).", "warn")

    def pause(self, model: CallModel) -> None:
        """Ctrl-C twice: a practice session is not resumed later, so stop and score it now."""
        if model.call is not None and not model.call.ended:
            from belscript.practice.session import STOPPED

            model.abort(STOPPED)
        model.closed_as = "aborted" if model.call is not None else "cancelled"
        model.exit_code = 0

    def after_call(self, model: CallModel) -> Fragments:
        """The score (stored with the session), then the transcript."""
        call = model.call
        assert self.session is not None and call is not None
        report = self.report = self.session.finish()
        if self.journal is not None and self.call_id is not None:
            self.journal.finish(self.call_id, call.outcome, status="aborted" if call.aborted else "ended",
                                contact=call.contact)
        out: Fragments = [("class:title", "Uw score\n")]
        style = "class:error" if report.failed_session else "class:ok"
        for i, line in enumerate(report.as_text().split("\n")):
            if line.lstrip().startswith("✓"):
                out.append(("class:ok", line + "\n"))
            elif line.lstrip().startswith("✗") or line.startswith("Onvoldoende"):
                out.append(("class:warn", line + "\n"))
            else:
                out.append((style if i == 1 else "", line + "\n"))
        out.append(("class:title", "\nHet gesprek\n"))
        for turn in self.session.transcript():
            if turn.who in ("u", "klant"):
                out.append(("", f"{turn.nr:>3} {'U' if turn.who == 'u' else 'Klant'}: {turn.text}\n"))
            else:
                out.append(("class:dim", f"{turn.nr:>3} · {turn.text}\n"))
        out.append(("", f"\nNog eens met dezelfde klant en dezelfde reacties: {self.replay_command()}\n"))
        return out

    def replay_command(self) -> str:
        """The command that plays this session again (same script, customer, file and seed)."""
        from belscript.practice.library import persona_paths
        from belscript.script.loader import builtin_names

        script = self.script.name if self.script.name in builtin_names() and not self._own_script() else self.loaded.path
        import shlex

        if self.persona.name in persona_paths():
            persona = self.persona.name
        else:
            persona = shlex.quote(self.persona_path) if self.persona_path else "PERSONA.yaml"
        parts = ["belscript practice", f"--script {script}", f"--persona {persona}"]
        if self.dossier_path:
            parts.append(f"--dossier {self.dossier_path}")
        parts.append(f"--seed {self.seed}")
        return " ".join(parts)

    def _own_script(self) -> bool:
        from belscript.practice.library import DATA

        path = Path(self.loaded.path) if self.loaded.path else None
        return path is not None and path.is_file() and DATA not in path.resolve().parents


def start(loaded: LoadedScript, dossier: Dossier, persona: Persona, *, seed: int, clock: Clock,
          journal: Journal | None, dossier_path: str | None = None,
          persona_path: str | None = None) -> CallModel:
    """A practice session on the preparation screen (logged once the call begins)."""
    mode = PracticeMode(loaded, persona, seed=seed, journal=journal, dossier_path=dossier_path,
                        persona_path=persona_path)
    model = CallModel(loaded.script, dossier, clock=clock, mode=mode)
    mode.greet(model)
    return model

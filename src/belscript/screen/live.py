"""A real call: the screen model plus the call log and the documents afterwards.

Every event the engine emits is committed to the call log the moment it happens
(``Call(on_event=...)`` -> :meth:`Journal.append`), so killing the terminal loses
nothing that was on screen; :func:`resume` rebuilds an interrupted call from those
events. When the call is over, the recap, the confirmation e-mail (``.eml``) and the
calendar file (``.ics``) are written to the call's own folder and shown.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from belscript.clock import Clock
from belscript.dossier import Dossier
from belscript.errors import BelscriptError
from belscript.screen.mode import Fragments, Mode
from belscript.screen.model import CallModel

if TYPE_CHECKING:  # pragma: no cover
    from belscript.engine.call import Call
    from belscript.engine.events import Event
    from belscript.journal import Journal
    from belscript.script.loader import LoadedScript


class NothingToResume(BelscriptError):
    """``--resume`` found no interrupted call (or the one asked for is already closed)."""


class LiveMode(Mode):
    """A real call, logged as it happens, with the documents afterwards."""

    #: /einde first shows the recap to read back and ends on a confirming Enter.
    read_back_before_end = True

    def __init__(self, loaded: LoadedScript, journal: Journal, caller: str = "") -> None:
        self.loaded = loaded
        self.caller = caller
        self.journal = journal
        self.call_id: int | None = None
        self.documents = None
        self._had_pending = False
        #: Events the log refused (locked, disk full), oldest first; written before any
        #: newer event, so the log never has a gap and the call stays resumable.
        self.pending: list[Event] = []
        self._refusal: BelscriptError | None = None

    def create_call(self, model: CallModel) -> Call:
        from belscript.engine.call import Call

        path = self.loaded.path if self.loaded.path and Path(self.loaded.path).is_file() else None
        self.call_id = model.call_id = self.journal.start_call(model.script.name, path, model.dossier,
                                                               practice=False, script_text=self.loaded.text)
        return Call(model.script, model.dossier, clock=model.clock, on_event=self.commit, caller=self.caller)

    def commit(self, event: Event) -> None:
        """Store one event now (the engine calls this for every event, synchronously).

        When the log refuses a write (locked, disk full), the event waits in
        :attr:`pending` with every later one, and the next line the caller enters tries
        again: one attempt per line, so a locked log does not freeze the screen for
        every event, and the log never gets a gap.
        """
        assert self.call_id is not None
        self.pending.append(event)
        if len(self.pending) == 1 and self._refusal is None:
            self._write_pending()

    def _write_pending(self) -> None:
        from belscript.errors import JournalError

        while self.pending:
            try:
                self.journal.append(self.call_id, self.pending[0])
            except JournalError as exc:
                self._refusal = exc
                return
            self.pending.pop(0)

    def flush(self) -> bool:
        """Try to write the pending events, in order; True when nothing is left unsaved."""
        self._refusal = None
        self._write_pending()
        return not self.pending

    def all_stored(self) -> bool:
        return not self.pending

    def unsaved(self) -> str:
        """The facts not yet in the log, in Dutch, for the screen and the closing lines."""
        return describe_events(self.pending)

    def before_line(self, model: CallModel) -> None:
        """Each entered line first tries again to write what the log refused before."""
        self._had_pending = bool(self.pending)
        self.flush()

    def after_line(self, model: CallModel) -> None:
        if self.pending:
            why = self._refusal.message if self._refusal is not None else "Het logboek weigerde te schrijven."
            model.info(f"{why} Nog niet bewaard: {self.unsaved()}. Bij uw volgende invoer probeer ik het opnieuw; "
                       "alles blijft op volgorde.", "error")
        elif self._had_pending:
            model.info("Alles is nu bewaard in het gespreksverslag.", "ok")
        self._refusal = None

    def after_call(self, model: CallModel) -> Fragments:
        assert model.call is not None and self.call_id is not None
        from belscript.followup import AfterCall, calendar_description, observations, recap_text, write_documents

        call = model.call
        if not self.flush():
            from belscript.errors import JournalError

            raise JournalError(f"Het gesprek kan nog niet worden afgesloten: nog niet bewaard: {self.unsaved()}.",
                               hint="Maak het logboek vrij (of de schijf) en druk nog eens op Enter.")
        facts = call.facts  # the log was closed with these same facts by the call's last event
        out: Fragments = []
        if facts.outcome is None:  # pragma: no cover - an ended call always has an outcome
            return out
        after = AfterCall.from_facts(model.dossier, facts, clock=model.clock,
                                     conditions=model.script.agreement.conditions,
                                     announced=announced_next_steps(call))
        docs = self.documents = write_documents(after, self.journal.folder(self.call_id))
        out.append(("class:title", "Samenvatting van het gesprek\n"))
        out.append(("", recap_text(after) + "\n\n"))
        out.append(("class:title", "Bestanden (PageDown: de e-mail en wat opviel)\n"))
        if docs.email is not None:
            out.append(("", f"E-mail (openen in uw mailprogramma): {docs.email}\n"))
        if docs.calendar is not None:
            what = calendar_description(after)
            out.append(("", f"Agenda (.ics{', ' + what if what else ''}): {docs.calendar}\n"))
        out.append(("", f"Samenvatting: {docs.recap}\n"))
        if docs.note is not None:
            out.append(("", f"Notitie voor uzelf: {docs.note}\n"))
        out.append(("", "\n"))
        if docs.confirmation is not None:
            out.append(("class:title", "Bevestiging per e-mail: verstuur hem binnen een half uur\n"))
            out.append(("", docs.confirmation.text.rstrip() + "\n"))
        out.append(("class:title", "\nWat opviel in dit gesprek\n"))
        marks = {"good": ("class:ok", "+ "), "improve": ("class:warn", "! "), "info": ("", "· ")}
        for obs in observations(call.events):
            style, mark = marks[obs.tone]
            out.append((style, f"{mark}{obs.text}\n"))
        out.append(("class:title", "\nEvaluatie\n"))
        out.append(("", "Beantwoord onderaan kort: wat ging goed, en wat doet u de volgende keer anders?\n"))
        return out


_WHAT = {"note": "notitie", "agreement": "afspraak", "no_agreement": "uitkomst zonder afspraak", "contact": "naam",
         "step": "stap", "option": "keuze", "excuse": "excuus", "ended": "einde van het gesprek",
         "aborted": "afbreken van het gesprek", "recap": "samenvatting", "evaluation": "evaluatie"}


def describe_events(events: list[Event]) -> str:
    """'notitie ‘levering klopte niet’, afspraak' — what a list of events holds, in Dutch."""
    parts = []
    for event in events:
        what = _WHAT.get(event.kind, event.kind)
        text = (event.data or {}).get("text") if event.kind == "note" else None
        parts.append(f"{what} ‘{text[:40]}’" if isinstance(text, str) else what)
    return ", ".join(parts)


def announced_next_steps(call) -> str | None:
    """What the script told the customer would happen next, when the call ends without agreement.

    That is the text of the visited step where the no-agreement outcome is recorded and
    the next steps are announced (an option there does ``announce_next_steps``).
    """
    if call.no_agreement is None:
        return None
    steps = call.script.steps
    for step_id in reversed(call.history):
        step = steps.get(step_id)
        if step is not None and any("announce_next_steps" in (o.do or []) for o in step.options):
            return call._say(step.say.strip()) if step.say.strip() else None
    return None


def start(loaded: LoadedScript, dossier: Dossier, *, clock: Clock, journal: Journal,
          caller: str = "") -> CallModel:
    """A new call on the preparation screen (the log entry is made when the call begins).

    ``caller`` is the caller's name from the settings, recorded on the call's start.
    """
    return CallModel(loaded.script, dossier, clock=clock, mode=LiveMode(loaded, journal, caller))


def script_of(record) -> LoadedScript:
    """The script an interrupted call was made with: its stored text first, else its file or name."""
    from belscript.script.loader import load_script, parse_script_text, resolve_script

    if record.script_text:
        loaded, _problems = parse_script_text(record.script_text, record.script_path or record.script_name)
        if loaded is not None:
            return loaded
    if record.script_path and Path(record.script_path).is_file():
        return load_script(record.script_path)
    return resolve_script(record.script_name)


def resume(journal: Journal, call_id: int | None, *, clock: Clock) -> CallModel:
    """Rebuild an interrupted call from the log; the newest one when no number is given."""
    from belscript.engine.call import Call

    open_calls = journal.open_calls()
    if call_id is None:
        if not open_calls:
            raise NothingToResume("Er is geen onderbroken gesprek om te hervatten.",
                                  hint="'belscript log' toont alle gesprekken.")
        record = open_calls[0]
    else:
        record = journal.get(call_id)
        if not record.is_open:
            raise NothingToResume(f"Gesprek {call_id} is al afgesloten; er is niets te hervatten.",
                                  hint=f"'belscript log show {call_id}' toont het gesprek.")
    loaded = script_of(record)
    dossier = record.dossier
    mode = LiveMode(loaded, journal)
    model = CallModel(loaded.script, dossier, clock=clock, mode=mode)
    mode.call_id = model.call_id = record.id
    call = Call.replay(loaded.script, dossier, journal.events(record.id), clock=clock, on_event=mode.commit)
    model.resumed(call, record.id)
    if call.missing:
        model.info("Niet in het gespreksverslag: gebeurtenis " + ", ".join(map(str, call.missing))
                   + ". Het gesprek gaat verder met wat wel bewaard is; controleer de afspraken.", "warn")
    if not call.ended:
        call.record_resumed()
    others = [r.id for r in open_calls if r.id != record.id]
    if others:
        model.info("Ook onderbroken: gesprek " + ", ".join(map(str, others))
                   + ". Hervat met belscript call --resume NUMMER.")
    return model

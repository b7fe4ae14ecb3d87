"""Shared helpers of the practice tests: a seeded session on the demo customer file.

(No tests here; the module name keeps it inside the practice test files.)
"""

from __future__ import annotations

from datetime import datetime

from belscript.clock import FixedClock
from belscript.dossier.loader import demo_dossier_path, load_dossier
from belscript.practice.library import load_persona, persona_paths
from belscript.practice.session import PracticeSession
from belscript.script.loader import resolve_script

MONDAY = datetime(2026, 11, 23, 10, 15)


def session(persona: str = "niet-ontvangen", *, seed: int = 1, script: str = "eerste-gesprek",
            on_event=None) -> PracticeSession:
    """A practice session on the demo file, Monday 23 November 2026 10:15, at the first step."""
    return PracticeSession(resolve_script(script).script, load_dossier(demo_dossier_path()),
                           load_persona(persona_paths()[persona]), seed=seed, clock=FixedClock(MONDAY),
                           on_event=on_event)


def to_listening(s: PracticeSession, *, name: str = "Ingrid van Dijk") -> None:
    """Prepare, open (asking the name), state the purpose with the file's facts, go to listening."""
    s.choose(1)
    s.say("Goedemorgen, u spreekt met Eva Jansen van Jansen Webdesign. Met wie spreek ik?")
    s.set_contact(name)
    s.choose(1)
    s.say("Ik bel over factuur 2026-0142 van € 2.450,00; in totaal staat er € 2.813,00 open.")
    s.choose(1)


def agree_full(s: PracticeSession, date_text: str) -> None:
    """Write down a full payment on ``date_text`` with the script's standard consequence."""
    for field, text in (("soort", "volledig"), ("bedrag", "alles"), ("datum", date_text), ("gevolg", "standaard")):
        feedback = s.agree(field, text)
        assert feedback.ok, (field, feedback)


def lines(s: PracticeSession) -> list[str]:
    """The transcript as 'who: text' lines."""
    return [f"{t.who}: {t.text}" for t in s.transcript()]

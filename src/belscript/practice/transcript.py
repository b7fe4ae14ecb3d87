"""The transcript of a practice session: numbered turns read from the call's events.

Both the session (to show it) and the score (to quote the moment that decided a check)
read it, so it lives on its own below both.
"""

from __future__ import annotations

from dataclasses import dataclass

from belscript.engine import events as ev

__all__ = ["Turn", "transcript_of"]


@dataclass(frozen=True)
class Turn:
    """One line of the transcript: its number, who, what, and the call event it came from."""

    nr: int
    who: str  # "u", "klant", "script" or "afspraak"
    text: str
    seq: int
    kind: str = ""


def transcript_of(events) -> list[Turn]:
    """Numbered turns from a call's events (also for a session read back from the log)."""
    turns: list[Turn] = []

    def add(who: str, text: str, seq: int, kind: str) -> None:
        turns.append(Turn(len(turns) + 1, who, text, seq, kind))

    for e in events:
        p = e.payload
        if isinstance(p, ev.Note):
            add("u", p.text, e.seq, "said")
        elif isinstance(p, ev.CustomerSaid):
            add("klant", p.text, e.seq, p.reaction)
        elif isinstance(p, ev.OptionTaken):
            add("script", f"optie {p.nr}: {p.label}", e.seq, "option")
        elif isinstance(p, ev.ExcusePicked):
            add("script", f"smoes: {p.label or p.excuse}", e.seq, "excuse")
        elif isinstance(p, ev.AgreementSet):
            add("afspraak", f"{p.field}: {p.shown or p.text}", e.seq, "agreement")
        elif isinstance(p, ev.NoAgreementSet):
            add("afspraak", f"geen afspraak: {p.label or p.reason}", e.seq, "no_agreement")
        elif isinstance(p, ev.Contact):
            add("script", f"naam genoteerd: {p.name}", e.seq, "contact")
        elif isinstance(p, ev.Ended):
            add("script", "gesprek afgesloten", e.seq, "ended")
        elif isinstance(p, ev.Aborted):
            add("script", f"gesprek afgebroken: {p.reason}", e.seq, "aborted")
    return turns

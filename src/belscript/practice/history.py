"""Progress over practice sessions: scores over time, excuses practised, what to do next.

Read from the call log (practice sessions only, never real calls). An excuse branch of
a script counts as practised once a session went through its handler. The suggestion
for the next session follows how people learn a hard conversation: start with the
easiest customer, play a failed session again before moving on, then take a customer
with an excuse not practised yet (easiest first), then one never played, then the one
with the lowest last score.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from belscript.engine.events import StepTaken
from belscript.engine.state import CallState


@dataclass(frozen=True)
class PastSession:
    """One practice session as the history shows it."""

    id: int
    started_at: datetime
    script: str
    persona: str
    points: int | None
    total: int | None
    failed: bool
    practised: tuple[str, ...]


@dataclass
class History:
    sessions: list[PastSession]
    script: str
    excuses: dict[str, str]  # id -> label, of the script, in library order
    practised: list[str] = field(default_factory=list)
    suggestion: str | None = None
    suggestion_reason: str = ""
    #: Excuses of the script that no known persona brings up (cannot be practised yet).
    no_persona: list[str] = field(default_factory=list)
    #: How the script is named on the command line (the path given, or a built-in name).
    script_arg: str | None = None

    def as_text(self) -> str:
        lines: list[str] = []
        if not self.sessions:
            lines.append("Nog geen oefeningen. Begin met: belscript practice")
        else:
            lines.append(f"Oefeningen ({len(self.sessions)}), oudste eerst:")
            lines.append(f"  {'nr':>4}  {'datum':<16}  {'persona':<18}  {'script':<16}  score")
            for s in self.sessions:
                if s.points is None:
                    result = "geen score"
                else:
                    result = f"{s.points} van {s.total}" + (" (onvoldoende)" if s.failed else "")
                lines.append(f"  {s.id:>4}  {s.started_at:%Y-%m-%d %H:%M}  {s.persona:<18}  {s.script:<16}  {result}")
        lines.append("")
        done = [e for e in self.excuses if e in self.practised]
        lines.append(f"Script {self.script}: {len(done)} van {len(self.excuses)} smoesjes geoefend")
        for eid, label in self.excuses.items():
            mark = "✓" if eid in self.practised else "·"
            # practised with a customer of one's own: no "no customer yet" next to the ✓
            missing = ("  (nog geen klant die deze smoes gebruikt)"
                       if eid in self.no_persona and eid not in self.practised else "")
            lines.append(f"  {mark} {label} ({eid}){missing}")
        if any(e not in self.practised for e in self.no_persona):
            lines.append("  Wilt u die ook oefenen? Schrijf een eigen klant met die smoes "
                         "(zie ‘Een eigen klant schrijven’ in de handleiding).")
        if self.suggestion:
            lines.append("")
            script = _shell_word(self.script_arg or self.script)
            lines.append(f"Volgende oefening: belscript practice --script {script} --persona {self.suggestion}")
            lines.append(f"  {self.suggestion_reason}")
        return "\n".join(lines)


def _shell_word(text: str) -> str:
    """A path as it can be typed again (quoted when it holds spaces or quotes)."""
    import shlex

    return shlex.quote(text)


def load_history(journal, script, personas, script_arg: str | None = None) -> History:
    """The history for ``script`` (a Script) from ``journal``, with ``personas`` to suggest from;
    ``script_arg`` is how the user named the script (a file path works again, a name may not)."""
    sessions: list[PastSession] = []
    practised: list[str] = []
    for record in sorted(journal.listing(practice=True), key=lambda r: (r.started_at, r.id)):
        events = journal.events(record.id)
        facts = CallState.fold(events)
        score = facts.score
        steps = [e.payload.step.split(":", 1)[1] for e in events
                 if isinstance(e.payload, StepTaken) and e.payload.step.startswith("excuse:")]
        # the score also counts an angry customer calmed down without choosing the handler
        handled = tuple(dict.fromkeys(steps + list((score or {}).get("excuses_practised") or [])))
        script_name = record.script_name or facts.script or ""
        sessions.append(PastSession(
            id=record.id, started_at=record.started_at, script=script_name,
            persona=(score or {}).get("persona") or "?",
            points=None if score is None else int(score.get("points", 0)),
            total=None if score is None else int(score.get("total", 0)),
            failed=bool((score or {}).get("failed_session")),
            practised=handled,
        ))
        if script_name == script.name:
            practised.extend(e for e in handled if e not in practised)
    history = History(sessions=sessions, script=script.name,
                      excuses={eid: ex.label for eid, ex in script.excuses.items()}, practised=practised,
                      script_arg=script_arg)
    _suggest(history, script, personas)
    return history


def difficulty(persona) -> int:
    """How hard a customer is to talk to, from what the persona file says: temper,
    vagueness, not paying at once, not being the one who pays, something to settle before
    a date means anything (a payment they think they made, someone to consult, a disputed
    part of the invoice), excuses to handle."""
    h = persona.hidden
    temper = {"vriendelijk": 0, "bezorgd": 1, "ontwijkend": 1, "boos": 3}.get(persona.temperament, 1)
    return (temper + h.vague_answers + (not h.pays_in_full) + (not h.is_payer) + (not h.proposes_first)
            + h.believes_paid + (not h.decides_alone) + bool(h.disputed_share) + len(persona.excuses))


def brings(persona) -> list[str]:
    """The excuses a persona brings up: its own, and the angry customer's for an angry one."""
    from belscript.practice.customer import ANGRY_EXCUSE

    extra = [ANGRY_EXCUSE] if persona.temperament == "boos" and ANGRY_EXCUSE not in persona.excuses else []
    return extra + list(persona.excuses)


def _suggest(history: History, script, personas) -> None:
    history.no_persona = [e for e in script.excuses if not any(e in brings(p) for p in personas)]
    if not personas:
        return
    personas = sorted(personas, key=lambda p: (difficulty(p), p.name))
    played: dict[str, list[PastSession]] = {}
    for s in history.sessions:
        if s.script == script.name:
            played.setdefault(s.persona, []).append(s)
    by_name = {p.name: p for p in personas}
    if not played:
        first = personas[0]
        history.suggestion = first.name
        history.suggestion_reason = f"{first.title}: de makkelijkste klant om mee te beginnen."
        return
    latest = max((s for runs in played.values() for s in runs), key=lambda s: (s.started_at, s.id))
    if latest.persona in by_name and (latest.failed or latest.points is None
                                      or (latest.total and latest.points / latest.total < 0.6)):
        again = by_name[latest.persona]
        result = "onvoldoende" if latest.failed or latest.points is None else f"{latest.points} van {latest.total}"
        history.suggestion = again.name
        history.suggestion_reason = (f"{again.title}: de vorige keer was het {result}. "
                                     "Probeer dezelfde klant nog eens, met de verbeterpunten uit de score.")
        return

    def last_score(name: str) -> float:
        scored = [s for s in played.get(name, []) if s.points is not None and s.total]
        if not scored:
            return -1.0
        return scored[-1].points / scored[-1].total

    new_excuse = [(p, next(e for e in brings(p) if e in script.excuses and e not in history.practised))
                  for p in personas if any(e in script.excuses and e not in history.practised for e in brings(p))]
    if new_excuse:
        new_excuse.sort(key=lambda pe: pe[0].name in played)  # stable: easiest first
        persona, excuse = new_excuse[0]
        history.suggestion = persona.name
        history.suggestion_reason = (f"{persona.title}: oefent de smoes ‘{script.excuses[excuse].label}’, "
                                     "die u nog niet hebt geoefend.")
        return
    never = [p.name for p in personas if p.name not in played]
    if never:
        persona = by_name[never[0]]
        history.suggestion = persona.name
        history.suggestion_reason = f"{persona.title}: met deze klant hebt u nog niet geoefend."
        return
    weakest = min(personas, key=lambda p: (last_score(p.name), p.name))
    history.suggestion = weakest.name
    scored = [s for s in played.get(weakest.name, []) if s.points is not None]
    last = f"{scored[-1].points} van {scored[-1].total}" if scored else "geen score"
    history.suggestion_reason = f"{weakest.title}: hier scoorde u het laagst (laatst {last})."

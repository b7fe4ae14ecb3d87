"""Progress over practice sessions: scores over time, excuses practised, what to do next.

Read from the call log (practice sessions only, never real calls). An excuse branch of
a script counts as practised once a session went through its handler; the suggestion
for the next session prefers a persona that brings an excuse not practised yet, then
one never played, then the one with the lowest last score.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


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
            lines.append(f"  {mark} {label} ({eid})")
        if self.suggestion:
            lines.append("")
            lines.append(f"Volgende oefening: belscript practice --script {self.script} --persona {self.suggestion}")
            lines.append(f"  {self.suggestion_reason}")
        return "\n".join(lines)


def load_history(journal, script, personas) -> History:
    """The history for ``script`` (a Script) from ``journal``, with ``personas`` to suggest from."""
    sessions: list[PastSession] = []
    practised: list[str] = []
    for record in sorted(journal.calls(practice=True), key=lambda r: (r.started_at, r.id)):
        events = journal.events(record.id)
        started = next((e for e in events if e.kind == "started"), None)
        score = next((e.data for e in events if e.kind == "score"), None)
        handled = tuple(dict.fromkeys(e.data["step"].split(":", 1)[1] for e in events
                                      if e.kind == "step" and str(e.data.get("step", "")).startswith("excuse:")))
        script_name = record.script_name or (started.data.get("script") if started else "")
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
                      excuses={eid: ex.label for eid, ex in script.excuses.items()}, practised=practised)
    _suggest(history, script, personas)
    return history


def _suggest(history: History, script, personas) -> None:
    if not personas:
        return
    played: dict[str, list[PastSession]] = {}
    for s in history.sessions:
        if s.script == script.name:
            played.setdefault(s.persona, []).append(s)

    def last_score(name: str) -> float:
        scored = [s for s in played.get(name, []) if s.points is not None and s.total]
        if not scored:
            return -1.0
        return scored[-1].points / scored[-1].total

    new_excuse = [(p, next(e for e in p.excuses if e in script.excuses and e not in history.practised))
                  for p in personas if any(e in script.excuses and e not in history.practised for e in p.excuses)]
    if new_excuse:
        new_excuse.sort(key=lambda pe: (pe[0].name in played, pe[0].name))
        persona, excuse = new_excuse[0]
        history.suggestion = persona.name
        history.suggestion_reason = (f"{persona.title}: oefent de smoes ‘{script.excuses[excuse].label}’, "
                                     "die u nog niet hebt geoefend.")
        return
    never = sorted(p.name for p in personas if p.name not in played)
    if never:
        persona = next(p for p in personas if p.name == never[0])
        history.suggestion = persona.name
        history.suggestion_reason = f"{persona.title}: met deze klant hebt u nog niet geoefend."
        return
    weakest = min(personas, key=lambda p: (last_score(p.name), p.name))
    history.suggestion = weakest.name
    scored = [s for s in played.get(weakest.name, []) if s.points is not None]
    last = f"{scored[-1].points} van {scored[-1].total}" if scored else "geen score"
    history.suggestion_reason = f"{weakest.title}: hier scoorde u het laagst (laatst {last})."

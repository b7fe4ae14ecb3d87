"""The short evaluation after every call ("Evalueer": what went well, what next time?).

Two questions for the caller, plus observations the program can make by itself from
the call's events: phrasing warnings that were shown, whether the agreements were
repeated, whether the contact person was noted, excuses met, attempts to end too
early, and the time in the call. They work on stored events, so practice sessions
and ``belscript log show`` get the same observations as a live call.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta
from typing import Literal

from belscript.engine.events import Event, Note, WarningShown
from belscript.engine.state import CallState

#: The questions, keyed as the engine's ``evaluation`` event stores the answers.
QUESTIONS: tuple[tuple[str, str], ...] = (
    ("went_well", "Wat ging goed?"),
    ("differently", "Wat doet u de volgende keer anders?"),
)


EventLike = Event  # the name this module's signatures used before events were typed


@dataclass(frozen=True)
class Observation:
    """One thing noticed about the call: ``good``, ``improve`` (a point for next time) or ``info``."""

    tone: Literal["good", "improve", "info"]
    text: str


def counted_warnings(events: Iterable[EventLike]) -> list[EventLike]:
    """The phrasing warnings about words the caller really kept in a note.

    A warning is logged when its note is saved (Enter). It counts in the evaluation only
    when the words were kept: the note it belongs to contains them. That note is the one
    just before it, or the next one in logs of older versions, which logged warnings
    while typing. Warnings the caller set aside with Ctrl-O do not count, and each
    warning counts once per note: a fragment logged while a word was still being typed
    ("ontvang" before "ontvangen") is not counted next to the whole word.
    """
    events = list(events)
    counted: list[EventLike] = []
    seen: dict[tuple[int, str], list[str]] = {}
    for i, e in enumerate(events):
        warning = e.payload
        if not isinstance(warning, WarningShown) or warning.ignored:
            continue
        note = _note_of(events, i)
        if note is None or warning.match.lower() not in note.text.lower():
            continue
        if _set_aside(events, i, e):
            continue
        match = warning.match.lower()
        key = (id(note), str(e.data.get("rule")))
        earlier = seen.setdefault(key, [])
        if any(match in m for m in earlier):
            continue
        for m in list(earlier):  # a fragment counted before: the whole word replaces it
            if m in match:
                counted = [c for c in counted if not (c.data.get("rule") == e.data.get("rule") and
                                                      str(c.data.get("match") or "").lower() == m and
                                                      _note_of(events, events.index(c)) is note)]
                earlier.remove(m)
        earlier.append(match)
        counted.append(e)
    return counted


def _note_of(events: list[EventLike], i: int) -> Note | None:
    """The note a warning belongs to: the one right before its run of warnings, else the next note."""
    j = i - 1
    while j >= 0 and events[j].kind == "warning":
        j -= 1
    before = events[j].payload if j >= 0 else None
    if isinstance(before, Note) and not any(_ignored(events[k].payload) for k in range(j + 1, i)):
        # logged on Enter, after its note
        warning = events[i].payload
        assert isinstance(warning, WarningShown)
        if warning.match.lower() in before.text.lower():
            return before
    return next((e.payload for e in events[i + 1:] if isinstance(e.payload, Note)), None)  # type: ignore[misc]


def _ignored(payload: object) -> bool:
    return isinstance(payload, WarningShown) and payload.ignored


def _set_aside(events: list[EventLike], i: int, warning: EventLike) -> bool:
    """Whether the caller pressed Ctrl-O on this warning before the next note."""
    shown = warning.payload
    assert isinstance(shown, WarningShown)
    key = (shown.rule, shown.match.lower())
    for e in events[i + 1:]:
        p = e.payload
        if isinstance(p, Note):
            return False
        if isinstance(p, WarningShown) and p.ignored and (p.rule, p.match.lower()) == key:
            return True
    return False


def observations(events: Iterable[EventLike]) -> list[Observation]:
    """What the events of one call show, in Dutch, good points first."""
    events = list(events)
    facts = CallState.fold(events)
    found: list[Observation] = []

    warnings = [e.payload for e in counted_warnings(events)]
    if warnings:
        said = Counter(str(w.match or w.rule or "?").strip() for w in warnings)  # type: ignore[attr-defined]
        listed = ", ".join(f"„{m}”" + (f" ({n}×)" if n > 1 else "") for m, n in said.most_common())
        found.append(Observation("improve", f"{_count(len(warnings), 'waarschuwing', 'waarschuwingen')} "
                                            f"over woordkeuze: {listed}. Kijk naar de betere formulering "
                                            f"die erbij stond."))
    else:
        found.append(Observation("good", "Geen waarschuwingen over woordkeuze."))

    if facts.recap_done:
        found.append(Observation("good", "U heeft de afspraken aan het eind herhaald, zodat de klant ze nog "
                                         "kon corrigeren."))
    elif facts.outcome_type == "agreement":
        found.append(Observation("improve", "De afspraken zijn niet herhaald voor het ophangen. Vat ze de "
                                            "volgende keer samen, dan kan de klant nog iets rechtzetten."))

    contact = facts.contact or facts.agreement.agreed_by
    if contact:
        found.append(Observation("good", f"U heeft genoteerd met wie u sprak: {contact}."))
    else:
        found.append(Observation("improve", "U heeft niet genoteerd met wie u sprak. Met een naam kunt u de "
                                            "volgende keer meteen naar die persoon vragen."))

    if facts.excuses:
        found.append(Observation("info", "Excuses in dit gesprek: " + "; ".join(dict.fromkeys(facts.excuses)) + "."))

    early = sum(1 for r in facts.refusals if r.move == "end" or (r.move == "option" and r.missing))
    if early:
        found.append(Observation("improve", f"U wilde {early}× verder of afsluiten terwijl er nog iets ontbrak. "
                                            f"Maak eerst een concrete afspraak: wie betaalt wat, en wanneer."))
    rejected = facts.rejected
    if rejected:
        verb = "werd" if rejected == 1 else "werden"
        found.append(Observation("info", f"{_count(rejected, 'afspraakveld', 'afspraakvelden')} {verb} eerst "
                                         f"niet geaccepteerd (te vaag of buiten de grenzen)."))

    outcome = facts.outcome_type
    if outcome == "agreement":
        found.append(Observation("good", "Het gesprek eindigde met een concrete afspraak."))
    elif outcome == "no_agreement":
        found.append(Observation("info", "Het gesprek eindigde zonder afspraak; het vervolgmoment staat vast."))

    duration = call_duration(events, facts)
    if duration is not None:
        found.append(Observation("info", f"Tijd in het gesprek: {say_duration(duration)}."))
    order = {"good": 0, "improve": 1, "info": 2}
    return sorted(found, key=lambda o: order[o.tone])


def answers(events: Iterable[EventLike]) -> dict[str, str]:
    """The caller's latest answers to :data:`QUESTIONS` (question text -> answer)."""
    latest = CallState.fold(events).evaluation or {}
    return {question: latest[key] for key, question in QUESTIONS if latest.get(key, "").strip()}


def recap_done(events: Iterable[EventLike]) -> bool:
    return CallState.fold(events).recap_done


def contact_noted(events: Iterable[EventLike]) -> str | None:
    """The last contact name entered, or who agreed in the agreement."""
    facts = CallState.fold(events)
    return facts.contact or facts.agreement.agreed_by


def call_duration(events: Iterable[EventLike], facts: CallState | None = None) -> timedelta | None:
    """From the start to the end (or abort), or to the last event of an interrupted call."""
    events = list(events)
    facts = facts or CallState.fold(events)
    if facts.started_at is None:
        return None
    end = facts.ended_at or max(e.at for e in events)
    return end - facts.started_at


def say_duration(delta: timedelta) -> str:
    """``45 seconden``, ``1 minuut``, ``6 minuten``, ``1 uur en 5 minuten``."""
    seconds = int(delta.total_seconds())
    if seconds < 60:
        return _count(seconds, "seconde", "seconden")
    minutes = round(seconds / 60)
    if minutes < 60:
        return _count(minutes, "minuut", "minuten")
    hours, rest = divmod(minutes, 60)
    return _count(hours, "uur", "uur") + (f" en {_count(rest, 'minuut', 'minuten')}" if rest else "")


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"

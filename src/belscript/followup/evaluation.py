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
from datetime import datetime, timedelta
from typing import Any, Literal, Protocol

#: The questions, keyed as the engine's ``evaluation`` event stores the answers.
QUESTIONS: tuple[tuple[str, str], ...] = (
    ("went_well", "Wat ging goed?"),
    ("differently", "Wat doet u de volgende keer anders?"),
)


class EventLike(Protocol):
    seq: int
    at: datetime
    kind: str
    data: dict[str, Any]


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
        if e.kind != "warning" or e.data.get("ignored"):
            continue
        match = str(e.data.get("match") or "").lower()
        note = _note_of(events, i)
        if note is None or match not in str(note.data.get("text") or "").lower():
            continue
        if _set_aside(events, i, e):
            continue
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


def _note_of(events: list[EventLike], i: int) -> EventLike | None:
    """The note a warning belongs to: the one right before its run of warnings, else the next note."""
    j = i - 1
    while j >= 0 and events[j].kind == "warning":
        j -= 1
    if j >= 0 and events[j].kind == "note" and not any(
            events[k].data.get("ignored") for k in range(j + 1, i)):
        # logged on Enter, after its note
        before = events[j]
        if str(events[i].data.get("match") or "").lower() in str(before.data.get("text") or "").lower():
            return before
    return next((e for e in events[i + 1:] if e.kind == "note"), None)


def _set_aside(events: list[EventLike], i: int, warning: EventLike) -> bool:
    """Whether the caller pressed Ctrl-O on this warning before the next note."""
    key = (warning.data.get("rule"), str(warning.data.get("match") or "").lower())
    for e in events[i + 1:]:
        if e.kind == "note":
            return False
        if e.kind == "warning" and e.data.get("ignored") and \
                (e.data.get("rule"), str(e.data.get("match") or "").lower()) == key:
            return True
    return False


def observations(events: Iterable[EventLike]) -> list[Observation]:
    """What the events of one call show, in Dutch, good points first."""
    events = list(events)
    kinds = Counter(e.kind for e in events)
    found: list[Observation] = []

    warnings = counted_warnings(events)
    if warnings:
        said = Counter(str(e.data.get("match") or e.data.get("rule") or "?").strip() for e in warnings)
        listed = ", ".join(f"„{m}”" + (f" ({n}×)" if n > 1 else "") for m, n in said.most_common())
        found.append(Observation("improve", f"{_count(len(warnings), 'waarschuwing', 'waarschuwingen')} "
                                            f"over woordkeuze: {listed}. Kijk naar de betere formulering "
                                            f"die erbij stond."))
    else:
        found.append(Observation("good", "Geen waarschuwingen over woordkeuze."))

    if recap_done(events):
        found.append(Observation("good", "U heeft de afspraken aan het eind herhaald, zodat de klant ze nog "
                                         "kon corrigeren."))
    elif _outcome_type(events) == "agreement":
        found.append(Observation("improve", "De afspraken zijn niet herhaald voor het ophangen. Vat ze de "
                                            "volgende keer samen, dan kan de klant nog iets rechtzetten."))

    contact = contact_noted(events)
    if contact:
        found.append(Observation("good", f"U heeft genoteerd met wie u sprak: {contact}."))
    else:
        found.append(Observation("improve", "U heeft niet genoteerd met wie u sprak. Met een naam kunt u de "
                                            "volgende keer meteen naar die persoon vragen."))

    excuses = [str(e.data.get("label") or e.data.get("excuse")) for e in events if e.kind == "excuse"]
    if excuses:
        found.append(Observation("info", "Excuses in dit gesprek: " + "; ".join(dict.fromkeys(excuses)) + "."))

    early = sum(1 for e in events if e.kind == "refused"
                and (e.data.get("move") == "end" or (e.data.get("move") == "option" and e.data.get("missing"))))
    if early:
        found.append(Observation("improve", f"U wilde {early}× verder of afsluiten terwijl er nog iets ontbrak. "
                                            f"Maak eerst een concrete afspraak: wie betaalt wat, en wanneer."))
    rejected = kinds["agreement_rejected"]
    if rejected:
        verb = "werd" if rejected == 1 else "werden"
        found.append(Observation("info", f"{_count(rejected, 'afspraakveld', 'afspraakvelden')} {verb} eerst "
                                         f"niet geaccepteerd (te vaag of buiten de grenzen)."))

    outcome = _outcome_type(events)
    if outcome == "agreement":
        found.append(Observation("good", "Het gesprek eindigde met een concrete afspraak."))
    elif outcome == "no_agreement" or kinds["aborted"]:
        found.append(Observation("info", "Het gesprek eindigde zonder afspraak; het vervolgmoment staat vast."))

    duration = call_duration(events)
    if duration is not None:
        found.append(Observation("info", f"Tijd in het gesprek: {say_duration(duration)}."))
    order = {"good": 0, "improve": 1, "info": 2}
    return sorted(found, key=lambda o: order[o.tone])


def answers(events: Iterable[EventLike]) -> dict[str, str]:
    """The caller's latest answers to :data:`QUESTIONS` (question text -> answer)."""
    latest: dict[str, Any] = {}
    for e in events:
        if e.kind == "evaluation":
            latest = e.data
    return {question: str(latest[key]) for key, question in QUESTIONS if str(latest.get(key) or "").strip()}


def recap_done(events: Iterable[EventLike]) -> bool:
    return any(e.kind == "recap" or (e.kind == "action" and e.data.get("recap_done")) for e in events)


def contact_noted(events: Iterable[EventLike]) -> str | None:
    """The last contact name entered, or who agreed in the final agreement."""
    name = None
    for e in events:
        if e.kind == "contact" and e.data.get("name"):
            name = str(e.data["name"])
        elif e.kind == "agreement" and not name:
            name = (e.data.get("agreement") or {}).get("agreed_by") or name
    return name


def call_duration(events: Iterable[EventLike]) -> timedelta | None:
    """From the start to the end (or abort), or to the last event of an interrupted call."""
    events = list(events)
    start = next((e.at for e in events if e.kind == "started"), None)
    if start is None:
        return None
    end = next((e.at for e in events if e.kind in ("ended", "aborted")), None)
    if end is None:
        end = max(e.at for e in events)
    return end - start


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


def _outcome_type(events: list[EventLike]) -> str | None:
    for e in events:
        if e.kind == "ended":
            return str((e.data.get("outcome") or {}).get("type") or "") or None
        if e.kind == "aborted":
            return "no_agreement"
    return None


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"

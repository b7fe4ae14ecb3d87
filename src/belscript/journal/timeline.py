"""One Dutch line per stored event, for ``belscript log show`` and the resume screen.

Works on the stored events alone (their typed payloads), so a call can be read back
even when the script it was made with has changed since.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from belscript.engine import events as ev
from belscript.engine.events import Event

_LABELS = {
    "started": "gesprek begonnen",
    "step": "stap",
    "option": "gekozen",
    "excuse": "excuus",
    "back": "terug",
    "note": "notitie",
    "warning": "waarschuwing",
    "contact": "gesproken met",
    "agreement": "afspraak",
    "agreement_rejected": "afspraak niet overgenomen",
    "no_agreement": "geen afspraak",
    "action": "actie",
    "refused": "geweigerd",
    "ended": "gesprek beëindigd",
    "aborted": "gesprek afgebroken",
    "recap": "afspraken herhaald",
    "evaluation": "evaluatie",
    "customer": "klant (oefening)",
    "score": "score (oefening)",
    "resumed": "gesprek hervat",
}


#: Actions that leave no to-do or reminder, in words (the log never shows an internal id).
_ACTION_WORDS = {
    "mark_recap_done": "afspraken teruggelezen",
    "announce_confirmation": "bevestiging per e-mail aangekondigd",
    "announce_next_steps": "vervolgstappen genoemd",
    "schedule_callback": "vervolgmoment gepland",
    "ask_contact_name": "naar de naam gevraagd",
    "send_invoice_copy": "kopie van de factuur gestuurd",
    "note_complaint": "klacht genoteerd",
    "check_payment_received": "betaling nagekeken",
    "correct_invoice": "factuur gecorrigeerd",
}


def describe(event: Event) -> str:
    """``stap: opening``, ``notitie: belt vrijdag terug``, ``waarschuwing: 'u moet' …``."""
    label = _LABELS.get(event.kind, event.kind)
    try:
        detail = _detail(event.payload)
    except (KeyError, TypeError, ValueError):  # a damaged row still gets its line
        detail = ""
    return f"{label}: {detail}" if detail else label


def _moment(value: Any) -> str:
    try:
        from belscript.followup.wording import say_moment

        return say_moment(datetime.fromisoformat(str(value)))
    except ValueError:
        return str(value)


def _detail(p: ev.Payload) -> str:  # noqa: C901 - one branch per event kind, in the order of _LABELS
    if isinstance(p, ev.Started):
        return f"script {p.script}" if p.script else ""
    if isinstance(p, ev.StepTaken):
        return p.step
    if isinstance(p, ev.OptionTaken):
        return f"{p.nr}. {p.label}" if p.label else str(p.nr)
    if isinstance(p, ev.ExcusePicked):
        return p.label or p.excuse
    if isinstance(p, ev.WentBack):
        return f"van {p.from_} naar {p.to}" if p.to else ""
    if isinstance(p, ev.Note):
        return p.text
    if isinstance(p, ev.WarningShown):
        match = f"'{p.match}'" if p.match else p.rule
        if p.ignored:
            return f"{match} genegeerd"
        return f"{match} – {p.message}" if p.message else match
    if isinstance(p, ev.Contact):
        return p.name
    if isinstance(p, ev.AgreementSet):
        shown = p.shown or p.text
        return f"{p.field} = {shown}" if p.field else shown
    if isinstance(p, ev.AgreementRejected):
        return f"{p.field} '{p.text}': {p.message}" if p.field else p.message
    if isinstance(p, ev.NoAgreementSet):
        parts = [p.label or p.reason, p.detail, f"vervolg {_moment(p.follow_up)}" if p.follow_up else ""]
        return "; ".join(part for part in parts if part)
    if isinstance(p, ev.ActionDone):
        return p.todo or p.hint or _ACTION_WORDS.get(p.name) or p.name
    if isinstance(p, ev.Refused):
        return p.message + (f" (ontbreekt: {', '.join(map(str, p.missing))})" if p.missing else "")
    if isinstance(p, ev.Ended):
        return "met afspraak" if p.outcome.get("type") == "agreement" else ("zonder afspraak" if p.outcome else "")
    if isinstance(p, ev.Aborted):
        follow = f"; vervolg {_moment(p.follow_up)}" if p.follow_up else ""
        return f"{p.reason}{follow}"
    if isinstance(p, ev.CustomerSaid):
        return p.text
    if isinstance(p, ev.Score):
        get = p.report.get
        if get("failed_session"):
            return f"onvoldoende – {get('fail_reason') or ''}".rstrip(" –")
        return f"{get('points')} van {get('total')}" if get("total") else ""
    if isinstance(p, ev.Evaluation):
        return " / ".join(v for v in (p.went_well, p.differently) if v)
    return ""

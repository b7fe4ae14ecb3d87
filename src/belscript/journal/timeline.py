"""One Dutch line per stored event, for ``belscript log show`` and the resume screen.

Works on the stored ``(kind, data)`` alone, so a call can be read back even when
the script it was made with has changed since.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

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


def describe(kind: str, data: dict[str, Any]) -> str:
    """``stap: opening``, ``notitie: belt vrijdag terug``, ``waarschuwing: 'u moet' …``."""
    label = _LABELS.get(kind, kind)
    detail = _detail(kind, data)
    return f"{label}: {detail}" if detail else label


def _moment(value: Any) -> str:
    try:
        from belscript.followup.wording import say_moment

        return say_moment(datetime.fromisoformat(str(value)))
    except ValueError:
        return str(value)


def _detail(kind: str, data: dict[str, Any]) -> str:
    get = data.get
    if kind == "started":
        return f"script {get('script')}" if get("script") else ""
    if kind == "step":
        return str(get("step") or "")
    if kind == "option":
        return f"{get('nr')}. {get('label')}" if get("label") else str(get("nr") or "")
    if kind == "excuse":
        return str(get("label") or get("excuse") or "")
    if kind == "back":
        return f"van {get('from')} naar {get('to')}" if get("to") else ""
    if kind == "note":
        return str(get("text") or "")
    if kind == "warning":
        match = f"'{get('match')}'" if get("match") else str(get("rule") or "")
        if get("ignored"):
            return f"{match} genegeerd"
        return f"{match} – {get('message')}" if get("message") else match
    if kind == "contact":
        return str(get("name") or "")
    if kind == "agreement":
        shown = get("shown") or get("text") or ""
        return f"{get('field')} = {shown}" if get("field") else str(shown)
    if kind == "agreement_rejected":
        return f"{get('field')} '{get('text')}': {get('message')}" if get("field") else str(get("message") or "")
    if kind == "no_agreement":
        parts = [str(get("label") or get("reason") or "")]
        if get("detail"):
            parts.append(str(get("detail")))
        if get("follow_up"):
            parts.append(f"vervolg {_moment(get('follow_up'))}")
        return "; ".join(p for p in parts if p)
    if kind == "action":
        return str(get("todo") or get("hint") or _ACTION_WORDS.get(str(get("name"))) or get("name") or "")
    if kind == "refused":
        missing = get("missing") or []
        return str(get("message") or "") + (f" (ontbreekt: {', '.join(map(str, missing))})" if missing else "")
    if kind == "ended":
        outcome = get("outcome") or {}
        return "met afspraak" if outcome.get("type") == "agreement" else ("zonder afspraak" if outcome else "")
    if kind == "aborted":
        follow = f"; vervolg {_moment(get('follow_up'))}" if get("follow_up") else ""
        return f"{get('reason') or ''}{follow}"
    if kind == "customer":
        return str(get("text") or "")
    if kind == "score":
        if get("failed_session"):
            return f"onvoldoende – {get('fail_reason') or ''}".rstrip(" –")
        return f"{get('points')} van {get('total')}" if get("total") else ""
    if kind == "evaluation":
        ordered = [data.get("went_well"), data.get("differently")]
        ordered += [v for k, v in data.items() if k not in ("went_well", "differently")]
        return " / ".join(str(v) for v in ordered if v)
    return ""

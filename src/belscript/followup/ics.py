"""The calendar file after a call: promised payments, checks, callbacks, follow-ups.

Per promised payment an all-day event on the promised date and one on the first
working day after it to check that the money came in ("doe het zelf na", as the
seeds put it: agree concretely so you can follow up). A callback or a follow-up call
without agreement becomes a timed event with a reminder. UIDs are derived from the
content, so writing the file again (or importing it twice) updates events instead
of duplicating them. The events are in the caller's own calendar and speak to the
caller; the one sentence quoted as said to the customer (what happens if the promise
is broken) is in the customer's form of address.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

from belscript.agreement.model import Agreement, NoAgreement
from belscript.followup.facts import AfterCall
from belscript.followup.wording import (
    check_day,
    contact_name,
    if_broken_text,
    invoices_phrase,
    join,
    no_agreement_reason,
    say_date,
)
from belscript.money import format_amount

PRODID = "-//belscript//belscript//NL"
CALL_MINUTES = 15


def calendar_ics(after: AfterCall) -> bytes:
    """The ``.ics`` file's bytes for this outcome."""
    from icalendar import Alarm, Calendar, Event

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    for spec in calendar_entries(after):
        ev = Event()
        ev.add("uid", spec["uid"])
        ev.add("dtstamp", _utc(after.now))
        ev.add("summary", spec["summary"])
        ev.add("description", spec["description"])
        start = spec["start"]
        ev.add("dtstart", start)
        if isinstance(start, datetime):
            ev.add("dtend", start + timedelta(minutes=CALL_MINUTES))
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", spec["summary"])
            alarm.add("trigger", timedelta(minutes=-10))
            ev.add_component(alarm)
        else:
            ev.add("dtend", start + timedelta(days=1))
            ev.add("transp", "TRANSPARENT")
        cal.add_component(ev)
    return cal.to_ical()


def calendar_entries(after: AfterCall) -> list[dict[str, object]]:
    """The events as plain data (``uid``, ``summary``, ``description``, ``start`` date or datetime)."""
    d = after.dossier
    customer = d.customer.name
    about = invoices_phrase(d)
    entries: list[dict[str, object]] = []
    outcome = after.outcome
    if isinstance(outcome, Agreement):
        who = contact_name(d, outcome, after.contact)
        by = f"{customer}" + (f" ({who})" if who else "")
        broken = if_broken_text(outcome, after.if_broken, d.customer.address_form)
        for n, p in enumerate(sorted(outcome.payments, key=lambda p: p.on), start=1):
            amount = format_amount(p.amount)
            entries.append({
                "uid": _uid(after, "payment", n, p.on.isoformat(), str(p.amount)),
                "summary": f"Betaling toegezegd: {amount} door {by}",
                "description": f"Toegezegd op {say_date(after.now.date())} voor {about}.\n"
                               f"{broken}",
                "start": p.on,
            })
            entries.append({
                "uid": _uid(after, "check", n, p.on.isoformat(), str(p.amount)),
                "summary": f"Controleer betaling {amount} van {customer}",
                "description": f"Is de betaling van {amount} ({about}), toegezegd voor {say_date(p.on)}, binnen?\n"
                               f"Niet binnen? Bel {who or customer} vandaag nog{_phone_part(after)} en stuur "
                               "een aanmaning.\n"
                               f"Aan de klant aangekondigd: {broken}",
                "start": check_day(p.on),
            })
        if outcome.callback:
            cb = outcome.callback
            entries.append({
                "uid": _uid(after, "callback", 1, cb.at.isoformat()),
                "summary": f"Terugbellen: {cb.person} ({customer})",
                "description": f"Afgesproken op {say_date(after.now.date())}: {cb.person} terugbellen over {about}."
                               + _phone_line(after),
                "start": cb.at,
            })
    elif isinstance(outcome, NoAgreement):
        detail = f"\nToelichting: {outcome.detail.strip()}" if outcome.detail.strip() else ""
        entries.append({
            "uid": _uid(after, "follow_up", 1, outcome.follow_up.isoformat()),
            "summary": f"Opnieuw bellen: {customer} over {invoices_phrase(d, article=False)}",
            "description": f"Vorig gesprek op {say_date(after.now.date())}: geen afspraak "
                           f"({no_agreement_reason(outcome)}).{detail}" + _phone_line(after),
            "start": outcome.follow_up,
        })
    return entries


def calendar_description(after: AfterCall) -> str:
    """What the calendar file holds for this outcome, for the list of files after the call.

    Without an agreement the file has only the moment to call again, so the screen must
    not promise "the promised date and a check"; this phrase always matches
    :func:`calendar_entries`. Empty when there is no calendar file at all.
    """
    outcome = after.outcome
    parts: list[str] = []
    if isinstance(outcome, Agreement):
        count = len(outcome.payments)
        if count == 1:
            parts.append("de beloofde betaaldatum en een controle op de werkdag erna")
        elif count > 1:
            parts.append(f"de {count} beloofde betaaldatums, elk met een controle op de werkdag erna")
        if outcome.callback:
            parts.append("het terugbelmoment")
    elif isinstance(outcome, NoAgreement):
        parts.append("het moment waarop u opnieuw belt")
    return f"met {join(parts)}" if parts else ""


def _phone_part(after: AfterCall) -> str:
    d = after.dossier
    phone = (d.contact.phone if d.contact and d.contact.phone else None) or d.customer.phone
    return f" ({phone})" if phone else ""


def _phone_line(after: AfterCall) -> str:
    d = after.dossier
    phone = (d.contact.phone if d.contact and d.contact.phone else None) or d.customer.phone
    return f"\nTelefoon: {phone}" if phone else ""


def _utc(moment: datetime) -> datetime:
    from datetime import timezone

    aware = moment if moment.tzinfo else moment.astimezone()
    return aware.astimezone(timezone.utc)


def _uid(after: AfterCall, kind: str, n: int, *parts: str) -> str:
    """A stable UID from the call's identity (customer, invoices, moment) and the event's content."""
    d = after.dossier
    key = "|".join([d.customer.name, *sorted(inv.number for inv in d.invoices), after.now.isoformat(), kind, str(n), *parts])
    return f"{hashlib.sha256(key.encode('utf-8')).hexdigest()[:24]}-{kind}-{n}@belscript"


__all__ = ["calendar_description", "calendar_ics", "calendar_entries"]

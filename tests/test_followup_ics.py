"""The calendar file has the promised dates, a check the next working day, and callbacks or follow-ups."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

from icalendar import Calendar

from belscript.agreement.model import Agreement, Callback, NoAgreement, NoAgreementReason, Payment
from belscript.dossier import Dossier
from belscript.followup import AfterCall, calendar_description, calendar_entries, calendar_ics

NOW = datetime(2026, 11, 23, 10, 21)


def make_dossier() -> Dossier:
    return Dossier.model_validate({
        "customer": {"name": "Bakkerij De Zoete Inval", "phone": "030-7654321"},
        "caller": {"name": "Pieter de Vries", "company": "De Vries Installatietechniek"},
        "invoices": [{"number": "2026-0142", "amount": "1.250,50", "invoice_date": "2026-10-01",
                      "due_date": "2026-10-31"}],
    })


def events_of(after: AfterCall) -> list:
    cal = Calendar.from_ical(calendar_ics(after))
    return list(cal.walk("VEVENT"))


def plan() -> AfterCall:
    agreement = Agreement(kind="payment_plan", agreed_by="Marieke Jansen",
                          payments=[Payment(amount=Decimal("750.50"), on=date(2026, 11, 27)),
                                    Payment(amount=Decimal("500"), on=date(2026, 12, 24))])
    return AfterCall(dossier=make_dossier(), outcome=agreement, now=NOW, if_broken="Dan sturen wij een aanmaning.")


def test_each_promised_payment_has_an_event_and_a_check_after_it():
    """Per instalment an all-day 'Betaling toegezegd' event and a 'Controleer betaling' on the next working day."""
    events = events_of(plan())
    summary = {str(e["SUMMARY"]): e.decoded("DTSTART") for e in events}
    assert summary["Betaling toegezegd: € 750,50 door Bakkerij De Zoete Inval (Marieke Jansen)"] == date(2026, 11, 27)
    # 27 November 2026 is a Friday: the check falls on Monday, not on Saturday.
    assert summary["Controleer betaling € 750,50 van Bakkerij De Zoete Inval"] == date(2026, 11, 30)
    # 24 December: Christmas and Boxing Day are Dutch public holidays, then a weekend.
    assert summary["Controleer betaling € 500,00 van Bakkerij De Zoete Inval"] == date(2026, 12, 28)
    assert len(events) == 4
    assert all("Dan sturen wij een aanmaning." in str(e["DESCRIPTION"]) for e in events)


def test_uids_are_unique_and_stable():
    """Writing the calendar twice gives the same UIDs (re-import updates), and no two events share one."""
    first = [str(e["UID"]) for e in events_of(plan())]
    again = [str(e["UID"]) for e in events_of(plan())]
    assert first == again
    assert len(set(first)) == len(first)


def test_callback_is_a_timed_event_with_a_reminder():
    """A callback agreement becomes a 15-minute appointment at the agreed moment with an alarm before it."""
    agreement = Agreement(kind="callback", callback=Callback(person="Henk de Wit", at=datetime(2026, 11, 25, 10, 0)))
    (event,) = events_of(AfterCall(dossier=make_dossier(), outcome=agreement, now=NOW))
    assert str(event["SUMMARY"]) == "Terugbellen: Henk de Wit (Bakkerij De Zoete Inval)"
    assert event.decoded("DTSTART") == datetime(2026, 11, 25, 10, 0)
    assert event.decoded("DTEND") - event.decoded("DTSTART") == timedelta(minutes=15)
    assert "Telefoon: 030-7654321" in str(event["DESCRIPTION"])
    (alarm,) = list(event.walk("VALARM"))
    assert alarm.decoded("TRIGGER") == timedelta(minutes=-10)


def test_no_agreement_gets_the_follow_up_call():
    """Without an agreement the calendar holds the follow-up call with the reason and the note."""
    outcome = NoAgreement(reason=NoAgreementReason.needs_time, detail="overlegt met de eigenaar",
                          follow_up=datetime(2026, 11, 24, 10, 0))
    (event,) = events_of(AfterCall(dossier=make_dossier(), outcome=outcome, now=NOW))
    assert str(event["SUMMARY"]) == "Opnieuw bellen: Bakkerij De Zoete Inval over factuur 2026-0142"
    assert event.decoded("DTSTART") == datetime(2026, 11, 24, 10, 0)
    description = str(event["DESCRIPTION"])
    assert "klant wil eerst overleggen" in description and "overlegt met de eigenaar" in description


def test_calendar_is_valid_icalendar_2():
    """The file declares VERSION 2.0 and a PRODID, and every event has a DTSTAMP."""
    cal = Calendar.from_ical(calendar_ics(plan()))
    assert str(cal["VERSION"]) == "2.0" and "belscript" in str(cal["PRODID"])
    assert all("DTSTAMP" in e for e in cal.walk("VEVENT"))


def test_the_calendar_file_is_described_by_what_it_really_holds():
    """The file list says "beloofde datum" only when a date was promised; without agreement it is the call-back moment."""
    one = Agreement(kind="full_payment", payments=[Payment(amount=Decimal("1250.50"), on=date(2026, 11, 27))])
    assert calendar_description(AfterCall(dossier=make_dossier(), outcome=one, now=NOW)) == (
        "met de beloofde betaaldatum en een controle op de werkdag erna")
    assert calendar_description(plan()) == "met de 2 beloofde betaaldatums, elk met een controle op de werkdag erna"
    callback = Agreement(kind="callback", callback=Callback(person="Henk de Wit", at=datetime(2026, 11, 25, 14, 0)))
    assert calendar_description(AfterCall(dossier=make_dossier(), outcome=callback, now=NOW)) == "met het terugbelmoment"
    none = AfterCall(dossier=make_dossier(), now=NOW,
                     outcome=NoAgreement(reason=NoAgreementReason.needs_time, follow_up=datetime(2026, 11, 24, 10, 0)))
    assert calendar_description(none) == "met het moment waarop u opnieuw belt"
    assert "beloofde" not in calendar_description(none)
    assert [e["summary"] for e in calendar_entries(none)] == [
        "Opnieuw bellen: Bakkerij De Zoete Inval over factuur 2026-0142"]

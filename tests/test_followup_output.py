"""After a call the documents land owner-only in the call's own folder."""

from __future__ import annotations

import stat
from datetime import date, datetime
from decimal import Decimal
from email import policy
from email.parser import BytesParser

from icalendar import Calendar

from belscript.agreement.model import Agreement, NoAgreement, NoAgreementReason, Payment
from belscript.dossier import Dossier
from belscript.engine.events import Event
from belscript.followup import AfterCall, write_documents
from belscript.journal import Journal

NOW = datetime(2026, 11, 23, 10, 21)


def make_dossier() -> Dossier:
    return Dossier.model_validate({
        "customer": {"name": "Bakkerij De Zoete Inval", "email": "administratie@zoeteinval.nl"},
        "caller": {"name": "Pieter de Vries", "company": "De Vries Installatietechniek", "email": "p@devries.nl"},
        "invoices": [{"number": "2026-0142", "amount": "1.250,50", "invoice_date": "2026-10-01",
                      "due_date": "2026-10-31"}],
    })


def test_agreement_documents_are_written_owner_only(clock):
    """An agreement gives bevestiging.eml, afspraken.ics and samenvatting.txt, each 0600, in a 0700 folder."""
    agreement = Agreement(kind="full_payment", payments=[Payment(amount=Decimal("1250.50"), on=date(2026, 11, 27))])
    with Journal.open(clock=clock) as journal:
        call_id = journal.start_call("eerste-gesprek", None, make_dossier())
        folder = journal.folder(call_id)
    docs = write_documents(AfterCall(dossier=make_dossier(), outcome=agreement, now=NOW), folder)
    assert [p.name for p in docs.paths] == ["bevestiging.eml", "afspraken.ics", "samenvatting.txt"]
    assert folder.name == str(call_id) and stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in docs.paths)
    msg = BytesParser(policy=policy.default).parsebytes(docs.email.read_bytes())
    assert "vrijdag 27 november 2026" in msg.get_content()
    assert len(list(Calendar.from_ical(docs.calendar.read_bytes()).walk("VEVENT"))) == 2
    assert "U betaalt € 1.250,50" in docs.recap.read_text(encoding="utf-8")


def test_hung_up_gives_a_note_and_the_follow_up_but_no_email(tmp_path):
    """Without anybody to confirm to, only the note to self, the recap and the follow-up call are written."""
    outcome = NoAgreement(reason=NoAgreementReason.hung_up, follow_up=datetime(2026, 11, 24, 10, 0))
    docs = write_documents(AfterCall(dossier=make_dossier(), outcome=outcome, now=NOW), tmp_path / "c")
    assert docs.email is None and docs.confirmation is None
    assert sorted(p.name for p in docs.paths) == ["afspraken.ics", "notitie.txt", "samenvatting.txt"]


def test_documents_can_be_made_again_from_the_log(clock):
    """A stored call gives the same facts back, so the e-mail can be made later from the log alone."""
    agreement = Agreement(kind="full_payment", payments=[Payment(amount=Decimal("1250.50"), on=date(2026, 11, 27))])
    with Journal.open(clock=clock) as journal:
        call_id = journal.start_call("eerste-gesprek", None, make_dossier())
        journal.append(call_id, Event(seq=1, at=NOW, kind="started", data={}))
        journal.append(call_id, Event(seq=2, at=NOW, kind="contact", data={"name": "Marieke"}))
        record = journal.finish(call_id, agreement, if_broken="Dan volgt een aanmaning.",
                                our_actions=["Kopie sturen."])
    after = AfterCall.from_record(record)
    assert after.outcome == agreement and after.contact == "Marieke"
    assert after.if_broken == "Dan volgt een aanmaning." and after.our_actions == ("Kopie sturen.",)
    assert after.dossier == make_dossier()

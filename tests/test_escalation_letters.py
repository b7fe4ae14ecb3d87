"""The collection letters say the right things in Dutch, keep the legal order, and come out
as an e-mail draft and a printable PDF; the handover file opens cleanly in Dutch Excel."""

from __future__ import annotations

import email
import email.policy
import re
import zlib
from datetime import date, datetime
from decimal import Decimal

import pytest

from belscript.errors import EscalationError
from belscript.escalation import (
    CallRecord, CustomerFacts, CustomerKind, Handover, OpenInvoice, Party, Promise, StepDone, build_letter,
    handover_csv, handover_pdf, letter_eml, letter_pdf, load_rates,
)

D = Decimal
RATES = load_rates()
ME = Party("Jansen Webdesign", contact="Eva Jansen", email="eva.jansen@example.nl", phone="06 0098 7654",
           iban="NL00 TEST 0123 4567 89", address="Kerkstraat 1, 1234 AB Voorbeeldstad")
THEM = Party("Bakkerij Van Dijk", contact="Ingrid van Dijk", address="Korenmarkt 12, 1234 AB Voorbeeldstad",
             email="ingrid.vandijk@example.nl", number="K-0031")
INVOICES = (OpenInvoice("2024-0142", date(2024, 3, 28), D("2450.00")), OpenInvoice("2024-0157", date(2024, 4, 18), D("363.00")))
PROMISE = Promise(date(2024, 4, 23), date(2024, 5, 1), D("2813.00"))
DONE = (StepDone("herinnering", date(2024, 4, 4)), StepDone("telefoongesprek", date(2024, 4, 23)))


def facts(kind=CustomerKind.business, done=DONE, invoices=INVOICES, promises=(PROMISE,)):
    return CustomerFacts(kind, invoices, tuple(done), tuple(promises))


def pdf_strings(data: bytes) -> str:
    """All text drawn in a PDF made by fpdf2, one string per drawn line."""
    out = []
    for m in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        try:
            raw = zlib.decompress(m.group(1)).decode("cp1252")
        except zlib.error:
            continue
        out += re.findall(r"\(((?:[^()\\]|\\.)*)\) Tj", raw)
    return "\n".join(out).replace("\xa0", " ").replace("\\(", "(").replace("\\)", ")")


def test_an_ingebrekestelling_claims_principal_interest_and_costs_with_their_computation():
    """B2B: commercial interest per invoice and rate, BIK costs per bracket, one total and a deadline."""
    letter = build_letter("ingebrekestelling", ME, THEM, facts(), date(2024, 5, 6), RATES)
    text = letter.text()
    assert letter.subject == "Ingebrekestelling en sommatie facturen 2024-0142 en 2024-0157"
    assert "Hierbij stellen wij u in gebreke." in text
    assert "Factuur 2024-0142, 29 maart 2024 t/m 6 mei 2024: 39 dagen × 12,5% per jaar over € 2.450,00; € 32,72" in text
    assert "10% over de volgende € 313,00; € 31,30" in text
    assert letter.total == D("3254.26") and "totale bedrag van € 3.254,26 uiterlijk op maandag 13 mei 2024" in text
    assert "Op 23 april 2024 heeft u toegezegd € 2.813,00 uiterlijk op 1 mei 2024 te betalen." in text
    assert "art. 6:119a BW" in letter.footer and "geen juridisch advies" in letter.footer


def test_interest_the_table_cannot_compute_is_claimed_in_words_and_reported_to_the_owner():
    """Past the confirmed rates the letter names the interest without an amount and warns the owner."""
    late = (OpenInvoice("2026-0142", date(2026, 10, 28), D("2450.00")),)
    letter = build_letter("ingebrekestelling", ME, THEM, facts(invoices=late, done=(), promises=()), date(2026, 12, 3), RATES)
    assert "wettelijke handelsrente (art. 6:119a BW) vanaf 29 oktober 2026 tot de dag waarop u volledig" in letter.text()
    assert letter.total == D("2450.00") + D("367.50")  # principal and costs only
    assert "loopt tot en met 30 juni 2025" in letter.warnings[0]


def test_the_fourteen_day_letter_states_the_free_term_the_receipt_assumption_and_the_costs():
    """Consumer: fourteen days from the day after receipt, the assumed dates, and the costs that will follow."""
    f = facts(kind=CustomerKind.consumer, done=DONE + (StepDone("aanmaning", date(2024, 5, 6)),))
    letter = build_letter("veertiendagenbrief", ME, THEM, f, date(2024, 5, 16), RATES)
    text = letter.text()
    assert "te rekenen vanaf de dag nadat u deze brief heeft ontvangen" in text
    assert "op dinsdag 21 mei 2024 ontvangt; betaal dan uiterlijk op dinsdag 4 juni 2024" in text  # Whit Monday skipped
    assert "bedragen € 406,30, berekend volgens het Besluit" in text
    assert letter.deadline == date(2024, 6, 4) and "art. 6:96 lid 6 BW" in letter.footer


def test_consumer_costs_are_refused_before_the_fourteen_days_have_run():
    """No ingebrekestelling with costs for a consumer without the letter, or inside its fourteen days."""
    consumer = facts(kind=CustomerKind.consumer)
    with pytest.raises(EscalationError, match="eerst een veertiendagenbrief"):
        build_letter("ingebrekestelling", ME, THEM, consumer, date(2024, 6, 10), RATES)
    sent = facts(kind=CustomerKind.consumer, done=DONE + (StepDone("veertiendagenbrief", date(2024, 5, 16)),))
    with pytest.raises(EscalationError, match="lopen tot en met 4 juni 2024"):
        build_letter("ingebrekestelling", ME, THEM, sent, date(2024, 6, 4), RATES)
    letter = build_letter("ingebrekestelling", ME, THEM, sent, date(2024, 6, 5), RATES)
    assert "wettelijke rente (art. 6:119 BW)" in letter.text()


def test_a_business_gets_no_fourteen_day_letter_and_nothing_is_sent_before_the_due_date():
    """The veertiendagenbrief is for consumers; no letter before the first due date has passed."""
    with pytest.raises(EscalationError, match="voor consumenten"):
        build_letter("veertiendagenbrief", ME, THEM, facts(), date(2024, 5, 6), RATES)
    with pytest.raises(EscalationError, match="vervalt pas op 28 maart 2024"):
        build_letter("herinnering", ME, THEM, facts(done=(), promises=()), date(2024, 3, 28), RATES)


def test_reminder_and_aanmaning_are_friendly_then_firm_and_name_the_next_step():
    """The reminder allows for a mistake; the aanmaning names the broken promise and what follows."""
    reminder = build_letter("herinnering", ME, THEM, facts(done=(), promises=()), date(2024, 4, 2)).text()
    assert "Misschien is de betaling u ontschoten." in reminder and "niet verzonden beschouwen" in reminder
    aanmaning = build_letter("aanmaning", ME, THEM, facts(), date(2024, 5, 6)).text()
    assert "Die betaling hebben wij niet ontvangen." in aanmaning
    assert "dan stellen wij u in gebreke" in aanmaning and "betalingsregeling" in aanmaning
    consumer = build_letter("aanmaning", ME, THEM, facts(kind=CustomerKind.consumer), date(2024, 5, 6)).text()
    assert "veertien dagen om zonder extra kosten te betalen" in consumer


@pytest.mark.parametrize("kind", ["herinnering", "aanmaning", "ingebrekestelling"])
def test_every_letter_is_an_email_draft_with_the_same_text(kind):
    """The .eml is UTF-8, addressed, marked as a draft, and carries the letter and its legal note."""
    letter = build_letter(kind, ME, THEM, facts(), date(2024, 5, 6), RATES)
    msg = email.message_from_bytes(letter_eml(letter), policy=email.policy.default)
    assert msg["To"] == "Ingrid van Dijk <ingrid.vandijk@example.nl>" and msg["X-Unsent"] == "1"
    assert msg["Subject"] == letter.subject
    body = msg.get_content()
    assert body.replace("\r\n", "\n") == letter.text() and "geen juridisch advies" in body


@pytest.mark.parametrize("kind", ["herinnering", "aanmaning", "veertiendagenbrief", "ingebrekestelling"])
def test_every_letter_is_a_printable_pdf_with_its_facts(kind):
    """The PDF holds the addressee, subject, invoices, amounts and the legal footer, and is reproducible."""
    f = facts(kind=CustomerKind.consumer if kind == "veertiendagenbrief" else CustomerKind.business)
    letter = build_letter(kind, ME, THEM, f, date(2024, 5, 6), RATES)
    data = letter_pdf(letter)
    assert data.startswith(b"%PDF-") and data == letter_pdf(letter)
    text = pdf_strings(data)
    for expected in ("t.a.v. Ingrid van Dijk", letter.subject.split(":")[0], "Factuur 2024-0142", "€ 2.450,00",
                     "Datum: 6 mei 2024", "Klantnummer: K-0031"):
        assert expected in text, expected
    assert "Grondslag:" in text and "geen juridisch" in text


def test_the_handover_csv_opens_in_dutch_excel_and_neutralises_formulas():
    """Semicolons, a UTF-8 BOM, decimal commas, and a formula-like name shown as text."""
    evil = Party("=HYPERLINK(\"http://x\")", contact="Ingrid van Dijk", phone="+31 30 000 1234", number="K-0031")
    call = CallRecord(datetime(2024, 4, 23, 10, 15), "Ingrid van Dijk", "betaalafspraak", "@SUM(A1)", PROMISE)
    h = Handover(ME, evil, facts(), date(2024, 5, 6), contacts=(Party("Ingrid van Dijk", phone="-1"),), calls=(call,))
    data = handover_csv(h)
    assert data.startswith("\ufeff".encode("utf-8"))
    rows = [line.split(";") for line in data.decode("utf-8-sig").split("\r\n") if line]
    assert rows[0][:3] == ["soort", "datum", "referentie"]
    assert rows[1][3].startswith("\"'=HYPERLINK")
    assert ["factuur", "", "2024-0142", "", "2450,00", "2450,00", "28-03-2024", "", ""] in rows
    contact = next(r for r in rows if r[0] == "contactpersoon")
    assert contact[3] == "Ingrid van Dijk | -1"  # inside the cell, not at its start: harmless
    gesprek = next(r for r in rows if r[0] == "gesprek")
    assert gesprek[1] == "23-04-2024 10:15" and gesprek[7] == "betaalafspraak"
    assert gesprek[8] == "€ 2.813,00 uiterlijk op 01-05-2024 (niet nagekomen)"
    assert [r[3] for r in rows if r[0] == "stap"] == ["herinnering", "telefoongesprek"]
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


def test_the_handover_pdf_summarises_invoices_calls_promises_and_letters():
    """One printable page with everything an agency asks for."""
    call = CallRecord(datetime(2024, 4, 23, 10, 15), "Ingrid van Dijk", "betaalafspraak", "", PROMISE)
    text = pdf_strings(handover_pdf(Handover(ME, THEM, facts(), date(2024, 5, 6), calls=(call,))))
    for expected in ("Overdracht vordering: Bakkerij Van Dijk", "2024-0157", "23-04-2024 10:15", "(niet nagekomen)",
                     "telefoongesprek", "€ 2.813,00"):
        assert expected in text, expected

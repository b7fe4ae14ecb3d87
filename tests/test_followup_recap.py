"""The recap read back before hanging up: who pays what when, what we do, what if not, and the e-mail."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from belscript.agreement.model import Agreement, Callback, NoAgreement, NoAgreementReason, Payment
from belscript.clock import FixedClock
from belscript.dossier import Dossier
from belscript.followup import AfterCall, recap_lines, recap_text
from belscript.agreement.datewords import speak_date
from belscript.money import format_amount, say_amount

NOW = datetime(2026, 11, 23, 10, 21)


def make_dossier() -> Dossier:
    return Dossier.model_validate({
        "customer": {"name": "Bakkerij De Zoete Inval"},
        "contact": {"name": "Marieke Jansen", "email": "marieke@zoeteinval.nl"},
        "caller": {"name": "Pieter de Vries", "company": "De Vries Installatietechniek"},
        "invoices": [{"number": "2026-0142", "amount": "1.250,50", "invoice_date": "2026-10-01",
                      "due_date": "2026-10-31"}],
    })


def test_recap_of_a_full_payment(clock):
    """The recap gives the amount and date in words, our to-dos, the consequence and the e-mail."""
    agreement = Agreement(kind="full_payment", payments=[Payment(amount=Decimal("1250.50"), on=date(2026, 11, 27))])
    after = AfterCall.of(make_dossier(), agreement, contact="Marieke", clock=clock,
                         our_actions=["Een kopie van factuur 2026-0142 per e-mail sturen.",
                                      "De afspraken binnen een half uur per e-mail bevestigen."],
                         if_broken="sturen wij een aanmaning")
    assert recap_lines(after) == [
        "Ik herhaal even wat we hebben afgesproken, zodat u meteen kunt zeggen of het klopt.",
        "U betaalt € 1.250,50 uiterlijk op vrijdag 27 november.",
        "Het gaat om factuur 2026-0142.",
        "Wat wij doen:",
        "- Een kopie van factuur 2026-0142 per e-mail sturen.",
        "Als de betaling niet op tijd binnen is, sturen wij een aanmaning.",
        "Ik bevestig dit vandaag nog per e-mail naar marieke@zoeteinval.nl, binnen een half uur.",
        "Klopt dit zo?",
    ]


def test_the_recap_is_said_to_the_person_without_naming_them(clock):
    """Read aloud to the person on the line, the recap never tacks their name onto a sentence."""
    agreement = Agreement(kind="full_payment", payments=[Payment(amount=Decimal("1250.50"), on=date(2026, 11, 27))])
    for contact in ("Ingrid van Dijk", None):
        text = recap_text(AfterCall.of(make_dossier(), agreement, contact=contact, clock=clock))
        assert "Ingrid" not in text and "Marieke" not in text and "mevrouw" not in text


def test_agreement_if_broken_wins_over_the_script():
    """What was agreed about a broken promise in the call replaces the script's default text."""
    agreement = Agreement(kind="deferral", if_broken="Dan gaat de vordering naar het incassobureau.",
                          payments=[Payment(amount=Decimal("1250.50"), on=date(2026, 12, 4))])
    text = recap_text(AfterCall(dossier=make_dossier(), outcome=agreement, now=NOW, if_broken="Script-tekst."))
    assert "Dan gaat de vordering naar het incassobureau." in text and "Script-tekst" not in text


def test_recap_of_a_callback_says_who_we_call_when():
    """A callback recap names the person and the moment we call back."""
    agreement = Agreement(kind="callback", callback=Callback(person="Henk de Wit", at=datetime(2026, 11, 25, 14, 0)))
    text = recap_text(AfterCall(dossier=make_dossier(), outcome=agreement, now=NOW))
    assert "Ik bel Henk de Wit op woensdag 25 november om 14:00 terug." in text


def test_recap_without_agreement_gives_the_follow_up():
    """Without agreement the recap says so and when we call again; with nobody on the line it is a note."""
    needs_time = NoAgreement(reason=NoAgreementReason.needs_time, follow_up=datetime(2026, 11, 24, 10, 0))
    text = recap_text(AfterCall(dossier=make_dossier(), outcome=needs_time, now=NOW))
    assert "nog geen afspraak" in text and "Ik neem op dinsdag 24 november om 10:00 opnieuw contact met u op." in text
    hung_up = NoAgreement(reason=NoAgreementReason.hung_up, follow_up=datetime(2026, 11, 24, 10, 0))
    lines = recap_lines(AfterCall(dossier=make_dossier(), outcome=hung_up, now=NOW))
    assert lines == ["Geen samenvatting voor de klant: klant heeft opgehangen.",
                     "Volgende poging: dinsdag 24 november om 10:00."]


@given(st.lists(st.tuples(st.decimals(min_value=Decimal("0.01"), max_value=Decimal("99999"), places=2),
                          st.dates(min_value=date(2026, 11, 24), max_value=date(2027, 2, 20))),
                min_size=1, max_size=6, unique_by=(lambda p: p[0], lambda p: p[1])))
def test_every_instalment_is_read_back(payments):
    """However many instalments, each amount is in the recap as it is said, in date order."""
    agreement = Agreement(kind="payment_plan" if len(payments) > 1 else "full_payment",
                          payments=[Payment(amount=a, on=d) for a, d in payments])
    after = AfterCall.of(make_dossier(), agreement, clock=FixedClock(NOW))
    text = recap_text(after)
    positions = [text.index(f"{say_amount(p.amount)} uiterlijk op {speak_date(p.on, today=NOW.date())}")
                 for p in sorted(agreement.payments, key=lambda p: p.on)]
    assert positions == sorted(positions)
    if len(payments) > 1:
        assert f"Samen is dat {say_amount(agreement.total)}." in text


def test_the_read_back_says_amounts_and_dates_as_spoken_while_the_email_keeps_them_exact(clock):
    """The recap says '€ 2.450 uiterlijk op vrijdag 27 november' (a date next year with its year);
    the confirmation e-mail keeps '€ 2.450,00' and the year."""
    from belscript.followup import confirmation

    agreement = Agreement(kind="payment_plan", payments=[Payment(amount=Decimal("2450.00"), on=date(2026, 11, 27)),
                                                         Payment(amount=Decimal("363.00"), on=date(2027, 1, 8))])
    after = AfterCall.of(make_dossier(), agreement, clock=clock)
    text = recap_text(after)
    assert "- € 2.450 uiterlijk op vrijdag 27 november\n" in text + "\n"
    assert "- € 363 uiterlijk op vrijdag 8 januari 2027" in text and "Samen is dat € 2.813." in text
    assert ",00" not in text and "november 2026" not in text
    mail = confirmation(after).text
    assert "€ 2.450,00 uiterlijk op vrijdag 27 november 2026" in mail

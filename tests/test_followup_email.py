"""The confirmation e-mail says what the customer does and when, what we do, what if not, and parses back."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from email import policy
from email.parser import BytesParser
from urllib.parse import parse_qs, unquote, urlsplit

from hypothesis import given
from hypothesis import strategies as st

from belscript.agreement.model import Agreement, Callback, NoAgreement, NoAgreementReason, Payment
from belscript.dossier import Dossier
from belscript.followup import AfterCall, confirmation, mailto_link, note_to_self

NOW = datetime(2026, 11, 23, 10, 21)
IF_BROKEN = ("Staat het bedrag niet op de afgesproken datum op onze rekening, dan nemen wij de eerstvolgende "
             "werkdag contact met u op en sturen wij een aanmaning.")


def make_dossier(*, iban: str | None = "NL91 ABNA 0417 1643 00", contact_email: str | None = "marieke@zoeteinval.nl",
                 two_invoices: bool = False) -> Dossier:
    invoices = [{"number": "2026-0142", "amount": "1.250,50", "invoice_date": "2026-10-01", "due_date": "2026-10-31"}]
    if two_invoices:
        invoices.append({"number": "2026-0157", "amount": "400", "invoice_date": "2026-10-15",
                         "due_date": "2026-11-14"})
    return Dossier.model_validate({
        "customer": {"name": "Bakkerij De Zoete Inval", "email": "administratie@zoeteinval.nl"},
        "contact": {"name": "Marieke Jansen", "email": contact_email},
        "caller": {"name": "Pieter de Vries", "company": "De Vries Installatietechniek",
                   "email": "pieter@devries.nl", "phone": "030-1234567", "iban": iban},
        "invoices": invoices,
    })


def full_payment(**kw) -> AfterCall:
    agreement = Agreement(kind="full_payment", agreed_by="Marieke Jansen",
                          payments=[Payment(amount=Decimal("1250.50"), on=date(2026, 11, 27))])
    return AfterCall(dossier=kw.pop("dossier", make_dossier()), outcome=agreement, now=NOW, if_broken=IF_BROKEN,
                     our_actions=("Een kopie van factuur 2026-0142 per e-mail sturen naar marieke@zoeteinval.nl.",
                                  "De afspraken binnen een half uur per e-mail bevestigen."), **kw)


def parse(raw: bytes):
    return BytesParser(policy=policy.default).parsebytes(raw)


def test_eml_parses_back_with_headers_and_dutch_body():
    """The .eml has To, From and a subject with the invoice number, and a UTF-8 body with amount and date in words."""
    mail = confirmation(full_payment())
    msg = parse(mail.eml())
    assert msg["To"].addresses[0].addr_spec == "marieke@zoeteinval.nl"
    assert msg["From"].addresses[0].addr_spec == "pieter@devries.nl"
    assert msg["From"].addresses[0].display_name == "Pieter de Vries"
    assert msg["Subject"] == "Bevestiging betaalafspraak factuur 2026-0142"
    assert msg.get_content_charset() == "utf-8"
    body = msg.get_content()
    assert "U betaalt € 1.250,50 uiterlijk op vrijdag 27 november 2026." in body
    assert body.replace("\r\n", "\n") == mail.body


def test_body_covers_the_three_things_the_confirmation_must_say():
    """What the customer does and when, what we do, and what happens if the promise is not kept."""
    body = confirmation(full_payment()).body
    assert "Wat u doet:" in body and "vrijdag 27 november 2026" in body
    wij = body.split("Wat wij doen:", 1)[1]
    assert "Een kopie van factuur 2026-0142 per e-mail sturen" in wij
    assert "Wij kijken op maandag 30 november 2026 of de betaling van € 1.250,50 binnen is." in wij
    assert "Als de afspraak niet wordt nagekomen:\n" + IF_BROKEN in body
    assert "binnen een half uur per e-mail bevestigen" not in body, "the e-mail does not promise itself"


def test_body_lists_invoices_amounts_and_the_callers_iban():
    """Every open invoice with its dates and amount is listed, with the total and where to pay."""
    body = confirmation(full_payment(dossier=make_dossier(two_invoices=True))).body
    assert "- Factuur 2026-0142 van donderdag 1 oktober 2026, vervallen op zaterdag 31 oktober 2026: open € 1.250,50" in body
    assert "- Factuur 2026-0157" in body and "Totaal open: € 1.650,50" in body
    assert "NL91 ABNA 0417 1643 00 ten name van De Vries Installatietechniek" in body
    assert "onder vermelding van de factuurnummers (2026-0142, 2026-0157)" in body


def test_without_iban_no_payment_line_and_without_address_the_to_is_left_open():
    """No IBAN in the dossier means no payment line; no e-mail address means the draft has no To."""
    dossier = make_dossier(iban=None, contact_email=None).model_copy()
    dossier = dossier.model_copy(update={"customer": dossier.customer.model_copy(update={"email": None})})
    mail = confirmation(full_payment(dossier=dossier))
    assert "U kunt betalen op rekening" not in mail.body
    assert mail.to is None and parse(mail.eml())["To"] is None
    assert "e-mailadres onbekend" in mail.text


def test_payment_plan_lists_every_instalment():
    """A payment plan shows each instalment with its amount and date, and the total."""
    plan = Agreement(kind="payment_plan", payments=[Payment(amount=Decimal("500"), on=date(2026, 12, 18)),
                                                    Payment(amount=Decimal("750.50"), on=date(2026, 11, 27))])
    body = confirmation(AfterCall(dossier=make_dossier(), outcome=plan, now=NOW)).body
    assert ("U betaalt in 2 termijnen:\n- € 750,50 uiterlijk op vrijdag 27 november 2026\n"
            "- € 500,00 uiterlijk op vrijdag 18 december 2026\nSamen is dat € 1.250,50.") in body


def test_callback_agreement_confirms_the_callback_moment():
    """A callback agreement is confirmed as a 'terugbelafspraak' with the person and moment."""
    cb = Agreement(kind="callback", callback=Callback(person="Henk de Wit", at=datetime(2026, 11, 25, 10, 0)))
    mail = confirmation(AfterCall(dossier=make_dossier(), outcome=cb, now=NOW))
    assert mail.subject == "Bevestiging terugbelafspraak factuur 2026-0142"
    assert "Wij bellen Henk de Wit terug op woensdag 25 november 2026 om 10:00." in mail.body


def test_mailto_link_opens_the_same_email():
    """The mailto: link carries the address, subject and body (CRLF line breaks), all percent-encoded."""
    mail = confirmation(full_payment())
    parts = urlsplit(mail.mailto)
    assert parts.scheme == "mailto" and unquote(parts.path) == "marieke@zoeteinval.nl"
    assert " " not in mail.mailto and "\n" not in mail.mailto
    query = parse_qs(parts.query)
    assert query["subject"] == [mail.subject]
    assert query["body"] == [mail.body.replace("\n", "\r\n")]


@given(st.text(), st.text())
def test_mailto_round_trips_any_text(subject, body):
    """Whatever the subject and body contain (&, ?, =, %, euro signs), the link decodes back to them."""
    parts = urlsplit(mailto_link("a@b.nl", subject, body))
    query = dict(p.split("=", 1) for p in parts.query.split("&"))
    assert unquote(query["subject"], errors="strict") == subject
    normalized = body.replace("\r\n", "\n").replace("\n", "\r\n")
    assert unquote(query["body"], errors="strict") == normalized


def test_no_agreement_with_the_customer_gets_a_short_email_and_a_note_to_self():
    """A disputed claim gets a factual e-mail with the follow-up moment, and a note to self."""
    outcome = NoAgreement(reason=NoAgreementReason.disputes_claim, detail="oven stoort nog",
                          follow_up=datetime(2026, 11, 24, 10, 0))
    after = AfterCall(dossier=make_dossier(), outcome=outcome, now=NOW, contact="Marieke Jansen")
    mail = confirmation(after)
    assert mail.subject == "Ons telefoongesprek over factuur 2026-0142"
    assert "U gaf aan het niet eens te zijn met de vordering." in mail.body
    assert "Ik neem op dinsdag 24 november 2026 om 10:00 opnieuw contact met u op." in mail.body
    note = note_to_self(after)
    assert "geen afspraak (klant betwist de vordering)" in note
    assert "Toelichting: oven stoort nog" in note
    assert "Vervolg: opnieuw bellen op dinsdag 24 november 2026 om 10:00." in note


def test_hung_up_gets_only_a_note_to_self():
    """When the customer hung up there is nobody to confirm anything to: only the note with the follow-up."""
    outcome = NoAgreement(reason=NoAgreementReason.hung_up, follow_up=datetime(2026, 11, 24, 10, 0))
    after = AfterCall(dossier=make_dossier(), outcome=outcome, now=NOW)
    assert confirmation(after) is None
    assert "opnieuw bellen op dinsdag 24 november 2026" in note_to_self(after)


def test_not_reachable_gets_an_email_with_the_next_attempt():
    """Not reached: an e-mail saying we tried, what is open, and when we call again."""
    outcome = NoAgreement(reason=NoAgreementReason.not_reachable, follow_up=datetime(2026, 11, 24, 10, 0))
    mail = confirmation(AfterCall(dossier=make_dossier(), outcome=outcome, now=NOW))
    assert mail.subject == "Openstaande factuur 2026-0142"
    assert "heb ik geprobeerd u telefonisch te bereiken" in mail.body
    assert "Ik bel u opnieuw op dinsdag 24 november 2026 om 10:00. U kunt mij ook zelf bellen op 030-1234567." in mail.body


def test_agreement_has_no_note_to_self():
    """With an agreement the e-mail is the record; no separate note is made."""
    assert note_to_self(full_payment()) is None


def _script_policy(name: str):
    from belscript.script.loader import resolve_script

    return resolve_script(name).script.agreement


def test_a_payment_plan_email_states_the_scripts_conditions_in_its_own_words():
    """The plan's conditions from the script (missed instalment, no extra costs) are in the e-mail, word for word,
    and the e-mail asks for corrections within the script's term, not 'vandaag nog'."""
    policy = _script_policy("eerste-gesprek")
    plan = Agreement(kind="payment_plan", agreed_by="Marieke Jansen",
                     payments=[Payment(amount=Decimal("320.50"), on=date(2026, 11, 30)),
                               Payment(amount=Decimal("465"), on=date(2026, 12, 30)),
                               Payment(amount=Decimal("465"), on=date(2027, 1, 29))])
    after = AfterCall(dossier=make_dossier(), outcome=plan, now=NOW, if_broken=policy.if_broken,
                      conditions=tuple(policy.conditions))
    body = " ".join(confirmation(after).body.split())
    missed = next(c for c in policy.conditions if c.startswith("Wordt een termijn niet op tijd betaald"))
    costs = next(c for c in policy.conditions if "geen rente of extra kosten" in c)
    assert " ".join(missed.split()) in body and " ".join(costs.split()) in body
    assert "Laat het mij dan binnen twee werkdagen weten" in body and "vandaag nog weten" not in body
    deferral_only = next(c for c in policy.conditions if c.startswith("Bij uitstel"))
    assert " ".join(deferral_only.split()) not in body


def test_a_call_broken_off_before_anyone_was_reached_gets_the_tried_to_reach_you_email():
    """Aborted at the opening with no name noted: 'heb ik geprobeerd u te bereiken', not 'Dank u voor ons gesprek'."""
    aborted = NoAgreement(reason=NoAgreementReason.other, detail="gesprek afgebroken: voicemail",
                          follow_up=datetime(2026, 11, 24, 9, 30))
    body = confirmation(AfterCall(dossier=make_dossier(), outcome=aborted, now=NOW)).body
    assert "heb ik geprobeerd u telefonisch te bereiken" in body and "Dank u voor ons telefoongesprek" not in body
    spoken = AfterCall(dossier=make_dossier(), outcome=aborted, now=NOW, contact="Marieke Jansen")
    assert "Dank u voor ons telefoongesprek" in confirmation(spoken).body


def test_the_email_after_a_refusal_states_the_next_step_the_script_announced():
    """After a refusal in the second call, the e-mail repeats the announced reminder and collection agency."""
    from tui_driver import drive, live_model

    model, _journal = live_model(script="tweede-gesprek")

    async def scenario(d):
        await d.enter("")
        for line in ("1", "/naam Ingrid van Dijk", "1", "1", "1", "1", "3",
                     "/geenafspraak weigert Laat het op een incassobureau aankomen.", "1", "/einde"):
            await d.enter(line)
        assert model.phase == "after", d.text()

    drive(model, scenario)
    body = " ".join(model.mode.documents.confirmation.body.split())
    assert "Zoals ik aan de telefoon zei:" in body
    assert "We sturen vandaag nog een aanmaning, die ook geldt als ingebrekestelling." in body
    assert "per e-mail" not in body.split("Zoals ik aan de telefoon zei:")[1].split("Ik neem op")[0]


def test_the_calendar_check_says_what_the_caller_does_when_the_money_is_not_in():
    """The check item in the caller's own calendar says 'Niet binnen? Bel … en stuur een aanmaning'."""
    from belscript.followup.ics import calendar_entries

    check = next(e for e in calendar_entries(full_payment()) if str(e["summary"]).startswith("Controleer"))
    assert "Niet binnen? Bel Marieke Jansen vandaag nog en stuur een aanmaning." in check["description"]
    assert str(check["description"]).index("Niet binnen?") < str(check["description"]).index("Aan de klant")

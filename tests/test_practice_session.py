"""Seeded practice sessions driven through the engine: the transcript and the score a
trainee gets for a good call and for a bad one."""

from __future__ import annotations

import pytest
from test_practice_support import agree_full, lines, session, to_listening


IF_BROKEN = ("afspraak: gevolg: Staat het bedrag niet op de afgesproken datum op onze rekening, dan nemen wij de "
             "eerstvolgende werkdag contact met u op en sturen wij een aanmaning. Blijft de betaling daarna uit, dan "
             "volgen een ingebrekestelling en uitbesteding aan een incassobureau; de incassokosten komen dan voor uw "
             "rekening.")


def good_run():
    """Prepared, purpose stated, an open question, the customer proposes, the excuse handled
    with the script's action, a concrete agreement, a recap and the e-mail announced."""
    s = session("niet-ontvangen", seed=1)
    s.choose(1)
    s.say("Goedemorgen, u spreekt met Eva Jansen van Jansen Webdesign. Ik zou graag Ingrid van Dijk spreken. "
          "Met wie spreek ik?")
    s.set_contact("Ingrid van Dijk")
    s.choose(1)
    s.say("Ik bel u over factuur 2026-0142 van € 2.450,00; in totaal staat er € 2.813,00 open.")
    s.choose(1)
    s.say("Hoe staat het met deze betaling bij u?")
    s.handle_excuse("factuur-niet-ontvangen")
    s.say("Dat is vervelend. Ik stuur u nu meteen een kopie per e-mail.")
    s.say("Wanneer kunt u het bedrag overmaken?")
    s.choose(1)  # copy is in, customer names a date -> agreement
    agree_full(s, "3 december")
    s.choose(1)  # concrete -> recap
    s.say("Even samenvatten: u maakt donderdag 3 december € 2.813,00 over.")
    s.say("Ik stuur u de afspraken vandaag nog per mail.")
    s.say("Dank u wel, en nog een fijne dag.")
    s.choose(1)  # customer confirms -> closing
    return s


def test_good_run_has_the_expected_conversation():
    """The customer answers as the file's contact person, raises the excuse when the invoice
    is named, tells more after the open question, proposes a date when asked, and confirms
    the recap and the e-mail, each time in a sentence not said before."""
    s = good_run()
    assert s.finished
    assert lines(s) == [
        "klant: Goedemorgen, met Ingrid van Dijk.",
        "script: optie 1: Dossier doorgenomen, doel en mogelijkheden bepaald; ik bel nu",
        "u: Goedemorgen, u spreekt met Eva Jansen van Jansen Webdesign. Ik zou graag Ingrid van Dijk spreken. "
        "Met wie spreek ik?",
        "klant: U spreekt met Ingrid van Dijk.",
        "script: naam genoteerd: Ingrid van Dijk",
        "script: optie 1: Juiste persoon aan de lijn, naam genoteerd",
        "u: Ik bel u over factuur 2026-0142 van € 2.450,00; in totaal staat er € 2.813,00 open.",
        "klant: Factuur? Daar weet ik niks van, die hebben wij niet ontvangen.",
        "script: optie 1: Doel genoemd; nu de klant laten vertellen",
        "u: Hoe staat het met deze betaling bij u?",
        "klant: Ik heb net nog in onze mailbox gekeken, maar ik zie echt niets van u.",
        "script: smoes: Factuur niet ontvangen",
        "u: Dat is vervelend. Ik stuur u nu meteen een kopie per e-mail.",
        "klant: Ah, daar komt hij net binnen. Ja, nu zie ik hem.",
        "u: Wanneer kunt u het bedrag overmaken?",
        "klant: Ik kan € 2.813,00 overmaken op donderdag 3 december, als dat goed is.",
        "script: optie 1: Kopie is binnen; klant noemt een betaaldatum",
        "afspraak: soort: volledige betaling",
        "afspraak: bedrag: € 2.813,00 (het hele openstaande bedrag)",
        "afspraak: datum: donderdag 3 december 2026",
        IF_BROKEN,
        "script: optie 1: Afspraak is concreet; samenvatten",
        "u: Even samenvatten: u maakt donderdag 3 december € 2.813,00 over.",
        "klant: Klopt, dat is helder.",
        "u: Ik stuur u de afspraken vandaag nog per mail.",
        "klant: Goed, dan zie ik uw mail tegemoet.",
        "u: Dank u wel, en nog een fijne dag.",
        "klant: Goed, tot ziens.",
        "script: optie 1: Klant bevestigt de afspraken",
        "script: gesprek afgesloten",
    ]


def test_good_run_scores_full_marks():
    """Every check of the rubric passes, each with the moment that decided it."""
    report = good_run().finish()
    assert (report.points, report.total, report.failed_session) == (9, 9, False)
    assert {c.id: c.moment for c in report.checks} == {
        "voorbereid": "factuur of bedrag uit het dossier genoemd, "
                      "beurt 7: “Ik bel u over factuur 2026-0142 van € 2.450,00; in totaal staat er …”",
        "doel": "beurt 7: “Ik bel u over factuur 2026-0142 van € 2.450,00; in totaal staat er …”",
        "open-vragen": "beurt 10: “Hoe staat het met deze betaling bij u?”",
        "eerst-voorstel": "beurt 15: “Wanneer kunt u het bedrag overmaken?”",
        "formulering": "geen waarschuwingen bij wat u zei",
        "smoes": "afgehandeld: Factuur niet ontvangen",
        "afspraak": "concrete afspraak waar de klant ja tegen zei",
        "samenvatting": "beurt 23: “Even samenvatten: u maakt donderdag 3 december € 2.813,00 over.”",
        "bevestiging": "beurt 25: “Ik stuur u de afspraken vandaag nog per mail.”",
    }
    assert report.excuses_practised == ["factuur-niet-ontvangen"]
    text = report.as_text()
    assert "Score: 9 van 9" in text and "Niets: goed gedaan!" in text
    assert "Wat de klant echt kon: het hele bedrag betalen vanaf donderdag 26 november 2026." in text
    assert "Smoesjes in deze oefening: Factuur niet ontvangen" in text


def bad_run():
    """Pressure, a handed-over excuse, a vague question, a date dictated as if agreed, and
    straight to the end: no recap, no confirmation."""
    s = session("niet-ontvangen", seed=1)
    s.choose(1)
    s.set_contact("Ingrid van Dijk")
    s.choose(1)
    s.say("U moet vandaag betalen.")
    s.say("Heeft u de factuur soms niet ontvangen?")
    s.choose(1)
    s.say("Kunt u het binnenkort overmaken?")
    s.say("Dus we spreken af dat u morgen betaalt.")
    s.choose(1)  # as if the customer named a date -> agreement
    agree_full(s, "morgen")
    s.end()
    return s


def test_bad_run_has_the_expected_conversation():
    """'U moet' makes the customer defensive, the suggested excuse is taken, a vague question
    gets a vague answer, and a 'recap' of a date never agreed gets a counter-offer, twice in
    different words."""
    s = bad_run()
    assert lines(s) == [
        "klant: Goedemorgen, met Ingrid van Dijk.",
        "script: optie 1: Dossier doorgenomen, doel en mogelijkheden bepaald; ik bel nu",
        "script: naam genoteerd: Ingrid van Dijk",
        "script: optie 1: Juiste persoon aan de lijn, naam genoteerd",
        "u: U moet vandaag betalen.",
        "klant: Nou, dat vind ik wel erg dwingend.",
        "u: Heeft u de factuur soms niet ontvangen?",
        "klant: Die factuur heb ik nooit gehad. Hier is niks binnengekomen.",
        "script: optie 1: Doel genoemd; nu de klant laten vertellen",
        "u: Kunt u het binnenkort overmaken?",
        "klant: Ergens deze maand, denk ik.",
        "u: Dus we spreken af dat u morgen betaalt.",
        "klant: Dinsdag 24 november lukt niet, maar donderdag 26 november wel.",
        "script: optie 1: Klant belooft te betalen en noemt een datum",
        "afspraak: soort: volledige betaling",
        "afspraak: bedrag: € 2.813,00 (het hele openstaande bedrag)",
        "afspraak: datum: dinsdag 24 november 2026",
        "klant: Dat is te snel voor mij. Op donderdag 26 november kan ik het wel regelen.",
        IF_BROKEN,
        "script: gesprek afgesloten",
    ]
    assert [e.data["rule"] for e in s.call.events if e.kind == "warning"] == ["moeten", "smoes-aanreiken"]


def test_bad_run_scores_nothing_with_the_deciding_moments():
    """Every check fails, each with its moment: the pressure (and the second warning), the
    excuse the trainee handed over, the date demanded before asking, the agreement the
    customer never accepted, and no recap or e-mail."""
    report = bad_run().finish()
    assert report.failed_session is False  # there is an outcome, just a poor one
    assert (report.points, report.total) == (0, 9)
    assert [c.id for c in report.to_improve] == ["afspraak", "formulering", "smoes"]
    assert {c.id: c.moment for c in report.checks} == {
        "voorbereid": "factuurnummer en bedrag niet genoemd",
        "doel": "niet gezegd waarover u belt (welke factuur, welk bedrag)",
        "open-vragen": "geen open vraag gesteld",
        "eerst-voorstel": "zelf een voorstel gedaan vóór u erom vroeg, beurt 5: “U moet vandaag betalen.”",
        "formulering": "‘moet’ in beurt 5: “U moet vandaag betalen.” (en nog 1 andere zin)",
        "smoes": "niet via het script afgehandeld: Factuur niet ontvangen; "
                 "‘Factuur niet ontvangen’ reikte u zelf aan in beurt 7",
        "afspraak": "de afspraak op het scherm is niet wat de klant toezegde",
        "samenvatting": "herhaald vóór er iets was afgesproken, "
                        "beurt 12: “Dus we spreken af dat u morgen betaalt.”; daarna niet meer",
        "bevestiging": "geen bevestiging per e-mail aangekondigd",
    }
    text = report.as_text()
    assert "Score: 0 van 9" in text and "(nog niets)" in text
    # every failed point is shown: the three most important first, then the rest
    assert text.count("✗") == 9
    first, rest = text.split("Ook nog niet gelukt:")
    assert first.count("✗") == 3 and rest.count("✗") == 6
    assert "Zeg liever: ‘Wanneer kunt u het bedrag overmaken?’" in text
    assert "Kies bij ‘Factuur niet ontvangen’ meteen /excuus" in text
    assert "stuur direct een kopie" in text


def test_choosing_the_recap_option_without_saying_it_does_not_count():
    """The customer must hear the recap and the e-mail announcement: only choosing the
    script's 'Klant bevestigt de afspraken' leaves both checks open, with the reason."""
    s = session("vergeten", seed=1)
    to_listening(s)
    s.say("Wanneer kunt u betalen?")
    s.choose(1)
    agree_full(s, "30 november")
    s.choose(1)
    s.choose(1)
    checks = {c.id: c for c in s.finish().checks}
    assert checks["afspraak"].passed and not checks["samenvatting"].passed and not checks["bevestiging"].passed
    assert checks["samenvatting"].moment == "de stap ‘samenvatten’ gekozen, maar de klant hoorde geen samenvatting"
    assert "per e-mail bevestigt" in checks["bevestiging"].moment


def test_copy_by_mail_is_not_the_written_confirmation():
    """Mailing a copy of the invoice early in the call is no announcement of the written
    confirmation of the agreement."""
    s = session("niet-ontvangen", seed=1)
    to_listening(s)
    s.say("Ik stuur u nu meteen een kopie van de factuur per e-mail.")
    assert s.customer_lines()[-1] in ("Goed, stuurt u hem maar. Dan kijk ik er meteen naar.",
                                      "Ah, daar komt hij net binnen. Ja, nu zie ik hem.")
    s.record_no_agreement("needs_time")
    checks = {c.id: c for c in s.finish().checks}
    assert not checks["bevestiging"].passed


def test_ending_without_outcome_fails_the_session():
    """Breaking off without an agreement or a recorded no-agreement fails the session, whatever else went well."""
    s = session("vergeten", seed=3)
    to_listening(s)
    s.say("Hoe staat het met deze betaling bij u?")
    report = s.finish()
    assert report.failed_session and report.points == 0
    assert "Onvoldoende: de oefening is afgebroken" in report.as_text()
    assert s.call.aborted


def test_recorded_no_agreement_is_an_outcome():
    """A recorded no-agreement with a follow-up ends the session without failing it."""
    s = session("boos", seed=2)
    to_listening(s)
    s.record_no_agreement("hung_up")
    s.end()
    report = s.finish()
    assert not report.failed_session
    assert {c.id: c.passed for c in report.checks}["afspraak"] is False


def test_score_is_stored_with_the_session():
    """The finished session carries its score as the last event, so the log keeps it."""
    s = good_run()
    s.finish()
    last = s.call.events[-1]
    assert last.kind == "score" and last.data["points"] == 9 and last.data["persona"] == "niet-ontvangen"
    assert last.data["excuse_labels"] == {"factuur-niet-ontvangen": "Factuur niet ontvangen"}
    s.finish()
    assert sum(e.kind == "score" for e in s.call.events) == 1


def test_same_seed_same_play():
    """The same seed and the same input give the same conversation; another seed may word it differently."""
    assert lines(good_run()) == lines(good_run())
    a = session("uitsteller", seed=5)
    b = session("uitsteller", seed=5)
    for s in (a, b):
        to_listening(s)
        s.say("Wanneer kunt u betalen?")
        s.say("Wat stelt u voor?")
    assert lines(a) == lines(b)
    texts = {tuple(lines(session("uitsteller", seed=n))) for n in range(1, 12)}
    assert len(texts) > 1


def good_run_already_paid(s):
    """The excuse handler's questions, the check reported back, then a date the customer proposes."""
    to_listening(s)
    s.say("Hoe staat het met deze betaling bij u?")
    s.handle_excuse("al-betaald")
    s.say("Dank u, dan zoek ik het meteen voor u na. Op welke datum is het overgemaakt, naar welk "
          "rekeningnummer, en om welk bedrag ging het?")
    s.say("Ik heb net gekeken, maar op onze rekening is vorige week geen betaling binnengekomen.")
    s.say("Wat stelt u voor?")
    s.choose(1)  # not sent yet -> agree a payment date
    agree_full(s, "woensdag")
    return "woensdag 25 november"


def good_run_consults_first(s):
    """The customer stays vague until a callback after the consultation is offered."""
    to_listening(s)
    s.say("Hoe staat het met deze betaling bij u?")
    s.handle_excuse("eerst-overleggen")
    s.say("Dat begrijp ik. Met wie overlegt u, en wanneer spreekt u die persoon?")
    s.say("Wat stelt u voor?")
    s.say("Zal ik u woensdag om 10 uur terugbellen, als u uw compagnon hebt gesproken?")
    s.choose(1)  # callback with name -> agreement
    for field, text in (("soort", "terugbellen"), ("terugbellen", "Ingrid van Dijk, woensdag om 10 uur"),
                        ("gevolg", "standaard")):
        assert s.agree(field, text).ok
    return "woensdag 25 november"


def good_run_disputes_part(s):
    """The disputed part is noted, the customer proposes the undisputed part, the rest gets a
    date after the check."""
    to_listening(s)
    s.say("Hoe staat het met deze betaling bij u?")
    s.handle_excuse("factuur-klopt-niet")
    s.say("Goed dat u het zegt. Wat klopt er volgens u precies niet?")
    s.say("Ik kijk het vandaag na en stuur u zo nodig een gecorrigeerde factuur. "
          "Wat stelt u voor voor het deel waar geen discussie over is?")
    s.choose(1)  # agreement on the undisputed part
    for field, text in (("soort", "deel"), ("deelbetaling", "2.250,40 vrijdag, rest op 9 december"),
                        ("gevolg", "standaard")):
        assert s.agree(field, text).ok
    return "vrijdag 27 november"


@pytest.mark.parametrize(("persona", "run", "label", "kind", "hidden"), [
    ("al-betaald", good_run_already_paid, "Al betaald", "full_payment",
     "de klant dacht dat er al betaald was, maar de betaling was nooit verstuurd; na uw controle kon de klant "
     "het hele bedrag betalen vanaf dinsdag 24 november 2026."),
    ("eerst-overleggen", good_run_consults_first, "Wil eerst overleggen", "callback",
     "het hele bedrag betalen vanaf vrijdag 27 november 2026; zonder overleg met Hans zei de klant niets toe: "
     "terugbellen kon vanaf woensdag 25 november 2026; zelf een voorstel doen deed de klant niet."),
    ("factuur-klopt-niet", good_run_disputes_part, "Factuur klopt niet", "partial_payment",
     "het deel zonder discussie (€ 2.250,40) betalen vanaf donderdag 26 november 2026; het betwiste deel "
     "(€ 562,60) pas na uw controle, vanaf maandag 30 november 2026."),
])
def test_good_run_with_each_new_customer_ends_in_an_agreement(persona, run, label, kind, hidden):
    """A good seeded session with the customer who thinks they paid, the one who consults
    first and the one who disputes part of the invoice ends in a concrete agreement the
    customer said yes to, with the excuse handled as the script says and full marks; the
    report reveals what the customer really could do."""
    for seed in (1, 2, 3):
        s = session(persona, seed=seed)
        day = run(s)
        assert s.call.problems() == []
        s.choose(1)  # concrete -> recap
        recap = s.say(f"Dus we spreken af zoals genoemd, op {day}. Ik bevestig dit binnen een half uur per e-mail.")
        assert recap.reply.kind == "recap_ack", recap.reply
        s.choose(1)
        assert s.finished and s.call.outcome.kind.value == kind
        report = s.finish()
        checks = {c.id: c for c in report.checks}
        assert checks["afspraak"].passed and checks["afspraak"].moment == "concrete afspraak waar de klant ja tegen zei"
        assert checks["smoes"].passed and checks["smoes"].moment == f"afgehandeld: {label}"
        assert (report.points, report.total, report.failed_session) == (9, 9, False)
        assert report.excuses_practised == [persona]
        assert report.hidden == hidden


def test_already_paid_conversation_reads_naturally():
    """The customer brings up the payment, gives its details, insists nothing is owed until
    told the money is not there, then finds the payment was never sent and proposes a day."""
    s = session("al-betaald", seed=1)
    good_run_already_paid(s)
    said = [line for line in lines(s) if line.startswith("klant: ")][2:]
    assert said == [
        "klant: Dat verbaast me, want bij ons staat die factuur als betaald.",
        "klant: Ik heb het hier voor me: vorige week dinsdag, € 2.813,00, naar het rekeningnummer dat op uw "
        "factuur staat, met het factuurnummer erbij.",
        "klant: Volgens ons systeem is € 2.813,00 vorige week dinsdag de deur uit gegaan, naar het rekeningnummer "
        "van uw factuur.",
        "klant: Momentje, ik zoek het betaalbewijs op… Hè, die betaling is nooit verstuurd. Hij wacht nog op "
        "goedkeuring van mijn collega. Excuses, u heeft gelijk.",
        "klant: Ik kan € 2.813,00 overmaken op woensdag 25 november, als dat goed is.",
    ]

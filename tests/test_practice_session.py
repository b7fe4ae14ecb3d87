"""Seeded practice sessions driven through the engine: the transcript and the score a
trainee gets for a good call and for a bad one."""

from __future__ import annotations

from test_practice_support import agree_full, lines, session, to_listening


def good_run():
    s = session("niet-ontvangen", seed=1)
    to_listening(s)
    s.say("Hoe staat het met deze betaling bij u?")
    s.handle_excuse("factuur-niet-ontvangen")
    s.say("Ik stuur u vandaag nog een kopie. Wat stelt u voor: op welke datum kunt u betalen?")
    s.choose(1)  # copy is in, customer names a date -> agreement
    agree_full(s, "3 december")
    s.choose(1)  # concrete -> recap
    s.say("Dus we spreken af dat u donderdag 3 december € 2.813,00 overmaakt. "
          "Ik bevestig dit binnen een half uur per e-mail.")
    s.choose(1)  # customer confirms -> closing
    return s


def test_good_run_has_the_expected_conversation():
    """Prepared, open question, the customer proposes, a concrete agreement, a recap: the
    customer raises the excuse, proposes a date, commits and confirms."""
    s = good_run()
    assert s.finished
    assert lines(s) == [
        "klant: Goedemorgen, met Mark de Wit.",
        "script: optie 1: Dossier doorgenomen, doel en mogelijkheden bepaald; ik bel nu",
        "u: Goedemorgen, u spreekt met Eva Jansen van Jansen Webdesign. Met wie spreek ik?",
        "klant: U spreekt met Mark de Wit.",
        "script: naam genoteerd: Mark de Wit",
        "script: optie 1: Juiste persoon aan de lijn, naam genoteerd",
        "u: Ik bel over factuur 2026-0142 van € 2.450,00; in totaal staat er € 2.813,00 open.",
        "klant: Factuur? Daar weet ik niks van, die hebben wij niet ontvangen.",
        "script: optie 1: Doel genoemd; nu de klant laten vertellen",
        "u: Hoe staat het met deze betaling bij u?",
        "klant: Het is hier de laatste weken behoorlijk druk geweest, eerlijk gezegd.",
        "script: smoes: Factuur niet ontvangen",
        "u: Ik stuur u vandaag nog een kopie. Wat stelt u voor: op welke datum kunt u betalen?",
        "klant: Ik kan € 2.813,00 overmaken op donderdag 3 december 2026, als dat goed is.",
        "script: optie 1: Kopie is binnen; klant noemt een betaaldatum",
        "afspraak: soort: volledige betaling",
        "afspraak: bedrag: € 2.813,00 (het hele openstaande bedrag)",
        "afspraak: datum: donderdag 3 december 2026",
        "afspraak: gevolg: " + s.script.agreement.if_broken.strip(),
        "script: optie 1: Afspraak is concreet; samenvatten",
        "u: Dus we spreken af dat u donderdag 3 december € 2.813,00 overmaakt. "
        "Ik bevestig dit binnen een half uur per e-mail.",
        "klant: Klopt, dat is helder.",
        "script: optie 1: Klant bevestigt de afspraken",
        "script: gesprek afgesloten",
    ]


def test_good_run_scores_full_marks():
    """Every check of the rubric passes, each with the moment that decided it."""
    report = good_run().finish()
    assert (report.points, report.total, report.failed_session) == (9, 9, False)
    moments = {c.id: c.moment for c in report.checks}
    assert moments["open-vragen"] == "beurt 10: “Hoe staat het met deze betaling bij u?”"
    assert moments["eerst-voorstel"].startswith("beurt 13: “Ik stuur u vandaag nog een kopie.")
    assert moments["smoes"] == "afgehandeld: Factuur niet ontvangen"
    assert report.excuses_practised == ["factuur-niet-ontvangen"]
    text = report.as_text()
    assert "Score: 9 van 9" in text and "Niets: goed gedaan!" in text
    assert "Wat de klant echt kon: het hele bedrag betalen vanaf donderdag 26 november 2026." in text


def bad_run():
    s = session("niet-ontvangen", seed=1)
    s.choose(1)
    s.set_contact("Mark de Wit")
    s.choose(1)
    s.say("U moet die factuur echt deze week betalen.")
    s.choose(1)
    s.choose(1)  # customer names a date -> agreement
    agree_full(s, "morgen")
    s.end()      # straight to the end: no recap, no confirmation
    return s


def test_bad_run_makes_the_customer_defensive():
    """'U moet' gets a defensive answer and a recorded warning, and a date before the
    customer can pay gets a counter-offer."""
    s = bad_run()
    said = lines(s)
    assert said[4:6] == ["u: U moet die factuur echt deze week betalen.",
                         "klant: Nou, dat vind ik wel erg dwingend."]
    assert said[10:12] == ["afspraak: datum: dinsdag 24 november 2026",
                           "klant: Dinsdag 24 november 2026 lukt niet, maar donderdag 26 november 2026 wel."]
    assert any(e.kind == "warning" and e.data["rule"] == "moeten" for e in s.call.events)


def test_bad_run_scores_low_with_the_deciding_moments():
    """The report names 'moeten' with the sentence it was in, the missing recap, and the
    own date offered before asking; the agreement the customer never accepted does not count."""
    report = bad_run().finish()
    assert report.failed_session is False  # there is an outcome, just a poor one
    assert report.points == 0 and report.total == 8
    assert [c.id for c in report.to_improve] == ["afspraak", "formulering", "samenvatting"]
    moments = {c.id: c.moment for c in report.checks}
    assert moments["formulering"] == "‘moet’ in beurt 5: “U moet die factuur echt deze week betalen.”"
    assert moments["doel"] == "alleen dwingend genoemd, beurt 5: “U moet die factuur echt deze week betalen.”"
    assert moments["eerst-voorstel"] == ("zelf een voorstel gedaan vóór u erom vroeg, "
                                         "beurt 11: “datum: dinsdag 24 november 2026”")
    assert moments["samenvatting"] == "de afspraken niet herhaald"
    text = report.as_text()
    assert "Score: 0 van 8" in text and "(nog niets)" in text
    assert text.count("✗") == 3  # the three most important things to do differently
    assert "de afspraak op het scherm is niet wat de klant toezegde" in text
    assert "Zeg liever:" in text


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

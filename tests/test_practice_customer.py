"""The hidden behaviour of the simulated customers, as the source texts describe real
debtors: pressure, suggested excuses, invitations, vagueness, concrete dates."""

from __future__ import annotations

import pytest
from test_practice_support import agree_full, session, to_listening

from belscript.practice.library import load_persona, persona_paths


def customer_kinds(s):
    return [e.data["kind"] for e in s.call.events if e.kind == "customer"]


@pytest.mark.parametrize("name", sorted(persona_paths()))
def test_pressure_makes_every_customer_defensive(name):
    """'U moet' gets a defensive answer from every persona, and too much of it ends the call."""
    s = session(name, seed=4)
    to_listening(s)
    reply = s.say("U moet nu gewoon betalen.").reply
    assert reply.kind == "defensive"
    s.say("U moet echt betalen.")
    last = s.say("U moet het vandaag overmaken.").reply
    assert last.kind == "hangup" and "(De klant heeft opgehangen.)" == s.say("Hallo?").reply.text


@pytest.mark.parametrize(("sentence", "excuse"), [
    ("Heeft u de factuur misschien niet ontvangen?", "factuur-niet-ontvangen"),
    ("Was de levering niet naar wens?", "klacht-levering"),
])
def test_suggesting_an_excuse_gets_that_excuse(sentence, excuse):
    """A customer who had no excuse takes the one the trainee hands them."""
    s = session("vergeten", seed=1)
    to_listening(s)
    reply = s.say(sentence).reply
    assert (reply.kind, reply.excuse) == ("excuse", excuse)


def test_open_question_brings_up_the_real_reason():
    """An open question gets more information: the persona's own excuse comes out."""
    s = session("geldzorgen", seed=1)
    s.choose(1)
    reply = s.say("Hoe staat het met de betaling van de factuur bij u?").reply
    assert (reply.kind, reply.excuse) == ("excuse", "geldproblemen")
    assert "financieel" in reply.text or "geld" in reply.text


def test_invitation_gets_a_proposal_within_the_hidden_limits():
    """Asked to propose, the forgetful customer names a date; money-trouble proposes a plan."""
    s = session("vergeten", seed=1)
    to_listening(s)
    reply = s.say("Wat stelt u voor?").reply
    assert reply.kind == "proposal" and "maandag 30 november" in reply.text
    s = session("geldzorgen", seed=1)
    to_listening(s)
    s.say("Hoe staat het met de betaling?")
    reply = s.say("Wat zou voor u werken?").reply
    assert reply.kind == "plan_proposal" and "3 " in reply.text and "maandag 30 november" in reply.text


def test_vague_question_gets_a_vague_answer():
    """'Zo snel mogelijk' is answered just as vaguely."""
    s = session("vergeten", seed=1)
    to_listening(s)
    assert s.say("Kunt u het zo snel mogelijk regelen?").reply.kind == "vague"


def test_procrastinator_stays_vague_before_proposing():
    """The procrastinator answers an invitation vaguely twice, then proposes a date."""
    s = session("uitsteller", seed=1)
    to_listening(s)
    kinds = [s.say("Wat stelt u voor?").reply.kind for _ in range(3)]
    assert kinds == ["vague", "vague", "proposal"]


def test_concrete_date_within_limits_gets_a_commitment():
    """A spoken date from the customer's earliest day on is accepted."""
    s = session("klacht", seed=1)
    to_listening(s)
    reply = s.say("Kunt u het bedrag op maandag 30 november overmaken?").reply
    assert reply.kind == "commit" and "maandag 30 november" in reply.text


def test_date_outside_limits_gets_a_counter_offer():
    """A date before the customer can pay gets a counter-offer with the earliest possible day."""
    s = session("klacht", seed=1)
    to_listening(s)
    reply = s.say("Kunt u het morgen betalen?").reply
    assert reply.kind == "counter" and "maandag 30 november" in reply.text


def test_plan_with_too_large_first_instalment_is_countered():
    """Money trouble accepts a plan only when the first instalment fits what they can pay."""
    s = session("geldzorgen", seed=1)
    to_listening(s)
    s.say("Hoe staat het met de betaling?")
    s.choose(2)  # no date yet -> voorstel
    s.agree("soort", "regeling")
    s.agree("termijnen", "2000 op 30 november, rest op 1 januari")
    assert customer_kinds(s)[-1] == "counter"
    s.agree("termijnen", "3 termijnen vanaf 30 november")
    assert customer_kinds(s)[-1] == "commit"


def test_angry_customer_calms_down_when_heard():
    """The angry customer stays angry until the trainee acknowledges them or asks an open question."""
    s = session("boos", seed=1)
    s.choose(1)
    first = s.say("Ik bel over factuur 2026-0142.").reply
    assert (first.kind, first.excuse) == ("excuse", "boze-klant")
    assert s.say("Ik begrijp dat het vervelend is dat ik u stoor tijdens een drukke dag.").reply.kind == "calmed"
    reply = s.say("Hoe staat het met de betaling?").reply
    assert reply.excuse == "altijd-60-dagen"


def test_wrong_person_accepts_a_callback_when_the_payer_is_back():
    """The colleague cannot promise payment and names the file's contact person as the one
    who pays; asked when she is back, the colleague says so; a callback before that gets a
    counter-offer, one after it is accepted with the time."""
    s = session("verkeerde-persoon", seed=1)
    s.choose(1)
    reply = s.say("Ik bel over factuur 2026-0142 van € 2.450,00.").reply
    assert reply.excuse == "betaler-afwezig" and "Ingrid van Dijk" in reply.text and "overmorgen" in reply.text
    back = s.say("Wanneer is mevrouw Van Dijk weer bereikbaar?").reply
    assert back.kind == "payer_away" and "overmorgen" in back.text
    later = s.say("Kan ik haar morgen terugbellen?").reply
    assert later.kind == "counter" and "woensdag 25 november" in later.text
    reply = s.say("Kan ik haar woensdag om 10 uur terugbellen?").reply
    assert reply.kind == "commit" and reply.text.endswith("woensdag 25 november om 10 uur terugbelt.")


def test_without_a_contact_in_the_file_the_persona_names_are_used():
    """A file without a contact person: the customer answers with the persona's own name, and
    the colleague names the persona's payer."""
    from datetime import datetime

    from belscript.clock import FixedClock
    from belscript.dossier.loader import demo_dossier_path, load_dossier
    from belscript.practice.session import PracticeSession
    from belscript.script.loader import resolve_script

    dossier = load_dossier(demo_dossier_path()).model_copy(update={"contact": None})
    script = resolve_script("eerste-gesprek").script
    afternoon = FixedClock(datetime(2026, 11, 23, 14, 0))
    s = PracticeSession(script, dossier, load_persona(persona_paths()["boos"]), seed=1, clock=afternoon)
    assert s.customer_lines() == ["Koster. Ik heb weinig tijd, wat is er?"]
    s = PracticeSession(script, dossier, load_persona(persona_paths()["verkeerde-persoon"]), seed=1, clock=afternoon)
    assert s.customer_lines()[0].startswith(("Goedemiddag, met Lisa Jansen", "Met Lisa Jansen"))
    s.choose(1)
    assert "Ahmed Yilmaz" in s.say("Ik bel over factuur 2026-0142.").reply.text


def test_good_callback_run_scores_the_agreement():
    """A callback the customer accepted is a real agreement in the score."""
    s = session("verkeerde-persoon", seed=1)
    s.choose(1)
    s.say("Goedemorgen, met Eva Jansen. Met wie spreek ik?")
    s.set_contact("Lisa Jansen")
    s.choose(2)  # the payer is not there -> excuse handler
    s.say("Ik bel over factuur 2026-0142 van € 2.450,00. Wanneer is uw collega er weer?")
    s.choose(1)  # callback -> agreement
    s.agree("soort", "terugbellen")
    s.agree("terugbellen", "Ingrid van Dijk, woensdag om 10 uur")
    s.agree("gevolg", "standaard")
    assert customer_kinds(s)[-1] == "commit"
    s.choose(1)
    s.choose(1)
    report = s.finish()
    verdict = {c.id: c.passed for c in report.checks}
    assert verdict["afspraak"] and verdict["smoes"]


def test_personas_all_load_and_name_known_excuses():
    """Every built-in persona loads and brings only excuses the built-in first-call script
    handles, and together they bring every one of them, so each can be practised."""
    from belscript.practice.history import brings
    from belscript.script.loader import resolve_script

    excuses = set(resolve_script("eerste-gesprek").script.excuses)
    personas = [load_persona(p) for p in persona_paths().values()]
    assert len(personas) >= 10
    for persona in personas:
        assert set(persona.excuses) <= excuses, persona.name
    assert {e for p in personas for e in brings(p)} == excuses


def test_written_agreement_without_customer_consent_is_countered():
    """Writing down a date the customer cannot make gets a counter-offer in the customer pane."""
    s = session("uitsteller", seed=1)
    to_listening(s)
    agree_full(s, "morgen")
    assert customer_kinds(s)[-1] == "counter"


def test_second_call_allows_a_firmer_tone():
    """In the second-call script 'moeten' is only a suggestion, so the customer does not take offence."""
    s = session("vergeten", seed=1, script="tweede-gesprek")
    s.choose(1)
    reply = s.say("U moet de factuur 2026-0142 deze week betalen.").reply
    assert reply.kind != "defensive"
    assert not any(e.kind == "warning" for e in s.call.events)


def test_recap_is_checked_against_what_the_customer_promised():
    """A recap with the promised date is confirmed, a wrong date is corrected, and a recap
    before anything was agreed is answered with 'nothing was agreed yet'."""
    s = session("vergeten", seed=1)
    to_listening(s)
    assert s.say("Dus we spreken af zoals besproken.").reply.kind == "recap_nothing"
    assert s.say("Wanneer kunt u betalen?").reply.kind == "proposal"  # maandag 30 november
    wrong = s.say("Even samenvatten: u betaalt dinsdag 1 december.").reply
    assert wrong.kind == "recap_correct" and "maandag 30 november" in wrong.text
    assert s.say("Even samenvatten: u betaalt maandag 30 november.").reply.kind == "recap_ack"


def test_angry_customer_is_curt_to_a_greeting_and_not_calmed_by_a_reproach():
    """Before the purpose the angry customer is only curt; naming the invoice makes him angry;
    'Waarom heeft u niet betaald?' keeps him angry; acknowledging him calms him, and that
    counts as handling the angry-customer excuse even without choosing it."""
    s = session("boos", seed=1)
    s.choose(1)
    assert s.say("Goedemorgen, u spreekt met Eva Jansen van Jansen Webdesign.").reply.kind == "hello"
    assert s.say("Ik bel over factuur 2026-0142.").reply.excuse == "boze-klant"
    assert s.say("Waarom heeft u nog niet betaald?").reply.kind == "angry"
    assert s.say("Ik begrijp dat het vervelend is dat ik u stoor.").reply.kind == "calmed"
    s.record_no_agreement("needs_time")
    report = s.finish()
    smoes = {c.id: c for c in report.checks}["smoes"]
    assert (smoes.passed, smoes.moment) == (True, "afgehandeld: Boze of geïrriteerde klant")
    assert report.excuses_practised == ["boze-klant"]  # counts in the history too


def test_a_question_asked_again_gets_other_words():
    """Asked the same thing again, the customer does not repeat the sentence just said."""
    s = session("uitsteller", seed=3)
    to_listening(s)
    replies = [s.say("Wanneer kunt u betalen?").reply.text for _ in range(6)]
    assert all(a != b for a, b in zip(replies, replies[1:])), replies


def test_report_reveals_the_same_first_day_as_the_counter_offer():
    """The hidden limit in the report is the working day the customer's counter-offer names,
    never a Saturday."""
    s = session("klacht", seed=1)
    to_listening(s)
    assert "maandag 30 november" in s.say("Kunt u het morgen betalen?").reply.text
    s.record_no_agreement("needs_time")
    assert s.finish().hidden == "het hele bedrag betalen vanaf maandag 30 november 2026."


@pytest.mark.parametrize(("name", "excuse", "words"), [
    ("al-betaald", "al-betaald", "betaald"),
    ("eerst-overleggen", "eerst-overleggen", "Hans"),
    ("factuur-klopt-niet", "factuur-klopt-niet", "€ 562,60"),
])
def test_open_question_brings_up_each_new_customers_excuse(name, excuse, words):
    """Asked an open question, the customer who thinks they paid, the one who consults first
    and the one who disputes part of the invoice each raise their own excuse in their own words."""
    for seed in (1, 2, 3):
        s = session(name, seed=seed)
        s.choose(1)
        reply = s.say("Hoe staat het met de betaling van de factuur bij u?").reply
        assert (reply.kind, reply.excuse) == ("excuse", excuse)
        assert words in reply.text


def test_customer_who_thinks_they_paid_only_commits_after_the_check():
    """'Al betaald': while the customer believes it, a date is refused, also on screen;
    asked, they give the date, amount and account; told the money is not there, they look
    again, find the payment was never sent, and then agree to a date."""
    s = session("al-betaald", seed=1)
    to_listening(s)
    assert s.customer.state.raised == ["al-betaald"]  # naming the invoice is enough
    assert s.say("Wanneer kunt u betalen?").reply.kind == "insists_paid"
    details = s.say("Op welke datum is het overgemaakt, naar welk rekeningnummer, en om welk bedrag ging het?").reply
    assert details.kind == "paid_details"
    assert "vorige week dinsdag" in details.text and "€ 2.813,00" in details.text and "rekeningnummer" in details.text
    agree_full(s, "woensdag")
    assert customer_kinds(s)[-1] == "counter" and "twee keer betalen" in s.customer_lines()[-1]
    found = s.say("Ik heb net gekeken, maar op onze rekening is geen betaling binnengekomen.").reply
    assert found.kind == "found_unpaid" and "u heeft gelijk" in found.text.lower()
    reply = s.say("Kunt u het woensdag overmaken?").reply
    assert reply.kind == "commit" and "woensdag 25 november" in reply.text
    assert s.customer.is_committed_to(s.call.agreement.payments[0].on, 1)


def test_customer_who_thinks_they_paid_gives_the_details_before_looking_again():
    """Told at once that the money is not there, the customer first names their payment;
    only asked again (or asked for the proof) do they look and find it was never sent."""
    s = session("al-betaald", seed=2)
    to_listening(s)
    assert s.say("Ik zie die betaling niet terug op onze rekening.").reply.kind == "paid_details"
    assert s.say("Wilt u het betaalbewijs naar mij mailen?").reply.kind == "found_unpaid"
    assert s.say("Wat stelt u voor?").reply.kind == "proposal"


def test_customer_who_consults_first_is_pinned_down_to_a_moment_after_consulting():
    """'Eerst overleggen': asked to propose, the customer stays vague however often; a
    callback before the consultation gets a later moment, one after it is accepted with the
    time; a payment date before it gets a counter-offer, one after it a promise."""
    s = session("eerst-overleggen", seed=1)
    to_listening(s)
    assert [s.say(q).reply.kind for q in ("Wat stelt u voor?", "Wanneer kunt u betalen?", "Wat zou haalbaar zijn?")] \
        == ["vague", "vague", "vague"]
    early = s.say("Zal ik u morgen om 10 uur terugbellen?").reply
    assert early.kind == "counter" and "woensdag 25 november" in early.text.lower() and "Hans" in early.text
    ok = s.say("Zal ik u woensdag om 10 uur terugbellen?").reply
    assert ok.kind == "commit" and "woensdag 25 november om 10 uur" in ok.text
    s = session("eerst-overleggen", seed=1)
    to_listening(s)
    too_soon = s.say("Kunt u het bedrag donderdag overmaken?").reply
    assert too_soon.kind == "counter" and "vrijdag 27 november" in too_soon.text.lower()
    assert s.say("Kunt u het bedrag vrijdag overmaken?").reply.kind == "commit"


def test_callback_on_screen_before_the_consultation_is_countered():
    """A callback written down before the customer has consulted gets a later moment in the
    customer pane; the moment after it is accepted."""
    s = session("eerst-overleggen", seed=1)
    to_listening(s)
    s.agree("soort", "terugbellen")
    s.agree("terugbellen", "Ingrid van Dijk, dinsdag om 10 uur")
    assert customer_kinds(s)[-1] == "counter"
    s.agree("terugbellen", "Ingrid van Dijk, woensdag om 10 uur")
    assert customer_kinds(s)[-1] == "commit"


def test_customer_who_disputes_part_pays_the_undisputed_part_now():
    """'Factuur klopt niet': invited, the customer proposes the undisputed part; the whole
    amount on screen gets that part as a counter-offer; the rest before the check is
    countered with a week from today, a later date for the rest is accepted."""
    s = session("factuur-klopt-niet", seed=1)
    to_listening(s)
    proposal = s.say("Wat stelt u voor?").reply
    assert proposal.kind == "proposal"
    assert "€ 2.250,40" in proposal.text and "vrijdag 27 november" in proposal.text
    agree_full(s, "vrijdag")
    assert customer_kinds(s)[-1] == "counter" and "€ 2.250,40" in s.customer_lines()[-1]
    assert s.agree("soort", "deel").ok
    assert s.agree("deelbetaling", "2.250,40 vrijdag, rest op 28 november").ok
    assert customer_kinds(s)[-1] == "counter" and "maandag 30 november" in s.customer_lines()[-1]
    assert s.agree("rest", "9 december").ok
    assert customer_kinds(s)[-1] == "commit" and "woensdag 9 december" in s.customer_lines()[-1]
    payments = s.call.agreement.payments
    assert s.customer.is_committed_to(payments[0].on, 2, first_amount=payments[0].amount, rest_on=payments[1].on)


def test_disputing_customer_agrees_to_the_rest_in_words_too():
    """Said instead of typed: a date gets the undisputed part, 'en de rest op …' adds the
    date for the disputed part, and writing down more than promised is countered."""
    s = session("factuur-klopt-niet", seed=3)
    to_listening(s)
    part = s.say("Kunt u het deel dat klopt vrijdag overmaken?").reply
    assert part.kind == "commit" and "€ 2.250,40" in part.text
    rest = s.say("En de rest betaalt u op 9 december, als blijkt dat de uren kloppen?").reply
    assert rest.kind == "commit" and "woensdag 9 december" in rest.text
    s.agree("soort", "deel")
    s.agree("deelbetaling", "2.500 vrijdag, rest op 9 december")
    assert customer_kinds(s)[-1] == "counter"  # more than the undisputed part now


def _not_received_on(dossier_edit=None):
    """The 'not received' customer at the listening step, on the demo file (optionally edited)."""
    from test_practice_support import MONDAY

    from belscript.clock import FixedClock
    from belscript.dossier.loader import demo_dossier_path, load_dossier
    from belscript.practice.session import PracticeSession
    from belscript.script.loader import resolve_script

    dossier = load_dossier(demo_dossier_path())
    if dossier_edit is not None:
        dossier = dossier_edit(dossier)
    s = PracticeSession(resolve_script("eerste-gesprek").script, dossier,
                        load_persona(persona_paths()["niet-ontvangen"]), seed=1, clock=FixedClock(MONDAY))
    to_listening(s)
    s.say("Hoe staat het met deze betaling bij u?")
    assert "factuur-niet-ontvangen" in s.customer.state.raised
    return s


SIGNED = "Op 25 september heeft u bij de oplevering voor ontvangst getekend."


def test_the_not_received_customer_backs_off_when_the_signed_receipt_in_the_file_is_mentioned():
    """The demo file says the invoice was signed for: mentioning that signature makes the customer
    admit it must have come in, and a payment date is then simply agreed."""
    s = _not_received_on()
    reply = s.say(SIGNED).reply
    assert reply.kind == "receipt_admitted" and "getekend" in reply.text.lower()
    assert s.say("Kunt u het bedrag op vrijdag 27 november overmaken?").reply.kind == "commit"


def test_without_a_signature_in_the_file_the_customer_keeps_to_not_received():
    """The same sentence, while the file has no signature for receipt: the customer does not back off."""
    def unsigned(dossier):
        invoices = [inv.model_copy(update={"signed_for_receipt": None}) for inv in dossier.invoices]
        return dossier.model_copy(update={"invoices": invoices})

    s = _not_received_on(unsigned)
    reply = s.say(SIGNED).reply
    from belscript.practice.library import load_reactions

    assert reply.excuse == "factuur-niet-ontvangen" and reply.text in load_reactions()["receipt_doubted"]
    assert not s.customer.state.receipt_settled

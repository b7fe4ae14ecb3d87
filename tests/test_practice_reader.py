"""The practice customer recognises the classic Dutch phrasings of each move, typed the
way people type (capitals, accents, no question mark), without reading moves into
sentences that only look alike."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from belscript.phrasing import check
from belscript.practice.utterance import read_move


def move(text: str):
    return read_move(text, check(text, language="nl"))


@pytest.mark.parametrize("sentence", [
    "Wanneer kunt u betalen?",
    "Wat zou voor u haalbaar zijn?",
    "Hoe gaan we dit oplossen?",
    "Hoe lossen we dit op?",
    "Wat stelt u voor?",
    "Op welke datum kunt u het bedrag overmaken?",
    "Welk bedrag kunt u nu al betalen, en hoe zou u de rest willen verdelen?",
    "Wanneer kan ik de betaling verwachten?",
    "Per wanneer staat het op onze rekening?",
    "Kan de factuur mee in uw eerstvolgende betaalrun, en op welke datum is die?",
    "Wanneer is mevrouw Van Dijk weer bereikbaar?",
    "Doet u eens een voorstel.",
])
def test_invitations_to_propose_are_recognised(sentence):
    """Each common way of letting the customer propose first counts as an invitation, and
    offers no date of the trainee's own."""
    m = move(sentence)
    assert m.invites_proposal and m.date_phrase is None, sentence


@pytest.mark.parametrize("sentence", [
    "Wanneer heeft u de factuur ontvangen?",
    "Wat is er nodig om deze factuur te kunnen betalen?",
    "Hoe staat het met deze betaling bij u?",
    "Kunt u vrijdag betalen?",
    "Ik stuur u de afspraken per mail.",
])
def test_other_questions_are_not_invitations(sentence):
    """Asking about receipt, the reason or a date of one's own is not asking for a proposal."""
    assert not move(sentence).invites_proposal, sentence


@pytest.mark.parametrize(("sentence", "open_question"), [
    ("Hoe staat het met deze betaling bij u?", True),
    ("Ik bel over factuur 2026-0142 van € 2.450,00. Hoe staat het met de betaling?", True),
    ("Goed. En wat is er precies aan de hand", True),
    ("Waarom is de factuur nog niet betaald?", True),
    ("Dat wil ik graag precies weten. Over welk deel van de factuur is geen discussie?", True),
    ("Sinds wanneer speelt dit?", True),
    ("Wat fijn dat u opneemt.", False),
    ("Kunt u vrijdag betalen?", False),
    ("Met wie spreek ik?", False),
])
def test_open_questions_anywhere_in_what_is_said(sentence, open_question):
    """An open question counts wherever it stands in what the trainee says, also typed
    without a question mark; an exclamation or a yes/no question does not."""
    assert move(sentence).open_question is open_question, sentence


@pytest.mark.parametrize("sentence", [
    "Even samenvatten: u maakt donderdag 3 december € 2.813,00 over.",
    "Dus we spreken af dat u vrijdag betaalt.",
    "Ik zet de afspraken nog even op een rij.",
    "Kort samengevat: drie termijnen, de eerste op 30 november.",
])
def test_recaps_are_recognised(sentence):
    """The usual ways of repeating the agreement count as a recap."""
    assert move(sentence).recap, sentence


@pytest.mark.parametrize(("sentence", "confirmation"), [
    ("Ik stuur u de afspraken vandaag nog per mail.", True),
    ("Ik bevestig dit binnen een half uur per e\u2011mail.", True),
    ("U krijgt de afspraken ook schriftelijk.", True),
    ("Ik zet het ook in een mail.", True),
    ("Ik stuur u nu meteen een kopie per e-mail.", False),
    ("Is ingrid.vandijk@example.nl het goede e-mailadres?", False),
])
def test_written_confirmation_is_not_a_copy_of_the_invoice(sentence, confirmation):
    """Announcing the confirmation of the agreement counts; mailing a copy of the invoice
    or checking the address does not."""
    assert move(sentence).confirmation is confirmation, sentence


def test_a_day_for_our_own_mail_is_no_payment_offer():
    """'Ik stuur het vandaag nog per mail' names a day for the trainee's action, not a payment date."""
    assert move("Ik stuur u de afspraken vandaag nog per mail.").date_phrase is None
    assert move("Kunt u het vandaag nog overmaken?").date_phrase == "vandaag"
    assert move("Kunt u vrijdag volgende week betalen?").date_phrase == "vrijdag volgende week"


SENTENCES = [
    "Wanneer kunt u betalen?", "Wat zou voor u haalbaar zijn?", "Hoe gaan we dit oplossen?",
    "Ik stuur u de afspraken vandaag nog per mail.", "Even samenvatten: u betaalt vrijdag.",
    "Hoe staat het met deze betaling bij u?", "Kunt u het zo snel mogelijk regelen?",
    "Kan het in drie termijnen?", "Ik begrijp dat het vervelend is.", "Dank u wel en een fijne dag.",
    "Goedemorgen, u spreekt met Eva Jansen van Jansen Webdesign.", "Met wie spreek ik?",
    "Ik bel over factuur 2026-0142 van € 2.450,00.", "Anders volgt een aanmaning.",
]
ACCENTED = str.maketrans({"e": "é", "a": "á", "u": "ú", "o": "ó"})


@given(sentence=st.sampled_from(SENTENCES),
       form=st.sampled_from(["upper", "lower", "accents", "no-mark", "spaces"]))
def test_the_reader_ignores_capitals_accents_and_punctuation(sentence, form):
    """Capitals, stray accents, a missing final mark or extra spaces do not change what the
    customer hears (the phrasing checker is left out: its findings are its own business)."""
    changed = {
        "upper": sentence.upper(),
        "lower": sentence.lower(),
        "accents": sentence.translate(ACCENTED),
        "no-mark": sentence.rstrip("?.!"),
        "spaces": "  " + sentence.replace(" ", "   ") + " ",
    }[form]
    before, after = read_move(sentence, []), read_move(changed, [])
    fields = ("open_question", "invites_proposal", "vague", "plan", "recap", "confirmation", "copy",
              "next_steps", "purpose", "calming", "asks_name", "introduces", "closes")
    assert {f: getattr(after, f) for f in fields} == {f: getattr(before, f) for f in fields}
    assert (after.date_phrase is None) == (before.date_phrase is None)


@pytest.mark.parametrize(("sentence", "missing"), [
    ("Ik heb net gekeken, maar op onze rekening is geen betaling binnengekomen.", True),
    ("Wij hebben de betaling nog niet ontvangen.", True),
    ("Ik zie die betaling niet terug op onze rekening.", True),
    ("Er is bij ons niets binnengekomen.", True),
    ("Ik vind hem nergens.", True),
    ("Wanneer kunt u de betaling doen?", False),
    ("Ik bel over factuur 2026-0142 van € 2.450,00.", False),
])
def test_saying_the_payment_is_not_there_is_recognised(sentence, missing):
    """Telling a customer who thinks they paid that the money has not come in is
    recognised in its usual phrasings, and not in a question about paying."""
    assert move(sentence).payment_missing is missing, sentence


def test_asking_when_it_was_paid_is_a_question_not_an_invitation():
    """'Op welke datum is het overgemaakt?' asks about the past payment: an open question,
    not an invitation to propose a date; asking for the proof by mail is no confirmation."""
    asked = move("Op welke datum is het overgemaakt, naar welk rekeningnummer, en om welk bedrag ging het?")
    assert asked.open_question and not asked.invites_proposal
    proof = move("Wilt u het betaalbewijs naar mij mailen?")
    assert proof.asks_proof and not proof.confirmation
    assert move("Ik stuur u de afspraken vandaag nog per mail.").confirmation


@pytest.mark.parametrize(("sentence", "day"), [
    ("Zal ik u woensdag om 10 uur terugbellen?", "woensdag"),
    ("Dan bel ik u donderdag om half elf.", "donderdag"),
    ("Kan ik u morgen weer bellen?", "morgen"),
])
def test_a_callback_offer_is_recognised_with_its_day(sentence, day):
    """Offering to call back names a day, and reads as a callback rather than a payment date."""
    m = move(sentence)
    assert m.callback and m.date_phrase == day, sentence


def test_the_rest_of_a_partial_payment_names_its_date():
    """'En de rest op 9 december' offers a date for the rest of the amount."""
    m = move("En de rest op 9 december, als blijkt dat de uren kloppen?")
    assert m.rest and m.date_phrase == "9 december"
    assert not move("Kunt u vrijdag betalen?").rest

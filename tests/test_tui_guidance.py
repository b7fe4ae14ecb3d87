"""What the call screen tells the caller to do about a refusal: short, and with the command to type."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from belscript.agreement.check import problems
from belscript.agreement.model import Agreement, Callback, Payment
from belscript.script.loader import resolve_script
from belscript.script.models import AgreementKind
from belscript.script.vocabulary import CONDITIONS
from belscript.screen import guidance

POLICY = resolve_script(None).script.agreement
TODAY = datetime(2026, 11, 23, 10, 15)
DUE = Decimal("2813.00")


def test_every_condition_a_script_can_use_has_an_instruction_for_the_caller():
    """Each condition of the vocabulary maps to a short Dutch instruction (never 'Voorwaarde: …')."""
    assert set(guidance.CONDITION_STEPS) == set(CONDITIONS)
    assert guidance.CONDITION_STEPS["has_contact_person"] == "noteer eerst de naam met /naam"
    assert not any("Voorwaarde" in text for text in guidance.CONDITION_STEPS.values())


@pytest.mark.parametrize("agreement, command", [
    (Agreement(), "/afspraak soort volledig, deel, regeling, uitstel of terugbellen"),
    (Agreement(), "/naam <naam>"),
    (Agreement(kind=AgreementKind.full_payment, agreed_by="Ingrid"), "/afspraak datum vrijdag"),
    (Agreement(kind=AgreementKind.payment_plan, agreed_by="Ingrid"), "/afspraak termijnen 3 termijnen vanaf 1 december"),
    (Agreement(kind=AgreementKind.partial_payment, agreed_by="Ingrid"), "/afspraak deelbetaling 500 vandaag, rest op 15 december"),
    (Agreement(kind=AgreementKind.partial_payment, agreed_by="Ingrid",
               payments=[Payment(amount=Decimal("800"), on=date(2026, 11, 24))]), "/afspraak rest 15 december"),
    (Agreement(kind=AgreementKind.callback, agreed_by="Ingrid"), "/afspraak terugbellen Petra, dinsdag om 10 uur"),
    (Agreement(kind=AgreementKind.callback, agreed_by="Ingrid",
               callback=Callback(person=" ", at=datetime(2026, 11, 24, 10))), "/afspraak terugbellen <naam>, <dag> om <tijd>"),
])
def test_each_thing_not_yet_agreed_comes_with_the_command_that_supplies_it(agreement, command):
    """'Nog niet afgesproken: …' becomes a few words plus what to type, e.g. 'de betaaldatum: /afspraak datum vrijdag'."""
    items = guidance.missing_all(problems(agreement, policy=POLICY, amount_due=DUE, today=TODAY), POLICY)
    assert command in [m.how for m in items]
    assert not any(m.what.lower().startswith("nog niet") for m in items)


def test_a_mistake_is_shown_as_the_full_sentence():
    """A problem that is not 'not yet agreed' (a past date) keeps its whole sentence, without a command."""
    past = Agreement(kind=AgreementKind.full_payment, agreed_by="Ingrid",
                     payments=[Payment(amount=DUE, on=date(2026, 11, 1))])
    items = guidance.missing_all(problems(past, policy=POLICY, amount_due=DUE, today=TODAY), POLICY)
    assert any("ligt in het verleden" in m.what and m.how is None and not m.short for m in items)


def test_the_short_list_reads_as_dutch():
    """Two or three items are joined with commas and 'en', as a sentence part."""
    items = [guidance.Missing("de soort afspraak"), guidance.Missing("de betaaldatum"), guidance.Missing("de naam")]
    assert guidance.short_list(items[:2]) == "de soort afspraak en de betaaldatum"
    assert guidance.short_list(items) == "de soort afspraak, de betaaldatum en de naam"


@given(st.text(max_size=120))
def test_no_problem_text_is_ever_lost(text):
    """Whatever the agreement layer says, the screen shows it (shortened only when it recognises it)."""
    item = guidance.missing(text, POLICY)
    if not text.strip().lower().startswith(("nog niet afgesproken: ", "nog niet genoteerd: ")):
        assert item.what == text.strip()
    else:
        assert item.what


def test_a_refusal_listing_a_whole_sentence_ends_in_one_full_stop():
    """'Nog nodig: … een volledige betaling of uitstel.' ends in one full stop, not two."""
    from belscript.screen.guidance import Missing, short_list

    sentence = "Een betalingsregeling heeft minstens twee termijnen; één betaling is een volledige betaling of uitstel."
    shown = f"Nog nodig: {short_list([Missing('de naam'), Missing(sentence, short=False)])}."
    assert shown.endswith("of uitstel.") and ".." not in shown

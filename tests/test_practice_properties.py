"""Whatever a trainee types, a practice session ends in a score without crashing."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from belscript.clock import FixedClock
from belscript.dossier.loader import demo_dossier_path, load_dossier
from belscript.practice.library import load_persona, persona_paths
from belscript.script.loader import resolve_script
from belscript.screen import practice

from test_practice_support import MONDAY

SCRIPT = resolve_script(None)
DOSSIER = load_dossier(demo_dossier_path())
PERSONAS = {name: load_persona(path) for name, path in persona_paths().items()}

SENTENCES = [
    "Goedemorgen, met wie spreek ik?", "Ik bel over factuur 2026-0142 van € 2.450,00.", "U moet nu betalen.",
    "Heeft u de factuur niet ontvangen?", "Was de levering niet naar wens?", "Hoe staat het met de betaling?",
    "Wat stelt u voor?", "Kunt u vrijdag betalen?", "Kunt u het morgen overmaken?", "Zo snel mogelijk graag.",
    "Kan het in 3 termijnen?", "Dus we spreken af dat u vrijdag betaalt.", "Ik bevestig het per e-mail.",
    "Ik begrijp dat het vervelend is.", "Anders volgt een aanmaning.", "Kan ik woensdag terugbellen?",
    "Het heeft geen haast hoor.", "Oké.",
]
COMMANDS = [
    "/afspraak soort volledig", "/afspraak bedrag alles", "/afspraak datum vrijdag", "/afspraak datum morgen",
    "/afspraak datum binnenkort", "/afspraak gevolg standaard", "/afspraak termijnen 3 termijnen vanaf 30 november",
    "/afspraak soort regeling", "/afspraak terugbellen Ahmed, woensdag om 10 uur", "/afspraak soort terugbellen",
    "/afspraak naam Mark", "/afspraak", "/naam Mark de Wit", "/naam", "/excuus", "/terug", "/einde",
    "/geenafspraak opgehangen", "/geenafspraak", "/geenafspraak anders", "/samenvatting", "/help", "/pauze",
    "/afbreken", "/onzin",
] + [f"/excuus {e}" for e in SCRIPT.script.excuses] + [f"/excuus {n}" for n in range(1, 4)]

line = st.one_of(
    st.sampled_from(SENTENCES),
    st.sampled_from(COMMANDS),
    st.integers(min_value=0, max_value=12).map(str),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=40),
)


@given(persona=st.sampled_from(sorted(PERSONAS)), seed=st.integers(0, 10_000), lines=st.lists(line, max_size=40))
def test_any_input_ends_in_a_scored_session(persona, seed, lines):
    """Random sentences, option numbers, excuses, agreement entries and end attempts never
    crash the session, and after a final abort (if still running) there is always a score."""
    model = practice.start(SCRIPT, DOSSIER, PERSONAS[persona], seed=seed, clock=FixedClock(MONDAY), journal=None)
    model.submit("")  # begin
    for text in lines:
        if model.phase != "call":
            break
        model.submit(text)
    if model.phase == "call":
        model.abort("einde van de oefening")
    assert model.call.ended and model.mode.report is not None
    report = model.mode.report
    assert 0 <= report.points <= report.total and report.total in (8, 9)
    assert report.failed_session == (model.call.aborted or model.call.outcome is None)
    assert report.as_text().startswith("Oefening met ‘")
    assert [e.kind for e in model.call.events].count("score") == 1


@given(persona=st.sampled_from(sorted(PERSONAS)), seed=st.integers(0, 10_000),
       said=st.lists(st.sampled_from(SENTENCES), max_size=25))
def test_the_customer_never_says_the_same_sentence_twice_in_a_row(persona, seed, said):
    """Whatever the trainee says, two customer lines in a row are never word for word the
    same (after a hang-up only the silence repeats)."""
    from belscript.practice.session import PracticeSession

    s = PracticeSession(SCRIPT.script, DOSSIER, PERSONAS[persona], seed=seed, clock=FixedClock(MONDAY))
    s.choose(1)
    for text in said:
        s.say(text)
    spoken = [line for line in s.customer_lines() if line != "(De klant heeft opgehangen.)"]
    assert all(a != b for a, b in zip(spoken, spoken[1:])), spoken

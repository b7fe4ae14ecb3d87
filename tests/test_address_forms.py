"""One script for customers you call 'u' and customers you call 'je', and calling for someone else.

The customer file says ``aanspreekvorm: je|u`` and, under ``beller``, ``namens:``; a
script line holds both forms of address as ``{u-form|je-form}``.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from belscript.dossier.loader import demo_dossier_path, load_dossier
from belscript.engine.call import Call
from belscript.script.loader import parse_script_text, resolve_script
from belscript.templates import fill, pick_form

BUILT_IN = ["eerste-gesprek", "tweede-gesprek", "servicegesprek"]
#: Words that address the customer politely; none may be left when they are called 'je'.
POLITE = re.compile(r"\b(u|uw|U|Uw)\b")
#: Words that address the customer informally; none may be left when they are called 'u'.
INFORMAL = re.compile(r"\b(je|jij|jou|jouw|Je|Jij)\b")
MARKERS = re.compile(r"[{}|]")


def said_lines(script) -> list[str]:
    """Every line of a script the caller says to the customer (steps, options, excuse handlers);
    the preparation step speaks to the caller, so it is not one of them."""
    lines = []
    steps = [step for step in script.steps.values() if step.role.value != "preparation"]
    for part in [*steps, *script.excuses.values()]:
        lines.append(part.say)
        lines += [opt.say for opt in part.options if opt.say]
    return [line for line in lines if line.strip()]


def test_the_alternatives_pick_one_form():
    """'{Kunt u|Kun je}' says 'Kunt u' to a customer you call u and 'Kun je' to one you call je."""
    assert pick_form("{Kunt u|Kun je} vrijdag?", "u") == "Kunt u vrijdag?"
    assert pick_form("{Kunt u|Kun je} vrijdag?", "je") == "Kun je vrijdag?"
    assert fill("Dag {klant}, {u|je}", {"klant": "A {u|je} B"}, form="je") == "Dag A {u|je} B, je"


names = st.text(alphabet=st.characters(whitelist_categories=("Lu", "Ll"), whitelist_characters=" -'."),
                min_size=2, max_size=30).map(str.strip).filter(lambda s: len(s) > 1 and not POLITE.search(s)
                                                              and not INFORMAL.search(s))


@pytest.mark.parametrize("name", BUILT_IN)
@settings(max_examples=15, deadline=None)
@given(customer=names, contact=names, caller=names, boss=st.one_of(st.none(), names), form=st.sampled_from(["u", "je"]))
def test_every_said_line_of_every_built_in_script_renders_in_both_forms(name, customer, contact, caller, boss, form):
    """Every line to say, for any customer data, in the 'u' and the 'je' form: no leftover {…|…} or
    field markers, and no word of the other form of address."""
    script = resolve_script(name).script
    dossier = load_dossier(demo_dossier_path())
    dossier.customer.name, dossier.contact.name, dossier.caller.name = customer, contact, caller
    dossier.customer.address_form, dossier.caller.on_behalf_of = form, boss
    call = Call(script, dossier, clock=_clock())
    other = POLITE if form == "je" else INFORMAL
    for line in said_lines(script):
        said = call._say(line)
        assert not MARKERS.search(said), (line, said)
        assert not other.search(said), (form, said)
        if boss and "{namens}" in line:
            assert f"ik bel namens {boss}" in said


def _clock():
    from datetime import datetime

    from belscript.clock import FixedClock

    return FixedClock(datetime(2026, 11, 23, 10, 15))


def test_a_colleague_calls_on_the_owners_behalf_and_on_first_name_terms(clock, tmp_path):
    """With 'aanspreekvorm: je' and 'namens: Jan de Vries' the opening introduces the caller for Jan,
    and the purpose says 'je'."""
    path = tmp_path / "klant.yaml"
    text = demo_dossier_path().read_text(encoding="utf-8")
    text = text.replace("  new_customer: true\n", "  new_customer: true\n  aanspreekvorm: je\n")
    text = text.replace("  iban: NL00 TEST 0123 4567 89\n", "  iban: NL00 TEST 0123 4567 89\n  namens: Jan de Vries\n")
    path.write_text(text, encoding="utf-8")
    call = Call(resolve_script("eerste-gesprek").script, load_dossier(path), clock=clock)
    assert call.step.id == "voorbereiding"
    call.choose(1)
    assert call.step.text.startswith("Goedemorgen, met Eva Jansen van Jansen Webdesign, ik bel namens Jan de Vries.")
    call.set_contact("Ingrid")
    call.choose(1)
    assert call.step.text.startswith("Ik bel je over de facturen 2026-0142 en 2026-0157, samen € 2.813.")


def test_a_script_with_three_alternatives_is_refused_with_the_place():
    """'{u|jij|jullie}' is an error at its line and column, with the form to write instead."""
    base = ("belscript: 1\nname: x\nextends: eerste-gesprek\nsteps:\n  luisteren:\n"
            "    say: Hoe gaat het bij {u|jij|jullie}?\n")
    loaded, problems = parse_script_text(base, "x.yaml")
    bad = [p for p in problems if p.code == "bad-alternatives"]
    assert loaded is None and len(bad) == 1 and bad[0].line == 6 and "{u-form|je-form}" in bad[0].message

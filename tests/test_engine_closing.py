"""Ending without an agreement goes by way of the script's own no-agreement step, so the
customer hears what happens next before the call ends."""

from __future__ import annotations

import pytest

from belscript.dossier.loader import demo_dossier_path, load_dossier
from belscript.engine.call import Call
from belscript.engine.closing import no_agreement_step
from belscript.engine.nodes import build_nodes
from belscript.script.loader import resolve_script

BUILT_IN = ["eerste-gesprek", "tweede-gesprek", "servicegesprek"]


def demo_call(name: str, clock) -> Call:
    return Call(resolve_script(name).script, load_dossier(demo_dossier_path()), clock=clock)


def to_listening(call: Call) -> None:
    call.choose(1)
    call.set_contact("Ingrid van Dijk")
    call.choose(1)
    call.choose(1)


@pytest.mark.parametrize("name", BUILT_IN)
def test_each_built_in_script_names_its_no_agreement_step_and_its_voicemail_step(name):
    """A refusal ends by the step that tells the next steps, an unreachable customer by the voicemail."""
    nodes = build_nodes(resolve_script(name).script)
    assert no_agreement_step(nodes, "refuses") == "geen-afspraak"
    assert no_agreement_step(nodes, "disputes_claim") == "geen-afspraak"
    assert no_agreement_step(nodes, "not_reachable") == "niet-bereikt"
    assert no_agreement_step(nodes, "hung_up") is None  # nobody left to tell


def test_no_agreement_from_the_listening_step_shows_the_next_steps_to_say(clock):
    """After 'weigert' at the listening step the call is at 'geen-afspraak', whose lines name the next steps."""
    call = demo_call("eerste-gesprek", clock)
    to_listening(call)
    assert call.state == "luisteren"
    call.close_without_agreement("refuses", "wil niet betalen")
    assert call.state == "geen-afspraak" and not call.ended
    assert "aanmaning" in call.step.text and "ingebrekestelling" in call.step.text
    assert call.no_agreement is not None and call.no_agreement.reason.value == "refuses"


def test_einde_from_the_no_agreement_step_closes_and_announces_the_next_steps(clock):
    """/einde at 'geen-afspraak' ends the call through its closing option, so the next steps count as announced."""
    call = demo_call("tweede-gesprek", clock)
    to_listening(call)
    call.close_without_agreement("refuses")
    call.end()
    assert call.ended and call.history[-2:] == ["geen-afspraak", "afsluiting"]
    done = [e.payload.name for e in call.events if e.kind == "action"]
    assert "announce_next_steps" in done and "schedule_callback" in done


def test_an_unreachable_customer_goes_to_the_voicemail_lines(clock):
    """'onbereikbaar' at the opening moves to the not-reached step, whose lines are the voicemail."""
    call = demo_call("eerste-gesprek", clock)
    call.choose(1)
    call.close_without_agreement("not_reachable")
    assert call.state == "niet-bereikt"


def test_hung_up_leaves_the_call_where_it_is(clock):
    """When the customer hung up nobody hears anything more, so the call stays at its step and can end."""
    call = demo_call("eerste-gesprek", clock)
    to_listening(call)
    call.close_without_agreement("hung_up")
    assert call.state == "luisteren"
    call.end()
    assert call.ended


def test_a_routed_call_replays_to_the_same_state(clock):
    """The move to the no-agreement step is an event, so a resumed call is at that step too."""
    call = demo_call("eerste-gesprek", clock)
    to_listening(call)
    call.close_without_agreement("refuses")
    again = Call.replay(call.script, call.dossier, call.events, clock=clock)
    assert again.snapshot() == call.snapshot() and again.state == "geen-afspraak"

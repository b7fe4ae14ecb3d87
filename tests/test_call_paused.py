"""Starting a new call with a customer whose earlier call was left unfinished says so, with how to resume."""

from __future__ import annotations

import shutil

import pytest

from belscript.cli.cmd_call import paused_calls
from belscript.dossier.loader import demo_dossier_path, load_dossier
from tui_driver import drive, live_model


def _leave_a_call_unfinished():
    model, journal = live_model()

    async def scenario(d):
        await d.enter("")
        await d.enter("/naam Ingrid van Dijk")

    drive(model, scenario)  # the screen closes without ending the call
    return model, journal


def test_a_paused_call_with_the_same_customer_is_mentioned_with_how_to_resume():
    """A new call with Bakkerij Van Dijk names the unfinished call and 'belscript call --resume NR'."""
    model, journal = _leave_a_call_unfinished()
    lines = paused_calls(journal, load_dossier(demo_dossier_path()))
    assert len(lines) == 1
    assert f"gesprek {model.call_id} met Bakkerij Van Dijk" in lines[0]
    assert lines[0].endswith(f"belscript call --resume {model.call_id}")


def test_a_paused_call_with_another_customer_is_not_mentioned():
    """An unfinished call with someone else is not this customer's business."""
    _model, journal = _leave_a_call_unfinished()
    other = load_dossier(demo_dossier_path())
    other.customer.name, other.customer.number = "Slagerij Jansen", "K-0099"
    assert paused_calls(journal, other) == []


def test_an_ended_call_is_not_mentioned():
    """A call that was ended or aborted is not waiting for anything."""
    model, journal = _leave_a_call_unfinished()
    journal.close()
    from belscript.clock import FixedClock
    from belscript.journal import Journal
    from belscript.screen import live
    from tui_driver import MONDAY

    journal = Journal.open(clock=FixedClock(MONDAY))
    resumed = live.resume(journal, model.call_id, clock=FixedClock(MONDAY))
    resumed.call.abort("klant belt zelf terug")
    resumed.mode.flush()
    assert paused_calls(journal, load_dossier(demo_dossier_path())) == []


@pytest.mark.e2e
@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed; the end-to-end tests need it")
def test_in_a_real_terminal_a_new_call_mentions_the_paused_one(tmp_path):
    """In tmux: a call paused with /pauze, then 'belscript call --demo' again shows the notice on screen."""
    from test_e2e_call import Tmux, begin_call

    home = tmp_path / "home"
    tmux = Tmux(home, "call --demo")
    try:
        begin_call(tmux)
        tmux.line("/pauze", "belscript call --resume 1")
    finally:
        tmux.close()
    tmux = Tmux(home, "call --demo")
    try:
        tmux.wait_for("Wat nog ontbreekt in het dossier")
        shown = tmux.wait_for("is onderbroken en nog niet afgesloten")
        assert "gesprek 1 met Bakkerij Van Dijk" in shown
        tmux.wait_for("--resume 1")
    finally:
        tmux.close()

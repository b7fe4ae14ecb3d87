"""The call screen's keys and header in a real terminal (tmux): Esc then "/" and a narrow header."""

from __future__ import annotations

import shutil

import pytest

from test_e2e_call import Tmux

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed; the end-to-end tests need it"),
]


@pytest.fixture
def home(tmp_path):
    return tmp_path / "home"


def test_esc_then_a_quick_slash_command_runs_the_command_not_a_note(home):
    """Esc followed at once by "/samenvatting" opens the recap, instead of saving "samenvatting" as a note."""
    tmux = Tmux(home, "call --demo", size=(80, 24))
    try:
        tmux.wait_for("Wat nog ontbreekt in het dossier")
        tmux.keys("Enter")
        tmux.wait_for("Zeg nu: Opening")
        tmux.run("send-keys", "-t", "t", "Escape", "/samenvatting", "Enter")  # one burst, as a fast typist
        screen = tmux.wait_for("De afspraken om terug te lezen")
        assert "Notitie bewaard" not in screen
        tmux.keys("Escape")
        tmux.run("send-keys", "-t", "t", "Escape", "/naam Ingrid van Dijk", "Enter")
        screen = tmux.wait_for("U spreekt met Ingrid van Dijk.")
        assert "Notitie bewaard" not in screen
    finally:
        tmux.close()


def test_the_header_shows_the_whole_step_title_at_80_by_24(home):
    """At 80x24 the header shows the customer and the whole step title; the golden hour gets shorter instead."""
    tmux = Tmux(home, "call --demo", size=(80, 24))
    try:
        tmux.wait_for("Wat nog ontbreekt in het dossier")
        tmux.keys("Enter")
        tmux.wait_for("Zeg nu: Opening")
        tmux.line("/naam Ingrid van Dijk", wait_for="U spreekt met")
        tmux.line("1", wait_for="Zeg nu: Doel van het gesprek")
        tmux.line("1", wait_for="Zeg nu: Luisteren")
        tmux.line("4", wait_for="Zeg nu: Afronden zonder betaalafspraak")
        tmux.wait_for("beluur tot 11:30")  # the holiday data loads in the background
        header = tmux.screen().splitlines()[0]
        assert "Bakkerij Van Dijk · Afronden zonder betaalafspraak" in header
        assert "⏱ 00:00" in header and "beluur tot 11:30" in header
    finally:
        tmux.close()

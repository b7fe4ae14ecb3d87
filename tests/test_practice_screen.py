"""The practice screen driven without a terminal (pipe input, dummy output): the trainee
types sentences, the customer answers in the customer pane, and the score follows."""

from __future__ import annotations

from tui_driver import drive

from belscript.clock import FixedClock
from belscript.dossier.loader import demo_dossier_path, load_dossier
from belscript.journal import Journal
from belscript.practice.library import load_persona, persona_paths
from belscript.script.loader import resolve_script
from belscript.screen import practice

from test_practice_support import MONDAY


def practice_model(persona: str = "niet-ontvangen", seed: int = 1):
    clock = FixedClock(MONDAY)
    journal = Journal.open(clock=clock)
    model = practice.start(resolve_script(None), load_dossier(demo_dossier_path()),
                           load_persona(persona_paths()[persona]), seed=seed, clock=clock, journal=journal)
    return model, journal


def test_a_whole_practice_session_on_screen():
    """Sentences go to the customer, who answers in the customer pane; 'u moet' is warned about while
    typing; the score appears after the end and the session is logged as practice only."""
    model, journal = practice_model()

    async def scenario(d):
        assert "Oefenen met ‘Factuur nooit ontvangen’" in d.text()
        await d.enter("")  # prepared: the call begins
        assert "Klant: Goedemorgen, met Ingrid van Dijk." in d.text()
        await d.enter("Goedemorgen, met Eva Jansen van Jansen Webdesign. Met wie spreek ik?")
        assert "Klant: U spreekt met Ingrid van Dijk." in d.text()
        await d.enter("/naam Ingrid van Dijk")
        await d.enter("1")
        await d.type("U moet")
        assert "klinkt dwingend" in d.text()  # the warning shows while typing
        await d.enter(" de factuur 2026-0142 van € 2.450,00 betalen.")
        assert model.mode.session.transcript()[-1].kind == "defensive"
        assert "Let op ‘moet’" in d.text()
        await d.enter("1")
        await d.enter("Hoe staat het met deze betaling bij u?")
        await d.enter("/excuus factuur-niet-ontvangen")
        await d.enter("Ik stuur u vandaag een kopie. Wat stelt u voor?")
        assert model.mode.session.transcript()[-1].kind == "proposal"
        assert "donderdag 3 december" in d.text().split("Klant:")[-1]
        await d.enter("1")
        await d.enter("/einde")
        assert "Het gesprek kan nog niet worden afgesloten" in d.text()
        for line in ("/afspraak soort volledig", "/afspraak bedrag alles", "/afspraak datum 3 december",
                     "/afspraak gevolg standaard"):
            await d.enter(line)
        await d.enter("/einde")
        assert model.phase == "after"
        screen = d.text()
        # the invoice was only named in the pressure sentence: no credit for preparation
        assert "Uw score" in screen and "Score: 4 van 9" in screen
        assert "✗ Goed voorbereid — factuur of bedrag alleen dwingend genoemd" in screen
        assert "✗ Geen ontmoedigde formuleringen — ‘moet’ in beurt" in screen
        assert "U: Hoe staat het met deze betaling bij u?" in screen
        assert "belscript practice --script eerste-gesprek --persona niet-ontvangen --seed 1" in screen
        await d.enter("Ik bleef rustig.")
        await d.enter("Geen 'moeten' meer.")
        await d.enter("")

    code = drive(model, scenario, expect_exit=True)
    assert code == 0
    assert journal.calls() == []  # never mixed with real calls
    [session] = journal.calls(practice=True)
    kinds = [e.kind for e in journal.events(session.id)]
    assert kinds.count("customer") >= 5 and "score" in kinds and kinds[-1] == "evaluation"
    assert session.status == "ended"
    journal.close()


def test_ctrl_c_twice_stops_and_scores_the_session():
    """A practice session cannot be paused: Ctrl-C twice stops it, and it is scored as failed."""
    model, journal = practice_model("vergeten", seed=2)

    async def scenario(d):
        await d.enter("")
        await d.enter("Goedemorgen, ik bel over factuur 2026-0142.")
        await d.key("\x03", lambda: d.screen.dialog_open, "the abort question")
        await d.key("\x03", lambda: not d.screen.app.is_running, "the screen to close")

    drive(model, scenario, expect_exit=True)
    assert model.mode.report is not None and model.mode.report.failed_session
    [session] = journal.calls(practice=True)
    assert session.status == "aborted"
    journal.close()


def test_pause_command_is_refused_in_practice():
    """/pauze explains that a practice session is stopped with /afbreken instead."""
    model, journal = practice_model("vergeten", seed=2)

    async def scenario(d):
        await d.enter("")
        await d.enter("/pauze")
        assert "Een oefening kunt u niet pauzeren" in d.text()
        assert d.screen.app.is_running

    drive(model, scenario)
    journal.close()


def test_the_closing_step_is_shown_and_the_goodbye_is_not_the_self_evaluation():
    """Choosing the option that leads to the closing step shows that step; 'Dank u wel, nog
    een prettige dag.' is said to the customer, and only /einde closes the session."""
    model, journal = practice_model("vergeten")

    async def scenario(d):
        await d.enter("")
        await d.enter("Goedemorgen, met Eva Jansen van Jansen Webdesign. Met wie spreek ik?")
        await d.enter("/naam Ingrid van Dijk")
        await d.enter("1")
        await d.enter("Ik bel over factuur 2026-0142 van € 2.450,00.")
        await d.enter("1")
        await d.enter("Wanneer kunt u het bedrag overmaken?")
        await d.enter("1")
        for line in ("/afspraak soort volledig", "/afspraak bedrag alles", "/afspraak datum 30 november",
                     "/afspraak gevolg standaard"):
            await d.enter(line)
        await d.enter("1")
        await d.enter("Dus we spreken af dat u maandag 30 november € 2.813,00 overmaakt.")
        await d.enter("1")  # the customer confirms -> the closing step
        assert model.phase == "call" and model.call.step.is_end
        assert "Dit is de afsluiting van het gesprek" in d.text() and "/einde" in d.text()
        await d.enter("Dank u wel, nog een prettige dag.")
        assert model.phase == "call"
        assert model.mode.session.transcript()[-1].who == "klant"  # the customer says goodbye
        await d.enter("/einde")
        assert model.phase == "after"
        await d.enter("Rustig gebleven.")
        await d.enter("")
        await d.enter("")

    assert drive(model, scenario, expect_exit=True) == 0
    [session] = journal.calls(practice=True)
    evaluation = [e.data for e in journal.events(session.id) if e.kind == "evaluation"]
    assert all("prettige dag" not in str(e) for e in evaluation)


def test_after_the_customer_hangs_up_zeg_nu_says_so_and_einde_closes_the_session():
    """Once the customer hung up, 'Zeg nu' no longer shows the listening question, a hint says to
    type /einde, and /einde closes the session (recorded as 'klant heeft opgehangen')."""
    model, journal = practice_model("boos")

    async def scenario(d):
        await d.enter("")
        await d.enter("/naam Ingrid van Dijk")
        await d.enter("1")
        await d.enter("1")
        await d.shows("Zeg nu: Luisteren")
        await d.enter("U moet nu betalen.")
        await d.enter("U moet dit vandaag nog regelen.")
        assert model.mode.session.transcript()[-1].kind == "hangup"
        rows = await d.shows("Zeg nu: niets meer, de klant heeft opgehangen")
        screen = "\n".join(rows)
        assert "Zeg nu: Luisteren" not in screen and "Hoe staat het met deze betaling" not in screen
        assert "De klant heeft opgehangen. Typ /einde om af te sluiten en te evalueren." in screen
        await d.enter("/einde")
        assert model.phase == "after"
        assert model.call.no_agreement is not None and model.call.no_agreement.reason.value == "hung_up"

    drive(model, scenario)
    journal.close()


def test_the_customer_pane_scrolls_back_with_ctrl_up_and_forward_with_ctrl_down():
    """Ctrl-Up shows what the customer said earlier in the Klant pane, Ctrl-Down comes back, and
    /help lists the keys."""
    model, journal = practice_model("vergeten")
    first = "Klant: Goedemorgen, met Ingrid van Dijk."

    def pane(d) -> list[str]:
        rows = d.rendered()
        top = next(i for i, row in enumerate(rows) if "Klant ──" in row or "| Klant |" in row)
        return rows[top:top + 8]

    async def scenario(d):
        await d.enter("")
        for line in ("Goedemorgen, met Eva Jansen van Jansen Webdesign. Met wie spreek ik?",
                     "Ik bel over factuur 2026-0142 van € 2.450,00.", "Hoe staat het met deze betaling?",
                     "Wat kunt u mij daarover vertellen?"):
            await d.enter(line)
        await d.until(lambda: not any(first in row for row in pane(d)), "the greeting to scroll out of view")
        back = 0
        while not any(first in row for row in pane(d)):
            assert back < 8, pane(d)
            back += 1
            await d.key("\x1b[1;5A", lambda: model.mode.voice_back == back, "Ctrl-Up")
            await d.until(lambda: "↓ nog" in "".join(pane(d)), "the pane to show it is scrolled back")
        assert any("beurten hierna" in row for row in pane(d))
        while back:
            back -= 1
            await d.key("\x1b[1;5B", lambda: model.mode.voice_back == back, "Ctrl-Down")
        await d.until(lambda: not any("↓ nog" in row for row in pane(d)), "the pane back at the latest turn")
        assert not any(first in row for row in pane(d))
        await d.enter("/help")
        await d.shows("Ctrl-↑/Ctrl-↓")

    drive(model, scenario)
    journal.close()

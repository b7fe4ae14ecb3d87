"""Resuming an interrupted call, and reusing the screen with another input handler."""

from __future__ import annotations

import pytest
from prompt_toolkit.output.color_depth import ColorDepth

from belscript.clock import FixedClock
from belscript.dossier.loader import demo_dossier_path, load_dossier
from belscript.journal import Journal
from belscript.script.loader import resolve_script
from belscript.screen import live
from belscript.tui.app import CallScreen, no_color
from belscript.screen.mode import Mode
from belscript.screen.model import CallModel
from tui_driver import MONDAY, drive, live_model


def test_resume_rebuilds_the_call_with_every_note():
    """After the screen was left mid-call, --resume shows the same step, contact and every note."""
    model, journal = live_model()

    async def first(d):
        await d.enter("")
        await d.enter("/naam Ingrid van Dijk")
        await d.enter("eerste notitie")
        await d.enter("1")
        await d.enter("tweede notitie, u moet dit zien")

    drive(model, first)  # the screen is closed without ending, as after a crash
    journal.close()

    journal = Journal.open(clock=FixedClock(MONDAY))
    resumed = live.resume(journal, None, clock=FixedClock(MONDAY))

    async def second(d):
        text = d.text()
        assert "eerste notitie" in text and "tweede notitie, u moet dit zien" in text
        assert "is hervat bij de stap ‘Doel van het gesprek’, met 2 notities" in text
        assert resumed.call.contact == "Ingrid van Dijk"
        await d.enter("derde notitie")

    drive(resumed, second)
    events = journal.events(resumed.call_id)
    notes = [e.data["text"] for e in events if e.kind == "note"]
    assert notes == ["eerste notitie", "tweede notitie, u moet dit zien", "derde notitie"]
    kinds = [e.kind for e in events]
    assert kinds.count("resumed") == 1 and kinds.index("resumed") < len(kinds) - 1  # logged when picked up


def test_resume_on_a_small_terminal_lists_every_note_and_the_timer_goes_on_from_the_interruption():
    """On 80x24 (notes panel behind F2) the resumed call still shows every note; the timer counts from where
    the call stopped, not from the first start hours ago."""
    clock = FixedClock(MONDAY)
    model, journal = live_model(clock)

    async def first(d):
        await d.enter("")
        clock.advance(minutes=2)
        await d.enter("eerste notitie")
        await d.enter("tweede notitie")

    drive(model, first)
    journal.close()
    clock.advance(hours=3)  # resumed three hours later
    journal = Journal.open(clock=clock)
    resumed = live.resume(journal, None, clock=clock)

    async def second(d):
        rows = "\n".join(await d.shows("Notities tot nu toe: eerste notitie · tweede notitie"))
        assert "⏱ 02:00" in rows
        clock.advance(seconds=30)
        d.screen.app.invalidate()
        await d.shows("⏱ 02:30")

    drive(resumed, second, size=(80, 24))


def test_resume_without_an_interrupted_call_says_so():
    """--resume with nothing open is a clear error, not a crash."""
    journal = Journal.open(clock=FixedClock(MONDAY))
    with pytest.raises(live.NothingToResume, match="geen onderbroken gesprek"):
        live.resume(journal, None, clock=FixedClock(MONDAY))


def test_resume_of_a_closed_call_points_to_the_log():
    """--resume NUMBER for a call that already ended says so and where to look it up."""
    model, journal = live_model()

    async def scenario(d):
        await d.enter("")
        await d.enter("/afbreken klant had geen tijd")

    drive(model, scenario)
    with pytest.raises(live.NothingToResume, match=f"Gesprek {model.call_id} is al afgesloten"):
        live.resume(journal, model.call_id, clock=FixedClock(MONDAY))


class _EchoCustomer(Mode):
    """A stand-in for practice mode: typed text is *said* and a customer answers."""

    def __init__(self):
        self.said: list[str] = []
        self.lines = ["Klant: Goedemorgen, met Ingrid."]

    def on_line_said(self, model, text, findings):
        self.said.append(text)
        self.lines.append(f"Klant: U zei ‘{text}’" + (" en dat klinkt dwingend." if findings else "."))

    def customer_voice(self, model):
        return self.lines


def test_another_mode_can_plug_in_a_customer_pane_and_its_own_text_handler():
    """A mode handed to the screen model gets a customer pane and receives typed text instead of notes."""
    echo = _EchoCustomer()
    model = CallModel(resolve_script(None).script, load_dossier(demo_dossier_path()), clock=FixedClock(MONDAY),
                      mode=echo)

    async def scenario(d):
        await d.enter("")
        assert "Klant: Goedemorgen, met Ingrid." in d.text()
        await d.type("u moet betalen")
        assert "klinkt dwingend" in d.text()  # the same live phrasing check
        await d.enter()
        assert "Klant: U zei ‘u moet betalen’ en dat klinkt dwingend." in d.text()

    drive(model, scenario)
    assert echo.said == ["u moet betalen"]
    assert not [e for e in model.call.events if e.kind == "note"]


def test_no_color_gives_a_monochrome_screen_that_still_marks_warnings(monkeypatch):
    """With NO_COLOR the screen uses no colours, but warnings are still underlined and the header reversed."""
    monkeypatch.setenv("NO_COLOR", "1")
    assert no_color()
    model, _journal = live_model()
    screen = CallScreen(model)
    assert screen.app.color_depth == ColorDepth.DEPTH_1_BIT
    attrs = screen.app.style.get_attrs_for_style_str("class:finding")
    assert attrs.underline and attrs.bold and not attrs.color
    assert screen.app.style.get_attrs_for_style_str("class:header").reverse


def test_colour_is_used_when_no_color_is_not_set():
    """Without NO_COLOR warnings are coloured as well as underlined."""
    model, _journal = live_model()
    screen = CallScreen(model, color=True)
    assert screen.app.style.get_attrs_for_style_str("class:finding").color

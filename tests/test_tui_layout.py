"""The call screen on a small terminal, after a resize, and the panels that open over the call."""

from __future__ import annotations

import pytest

from belscript.clock import FixedClock
from belscript.tui.sizes import is_compact
from belscript.screen.commands import REASON_WORDS
from tui_driver import MONDAY, drive, live_model, to_agreement_step


async def _to_listening(d) -> None:
    await d.enter("")
    await d.enter("/naam Ingrid van Dijk")
    await d.enter("1")
    await d.enter("1")


def test_an_80x24_terminal_shows_what_to_say_every_option_the_warning_and_the_input_line():
    """On 80x24 the call is one column: the line to say, all options, the agreement, the warning bar and the input."""
    assert is_compact(24, 80) and not is_compact(40, 120)
    model, _journal = live_model()

    async def scenario(d):
        await _to_listening(d)
        await d.type("u moet nu betalen")
        rows = await d.shows("klinkt dwingend")
        screen = "\n".join(rows)
        assert len(rows) == 24 and max(len(r) for r in rows) <= 80
        assert "── Zeg nu: Luisteren" in screen and "Hoe staat het daarmee bij u?" in screen
        for option in (" 1. Klant belooft te betalen", " 2. Klant erkent de factuur", " 3. Nog onduidelijk",
                       " 4. Klant weigert te betalen"):
            assert option in screen
        assert "Noemt de klant een excuus? Typ /excuus" in screen
        assert "Nog nodig: de soort afspraak en de betaaldatum." in screen
        assert "Beter: Wanneer kunt u het bedrag overmaken?" in screen
        assert rows[-2].startswith("› u moet nu betalen") and "F2: dossier/tips" in rows[-1]

    drive(model, scenario, size=(80, 24))


def test_a_resize_switches_between_the_wide_and_the_compact_layout():
    """Making the window small gives the one-column layout at once; making it large again brings the panels back."""
    model, _journal = live_model()

    async def scenario(d):
        await _to_listening(d)
        await d.shows("┌─", "the bordered panels")
        d.screen.app.output.size = type(d.screen.app.output.size)(rows=24, columns=80)
        d.screen.app.invalidate()
        rows = await d.shows("── Zeg nu: Luisteren", "the compact layout")
        assert max(len(r) for r in rows) <= 80 and " 4. Klant weigert" in "\n".join(rows)
        d.screen.app.output.size = type(d.screen.app.output.size)(rows=40, columns=120)
        d.screen.app.invalidate()
        rows = await d.shows("| Dossier (PageUp/PageDown) |", "the wide layout")
        assert "| Zeg nu: Luisteren |" in "\n".join(rows)

    drive(model, scenario)


def test_a_long_recap_on_a_small_terminal_says_there_is_more_and_pagedown_scrolls():
    """When the line to say does not fit, its last row says so and PageDown shows the rest."""
    model, _journal = live_model()

    async def scenario(d):
        await to_agreement_step(d)
        await d.enter("/afspraak termijnen 3 termijnen vanaf 30 november")
        await d.enter("/einde")
        await d.shows("▼ meer met PageDown")
        for _ in range(8):  # one page of visible rows per PageDown
            if any("Klopt dit zo?" in r for r in d.rendered()):
                break
            before = d.rendered()
            await d.key("\x1b[6~", lambda: d.rendered() != before, "PageDown")
        await d.shows("Klopt dit zo?", "the end of the recap after PageDown")

    drive(model, scenario, size=(80, 24))


def test_an_unavailable_option_says_what_to_do_first():
    """Instead of 'Voorwaarde: …' an option that cannot be taken yet says what to type first."""
    model, _journal = live_model()

    async def scenario(d):
        await d.enter("")
        assert "1. Juiste persoon aan de lijn, naam genoteerd (nog niet: noteer eerst de naam met /naam)" in d.text()
        await d.type("1")
        assert "Optie 1 kan nu nog niet (Juiste persoon aan de lijn, naam genoteerd): noteer eerst de naam met /naam." \
            in d.text()
        assert "Voorwaarde:" not in d.text()
        d.screen.buffer.text = ""
        await d.enter("/naam Ingrid van Dijk")
        await d.enter("1")
        await d.enter("1")
        await d.enter("1")  # -> agreement step
        assert "(nog niet: spreek eerst de soort afspraak en de betaaldatum af)" in d.text()

    drive(model, scenario)


def test_f2_shows_tips_dossier_and_notes_and_esc_closes_it():
    """F2 opens the tips, the customer file and the notes over the call (on a small screen the only place)."""
    model, _journal = live_model()

    async def scenario(d):
        await d.enter("")
        await d.enter("klant klinkt gehaast")
        await d.key("\x1bOQ", lambda: model.overlay == "details", "F2")
        rows = "\n".join(await d.shows("Tips, dossier en notities"))
        assert "Bakkerij Van Dijk (K-0031)" in rows and "klant klinkt gehaast" in d.text()
        await d.key("\x1b", lambda: model.overlay is None, "Esc")

    drive(model, scenario, size=(80, 24))


def test_afspraak_without_a_field_lists_every_field_with_an_example_and_the_limits():
    """/afspraak alone opens the fields with examples and what this script allows; the next line closes it."""
    model, _journal = live_model()

    async def scenario(d):
        await to_agreement_step(d)
        await d.enter("/afspraak")
        text = d.text()
        assert model.overlay == "agreement"
        assert "/afspraak termijnen — Betalingsregeling: ‘3 termijnen vanaf 1 december’" in text
        assert "hoogstens 3 termijnen" in text
        await d.enter("/afspraak datum vrijdag")
        assert model.overlay is None and model.call.agreement.payments

    drive(model, scenario)


@pytest.mark.parametrize("word", sorted(set(REASON_WORDS)))
def test_every_no_agreement_reason_is_recorded_with_a_follow_up_and_the_way_to_close(word):
    """/geenafspraak with each reason records it and names the follow-up moment; unless the customer hung
    up, the call moves to the script's step that tells what happens next, with how to close; /einde ends."""
    model, journal = live_model()

    async def scenario(d):
        await to_agreement_step(d)
        await d.enter(f"/geenafspraak {word} klant belt zelf terug")
        text = d.text()
        assert "Geen afspraak vastgelegd (" in text and "Vervolgmoment: dinsdag 24 november 2026 om 09:30." in text
        if REASON_WORDS[word].value == "hung_up":
            assert model.call.state == "afspraak" and "U kunt nu afsluiten met /einde." in text
        else:
            assert model.call.state in ("geen-afspraak", "niet-bereikt") and "Zeg nu wat er bij ‘" in text
            assert "Sluit af met optie 1 (Uitkomst" in text and ", of typ /einde." in text
        await d.enter("/einde")
        assert model.phase == "after"

    drive(model, scenario)
    assert journal.calls()[0].outcome_kind == "no_agreement"


def test_no_agreement_needs_a_known_reason_and_other_needs_an_explanation():
    """An unknown reason lists the reasons with their meaning; 'anders' without explanation is refused."""
    model, _journal = live_model()

    async def scenario(d):
        await to_agreement_step(d)
        await d.enter("3")  # -> Afronden zonder betaalafspraak
        await d.type("/geenafspraak ")
        assert "Reden: opgehangen, verkeerd (verkeerde persoon)" in d.text()
        await d.enter("boos")
        assert "‘boos’ is geen reden. Typ /geenafspraak met een reden: opgehangen" in d.text()
        await d.type("/geenafspraak anders")
        assert "Bij ‘anders’ hoort een korte toelichting" in d.text()
        await d.enter()
        assert model.call.no_agreement is None
        await d.enter("/geenafspraak weigert")
        assert "Sluit af met optie 1 (Uitkomst met reden en vervolgmoment vastgelegd; afsluiten), of typ /einde." \
            in d.text()

    drive(model, scenario)


def test_the_call_timer_counts_with_the_clock():
    """The header shows the time in the call, counting as the clock moves (BELSCRIPT_NOW keeps it at 00:00)."""
    clock = FixedClock(MONDAY)
    model, _journal = live_model(clock)

    async def scenario(d):
        await d.enter("")
        assert "⏱ 00:00" in d.text()
        clock.advance(minutes=3, seconds=7)
        d.screen.app.invalidate()
        await d.shows("⏱ 03:07")

    drive(model, scenario)


def test_a_slash_command_after_the_call_is_not_saved_as_an_evaluation():
    """Typing /einde again when the call is over explains the question instead of storing '/einde' as an answer."""
    model, journal = live_model()

    async def scenario(d):
        await to_agreement_step(d)
        await d.enter("/afbreken klant moest weg")
        await d.enter("/einde")
        assert "Het gesprek is al afgelopen. Beantwoord de vraag hieronder" in d.text()
        await d.enter("rustig gebleven")
        await d.enter("")

    drive(model, scenario)
    evaluation = [e for e in journal.events(model.call_id) if e.kind == "evaluation"]
    assert evaluation and evaluation[-1].data["went_well"] == "rustig gebleven"


def test_a_resize_in_the_middle_of_a_frame_never_mixes_two_layouts():
    """When the window shrinks while a frame is drawn, the layout and the panel sizes of that
    frame still come from one terminal size (no crash, as once seen in a real terminal)."""
    from prompt_toolkit.data_structures import Size
    from prompt_toolkit.input import create_pipe_input

    from belscript.tui.app import CallScreen
    from tui_driver import SizedOutput

    model, _journal = live_model()
    model.begin()
    output = SizedOutput(columns=120, rows=40)
    with create_pipe_input() as pipe:
        screen = CallScreen(model, input=pipe, output=output)
        screen._freeze_size()                      # a frame starts at 120x40 …
        output.size = Size(rows=30, columns=90)    # … and the terminal shrinks meanwhile
        body = screen._body()
        sizes = screen._sizes()
        assert body is screen._call_layout and "tips" in sizes
        screen._freeze_size()                      # the next frame uses the new size
        assert screen._body() is screen._compact_layout and "tips" not in screen._sizes()

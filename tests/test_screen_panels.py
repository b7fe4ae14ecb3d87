"""The call screen without a terminal: what a line does, what each panel says, and how modes plug in."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from belscript.clock import FixedClock
from belscript.dossier.loader import demo_dossier_path, load_dossier
from belscript.screen import commands, dispatch, panels
from belscript.screen.mode import Mode
from belscript.screen.model import CallModel
from belscript.script.loader import resolve_script

MONDAY = datetime(2026, 11, 23, 10, 15)
SCRIPT = resolve_script(None).script
DOSSIER = load_dossier(demo_dossier_path())


def _text(fragments) -> str:
    return "".join(t for _s, t in fragments)


def _model(mode: Mode | None = None) -> CallModel:
    return CallModel(SCRIPT, DOSSIER, clock=FixedClock(MONDAY), mode=mode)


def _at_step(title: str) -> CallModel:
    model = _model()
    for line in ("", "/naam Ingrid van Dijk", "1", "1", "4"):
        model.submit(line)
        if model.call is not None and model.call.step.title == title:
            return model
    raise AssertionError(f"step {title!r} not reached")


def test_every_command_of_the_help_has_a_handler():
    """Each command /help lists does something: the dispatch table covers them all, and nothing more."""
    assert set(dispatch.HANDLERS) == {c.name for c in commands.COMMANDS}


def test_a_number_takes_an_option_and_the_panels_follow():
    """Typing 1 at the opening without a name is refused with what to type; with a name it moves on."""
    model = _model()
    model.submit("")
    assert "Zeg nu: Opening" == panels.step_title(model)
    assert "nog niet: noteer eerst de naam" in _text(panels.options(model))
    model.submit("1")
    assert "Optie 1 kan nu nog niet" in _text(panels.messages(model))
    model.submit("/naam Ingrid van Dijk")
    model.submit("1")
    assert panels.step_title(model) == "Zeg nu: Doel van het gesprek"
    assert "Gekozen: 1." in _text(panels.messages(model))


def test_a_note_is_saved_and_shown_in_the_notes_panel():
    """Free text during the call is a note, with its time, in the notes panel."""
    model = _model()
    model.submit("")
    assert "Nog geen notities" in _text(panels.notes(model))
    model.submit("klant klinkt gehaast")
    assert "10:15 klant klinkt gehaast" in _text(panels.notes(model))


def test_the_feedback_bar_says_what_a_line_would_do_before_enter():
    """While typing: a warning for pressure, the option a number takes, an agreement as understood."""
    model = _model()
    model.submit("")
    assert "Ctrl-O: negeren" in _text(panels.feedback(model, "u moet nu betalen"))
    assert "Optie 9 bestaat niet" in _text(panels.feedback(model, "9"))
    assert "→" in _text(panels.feedback(model, "/afspraak bedrag 2813"))
    assert "/geenafspraak is geen opdracht" not in _text(panels.feedback(model, "/geenafspraak"))
    assert "Bedoelt u /einde?" in _text(panels.feedback(model, "/eind"))


def test_the_compact_say_panel_keeps_the_reminders_of_the_hidden_tips():
    """On a small terminal the tips panel is hidden, so its reminders appear under the line to say."""
    model = _model()
    model.submit("")
    assert "Let op:" not in _text(panels.say(model, compact=False))
    assert "Let op: Vraag met wie u spreekt" in _text(panels.say(model, compact=True))
    assert "Let op: Vraag met wie u spreekt" in _text(panels.tips(model))


def test_the_footer_names_the_keys_of_the_moment():
    """The key hints differ before, during and after the call, and while the abort question is open."""
    model = _model()
    assert "Enter: beginnen" in _text(panels.footer(model, compact=False))
    model.submit("")
    assert "/naam" in _text(panels.footer(model, compact=False))
    assert "F2: dossier/tips" in _text(panels.footer(model, compact=True))
    assert "Enter: afbreken met deze reden" in _text(panels.footer(model, compact=False, dialog_open=True))
    model.submit("/help")
    assert "Esc: sluiten" in _text(panels.footer(model, compact=False))
    assert panels.overlay_title(model).startswith("Toetsen en opdrachten")
    assert "/samenvatting" in _text(panels.overlay_text(model))


def test_ctrl_c_closes_at_once_where_nothing_can_be_lost():
    """Before the call Ctrl-C cancels; during the call it asks first; after the call it closes."""
    model = _model()
    assert model.interrupt() is False and model.closed_as == "cancelled"
    model = _model()
    model.submit("")
    assert model.interrupt() is True and model.exit_code is None
    model.abort("klant moest weg")
    assert model.interrupt() is False and model.exit_code == 0


@given(width=st.integers(min_value=8, max_value=140), compact=st.booleans())
def test_the_header_title_fits_and_is_never_cut_inside_a_word(width, compact):
    """Whatever the width, the header title fits; when shortened it ends in "…" after a whole word."""
    model = _at_step("Afronden zonder betaalafspraak")
    title = panels.header_title(model, compact=compact, width=width)
    assert len(title) <= width
    full = f" {DOSSIER.customer.name} · Afronden zonder betaalafspraak"
    if title.endswith("…"):
        kept = title[:-1]
        assert full.startswith(kept) or f" belscript ·{full[1:]}".startswith(kept) or len(kept) <= 1
    else:
        assert "Afronden zonder betaalafspraak" in title


def test_at_80_columns_the_header_keeps_the_step_and_shortens_the_golden_hour():
    """At 80 columns the whole step title shows; the golden hour is said shorter to make room."""
    model = _at_step("Afronden zonder betaalafspraak")
    model.golden = "Nu is het een gouden beluur."
    left, right = panels.header_widths(model, compact=True, cols=80)
    assert left + right == 80
    assert panels.header_title(model, compact=True, width=left).strip() == \
        f"{DOSSIER.customer.name} · Afronden zonder betaalafspraak"
    assert "⏱ 00:00" in _text(panels.header_right(model, compact=True, width=right))


class _Quiet(Mode):
    """A mode that refuses /pauze and records what was said instead of noting it."""

    def __init__(self) -> None:
        self.said: list[str] = []

    def commands(self):
        return {"pauze": lambda model, args: model.info("Pauzeren kan hier niet.", "warn")}

    def on_line_said(self, model, text, findings):
        self.said.append(text)

    def customer_voice(self, model):
        return [f"Klant hoorde: {s}" for s in self.said]


def test_a_mode_adds_its_own_command_and_line_handler_without_touching_the_model():
    """A mode's command replaces the screen's own, and free text goes to the mode instead of the notes."""
    mode = _Quiet()
    model = _model(mode)
    model.submit("")
    model.submit("/pauze")
    assert model.exit_code is None and "Pauzeren kan hier niet." in _text(panels.messages(model))
    model.submit("goedemorgen")
    assert mode.said == ["goedemorgen"] and not model.call.facts.notes
    assert "Klant hoorde: goedemorgen" in _text(panels.customer(model))


@pytest.mark.parametrize("phase_lines, expected", [
    ([], "Doel van het gesprek"),
    ([""], "Bakkerij Van Dijk · Opening"),
    (["", "/afbreken klant moest weg"], "Gesprek afgebroken"),
])
def test_the_whole_screen_text_is_made_without_a_terminal(phase_lines, expected):
    """Every panel's text for each phase is built, and prompt_toolkit is never loaded for it."""
    code = (
        "import sys\n"
        "from datetime import datetime\n"
        "from belscript.clock import FixedClock\n"
        "from belscript.dossier.loader import demo_dossier_path, load_dossier\n"
        "from belscript.screen import panels\n"
        "from belscript.screen.model import CallModel\n"
        "from belscript.script.loader import resolve_script\n"
        "model = CallModel(resolve_script(None).script, load_dossier(demo_dossier_path()),"
        " clock=FixedClock(datetime(2026, 11, 23, 10, 15)))\n"
        f"for line in {phase_lines!r}:\n    model.submit(line)\n"
        "print(panels.screen_text(model, compact=True))\n"
        "print('PT-LOADED' if 'prompt_toolkit' in sys.modules else 'PT-ABSENT')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr[-800:]
    assert expected in out.stdout
    assert out.stdout.strip().splitlines()[-1] == "PT-ABSENT"

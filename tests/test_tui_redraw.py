"""The call screen redraws only what changed, and never leaves old text on the terminal."""

from __future__ import annotations

import asyncio
import io
from datetime import datetime

from hypothesis import given, settings
from hypothesis import strategies as st
from prompt_toolkit.application.current import set_app
from prompt_toolkit.data_structures import Size
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.key_binding.key_processor import KeyPress
from prompt_toolkit.keys import Keys
from prompt_toolkit.output.vt100 import Vt100_Output
from prompt_toolkit.utils import Event

from belscript.clock import FixedClock
from belscript.dossier.loader import demo_dossier_path, load_dossier
from belscript.screen.model import CallModel
from belscript.script.loader import resolve_script
from belscript.tui import render
from belscript.tui.app import CallScreen
from belscript.tui.warmup import WarmUp

MONDAY = datetime(2026, 11, 23, 10, 15)
SCRIPT = resolve_script(None).script
DOSSIER = load_dossier(demo_dossier_path())
#: Lines entered, and keys typed without Enter, in turn: steps, an agreement field, a warning.
SCENARIO = [("enter", ""), ("enter", "/naam Ingrid van Dijk"), ("enter", "1"), ("type", "u moet"),
            ("enter", " nu betalen"), ("enter", "1"), ("enter", "1"), ("type", "/afspraak datum vr"),
            ("enter", "ijdag"), ("enter", "/afspraak bedrag 500")]


def _model() -> CallModel:
    return CallModel(SCRIPT, DOSSIER, clock=FixedClock(MONDAY))


def _rows(screen: CallScreen, size: Size) -> list[str]:
    last = screen.app.renderer._last_screen
    return ["".join(last.data_buffer[y][x].char for x in range(size.columns)).rstrip() for y in range(size.rows)]


def _play(model: CallModel, size: Size, on_frame) -> str:
    """Play :data:`SCENARIO` key by key, drawing after every key; returns what the terminal received."""
    sink = io.StringIO()
    output = Vt100_Output(sink, lambda: size, term="xterm-256color")

    async def run() -> None:
        with create_pipe_input() as pipe:
            screen = CallScreen(model, input=pipe, output=output, color=True)
            screen._warmed = True  # no background loading: every run draws the same frames
            app = screen.app
            with set_app(app):
                app.renderer.render(app, app.layout)
                for kind, text in SCENARIO:
                    for ch in text + ("\r" if kind == "enter" else ""):
                        key = Keys.ControlM if ch == "\r" else ch
                        app.key_processor.feed(KeyPress(key, ch))
                        app.key_processor.process_keys()
                        app.render_counter += 1  # as the application's own redraw does
                        app.renderer.render(app, app.layout)
                        on_frame(screen)

    asyncio.run(run())
    return sink.getvalue()


def _fresh_rows(model: CallModel, size: Size, typed: str) -> list[str]:
    """The same model drawn by a new screen, which has nothing cached (called while the first one runs)."""
    output = Vt100_Output(io.StringIO(), lambda: size, term="xterm-256color")
    with create_pipe_input() as pipe:
        screen = CallScreen(model, input=pipe, output=output, color=True)
        screen._warmed = True
        screen.buffer.text = typed
        with set_app(screen.app):
            screen.app.renderer.render(screen.app, screen.app.layout)
        model.listeners.remove(screen.app.invalidate)
        return _rows(screen, size)


def test_every_panel_shows_the_new_step_and_agreement_as_a_fresh_screen_would():
    """After each key (a step taken, a date agreed, a warning) the screen equals one drawn from scratch: no stale panel."""
    size = Size(rows=40, columns=120)
    model = _model()
    checked: list[str] = []

    def compare(screen: CallScreen) -> None:
        if screen.buffer.text and len(checked) % 7:  # every Enter, and every seventh key typed
            checked.append("")
            return
        drawn = _rows(screen, size)
        assert drawn == _fresh_rows(model, size, screen.buffer.text), "\n".join(drawn)
        checked.append("\n".join(drawn))

    _play(model, size, compare)
    screens = [s for s in checked if s]
    assert any("| Zeg nu: Luisteren |" in s for s in screens)
    assert "vrijdag 27 november" in screens[-1] and "500" in screens[-1]


def test_the_terminal_receives_the_same_bytes_as_with_a_full_comparison(monkeypatch):
    """Skipping unchanged rows writes exactly what prompt_toolkit's own cell-by-cell comparison writes."""
    from prompt_toolkit import renderer

    for size in (Size(rows=40, columns=120), Size(rows=24, columns=80)):
        render.install()
        quick = _play(_model(), size, lambda _s: None)
        with monkeypatch.context() as patched:
            patched.setattr(renderer, "_output_screen_diff", renderer._output_screen_diff.original)
            patched.setattr(render, "install", lambda: None)  # the screen would wrap it again
            full = _play(_model(), size, lambda _s: None)
        assert "Ctrl-O: negeren" in full and quick == full


def test_the_terminal_receives_the_same_bytes_as_from_prompt_toolkits_own_drawing(monkeypatch):
    """Reused panels, the feedback bar drawn straight into the screen and one-pass styling show exactly
    what prompt_toolkit's own window drawing and comparison show, colours included."""
    from prompt_toolkit import renderer
    from prompt_toolkit.layout.containers import Window

    from belscript.tui import cells, paint

    direct: list[int] = []
    copy_plain = paint.copy_plain
    monkeypatch.setattr(cells, "copy_plain", lambda *a: (drawn := copy_plain(*a)) and not direct.append(1) and drawn)
    sizes = (Size(rows=40, columns=120), Size(rows=24, columns=80))
    render.install()
    quick = [_play(_model(), size, lambda _s: None) for size in sizes]
    assert len(direct) > 20  # the feedback bar, the header and the key hints took the direct path
    with monkeypatch.context() as stock:
        stock.setattr(cells.ReusedWindow, "write_to_screen", Window.write_to_screen)
        stock.setattr(cells.ReusedArea, "write_to_screen", lambda self, *a: self.content.write_to_screen(*a))
        stock.setattr(paint.StyledWindow, "_apply_style", Window._apply_style)
        stock.setattr(renderer, "_output_screen_diff", renderer._output_screen_diff.original)
        stock.setattr(render, "install", lambda: None)
        full = [_play(_model(), size, lambda _s: None) for size in sizes]
    assert all("Ctrl-O: negeren" in f for f in full) and quick == full


@settings(max_examples=60, deadline=None)
@given(cells_=st.dictionaries(st.integers(0, 11), st.tuples(st.sampled_from(" ab€"), st.sampled_from(
    ["", "class:finding", "[transparent]", "bold fg:ansired"])), max_size=12),
       height=st.integers(1, 3), style=st.sampled_from(["", " ", "class:feedback", " class:input"]))
def test_one_pass_styling_gives_every_cell_the_style_of_prompt_toolkits_two_passes(cells_, height, style):
    """A window's style and the last-line class end up on each cell exactly as prompt_toolkit puts them."""
    from prompt_toolkit.layout.screen import Screen, WritePosition, _CHAR_CACHE

    from belscript.tui.paint import apply_style

    screens = [Screen(), Screen()]
    for screen in screens:
        for y in range(height):
            for x, (char, cell_style) in cells_.items():
                screen.data_buffer[y][x] = _CHAR_CACHE[char, cell_style]
    where = WritePosition(xpos=1, ypos=0, width=10, height=height)
    screens[0].fill_area(where, style=style, after=False)
    screens[0].fill_area(WritePosition(1, height - 1, 10, 1), "class:last-line", after=True)
    apply_style(screens[1].data_buffer, where, style)
    for y in range(height):
        assert {x: (c.char, c.style) for x, c in screens[0].data_buffer[y].items()} == \
            {x: (c.char, c.style) for x, c in screens[1].data_buffer[y].items()}


class _Keys:
    def __init__(self) -> None:
        self.before_key_press = Event(self)


def test_large_loading_waits_while_the_caller_types_and_the_small_first_step_does_not():
    """The first step loads at once; a larger one only after the caller has not typed for a moment."""
    now = [100.0]
    keys = _Keys()
    warm = WarmUp(keys, [], idle=0.3, clock=lambda: now[0])
    assert abs(warm.quiet_for() - 0.3) < 1e-9  # the first frame just appeared
    now[0] += 0.5
    assert warm.quiet_for() < 0
    keys.before_key_press.fire()
    assert abs(warm.quiet_for() - 0.3) < 1e-9
    ran: list[str] = []
    order = WarmUp(_Keys(), [lambda: ran.append("call"), lambda: ran.append("golden"), lambda: ran.append("dates")],
                   idle=0.0)
    asyncio.run(order.run())
    assert ran == ["call", "golden", "dates"]


def test_a_full_garbage_collection_waits_for_a_pause_in_typing_and_python_gets_its_own_back_after():
    """While the screen runs, no full collection falls on a keystroke; it runs once the caller pauses."""
    import gc

    from belscript.tui.collect import PauseCollector

    now = [50.0]
    keys = _Keys()
    collected: list[float] = []
    before = gc.get_threshold()
    collector = PauseCollector(keys, pause=1.0, max_keys=5, clock=lambda: now[0],
                               collect=lambda: collected.append(now[0]))
    collector.start()
    try:
        assert gc.get_threshold()[:2] == before[:2] and gc.get_threshold()[2] > 100_000
        assert not collector.after_redraw()  # nothing typed yet: nothing to collect
        for _ in range(3):
            keys.before_key_press.fire()
            now[0] += 0.2
            assert not collector.after_redraw()  # still typing
        now[0] += 1.0
        assert collector.after_redraw() and collected == [now[0]]
        assert not collector.after_redraw()  # once per pause
        for _ in range(5):  # typing without any pause: collected after max_keys anyway
            keys.before_key_press.fire()
        assert collector.after_redraw() and len(collected) == 2
    finally:
        collector.stop()
    assert gc.get_threshold() == before

"""The full-screen call screen (prompt_toolkit): preparation, the call, the evaluation.

Only terminal code lives here and in its parts: :mod:`belscript.tui.layout` (which
panel goes where, how big: :mod:`belscript.tui.sizes`), :mod:`belscript.tui.keys` (key
bindings). What the screen does and shows is the model's
(:mod:`belscript.screen`): the text of every panel comes from
:mod:`belscript.screen.panels`, Enter hands the line to the model, Ctrl-C asks it
whether to open the abort question, and the model says when to close.
"""

from __future__ import annotations

import asyncio
import os
from typing import Any

from prompt_toolkit.application import Application
from prompt_toolkit.buffer import Buffer
from prompt_toolkit.history import InMemoryHistory
from prompt_toolkit.layout import Layout
from prompt_toolkit.layout.controls import BufferControl
from prompt_toolkit.layout.processors import BeforeInput
from prompt_toolkit.output.color_depth import ColorDepth
from prompt_toolkit.widgets import TextArea

from belscript.screen import panels
from belscript.screen.model import CallModel
from belscript.tui.keys import ScreenKeys
from belscript.tui.layout import ScreenLayout
from belscript.tui import bindings, render
from belscript.tui.collect import PauseCollector
from belscript.tui.lexer import PhrasingLexer
from belscript.tui.paint import StyledWindow
from belscript.tui.sizes import COMPACT_COLS, COMPACT_ROWS, is_compact
from belscript.tui.style import build_style
from belscript.tui.warmup import WarmUp

__all__ = ["COMPACT_COLS", "COMPACT_ROWS", "CallScreen", "is_compact", "no_color", "run_screen"]


def no_color(environ: dict[str, str] | None = None) -> bool:
    """``NO_COLOR`` set to anything non-empty switches colours off (https://no-color.org)."""
    env = os.environ if environ is None else environ
    return bool(env.get("NO_COLOR", ""))


def _freeze_garbage() -> None:
    """Move everything loaded so far out of the garbage collector's way.

    Imports and the language data of the date libraries create hundreds of thousands of
    long-lived objects; without this, a full collection every few hundred keystrokes
    scans them all and a keystroke takes tens of milliseconds instead of one or two.
    """
    import gc

    gc.freeze()
    gc.enable()  # `belscript call` switches collection off while it loads (see cmd_call)


class CallScreen(ScreenKeys, ScreenLayout):
    """The prompt_toolkit application around one :class:`CallModel`."""

    def __init__(self, model: CallModel, *, input: Any = None, output: Any = None, color: bool | None = None) -> None:
        render.install()
        self.model = model
        self.color = (not no_color()) if color is None else color
        self._init_layout()
        self.dialog_open = False
        self.dialog_problem = ""
        self.submitted = 0
        self._warmed = False

        self.buffer = Buffer(multiline=False, history=InMemoryHistory(), accept_handler=self._accept,
                             name="input", on_text_changed=lambda buf: model.draft_changed(buf.text))
        self.input_window = StyledWindow(  # styled in one pass: it is redrawn on every key
            BufferControl(self.buffer, lexer=PhrasingLexer(model),
                          input_processors=[BeforeInput(lambda: model.prompt, style="class:prompt")]),
            height=1, style="class:input",
        )
        self.reason = TextArea(multiline=False, prompt="Reden: ", accept_handler=self._abort_accept)
        self.app = Application(
            layout=Layout(self._root(), focused_element=self.input_window),
            key_bindings=self._bindings(),
            style=build_style(self.color),
            color_depth=None if self.color else ColorDepth.DEPTH_1_BIT,
            full_screen=True,
            mouse_support=False,
            refresh_interval=1.0,
            input=input,
            output=output,
            after_render=self._after_render,
            before_render=self._freeze_size,
        )
        bindings.install(self.app, self._body)
        self.collector = PauseCollector(self.app.key_processor)
        model.listeners.append(self.app.invalidate)

    # ------------------------------------------------------------------ running

    #: After this many unexpected errors while drawing, the screen closes (the call stays
    #: saved and can be resumed) instead of retrying for ever.
    MAX_SCREEN_ERRORS = 3

    def run(self) -> int:
        """Run until the model says to close; returns the exit code."""
        try:
            result = self.app.run(set_exception_handler=False, pre_run=self._catch_screen_errors)
        finally:
            self.collector.stop()
        return int(result or 0)

    async def run_async(self) -> int:
        try:
            result = await self.app.run_async(set_exception_handler=False, pre_run=self._catch_screen_errors)
        finally:
            self.collector.stop()
        return int(result or 0)

    def _catch_screen_errors(self) -> None:
        """Never show a traceback in the middle of a call.

        prompt_toolkit's own handler prints the error over the screen and waits for Enter.
        Every fact is already in the call log, so a drawing error is reported in the
        messages pane instead; if it keeps happening the screen closes and the closing
        lines say how to resume.
        """
        self._screen_errors = 0
        loop = asyncio.get_running_loop()
        loop.set_exception_handler(self._on_screen_error)
        _close_on_signals(loop, self.app)

    def _on_screen_error(self, loop: Any, context: dict) -> None:
        self._screen_errors += 1
        exc = context.get("exception")
        what = f" ({type(exc).__name__})" if exc is not None else ""
        if self._screen_errors >= self.MAX_SCREEN_ERRORS:
            if self.app.is_running and not self.app.future.done():
                self.app.exit(result=1)
            return
        self.model.info(f"Er ging iets mis bij het tekenen van het scherm{what}; uw gesprek is bewaard.", "error")
        self.app.invalidate()

    def _after_render(self, app: Application) -> None:
        if self._warmed:
            self.collector.after_redraw()
            return
        self._warmed = True
        _freeze_garbage()
        self.collector.start()
        warm_up = WarmUp(app.key_processor, self.model.warm_up_steps())

        async def warm() -> None:
            try:
                await warm_up.run()
            except Exception as exc:  # noqa: BLE001 - a failed warm-up only delays, the screen goes on
                self.model.info(f"Voorbereiden mislukt: {exc}", "warn")
            _freeze_garbage()
            self.model.changed()

        app.create_background_task(warm())

    def _accept(self, buffer: Buffer) -> bool:
        text = buffer.text
        try:
            self.model.submit(text)
        except Exception as exc:  # noqa: BLE001 - a bug must not take the screen (and the call) down
            self.model.info(f"Interne fout ({type(exc).__name__}: {exc}). Alles tot nu toe is bewaard; "
                            "u kunt verder, of met /pauze stoppen en later hervatten.", "error")
        self.submitted += 1
        self._after_input()
        return False  # clear the line (it stays in the history)

    def _after_input(self) -> None:
        if self.model.exit_code is not None and self.app.is_running:
            self.app.exit(result=self.model.exit_code)
        self.app.invalidate()

    # ------------------------------------------------------------------ for tests and the benchmark

    def screen_text(self) -> str:
        """Every panel's text as shown now (what a test or the benchmark checks)."""
        return panels.screen_text(self.model, compact=self._compact(), typed=self.buffer.text,
                                  dialog_open=self.dialog_open, dialog_problem=self.dialog_problem)


def _close_on_signals(loop: asyncio.AbstractEventLoop, app: Application) -> None:
    """SIGTERM and SIGHUP close the screen the normal way, so the terminal leaves raw mode
    and the alternate screen; every fact is already in the log, the call stays open for
    ``--resume``. The default action would end the process with the terminal unusable."""
    import signal

    def close(signum: int) -> None:
        if app.is_running and not app.future.done():
            app.exit(result=128 + signum)

    for signum in (getattr(signal, "SIGTERM", None), getattr(signal, "SIGHUP", None)):
        if signum is None:
            continue
        try:
            loop.add_signal_handler(signum, close, signum)
        except (NotImplementedError, RuntimeError, ValueError):  # Windows, or not the main thread
            pass


def run_screen(start: Any, *, clock: Any) -> tuple[int, CallModel]:
    """Open the call log, build the screen's model with ``start(journal)``, run the screen.

    Shared by ``belscript call`` and ``belscript practice``: warnings from opening the
    log (a damaged file moved aside) are shown on screen, and the log is always closed,
    whatever happens. Returns the exit code and the model, for the closing report.
    """
    from belscript.journal import Journal

    journal = Journal.open(clock=clock)
    try:
        model = start(journal)
        for warning in journal.warnings:
            model.info(warning, "warn")
        from belscript.textsafe import raw_output

        with raw_output():  # prompt_toolkit escapes what it draws; its own codes must pass
            return CallScreen(model).run(), model
    finally:
        journal.close()

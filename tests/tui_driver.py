"""Drive the call screen without a terminal: pipe input, dummy output, real event loop.

Shared by the ``test_tui_*`` modules. Every step waits until the screen has handled the
keys it was sent (a submitted line, a changed input line, an opened dialog), so tests do
not depend on sleeping for a fixed time.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from datetime import datetime

from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.data_structures import Size
from prompt_toolkit.output import DummyOutput

from belscript.clock import FixedClock
from belscript.dossier.loader import demo_dossier_path, load_dossier
from belscript.journal import Journal
from belscript.script.loader import resolve_script
from belscript.screen import live
from belscript.tui.app import CallScreen
from belscript.screen.model import CallModel

MONDAY = datetime(2026, 11, 23, 10, 15)


class Driver:
    """Sends keys to a running :class:`CallScreen` and waits for their effect."""

    def __init__(self, screen: CallScreen, pipe) -> None:
        self.screen = screen
        self.pipe = pipe
        self.model = screen.model

    async def until(self, condition: Callable[[], bool], what: str, timeout: float = 10.0) -> None:
        deadline = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {what}; screen:\n{self.screen.screen_text()}")
            await asyncio.sleep(0.005)

    async def type(self, text: str) -> None:
        """Type without Enter; returns once the input line shows the text."""
        before = self.screen.buffer.text
        self.pipe.send_text(text)
        await self.until(lambda: self.screen.buffer.text == before + text, f"typed {text!r}")

    async def enter(self, line: str = "") -> None:
        """Type a line and press Enter; returns once the screen handled it."""
        count = self.screen.submitted
        self.pipe.send_text(line + "\r")
        await self.until(lambda: self.screen.submitted > count or not self.screen.app.is_running, f"line {line!r}")

    async def key(self, data: str, condition: Callable[[], bool], what: str) -> None:
        self.pipe.send_text(data)
        await self.until(condition, what)

    def text(self) -> str:
        return self.screen.screen_text()

    def rendered(self) -> list[str]:
        """The rows as last drawn on the (dummy) terminal: what the user actually sees."""
        app = self.screen.app
        last = app.renderer._last_screen
        if last is None:
            return []
        size = app.output.get_size()
        return ["".join(last.data_buffer[y][x].char for x in range(size.columns)).rstrip()
                for y in range(size.rows)]

    async def shows(self, text: str, what: str | None = None) -> list[str]:
        """Wait until ``text`` is on the drawn screen; returns its rows."""
        await self.until(lambda: any(text in row for row in self.rendered()), what or f"{text!r} on screen")
        return self.rendered()


def live_model(clock: FixedClock | None = None, *, script: str | None = None) -> tuple[CallModel, Journal]:
    """A live call on the demo customer file, logged in the test's private BELSCRIPT_HOME."""
    clock = clock or FixedClock(MONDAY)
    journal = Journal.open(clock=clock)
    model = live.start(resolve_script(script), load_dossier(demo_dossier_path()), clock=clock, journal=journal)
    return model, journal


class SizedOutput(DummyOutput):
    """A dummy terminal of a given size (prompt_toolkit's own is always 80x40)."""

    def __init__(self, columns: int = 120, rows: int = 40) -> None:
        self.size = Size(rows=rows, columns=columns)

    def get_size(self) -> Size:
        return self.size


def drive(model: CallModel, scenario: Callable[[Driver], Awaitable[None]], *, color: bool | None = None,
          expect_exit: bool = False, size: tuple[int, int] = (120, 40)) -> int | None:
    """Run the screen on pipe input in a ``size`` (columns, rows) terminal, play ``scenario``,
    and return the exit code (None if still open)."""

    async def main() -> int | None:
        with create_pipe_input() as pipe:
            screen = CallScreen(model, input=pipe, output=SizedOutput(*size), color=color)
            task = asyncio.ensure_future(screen.run_async())
            driver = Driver(screen, pipe)
            await driver.until(lambda: screen.app.is_running, "the screen to start")
            await scenario(driver)
            if expect_exit:
                return await asyncio.wait_for(task, 10)
            if not task.done():
                screen.app.exit(result=None)
            result = await task
            return result

    return asyncio.run(main())


async def to_agreement_step(d: Driver) -> None:
    """From the preparation screen of the first call script to the step 'Afspraak vastleggen'."""
    await d.enter("")                       # begin: dossier checked, calling now
    await d.enter("/naam Ingrid van Dijk")
    await d.enter("1")                      # right person on the line -> purpose
    await d.enter("1")                      # purpose stated -> listening
    await d.enter("1")                      # customer promises a date -> agreement

"""Loading what later keystrokes need without holding up the first ones.

After the first frame the screen loads, in a background thread, what it did not need
yet: the call's engine and the phrasing checker (small, needed by Enter and the first
note), then the holiday data for the golden hour and the date library (large, needed
only for the header's golden hour and an agreement's dates). A background thread
shares the interpreter with the screen, so while it loads, every keystroke is slower.
The small first step starts at once; each larger one waits until the caller has not
typed for :data:`IDLE_SECONDS` (the time it takes to read a line), so a caller who
starts typing straight away is not slowed down, but never longer than
:data:`MAX_DEFER_SECONDS` (the golden hour must not stay away from a caller who keeps
typing). What a keystroke needs before its step has run, it loads itself, as it would
without any warm-up.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

#: How long the caller must not have typed before a large step is loaded.
IDLE_SECONDS = 0.3
#: The longest a large step waits for such a pause.
MAX_DEFER_SECONDS = 1.5


class WarmUp:
    """Runs the model's warm-up steps in a thread: the first at once, the others in pauses."""

    def __init__(self, key_processor, steps: list[Callable[[], None]], *, idle: float = IDLE_SECONDS,
                 max_defer: float = MAX_DEFER_SECONDS, clock: Callable[[], float] = time.monotonic) -> None:
        self.steps = list(steps)
        self.idle = idle
        self.max_defer = max_defer
        self.clock = clock
        self.last_key = clock()  # the first frame counts as the last thing the caller saw change
        key_processor.before_key_press += self._key_pressed

    def _key_pressed(self, _sender: object = None) -> None:
        self.last_key = self.clock()

    def quiet_for(self) -> float:
        """Seconds still to wait before the caller counts as not typing."""
        return self.last_key + self.idle - self.clock()

    async def run(self) -> None:
        loop = asyncio.get_running_loop()
        for n, step in enumerate(self.steps):
            deadline = self.clock() + self.max_defer
            while n and (wait := min(self.quiet_for(), deadline - self.clock())) > 0:
                await asyncio.sleep(wait)
            await loop.run_in_executor(None, step)

"""Full garbage collections in the caller's pauses, not in the middle of a keystroke.

Everything loaded before and during the warm-up is frozen (``gc.freeze``), but what the
screen creates while the caller types still ends up in the oldest generation: a full
collection then scans tens of thousands of objects and the keystroke it falls on takes
10 to 15 ms instead of 3. While the screen runs, :class:`PauseCollector` leaves the
young generations to Python as usual, turns the automatic full collection off, and
runs it itself after a redraw once the caller has not typed for :data:`PAUSE_SECONDS`
(the screen redraws every second, so a pause is noticed), or at the latest after
:data:`MAX_KEYS` keys (someone typing without a pause still gets collections). When the
screen closes, Python's own thresholds come back.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable

#: How long the caller must not have typed before a full collection runs.
PAUSE_SECONDS = 1.0
#: A full collection at the latest after this many keys, pause or not.
MAX_KEYS = 3000
#: A generation-2 threshold that Python never reaches while the screen runs.
_NEVER = 1_000_000


class PauseCollector:
    """Moves full collections into pauses; :meth:`start` and :meth:`stop` around the screen."""

    def __init__(self, key_processor, *, pause: float = PAUSE_SECONDS, max_keys: int = MAX_KEYS,
                 clock: Callable[[], float] = time.monotonic,
                 collect: Callable[[], object] = gc.collect) -> None:
        self.pause = pause
        self.max_keys = max_keys
        self.clock = clock
        self._collect = collect
        self.last_key = clock()
        self.keys = 0  # keys since the last full collection
        self._thresholds: tuple[int, int, int] | None = None
        key_processor.before_key_press += self._key_pressed

    def _key_pressed(self, _sender: object = None) -> None:
        self.last_key = self.clock()
        self.keys += 1

    def start(self) -> None:
        """Leave full collections to this object (the young generations stay automatic)."""
        if self._thresholds is None:
            self._thresholds = gc.get_threshold()
            gc.set_threshold(self._thresholds[0], self._thresholds[1], _NEVER)

    def stop(self) -> None:
        """Python's own thresholds again."""
        if self._thresholds is not None:
            gc.set_threshold(*self._thresholds)
            self._thresholds = None

    def after_redraw(self) -> bool:
        """Collect in full if the caller typed since the last time and is pausing now (or typed a lot)."""
        if self._thresholds is None or not self.keys:
            return False
        if self.keys < self.max_keys and self.clock() - self.last_key < self.pause:
            return False
        self._collect()
        self.keys = 0
        return True

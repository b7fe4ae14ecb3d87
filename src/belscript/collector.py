"""When Python's cycle collector runs: paused while long-lived objects are made.

Loading a script, importing a command or parsing YAML creates tens of thousands of
objects that hold no reference cycles and live until the process ends. A collection in
the middle finds nothing to free but walks them all, and walks them again each time,
so loading would grow faster than the input. While :func:`paused`, nothing is
collected.

A pause at the level of the whole command (``promote=True``: the start-up, a short
command from start to end) also hands what was made in the meantime straight to the
oldest generation (``gc.freeze`` then ``gc.unfreeze``, both constant time), where a
full collection would have left it, instead of letting the next young collection walk
it all. Library code pauses without that: a long-running process (the call screen, a
test run) calls it again and again, and its young garbage should keep being collected.

A command that has finished does not collect at all (:func:`off_until_exit`): the
operating system takes back the memory at once, and the full collection Python runs at
exit would only walk every object once more (some 10 ms with pydantic loaded).
"""

from __future__ import annotations

import gc
from contextlib import contextmanager

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (every command imports this)
if TYPE_CHECKING:  # pragma: no cover
    from collections.abc import Iterator

__all__ = ["off_until_exit", "paused"]


@contextmanager
def paused(*, promote: bool = False) -> Iterator[None]:
    """No cycle collection inside the block; nested pauses leave it to the outermost.
    With ``promote``, what the block made goes to the oldest generation afterwards."""
    if not gc.isenabled():
        yield
        return
    frozen = gc.get_freeze_count()
    gc.disable()
    try:
        yield
    finally:
        if promote and not frozen and not gc.get_freeze_count():
            # (never when something froze objects on purpose, as the call screen does
            # after its first frame: unfreezing would hand those back to the collector)
            gc.freeze()
            gc.unfreeze()
        gc.enable()


def off_until_exit() -> None:
    """The process is about to end: skip the last full collection."""
    gc.disable()

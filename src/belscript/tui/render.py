"""Send only the rows that changed to the terminal.

prompt_toolkit compares the whole new screen with the previous one, cell by cell, on
every redraw; for a 120x40 call screen that is some ten thousand cells per keystroke
(about half of a keystroke's time), while a keystroke changes only the input line and
the feedback bar. Rows are dictionaries of shared, cached characters, so comparing a
row as a whole is one fast dictionary comparison: :func:`install` wraps
prompt_toolkit's diff so that it sees only the rows that differ. What it writes to the
terminal is byte for byte the same (an unchanged row writes nothing there either).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

_INSTALLED = "_belscript_changed_rows_only"


class _Rows(dict):
    """Rows by number; a row left out is empty on both sides (and so draws nothing)."""

    blank: Any = None

    def __missing__(self, y: int) -> dict:
        return defaultdict(self._blank)

    def _blank(self) -> Any:
        if _Rows.blank is None:
            from prompt_toolkit.layout.screen import Char

            _Rows.blank = Char(" ", "")
        return _Rows.blank


class _ScreenRows:
    """A screen as the diff sees it: only the given rows, everything else from the screen."""

    def __init__(self, screen: Any, rows: _Rows) -> None:
        self._screen = screen
        self.data_buffer = rows
        self.height = screen.height
        self.zero_width_escapes = screen.zero_width_escapes

    def get_cursor_position(self, window: Any) -> Any:
        return self._screen.get_cursor_position(window)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._screen, name)


def changed_rows(screen: Any, previous: Any, count: int) -> tuple[_Rows, _Rows]:
    """The rows (of the first ``count``) that differ between ``screen`` and ``previous``."""
    new, old = _Rows(), _Rows()
    new_buffer, old_buffer = screen.data_buffer, previous.data_buffer
    for y in range(count):
        row, before = new_buffer[y], old_buffer[y]
        if row != before:
            new[y], old[y] = row, before
    return new, old


def install() -> None:
    """Wrap prompt_toolkit's screen diff (once; a prompt_toolkit without it is left alone)."""
    from prompt_toolkit import renderer

    original = getattr(renderer, "_output_screen_diff", None)
    if original is None or getattr(original, _INSTALLED, False):
        return

    def diff(app, output, screen, current_pos, color_depth, previous_screen, last_style, is_done, **kwargs):
        size, previous_width = kwargs.get("size"), kwargs.get("previous_width")
        if previous_screen and not is_done and size is not None and previous_width == size.columns:
            count = min(max(screen.height, previous_screen.height), size.rows)
            new, old = changed_rows(screen, previous_screen, count)
            screen, previous_screen = _ScreenRows(screen, new), _ScreenRows(previous_screen, old)
        return original(app, output, screen, current_pos, color_depth, previous_screen, last_style, is_done,
                        **kwargs)

    setattr(diff, _INSTALLED, True)
    diff.original = original  # type: ignore[attr-defined]  (for the test that compares both)
    renderer._output_screen_diff = diff

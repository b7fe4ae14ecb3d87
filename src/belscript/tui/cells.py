"""Windows that reuse their drawn cells while their text and place stay the same.

prompt_toolkit draws every window cell by cell on each redraw (copying the text in,
then styling every cell twice). A keystroke changes the input line and now and then
the feedback bar; the panels, the header and the key hints stay as they were. A
:class:`ReusedWindow` copies its cells from the previous redraw back row by row
instead (a dictionary update per row), as long as its control's ``content_key()`` and
its place on the screen are unchanged. Only for windows that never have the focus or
a cursor: nothing else of the window's drawing is needed then. A :class:`ReusedArea`
does the same for a whole group of such windows (the panels of the call), so a
keystroke does not even divide their area among them again. When a window's text did
change (the feedback bar while typing), it is drawn straight into the screen
(:mod:`belscript.tui.paint`) instead of through prompt_toolkit's whole window path.
"""

from __future__ import annotations

from collections.abc import Callable

from prompt_toolkit.formatted_text import StyleAndTextTuples, to_formatted_text
from prompt_toolkit.layout.containers import Container, Window
from prompt_toolkit.layout.dimension import Dimension
from prompt_toolkit.layout.layout import walk
from prompt_toolkit.layout.controls import FormattedTextControl

from belscript.tui.paint import StyledWindow, copy_plain, plain_lines


def _copy_back(screen, write_position, rows: list[dict]) -> None:
    """Put the cells of a previous redraw back, row by row."""
    buffer = screen.data_buffer
    for i, row in enumerate(rows):
        buffer[write_position.ypos + i].update(row)


def _drawn(screen, write_position) -> list[dict]:
    """The cells just drawn into ``write_position``, row by row (to copy back next time)."""
    x0, x1 = write_position.xpos, write_position.xpos + write_position.width
    rows = []
    for y in range(write_position.ypos, write_position.ypos + write_position.height):
        row = screen.data_buffer[y]
        rows.append({x: row[x] for x in range(x0, x1) if x in row})
    return rows


class TextControl(FormattedTextControl):
    """A one-line text that is never wrapped (the header), with a ``content_key()``."""

    def __init__(self, get, **kwargs) -> None:
        self._get = get
        super().__init__(self._text, **kwargs)

    def content_key(self) -> object:
        return tuple(self._text())

    def _text(self) -> StyleAndTextTuples:
        return to_formatted_text(self._get())


class ReusedWindow(StyledWindow):
    """A window whose control has ``content_key()``; redrawn only when the key or its place changed,
    then (when its text is plain, see :func:`belscript.tui.paint.plain_lines`) straight into the screen."""

    def __init__(self, content, **kwargs) -> None:
        super().__init__(content, **kwargs)
        self._drawn_key: object = None
        self._drawn_rows: list[dict] = []

    def write_to_screen(self, screen, mouse_handlers, write_position, parent_style, erase_bg, z_index) -> None:
        key = (self.content.content_key(), write_position.xpos, write_position.ypos, write_position.width,
               write_position.height, parent_style, erase_bg, z_index)
        if key == self._drawn_key and z_index is None:
            _copy_back(screen, write_position, self._drawn_rows)
            screen.visible_windows_to_write_positions[self] = write_position
            return
        drawn = None
        if z_index is None and not erase_bg and write_position.width > 0 and write_position.height > 0:
            lines = plain_lines(self, write_position.width, write_position.height)
            if lines is not None:
                drawn = copy_plain(self, screen, write_position, parent_style, lines)
        if drawn is None:
            super().write_to_screen(screen, mouse_handlers, write_position, parent_style, erase_bg, z_index)
        if z_index is not None:
            self._drawn_key = None
            return
        self._drawn_rows = drawn if drawn is not None else _drawn(screen, write_position)
        self._drawn_key = key


class ReusedArea(Container):
    """A container (the panels of the call) whose cells are copied from the previous redraw
    while nothing in it changed: the same content keys of its windows, the same ``extra()``
    (the sizes and what is shown) and the same place. prompt_toolkit then neither divides
    the area among the panels again nor visits each panel; a keystroke skips it whole.
    Only for areas whose windows are all :class:`ReusedWindow` (no focus, no cursor)."""

    def __init__(self, content: Container, extra: Callable[[], object]) -> None:
        self.content = content
        self._extra = extra
        self._windows: list[Window] | None = None
        self._drawn_key: object = None
        self._drawn_rows: list[dict] = []
        self._drawn_positions: dict = {}

    def reset(self) -> None:
        self.content.reset()

    def preferred_width(self, max_available_width: int) -> Dimension:
        return self.content.preferred_width(max_available_width)

    def preferred_height(self, width: int, max_available_height: int) -> Dimension:
        return self.content.preferred_height(width, max_available_height)

    def get_key_bindings(self) -> None:
        return None

    def get_children(self) -> list[Container]:
        return [self.content]

    def write_to_screen(self, screen, mouse_handlers, write_position, parent_style, erase_bg, z_index) -> None:
        if self._windows is None:
            self._windows = [w for w in walk(self.content) if isinstance(w, Window)]
        key = (tuple(w.content.content_key() for w in self._windows), self._extra(), write_position.xpos,
               write_position.ypos, write_position.width, write_position.height, parent_style, erase_bg, z_index)
        if key == self._drawn_key and z_index is None:
            _copy_back(screen, write_position, self._drawn_rows)
            screen.visible_windows_to_write_positions.update(self._drawn_positions)
            return
        before = set(screen.visible_windows_to_write_positions)
        self.content.write_to_screen(screen, mouse_handlers, write_position, parent_style, erase_bg, z_index)
        if z_index is not None:
            self._drawn_key = None
            return
        positions = screen.visible_windows_to_write_positions
        self._drawn_positions = {w: p for w, p in positions.items() if w not in before}
        self._drawn_rows = _drawn(screen, write_position)
        self._drawn_key = key

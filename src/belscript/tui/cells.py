"""Windows that reuse their drawn cells while their text and place stay the same.

prompt_toolkit draws every window cell by cell on each redraw (styling every cell
twice, then copying the text in). A keystroke changes the input line and now and then
the feedback bar; the panels, the header and the key hints stay as they were. A
:class:`ReusedWindow` copies its cells from the previous redraw back row by row
instead (a dictionary update per row), as long as its control's ``content_key()`` and
its place on the screen are unchanged. Only for windows that never have the focus or
a cursor: nothing else of the window's drawing is needed then.
"""

from __future__ import annotations

from prompt_toolkit.formatted_text import StyleAndTextTuples, to_formatted_text
from prompt_toolkit.layout.containers import Window
from prompt_toolkit.layout.controls import FormattedTextControl


class TextControl(FormattedTextControl):
    """A one-line text that is never wrapped (the header), with a ``content_key()``."""

    def __init__(self, get, **kwargs) -> None:
        self._get = get
        super().__init__(self._text, **kwargs)

    def content_key(self) -> object:
        return tuple(self._text())

    def _text(self) -> StyleAndTextTuples:
        return to_formatted_text(self._get())


class ReusedWindow(Window):
    """A window whose control has ``content_key()``; redrawn only when the key or its place changed."""

    def __init__(self, content, **kwargs) -> None:
        super().__init__(content, **kwargs)
        self._drawn_key: object = None
        self._drawn_rows: list[dict] = []

    def write_to_screen(self, screen, mouse_handlers, write_position, parent_style, erase_bg, z_index) -> None:
        key = (self.content.content_key(), write_position.xpos, write_position.ypos, write_position.width,
               write_position.height, parent_style, erase_bg, z_index)
        if key == self._drawn_key and z_index is None:
            buffer = screen.data_buffer
            for i, row in enumerate(self._drawn_rows):
                buffer[write_position.ypos + i].update(row)
            screen.visible_windows_to_write_positions[self] = write_position
            return
        super().write_to_screen(screen, mouse_handlers, write_position, parent_style, erase_bg, z_index)
        if z_index is not None:
            self._drawn_key = None
            return
        x0, x1 = write_position.xpos, write_position.xpos + write_position.width
        rows = []
        for y in range(write_position.ypos, write_position.ypos + write_position.height):
            row = screen.data_buffer[y]
            rows.append({x: row[x] for x in range(x0, x1) if x in row})
        self._drawn_rows = rows
        self._drawn_key = key

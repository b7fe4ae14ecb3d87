"""Drawing a window's cells in fewer passes than prompt_toolkit, with the same result.

prompt_toolkit styles every window in two passes over its cells (the window's style in
front of each cell's, then ``class:last-line`` behind the last row's), each building a
new style string and looking it up per cell. :class:`StyledWindow` does both in one
pass and looks each distinct cell up once. :func:`copy_plain` puts the text of a
simple control (no cursor, no scrolling, one cell per character) straight into the
screen, where prompt_toolkit's window goes through scrolling, line prefixes, cursor
and mouse bookkeeping first. ``tests/test_tui_redraw.py`` holds the terminal output
byte for byte equal to prompt_toolkit's own drawing.
"""

from __future__ import annotations

from prompt_toolkit.layout.containers import Window, WindowAlign
from prompt_toolkit.layout.screen import _CHAR_CACHE
from prompt_toolkit.utils import to_str

LAST_LINE = " class:last-line"


def apply_style(data_buffer, write_position, style: str) -> None:
    """``style`` in front of every cell of the area, ``class:last-line`` behind the last row's:
    what prompt_toolkit's ``Window._apply_style`` does in two ``fill_area`` passes."""
    prepend = style + " " if style.strip() else ""
    x0, x1 = write_position.xpos, write_position.xpos + write_position.width
    last = write_position.ypos + write_position.height - 1
    for y in range(write_position.ypos, last + 1):
        append = LAST_LINE if y == last else ""
        if not prepend and not append:
            continue
        row = data_buffer[y]
        styled: dict = {}
        for x in range(x0, x1):
            cell = row[x]
            key = (cell.char, cell.style)
            char = styled.get(key)
            if char is None:
                char = styled[key] = _CHAR_CACHE[cell.char, prepend + cell.style + append]
            row[x] = char


class StyledWindow(Window):
    """A :class:`Window` that applies its style in one pass (same cells as prompt_toolkit's two)."""

    def _apply_style(self, new_screen, write_position, parent_style: str) -> None:
        apply_style(new_screen.data_buffer, write_position, parent_style + " " + to_str(self.style))


def plain_rows(window: Window, width: int, height: int) -> list[list] | None:
    """The characters of ``window``'s content row by row, or None when it needs prompt_toolkit's
    full drawing (a cursor, scrolling, margins, a fill character, alignment, wide characters)."""
    if (window.left_margins or window.right_margins or window.char is not None or window.get_line_prefix
            or window.get_vertical_scroll or window.get_horizontal_scroll or window.align != WindowAlign.LEFT
            or window.wrap_lines() or window.dont_extend_width() or window.dont_extend_height()
            or window.cursorline() or window.cursorcolumn() or window.colorcolumns):
        return None
    content = window.content.create_content(width, height)
    if content.cursor_position != (0, 0) or content.menu_position is not None:
        return None  # a cursor elsewhere than the top left scrolls the window
    rows = []
    for i in range(min(content.line_count, height)):
        chars = []
        for style, text, *_ in content.get_line(i):
            if "[ZeroWidthEscape]" in style:
                return None
            for c in text:
                char = _CHAR_CACHE[c, style]
                if char.width != 1:
                    return None
                chars.append(char)
        rows.append(chars[:width])
    return rows


def copy_plain(window: Window, screen, write_position, parent_style: str, rows: list[list]) -> None:
    """Draw ``rows`` (from :func:`plain_rows`) as prompt_toolkit's window would, styled in one pass."""
    buffer = screen.data_buffer
    x0 = write_position.xpos
    for i, chars in enumerate(rows):
        row = buffer[write_position.ypos + i]
        for x, char in enumerate(chars, x0):
            row[x] = char
    screen.height = max(screen.height, write_position.ypos + write_position.height)
    apply_style(buffer, write_position, parent_style + " " + to_str(window.style))
    screen.visible_windows_to_write_positions[window] = write_position

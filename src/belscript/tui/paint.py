"""Drawing a window's cells in fewer passes than prompt_toolkit, with the same result.

prompt_toolkit styles every window in two passes over its cells (the window's style in
front of each cell's, then ``class:last-line`` behind the last row's), each building a
new style string and looking it up per cell. :class:`StyledWindow` does both in one
pass and looks each distinct cell up once. :func:`copy_plain` puts the text of a
simple control (no cursor, no scrolling, one cell per character) straight into the
screen, styled, where prompt_toolkit's window goes through scrolling, line prefixes,
cursor and mouse bookkeeping first; a line drawn before (the empty rows of the
feedback bar, a hint that stays) is copied from a small cache. ``tests/test_tui_redraw.py`` holds the terminal output
byte for byte equal to prompt_toolkit's own drawing.
"""

from __future__ import annotations

from prompt_toolkit.layout.containers import Window, WindowAlign
from prompt_toolkit.layout.screen import _CHAR_CACHE
from prompt_toolkit.utils import to_str

LAST_LINE = " class:last-line"


def apply_style(data_buffer, write_position, style: str) -> None:
    """``style`` in front of every cell of the area, ``class:last-line`` behind the last row's:
    what prompt_toolkit's ``Window._apply_style`` does in two ``fill_area`` passes.

    Cells nothing was drawn into (most of a short line) all hold the screen's default
    character: they are styled once and set together."""
    prepend = style + " " if style.strip() else ""
    x0, x1 = write_position.xpos, write_position.xpos + write_position.width
    last = write_position.ypos + write_position.height - 1
    for y in range(write_position.ypos, last + 1):
        append = LAST_LINE if y == last else ""
        if not prepend and not append:
            continue
        row = data_buffer[y]
        area = set(range(x0, x1))
        drawn = area.intersection(row)
        styled: dict = {}
        for x in drawn:
            cell = row[x]
            key = (cell.char, cell.style)
            char = styled.get(key)
            if char is None:
                char = styled[key] = _CHAR_CACHE[cell.char, prepend + cell.style + append]
            row[x] = char
        if len(drawn) < len(area):
            blank = row.default_factory()
            row.update(dict.fromkeys(area - drawn, _CHAR_CACHE[blank.char, prepend + blank.style + append]))


class StyledWindow(Window):
    """A :class:`Window` that applies its style in one pass (same cells as prompt_toolkit's two)."""

    def _apply_style(self, new_screen, write_position, parent_style: str) -> None:
        apply_style(new_screen.data_buffer, write_position, parent_style + " " + to_str(self.style))


def plain_lines(window: Window, width: int, height: int) -> list[tuple] | None:
    """The lines of ``window``'s content as drawn (at most ``height``), or None when it needs
    prompt_toolkit's full drawing (a cursor, scrolling, margins, a fill character, alignment)."""
    if (window.left_margins or window.right_margins or window.char is not None or window.get_line_prefix
            or window.get_vertical_scroll or window.get_horizontal_scroll or window.align != WindowAlign.LEFT
            or window.wrap_lines() or window.dont_extend_width() or window.dont_extend_height()
            or window.cursorline() or window.cursorcolumn() or window.colorcolumns):
        return None
    content = window.content.create_content(width, height)
    if content.cursor_position != (0, 0) or content.menu_position is not None:
        return None  # a cursor elsewhere than the top left scrolls the window
    return [tuple(content.get_line(i)) for i in range(min(content.line_count, height))]


#: Styled rows by line, place and style: lines come back (an empty feedback bar, a hint).
_ROWS: dict[tuple, dict] = {}
_MAX_ROWS = 256


def _styled_row(line: tuple, x0: int, width: int, prepend: str, append: str, blank) -> dict | None:
    """The cells of one line as prompt_toolkit's window leaves them (copied, then styled);
    None for what only its drawing handles (wide or combining characters, escapes)."""
    key = (line, x0, width, prepend, append, blank.char, blank.style)
    row = _ROWS.get(key)
    if row is None:
        row = {}
        x, end = x0, x0 + width
        for style, text, *_ in line:
            if "[ZeroWidthEscape]" in style:
                return None
            for c in text:
                char = _CHAR_CACHE[c, prepend + style + append]
                if char.width != 1:
                    return None
                if x < end:
                    row[x] = char
                x += 1
        if x < end:
            row.update(dict.fromkeys(range(x, end), _CHAR_CACHE[blank.char, prepend + blank.style + append]))
        if len(_ROWS) >= _MAX_ROWS:
            _ROWS.clear()
        _ROWS[key] = row
    return row


def copy_plain(window: Window, screen, write_position, parent_style: str, lines: list[tuple]) -> list[dict] | None:
    """Draw ``lines`` (from :func:`plain_lines`) into an area nothing was drawn into yet, as
    prompt_toolkit's window would; the cells drawn, row by row (shared: read them only), or
    None (nothing drawn) when only prompt_toolkit's own drawing can."""
    buffer = screen.data_buffer
    x0, width, y0 = write_position.xpos, write_position.width, write_position.ypos
    style = parent_style + " " + to_str(window.style)
    prepend = style + " " if style.strip() else ""
    last = write_position.height - 1
    area = range(x0, x0 + width)
    rows = []
    for i in range(write_position.height):
        target = buffer[y0 + i]
        if not target.keys().isdisjoint(area):
            return None
        row = _styled_row(lines[i] if i < len(lines) else (), x0, width, prepend, LAST_LINE if i == last else "",
                          target.default_factory())
        if row is None:
            return None
        rows.append(row)
    for i, row in enumerate(rows):
        buffer[y0 + i].update(row)
    screen.height = max(screen.height, y0 + write_position.height)
    screen.visible_windows_to_write_positions[window] = write_position
    return rows

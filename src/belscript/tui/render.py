"""Send only the rows that changed to the terminal.

prompt_toolkit compares the whole new screen with the previous one, cell by cell, on
every redraw; for a 120x40 call screen that is some ten thousand cells per keystroke
(about half of a keystroke's time), while a keystroke changes only the input line and
the feedback bar. Rows are dictionaries of shared, cached characters, so comparing a
row as a whole is one fast dictionary comparison. :func:`install` replaces
prompt_toolkit's diff, for an ordinary redraw of a screen of unchanged width, by
:func:`diff_rows`: the same algorithm run over the rows that differ only (an unchanged
row writes nothing in prompt_toolkit's either), without creating empty rows for the
others. Every other redraw (the first, a resize, the last) goes to prompt_toolkit's
own. The previous screen is then emptied (see :func:`release`). What reaches the
terminal is byte for byte the same; ``tests/test_tui_redraw.py``
compares both on a whole call.
"""

from __future__ import annotations

from typing import Any

_INSTALLED = "_belscript_changed_rows_only"


def changed_rows(screen: Any, previous: Any, count: int) -> list[int]:
    """The rows (of the first ``count``) that differ between ``screen`` and ``previous``, in order."""
    new_buffer, old_buffer = screen.data_buffer, previous.data_buffer
    empty: dict = {}
    return [y for y in range(count) if new_buffer.get(y, empty) != old_buffer.get(y, empty)]


class _Terminal:
    """The cursor and the current style while a diff writes (prompt_toolkit's nested helpers)."""

    def __init__(self, output, width: int, current_pos, style, color_depth, attrs_for_style_string) -> None:
        self.output, self.width, self.pos, self.style = output, width, current_pos, style
        self.color_depth, self.attrs = color_depth, attrs_for_style_string

    def reset_attributes(self) -> None:
        self.output.reset_attributes()
        self.style = None

    def move_cursor(self, new) -> None:
        output, width = self.output, self.width
        current_x, current_y = self.pos.x, self.pos.y
        self.pos = new
        if new.y > current_y:
            self.reset_attributes()
            output.write("\r\n" * (new.y - current_y))
            output.cursor_forward(new.x)
            return
        if new.y < current_y:
            output.cursor_up(current_y - new.y)
        if current_x >= width - 1:
            output.write("\r")
            output.cursor_forward(new.x)
        elif new.x < current_x or current_x >= width - 1:
            output.cursor_backward(current_x - new.x)
        elif new.x > current_x:
            output.cursor_forward(new.x - current_x)

    def write_char(self, char) -> None:
        if self.style != char.style:
            attrs = self.attrs[char.style]
            if not self.style or attrs != self.attrs[self.style]:
                self.output.set_attributes(attrs, self.color_depth)
            self.style = char.style
        self.output.write(char.char)


def diff_rows(app, output, screen, current_pos, color_depth, previous_screen, last_style, full_screen,
              attrs_for_style_string, style_string_has_style, size):
    """prompt_toolkit's ``_output_screen_diff`` for a previous screen of the same width,
    walking only the rows that changed (its loop, its writes, in its order)."""
    from prompt_toolkit.data_structures import Point

    width, height = size.columns, size.rows
    term = _Terminal(output, width, current_pos, last_style, color_depth, attrs_for_style_string)
    output.hide_cursor()

    def max_column(row: dict) -> int:
        return max((x for x, cell in row.items() if cell.char != " " or style_string_has_style[cell.style]),
                   default=0)

    if not full_screen:
        output.disable_autowrap()
    current_height = min(screen.height, height)
    row_count = min(max(screen.height, previous_screen.height), height)
    no_escapes: dict = {}
    for y in changed_rows(screen, previous_screen, row_count):
        new_row, previous_row = screen.data_buffer[y], previous_screen.data_buffer[y]
        escapes = screen.zero_width_escapes.get(y, no_escapes)
        new_max = min(width - 1, max_column(new_row))
        previous_max = min(width - 1, max_column(previous_row))
        c = 0
        while c <= new_max:
            new_char, old_char = new_row[c], previous_row[c]
            char_width = new_char.width or 1
            if new_char.char != old_char.char or new_char.style != old_char.style:
                term.move_cursor(Point(x=c, y=y))
                if c in escapes:
                    output.write_raw(escapes[c])
                term.write_char(new_char)
                term.pos = Point(x=term.pos.x + char_width, y=term.pos.y)
            c += char_width
        if new_max < previous_max:
            term.move_cursor(Point(x=new_max + 1, y=y))
            term.reset_attributes()
            output.erase_end_of_line()
    if current_height > previous_screen.height:
        term.move_cursor(Point(x=0, y=current_height - 1))
    term.move_cursor(screen.get_cursor_position(app.layout.current_window))
    if not full_screen:
        output.enable_autowrap()
    term.reset_attributes()
    if screen.show_cursor:
        output.show_cursor()
    return term.pos, term.style


def release(screen: Any) -> None:
    """Empty a screen the renderer is done with (the new one replaces it once compared).

    prompt_toolkit's window drawing leaves a reference cycle behind (a nested function that
    calls itself) that holds the screen it drew into; such a screen, with its thousands of
    cells, then stays alive until the next garbage collection, which must walk every one
    of them during a keystroke. Emptied, it costs that collection next to nothing.
    """
    screen.data_buffer.clear()
    screen.zero_width_escapes.clear()


def install() -> None:
    """Replace prompt_toolkit's screen diff (once; a prompt_toolkit without it is left alone)."""
    from prompt_toolkit import renderer

    original = getattr(renderer, "_output_screen_diff", None)
    if original is None or getattr(original, _INSTALLED, False):
        return

    def diff(app, output, screen, current_pos, color_depth, previous_screen, last_style, is_done, full_screen,
             attrs_for_style_string, style_string_has_style, size, previous_width):
        if previous_screen and not is_done and previous_width == size.columns:
            result = diff_rows(app, output, screen, current_pos, color_depth, previous_screen, last_style,
                               full_screen, attrs_for_style_string, style_string_has_style, size)
            release(previous_screen)
            return result
        return original(app, output, screen, current_pos, color_depth, previous_screen, last_style, is_done,
                        full_screen, attrs_for_style_string, style_string_has_style, size, previous_width)

    setattr(diff, _INSTALLED, True)
    diff.original = original  # type: ignore[attr-defined]  (for the test that compares both)
    renderer._output_screen_diff = diff

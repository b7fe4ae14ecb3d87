"""A titled, bordered panel drawn as one window.

prompt_toolkit's ``Frame`` is five windows (two borders, two sides, the body) plus the
splits around them; a call screen with ten panels then redraws some eighty windows on
every keystroke. A panel that draws its own border around word-wrapped text is one
window, and its text is cached by content and size, so a keystroke that changes
nothing in a panel costs almost nothing there.
"""

from __future__ import annotations

from collections.abc import Callable

from prompt_toolkit.formatted_text import StyleAndTextTuples, to_formatted_text
from prompt_toolkit.layout.controls import FormattedTextControl

from belscript.tui.wrap import _lines, width_of, wrap

BORDER = "class:frame.border"
LABEL = "class:frame.label"


class BoxControl(FormattedTextControl):
    """Word-wrapped text inside a border with a title, clipped to an exact size.

    ``scroll`` gives the number of lines to skip (PageUp/PageDown); with ``tail`` the
    panel shows the last lines instead (messages, notes: the newest is always visible).
    With ``open`` the panel is a section instead: a title rule above the text and no
    other border, which saves a row and two columns on a small terminal. A scrolling
    panel whose text does not fit says so in its border (``more``, e.g. "▼ meer met
    PageDown", in the title rule of a section, the bottom border of a box), so nothing
    is cut off silently and no line of text gives way to the marker. After a draw,
    :attr:`page` is the number of text rows shown and :attr:`last_offset` the furthest
    useful scroll position: PageDown moves by exactly what is visible, never skipping.
    """

    def __init__(self, get, *, title: str | Callable[[], str], width: Callable[[], int], height: Callable[[], int],
                 scroll: Callable[[], int] | None = None, tail: bool = False, open: bool = False,
                 more: str | None = None) -> None:
        self._get = get
        self._title = title
        self._width = width
        self._height = height
        self._scroll = scroll
        self._tail = tail
        self._open = open
        self._more = more
        self._key: object = None
        self._value: StyleAndTextTuples = []
        self.page = 1
        self.last_offset = 0
        super().__init__(self._text, show_cursor=False)

    def content_key(self) -> object:
        """Changes whenever the drawn panel would (see :class:`belscript.tui.cells.ReusedWindow`)."""
        self._text()
        return self._key

    def _text(self) -> StyleAndTextTuples:
        source = to_formatted_text(self._get())
        title = self._title() if callable(self._title) else self._title
        offset = self._scroll() if self._scroll is not None else 0
        key = (self._width(), self._height(), offset, title, tuple(source))
        if key != self._key:
            self._value = self._draw(source, title, key[0], key[1], offset)
            self._key = key
        return self._value

    def _draw(self, source: StyleAndTextTuples, title: str, width: int, height: int,
              offset: int) -> StyleAndTextTuples:
        if self._open:
            inner_w, inner_h = max(1, width), max(0, height - 1)
        else:
            inner_w, inner_h = max(1, width - 2), max(0, height - 2)
        lines = _lines(wrap(source, inner_w))
        while len(lines) > 1 and not lines[-1]:
            lines.pop()
        marker = ""
        if self._tail:
            lines = lines[-inner_h:] if inner_h else []
        else:
            self.page = max(1, inner_h)
            self.last_offset = max(0, len(lines) - inner_h)
            offset = max(0, min(offset, self.last_offset))
            if self._more and offset < self.last_offset:
                marker = f" {self._more} ({offset + inner_h}/{len(lines)} regels) "
            elif self._more and offset:
                marker = " ▲ terug met PageUp "
            lines = lines[offset:offset + inner_h]
        if self._open:
            return self._draw_open(lines, title, inner_w, inner_h, marker)
        label = f"| {title} |" if width_of(title) + 4 <= inner_w else f"| {title[:max(0, inner_w - 5)]}…|"
        left = max(0, (inner_w - width_of(label)) // 2)
        right = max(0, inner_w - left - width_of(label))
        out: StyleAndTextTuples = [(BORDER, "┌" + "─" * left), (LABEL, label), (BORDER, "─" * right + "┐\n")]
        for i in range(inner_h):
            line = _rstrip(lines[i]) if i < len(lines) else []
            used = sum(width_of(t) for _s, t, *_ in line)
            out.append((BORDER, "│"))
            out.extend(line)
            out.append(("", " " * max(0, inner_w - used)))
            out.append((BORDER, "│\n"))
        if marker and width_of(marker) + 2 > inner_w:
            marker = " ▼ meer " if offset < self.last_offset else " ▲ "
        if marker and width_of(marker) + 2 <= inner_w:
            rest = inner_w - width_of(marker) - 1
            out.extend([(BORDER, "└" + "─" * rest), (LABEL, marker), (BORDER, "─┘")])
            return out
        out.append((BORDER, "└" + "─" * inner_w + "┘"))
        return out


    @staticmethod
    def _draw_open(lines: list[StyleAndTextTuples], title: str, width: int, height: int,
                   marker: str = "") -> StyleAndTextTuples:
        tail = 2 if marker else 0  # the marker sits at the right end of the title rule: ── title ── marker ──
        if marker and width - 4 - tail - width_of(marker) < 12:  # narrow: keep the marker, shorten the title
            marker = " ▼ meer " if "▼" in marker else " ▲ "
        room = width - 2 - tail - width_of(marker)
        label = f" {title} " if width_of(title) + 4 <= room else f" {title[:max(0, room - 5)]}… "
        out: StyleAndTextTuples = [(BORDER, "──"), (LABEL, label),
                                   (BORDER, "─" * max(0, room - width_of(label)))]
        if marker:
            out.extend([("class:warn", marker), (BORDER, "──")])
        out.append((BORDER, "\n"))
        for i in range(height):
            line = _rstrip(lines[i]) if i < len(lines) else []
            used = sum(width_of(t) for _s, t, *_ in line)
            out.extend(line)
            out.append(("", " " * max(0, width - used) + ("\n" if i < height - 1 else "")))
        if not height:
            out[-1] = (BORDER, out[-1][1].rstrip("\n"))
        return out


def measure(source: StyleAndTextTuples, width: int) -> int:
    """How many lines ``source`` takes when wrapped at ``width`` (trailing empty lines not counted)."""
    lines = _lines(wrap(source, max(1, width)))
    while len(lines) > 1 and not lines[-1]:
        lines.pop()
    return len(lines)


def _rstrip(line: StyleAndTextTuples) -> StyleAndTextTuples:
    """The line without spaces at its end (a wrapped line may end in the space it broke at)."""
    out = list(line)
    while out and not out[-1][1].strip(" "):
        if out[-1][1] == "":
            break
        out.pop()
    if out and out[-1][1].endswith(" "):
        style, text, *rest = out[-1]
        out[-1] = (style, text.rstrip(" "), *rest)
    return out

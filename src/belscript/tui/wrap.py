"""Word wrapping and scrolling for styled text in narrow panels.

prompt_toolkit wraps long lines at the last column, in the middle of a word; in a
panel of 40 columns that makes Dutch sentences hard to read aloud. These helpers wrap
at spaces, keep every fragment's style, and cut off the first lines of a text for
panels that scroll with PageUp/PageDown.
"""

from __future__ import annotations

import re

from prompt_toolkit.formatted_text import StyleAndTextTuples, to_formatted_text
from prompt_toolkit.layout.controls import FormattedTextControl, UIContent
from prompt_toolkit.utils import get_cwidth


#: A word with the spaces after it; "€ " stays with the amount after it, so a line never
#: ends in a lone euro sign ("€" / "2.813,00").
_TOKEN = re.compile(r"(?:€ (?=[^ ]))?[^ ]+ *| +")


def width_of(text: str) -> int:
    """Terminal cells ``text`` takes.

    Latin text (everything below U+0300, plus punctuation such as ‘’ … € –) is one cell
    per character; only other text pays prompt_toolkit's wide-character lookup, which
    costs tens of microseconds per new word and would slow down the first frame.
    """
    if not text or max(text) < "\u0300" or all(c < "\u0300" or "\u2000" <= c < "\u2100" for c in text):
        return len(text)
    return get_cwidth(text)


def _lines(fragments: StyleAndTextTuples) -> list[StyleAndTextTuples]:
    lines: list[StyleAndTextTuples] = [[]]
    for style, text, *_ in fragments:
        parts = text.split("\n")
        for i, part in enumerate(parts):
            if i:
                lines.append([])
            if part or not text:
                lines[-1].append((style, part))
    return lines


def _cut(word: StyleAndTextTuples, width: int) -> list[StyleAndTextTuples]:
    """``word`` in pieces of ``width`` characters; trailing spaces stay on the last piece."""
    pieces: list[StyleAndTextTuples] = [[]]
    room = width
    for style, text in word:
        i = 0
        while i < len(text):
            if room == 0:
                if not text[i:].strip(" "):  # only the word's trailing spaces are left
                    pieces[-1].append((style, text[i:]))
                    break
                pieces.append([])
                room = width
            chunk = text[i:i + room]
            pieces[-1].append((style, chunk))
            i += len(chunk)
            room -= len(chunk)
    return pieces


def _wrap_line(line: StyleAndTextTuples, width: int) -> list[StyleAndTextTuples]:
    """Greedy word wrap of one line; a word longer than the width is cut."""
    words: list[StyleAndTextTuples] = []  # each word keeps its trailing spaces
    current: StyleAndTextTuples = []
    ends_in_space = False
    for style, text, *_ in line:
        if not text:
            current.append((style, text))
            continue
        for token in _TOKEN.findall(text):
            if ends_in_space and token[0] != " ":
                words.append(current)
                current = []
            current.append((style, token))
            ends_in_space = token.endswith(" ")
    if current:
        words.append(current)
    out: list[StyleAndTextTuples] = [[]]
    used = 0
    for word in words:
        size = sum(width_of(t) for _s, t in word)
        bare = sum(width_of(t.rstrip(" ")) for _s, t in word)
        if used and used + bare > width:
            out.append([])
            used = 0
        if bare > width and not used:  # cut a very long word, in one pass (a 1 MB name stays fast)
            pieces = _cut(word, width)
            for piece in pieces[:-1]:
                out[-1].extend(piece)
                out.append([])
            word = pieces[-1]
            size = sum(width_of(t) for _s, t in word)
        out[-1].extend(word)
        used += size
    return out


def wrap(fragments: StyleAndTextTuples, width: int) -> StyleAndTextTuples:
    """``fragments`` with newlines inserted at spaces so no line is wider than ``width``."""
    width = max(8, width)
    out: StyleAndTextTuples = []
    lines = _lines(fragments)
    for n, line in enumerate(lines):
        wrapped = _wrap_line(line, width)
        for i, part in enumerate(wrapped):
            out.extend(part)
            if i < len(wrapped) - 1 or n < len(lines) - 1:
                out.append(("", "\n"))
    return out


def skip_lines(fragments: StyleAndTextTuples, count: int) -> StyleAndTextTuples:
    """Drop the first ``count`` lines (for a panel scrolled down); keeps at least the last line."""
    if count <= 0:
        return fragments
    lines = _lines(fragments)
    count = min(count, max(0, len(lines) - 1))
    out: StyleAndTextTuples = []
    for i, line in enumerate(lines[count:]):
        if i:
            out.append(("", "\n"))
        out.extend(line)
    return out


class WrappedControl(FormattedTextControl):
    """A :class:`FormattedTextControl` that wraps at spaces for the width it is drawn at.

    The wrapped text is cached by content, width and scroll offset: most redraws (one
    per keystroke) change nothing in most panels, and wrapping is the costly part.
    """

    def __init__(self, get, *, scroll=None, **kwargs) -> None:
        self._get = get
        self._scroll = scroll
        self._width = 80
        self._cache_key: object = None
        self._cache_value: StyleAndTextTuples = []
        super().__init__(self._text, **kwargs)

    def content_key(self) -> object:
        """Changes whenever the drawn text would (see :class:`belscript.tui.cells.ReusedWindow`)."""
        self._text()
        return self._cache_key

    def _text(self) -> StyleAndTextTuples:
        source = to_formatted_text(self._get())
        offset = self._scroll() if self._scroll is not None else 0
        key = (self._width, offset, tuple(source))
        if key != self._cache_key:
            fragments = wrap(source, self._width)
            self._cache_value = skip_lines(fragments, offset) if offset else fragments
            self._cache_key = key
        return self._cache_value

    def preferred_height(self, width, max_available_height, wrap_lines, get_line_prefix):
        if width != self._width:
            self._fragment_cache.clear()
        self._width = width
        return super().preferred_height(width, max_available_height, wrap_lines, get_line_prefix)

    def create_content(self, width: int, height: int | None) -> UIContent:
        if width != self._width:
            self._fragment_cache.clear()
        self._width = width
        return super().create_content(width, height)

"""Text from files and logs never steers the terminal it is printed on.

A customer name such as ``"\\x1b]0;pwned\\x07\\x1b[2J"`` would set the terminal title and
clear the screen; a right-to-left override (U+202E) or a zero-width space makes a
line read differently from what it holds. Every text belscript prints goes through
:func:`visible`, which shows such characters as ``\\u001b``-style escapes instead of
sending them. The escape form is JSON's, so JSON output keeps meaning the same.

The command line installs :class:`SafeStream` over standard output and error once
(:func:`belscript.cli.main.main`), so no command can forget it; the full-screen call
(prompt_toolkit, which escapes on its own) switches it off with :func:`raw_output`
while the screen is drawn.
"""

from __future__ import annotations

import re
from contextlib import contextmanager

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (every command imports this)
if TYPE_CHECKING:  # pragma: no cover
    from collections.abc import Iterator
    from typing import Any, TextIO

__all__ = ["visible", "SafeStream", "raw_output"]

#: C0 and C1 control characters except newline, tab and a carriage return before a newline (CSV), DEL, and the invisible format
#: characters: bidi embeddings, overrides and isolates, zero-width characters, word
#: joiner and invisible operators, the byte-order mark, line and paragraph separators,
#: interlinear annotations and Unicode tag characters.
_UNSAFE = (
    "\r(?!\n)|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f"
    "\ufeff\ufff9-\ufffb\U000e0000-\U000e007f]"
)
#: The same for ASCII text (most of what a command prints): cheap to compile, while the
#: class beyond Latin-1 above costs ~0.5 ms, so that one waits until other text comes.
_ASCII_UNSAFE = re.compile("\r(?!\n)|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def visible(text: str) -> str:
    """``text`` with every control, bidi and zero-width character written as an escape."""
    if text.isascii():
        return _ASCII_UNSAFE.sub(_escape, text)
    return re.sub(_UNSAFE, _escape, text)


_raw = False


@contextmanager
def raw_output() -> Iterator[None]:
    """Let text through unchanged (for a full-screen program that escapes on its own)."""
    global _raw
    before, _raw = _raw, True
    try:
        yield
    finally:
        _raw = before


class SafeStream:
    """A text stream that writes :func:`visible` text to the stream it wraps.

    Everything else (``buffer`` for binary output, ``fileno``, ``isatty``, ``encoding``)
    is the wrapped stream's own.
    """

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    @property
    def wrapped(self) -> TextIO:
        return self._stream

    def write(self, text: str) -> int:
        self._stream.write(text if _raw else visible(text))
        return len(text)

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)

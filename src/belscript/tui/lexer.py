"""Highlighting discouraged phrasing in the input line while the caller types.

The lexer asks the screen model for the findings of the current text (the same,
cached result the warning bar shows), so one keystroke costs one phrasing check at
most, however often prompt_toolkit redraws.
"""

from __future__ import annotations

from collections.abc import Callable

from prompt_toolkit.document import Document
from prompt_toolkit.formatted_text import StyleAndTextTuples
from prompt_toolkit.lexers import Lexer

from belscript.screen.model import CallModel


def highlight(text: str, findings) -> StyleAndTextTuples:
    """``text`` as fragments with every finding's span styled (errors stronger than warnings)."""
    if not findings:
        return [("", text)]
    styles = [""] * len(text)
    for f in findings:
        style = _STYLES.get(f.level, "class:finding.soft")
        for i in range(max(0, f.start), min(len(text), f.end)):
            if styles[i] != "class:finding.error":
                styles[i] = style
    out: StyleAndTextTuples = []
    for ch, style in zip(text, styles):
        if out and out[-1][0] == style:
            out[-1] = (style, out[-1][1] + ch)
        else:
            out.append((style, ch))
    return out


#: A softened rule (a script lowered it to a suggestion) is only underlined.
_STYLES = {"error": "class:finding.error", "warning": "class:finding"}


class PhrasingLexer(Lexer):
    """Marks the words of the input line that the phrasing checker found."""

    def __init__(self, model: CallModel) -> None:
        self.model = model

    def lex_document(self, document: Document) -> Callable[[int], StyleAndTextTuples]:
        text = document.text
        findings = self.model.preview(text).findings

        def get_line(lineno: int) -> StyleAndTextTuples:
            if lineno != 0:
                return [("", document.lines[lineno])] if lineno < len(document.lines) else []
            return highlight(document.lines[0], findings)

        return get_line

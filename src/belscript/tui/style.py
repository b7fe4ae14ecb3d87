"""Colours and emphasis of the call screen.

Every style that carries meaning also has a non-colour attribute (bold, underline,
reverse), so with ``NO_COLOR`` (monochrome) a warning is still underlined, an option
number still bold and the header still reversed: the screen stays usable.
"""

from __future__ import annotations

from prompt_toolkit.styles import Style

_COLOURED = {
    "header": "reverse bold",
    "header.right": "reverse",
    "footer": "reverse",
    "title": "bold fg:ansicyan",
    "strong": "bold",
    "dim": "fg:ansibrightblack",
    "say": "bold",
    "ok": "fg:ansigreen",
    "warn": "fg:ansiyellow",
    "error": "bold fg:ansired",
    "option.nr": "bold fg:ansicyan",
    "option": "",
    "option.off": "fg:ansibrightblack italic",
    "finding": "underline bold fg:ansiyellow",
    "finding.error": "underline bold reverse fg:ansired",
    "finding.soft": "underline",
    "suggestion": "fg:ansigreen",
    "feedback": "",
    "prompt": "bold",
    "customer": "italic fg:ansimagenta",
    "dialog": "bold",
    "frame.label": "bold",
}

_MONOCHROME = {
    "header": "reverse bold",
    "header.right": "reverse",
    "footer": "reverse",
    "title": "bold",
    "strong": "bold",
    "say": "bold",
    "error": "bold",
    "option.nr": "bold",
    "option.off": "italic",
    "finding": "underline bold",
    "finding.error": "underline bold reverse",
    "finding.soft": "underline",
    "prompt": "bold",
    "customer": "italic",
    "dialog": "bold",
    "frame.label": "bold",
}


def build_style(color: bool = True) -> Style:
    """The screen's style; ``color=False`` for ``NO_COLOR`` (attributes only, no colours)."""
    rules = _COLOURED if color else _MONOCHROME
    return Style.from_dict(rules)

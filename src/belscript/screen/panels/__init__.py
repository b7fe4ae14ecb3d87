"""The text of every panel of the call screen, as data: one function per panel.

This is the one place a panel's wording is written. Each function takes the screen's
model (and, where the layout matters, whether the screen is ``compact``) and returns
``(style, text)`` fragments; :mod:`belscript.tui` only decides where and how big they
are drawn. Tested without a terminal.

- :mod:`.call`: header, "Zeg nu", options, tips, agreement, dossier, notes, the
  customer pane, messages, the feedback bar, key hints;
- :mod:`.agreement`: the agreement panel, its compact summary, the recap to read back;
- :mod:`.overlays`: help, excuse list, agreement fields, F2's details, the abort question;
- :mod:`.prepare`: the preparation screen and the text after the call.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from belscript.screen.panels.agreement import agreement_lines, agreement_summary, policy_lines, recap_now
from belscript.screen.panels.call import (
    MORE,
    TITLES,
    agreement,
    customer,
    dossier,
    dossier_title,
    feedback,
    footer,
    golden_now,
    header,
    header_right,
    header_title,
    header_widths,
    messages,
    notes,
    options,
    say,
    step_title,
    summary,
    tips,
)
from belscript.screen.panels.overlays import (
    DIALOG_TITLE,
    REASON_REQUIRED,
    dialog_text,
    excuses_text,
    fields_text,
    help_text,
    overlay_text,
    overlay_title,
)
from belscript.screen.panels.prepare import after, prep_left, prep_right

if TYPE_CHECKING:  # pragma: no cover
    from belscript.screen.model import CallModel

__all__ = [
    "DIALOG_TITLE", "MORE", "TITLES", "REASON_REQUIRED", "after", "agreement", "agreement_lines", "agreement_summary", "customer",
    "dialog_text", "dossier", "dossier_title", "excuses_text", "feedback", "fields_text", "footer", "golden_now",
    "header", "header_right", "header_title", "header_widths", "help_text", "messages", "notes", "options", "overlay_text",
    "overlay_title", "policy_lines", "prep_left", "prep_right", "recap_now", "say", "screen_text", "step_title",
    "summary", "tips",
]


def screen_text(model: CallModel, *, compact: bool = False, typed: str = "", dialog_open: bool = False,
                dialog_problem: str = "") -> str:
    """Every panel's text for the model's phase, as one string (what tests and the benchmark read)."""
    parts = [header(model, compact=compact), header_right(model, compact=compact)]
    if model.phase == "prepare":
        parts += [prep_left(model), prep_right(model)]
    elif model.phase == "call":
        parts += [say(model, compact=compact), options(model), tips(model), agreement(model), dossier(model),
                  notes(model), customer(model)]
    else:
        parts += [after(model)]
    parts += [messages(model), feedback(model, typed)]
    if model.overlay is not None:
        parts.append([("", overlay_title(model) + "\n")] + overlay_text(model))
    if dialog_open:
        parts.append(dialog_text(dialog_problem))
    return "\n".join("".join(t for _s, t in p) for p in parts)

"""What opens over the call (help, the excuse list, the agreement's fields, F2's details,
the recap) and the question Ctrl-C asks, as ``(style, text)`` fragments."""

from __future__ import annotations

from typing import TYPE_CHECKING

from belscript.screen.panels import call as panels
from belscript.screen.panels.agreement import policy_lines, recap_now

if TYPE_CHECKING:  # pragma: no cover
    from belscript.screen.mode import Fragments
    from belscript.screen.model import CallModel


TITLES = {
    "help": "Toetsen en opdrachten (Esc of F1 sluit)",
    "excuses": "Welk excuus noemt de klant? Typ het nummer en Enter (Esc: terug)",
    "agreement": "De afspraak invullen: /afspraak <veld> <wat de klant zegt> (Esc sluit)",
    "details": "Tips, dossier en notities (Esc of F2 sluit)",
    "summary": "De afspraken om terug te lezen (Esc sluit, PageUp/PageDown bladert)",
}

#: The title of the abort question (Ctrl-C during the call).
DIALOG_TITLE = "Gesprek afbreken?"


def overlay_title(model: CallModel) -> str:
    return TITLES.get(model.overlay or "", "")


def overlay_text(model: CallModel, dossier: Fragments | None = None) -> Fragments:
    """The open overlay's text; ``dossier`` is the dossier panel's text when the caller has it at hand."""
    overlay = model.overlay
    if overlay == "help":
        return help_text()
    if overlay == "excuses":
        return excuses_text(model)
    if overlay == "agreement":
        return fields_text(model)
    if overlay == "summary":
        return [("class:say", line + "\n") for line in recap_now(model)]
    if overlay == "details":
        return ([("class:title", "Tips\n")] + panels.tips(model) + [("class:title", "\nDossier\n")]
                + (dossier if dossier is not None else panels.dossier(model))
                + [("class:title", "\nNotities\n")] + panels.notes(model))
    return []


def help_text() -> Fragments:
    from belscript.screen.commands import help_lines

    out: Fragments = []
    for left, right in help_lines():
        out.append(("class:option.nr", f"{left}: "))
        out.append(("", f"{right}\n"))
    return out


def excuses_text(model: CallModel) -> Fragments:
    out: Fragments = []
    for i, excuse in enumerate(model.call.excuses if model.call else [], start=1):
        out.append(("class:option.nr", f"{i:>2}. "))
        out.append(("class:option", excuse.label + "\n"))
        if excuse.examples:
            out.append(("class:dim", "    bijv. " + " · ".join(f"“{e}”" for e in excuse.examples[:2]) + "\n"))
    return out


def fields_text(model: CallModel) -> Fragments:
    from belscript.agreement.entry import FIELDS

    out: Fragments = []
    for name, what in FIELDS.items():
        out.append(("class:option.nr", f"/afspraak {name} "))
        out.append(("", f"— {what}\n"))
    out.append(("class:title", "\nWat u kunt aanbieden (dit belscript)\n"))
    out.extend(("", f"• {line}\n") for line in policy_lines(model))
    return out


def dialog_text(problem: str = "") -> Fragments:
    """The abort question of Ctrl-C, with what was wrong with the last answer."""
    out = [("", "Typ waarom u het gesprek afbreekt en druk op Enter. belscript legt de reden vast en "
                "plant een vervolgmoment in een gouden beluur.\n"),
           ("class:dim", "Esc: terug naar het gesprek. Nog eens Ctrl-C: pauzeren; alles blijft bewaard en u gaat "
                         "later verder met belscript call --resume.\n")]
    if problem:
        out.append(("class:error", problem + "\n"))
    return out


#: Said in the abort question when Enter is pressed without a reason.
REASON_REQUIRED = "Een reden is verplicht (bijvoorbeeld: klant moest weg, verbinding verbroken)."

"""The two panels of the preparation screen and the text after the call, as fragments."""

from __future__ import annotations

from typing import TYPE_CHECKING

from belscript.screen.facts import goal_of, known_and_missing
from belscript.screen.panels.agreement import policy_lines

if TYPE_CHECKING:  # pragma: no cover
    from belscript.screen.mode import Fragments
    from belscript.screen.model import CallModel


def prep_left(model: CallModel) -> Fragments:
    """The goal of the call, what the customer file lacks and what it says."""
    known, missing = known_and_missing(model.dossier)
    out = [("class:title", "Doel van het gesprek\n"), ("class:strong", goal_of(model.dossier) + "\n\n"),
           ("class:title", "Wat nog ontbreekt in het dossier\n")]
    if missing:
        out.extend(("class:warn", f"• {line}\n") for line in missing)
    else:
        out.append(("class:ok", "Niets: het dossier is compleet.\n"))
    out.append(("class:title", "\nWat u weet uit het dossier\n"))
    out.extend(("", f"• {line}\n") for line in known)
    return out


def prep_right(model: CallModel) -> Fragments:
    """When to call, how to begin, what may be offered, and the preparation step's tips."""
    out = [("class:title", "Beltijd\n")]
    if model.golden is None:
        out.append(("class:dim", "Gouden beluur: even kijken…\n"))
    else:
        style = "class:ok" if model.golden.startswith("Nu is") else "class:warn"
        out.append((style, model.golden + "\n"))
    out.append(("class:title", "\nBeginnen\n"))
    choices = model.prep_options
    if len(choices) == 1:
        out.append(("class:strong", f"Enter: {choices[0][1]}\n"))
    elif choices:
        out.extend(("", f"{nr}. {label}\n") for nr, label in choices)
        out.append(("class:strong", "Typ een cijfer, of Enter voor de eerste.\n"))
    else:
        out.append(("class:strong", "Enter: het gesprek begint.\n"))
    out.append(("class:title", "\nWat u kunt aanbieden (afspraakbeleid van het script)\n"))
    out.extend(("", f"• {line}\n") for line in policy_lines(model))
    step = model.script.steps[model.script.start_step]
    if step.tips and choices:
        out.append(("class:title", "\nTips bij de voorbereiding\n"))
        out.extend(("class:dim", f"• {' '.join(t.split())}\n") for t in step.tips)
    return out


def after(model: CallModel) -> Fragments:
    """After the call: what the mode wrote (recap, e-mail, files, or a score)."""
    return model.after.fragments

"""The text of each panel of the call, from the model's state: header, "Zeg nu", options,
tips, notes, the customer pane, messages, the feedback bar and the key hints.

Each function returns ``(style, text)`` fragments (plain tuples; the styles are the
class names of :mod:`belscript.tui.style`). ``compact`` is the one-column layout of a
small terminal, where some panels are hidden and their essentials move elsewhere.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from belscript.screen.mode import Fragments
    from belscript.screen.model import CallModel


#: The titles of the fixed panels, by panel (the wide layout's and the compact one's).
TITLES = {
    "messages": "Berichten",
    "prepare": "Voorbereiding (PageUp/PageDown)",
    "prepare-right": "Wanneer u belt en wat u kunt aanbieden",
    "customer": "Klant",
    "options": "Opties (cijfer + Enter)",
    "tips": "Tips",
    "agreement": "Afspraak",
    "agreement-compact": "Afspraak (F2: dossier, tips, notities)",
    "notes": "Notities",
    "after": "Na het gesprek (PageUp/PageDown)",
}
#: On the border of a panel that has more below.
MORE = "▼ meer met PageDown"


def _where(model: CallModel) -> str:
    if model.phase == "prepare":
        return "voorbereiding"
    if model.phase == "call" and model.call is not None:
        return f"stap: {model.view()['step'].title}"
    return "na het gesprek"


def _shorten(text: str, room: int) -> str:
    """``text`` cut at a word to fit ``room`` cells, with an ellipsis ("Afspraak maken en…")."""
    if len(text) <= room:
        return text
    if room <= 1:
        return "…"[:max(0, room)]
    cut = text[:room - 1]
    if " " in cut and text[room - 1] != " ":
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ·,") + "…"


def header_title(model: CallModel, *, compact: bool, width: int | None = None) -> str:
    """The header's title: program, customer, where in the call, script; fitted into ``width``.

    What gives way first is what the caller needs least: the program's name, then the
    script's title, then the word "stap:", then the step title is shortened at a word
    (with "…"), and the customer's name last.
    """
    customer, where = model.dossier.customer.name, _where(model)
    step = where.removeprefix("stap: ")
    candidates = [[customer, step]] if compact else [["belscript", customer, where, model.script.title],
                                                     [customer, where, model.script.title],
                                                     [customer, where], [customer, step]]
    if width is None:
        return " " + " · ".join(candidates[0])
    for parts in candidates:
        text = " " + " · ".join(parts)
        if len(text) <= width:
            return text
    room = width - len(customer) - 4
    if room >= 12 or room >= len(step):
        return f" {customer} · {_shorten(step, room)}"
    return " " + _shorten(f"{customer} · {step}", width - 1)


def header(model: CallModel, *, compact: bool, width: int | None = None) -> Fragments:
    return [("class:header", header_title(model, compact=compact, width=width))]


def golden_now(model: CallModel, short: bool = False) -> str:
    """Short golden-hour status for the header (empty until the holiday data is loaded);
    ``short`` for a small terminal."""
    if model.golden is None:
        return ""
    from belscript import calltime

    now = model.clock.now()
    slot = calltime.golden_slot(now)
    if slot is not None:
        return f"gouden beluur tot {slot[1]:%H:%M}"
    upcoming = calltime.next_golden(now)
    when = f"{upcoming:%H:%M}" if upcoming.date() == now.date() else f"{upcoming:%d-%m %H:%M}"
    return f"beluur vanaf {when}" if short else f"geen gouden beluur (volgende {when})"


def header_right(model: CallModel, *, compact: bool, width: int | None = None) -> Fragments:
    """Time in the call and the golden hour; within ``width`` the golden hour is shortened
    ("beluur tot 11:30") or left out, the timer always stays."""
    golden = golden_now(model, short=compact)
    timer = f" ⏱ {model.elapsed()} "
    candidates = [f" ⏱ {model.elapsed()} · {golden} " if golden else timer]
    if golden:
        candidates += [f" ⏱ {model.elapsed()} · {golden.removeprefix('gouden ')} ", timer]
    text = next((c for c in candidates if width is None or len(c) <= width), timer)
    return [("class:header.right", text)]


def header_widths(model: CallModel, *, compact: bool, cols: int) -> tuple[int, int]:
    """How the header row is shared: (title, time) widths. The title gets what it needs
    first, the time in the call always fits, the golden hour takes what is left."""
    right_full = len(header_right(model, compact=compact)[0][1])
    timer = len(f" ⏱ {model.elapsed()} ")
    wanted = len(header_title(model, compact=compact))
    right = max(min(timer, cols // 2), min(right_full, cols - wanted, cols // 2))
    return cols - right, right


def step_title(model: CallModel) -> str:
    instead = model.mode.say_instead(model)
    if instead is not None:
        return instead[0]
    view = model.view()
    step = view.get("step")
    if view.get("reading_back"):
        return "Zeg nu: de afspraken teruglezen"
    return f"Zeg nu: {step.title}" if step else "Zeg nu"


def say(model: CallModel, *, compact: bool) -> Fragments:
    """What to say now: the step's line, the recap to read back, the closing note."""
    instead = model.mode.say_instead(model)
    if instead is not None:
        return instead[1]
    view = model.view()
    step = view.get("step")
    if step is None:
        return []
    if view.get("reading_back"):
        return [("class:say", line + "\n") for line in view["recap"]]
    out = [("class:say", step.text.strip() + "\n")]
    if view.get("recap"):
        out.append(("class:title", "\nTerug te lezen:\n"))
        out.extend(("class:say", line + "\n") for line in view["recap"])
    if step.is_end:
        out.append(("class:ok", "\nDit is de afsluiting van het gesprek.\n"))
    if compact and model.call is not None:  # the tips panel is hidden (F2); its reminders are not
        out.extend(("class:warn", f"Let op: {hint}\n") for hint in model.call.hints)
    return out


def options(model: CallModel) -> Fragments:
    view = model.view()
    step = view.get("step")
    if step is None:
        return []
    if view.get("reading_back"):
        return [("class:dim", "Eerst de afspraken teruglezen (hierboven); daarna sluit Enter het gesprek af.\n")]
    out: Fragments = []
    for o in step.options:
        if o.available:
            out.append(("class:option.nr", f"{o.nr:>2}. "))
            out.append(("class:option", o.label + "\n"))
        else:
            why = view.get("why_not", {}).get(o.nr) or o.why_unavailable or ""
            out.append(("class:option.off", f"{o.nr:>2}. {o.label} (nog niet: {why})\n"))
        if o.say:
            out.append(("class:dim", f"     zeg: {' '.join(o.say.split())}\n"))
    if view.get("excuses"):
        out.append(("class:title", "Noemt de klant een excuus? "))
        out.append(("", f"Typ /excuus voor de lijst met {len(view['excuses'])} antwoorden.\n"))
    if not step.options and not step.is_end:
        out.append(("class:dim", "Geen opties; /einde sluit af als de afspraak concreet is.\n"))
    return out


def tips(model: CallModel) -> Fragments:
    step = model.view().get("step")
    if step is None:
        return []
    call = model.call
    out: Fragments = [("class:warn", f"Let op: {hint}\n") for hint in (call.hints if call is not None else [])]
    out.extend(("", f"• {' '.join(t.split())}\n") for t in step.tips)
    return out


def agreement(model: CallModel) -> Fragments:
    return model.view().get("agreement", [])


def summary(model: CallModel) -> Fragments:
    return model.view().get("summary", [])


def dossier(model: CallModel) -> Fragments:
    """The customer file, line by line (the screen caches it: it does not change during a call)."""
    from belscript.screen.facts import dossier_lines

    out: Fragments = []
    for line in dossier_lines(model.dossier, today=model.clock.today()):
        out.extend(line)
        out.append(("", "\n"))
    return out


def dossier_title(*, say_has_more: bool) -> str:
    """While the line to say has more to read, PageDown belongs to it; F2 still shows the whole dossier."""
    return "Dossier (F2)" if say_has_more else "Dossier (PageUp/PageDown)"


def notes(model: CallModel) -> Fragments:
    saved = model.view().get("notes", [])
    if not saved:
        return [("class:dim", "Nog geen notities. Typ tekst en druk op Enter.")]
    return [("", f"{at:%H:%M} {text}\n") for at, text in saved]


def customer(model: CallModel) -> Fragments:
    return [("class:customer", f"{line}\n") for line in model.customer_voice() or []]


_MESSAGE_STYLES = {"ok": "class:ok", "warn": "class:warn", "error": "class:error", "info": ""}


def messages(model: CallModel) -> Fragments:
    recent = list(model.messages)[-30:]
    return [(_MESSAGE_STYLES.get(m.level, ""), m.text + ("\n" if i < len(recent) - 1 else ""))
            for i, m in enumerate(recent)]


def feedback(model: CallModel, typed: str) -> Fragments:
    """The bar under the panels: what the line being typed would do, or its phrasing warnings."""
    lines = list(model.preview(typed).lines)
    if not lines and model.phase == "call":
        return [("class:dim", " ")]
    return lines


def footer(model: CallModel, *, compact: bool, dialog_open: bool = False) -> Fragments:
    """The key hints on the last row."""
    if dialog_open:
        text = " Enter: afbreken met deze reden · Esc: terug naar het gesprek · Ctrl-C: pauzeren (later verder)"
    elif model.phase == "prepare":
        text = " Enter: beginnen · F1: hulp · Ctrl-C: stoppen zonder te bellen"
    elif model.phase == "call" and model.overlay is not None:
        text = " Esc: sluiten · PageUp/PageDown: bladeren · F1: hulp · Ctrl-C: afbreken"
    elif model.phase == "call" and compact:
        text = " F1: hulp · F2: dossier/tips · /afspraak · /excuus · /einde · Ctrl-C: afbreken"
    elif model.phase == "call":
        text = (" cijfer+Enter: optie · /afspraak · /naam · /excuus · /einde · F1 of /help · F2: dossier · "
                "Ctrl-C: afbreken")
    else:
        text = " Enter: volgende · PageDown: verder lezen · Ctrl-C: sluiten (alles is bewaard)"
    return [("class:footer", text)]

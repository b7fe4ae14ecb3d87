"""What each slash command and option number does during the call.

One function per command, each taking the model and the text after the command word;
:data:`HANDLERS` maps the command names of :mod:`belscript.screen.commands` to them.
A mode (:class:`~belscript.screen.mode.Mode`) adds or replaces entries through its
``commands()`` hook, so practice mode never reaches into this module's functions by a
private name. Messages go to the messages panel through ``model.info``.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from belscript.dutch import join
from belscript.errors import CallRefused
from belscript.screen import commands, guidance

if TYPE_CHECKING:  # pragma: no cover
    from belscript.screen.mode import Handler
    from belscript.screen.model import CallModel


# ---------------------------------------------------------------------- options and refusals

def choose(model: CallModel, nr: int) -> None:
    """Take option ``nr`` of the current step, or say why it cannot be taken yet."""
    assert model.call is not None
    from belscript.engine.call import NO_OUTCOME

    step = model.call.step
    option = next((o for o in step.options if o.nr == nr), None)
    try:
        model.call.choose(nr)
    except CallRefused as exc:
        if option is None or NO_OUTCOME in exc.missing:
            raise
        why = guidance.why_not(model.call, step.id, option)
        if why == guidance.CONDITION_STEPS["has_contact_person"] and model.dossier.contact:
            why += f", bijvoorbeeld /naam {model.dossier.contact.name}"
        model.info(f"Optie {nr} kan nu nog niet ({option.label}): {why}.", "error")
        return
    if option is not None:
        model.info(f"Gekozen: {nr}. {option.label}", "ok")


def refused(model: CallModel, exc: CallRefused) -> None:
    """Say what was refused and what to type about it, without repeating a long list."""
    from belscript.engine.call import NO_OUTCOME

    if NO_OUTCOME in exc.missing:
        refused_end(model, [m for m in exc.missing if m != NO_OUTCOME])
        return
    text = exc.message
    if exc.missing:
        text += " Nog nodig: " + join(exc.missing) + "."
    model.info(text, "error")


def refused_end(model: CallModel, problems: list[str]) -> None:
    """Ending was refused: the first time every missing item with its command, after that
    (while nothing changed) one short line, so the messages do not fill up with the same list."""
    assert model.call is not None
    items = guidance.missing_all(problems, model.script.agreement)
    key = tuple(problems)
    events = model.call.events
    last = model.last_end_refusal
    model.last_end_refusal = (key, len(events))
    if last is not None and last[0] == key and all(e.kind == "refused" for e in events[last[1]:]):
        model.info(f"Afsluiten kan nog steeds niet; nog nodig: {guidance.short_list(items)}. "
                   f"Komt er geen afspraak, typ dan {guidance.NO_AGREEMENT_STEP}.", "error")
        return
    lines = ["Het gesprek kan nog niet worden afgesloten. Nog nodig voor een concrete afspraak:"]
    lines.extend(f"  • {m.line()}" for m in items)
    lines.append(f"Komt er geen afspraak? Leg dan vast waarom: {guidance.NO_AGREEMENT_STEP}.")
    model.info("\n".join(lines), "error")


# ---------------------------------------------------------------------- /afspraak

def split_field(args: str) -> tuple[str, str]:
    """``"soort afspraak regeling"`` -> ``("soort afspraak", "regeling")``: the field, then what the customer said."""
    from belscript.agreement.entry import field_name

    words = args.split()
    for n in (3, 2):  # multi-word field names such as "soort afspraak", "als niet"
        if len(words) > n and field_name(" ".join(words[:n])):
            return " ".join(words[:n]), " ".join(words[n:])
    if not words:
        return "", ""
    return words[0].rstrip(":"), " ".join(words[1:])


def ask(hint: str) -> str:
    """A hint of the agreement layer with a label saying who it is for."""
    return f"Vraag de klant: {hint}" if hint.rstrip().endswith("?") else f"Tip: {hint}"


def feedback_lines(model: CallModel, field_: str, feedback: Any) -> list[tuple[str, str]]:
    """(level, message) lines for what one ``/afspraak`` entry did."""
    lines: list[tuple[str, str]] = []
    if feedback.ok:
        lines.append(("ok", f"Afspraak, {field_}: {feedback.shown}"))
        if feedback.message:
            lines.append(("info", feedback.message))
    else:
        lines.append(("error", feedback.message or "Niet begrepen."))
        if feedback.hint:
            lines.append(("info", ask(feedback.hint)))
    if feedback.missing:
        items = guidance.missing_all(feedback.missing, model.script.agreement)
        lines.append(("warn", f"Nog nodig: {guidance.short_list(items)}."))
    elif feedback.ok:
        lines.append(("ok", "De afspraak is concreet."))
    return lines


def afspraak(model: CallModel, args: str) -> None:
    assert model.call is not None
    field_, text = split_field(args)
    if not field_:
        model.overlay = "agreement"  # every field with an example, and the script's limits
        return
    feedback = model.call.set_agreement(field_, text)
    for level, line in feedback_lines(model, field_, feedback):
        model.info(line, level)


# ---------------------------------------------------------------------- the other commands

def show_help(model: CallModel, args: str) -> None:
    model.overlay = "help"


def naam(model: CallModel, args: str) -> None:
    assert model.call is not None
    model.call.set_contact(args)
    model.info(f"U spreekt met {model.call.contact}.", "ok")


def excuus(model: CallModel, args: str) -> None:
    assert model.call is not None
    excuses = model.call.excuses
    if not excuses:
        model.info("Bij deze stap kunt u geen excuus kiezen; dat kan zodra de klant aan het woord is "
                   "(bij Luisteren, Doorvragen, Klant laten voorstellen of een aanbod).", "warn")
        return
    if not args:
        model.overlay = "excuses"
        return
    key = args.split()[0].lower()
    if key.isdigit() and 1 <= int(key) <= len(excuses):
        chosen = excuses[int(key) - 1]
    else:
        chosen = next((ex for ex in excuses if ex.id == key or ex.label.lower().startswith(key)), None)
    if chosen is None:
        model.info(f"Geen excuus ‘{args}’. Kies 1 t/m {len(excuses)}; /excuus toont de lijst.", "warn")
        return
    model.call.handle_excuse(chosen.id)
    model.info(f"Excuus: {chosen.label}. Zeg nu wat er bij ‘Zeg nu’ staat.", "ok")


def geenafspraak(model: CallModel, args: str) -> None:
    assert model.call is not None
    word, _, detail = args.partition(" ")
    reason = commands.reason_from(word) if word else None
    if reason is None:
        wrong = f"‘{word}’ is geen reden. " if word else ""
        model.info(f"{wrong}Typ /geenafspraak met een reden: {commands.reasons_text()}.", "warn")
        return
    before, event = model.call.state, model.call.close_without_agreement(reason, detail)
    from belscript.agreement.datewords import say_moment

    follow = datetime.fromisoformat(event.payload.follow_up)
    model.info(f"Geen afspraak vastgelegd ({event.payload.label}). Vervolgmoment: {say_moment(follow)}.", "ok")
    if model.call.state != before:
        model.info(f"Zeg nu wat er bij ‘{model.call.step.title}’ staat, zodat de klant weet wat er volgt.")
    closing = closing_option(model)
    model.info(f"Sluit af met optie {closing.nr} ({closing.label}), of typ /einde." if closing is not None
               else "U kunt nu afsluiten met /einde.")


def closing_option(model: CallModel) -> Any:
    """The available option of this step that ends the call, if there is one."""
    assert model.call is not None
    for option in model.call.step.options:
        target = model.script.steps.get(option.target)
        if option.available and target is not None and target.end:
            return option
    return None


def einde(model: CallModel, args: str) -> None:
    assert model.call is not None
    call = model.call
    if model.mode.read_back_before_end and not call.recap_done and call.is_concrete():
        model.reading_back = True
        model.info("Lees eerst de afspraken terug (Zeg nu); Enter zodra de klant ze bevestigt.", "warn")
        return
    call.end()


def end_after_read_back(model: CallModel) -> None:
    """The customer confirmed the recap: record that it was repeated, then end."""
    assert model.call is not None
    from belscript.screen.panels import recap_now

    model.call.record_recap("\n".join(recap_now(model)))
    model.info("Afspraken teruggelezen en bevestigd.", "ok")
    model.call.end()


def afbreken(model: CallModel, args: str) -> None:
    if not args.strip():
        model.info("Geef een reden: /afbreken <reden>, bijvoorbeeld /afbreken klant moest plots weg.", "warn")
        return
    model.abort(args)


def terug(model: CallModel, args: str) -> None:
    assert model.call is not None
    model.call.back()
    model.info(f"Terug naar ‘{model.call.step.title}’.", "ok")


def samenvatting(model: CallModel, args: str) -> None:
    """The whole recap over the call (the messages pane shows only its last lines)."""
    model.overlay = "summary"


def pauze(model: CallModel, args: str) -> None:
    model.pause()


#: Every command of :data:`belscript.screen.commands.COMMANDS`, by name (one line each).
HANDLERS: dict[str, Handler] = {
    "afspraak": afspraak,
    "naam": naam,
    "excuus": excuus,
    "geenafspraak": geenafspraak,
    "einde": einde,
    "afbreken": afbreken,
    "terug": terug,
    "samenvatting": samenvatting,
    "pauze": pauze,
    "help": show_help,
}

"""What the feedback bar says about the line being typed, before Enter.

The same one rule as Enter (:func:`belscript.screen.commands.parse`): for a note the
phrasing findings (or, where the script softened a rule, a suggestion), for a number
the option it would take or why not yet, for a command what it would do, for
``/afspraak`` the agreement as it would be understood. Lines are ``(style, text)``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from belscript.phrasing.levels import WARNING_LEVELS
from belscript.screen import commands, guidance
from belscript.screen.commands import Input
from belscript.screen.dispatch import ask, split_field

if TYPE_CHECKING:  # pragma: no cover
    from belscript.screen.model import CallModel

Lines = list[tuple[str, str]]


@dataclass(frozen=True)
class Preview:
    """What the screen shows about the line being typed, before Enter.

    ``findings`` are the phrasing findings of a note still shown (not ignored), for
    highlighting; ``lines`` is the feedback bar.
    """

    findings: tuple = ()
    lines: tuple[tuple[str, str], ...] = ()


def compute(model: CallModel, text: str) -> Preview:
    """The feedback for ``text`` typed during the call (nothing in the other phases)."""
    parsed = commands.parse(text)
    call = model.call
    if model.phase != "call" or call is None:
        return Preview()
    if model.reading_back and parsed.kind == "empty":
        return Preview(lines=(("class:ok", "Enter: de klant heeft de afspraken bevestigd; het gesprek afsluiten."),
                              ("class:dim", "\nKlopt er iets niet? Typ gewoon verder (of Esc); dan sluit u nog niet af.")))
    if parsed.kind == "option" and model.overlay == "excuses":
        excuses = call.excuses
        if parsed.number is not None and 1 <= parsed.number <= len(excuses):
            return Preview(lines=(("class:ok", f"Enter: excuus {excuses[parsed.number - 1].label}"),))
        return Preview(lines=(("class:warn", f"Kies een excuus van 1 t/m {len(excuses)}."),))
    if parsed.kind == "note":
        return _note(model, text)
    if parsed.kind == "option":
        option = next((o for o in call.step.options if o.nr == parsed.number), None)
        if option is None:
            return Preview(lines=(("class:warn", f"Optie {parsed.number} bestaat niet bij deze stap."),))
        if not option.available:
            why = guidance.why_not(call, call.step.id, option)
            return Preview(lines=(("class:warn", f"Optie {option.nr} kan nu nog niet ({option.label}): {why}."),))
        return Preview(lines=(("class:ok", f"Enter: {option.label}"),))
    if parsed.kind == "command":
        return Preview(lines=tuple(join_lines(_command(model, parsed))))
    if parsed.kind == "unknown":
        maybe = f" Bedoelt u /{parsed.suggestion}?" if parsed.suggestion else ""
        return Preview(lines=(("class:warn", f"/{parsed.word} is geen opdracht.{maybe}"),))
    return Preview()


def _note(model: CallModel, text: str) -> Preview:
    findings = model.visible_findings(text)
    lines: Lines = []
    for f in findings:
        if f.level not in WARNING_LEVELS:  # softened by this script: a suggestion, not a warning
            why = model.script.phrasing[f.rule].reason if f.rule in model.script.phrasing else ""
            first = re.split(r"(?<=\.)\s", " ".join((why or "").split()), maxsplit=1)[0]
            lines.append(("class:dim", f"Suggestie bij ‘{f.match}’: in dit script toegestaan. "
                                       + (first or "Het kan ook zachter.")))
            if f.suggestions:
                lines.append(("class:suggestion", f"  Zachter: {f.suggestions[0]}"))
            continue
        style = "class:finding.error" if f.level == "error" else "class:finding"
        lines.append((style, f"‘{f.match}’: {f.message}"))
        if f.suggestions:
            lines.append(("class:suggestion", f"  Beter: {f.suggestions[0]}"))
    out = join_lines(lines)
    if findings:  # on the last line, so it stays visible in a three-line bar
        out.append(("class:dim", "  (Ctrl-O: negeren)"))
    return Preview(tuple(findings), tuple(out))


def _command(model: CallModel, parsed: Input) -> Lines:
    call = model.call
    assert call is not None and parsed.command is not None
    name = parsed.command.name
    if name == "afspraak":
        return _agreement(model, parsed.args)
    if name == "excuus" and not parsed.args:
        excuses = call.excuses
        if not excuses:
            return [("class:warn", "Bij deze stap zijn geen excuses.")]
        return [("class:dim", "  ".join(f"{i}. {e.label}" for i, e in enumerate(excuses, start=1)))]
    if name == "einde":
        if not call.may_end():
            items = guidance.missing_all(call.problems(), model.script.agreement)
            return [("class:warn", f"Afsluiten kan nog niet: nog nodig: {guidance.short_list(items)}."),
                    ("class:dim", f"Komt er geen afspraak? Leg dan vast waarom: {guidance.NO_AGREEMENT_STEP}.")]
        if model.mode.read_back_before_end and not call.recap_done and call.is_concrete():
            return [("class:ok", "Enter: eerst de afspraken teruglezen, daarna afsluiten.")]
        return [("class:ok", "Enter: het gesprek afsluiten.")]
    if name == "geenafspraak":
        return _no_agreement(parsed.args)
    return [("class:dim", f"/{name} {parsed.command.args}: {parsed.command.help}")]


def _agreement(model: CallModel, args: str) -> Lines:
    assert model.call is not None
    from belscript.agreement import entry

    field_, text = split_field(args)
    if not field_ or entry.field_name(field_) is None:
        known = ", ".join(entry.FIELDS)
        return [("class:dim", f"Velden: {known}")]
    canonical = entry.field_name(field_)
    if not text.strip():
        return [("class:dim", f"{canonical}: {entry.FIELDS[canonical]}")]
    _new, feedback = entry.apply(model.call.agreement, field_, text, policy=model.script.agreement,
                                 amount_due=model.dossier.total_due, today=model.clock.today())
    if feedback.ok:
        lines = [("class:ok", f"→ {feedback.shown}")]
        if feedback.message:
            lines.append(("class:dim", feedback.message))
        if feedback.missing:
            items = guidance.missing_all(feedback.missing, model.script.agreement)
            lines.append(("class:warn", f"Daarna nog nodig: {guidance.short_list(items)}."))
        else:
            lines.append(("class:ok", "Daarmee is de afspraak concreet."))
        return lines
    lines = [("class:warn", feedback.message or "Nog niet begrepen.")]
    if feedback.hint:
        lines.append(("class:suggestion", ask(feedback.hint)))
    return lines


def _no_agreement(args: str) -> Lines:
    from belscript.agreement.model import NO_AGREEMENT_LABELS, NoAgreementReason

    word, _, detail = args.partition(" ")
    reason = commands.reason_from(word) if word else None
    if reason is None:
        return [("class:dim", f"Reden: {commands.reasons_text()}.")]
    if reason is NoAgreementReason.other and not detail.strip():
        return [("class:warn", "Bij ‘anders’ hoort een korte toelichting, bijvoorbeeld "
                               "/geenafspraak anders klant belt zelf terug na de vakantie.")]
    return [("class:ok", f"Enter: geen afspraak ({NO_AGREEMENT_LABELS[reason]}); belscript plant een "
                         "vervolgmoment in een gouden beluur.")]


def join_lines(lines: Lines) -> Lines:
    """Fragments with a newline between lines (not after the last)."""
    out: Lines = []
    for i, (style, text) in enumerate(lines):
        out.append((style, text + ("\n" if i < len(lines) - 1 else "")))
    return out

"""Playing one example conversation through the real call engine with a fixed clock, and
comparing where it ends up with what it expects; notes go through the phrasing check
exactly as on the live screen."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from belscript.authoring.cases import Case, CaseResult, Expect, Move
from belscript.authoring.coverage import visited_and_taken
from belscript.errors import BelscriptError

if TYPE_CHECKING:  # pragma: no cover
    from belscript.dossier import Dossier


def _load_dossier(path: Path | None, cache: dict) -> "Dossier":
    from belscript.dossier.loader import demo_dossier_path, load_dossier

    key = path or demo_dossier_path()
    if key not in cache:
        cache[key] = load_dossier(key)
    return cache[key]


def _check_note(call, text: str, warnings: list[str]) -> None:
    """Check a note like the live screen does, and record the warnings it records."""
    from belscript import phrasing

    findings = phrasing.check(text, language=call.script.language, overrides=call.script.phrasing or None)
    for finding in findings:
        if not phrasing.counts_as_warning(finding.level):
            continue
        call.record_warning(finding.rule, finding.match, finding.message)
        warnings.append(finding.rule)


def _play(call, move: Move, warnings: list[str]) -> str | None:
    """Make one move; returns the Dutch refusal message if the engine refused it."""
    from belscript.errors import AgreementError, CallRefused

    try:
        if move.kind == "choose":
            call.choose(move.value)
        elif move.kind == "excuse":
            call.handle_excuse(move.value)
        elif move.kind == "note":
            _check_note(call, move.value, warnings)
            call.note(move.value)
        elif move.kind == "contact":
            call.set_contact(move.value)
        elif move.kind == "agree":
            for name, text in move.value.items():
                feedback = call.set_agreement(name, text)
                if not feedback.ok:
                    return f"{name}: {feedback.message}" + (f" ({feedback.hint})" if feedback.hint else "")
        elif move.kind == "no_agreement":
            call.record_no_agreement(move.value["reason"], move.value["detail"], move.value["follow_up"])
        elif move.kind == "back" and call.state.startswith("excuse:"):
            _back_to_conversation(call)
        elif move.kind == "back":
            call.back()
        elif move.kind == "end":
            call.end()
        elif move.kind == "abort":
            call.abort(move.value)
    except CallRefused as exc:
        missing = f" Ontbreekt: {'; '.join(exc.missing)}." if exc.missing else ""
        return exc.message + missing
    except AgreementError as exc:
        return exc.message + (f" ({exc.hint})" if exc.hint else "")
    return None


def _back_to_conversation(call) -> None:
    """``back`` in an excuse handler: continue the call at the excuse's ``go:`` step.

    That is the option leading there: the author's own, or the "Verder met het gesprek"
    option the engine adds; so the move is exactly what a caller can do on the screen,
    guards included, and counts as the handler's way back in the coverage.
    """
    excuse = call.script.excuses[call.state[len("excuse:"):]]
    ways = [opt for opt in call.step.options if opt.target == excuse.go]
    if not ways:  # pragma: no cover - the engine always offers a way to the excuse's go step
        call.back()
        return
    chosen = next((opt for opt in ways if opt.available), ways[0])
    call.choose(chosen.nr)


def _place(state: str) -> str:
    """``stap 'afspraak'`` or ``excuus 'al-betaald'``: where a refusal happened, in the engine's language."""
    if state.startswith("excuse:"):
        return f"excuus '{state[len('excuse:'):]}'"
    return f"stap '{state}'"


def run_case(script, case: Case, *, dossiers: dict | None = None) -> CaseResult:
    """Play one example conversation through the engine and compare with what it expects."""
    from belscript.clock import FixedClock
    from belscript.engine.call import Call

    result = CaseResult(case)
    if case.problems:
        result.failures.extend(f"{problem} (this conversation was not played)" for problem in case.problems)
        return result
    try:
        dossier = _load_dossier(case.dossier, {} if dossiers is None else dossiers)
        call = Call(script, dossier, clock=FixedClock(case.now))
    except BelscriptError as exc:
        result.failures.append(f"{case.where}: the conversation cannot start: {exc.message}")
        return result
    warnings: list[str] = []
    refusals: list[str] = []
    expect = case.expect
    for move in case.moves:
        state = call.state
        try:
            refused = _play(call, move, warnings)
        except BelscriptError as exc:
            refused = exc.message
        if refused is not None:
            refused = f"in {_place(state)}: {refused}"
            refusals.append(refused)
            if not expect.refused:
                result.failures.append(f"{move.where}: '{move.describe()}' was refused: {refused}")
    result.visited, result.taken = visited_and_taken(call, script)
    _compare(call, expect, warnings, refusals, case, result.failures)
    return result


def _compare(call, expect: Expect, warnings: list[str], refusals: list[str], case: Case, failures: list[str]) -> None:
    at = case.where
    if expect.step is not None and call.state != expect.step:
        failures.append(f"{at}: expected to be at step '{expect.step}', but the conversation is at '{call.state}'")
    if expect.ended is not None and call.ended != expect.ended:
        failures.append(f"{at}: expected the call {'to have ended' if expect.ended else 'to be still going'}, "
                        f"but it {'has ended' if call.ended else 'has not ended'}")
    if expect.outcome is not None:
        from belscript.agreement.model import NoAgreement

        outcome = call.outcome
        got = "none" if outcome is None else ("no_agreement" if isinstance(outcome, NoAgreement) else "agreement")
        if got != expect.outcome:
            failures.append(f"{at}: expected outcome '{expect.outcome}', got '{got}'")
    if expect.warnings is not None and sorted(set(warnings)) != sorted(set(expect.warnings)):
        shown = ", ".join(sorted(set(warnings))) or "none"
        wanted = ", ".join(sorted(set(expect.warnings))) or "none"
        failures.append(f"{at}: expected phrasing warnings [{wanted}], got [{shown}]")
    if expect.refused is True and not refusals:
        failures.append(f"{at}: expected a refusal, but every move was accepted")
    elif isinstance(expect.refused, str) and not any(expect.refused.lower() in r.lower() for r in refusals):
        got = "; ".join(refusals) or "no refusal"
        failures.append(f"{at}: expected a refusal mentioning '{expect.refused}', got: {got}")

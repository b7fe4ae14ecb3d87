"""Example conversations for a script, run through the real call engine (``belscript test``).

A script can say how a conversation with it should go: which options the caller
takes, which excuses come up, what is noted and agreed, and what must follow (the step
where the call ends, the outcome, phrasing warnings, refusals). The examples live in
the script under ``tests:`` or in a sibling file ``<name>.test.yaml``; the format is
described in ``docs/authoring.md``. They run through :class:`belscript.engine.call.Call`
with a fixed clock (default Monday 23 November 2026, 10:15) and a customer file (default
the demo file), and notes go through the phrasing check exactly as on the live screen.
So a test proves what a caller will experience, not what the author thinks the YAML
means.

Running the examples also measures coverage: which steps and excuse handlers were
visited, and which transitions (options, excuse choices, returns from a handler) were
taken, using the same graph as ``belscript graph`` and the checks.

Test files are checked as strictly as scripts: unknown keys, unknown excuses, numbers
that are not numbers are diagnostics with ``PATH:LINE:COL``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from belscript.document.diagnostics import Diagnostic, did_you_mean
from belscript.errors import BelscriptError, InvalidDocument
from belscript.document.source import SourceMap
from belscript.script.verify.flow import Edge, Flow, Node, build_flow

if TYPE_CHECKING:  # pragma: no cover
    from belscript.dossier import Dossier
    from belscript.script.loader import LoadedScript

#: The moment every example conversation happens unless it says otherwise.
DEFAULT_NOW = datetime(2026, 11, 23, 10, 15)

FILE_KEYS = ("script", "now", "dossier", "tests")
CASE_KEYS = ("name", "now", "dossier", "steps", "expect")
EXPECT_KEYS = ("step", "outcome", "ended", "warnings", "refused")
#: Moves with a value, and moves written as a bare word.
MOVES = ("choose", "excuse", "note", "contact", "agree", "no_agreement", "abort")
BARE_MOVES = ("back", "end")
OUTCOMES = ("agreement", "no_agreement", "none")
_TRUE, _FALSE = ("true", "yes", "ja"), ("false", "no", "nee")


# -- the model of a test --------------------------------------------------------------

@dataclass(frozen=True)
class Move:
    """One thing the caller does, with where it is written."""

    kind: str
    value: Any
    loc: tuple
    where: str  # "PATH:LINE:COL"

    def describe(self) -> str:
        if self.kind in BARE_MOVES:
            return self.kind
        if isinstance(self.value, dict):
            inner = ", ".join(f"{k}: {v}" for k, v in self.value.items())
            return f"{self.kind}: {{{inner}}}"
        return f"{self.kind}: {self.value}"


@dataclass(frozen=True)
class Expect:
    step: str | None = None
    outcome: str | None = None
    ended: bool | None = None
    warnings: tuple[str, ...] | None = None
    refused: bool | str | None = None


@dataclass(frozen=True)
class Case:
    name: str
    moves: tuple[Move, ...]
    expect: Expect
    now: datetime
    dossier: Path | None
    where: str
    #: Problems in how this conversation is written ("PATH:LINE:COL: message"); it fails without running.
    problems: tuple[str, ...] = ()


@dataclass
class Suite:
    """A script and its example conversations (from the script and its sibling file)."""

    loaded: "LoadedScript"
    cases: list[Case]
    files: list[str]


@dataclass
class CaseResult:
    case: Case
    failures: list[str] = field(default_factory=list)
    visited: set[Node] = field(default_factory=set)
    taken: set[tuple] = field(default_factory=set)

    @property
    def passed(self) -> bool:
        return not self.failures


@dataclass
class Coverage:
    """Visited nodes and taken transitions against everything the script has."""

    nodes: list[Node]
    visited: set[Node]
    transitions: dict[tuple, Edge]
    taken: set[tuple]

    @property
    def missing_nodes(self) -> list[Node]:
        return [n for n in self.nodes if n not in self.visited]

    @property
    def missing_transitions(self) -> list[Edge]:
        return [e for k, e in self.transitions.items() if k not in self.taken]

    def summary(self) -> str:
        steps = [n for n in self.nodes if n[0] == "step"]
        excuses = [n for n in self.nodes if n[0] == "excuse"]
        parts = [_ratio("steps", sum(n in self.visited for n in steps), len(steps))]
        if excuses:
            parts.append(_ratio("excuses", sum(n in self.visited for n in excuses), len(excuses)))
        parts.append(_ratio("transitions", len(self.taken & self.transitions.keys()), len(self.transitions)))
        return ", ".join(parts)


def _ratio(what: str, got: int, total: int) -> str:
    pct = 100 if total == 0 else got * 100 // total
    return f"{what} {got}/{total} ({pct}%)"


# -- reading tests ----------------------------------------------------------------------

class _Reader:
    """Turns raw YAML test data into :class:`Case` objects, collecting every problem."""

    def __init__(self, source: SourceMap, path: str, script, base_dir: Path) -> None:
        self.source = source
        self.path = path
        self.script = script
        self.base_dir = base_dir
        self.problems: list[Diagnostic] = []

    def where(self, loc: tuple, *, key: bool = False) -> str:
        line, col = self.source.key_pos(loc) if key else self.source.value_pos(loc)
        return f"{self._file(loc)}:{line}:{col}"

    def _file(self, loc: tuple) -> str:
        return self.source.file_for(loc, self.path)

    def error(self, loc: tuple, message: str, code: str = "invalid-test", *, key: bool = False) -> None:
        line, col = self.source.key_pos(loc) if key else self.source.value_pos(loc)
        self.problems.append(Diagnostic(self._file(loc), line, col, "error", message, code))

    def keys(self, loc: tuple, raw: dict, allowed: tuple[str, ...], what: str) -> None:
        for key in raw:
            if key not in allowed:
                hint = did_you_mean(str(key), allowed) or f"; expected one of: {', '.join(allowed)}"
                self.error(loc + (key,), f"unknown key '{key}' in {what}{hint}", "unknown-key", key=True)

    def text(self, loc: tuple, value: object, what: str) -> str | None:
        if isinstance(value, str) and value.strip():
            return value
        self.error(loc, f"{what} needs some text")
        return None

    def moment(self, loc: tuple, value: object, default: datetime) -> datetime:
        if value is None:
            return default
        try:
            moment = datetime.fromisoformat(str(value).strip())
        except ValueError:
            self.error(loc, f"'{value}' is not a moment; write it like 2026-11-23T10:15")
            return default
        return moment.replace(tzinfo=None)

    def dossier(self, loc: tuple, value: object, default: Path | None) -> Path | None:
        if value is None:
            return default
        if not isinstance(value, str) or not value.strip():
            self.error(loc, "'dossier' needs the path of a customer file")
            return default
        target = (self.base_dir / value.strip()).resolve()
        if not target.is_file():
            self.error(loc, f"customer file '{value}' does not exist ({target})")
            return default
        return target

    def cases(self, loc: tuple, raw: object, now: datetime, dossier: Path | None) -> list[Case]:
        if not isinstance(raw, list):
            self.error(loc, "'tests' is a list of example conversations (lines starting with '- ')")
            return []
        out = []
        for i, item in enumerate(raw):
            case = self.case(loc + (i,), item, now, dossier)
            if case is not None:
                out.append(case)
        return out

    def case(self, loc: tuple, raw: object, now: datetime, dossier: Path | None) -> Case | None:
        """One conversation; problems inside it become its own failure, so the others still run."""
        if not isinstance(raw, dict):
            self.error(loc, "an example conversation has 'name', 'steps' and optionally 'expect'")
            return None
        before = len(self.problems)
        self.keys(loc, raw, CASE_KEYS, "an example conversation")
        name = raw.get("name")
        if not isinstance(name, str) or not name.strip():
            self.error(loc, "an example conversation needs a 'name'", "missing-key", key=True)
            name = f"conversation {loc[-1] + 1}"
        moves = self.moves(loc + ("steps",), raw.get("steps"))
        expect = self.expect(loc + ("expect",), raw.get("expect"))
        moment = self.moment(loc + ("now",), raw.get("now"), now)
        customer = self.dossier(loc + ("dossier",), raw.get("dossier"), dossier)
        own = self.problems[before:]
        del self.problems[before:]
        return Case(
            name=name.strip(), moves=tuple(moves), expect=expect, now=moment, dossier=customer,
            where=self.where(loc, key=True),
            problems=tuple(f"{d.path}:{d.line}:{d.column}: {d.message} [{d.code}]" for d in own),
        )

    def moves(self, loc: tuple, raw: object) -> list[Move]:
        if raw is None:
            self.error(loc[:-1], "an example conversation needs 'steps'", "missing-key", key=True)
            return []
        if not isinstance(raw, list):
            self.error(loc, "'steps' is a list of moves such as '- choose: 1' or '- end'")
            return []
        out = []
        for i, item in enumerate(raw):
            move = self.move(loc + (i,), item)
            if move is not None:
                out.append(move)
        return out

    def move(self, loc: tuple, raw: object) -> Move | None:
        if isinstance(raw, str):
            word = raw.strip()
            if word in BARE_MOVES:
                return Move(word, None, loc, self.where(loc))
            hint = did_you_mean(word, BARE_MOVES + MOVES)
            self.error(loc, f"unknown move '{word}'{hint}", "unknown-move")
            return None
        if not isinstance(raw, dict) or len(raw) != 1:
            self.error(loc, "each move is one key with its value, such as '- choose: 2' or '- note: ...'")
            return None
        (kind, value), = raw.items()
        here = loc + (kind,)
        if kind in BARE_MOVES and value is None:
            return Move(kind, None, loc, self.where(loc))
        if kind not in MOVES:
            hint = did_you_mean(str(kind), MOVES + BARE_MOVES) or f"; known moves: {', '.join(MOVES + BARE_MOVES)}"
            self.error(here, f"unknown move '{kind}'{hint}", "unknown-move", key=True)
            return None
        parsed = getattr(self, f"_{kind}")(here, value)
        if parsed is None:
            return None
        return Move(kind, parsed, here, self.where(here, key=True))

    def _choose(self, loc: tuple, value: object) -> int | None:
        text = str(value).strip() if value is not None else ""
        if not text.isdigit():
            self.error(loc, f"'choose' needs an option number, got '{text}'")
            return None
        return int(text)

    def _excuse(self, loc: tuple, value: object) -> str | None:
        known = list(self.script.excuses)
        if not isinstance(value, str) or value not in self.script.excuses:
            hint = did_you_mean(str(value), known) or (f"; known excuses: {', '.join(known)}" if known else "")
            self.error(loc, f"unknown excuse '{value}'{hint}", "unknown-excuse")
            return None
        return value

    def _note(self, loc: tuple, value: object) -> str | None:
        return self.text(loc, value, "'note'")

    def _contact(self, loc: tuple, value: object) -> str | None:
        return self.text(loc, value, "'contact'")

    def _abort(self, loc: tuple, value: object) -> str:
        return value.strip() if isinstance(value, str) else ""

    def _agree(self, loc: tuple, value: object) -> dict[str, str] | None:
        if not isinstance(value, dict) or not value:
            self.error(loc, "'agree' needs agreement fields with what was said, such as "
                            "'{datum: vrijdag, bedrag: 2813}'")
            return None
        fields = _agreement_fields()
        ok = True
        for name, text in value.items():
            if fields and name not in fields:
                hint = did_you_mean(str(name), fields) or f"; known fields: {', '.join(fields)}"
                self.error(loc + (name,), f"unknown agreement field '{name}'{hint}", "unknown-key", key=True)
                ok = False
            elif not isinstance(text, str) or not text.strip():
                self.error(loc + (name,), f"agreement field '{name}' needs what the customer said")
                ok = False
        return dict(value) if ok else None

    def _no_agreement(self, loc: tuple, value: object) -> dict | None:
        from belscript.agreement.model import NoAgreementReason

        raw = {"reason": value} if isinstance(value, str) else value
        if not isinstance(raw, dict):
            self.error(loc, "'no_agreement' needs a reason (and optionally detail and follow_up)")
            return None
        self.keys(loc, raw, ("reason", "detail", "follow_up"), "'no_agreement'")
        reasons = [r.value for r in NoAgreementReason]
        reason = raw.get("reason")
        if reason not in reasons:
            hint = did_you_mean(str(reason), reasons) or f"; choose one of: {', '.join(reasons)}"
            self.error(loc + ("reason",) if isinstance(value, dict) else loc, f"unknown reason '{reason}'{hint}")
            return None
        follow_up = None
        if raw.get("follow_up") is not None:
            follow_up = self.moment(loc + ("follow_up",), raw["follow_up"], DEFAULT_NOW)
        return {"reason": reason, "detail": str(raw.get("detail") or ""), "follow_up": follow_up}

    def expect(self, loc: tuple, raw: object) -> Expect:
        if raw is None:
            return Expect()
        if not isinstance(raw, dict):
            self.error(loc, "'expect' holds what must follow: step, outcome, ended, warnings, refused")
            return Expect()
        self.keys(loc, raw, EXPECT_KEYS, "'expect'")
        step = raw.get("step")
        if step is not None:
            in_excuse = isinstance(step, str) and step.startswith("excuse:")
            plain = step[len("excuse:"):] if in_excuse else step
            table = self.script.excuses if in_excuse else self.script.steps
            if not isinstance(plain, str) or plain not in table:
                hint = did_you_mean(str(step), list(self.script.steps))
                self.error(loc + ("step",), f"unknown step '{step}'{hint}", "unknown-step")
                step = None
        outcome = raw.get("outcome")
        if outcome is not None and outcome not in OUTCOMES:
            self.error(loc + ("outcome",), f"'outcome' is one of: {', '.join(OUTCOMES)}")
            outcome = None
        warnings = raw.get("warnings")
        if warnings is not None:
            if isinstance(warnings, list) and all(isinstance(w, str) for w in warnings):
                warnings = tuple(warnings)
            else:
                self.error(loc + ("warnings",), "'warnings' is a list of phrasing rule ids, e.g. [moeten]")
                warnings = None
        return Expect(step=step, outcome=outcome, ended=self.flag(loc + ("ended",), raw.get("ended")),
                      warnings=warnings, refused=self.refused(loc + ("refused",), raw.get("refused")))

    def flag(self, loc: tuple, value: object) -> bool | None:
        if value is None:
            return None
        word = str(value).strip().lower()
        if word in _TRUE or word in _FALSE:
            return word in _TRUE
        self.error(loc, f"expected true or false, got '{value}'")
        return None

    def refused(self, loc: tuple, value: object) -> bool | str | None:
        if isinstance(value, str) and value.strip().lower() not in _TRUE + _FALSE:
            return value.strip()  # part of the refusal message that must appear
        return self.flag(loc, value)


def _agreement_fields() -> list[str]:
    """The agreement field names the engine accepts (imported late: the agreement layer is not needed to read a script)."""
    from belscript.agreement.entry import FIELDS

    return list(FIELDS)


def read_tests(raw: object, source: SourceMap, path: str, script, *, in_script: bool = False) -> list[Case]:
    """Cases from a test file's data (or a script's own ``tests:``); :class:`InvalidDocument` on problems."""
    base_dir = Path(path).parent if not path.startswith("<") else Path.cwd()
    reader = _Reader(source, path, script, base_dir)
    if in_script:
        cases = reader.cases(("tests",), raw, DEFAULT_NOW, None)
    elif not isinstance(raw, dict):
        reader.error((), "a test file holds keys such as 'tests:' (and optionally 'now:', 'dossier:', 'script:')")
        cases = []
    else:
        reader.keys((), raw, FILE_KEYS, "a test file")
        now = reader.moment(("now",), raw.get("now"), DEFAULT_NOW)
        dossier = reader.dossier(("dossier",), raw.get("dossier"), None)
        if "tests" not in raw:
            reader.error((), "a test file needs 'tests:', a list of example conversations", "missing-key")
            cases = []
        else:
            cases = reader.cases(("tests",), raw["tests"], now, dossier)
    if reader.problems:
        raise InvalidDocument(reader.problems)
    return cases


# -- finding tests ----------------------------------------------------------------------------

def sibling_test_file(script_path: str | Path) -> Path:
    """``x.yaml`` → ``x.test.yaml`` in the same folder."""
    p = Path(script_path)
    stem = p.name[: -len(p.suffix)] if p.suffix else p.name
    return p.with_name(f"{stem}.test.yaml")


def _script_of_test_file(test_path: Path, raw: object) -> str:
    """The script a ``.test.yaml`` belongs to: its ``script:`` key, else the sibling by name."""
    from belscript.script import builtin

    named = raw.get("script") if isinstance(raw, dict) else None
    if isinstance(named, str) and named.strip():
        ref = named.strip()
        candidate = (test_path.parent / ref)
        if candidate.is_file() or "/" in ref or ref.endswith((".yaml", ".yml", ".json")):
            return str(candidate)
        return ref  # a built-in name
    stem = test_path.name[: -len(".test.yaml")] if test_path.name.endswith(".test.yaml") else test_path.stem
    for suffix in (".yaml", ".yml", ".json"):
        candidate = test_path.with_name(stem + suffix)
        if candidate.is_file():
            return str(candidate)
    if stem in builtin.builtin_names():
        return stem
    return str(test_path.with_name(stem + ".yaml"))


def collect(target: str) -> Suite:
    """The script named by ``target`` (a script, a ``.test.yaml``, or a built-in name) and its cases."""
    from belscript.script import builtin
    from belscript.script.loader import resolve_script
    from belscript.document.yamlsafe import load_file

    test_file: Path | None = None
    test_raw: Any = None
    test_source: SourceMap | None = None
    if target.endswith(".test.yaml"):
        test_file = Path(target)
        test_raw, test_source = load_file(test_file)
        loaded = resolve_script(_script_of_test_file(test_file, test_raw))
    else:
        loaded = resolve_script(target)
        script_path = Path(loaded.path)
        candidate = sibling_test_file(script_path)
        if not candidate.is_file() and target in builtin.builtin_names():
            candidate = builtin.builtin_dir() / f"{target}.test.yaml"
        if candidate.is_file():
            test_file = candidate
            test_raw, test_source = load_file(candidate)
    cases: list[Case] = []
    files: list[str] = []
    problems: list[Diagnostic] = []
    if loaded.script.tests:
        try:
            cases.extend(read_tests(loaded.script.tests, loaded.source, loaded.path, loaded.script, in_script=True))
        except InvalidDocument as exc:
            problems.extend(exc.diagnostics)
        files.append(loaded.path)
    if test_file is not None and test_source is not None:
        try:
            cases.extend(read_tests(test_raw, test_source, str(test_file), loaded.script))
        except InvalidDocument as exc:
            problems.extend(exc.diagnostics)
        files.append(str(test_file))
    if problems:
        raise InvalidDocument(problems)
    return Suite(loaded=loaded, cases=cases, files=files)


# -- running -------------------------------------------------------------------------------------

def _node_of(state: str) -> Node:
    return ("excuse", state[len("excuse:"):]) if state.startswith("excuse:") else ("step", state)


def transition_table(flow: Flow) -> dict[tuple, Edge]:
    """Every transition a conversation can take, keyed the way :func:`run_case` records them.

    Options are keyed by their step (or handler) and number, excuse choices by the
    excuse, a handler's way back by the handler. Options of end steps are left out:
    they can never be taken.
    """
    table: dict[tuple, Edge] = {}
    for edge in flow.edges:
        if flow.is_end(edge.source):
            continue
        if edge.kind == "option":
            table[(edge.source, edge.nr)] = edge
        elif edge.kind == "handler":
            table[("excuse", edge.target[1])] = edge
        elif edge.kind == "return":
            table[(edge.source, "return")] = edge
    return table


def _taken(call, script) -> tuple[set[Node], set[tuple]]:
    visited: set[Node] = set()
    taken: set[tuple] = set()
    from belscript.engine.events import ExcusePicked, OptionTaken, Started, StepTaken

    for event in call.events:
        p = event.payload
        if isinstance(p, (Started, StepTaken)):
            visited.add(_node_of(p.step))
        elif isinstance(p, OptionTaken):
            source = _node_of(p.step)
            taken.add((source, p.nr))
            if source[0] == "excuse" and source[1] in script.excuses and p.target == script.excuses[source[1]].go:
                taken.add((source, "return"))
        elif isinstance(p, ExcusePicked):
            taken.add(("excuse", p.excuse))
    return visited, taken


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
    result.visited, result.taken = _taken(call, script)
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


@dataclass
class SuiteResult:
    suite: Suite
    results: list[CaseResult]
    coverage: Coverage

    @property
    def failed(self) -> list[CaseResult]:
        return [r for r in self.results if not r.passed]


def run_suite(suite: Suite) -> SuiteResult:
    """Run every case of a suite and add up the coverage."""
    script = suite.loaded.script
    dossiers: dict = {}
    results = [run_case(script, case, dossiers=dossiers) for case in suite.cases]
    flow = build_flow(script)
    nodes = [n for n in flow.nodes() if n[0] in ("step", "excuse")]
    visited: set[Node] = set().union(*(r.visited for r in results)) if results else set()
    taken: set[tuple] = set().union(*(r.taken for r in results)) if results else set()
    return SuiteResult(suite, results, Coverage(nodes, visited, transition_table(flow), taken))


def describe_transition(edge: Edge) -> str:
    """``luisteren → 3`` style names for uncovered transitions."""
    kind, ident = edge.source
    if edge.kind == "handler":
        return f"excuse '{edge.target[1]}'"
    if edge.kind == "return":
        return f"excuse '{ident}' → {edge.target[1]}"
    owner = ident if kind == "step" else f"excuse '{ident}'"
    return f"{owner} option {edge.nr} → {edge.target[1]}"

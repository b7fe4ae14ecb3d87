"""Reading example conversations from YAML: a test file or a script's own ``tests:`` turned
into :class:`~belscript.authoring.cases.Case` objects, checked as strictly as scripts
(unknown keys, unknown excuses, numbers that are not numbers are diagnostics with
``PATH:LINE:COL``); a problem inside one conversation fails only that one."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from belscript.authoring.cases import BARE_MOVES, DEFAULT_NOW, MOVES, Case, Expect, Move
from belscript.document.diagnostics import Diagnostic, did_you_mean
from belscript.document.source import SourceMap
from belscript.errors import InvalidDocument

FILE_KEYS = ("script", "now", "dossier", "tests")
CASE_KEYS = ("name", "now", "dossier", "steps", "expect")
EXPECT_KEYS = ("step", "outcome", "ended", "warnings", "refused")
OUTCOMES = ("agreement", "no_agreement", "none")
_TRUE, _FALSE = ("true", "yes", "ja"), ("false", "no", "nee")


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

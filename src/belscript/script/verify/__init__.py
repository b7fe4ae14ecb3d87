"""Static verification of a script's call flow: is the script sound before anyone calls with it?

Each check is its own module (as yamllint does with its rules) with a ``CODE``, a
``LEVEL``, a one-line ``SUMMARY``, a ``check(flow)`` that yields findings, and a
docstring holding a failing and a passing example; the documentation and the tests
read those examples, so they cannot drift apart. :func:`verify` runs every check on a
loaded script and turns the findings into diagnostics at the exact place in the file
that holds the problem (the base file, for parts a script inherits with ``extends:``).

A script can switch a check off with ``silence: {code: reason}``; the reason is
required, because a silenced check should tell the next author why.
"""

from __future__ import annotations

import re
from types import ModuleType
from typing import TYPE_CHECKING, Iterable

from belscript.document.diagnostics import Diagnostic, did_you_mean
from belscript.document.record import Record, set_field
from belscript.script.verify import (
    dead_end,
    duplicate_option_number,
    excuse_no_way_back,
    fixed_address_form,
    option_leads_nowhere,
    trap,
    unguarded_end,
    unreachable_excuse,
    unreachable_step,
)
from belscript.script.verify._finding import Finding
from belscript.script.verify._inherited import blame_unreachable
from belscript.script.verify.flow import Flow, build_flow

if TYPE_CHECKING:  # pragma: no cover
    from belscript.script.loader import LoadedScript

__all__ = ["CHECKS", "Check", "Finding", "catalogue", "verify", "verify_script"]

#: Every check, in the order the documentation lists them.
CHECKS: tuple[ModuleType, ...] = (
    unreachable_step,
    unreachable_excuse,
    dead_end,
    trap,
    option_leads_nowhere,
    unguarded_end,
    excuse_no_way_back,
    duplicate_option_number,
    fixed_address_form,
)

#: Problems with the ``silence:`` table itself; these cannot be silenced.
SILENCE_NEEDS_REASON = "silence-needs-reason"
SILENCE_UNKNOWN_CODE = "silence-unknown-code"


class Check(Record):
    """A check as the documentation shows it."""

    __slots__ = ("code", "level", "summary", "explanation", "failing", "passing")
    code: str
    level: str
    summary: str
    explanation: str
    failing: str
    passing: str

    def __init__(self, code: str, level: str, summary: str, explanation: str, failing: str, passing: str) -> None:
        for name, value in zip(self.__slots__, (code, level, summary, explanation, failing, passing)):
            set_field(self, name, value)


#: The examples in a check's docstring (read for the docs and tests, never by ``validate``,
#: so compiled on first use by ``re``).
_EXAMPLE = r"^(Failing|Passing)::\n\n((?:(?:    .*)?\n)+)"


def _examples(doc: str) -> dict[str, str]:
    found = {}
    for m in re.finditer(_EXAMPLE, doc + "\n", re.MULTILINE):
        lines = [line[4:] for line in m.group(2).splitlines()]
        found[m.group(1).lower()] = "\n".join(lines).strip("\n") + "\n"
    return found


def catalogue() -> list[Check]:
    """Code, level, summary, explanation and both examples of every check."""
    checks = []
    for module in CHECKS:
        doc = module.__doc__ or ""
        examples = _examples(doc)
        body = doc.split("\n\n", 1)[1] if "\n\n" in doc else ""
        explanation = body.split("Failing::", 1)[0].strip()
        checks.append(Check(module.CODE, module.LEVEL, module.SUMMARY, explanation,
                            examples["failing"], examples["passing"]))
    return checks


CODES: frozenset[str] = frozenset(module.CODE for module in CHECKS)


def verify_script(script, source, path: str) -> list[Diagnostic]:
    """Run every check on a validated :class:`~belscript.script.models.Script`.

    ``source`` is the script's source map; ``path`` is how the user named the script,
    used for its own lines (lines inherited through ``extends:`` name the base file).
    """
    flow = build_flow(script)
    silenced = {code for code, reason in script.silence.items() if reason.strip()}
    diagnostics = [
        _blamed(flow, source, path, module.CODE, _diagnostic(source, path, module.CODE, module.LEVEL, finding), finding)
        for module in CHECKS
        if module.CODE not in silenced
        for finding in module.check(flow)
    ]
    diagnostics.extend(_silence_problems(script, source, path))
    return diagnostics


def verify(loaded: "LoadedScript") -> list[Diagnostic]:
    """All verification diagnostics of a loaded script (empty when the flow is sound)."""
    return verify_script(loaded.script, loaded.source, loaded.path)


def _diagnostic(source, path: str, code: str, level: str, finding: Finding) -> Diagnostic:
    if finding.at == "key":
        line, col = source.key_pos(finding.path)
    else:
        line, col = source.value_pos(finding.path)
    return Diagnostic(source.file_for(finding.path, path), line, col, level, finding.message, code, extra=dict(finding.extra))


#: Checks about a part nobody reaches; in an ``extends:`` child the blame goes to the child's change.
_UNREACHABLE = {unreachable_step.CODE: "step", unreachable_excuse.CODE: "excuse"}


def _blamed(flow: Flow, source, path: str, code: str, diagnostic: Diagnostic, finding: Finding) -> Diagnostic:
    """Move an inherited part's unreachable warning to the child's key that cut it off."""
    kind = _UNREACHABLE.get(code)
    if kind is None or source.base is None or diagnostic.path == path:
        return diagnostic
    blame = blame_unreachable(flow, (kind, finding.path[1]), source, path)
    if blame is None:
        return diagnostic
    extra = dict(diagnostic.extra or {})
    extra["inherited_at"] = f"{diagnostic.path}:{diagnostic.line}:{diagnostic.column}"
    return Diagnostic(blame.path, blame.line, blame.column, diagnostic.level,
                      f"{diagnostic.message}; {blame.because}", code, extra=extra)


def _silence_problems(script, source, path: str) -> Iterable[Diagnostic]:
    for code, reason in script.silence.items():
        if code not in CODES:
            hint = did_you_mean(code, sorted(CODES)) or f"; known codes: {', '.join(sorted(CODES))}"
            yield _diagnostic(source, path, SILENCE_UNKNOWN_CODE, "error", Finding(
                ("silence", code), f"'{code}' is not a verification code{hint}", at="key"))
        elif not reason.strip():
            yield _diagnostic(source, path, SILENCE_NEEDS_REASON, "error", Finding(
                ("silence", code), f"silencing '{code}' needs a reason: say why this script may break the rule"))


def check_flow(flow: Flow, codes: Iterable[str] | None = None) -> list[Finding]:
    """Findings of the given checks (all by default) on an already built flow; for tests and tools."""
    wanted = set(CODES if codes is None else codes)
    return [finding for module in CHECKS if module.CODE in wanted for finding in module.check(flow)]

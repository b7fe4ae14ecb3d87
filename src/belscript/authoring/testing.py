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

This module finds a script's examples and runs them as a suite; the parts live beside it:
the model of a conversation in :mod:`.cases`, reading the YAML in :mod:`.case_reader`,
playing one conversation in :mod:`.playing`, and coverage in :mod:`.coverage`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from belscript.authoring.case_reader import read_tests
from belscript.authoring.cases import DEFAULT_NOW, Case, CaseResult, Expect, Move, Suite
from belscript.authoring.coverage import Coverage, describe_transition, transition_table
from belscript.authoring.playing import run_case
from belscript.document.diagnostics import Diagnostic
from belscript.document.source import SourceMap
from belscript.errors import InvalidDocument
from belscript.script.verify.flow import Node, build_flow

__all__ = ["DEFAULT_NOW", "Case", "CaseResult", "Coverage", "Expect", "Move", "Suite", "SuiteResult", "collect",
           "describe_transition", "read_tests", "run_case", "run_suite", "sibling_test_file", "transition_table"]


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

"""The soundness checks: golden diagnostics, documented examples, silencing, random graphs."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from belscript.document.diagnostics import render
from belscript.errors import InvalidDocument
from belscript.script.loader import load_builtin, load_script, parse_script_text
from belscript.script.models import Excuse, Option, Role, Script, Step
from belscript.document.source import SourceDoc, SourceMap
from belscript.script.verify import CHECKS, CODES, catalogue, check_flow, verify, verify_script
from belscript.script.verify.flow import END_GUARDS, build_flow
from belscript.script.verify.unguarded_end import offending_edges

GOLDEN = Path(__file__).resolve().parent / "golden_verify"
GOLDEN_CASES = sorted(p.stem for p in GOLDEN.glob("*.yaml"))


def _diagnostics_text(name: str) -> str:
    try:
        diagnostics = verify(load_script(f"{name}.yaml"))
    except InvalidDocument as exc:
        diagnostics = exc.diagnostics
    out = render(diagnostics).replace(str(GOLDEN) + os.sep, "")
    return out + ("\n" if out else "")


@pytest.mark.parametrize("name", GOLDEN_CASES)
def test_golden_diagnostics(name, monkeypatch):
    """Every broken script yields exactly the expected diagnostics, at the exact line and column."""
    monkeypatch.chdir(GOLDEN)
    expected = (GOLDEN / f"{name}.txt").read_text(encoding="utf-8")
    assert _diagnostics_text(name) == expected


def test_every_check_has_a_golden_case():
    """Each verification code appears in at least one golden file, so every check's position is pinned."""
    seen = "".join((GOLDEN / f"{name}.txt").read_text(encoding="utf-8") for name in GOLDEN_CASES)
    for code in CODES:
        assert f"[{code}]" in seen, code


def _load_text(text: str, name: str = "voorbeeld.yaml"):
    loaded, problems = parse_script_text(text, name)
    assert loaded is not None, render(problems)
    return loaded


@pytest.mark.parametrize("check", catalogue(), ids=lambda c: c.code)
def test_documented_failing_example_fails(check):
    """The failing example in each check's documentation produces that check's diagnostic."""
    codes = {d.code for d in verify(_load_text(check.failing))}
    assert check.code in codes


@pytest.mark.parametrize("check", catalogue(), ids=lambda c: c.code)
def test_documented_passing_example_is_clean(check):
    """The passing example in each check's documentation has no diagnostics at all."""
    assert verify(_load_text(check.passing)) == []


def test_catalogue_describes_every_check():
    """Each check has a unique code, a level, a summary and an explanation for the docs."""
    checks = catalogue()
    assert [c.code for c in checks] == [m.CODE for m in CHECKS]
    assert len(set(CODES)) == len(CHECKS)
    for c in checks:
        assert c.level in ("error", "warning")
        assert c.summary and c.explanation and c.failing and c.passing


@pytest.mark.parametrize("name", ["eerste-gesprek", "servicegesprek", "tweede-gesprek"])
def test_builtin_scripts_are_sound(name):
    """The scripts that ship with belscript pass every verification check."""
    assert render(verify(load_builtin(name))) == ""


def test_silenced_check_is_not_reported_but_needs_a_reason():
    """A check silenced with a reason disappears; a blank reason is itself an error at the reason."""
    text = (GOLDEN / "unguarded.yaml").read_text(encoding="utf-8")
    silenced = text.replace("steps:\n", "silence:\n  unguarded-end: Oefenscript zonder echte klanten.\n"
                                        "  excuse-no-way-back: Idem.\nsteps:\n", 1)
    assert verify(_load_text(silenced)) == []
    blank = text.replace("steps:\n", 'silence:\n  unguarded-end: " "\nsteps:\n', 1)
    codes = [d.code for d in verify(_load_text(blank))]
    assert "silence-needs-reason" in codes and "unguarded-end" in codes


def test_unknown_silence_code_suggests_the_right_one():
    """A misspelt code in 'silence:' is reported with the code it probably meant."""
    text = (GOLDEN / "dead_end.yaml").read_text(encoding="utf-8").replace(
        "steps:\n", "silence:\n  dead-ends: Bewust.\nsteps:\n", 1)
    [problem] = [d for d in verify(_load_text(text)) if d.code == "silence-unknown-code"]
    assert "did you mean 'dead-end'?" in problem.message
    assert (problem.line, problem.column) == (6, 3)


def test_validate_command_reports_verification_problems(capsys):
    """`belscript validate` runs the graph checks and exits 1 on their errors."""
    from belscript.cli.main import main

    code = main(["validate", str(GOLDEN / "unguarded.yaml")])
    out = capsys.readouterr()
    assert code == 1
    assert "[unguarded-end]" in out.out + out.err


# -- random graphs -----------------------------------------------------------------------------

CONDITIONS = [None, None, "has_contact_person", "agreement_is_concrete", "no_agreement_recorded"]


@st.composite
def random_scripts(draw) -> Script:
    """Small scripts with arbitrary wiring: options, guards, excuses, ends, broken numbering."""
    n_steps = draw(st.integers(1, 6))
    n_excuses = draw(st.integers(0, 3))
    step_ids = [f"s{i}" for i in range(n_steps)]
    excuse_ids = [f"e{i}" for i in range(n_excuses)]

    def option() -> Option:
        to_excuse = bool(excuse_ids) and draw(st.booleans()) and draw(st.booleans())
        nr = draw(st.one_of(st.none(), st.integers(1, 4)))
        when = draw(st.sampled_from(CONDITIONS))
        say = draw(st.sampled_from([None, "Zegt iets."]))
        if to_excuse:
            return Option(nr=nr, label="x", excuse=draw(st.sampled_from(excuse_ids)), when=when, say=say)
        return Option(nr=nr, label="x", go=draw(st.sampled_from(step_ids)), when=when, say=say)

    steps = {
        sid: Step(
            role=draw(st.sampled_from(list(Role))),
            end=draw(st.booleans()) and draw(st.booleans()),
            excuses=draw(st.sampled_from([None, True, False])),
            options=[option() for _ in range(draw(st.integers(0, 3)))],
        )
        for sid in step_ids
    }
    excuses = {
        eid: Excuse(label="x", examples=["x"], say="x", go=draw(st.sampled_from(step_ids)),
                    options=[option() for _ in range(draw(st.integers(0, 2)))])
        for eid in excuse_ids
    }
    start = draw(st.sampled_from([None, *step_ids]))
    return Script(belscript=1, name="random", title="x", start=start, steps=steps, excuses=excuses)


def _empty_source() -> SourceMap:
    return SourceMap(SourceDoc("random.yaml", ""))


def _brute_force_unguarded(script: Script) -> tuple[bool, set[tuple]]:
    """Enumerate every simple path from the start; return (an unguarded path exists, its last edges)."""
    flow = build_flow(script)
    found: set[tuple] = set()

    def walk(node, visited, guarded):
        if flow.is_end(node):
            return
        for edge in flow.out.get(node, ()):
            now_guarded = guarded or edge.guard in END_GUARDS
            if flow.is_end(edge.target):
                if not now_guarded:
                    found.add(edge.path)
                continue
            if edge.target not in visited:
                walk(edge.target, visited | {edge.target}, now_guarded)

    start = flow.start
    if flow.is_end(start):
        return True, set()
    walk(start, {start}, False)
    return bool(found), found


@given(random_scripts())
def test_verify_never_crashes_on_random_graphs(script):
    """Whatever the wiring, verification returns diagnostics with codes it knows."""
    diagnostics = verify_script(script, _empty_source(), "random.yaml")
    assert {d.code for d in diagnostics} <= CODES


@given(random_scripts())
def test_unguarded_end_equals_brute_force_path_search(script):
    """The linear search flags exactly the edges that end some unguarded path from the start."""
    expected_any, expected_edges = _brute_force_unguarded(script)
    flow = build_flow(script)
    found = check_flow(flow, ["unguarded-end"])
    assert bool(found) == expected_any
    if not flow.is_end(flow.start):
        assert {e.path for e in offending_edges(flow)} == expected_edges


def _brute_force_reachable(script: Script) -> set[str]:
    flow = build_flow(script)
    seen = {flow.start}
    changed = True
    while changed:
        changed = False
        for edge in flow.edges:
            if edge.source in seen and not flow.is_end(edge.source) and edge.target not in seen:
                seen.add(edge.target)
                changed = True
    return {ident for kind, ident in seen if kind == "step"}


@given(random_scripts())
def test_unreachable_steps_match_a_fixed_point_search(script):
    """Exactly the steps outside the reachable set are reported as unreachable."""
    reported = {f.extra["step"] for f in check_flow(build_flow(script), ["unreachable-step"])}
    assert reported == set(script.steps) - _brute_force_reachable(script)


def test_authoring_docs_explain_every_code_with_both_examples():
    """docs/authoring.md has a section per verification code with its failing and passing example."""
    docs = (Path(__file__).resolve().parent.parent / "docs" / "authoring.md").read_text(encoding="utf-8")
    for check in catalogue():
        assert f"#### `{check.code}`" in docs
        assert check.failing in docs and check.passing in docs
    for code in ("silence-needs-reason", "silence-unknown-code"):
        assert code in docs
    assert "# yaml-language-server: $schema=" in docs


def _brute_force_trapped(script: Script) -> set[str]:
    """Nodes reachable from the start from which no walk (tried edge by edge) ever enters an end step."""
    flow = build_flow(script)
    if not flow.has_start:
        return set()

    def ends_from(node, visited) -> bool:
        if flow.is_end(node):
            return True
        return any(ends_from(e.target, visited | {e.target})
                   for e in flow.out.get(node, ()) if e.target not in visited)

    reachable = {flow.start}
    while True:
        more = {e.target for e in flow.edges if e.source in reachable and not flow.is_end(e.source)}
        if more <= reachable:
            break
        reachable |= more
    return {f"{kind}:{ident}" for kind, ident in reachable if not ends_from((kind, ident), {(kind, ident)})}


@given(random_scripts())
def test_traps_equal_brute_force_search(script):
    """The places reported as traps (with lone dead ends) are exactly those from which no end is reachable."""
    flow = build_flow(script)
    reported: set[str] = set()
    for finding in check_flow(flow, ["trap"]):
        reported.update(finding.extra["trap"])
    stuck = {f"{kind}:{ident}" for kind, ident in flow.nodes()
             if kind == "step" and not flow.out.get((kind, ident)) and not flow.is_end((kind, ident))
             and (kind, ident) in flow.from_start()}
    expected = _brute_force_trapped(script)
    assert reported <= expected
    assert reported | (stuck & expected) == expected


def test_trap_names_the_circle_and_points_at_the_way_in():
    """A script whose option leads into two steps that only lead to each other is an error at that option."""
    text = (GOLDEN / "trap.yaml").read_text(encoding="utf-8")
    [problem] = verify(_load_text(text, "trap.yaml"))
    assert problem.code == "trap" and problem.level == "error"
    assert (problem.line, problem.column) == (11, 37)
    assert "'overtuigen' → 'nogmaals' → 'overtuigen'" in problem.message


def test_a_script_written_for_u_alone_is_not_asked_for_je():
    """Without any {u|je} choice a script speaks "u" to everyone on purpose: no fixed-address-form warning."""
    check = next(c for c in catalogue() if c.code == "fixed-address-form")
    only_u = check.failing.replace("{kunt u|kun je}", "kunt u")
    assert "fixed-address-form" not in {d.code for d in verify(_load_text(only_u))}


def test_caller_texts_may_say_u_in_a_script_for_je_and_u():
    """Tips, labels and the preparation step speak to the caller: no warning there."""
    check = next(c for c in catalogue() if c.code == "fixed-address-form")
    text = check.passing.replace(
        "  opening:\n", "  voorbereiding:\n    role: preparation\n    say: Bekijk het dossier voordat u belt.\n"
        "    tips: [Spreek rustig, u belt met een goede reden.]\n    options:\n"
        "      - {label: Klaar, go: opening}\n  opening:\n", 1).replace("name: voorbeeld", "name: voorbeeld\nstart: voorbereiding")
    assert verify(_load_text(text)) == []

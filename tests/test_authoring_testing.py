"""`belscript test`: example conversations through the real engine, with coverage."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from belscript.cli.main import main
from belscript.errors import InvalidDocument
from belscript.script.builtin import builtin_dir, builtin_names
from belscript.authoring.testing import collect, run_suite

SCRIPT = """\
belscript: 1
name: mini
title: Mini
agreement:
  if_broken: Dan sturen wij een aanmaning.
steps:
  luisteren:
    role: listening
    say: Ik bel over factuur {factuurnummer}.
    options:
      - {label: Klant noemt een datum, go: afspraak}
      - {label: Klant weigert, go: geen}
  afspraak:
    role: agreement
    options:
      - {label: Afspraak staat, go: einde, when: agreement_is_concrete}
  geen:
    role: closing
    options:
      - {label: Afronden, go: einde, when: no_agreement_recorded}
  einde:
    role: closing
    end: true
excuses:
  al-betaald:
    label: Al betaald
    examples: [Dat is al betaald.]
    say: Wanneer heeft u betaald?
    go: luisteren
"""

PASSING = """\
tests:
  - name: klant betaalt vrijdag
    steps:
      - contact: Ingrid van Dijk
      - choose: 1
      - agree: {soort: volledig, bedrag: alles, datum: vrijdag, gevolg: standaard}
      - choose: 1
    expect: {step: einde, outcome: agreement, ended: true}
  - name: weigert na een excuus
    steps: [excuse: al-betaald, choose: 1, choose: 2,
            no_agreement: {reason: refuses, detail: Wil niet betalen.}, choose: 1]
    expect: {step: einde, outcome: no_agreement}
  - name: einde zonder afspraak wordt geweigerd
    steps: [end]
    expect: {step: luisteren, refused: kan nog niet worden afgesloten, ended: false}
  - name: moeten in een notitie
    steps: [note: U moet vandaag betalen.]
    expect: {warnings: [moeten]}
"""


def make(tmp_path: Path, tests: str, *, inline: bool = False) -> Path:
    script = tmp_path / "mini.yaml"
    if inline:
        script.write_text(SCRIPT + textwrap.dedent(tests), encoding="utf-8")
    else:
        script.write_text(SCRIPT, encoding="utf-8")
        (tmp_path / "mini.test.yaml").write_text(textwrap.dedent(tests), encoding="utf-8")
    return script


def test_passing_conversations_report_full_coverage(tmp_path, capsys):
    """Every case passes, exit 0, and the report counts steps, excuses and transitions."""
    script = make(tmp_path, PASSING)
    assert main(["test", str(script)]) == 0
    out = capsys.readouterr().out
    assert out.count("PASS") == 4 and "FAIL" not in out
    assert "coverage: steps 4/4 (100%), excuses 1/1 (100%), transitions 6/6 (100%)" in out
    assert "4 conversations: 4 passed, 0 failed" in out


def test_tests_inside_the_script_run_too(tmp_path, capsys):
    """A script's own 'tests:' are found without a sibling file."""
    script = make(tmp_path, PASSING, inline=True)
    assert main(["test", str(script)]) == 0
    assert "4 passed" in capsys.readouterr().out


def test_test_file_can_be_named_directly(tmp_path, capsys):
    """`belscript test x.test.yaml` finds its script next to it."""
    make(tmp_path, PASSING)
    assert main(["test", str(tmp_path / "mini.test.yaml")]) == 0
    capsys.readouterr()


def test_failed_expectation_fails_with_the_place_in_the_test_file(tmp_path, capsys):
    """A wrong expected step makes the case fail, naming where the case is written; exit 1."""
    script = make(tmp_path, """\
        tests:
          - name: verkeerde stap
            steps: [choose: 2]
            expect: {step: afspraak}
        """)
    assert main(["test", str(script)]) == 1
    out = capsys.readouterr().out
    assert "FAIL  verkeerde stap" in out
    assert f"{tmp_path / 'mini.test.yaml'}:2:5: expected to be at step 'afspraak', but the conversation is at 'geen'" in out
    assert "0 passed, 1 failed" in out


def test_unexpected_refusal_fails_with_the_engines_dutch_message(tmp_path, capsys):
    """Ending without an agreement fails a case that did not expect it, quoting the engine."""
    script = make(tmp_path, """\
        tests:
          - name: te vroeg klaar
            steps:
              - choose: 2
              - choose: 1
        """)
    assert main(["test", str(script)]) == 1
    out = capsys.readouterr().out
    assert "mini.test.yaml:5:9: 'choose: 1' was refused: in stap 'geen': Optie 1 kan nu nog niet." in out


def test_expected_refusal_that_does_not_happen_fails(tmp_path, capsys):
    """A case that expects a refusal fails when every move is accepted."""
    script = make(tmp_path, """\
        tests:
          - name: niets geweigerd
            steps: [choose: 1]
            expect: {refused: true}
        """)
    assert main(["test", str(script)]) == 1
    assert "expected a refusal, but every move was accepted" in capsys.readouterr().out


def test_unexpected_warnings_fail(tmp_path, capsys):
    """The expected phrasing warnings must match the ones the notes produce."""
    script = make(tmp_path, """\
        tests:
          - name: geen waarschuwing verwacht
            steps: [note: Het heeft geen haast hoor.]
            expect: {warnings: []}
        """)
    assert main(["test", str(script)]) == 1
    assert "expected phrasing warnings [none], got [geen-haast]" in capsys.readouterr().out


def test_uncovered_parts_are_listed(tmp_path, capsys):
    """Steps, excuses and transitions no conversation reaches are listed by name."""
    script = make(tmp_path, """\
        tests:
          - name: alleen luisteren
            steps: []
            expect: {step: luisteren}
        """)
    assert main(["test", str(script)]) == 0
    out = capsys.readouterr().out
    assert "never visited: step 'afspraak', step 'geen', step 'einde', excuse 'al-betaald'" in out
    assert "luisteren option 2 → geen" in out and "excuse 'al-betaald' → luisteren" in out


def test_broken_conversation_reports_its_mistakes_with_positions(tmp_path, capsys):
    """Unknown moves, keys and excuses in a conversation are that conversation's failure, at line and column; exit 1."""
    script = make(tmp_path, """\
        tests:
          - name: fouten
            steps:
              - chose: 1
              - excuse: al-betaal
              - choose: twee
            expect: {stap: einde}
        """)
    assert main(["test", str(script)]) == 1
    out = capsys.readouterr().out
    test_file = tmp_path / "mini.test.yaml"
    assert "FAIL  fouten" in out
    assert f"{test_file}:4:9: unknown move 'chose'; did you mean 'choose'? [unknown-move]" in out
    assert f"{test_file}:5:17: unknown excuse 'al-betaal'; did you mean 'al-betaald'? [unknown-excuse]" in out
    assert f"{test_file}:6:17: 'choose' needs an option number, got 'twee' [invalid-test]" in out
    assert f"{test_file}:7:14: unknown key 'stap' in 'expect'; did you mean 'step'? [unknown-key]" in out


def test_one_malformed_move_fails_only_its_own_conversation(tmp_path, capsys):
    """A typo in one conversation fails that one, with its line; the other conversations still run and pass."""
    script = make(tmp_path, PASSING + """\
  - name: tikfout
    steps: [contact: Ingrid, chose: 1]
""")
    assert main(["test", str(script)]) == 1
    out = capsys.readouterr().out
    assert "PASS  klant betaalt vrijdag" in out and "PASS  moeten in een notitie" in out
    assert f"FAIL  tikfout\n        {tmp_path / 'mini.test.yaml'}:20:30: unknown move 'chose'" in out
    assert "5 conversations: 4 passed, 1 failed" in out


def test_refusal_names_the_step_where_it_happened(tmp_path, capsys):
    """A refused move says in which step the engine refused it."""
    script = make(tmp_path, """\
        tests:
          - name: te vroeg klaar
            steps: [choose: 1, choose: 1]
        """)
    assert main(["test", str(script)]) == 1
    out = capsys.readouterr().out
    assert "'choose: 1' was refused: in stap 'afspraak': Optie 1 kan nu nog niet." in out


def test_back_in_an_excuse_continues_the_conversation(tmp_path, capsys):
    """'back' after an excuse continues at the excuse's next step, like its 'Verder met het gesprek' option."""
    script = tmp_path / "mini.yaml"
    script.write_text(SCRIPT.replace("    go: luisteren\n", "    go: afspraak\n"), encoding="utf-8")
    (tmp_path / "mini.test.yaml").write_text(textwrap.dedent("""\
        tests:
          - name: terug na een excuus
            steps: [excuse: al-betaald, back]
            expect: {step: afspraak}
          - name: terug in een gewone stap
            steps: [choose: 1, back]
            expect: {step: luisteren}
        """), encoding="utf-8")
    assert main(["test", str(script)]) == 0
    out = capsys.readouterr().out
    assert "excuse 'al-betaald' → afspraak" not in out


def test_script_without_tests_is_reported(tmp_path, capsys):
    """Asking to test a script that has no examples says how to add them and exits 1."""
    script = tmp_path / "mini.yaml"
    script.write_text(SCRIPT, encoding="utf-8")
    assert main(["test", str(script)]) == 1
    assert "no example conversations found" in capsys.readouterr().err


def test_moment_and_dossier_can_be_set_per_file(tmp_path):
    """'now:' moves the conversation in time: 'vrijdag' then means another date."""
    make(tmp_path, """\
        now: 2026-12-01T10:00
        tests:
          - name: later
            steps: [contact: Ingrid, agree: {soort: volledig, bedrag: alles, datum: vrijdag}]
        """)
    suite = collect(str(tmp_path / "mini.yaml"))
    assert suite.cases[0].now.day == 1
    result = run_suite(suite)
    assert result.results[0].passed


@pytest.mark.parametrize("name", builtin_names())
def test_builtin_scripts_pass_their_tests_and_cover_every_step_and_excuse(name):
    """Each built-in script ships example conversations that pass and visit every step and excuse."""
    assert (builtin_dir() / f"{name}.test.yaml").is_file()
    result = run_suite(collect(name))
    failures = [f for r in result.results for f in r.failures]
    assert failures == []
    assert result.coverage.missing_nodes == []
    assert result.coverage.missing_transitions == []


def test_unreadable_path_is_a_usage_error(tmp_path, capsys):
    """A path that does not exist gives exit code 2, not a traceback."""
    assert main(["test", str(tmp_path / "weg.yaml")]) == 2
    assert "weg.yaml" in capsys.readouterr().err


def test_collect_rejects_test_file_that_is_not_a_mapping(tmp_path):
    """A test file must be keys with values; a bare list is refused with a diagnostic."""
    make(tmp_path, "- name: x\n")
    with pytest.raises(InvalidDocument) as info:
        collect(str(tmp_path / "mini.yaml"))
    assert info.value.diagnostics[0].line == 1

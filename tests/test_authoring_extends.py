"""`extends:`: building a script on another one, and diagnostics that point into the right file."""

from __future__ import annotations

import os
import re
import stat
import textwrap
from pathlib import Path

import pytest

from belscript.cli.main import main
from belscript.errors import InvalidDocument
from belscript.script.builtin import builtin_path
from belscript.script.loader import load_builtin, load_script
from belscript.script.verify import verify

BASE = """\
belscript: 1
name: basis
title: Basisscript
agreement:
  max_deferral_days: 14
  max_instalments: 3
steps:
  luisteren:
    role: listening
    say: Ik bel over factuur {factuurnummer}.
    tips: [Laat de klant uitpraten.]
    options:
      - {label: Klant wil betalen, go: aanbod}
  aanbod:
    role: offer
    options:
      - {label: Akkoord, go: afsluiting, when: agreement_is_concrete}
      - {label: Geen afspraak, go: afsluiting, when: no_agreement_recorded}
  afsluiting:
    role: closing
    end: true
excuses:
  al-betaald:
    label: Al betaald
    examples: [Dat is al betaald.]
    say: Wanneer heeft u betaald?
    go: aanbod
  boos:
    label: Boze klant
    examples: [Wat een onzin.]
    say: Ik hoor dat u boos bent.
    go: aanbod
tests:
  - name: hoort bij de basis
    steps: [end]
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def diagnostics_of(path: Path) -> list:
    with pytest.raises(InvalidDocument) as info:
        load_script(path)
    return info.value.diagnostics


def test_child_overrides_keys_and_keeps_the_rest(tmp_path):
    """A named step keeps every key it does not change; lists are replaced; new steps are added."""
    write(tmp_path, "basis.yaml", BASE)
    child = write(tmp_path, "kind.yaml", """\
        belscript: 1
        extends: ./basis.yaml
        name: kind
        title: Mijn versie
        agreement:
          max_deferral_days: 7
        steps:
          luisteren:
            say: Goedemorgen, ik bel over {factuurnummer}.
            tips: [Eigen tip.]
          extra:
            role: offer
            options:
              - {label: Akkoord, go: afsluiting, when: agreement_is_concrete}
        """)
    script = load_script(child).script
    assert script.name == "kind" and script.title == "Mijn versie"
    assert script.agreement.max_deferral_days == 7 and script.agreement.max_instalments == 3
    step = script.steps["luisteren"]
    assert step.say == "Goedemorgen, ik bel over {factuurnummer}."
    assert step.tips == ["Eigen tip."]
    assert step.role.value == "listening" and step.options[0].go == "aanbod"
    assert list(script.steps) == ["luisteren", "aanbod", "afsluiting", "extra"]
    assert set(script.excuses) == {"al-betaald", "boos"}
    assert script.tests == []  # the base's examples describe the base, not the child


def test_source_map_points_each_key_into_its_own_file(tmp_path):
    """Overridden keys are found in the child, inherited keys in the base, at their own lines."""
    base = write(tmp_path, "basis.yaml", BASE)
    child = write(tmp_path, "kind.yaml", """\
        belscript: 1
        extends: basis.yaml
        steps:
          luisteren:
            say: Hallo.
        """)
    source = load_script(child).source
    assert source.file_of(("steps", "luisteren", "say")) == str(child)
    assert source.value_pos(("steps", "luisteren", "say")) == (5, 10)
    assert Path(source.file_of(("steps", "aanbod", "role"))) == base
    assert source.value_pos(("steps", "aanbod", "role")) == (15, 11)


def test_step_the_child_cuts_off_is_reported_at_the_childs_override(tmp_path):
    """A base step the child makes unreachable is reported at the child's option that no longer leads there."""
    base = write(tmp_path, "basis.yaml", BASE)
    child = write(tmp_path, "kind.yaml", """\
        belscript: 1
        extends: ./basis.yaml
        steps:
          luisteren:
            options:
              - {label: Betaalt, go: extra}
          extra:
            role: agreement
            options:
              - {label: Akkoord, go: afsluiting, when: agreement_is_concrete}
        excuses:
          al-betaald: {go: extra}
          boos: {go: extra}
        """)
    [problem] = verify(load_script(child))
    assert problem.code == "unreachable-step"
    assert (problem.path, problem.line, problem.column) == (str(child), 6, 26)
    assert "option 1 of step 'luisteren', which this file changes" in problem.message
    assert problem.extra["inherited_at"] == f"{base}:14:3"


def test_overriding_a_go_in_a_builtin_points_at_that_go(tmp_path):
    """Changing one option's go: of a built-in script blames that go: in the child, not the built-in file."""
    from belscript.script.loader import load_builtin

    base = load_builtin("eerste-gesprek").script
    [(nr, target)] = [(i, o.go) for i, o in enumerate(base.steps["opening"].options) if o.go == "niet-bereikt"]
    lines = "".join(f"      - {{label: '{o.label}', " + (f"go: {'doel' if i == nr else o.go}" if o.go else
                                                           f"excuse: {o.excuse}")
                    + (f", when: {o.when}" if o.when else "") + "}\n"
                    for i, o in enumerate(base.steps["opening"].options))
    child = tmp_path / "mijn.yaml"
    child.write_text(f"belscript: 1\nextends: eerste-gesprek\nsteps:\n  opening:\n    options:\n{lines}",
                     encoding="utf-8")
    problems = [d for d in verify(load_script(child)) if d.code == "unreachable-step"]
    assert [(d.path, d.line, d.extra["step"]) for d in problems] == [(str(child), 6 + nr, target)]
    assert "which this file changes" in problems[0].message


def test_removing_a_step_blames_the_removal(tmp_path):
    """A step reached only through a step the child removes is reported at that remove: entry."""
    write(tmp_path, "basis.yaml", BASE.replace(
        "      - {label: Klant wil betalen, go: aanbod}\n",
        "      - {label: Klant wil betalen, go: aanbod}\n      - {label: Uitleg, go: uitleg}\n").replace(
        "  afsluiting:\n", "  uitleg:\n    role: offer\n    options: [{label: Verder, go: details}]\n"
        "  details:\n    role: offer\n    options: [{label: Verder, go: aanbod}]\n  afsluiting:\n"))
    child = write(tmp_path, "kind.yaml", """\
        belscript: 1
        extends: ./basis.yaml
        steps:
          luisteren:
            options:
              - {label: Klant wil betalen, go: aanbod}
        remove:
          steps: [uitleg]
        """)
    [problem] = verify(load_script(child))
    assert (problem.code, problem.extra["step"]) == ("unreachable-step", "details")
    assert (problem.path, problem.line, problem.column) == (str(child), 8, 11)
    assert "through step 'uitleg', which this file removes" in problem.message


def test_step_the_base_never_reaches_stays_in_the_base(tmp_path):
    """A step that is unreachable in the base already is reported in the base, not blamed on the child."""
    base = write(tmp_path, "basis.yaml", BASE.replace(
        "  afsluiting:\n", "  vergeten:\n    role: offer\n    options: [{label: Verder, go: aanbod}]\n  afsluiting:\n"))
    child = write(tmp_path, "kind.yaml", "belscript: 1\nextends: ./basis.yaml\nname: kind\n")
    [problem] = verify(load_script(child))
    assert (Path(problem.path), problem.extra["step"]) == (base, "vergeten")


def test_schema_error_in_child_points_into_the_child(tmp_path):
    """A wrong value the child writes is reported in the child at that value."""
    write(tmp_path, "basis.yaml", BASE)
    child = write(tmp_path, "kind.yaml", """\
        belscript: 1
        extends: ./basis.yaml
        steps:
          aanbod:
            role: aanbieden
        """)
    [problem] = diagnostics_of(child)
    assert (problem.path, problem.line, problem.column) == (str(child), 5, 11)


def test_broken_base_reports_in_the_base_and_at_the_extends_line(tmp_path):
    """Problems of the base itself carry the base's path; the child's extends line says why it fails."""
    base = write(tmp_path, "basis.yaml", BASE.replace("go: aanbod}", "go: aanbodd}"))
    child = write(tmp_path, "kind.yaml", "belscript: 1\nextends: ./basis.yaml\n")
    problems = diagnostics_of(child)
    in_base = [d for d in problems if Path(d.path) == base]
    assert in_base and in_base[0].code == "unknown-step" and in_base[0].line == 13
    [at_child] = [d for d in problems if d.path == str(child)]
    assert (at_child.code, at_child.line, at_child.column) == ("extends-invalid-base", 2, 10)


def test_cycle_is_reported_at_the_extends_line_that_closes_it(tmp_path):
    """a extends b extends a: one error at b's extends value naming the circle."""
    a = write(tmp_path, "a.yaml", "belscript: 1\nname: a\nextends: ./b.yaml\n")
    b = write(tmp_path, "b.yaml", "# b\nbelscript: 1\nextends: ./a.yaml\n")
    problems = diagnostics_of(a)
    [cycle] = [d for d in problems if d.code == "extends-cycle"]
    assert (cycle.path, cycle.line, cycle.column) == (str(b), 3, 10)
    assert "a.yaml → b.yaml → a.yaml" in cycle.message


def test_extending_itself_is_a_cycle(tmp_path):
    """A script that extends its own file is refused instead of looping."""
    me = write(tmp_path, "ik.yaml", "belscript: 1\nextends: ik.yaml\n")
    [problem] = diagnostics_of(me)
    assert problem.code == "extends-cycle" and problem.path == str(me)


def test_chain_of_three_files_merges_in_order(tmp_path):
    """Grandchild over child over base: the nearest file wins, the rest is inherited."""
    write(tmp_path, "basis.yaml", BASE)
    write(tmp_path, "midden.yaml", "belscript: 1\nextends: ./basis.yaml\nagreement: {max_deferral_days: 10}\n")
    last = write(tmp_path, "laatste.yaml", "belscript: 1\nextends: ./midden.yaml\nname: laatste\n"
                                           "agreement: {max_instalments: 6}\n")
    policy = load_script(last).script.agreement
    assert (policy.max_deferral_days, policy.max_instalments) == (10, 6)


def test_unknown_builtin_suggests_the_right_name(tmp_path):
    """A misspelt built-in name is reported at the extends value with a suggestion."""
    child = write(tmp_path, "kind.yaml", "belscript: 1\nextends: eerste-gesprekk\n")
    [problem] = diagnostics_of(child)
    assert problem.code == "extends-not-found" and (problem.line, problem.column) == (2, 10)
    assert "did you mean 'eerste-gesprek'?" in problem.message


def test_missing_file_is_reported(tmp_path):
    """A relative file that does not exist is an error at the extends value."""
    child = write(tmp_path, "kind.yaml", "belscript: 1\nextends: ./weg.yaml\n")
    [problem] = diagnostics_of(child)
    assert problem.code == "extends-not-found" and "does not exist" in problem.message


def test_remove_leaves_out_an_excuse(tmp_path):
    """`remove: {excuses: [...]}` drops an inherited excuse."""
    write(tmp_path, "basis.yaml", BASE)
    child = write(tmp_path, "kind.yaml", "belscript: 1\nextends: ./basis.yaml\nremove:\n  excuses: [boos]\n")
    assert list(load_script(child).script.excuses) == ["al-betaald"]


def test_remove_refuses_a_step_that_is_still_used(tmp_path):
    """Removing a step that options still lead to is an error at the removal, naming who uses it."""
    write(tmp_path, "basis.yaml", BASE)
    child = write(tmp_path, "kind.yaml", "belscript: 1\nextends: ./basis.yaml\nremove:\n  steps: [aanbod, weg]\n")
    problems = diagnostics_of(child)
    by_column = {(d.line, d.column): d.message for d in problems}
    assert "no inherited step 'weg'" in by_column[(4, 19)]
    assert "option 1 of step 'luisteren'" in by_column[(4, 11)] and "excuse 'al-betaald'" in by_column[(4, 11)]


def test_extending_a_builtin_keeps_it_sound():
    """A one-line change on top of the default script validates with no problems."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        child = write(Path(tmp), "mijn.yaml", "belscript: 1\nextends: eerste-gesprek\nname: mijn\n"
                                              "agreement: {max_deferral_days: 7}\n")
        loaded = load_script(child)
    assert verify(loaded) == []
    assert loaded.script.steps.keys() == load_builtin("eerste-gesprek").script.steps.keys()
    assert loaded.source.file_of(("steps", "opening")) == str(builtin_path("eerste-gesprek"))


def test_new_with_extends_writes_a_small_valid_private_file(tmp_path, capsys):
    """`belscript new PATH --extends eerste-gesprek` writes a short owner-only file that validates cleanly."""
    target = tmp_path / "mijn-script.yaml"
    assert main(["new", str(target), "--extends", "eerste-gesprek"]) == 0
    text = target.read_text(encoding="utf-8")
    assert "extends: eerste-gesprek" in text and "name: mijn-script" in text
    assert text.startswith("# yaml-language-server: $schema=")
    assert len(text.splitlines()) < 50
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    capsys.readouterr()
    assert main(["validate", str(target)]) == 0


def test_new_starter_examples_are_valid_when_uncommented(tmp_path):
    """The commented examples in the starting file work as soon as an author removes the '#'."""
    from belscript.script.extends import starter

    example = re.compile(r"^# ((?:steps|excuses|remove):.*|  .*)$")
    lines = [example.sub(r"\1", line) for line in starter("eerste-gesprek", "mijn").splitlines()]
    path = tmp_path / "mijn.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    script = load_script(path).script
    assert "mijn-excuus" in script.excuses and "boze-klant" not in script.excuses

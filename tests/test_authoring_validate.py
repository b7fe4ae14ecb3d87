"""`belscript validate`: flow problems next to format problems, and what --strict means everywhere."""

from __future__ import annotations

import json

from belscript.cli.main import main

BROKEN_FORMAT_AND_FLOW = """\
belscript: 1
name: t
title: T
agreement:
  max_instalments: vier
steps:
  luisteren:
    role: listening
    options:
      - {lable: Akkoord, go: afsluiting}
  weg:
    role: offer
    titel: Weg
    options:
      - {label: Akkoord, go: afsluiting, when: agreement_is_concrete}
  afsluiting:
    role: closing
    end: true
"""

ONLY_A_WARNING = """\
belscript: 1
name: t
title: T
steps:
  luisteren:
    role: listening
    options:
      - {label: Akkoord, go: afsluiting, when: agreement_is_concrete}
  weg:
    role: offer
    options:
      - {label: Akkoord, go: afsluiting, when: agreement_is_concrete}
  afsluiting:
    role: closing
    end: true
"""


def _run(tmp_path, capsys, text, *args):
    path = tmp_path / "script.yaml"
    path.write_text(text, encoding="utf-8")
    code = main(["validate", *args, str(path)])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_flow_problems_are_reported_together_with_format_problems(tmp_path, capsys):
    """A script with format mistakes still gets its unguarded end and unreachable step reported in the same run."""
    code, out, _ = _run(tmp_path, capsys, BROKEN_FORMAT_AND_FLOW)
    assert code == 1
    for expected in ("[wrong-type]", "[unknown-key]", "[missing-key]", "[unguarded-end]", "[unreachable-step]"):
        assert expected in out, expected


def test_flow_is_not_guessed_when_the_flow_itself_is_broken(tmp_path, capsys):
    """When an option's target is malformed the flow cannot be built, so no flow verdict is invented."""
    text = BROKEN_FORMAT_AND_FLOW.replace("go: afsluiting}", "go: [afsluiting]}", 1)
    code, out, _ = _run(tmp_path, capsys, text)
    assert code == 1
    assert "[unguarded-end]" not in out and "[unreachable-step]" not in out


def test_warnings_alone_exit_zero_and_are_counted_as_warnings(tmp_path, capsys):
    """Without --strict a script with only warnings passes (exit 0) and the summary counts a warning."""
    code, out, err = _run(tmp_path, capsys, ONLY_A_WARNING)
    assert code == 0
    assert "warning:" in out
    assert "0 errors, 1 warning" in err


def test_strict_reports_counts_and_exits_on_warnings_as_errors(tmp_path, capsys):
    """Under --strict the warning is printed as an error, counted as one, and the exit is 1."""
    code, out, err = _run(tmp_path, capsys, ONLY_A_WARNING, "--strict")
    assert code == 1
    assert "error:" in out and "warning:" not in out
    assert "1 error, 0 warnings" in err


def test_strict_json_level_agrees_with_the_exit_code(tmp_path, capsys):
    """Under --strict --format json the warning's level is 'error', matching exit 1."""
    code, out, _ = _run(tmp_path, capsys, ONLY_A_WARNING, "--strict", "--format", "json")
    assert code == 1
    assert [d["level"] for d in json.loads(out)] == ["error"]


def _json(tmp_path, capsys, text):
    code, out, _ = _run(tmp_path, capsys, text, "--format", "json")
    return code, json.loads(out)


def test_unknown_field_has_an_end_column_in_json(tmp_path, capsys):
    """An unknown {klnt} is reported from its opening to just after its closing brace."""
    text = ONLY_A_WARNING.replace("    role: offer\n", "    role: offer\n    say: Goedemorgen {klnt}.\n")
    _, found = _json(tmp_path, capsys, text)
    [field] = [d for d in found if d["code"] == "unknown-field"]
    assert field["end_column"] - field["column"] == len("{klnt}")


def test_step_field_is_the_source_and_target_is_separate(tmp_path, capsys):
    """In JSON, 'step' of an unguarded end is the step with the option; the end step is 'target'."""
    _, found = _json(tmp_path, capsys, BROKEN_FORMAT_AND_FLOW.replace("lable", "label"))
    [end] = [d for d in found if d["code"] == "unguarded-end"]
    assert end["step"] == "luisteren" and end["target"] == "afsluiting"


def test_wrong_type_names_the_key(tmp_path, capsys):
    """'max_instalments: vier' says which key expects a whole number."""
    _, out, _ = _run(tmp_path, capsys, BROKEN_FORMAT_AND_FLOW)
    assert "'max_instalments' expects a whole number, got 'vier' [wrong-type]" in out


def test_amount_limit_message_is_english_and_mentions_percentages(tmp_path, capsys):
    """A bad minimum first instalment is explained in English, with 25% as an allowed example."""
    text = ONLY_A_WARNING.replace("steps:\n", "agreement:\n  min_first_instalment: twintig procent\nsteps:\n", 1)
    _, out, _ = _run(tmp_path, capsys, text)
    [line] = [line for line in out.splitlines() if "twintig procent" in line]
    assert "geen bedrag" not in line and "25%" in line


def test_misspelt_removal_suggests_the_inherited_name(tmp_path, capsys):
    """'remove: excuses: [boze-klnt]' suggests 'boze-klant'."""
    text = "belscript: 1\nextends: eerste-gesprek\nremove:\n  excuses: [boze-klnt]\n"
    _, out, _ = _run(tmp_path, capsys, text)
    assert "did you mean 'boze-klant'?" in out

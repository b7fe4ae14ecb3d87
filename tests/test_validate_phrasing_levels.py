"""`belscript validate` reports a script's own wording as warnings, and as errors under --strict."""

from belscript.cli.main import main

SCRIPT = """\
belscript: 1
name: x
title: X
steps:
  a:
    role: opening
    say: "Het heeft geen haast, maar u moet betalen."
    options:
      - label: ok
        go: b
        when: agreement_is_concrete
  b:
    role: closing
    end: true
"""


def test_wording_is_a_warning_in_validate(tmp_path, capsys):
    """Even an error-level phrasing rule does not fail validation without --strict."""
    path = tmp_path / "x.yaml"
    path.write_text(SCRIPT, encoding="utf-8")
    assert main(["validate", str(path)]) == 0
    out = capsys.readouterr().out
    assert f"{path}:7:21: warning:" in out and "[geen-haast]" in out
    assert f"{path}:7:40: warning:" in out and "[moeten]" in out


def test_wording_fails_validation_under_strict(tmp_path, capsys):
    """With --strict the same findings are errors and the exit code is 1."""
    path = tmp_path / "x.yaml"
    path.write_text(SCRIPT, encoding="utf-8")
    assert main(["validate", "--strict", str(path)]) == 1
    assert f"{path}:7:21: error:" in capsys.readouterr().out

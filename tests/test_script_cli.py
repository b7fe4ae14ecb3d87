"""The validate, new, scripts and schema commands as an author uses them."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

import belscript.phrasing
from belscript.cli.main import main
from belscript.document.diagnostics import Diagnostic
from belscript.script.builtin import builtin_names

GOLDEN = Path(__file__).resolve().parent / "golden"
VALID = GOLDEN / "valid" / "klein.yaml"
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def no_plugins(monkeypatch):
    """Run validate without the phrasing and graph checks (tested on their own elsewhere)."""
    monkeypatch.setattr("belscript.phrasing.lint_script", lambda loaded: [])
    monkeypatch.setattr("belscript.script.verify.verify", lambda loaded: [])


def test_valid_script_and_customer_files_exit_0(capsys, no_plugins):
    """A clean script, a YAML customer file and a JSON customer file give exit 0 and no output."""
    code = main(["validate", str(VALID), str(GOLDEN / "valid" / "klant.yaml"), str(GOLDEN / "valid" / "klant.json")])
    out, err = capsys.readouterr()
    assert code == 0 and out == ""
    assert "3 files checked: 0 errors" in err


def test_problems_exit_1_sorted_text(capsys, no_plugins):
    """Problems print one per line, sorted by place, and give exit 1."""
    code = main(["validate", str(GOLDEN / "typos.yaml")])
    lines = capsys.readouterr().out.strip().splitlines()
    assert code == 1
    positions = [tuple(int(x) for x in line.split(":")[1:3]) for line in lines]
    assert positions == sorted(positions) and len(lines) == 16


def test_json_output_lists_every_problem(capsys, no_plugins):
    """--format json gives a list of objects with path, line, column, level, message and code."""
    code = main(["validate", "--format", "json", str(GOLDEN / "typos.yaml")])
    data = json.loads(capsys.readouterr().out)
    assert code == 1 and len(data) == 16
    first = data[0]
    assert {"path", "line", "column", "level", "message", "code"} <= first.keys()
    assert (first["line"], first["column"], first["code"]) == (2, 7, "invalid-name")


def test_json_output_of_clean_file_is_empty_list(capsys, no_plugins):
    """A clean file in JSON mode prints an empty list."""
    assert main(["validate", "--format", "json", str(VALID)]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_unreadable_file_exits_2_but_checks_the_others(capsys, tmp_path, no_plugins):
    """A missing file gives exit 2 with a message; other files are still checked."""
    code = main(["validate", str(tmp_path / "nope.yaml"), str(GOLDEN / "typos.yaml")])
    out, err = capsys.readouterr()
    assert code == 2 and "no such file" in err and "typos.yaml:2:7" in out


def test_kind_dossier_forces_customer_file_checks(capsys, no_plugins):
    """--dossier checks a file as a customer file, and a script given there is named as one."""
    code = main(["validate", "--dossier", str(VALID)])
    out = capsys.readouterr().out
    assert code == 1 and "this looks like a belscript, not a customer file" in out


def test_customer_file_is_recognised_by_its_keys(capsys, no_plugins):
    """A customer file is detected by its keys and checked as one."""
    assert main(["validate", str(GOLDEN / "klant-fouten.yaml")]) == 1
    assert "unknown key 'numbr' in 'customer'; did you mean 'number'?" in capsys.readouterr().out


def test_phrasing_warnings_are_errors_only_with_strict(monkeypatch, capsys):
    """Phrasing findings are warnings (exit 0) unless --strict makes them errors (exit 1)."""
    def lint(loaded):
        return [Diagnostic(loaded.path, 20, 10, "warning", "vermijd 'moet'", "moeten")]

    monkeypatch.setattr(belscript.phrasing, "lint_script", lint)
    monkeypatch.setattr("belscript.script.verify.verify", lambda loaded: [])
    assert main(["validate", str(VALID)]) == 0
    assert ": warning: vermijd 'moet' [moeten]" in capsys.readouterr().out
    assert main(["validate", "--strict", str(VALID)]) == 1
    assert ": error: vermijd 'moet' [moeten]" in capsys.readouterr().out


def test_graph_checks_are_added(monkeypatch, capsys):
    """Diagnostics of the graph verification are part of the validate output."""
    def verify(loaded):
        return [Diagnostic(loaded.path, 3, 1, "error", "step 'x' is unreachable", "unreachable-step")]

    monkeypatch.setattr("belscript.phrasing.lint_script", lambda loaded: [])
    monkeypatch.setattr("belscript.script.verify.verify", verify)
    assert main(["validate", str(VALID)]) == 1
    assert "[unreachable-step]" in capsys.readouterr().out


def test_validate_full_pipeline_runs_on_builtins(capsys):
    """With the real phrasing and graph checks, every built-in script has no errors."""
    paths = [str(ROOT / "src/belscript/data/scripts" / f"{n}.yaml") for n in builtin_names()]
    assert len(paths) >= 3
    code = main(["validate", *paths])
    out = capsys.readouterr().out
    assert code == 0, out


# -- new ------------------------------------------------------------------------------

def test_new_copies_the_default_script_privately(tmp_path, capsys, no_plugins):
    """'new' copies the default script, renames it after the file and makes it owner-only."""
    target = tmp_path / "Mijn Script.yaml"
    assert main(["new", str(target)]) == 0
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    text = target.read_text(encoding="utf-8")
    assert "\nname: mijn-script\n" in "\n" + text
    capsys.readouterr()
    assert main(["validate", str(target)]) == 0


def test_new_never_overwrites_without_force(tmp_path, capsys):
    """An existing file is left alone unless --force is given."""
    target = tmp_path / "s.yaml"
    target.write_text("mijn werk\n", encoding="utf-8")
    assert main(["new", str(target)]) == 2
    assert "already exists; use --force" in capsys.readouterr().err
    assert target.read_text(encoding="utf-8") == "mijn werk\n"
    assert main(["new", str(target), "--force"]) == 0
    assert target.read_text(encoding="utf-8") != "mijn werk\n"
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600


def test_new_from_unknown_script_suggests_a_name(tmp_path, capsys):
    """--from with a misspelt built-in name exits 2 with a suggestion and creates nothing."""
    assert main(["new", str(tmp_path / "s.yaml"), "--from", "servicegesprk"]) == 2
    assert "did you mean 'servicegesprek'" in capsys.readouterr().err
    assert not (tmp_path / "s.yaml").exists()


def test_new_extends_writes_a_small_private_file(tmp_path, capsys):
    """--extends writes a short file naming its base, readable by its owner only."""
    target = tmp_path / "huisstijl.yaml"
    assert main(["new", str(target), "--extends", "eerste-gesprek"]) == 0
    text = target.read_text(encoding="utf-8")
    assert "extends: eerste-gesprek" in text and "huisstijl" in text
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600


# -- scripts and schema ---------------------------------------------------------------

def test_scripts_lists_builtins_with_title(capsys):
    """'scripts' lists each built-in with its title and marks the default."""
    assert main(["scripts"]) == 0
    out = capsys.readouterr().out
    for name in builtin_names():
        assert name in out
    if "eerste-gesprek" in builtin_names():
        assert "(default)" in out


def test_scripts_json(capsys):
    """'scripts --format json' gives name, title, description and the default flag."""
    assert main(["scripts", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["name"] for r in rows] == builtin_names()
    assert all({"name", "title", "description", "default"} <= r.keys() for r in rows)


def test_schema_is_json_schema_with_identity(capsys):
    """'schema' prints a JSON Schema with $schema, $id and title that forbids unknown keys."""
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] and schema["title"]
    base = schema["$defs"]["Script"]
    assert {"belscript", "name", "title", "steps"} <= set(base["required"])
    assert base["additionalProperties"] is False
    assert "Step" in schema["$defs"] and "role" in schema["$defs"]["Step"]["properties"]


def test_schema_to_file(tmp_path, capsys):
    """'schema -o FILE' writes the schema to a file."""
    target = tmp_path / "belscript.schema.json"
    assert main(["schema", "-o", str(target)]) == 0
    assert json.loads(target.read_text(encoding="utf-8"))["$id"]


@pytest.mark.parametrize("command", [
    ["validate", str(VALID)], ["scripts"], ["schema"], ["new", "{tmp}/n.yaml"],
])
def test_non_interactive_commands_do_not_import_prompt_toolkit(command, tmp_path):
    """validate, scripts, schema and new never load the terminal UI library (start-up time)."""
    command = [c.replace("{tmp}", str(tmp_path)) for c in command]
    code = (
        "import sys\n"
        "from belscript.cli.main import main\n"
        f"rc = main({command!r})\n"
        "assert not [m for m in sys.modules if m.startswith('prompt_toolkit')], 'prompt_toolkit imported'\n"
        "sys.exit(0 if rc in (0, 1) else rc)\n"
    )
    env = dict(os.environ, BELSCRIPT_HOME=str(tmp_path / "home"))
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 0, result.stderr


def test_example_conversation_files_are_skipped(tmp_path, capsys, no_plugins):
    """*.test.yaml files next to scripts are not scripts; validate skips them with a note."""
    path = tmp_path / "mijn.test.yaml"
    path.write_text("tests: []\n", encoding="utf-8")
    assert main(["validate", str(path)]) == 0
    assert "belscript test" in capsys.readouterr().err


def test_reference_errors_do_not_hide_wording_and_graph_problems(tmp_path, capsys):
    """A misspelt step name is reported together with the phrasing and graph problems of the same file."""
    path = tmp_path / "s.yaml"
    path.write_text(
        "belscript: 1\nname: x\ntitle: X\nsteps:\n  a:\n    role: opening\n"
        "    say: \"U moet betalen.\"\n    options:\n      - label: ok\n        go: bb\n"
        "      - label: klaar\n        go: b\n  b:\n    role: closing\n    end: true\n",
        encoding="utf-8",
    )
    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr().out
    assert f"{path}:7:13: warning:" in out and "[moeten]" in out
    assert f"{path}:10:13: error: unknown step 'bb'; did you mean 'b'? [unknown-step]" in out
    assert f"{path}:12:13: error:" in out and "[unguarded-end]" in out

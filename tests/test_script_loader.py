"""Loading scripts: the model, did-you-mean suggestions, references, built-ins, extends hook."""

from __future__ import annotations

from pathlib import Path

import pytest

from belscript.errors import InputError, InvalidDocument, UsageError
from belscript.script import loader
from belscript.script.loader import (
    LoadedScript, builtin_names, load_builtin, load_script, parse_script_text, resolve_script,
)
from belscript.script.models import Role

VALID = Path(__file__).resolve().parent / "golden" / "valid" / "klein.yaml"

MINIMAL = """\
belscript: 1
name: mini
title: Mini
steps:
  opening:
    role: opening
    say: Hallo {klant}
    options:
      - label: Door
        go: einde
  einde:
    role: closing
    end: yes
"""


def problems(text: str, **kw) -> list[tuple[int, int, str, str]]:
    loaded, found = parse_script_text(text, "s.yaml", **kw)
    return [(d.line, d.column, d.code, d.message) for d in found]


def test_valid_script_loads_with_types_converted():
    """A valid script loads; 'yes' becomes True and numbers become ints only where fields need it."""
    loaded = load_script(VALID)
    assert isinstance(loaded, LoadedScript)
    assert loaded.path == str(VALID)
    assert loaded.script.steps["einde"].end is True
    assert loaded.script.agreement.max_instalments == 3
    assert loaded.script.steps["opening"].role is Role.opening
    assert loaded.source.value_pos(("steps", "opening", "say")) == (20, 10)


def test_version_written_as_text_is_accepted():
    """'belscript: 1' is read as version 1 although every scalar is text at first."""
    loaded, found = parse_script_text(MINIMAL, "s.yaml")
    assert found == [] and loaded.script.belscript == 1


def test_unknown_key_suggests_the_closest_key_and_points_at_it():
    """A misspelt key gets 'did you mean' and the position of the key itself."""
    found = problems(MINIMAL.replace("    say: Hallo", "    sya: Hallo"))
    assert found == [(7, 5, "unknown-key", "unknown key 'sya' in step 'opening'; did you mean 'say'?")]


def test_unknown_key_without_close_match_lists_the_keys():
    """When nothing is close, the message lists the keys that are allowed there."""
    (line, col, code, message), = problems(MINIMAL.replace("    say: Hallo", "    qqq: Hallo"))
    assert code == "unknown-key" and "expected one of: role, title, say" in message


def test_missing_key_points_at_the_parent():
    """A missing required key is reported at the key of the mapping that lacks it."""
    found = problems(MINIMAL.replace("    role: closing\n", ""))
    assert found == [(11, 3, "missing-key", "missing required key 'role' in step 'einde'")]


def test_unknown_step_with_suggestion_at_the_value():
    """'go' to a misspelt step points at the value and suggests the right step."""
    found = problems(MINIMAL.replace("go: einde", "go: eidne"))
    assert found == [(10, 13, "unknown-step", "unknown step 'eidne'; did you mean 'einde'?")]


def test_unknown_start_excuse_condition_action():
    """start, excuse, when and do are all checked against what exists."""
    text = MINIMAL.replace("title: Mini", "title: Mini\nstart: zzz").replace(
        "        go: einde", "        excuse: weg\n        when: is_golden_hours\n        do: [fly]")
    found = {(code, message) for _, _, code, message in problems(text)}
    assert ("unknown-step", "unknown step 'zzz'") in found
    assert ("unknown-excuse", "unknown excuse 'weg'") in found
    assert ("unknown-condition", "unknown condition 'is_golden_hours'; did you mean 'is_golden_hour'?") in found
    assert ("unknown-action", "unknown action 'fly'") in found


def test_unknown_template_field_points_at_the_field_inside_the_text():
    """An unknown {field} is reported at its own column inside the string."""
    found = problems(MINIMAL.replace("Hallo {klant}", "Hallo {klant}, {bedragg}"))
    assert found == [(7, 25, "unknown-field", "unknown field '{bedragg}'; did you mean 'bedrag'?")]


def test_phrasing_override_ids_are_checked_when_rules_are_known():
    """With the list of phrasing rules, an unknown override id is an error with a suggestion."""
    text = MINIMAL + "phrasing:\n  moetten:\n    level: off\n"
    assert problems(text) == []
    found = problems(text, known_rules={"moeten", "geen-haast"})
    assert found == [(15, 3, "unknown-rule", "unknown phrasing rule 'moetten'; did you mean 'moeten'?")]


def test_schema_and_reference_problems_are_reported_together():
    """A wrong type and a wrong reference in one file are both reported in one run."""
    text = MINIMAL.replace("role: opening", "role: openen").replace("go: einde", "go: eind")
    codes = [code for _, _, code, _ in problems(text)]
    assert codes == ["invalid-value", "unknown-step"]


def test_load_script_raises_with_every_diagnostic(tmp_path):
    """load_script raises InvalidDocument holding all problems of a broken script."""
    path = tmp_path / "s.yaml"
    path.write_text(MINIMAL.replace("role: opening", "role: openen").replace("go: einde", "go: eind"), encoding="utf-8")
    with pytest.raises(InvalidDocument) as info:
        load_script(path)
    assert len(info.value.diagnostics) == 2
    assert all(d.path == str(path) for d in info.value.diagnostics)


def test_missing_file_raises_input_error(tmp_path):
    """A script that does not exist is an InputError (exit 2)."""
    with pytest.raises(InputError):
        load_script(tmp_path / "nope.yaml")


def test_builtin_scripts_are_listed_default_first_and_load():
    """Built-in scripts are found by name, the default first, and each one loads."""
    names = builtin_names()
    assert names[0] == "eerste-gesprek"
    assert all(not n.endswith(".test") for n in names)
    for name in names:
        assert load_builtin(name).script.name


def test_resolve_script_accepts_paths_and_names(tmp_path):
    """resolve_script takes a file path or a built-in name, and suggests a name on a typo."""
    assert resolve_script(str(VALID)).script.name == "klein"
    if "eerste-gesprek" in builtin_names():
        assert resolve_script("eerste-gesprek").script.name == "eerste-gesprek"
        assert resolve_script(None).script.name == "eerste-gesprek"
        with pytest.raises(UsageError, match="did you mean 'eerste-gesprek'"):
            resolve_script("eerste-gesprk")


def test_extends_hook_is_called_before_validation(monkeypatch, tmp_path):
    """A document with 'extends:' is handed to belscript.script.extends.apply before validation."""
    calls = []

    def apply(raw, source, path):
        calls.append(path)
        merged = {k: v for k, v in raw.items() if k != "extends"}
        merged.setdefault("title", "Geërfd")
        return merged, source

    from belscript.script import extends

    monkeypatch.setattr(extends, "apply", apply)
    text = MINIMAL.replace("title: Mini\n", "extends: eerste-gesprek\n")
    loaded, found = parse_script_text(text, "child.yaml")
    assert found == [] and calls == ["child.yaml"]
    assert loaded.script.title == "Geërfd"


def test_extends_problems_are_reported(monkeypatch):
    """Problems found while extending (e.g. an unknown base) are reported as diagnostics."""
    from belscript.document.diagnostics import Diagnostic

    def apply(raw, source, path):
        raise InvalidDocument([Diagnostic(path, 2, 10, "error", "unknown base script 'x'", "unknown-base")])

    from belscript.script import extends

    monkeypatch.setattr(extends, "apply", apply)
    found = problems(MINIMAL.replace("title: Mini\n", "extends: x\n"))
    assert found == [(2, 10, "unknown-base", "unknown base script 'x'")]


def test_did_you_mean_helper():
    """did_you_mean suggests close words only."""
    assert loader.did_you_mean("opnening", ["opening", "closing"]) == "; did you mean 'opening'?"
    assert loader.did_you_mean("xyz", ["opening"]) == ""

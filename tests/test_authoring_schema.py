"""The JSON Schema and `belscript validate` give the same structural verdict on every file of a corpus."""

from __future__ import annotations

from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from belscript.authoring.validation import check_path
from belscript.script.schema import script_schema
from belscript.document.yamlsafe import load_file

CORPUS = Path(__file__).resolve().parent / "schema_corpus"
VALID = sorted((CORPUS / "valid").glob("*.yaml"))
INVALID = sorted((CORPUS / "invalid").glob("*.yaml"))

#: What a schema can see: keys, types, values, ids and the fixed vocabularies. Whether a
#: step named in 'go:' exists, a {field} is known or the flow is sound is validate's alone.
STRUCTURAL = {"unknown-key", "missing-key", "wrong-type", "invalid-value", "invalid-name",
              "unknown-condition", "unknown-action", "invalid-remove"}


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    schema = script_schema()
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def _schema_errors(validator, path: Path) -> list[str]:
    raw, _ = load_file(path)
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(raw)]


def _validate_errors(path: Path) -> list[str]:
    return [d.format() for d in check_path(str(path)) if d.level == "error" and d.code in STRUCTURAL]


def test_corpus_covers_base_scripts_children_and_mistakes():
    """The corpus holds valid base scripts and extends: children, and many kinds of mistakes."""
    assert any("child" in p.name for p in VALID) and any("child" in p.name for p in INVALID)
    assert len(VALID) >= 8 and len(INVALID) >= 40


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.stem)
def test_valid_files_pass_both_the_schema_and_validate(path, validator):
    """A file validate accepts is accepted by an editor using the schema, and the other way round."""
    assert _validate_errors(path) == []
    assert _schema_errors(validator, path) == []


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_invalid_files_fail_both_the_schema_and_validate(path, validator):
    """A structural mistake is an error for validate and for an editor using the schema alike."""
    assert _validate_errors(path), "validate accepts it"
    assert _schema_errors(validator, path), "the schema accepts it"


def test_the_starter_that_new_extends_writes_is_valid_for_the_schema(tmp_path, validator, monkeypatch):
    """The file 'belscript new --extends eerste-gesprek' writes is valid for the schema."""
    from belscript.cli.main import main

    monkeypatch.chdir(tmp_path)
    assert main(["new", "mijn-script.yaml", "--extends", "eerste-gesprek"]) == 0
    assert _schema_errors(validator, tmp_path / "mijn-script.yaml") == []


def test_schema_enumerates_the_condition_and_action_vocabularies():
    """'when:' and 'do:' offer exactly the condition and action names belscript knows."""
    from belscript.script.vocabulary import ACTIONS, CONDITIONS

    option = script_schema()["$defs"]["Option"]["properties"]
    assert set(option["when"]["anyOf"][0]["enum"]) == set(CONDITIONS)
    assert set(option["do"]["items"]["enum"]) == set(ACTIONS)

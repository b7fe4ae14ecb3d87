"""docs/format.md keeps up with the format: every key, field, condition, action and code."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pydantic import BaseModel

from belscript.dossier import TEMPLATE_FIELDS
from belscript.script import models
from belscript.script.loader import parse_script_text
from belscript.script.vocabulary import ACTIONS, CONDITIONS

DOC = (Path(__file__).resolve().parent.parent / "docs" / "format.md").read_text(encoding="utf-8")
MODELS = [obj for obj in vars(models).values()
          if isinstance(obj, type) and issubclass(obj, BaseModel) and obj.__module__ == models.__name__
          and not obj.__name__.startswith("_")]


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_every_key_is_documented(model: type[BaseModel]):
    """Each key of each part of the format appears in the documentation as `key`."""
    missing = [name for name in model.model_fields if f"`{name}`" not in DOC]
    assert missing == []


def test_every_template_field_condition_and_action_is_documented():
    """The lists of fields, conditions and actions in the docs are complete."""
    names = [f"{{{f}}}" for f in TEMPLATE_FIELDS] + list(CONDITIONS) + list(ACTIONS)
    assert [n for n in names if f"`{n}`" not in DOC] == []


def test_every_role_and_agreement_kind_is_documented():
    """All step roles and agreement kinds are named in the docs."""
    names = [r.value for r in models.Role] + [k.value for k in models.AgreementKind]
    assert [n for n in names if f"`{n}`" not in DOC] == []


def test_complete_example_in_the_docs_is_valid():
    """The first YAML example in the docs is a valid script."""
    example = re.search(r"```yaml\n(.*?)```", DOC, re.S).group(1)
    loaded, problems = parse_script_text(example, "example.yaml")
    assert problems == [] and loaded.script.name == "klein"


def test_schema_modeline_is_documented():
    """The editor line that connects a script to the schema is in the docs."""
    assert "# yaml-language-server: $schema=./belscript.schema.json" in DOC

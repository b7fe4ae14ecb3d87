"""The built-in rules ship in a precompiled form that equals their YAML, so checking
wording reads no YAML; a stale precompiled file is ignored, never trusted."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from belscript.phrasing import precompiled
from belscript.phrasing.forms import DATA_DIR
from belscript.phrasing.rules import LANGUAGES
from belscript.phrasing.ruleset import builtin_compiled, builtin_rules_from_yaml

SRC = Path(__file__).resolve().parent.parent / "src"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_shipped_precompiled_rules_equal_the_yaml(language):
    """The precompiled rules are up to date (else run scripts/gen_phrasing_forms.py)."""
    yaml_path = DATA_DIR / f"{language}.yaml"
    shipped = json.loads(precompiled.precompiled_path(yaml_path).read_text(encoding="utf-8"))
    rules = builtin_rules_from_yaml(language)
    forms_path = DATA_DIR / f"{language}.forms.json"
    fresh = precompiled.document(rules, yaml_path.read_bytes(), builtin_compiled(rules.rules, language),
                                 forms_path.read_bytes())
    assert shipped == fresh, "run: .venv/bin/python scripts/gen_phrasing_forms.py"
    assert precompiled.load(yaml_path) == rules


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_shipped_variants_are_the_ones_the_rules_compile_to(language):
    """The built-in checker built from the shipped variants finds exactly what one compiled afresh finds."""
    yaml_path = DATA_DIR / f"{language}.yaml"
    loaded = precompiled.load(yaml_path)
    shipped = precompiled.compiled_rules(yaml_path, loaded.rules, str(DATA_DIR / f"{language}.forms.json"))
    assert shipped == builtin_compiled(builtin_rules_from_yaml(language).rules, language)


def test_shipped_variants_made_from_other_forms_are_ignored(tmp_path):
    """After an edit of the forms file the rules are compiled again rather than trusted."""
    yaml_path = tmp_path / "nl.yaml"
    forms_path = tmp_path / "nl.forms.json"
    shutil.copy(DATA_DIR / "nl.yaml", yaml_path)
    shutil.copy(DATA_DIR / "nl.forms.json", forms_path)
    shutil.copy(precompiled.precompiled_path(DATA_DIR / "nl.yaml"), precompiled.precompiled_path(yaml_path))
    loaded = precompiled.load(yaml_path)
    assert precompiled.compiled_rules(yaml_path, loaded.rules, str(forms_path)) is not None
    forms_path.write_bytes(forms_path.read_bytes() + b"\n")
    assert precompiled.compiled_rules(yaml_path, loaded.rules, str(forms_path)) is None


def test_a_precompiled_file_older_than_its_yaml_is_ignored(tmp_path):
    """After an edit of the YAML the precompiled rules are not used until regenerated."""
    yaml_path = tmp_path / "nl.yaml"
    shutil.copy(DATA_DIR / "nl.yaml", yaml_path)
    shutil.copy(precompiled.precompiled_path(DATA_DIR / "nl.yaml"), precompiled.precompiled_path(yaml_path))
    assert precompiled.load(yaml_path) is not None
    yaml_path.write_bytes(yaml_path.read_bytes() + b"\n")
    assert precompiled.load(yaml_path) is None


def test_linting_standard_input_reads_no_yaml():
    """`belscript lint -` checks with the precompiled rules: PyYAML is never imported."""
    code = ("import io, sys\nfrom belscript.cli.main import main\n"
            "sys.stdin = io.TextIOWrapper(io.BytesIO('U moet vandaag betalen.'.encode()))\n"
            "code = main(['lint', '-'])\n"
            "print(code, 'yaml' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env={**os.environ, "PYTHONPATH": str(SRC)})
    assert out.stdout.strip().splitlines()[-1] == "1 False", out.stdout + out.stderr
    assert "moet" in out.stdout

"""The built-in rules ship in a precompiled form that equals their YAML, so checking
wording reads no YAML; a stale precompiled form is ignored, never trusted."""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from belscript.phrasing import precompiled, precompiled_rules
from belscript.phrasing.forms import DATA_DIR
from belscript.phrasing.rules import LANGUAGES
from belscript.phrasing.ruleset import builtin_compiled, builtin_rules_from_yaml, precompiled_document

SRC = Path(__file__).resolve().parent.parent / "src"


def test_the_shipped_precompiled_rules_equal_the_yaml():
    """The precompiled module is exactly what the generator writes today (else run
    scripts/gen_phrasing_forms.py), and it loads as the same rules as the YAML."""
    fresh = {language: precompiled_document(language) for language in LANGUAGES}
    shipped = Path(precompiled.MODULE_PATH).read_text(encoding="utf-8")
    assert shipped == precompiled.module_text(fresh), "run: .venv/bin/python scripts/gen_phrasing_forms.py"
    for language in LANGUAGES:
        assert precompiled.load(DATA_DIR / f"{language}.yaml") == builtin_rules_from_yaml(language)


def test_the_precompiled_module_holds_only_literals():
    """Nothing in the generated module can run code: every statement assigns a literal."""
    tree = ast.parse(Path(precompiled.MODULE_PATH).read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            continue  # the docstring
        assert isinstance(node, ast.Assign), ast.dump(node)[:80]
        ast.literal_eval(node.value)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_shipped_variants_are_the_ones_the_rules_compile_to(language):
    """The built-in checker built from the shipped variants uses exactly what compiling afresh gives,
    down to each variant's anchor, trigger and witness slot."""
    yaml_path = DATA_DIR / f"{language}.yaml"
    loaded = precompiled.load(yaml_path)
    shipped = precompiled.compiled_rules(yaml_path, loaded.rules, str(DATA_DIR / f"{language}.forms.json"))
    assert shipped == builtin_compiled(builtin_rules_from_yaml(language).rules, language)
    assert precompiled.rule_ids(yaml_path) == tuple(rule.id for rule in loaded.rules)


def test_shipped_variants_made_from_other_forms_are_ignored(tmp_path):
    """After an edit of the forms file the rules are compiled again rather than trusted."""
    yaml_path = tmp_path / "nl.yaml"
    forms_path = tmp_path / "nl.forms.json"
    shutil.copy(DATA_DIR / "nl.yaml", yaml_path)
    shutil.copy(DATA_DIR / "nl.forms.json", forms_path)
    loaded = precompiled.load(yaml_path)
    assert precompiled.compiled_rules(yaml_path, loaded.rules, str(forms_path)) is not None
    forms_path.write_bytes(forms_path.read_bytes() + b"\n")
    assert precompiled.compiled_rules(yaml_path, loaded.rules, str(forms_path)) is None


def test_precompiled_rules_older_than_their_yaml_are_ignored(tmp_path):
    """After an edit of the YAML the precompiled rules are not used until regenerated."""
    yaml_path = tmp_path / "nl.yaml"
    shutil.copy(DATA_DIR / "nl.yaml", yaml_path)
    assert precompiled.load(yaml_path) is not None
    yaml_path.write_bytes(yaml_path.read_bytes() + b"\n")
    assert precompiled.load(yaml_path) is None
    assert precompiled.rule_ids(yaml_path) is None


def test_precompiled_rules_of_another_format_are_ignored(monkeypatch):
    """A module written in an older shape is not read: the YAML is."""
    monkeypatch.setattr(precompiled_rules, "FORMAT", precompiled.FORMAT - 1)
    assert precompiled.load(DATA_DIR / "nl.yaml") is None


def test_linting_standard_input_reads_no_yaml_and_no_json():
    """`belscript lint -` checks with the precompiled rules: neither PyYAML nor json is imported."""
    code = ("import io, sys\nfrom belscript.cli.main import main\n"
            "sys.stdin = io.TextIOWrapper(io.BytesIO('U moet vandaag betalen.'.encode()))\n"
            "code = main(['lint', '-'])\n"
            "print(code, 'yaml' in sys.modules, 'json' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env={**os.environ, "PYTHONPATH": str(SRC)})
    assert out.stdout.strip().splitlines()[-1] == "1 False False", out.stdout + out.stderr
    assert "moet" in out.stdout

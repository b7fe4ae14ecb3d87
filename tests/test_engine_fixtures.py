"""Scripts and customer files the engine tests drive, and checks that they load.

Other engine test modules import the helpers below. The built-in scripts are loaded
through the script loader when it exists, otherwise straight from YAML into the model,
so the engine is tested against whatever ships in ``src/belscript/data/scripts``.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
import yaml

from belscript.dossier import Dossier
from belscript.script.models import Script

FIXTURES = Path(__file__).resolve().parent / "fixtures"
BUILTIN_SCRIPTS = Path(__file__).resolve().parent.parent / "src" / "belscript" / "data" / "scripts"


def _yaml(path: Path) -> dict:
    with path.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


@cache
def fixture_script() -> Script:
    return Script.model_validate(_yaml(FIXTURES / "engine_script.yaml"))


@cache
def fixture_dossier() -> Dossier:
    return Dossier.model_validate(_yaml(FIXTURES / "engine_dossier.yaml"))


def builtin_script_names() -> list[str]:
    """Names of the built-in scripts (their files, not *.test.yaml companions)."""
    return sorted(p.name.removesuffix(".yaml") for p in BUILTIN_SCRIPTS.glob("*.yaml")
                  if not p.name.endswith(".test.yaml"))


@cache
def builtin_script(name: str) -> Script:
    try:
        from belscript.script.loader import load_builtin
    except ImportError:
        load_builtin = None
    if load_builtin is not None:
        return load_builtin(name).script
    return Script.model_validate(_yaml(BUILTIN_SCRIPTS / f"{name}.yaml"))


def all_scripts() -> list[Script]:
    """The fixture script plus every built-in script."""
    return [fixture_script(), *(builtin_script(n) for n in builtin_script_names())]


def test_fixture_script_and_dossier_are_valid():
    """The engine's own test script and customer file pass the format's models."""
    script = fixture_script()
    assert script.start_step == "voorbereiding"
    assert any(step.end for step in script.steps.values())
    assert fixture_dossier().total_due > 0


@pytest.mark.parametrize("name", builtin_script_names())
def test_every_builtin_script_can_start_a_call(name, clock):
    """Each built-in script drives a call: it starts, shows its first step and offers a way on."""
    from belscript.engine.call import Call

    call = Call(builtin_script(name), fixture_dossier(), clock=clock)
    assert call.events[0].kind == "started"
    assert call.step.id == builtin_script(name).start_step
    assert not re.search(r"\{[a-z_]+\}", call.step.text), "a template field was left unfilled"

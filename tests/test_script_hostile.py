"""Hostile YAML is refused with exit 1 and a diagnostic, never a crash, hang or traceback;
random text never crashes validate."""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from belscript.authoring import validation
from belscript.cli.main import main

ALIAS_BOMB = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [" + ",".join([f"*{chr(97 + i)}"] * 9) + "]\n" for i in range(8))

HOSTILE = {
    "alias-bomb": (ALIAS_BOMB.encode(), "yaml-alias"),
    "deep-flow": (b"[" * 20000 + b"]" * 20000, "too-deep"),
    "deep-mapping": (b"{a: " * 20000 + b"1" + b"}" * 20000, "too-deep"),
    "python-tag": (b"belscript: !!python/object/apply:os.system ['echo pwned']\n", "yaml-tag"),
    "python-name": (b"steps: !!python/name:os.system\n", "yaml-tag"),
    "latin-1": ("belscript: 1\ntitle: Financiële afdeling\n".encode("latin-1"), "not-utf8"),
    "utf-16": ("belscript: 1\n".encode("utf-16"), "not-utf8"),
    "nul-bytes": (b"belscript: 1\x00\n", "yaml-syntax"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_yaml_is_refused_with_exit_1(name, tmp_path, capsys):
    """Each hostile file gives exit 1 and its own diagnostic code."""
    data, code = HOSTILE[name]
    path = tmp_path / f"{name}.yaml"
    path.write_bytes(data)
    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr().out
    assert f"[{code}]" in out and "Traceback" not in out


def test_thirty_megabyte_file_is_refused_by_the_real_command(tmp_path):
    """A 30 MB file is refused (exit 1, too-large) by the installed command, without a traceback."""
    path = tmp_path / "huge.yaml"
    with open(path, "wb") as handle:
        handle.write(b"a: " + b"x" * (30 * 1024 * 1024) + b"\n")
    env = dict(os.environ, BELSCRIPT_HOME=str(tmp_path / "home"))
    result = subprocess.run([sys.executable, "-m", "belscript", "validate", str(path)],
                            capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 1
    assert "[too-large]" in result.stdout and "Traceback" not in result.stderr


def test_alias_bomb_via_subprocess_never_expands(tmp_path):
    """The alias bomb is refused by the real command with a short answer (no expansion)."""
    path = tmp_path / "bomb.yaml"
    path.write_text(ALIAS_BOMB, encoding="utf-8")
    env = dict(os.environ, BELSCRIPT_HOME=str(tmp_path / "home"))
    result = subprocess.run([sys.executable, "-m", "belscript", "validate", str(path)],
                            capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert len(result.stdout.splitlines()) < 30


def _quiet_main(argv: list[str]) -> int:
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        return main(argv)


TOKENS = list("abc: -\n\t'\"{}[],&*!|>#?%@`~\\\u00eb") + [
    "steps:\n", "  role: ", "go: ", "options:\n", "- label: ", "belscript: 1\n", "name: x\n", "<<: ", "!!str ",
]
YAMLISH = st.lists(st.sampled_from(TOKENS), max_size=80).map("".join)


@settings(max_examples=200)
@given(text=YAMLISH)
def test_random_text_never_crashes_validate(text, tmp_path_factory):
    """Whatever YAML-ish text a file holds, validate answers with diagnostics and exit 0 or 1."""
    path = tmp_path_factory.mktemp("fuzz") / "f.yaml"
    path.write_text(text, encoding="utf-8")
    problems = validation.check_path(str(path))
    assert all(d.line >= 1 and d.column >= 1 for d in problems)
    assert _quiet_main(["validate", "--format", "json", str(path)]) in (0, 1)


@settings(max_examples=100)
@given(data=st.binary(max_size=200))
def test_random_bytes_never_crash_validate(data, tmp_path_factory):
    """Arbitrary bytes (not even text) give exit 0 or 1, never an exception."""
    path = tmp_path_factory.mktemp("fuzz") / "f.yaml"
    path.write_bytes(data)
    assert _quiet_main(["validate", str(path)]) in (0, 1)


KEYS = st.sampled_from(["belscript", "name", "title", "steps", "excuses", "role", "say", "options", "go", "excuse",
                        "when", "do", "label", "end", "nr", "agreement", "phrasing", "tips", "examples", "start", "x"])
LEAVES = st.one_of(st.none(), st.sampled_from(["1", "opening", "yes", "{klant}", "{nope}", "a b", "-1", "12:30"]),
                   st.text(max_size=10))
SHAPES = st.recursive(LEAVES, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                    st.dictionaries(KEYS, inner, max_size=5)), max_leaves=30)


@settings(max_examples=150)
@given(data=st.dictionaries(KEYS, SHAPES, max_size=8))
def test_random_script_shapes_never_crash(data):
    """Script-shaped documents with random structure give diagnostics with positions, never exceptions."""
    import yaml

    from belscript.script.loader import parse_script_text

    text = yaml.safe_dump(data, allow_unicode=True)
    loaded, problems = parse_script_text(text, "r.yaml")
    assert loaded is not None or problems
    assert all(d.line >= 1 and d.column >= 1 for d in problems)

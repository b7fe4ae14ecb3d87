"""Persona files: users can write their own, and a mistake is reported at PATH:LINE:COL."""

from __future__ import annotations

import random

import pytest

from belscript.errors import InvalidDocument, UsageError
from belscript.practice.library import load_persona, persona_paths, resolve_persona, user_persona_dir

GOOD = """\
persona: 1
name: drukke-tandarts
title: De drukke tandarts
situation: Een tandarts die tussen twee patiënten door opneemt.
speaker: Dr. Visser
temperament: ontwijkend
excuses: [eerst-overleggen]
hidden:
  earliest_days: 2
  latest_days: 9
lines:
  greeting:
    - "Visser, ik heb één minuut."
"""


def diagnostics(tmp_path, text: str) -> list[str]:
    path = tmp_path / "p.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InvalidDocument) as info:
        load_persona(path)
    return [d.format().replace(str(path), "p.yaml") for d in info.value.diagnostics]


def test_a_users_own_persona_is_found_by_name(tmp_path):
    """A persona file in <BELSCRIPT_HOME>/personas can be used by its name, like a built-in one."""
    folder = user_persona_dir()
    folder.mkdir(parents=True)
    (folder / "drukke-tandarts.yaml").write_text(GOOD, encoding="utf-8")
    assert "drukke-tandarts" in persona_paths()
    persona = resolve_persona("drukke-tandarts", random.Random(1))
    assert persona.speaker == "Dr. Visser" and persona.hidden.latest_days == 9
    assert persona.lines["greeting"] == ["Visser, ik heb één minuut."]


def test_unknown_key_points_at_its_line(tmp_path):
    """A misspelt key is reported at its line and column with the closest known key."""
    text = GOOD.replace("  earliest_days: 2", "  earliest_dayz: 2")
    assert diagnostics(tmp_path, text) == [
        "p.yaml:9:3: error: unknown key 'earliest_dayz' in 'hidden'; did you mean 'earliest_days'? [unknown-key]",
    ]


def test_wrong_values_point_at_the_value(tmp_path):
    """A wrong temperament and a number that is not a number are reported together, each at its value."""
    text = GOOD.replace("temperament: ontwijkend", "temperament: chagrijnig").replace("latest_days: 9", "latest_days: veel")
    found = diagnostics(tmp_path, text)
    assert len(found) == 2
    assert found[0].startswith("p.yaml:6:14: error: 'chagrijnig' is not allowed here")
    assert found[1] == "p.yaml:10:16: error: 'latest_days' expects a whole number, got 'veel' [wrong-type]"


def test_unknown_reaction_points_at_its_key(tmp_path):
    """A typo in a reaction name under lines: is found at its own line."""
    text = GOOD.replace("  greeting:", "  greting:")
    found = diagnostics(tmp_path, text)
    assert found[0].startswith("p.yaml:12:3: error: unknown reaction 'greting' in lines; did you mean 'greeting'?")


def test_limits_that_contradict_each_other_are_refused(tmp_path):
    """A customer whose latest day is before their earliest could never agree; that is an error."""
    found = diagnostics(tmp_path, GOOD.replace("latest_days: 9", "latest_days: 1"))
    assert len(found) == 1 and "latest_days (1) is before earliest_days (2)" in found[0]
    assert found[0].startswith("p.yaml:")


def test_missing_version_and_not_a_mapping(tmp_path):
    """A file without 'persona: 1', or that is not a mapping, says how to start."""
    assert diagnostics(tmp_path, GOOD.replace("persona: 1\n", "")) == [
        "p.yaml:1:1: error: missing required key 'persona' [missing-key]"]
    assert diagnostics(tmp_path, "- een lijst\n") == [
        "p.yaml:1:1: error: a persona is a list of keys and values; start with 'persona: 1' [wrong-type]"]


def test_unknown_persona_name_suggests_the_closest():
    """A misspelt persona name is a usage error that suggests the closest known persona."""
    with pytest.raises(UsageError) as info:
        resolve_persona("geldzorg", random.Random(1))
    assert "geldzorgen" in info.value.message


def test_random_persona_depends_only_on_the_seed():
    """--persona random picks the same persona for the same seed."""
    picks = {resolve_persona("random", random.Random(9)).name for _ in range(3)}
    assert len(picks) == 1
    assert len({resolve_persona("random", random.Random(n)).name for n in range(40)}) > 3

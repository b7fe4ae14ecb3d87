"""The manual's practice section stays true: its example persona loads and its rubric
table lists exactly the checks the score uses."""

from __future__ import annotations

import re

from belscript.practice.library import builtin_persona_dir, load_persona
from belscript.practice.persona import REACTION_KEYS
from belscript.practice.score import RUBRIC

from test_practice_support import session

GUIDE = (__import__("pathlib").Path(__file__).resolve().parent.parent / "docs" / "handleiding.md")


def section() -> str:
    text = GUIDE.read_text(encoding="utf-8")
    start = text.index("## Oefenen\n")
    return text[start:text.index("\n## ", start + 1)]


def test_example_persona_in_the_manual_loads_and_plays(tmp_path):
    """The persona YAML shown in the manual is valid and can be practised with."""
    example = re.search(r"```yaml\n(.*?)```", section(), re.S).group(1)
    path = tmp_path / "drukke-tandarts.yaml"
    path.write_text(example, encoding="utf-8")
    persona = load_persona(path)
    assert persona.name == "drukke-tandarts" and persona.hidden.payer_name is None
    assert persona.hidden.vague_answers == 1


def test_manual_lists_every_check_and_reaction():
    """Every rubric check, every reaction name and every built-in persona is documented."""
    text = section()
    for rule in RUBRIC:
        assert f"| `{rule.id}` |" in text, rule.id
    for key in REACTION_KEYS:
        assert f"`{key}`" in text, key
    names = ("vergeten", "niet-ontvangen", "klacht", "geldzorgen", "uitsteller", "verkeerde-persoon", "boos",
             "al-betaald", "eerst-overleggen", "factuur-klopt-niet")
    assert sorted(names) == sorted(p.stem for p in builtin_persona_dir().glob("*.yaml"))
    for name in names:
        assert f"| `{name}` |" in text, name
        session(name)  # and each one starts a session


def test_manual_error_example_matches_a_real_diagnostic(tmp_path):
    """The error shown in the manual is the message belscript really prints."""
    shown = re.search(r"```text\n(.*?)\n```", section(), re.S).group(1)
    example = re.search(r"```yaml\n(.*?)```", section(), re.S).group(1)
    path = tmp_path / "p.yaml"
    path.write_text(example.replace("earliest_days:", "earliest_dayz:"), encoding="utf-8")
    import pytest

    from belscript.errors import InvalidDocument

    with pytest.raises(InvalidDocument) as info:
        load_persona(path)
    assert [f"{d.line}:{d.column}: error: {d.message} [{d.code}]" for d in info.value.diagnostics] == [
        shown.split(":", 1)[1]]

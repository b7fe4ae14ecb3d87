"""The source map: where keys, values and characters inside strings are in the file."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from belscript.document.source import SourceMap
from belscript.document.yamlsafe import load_text

TEXT = """\
steps:
  opening:
    say: Goedemorgen {klant}
    options:
      - label: Ja
        go: doel
      -   label: Nee
          go: einde
"""


def test_key_and_value_positions():
    """Keys and values are found at their 1-based line and column."""
    _, source = load_text(TEXT, "s.yaml")
    assert source.key_pos(("steps", "opening", "say")) == (3, 5)
    assert source.value_pos(("steps", "opening", "say")) == (3, 10)
    assert source.key_pos(("steps", "opening", "options", 1, "go")) == (8, 11)
    assert source.value_pos(("steps", "opening", "options", 1, "go")) == (8, 15)


def test_list_items_are_their_own_key():
    """For a list item, the key position is where the item starts."""
    _, source = load_text(TEXT, "s.yaml")
    assert source.key_pos(("steps", "opening", "options", 0)) == (5, 9)


def test_unknown_path_falls_back_to_nearest_ancestor():
    """A path that is not in the file (a missing key) points at its closest parent."""
    _, source = load_text(TEXT, "s.yaml")
    assert source.key_pos(("steps", "opening", "role")) == (2, 3)
    assert source.file_of(("steps", "nope")) == "s.yaml"


def test_styles_are_recorded():
    """The style of each scalar is kept, so callers know how exact text_pos can be."""
    _, source = load_text("a: x\nb: 'x'\nc: \"x\"\nd: |\n  x\ne: >\n  x\nf: [x]\ng: {h: x}\n")
    assert [source.style((k,)) for k in "abcdefg"] == ["", "'", '"', "|", ">", "[]", "{}"]


def _check_all_fields(text: str) -> None:
    value, source = load_text(text, "t.yaml")
    lines = text.split("\n")
    checked = 0
    for key, string in value.items():
        for m in re.finditer(r"\{\w+\}", string):
            line, col = source.text_pos((key,), m.start())
            assert lines[line - 1][col - 1: col - 1 + len(m.group(0))] == m.group(0), (key, m.group(0))
            checked += 1
    assert checked


@pytest.mark.parametrize("text", [
    "a: Goedemorgen {klant}, hoe gaat het?\n",
    "a: 'Het is {klant}''s factuur {bedrag}'\n",
    'a: "Tab\\there {klant} \\u00e9 {bedrag} \\"{x}\\""\n',
    "a: |\n  regel {een}\n    ingesprongen {twee}\n\n  na blanco {drie}\n",
    "a: >\n  gevouwen {een}\n  verder {twee}\n\n  na blanco {drie}\n",
    "a: lange tekst\n  over twee regels {een}\n  en drie {twee}\n",
    "a: \"dubbel\n  over regels {een} en\\\n  {twee}\"\n",
    "a: 'enkel\n\n  met blanco {een}'\n",
    "- x\n" if False else "a: Financiële {klant} één {bedrag}\n",
])
def test_text_pos_finds_fields_inside_every_string_style(text):
    """The column of a word inside a string is exact for plain, quoted and block styles."""
    _check_all_fields(text)


WORD = st.text(alphabet="abcdeëfgh", min_size=1, max_size=8)


@given(words=st.lists(WORD, min_size=1, max_size=8), style=st.sampled_from(["plain", "single", "double", "literal", "folded"]),
       target=st.integers(min_value=0, max_value=7))
def test_text_pos_property(words, style, target):
    """For any words and any style, text_pos of a field's offset lands on that field in the file."""
    target %= len(words)
    words = list(words)
    words[target] = "{veld}"
    sentence = " ".join(words)
    if style == "plain":
        text = f"a: x {sentence}\n"
    elif style == "single":
        text = f"a: 'it''s {sentence}'\n"
    elif style == "double":
        text = f'a: "\\t{sentence}"\n'
    elif style == "literal":
        text = "a: |\n  eerst\n  " + sentence + "\n"
    else:
        text = "a: >\n  eerst\n  " + "\n  ".join(words) + "\n"
    value, source = load_text(text, "p.yaml")
    offset = value["a"].index("{veld}")
    line, col = source.text_pos(("a",), offset)
    assert text.split("\n")[line - 1][col - 1: col + 5] == "{veld}"


def test_overlay_takes_entries_from_another_file():
    """Merging maps (for extends:) keeps each node's own file and position."""
    _, base = load_text("steps:\n  a: x\n", "base.yaml")
    _, child = load_text("steps:\n  b: y\n", "child.yaml")
    merged = base.copy()
    merged.overlay(child)
    assert merged.file_of(("steps", "a")) == "base.yaml"
    assert merged.file_of(("steps", "b")) == "child.yaml"
    assert isinstance(merged, SourceMap)
    merged.drop(("steps", "a"))
    assert ("steps", "a") not in merged

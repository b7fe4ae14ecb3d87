"""`belscript scripts` reads each built-in script's title and description from the head
of the file; whatever it reads that way is exactly what the safe YAML reader reads."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from belscript.document.yamlsafe import load_text
from belscript.errors import InvalidDocument
from belscript.script.builtin import builtin_names, builtin_path, summaries
from belscript.script.heads import _plain_head, title_and_description


def _yaml_head(text: str):
    try:
        raw, _source = load_text(text)
    except InvalidDocument:
        return "invalid"
    raw = raw if isinstance(raw, dict) else {}
    description = raw.get("description")
    return raw.get("title"), " ".join(description.split()) if isinstance(description, str) else description


@pytest.mark.parametrize("name", builtin_names())
def test_every_built_in_script_is_listed_as_yaml_reads_it(name):
    """The quick head reader understands every built-in script and agrees with YAML."""
    text = builtin_path(name).read_text(encoding="utf-8")
    assert _plain_head(text) is not None, "the built-in script's head is no longer in the plain form"
    assert _plain_head(text) == _yaml_head(text)


HEADS = [
    "title: Een titel\ndescription: >-\n  Regel een\n  regel twee.\nsteps: {}\n",
    "title: Alleen een titel\n",
    "# commentaar\nbelscript: 1\ntitle: Met: dubbele punt\n",
    "title: 'Tussen aanhalingstekens'\n",
    "title: Titel # met commentaar\n",
    "title: Over\n  twee regels\n",
    "title: ~\n",
    "title: null\n",
    "title:\n",
    "title: Een\ntitle: Twee\n",
    "description: |\n  Letterlijk\n\n  met witregel\n",
    "description: >\n  # geen commentaar\n  tekst\n",
    "---\ntitle: Document\n",
    "title: Titel:\n",
    "title: - lijst\n",
    "title: !!str getagd\n",
    "title: [a, b]\n",
    "steps:\n  a:\n    title: genest\ntitle: Boven\n",
]


@pytest.mark.parametrize("text", HEADS)
def test_the_head_reader_agrees_with_yaml_or_leaves_the_file_to_it(text):
    """Tricky heads are either read exactly as YAML reads them, or handed to the YAML reader."""
    quick = _plain_head(text)
    assert quick is None or quick == _yaml_head(text)
    assert _plain_head("title: Een titel\ndescription: >-\n  Twee\n  regels.\n") == ("Een titel", "Twee regels.")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["title", "description", "name", "steps", "  more", "#c", ""]), max_size=6),
       st.lists(st.text(alphabet="ab :#'\"-|>~\n", max_size=12), min_size=6, max_size=6))
def test_any_head_the_quick_reader_accepts_means_the_same_to_yaml(keys, values):
    """For generated heads, the quick reader never disagrees with YAML."""
    text = "".join(f"{k}: {v}\n" if k and not k.startswith(("#", " ")) else f"{k}{v}\n"
                   for k, v in zip(keys, values))
    quick = _plain_head(text)
    yaml_says = _yaml_head(text)
    if quick is not None and yaml_says != "invalid":  # the quick reader does not check the rest of the file
        assert yaml_says == quick


def test_a_script_with_problems_is_listed_with_a_pointer_to_validate(tmp_path):
    """A head the quick reader leaves to YAML, in a file YAML refuses, says to run validate."""
    path = tmp_path / "kapot.yaml"
    path.write_text("title: 'niet afgesloten\n", encoding="utf-8")
    title, _description = title_and_description(str(path))
    assert title == "(has problems; run 'belscript validate')"


def test_listing_the_scripts_reads_no_yaml_and_builds_no_models():
    """`belscript scripts` lists every built-in script without importing PyYAML or pydantic."""
    code = ("import sys\nfrom belscript.cli.main import main\nmain(['scripts'])\n"
            "print(sorted(m for m in ('yaml', 'pydantic', 'dataclasses', 'pathlib') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "[]", out.stdout
    assert "eerste-gesprek" in out.stdout
    assert [row["name"] for row in summaries()] == builtin_names()

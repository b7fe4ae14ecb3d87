"""`belscript graph`: Mermaid and DOT drawings with roles, ends, guarded edges and excuses."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess

import pytest

from belscript.cli.main import main
from belscript.script.graph import GUARD_LABELS, ROLE_COLOURS, to_dot, to_mermaid
from belscript.script.loader import load_builtin, parse_script_text

SCRIPT = """\
belscript: 1
name: teken
title: Tekenvoorbeeld "met" aanhalingstekens
steps:
  luisteren:
    role: listening
    options:
      - {label: Klant belooft te betalen, go: afspraak}
  afspraak:
    role: agreement
    options:
      - {label: Afspraak staat, go: einde, when: agreement_is_concrete}
      - {label: Geen afspraak, go: einde, when: no_agreement_recorded}
      - {label: Naam <eerst>, go: luisteren, when: has_contact_person}
  einde:
    role: closing
    end: true
excuses:
  al-betaald:
    label: Al betaald
    examples: [Dat is al betaald.]
    say: Wanneer heeft u betaald?
    go: afspraak
"""


@pytest.fixture(scope="module")
def script():
    loaded, problems = parse_script_text(SCRIPT, "teken.yaml")
    assert loaded is not None, problems
    return loaded.script


def test_mermaid_marks_guarded_end_edges_bold_with_their_guard(script):
    """Both ways into the end step are thick arrows labelled with the guard that allows them."""
    text = to_mermaid(script)
    assert text.splitlines()[1] == "flowchart TD"
    bold = [line for line in text.splitlines() if "==>" in line]
    assert len(bold) == 2
    assert GUARD_LABELS["agreement_is_concrete"] in bold[0] and GUARD_LABELS["no_agreement_recorded"] in bold[1]


def test_mermaid_colours_steps_by_role_and_shows_the_excuse_hub(script):
    """Steps carry their role's class, the end step a stadium shape, excuses a hub and a handler node."""
    text = to_mermaid(script)
    assert ':::listening' in text and ':::agreement' in text and ':::closing_end' in text
    assert '(["einde<br/><i>afsluiting · einde</i>"])' in text
    assert '{{"Excuses' in text and '[/"Al betaald' in text
    assert f"classDef agreement fill:{ROLE_COLOURS['agreement']}" in text
    assert text.count("-.->") == 2  # listening step -> excuse list -> handler


def test_mermaid_escapes_quotes_and_angle_brackets(script):
    """Labels with quotes or '<' cannot break the Mermaid syntax."""
    text = to_mermaid(script)
    assert "#quot;met#quot;" in text and "#lt;eerst#gt;" in text
    assert "als de naam van de gesprekspartner genoteerd is" in text.replace("<br/>", " ")


def test_dot_draws_the_same_graph(script):
    """DOT has one node per step, the excuses in one table, and the guarded end edges in bold."""
    text = to_dot(script)
    assert text.startswith('digraph "teken" {')
    assert '"step:einde" [' in text and "peripheries=2" in text
    assert "<B>Excuses</B>" in text and ">Al betaald</TD>" in text and '"excuse:al-betaald"' not in text
    bold = [line for line in text.splitlines() if "style=bold" in line]
    assert len(bold) == 2 and all('-> "step:einde"' in line for line in bold)
    assert "&quot;met&quot;" in text  # the title sits in an HTML-like label


def test_graph_command_writes_mermaid_for_a_builtin(capsys):
    """`belscript graph eerste-gesprek` prints a Mermaid flowchart with every step."""
    assert main(["graph", "eerste-gesprek"]) == 0
    out = capsys.readouterr().out
    assert "flowchart TD" in out
    assert out.count("==>") >= 2
    assert len([line for line in out.splitlines() if ":::" in line]) == (
        len(load_builtin("eerste-gesprek").script.steps) + len(load_builtin("eerste-gesprek").script.excuses) + 1)


def test_graph_command_writes_a_private_dot_file(tmp_path, capsys):
    """--output writes the drawing to a file only the owner can read."""
    target = tmp_path / "script.dot"
    assert main(["graph", "servicegesprek", "--format", "dot", "--output", str(target)]) == 0
    assert target.read_text(encoding="utf-8").startswith('digraph "servicegesprek"')
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600


def test_svg_without_graphviz_is_a_clear_usage_error(monkeypatch, capsys):
    """Without Graphviz, SVG gives a message saying what to install, and exit code 2."""
    monkeypatch.setenv("PATH", "/nonexistent")
    assert main(["graph", "eerste-gesprek", "--format", "svg"]) == 2
    err = capsys.readouterr().err
    assert "Graphviz" in err and "--format mermaid" in err


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")
def test_svg_with_graphviz_renders_a_picture(tmp_path):
    """With Graphviz installed, --format svg writes a real SVG picture."""
    target = tmp_path / "script.svg"
    assert main(["graph", "tweede-gesprek", "--format", "svg", "--output", str(target)]) == 0
    assert "<svg" in target.read_text(encoding="utf-8")


def test_graph_of_an_invalid_script_lists_its_problems(tmp_path, capsys):
    """A broken script is not drawn; its diagnostics are printed and the exit code is 1."""
    path = tmp_path / "kapot.yaml"
    path.write_text(SCRIPT.replace("go: afspraak}", "go: afsprak}"), encoding="utf-8")
    assert main(["graph", str(path)]) == 1
    assert "[unknown-step]" in capsys.readouterr().err


def test_graph_does_not_load_the_terminal_ui():
    """Drawing is a non-interactive command: it never imports prompt_toolkit."""
    code = ("import sys; from belscript.cli.main import main; main(['graph', 'eerste-gesprek']); "
            "sys.stderr.write(str('prompt_toolkit' in sys.modules))")
    done = subprocess.run([os.sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stderr.strip().endswith("False")


def test_docs_show_a_picture_of_every_builtin_script():
    """docs/authoring.md holds the current Mermaid drawing of each built-in script."""
    from pathlib import Path

    from belscript.script.builtin import builtin_names

    docs = (Path(__file__).resolve().parent.parent / "docs" / "authoring.md").read_text(encoding="utf-8")
    for name in builtin_names():
        assert to_mermaid(load_builtin(name).script) in docs, (
            f"the picture of '{name}' in docs/authoring.md is out of date; paste the output of "
            f"'belscript graph {name}' into its ```mermaid block")


def test_every_condition_is_drawn_in_dutch_words():
    """Each condition a script can use has a Dutch clause on the arrows, never its code name."""
    from belscript.script.graph import CONDITION_WORDS, condition_words
    from belscript.script.vocabulary import CONDITIONS

    assert set(CONDITION_WORDS) == set(CONDITIONS)
    for name in CONDITIONS:
        assert name not in condition_words(name) and "_" not in condition_words(name)


@pytest.mark.parametrize("name", ["eerste-gesprek", "servicegesprek", "tweede-gesprek"])
def test_drawings_use_no_code_names_and_no_symbols_that_need_special_fonts(name):
    """The DOT and Mermaid drawings of the built-in scripts hold no condition code names and no emoji."""
    script = load_builtin(name).script
    for text in (to_dot(script), to_mermaid(script)):
        assert not any(cond in text for cond in ("has_contact_person", "agreement_is_concrete", "is_overdue"))
        assert all(ord(ch) < 0x2000 or ch in "–…" for ch in text), "a symbol many fonts lack"


def test_long_labels_are_wrapped_not_cut(script):
    """An option label of 80 characters appears whole in the drawing, spread over several lines."""
    long = "Klant wil eerst met de boekhouder overleggen en belt dan volgende week zelf terug"
    text = SCRIPT.replace("Klant belooft te betalen", long)
    loaded, _ = parse_script_text(text, "teken.yaml")
    dot = to_dot(loaded.script)
    assert "…" not in dot
    joined = dot.replace("\\n", " ")
    assert long in joined


def test_excuses_are_one_table_and_the_end_is_on_the_right():
    """The picture lists every excuse in one table and places end steps in the last column."""
    script = load_builtin("eerste-gesprek").script
    dot = to_dot(script)
    assert "rankdir=LR" in dot and "rank=sink" in dot
    for excuse in script.excuses.values():
        assert excuse.label in dot
    assert '-> "library"' not in dot


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")
@pytest.mark.parametrize("name", ["eerste-gesprek", "servicegesprek", "tweede-gesprek"])
def test_png_of_each_builtin_fits_a_page(name, tmp_path):
    """The PNG of a built-in script is at most 1600 by 1100 pixels (landscape A3 at 100 dpi)."""
    import struct

    target = tmp_path / f"{name}.png"
    assert main(["graph", name, "--format", "png", "--output", str(target)]) == 0
    width, height = struct.unpack(">II", target.read_bytes()[16:24])
    assert width <= 1600 and height <= 1100


def test_output_refuses_to_overwrite_without_force(tmp_path, capsys):
    """-o on an existing file exits 2 and keeps the file; with --force it is replaced."""
    target = tmp_path / "tekening.mmd"
    target.write_text("mijn eigen aantekeningen", encoding="utf-8")
    assert main(["graph", "eerste-gesprek", "-o", str(target)]) == 2
    assert "--force" in capsys.readouterr().err
    assert target.read_text(encoding="utf-8") == "mijn eigen aantekeningen"
    assert main(["graph", "eerste-gesprek", "-o", str(target), "--force"]) == 0
    assert target.read_text(encoding="utf-8").startswith("%%")


def test_docs_show_a_rendered_picture_of_every_builtin_script():
    """docs/authoring.md shows a PNG of each built-in script that exists in docs/img."""
    from pathlib import Path

    from belscript.script.builtin import builtin_names

    root = Path(__file__).resolve().parent.parent / "docs"
    docs = (root / "authoring.md").read_text(encoding="utf-8")
    for name in builtin_names():
        assert f"](img/{name}.png)" in docs
        assert (root / "img" / f"{name}.png").stat().st_size > 10_000

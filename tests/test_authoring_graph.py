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


def test_mermaid_marks_guarded_end_edges_bold_with_a_lock(script):
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
    assert "als has_contact_person" in text


def test_dot_draws_the_same_graph(script):
    """DOT has one node per step, hub and handler, and the guarded end edges in bold."""
    text = to_dot(script)
    assert text.startswith('digraph "teken" {')
    assert '"step:einde" [' in text and "peripheries=2" in text
    assert '"library" [' in text and '"excuse:al-betaald" [' in text
    bold = [line for line in text.splitlines() if "style=bold" in line]
    assert len(bold) == 2 and all('-> "step:einde"' in line for line in bold)
    assert r'\"met\"' in text


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

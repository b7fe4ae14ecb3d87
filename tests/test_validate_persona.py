"""`belscript validate` checks practice personas too, so a persona can be fixed before practising."""

from pathlib import Path

from belscript.cli.main import main

PERSONAS = Path(__file__).resolve().parent.parent / "src" / "belscript" / "data" / "personas"


def test_built_in_personas_validate_clean(capsys):
    """Every built-in persona passes validate, recognised by its 'persona:' key."""
    paths = sorted(str(p) for p in PERSONAS.glob("*.yaml"))
    assert len(paths) >= 10
    assert main(["validate", *paths]) == 0
    assert capsys.readouterr().out == ""


def test_a_misspelt_persona_key_is_reported_with_its_position(tmp_path, capsys):
    """A typo in a persona gets PATH:LINE:COL and a suggestion, with exit 1."""
    path = tmp_path / "klant.yaml"
    path.write_text("persona: 1\nname: x\ntitle: X\nsituation: s\nspeaker: Jan\ntemperamnt: boos\n",
                    encoding="utf-8")
    assert main(["validate", str(path)]) == 1
    assert (f"{path}:6:1: error: unknown key 'temperamnt'; did you mean 'temperament'? [unknown-key]"
            in capsys.readouterr().out)

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


def test_a_misspelt_excuse_id_is_reported_against_the_script_given(tmp_path, capsys):
    """validate --kind persona --script: an excuse id the script lacks is an error at its position, with
    the closest id of that script."""
    from persona_script_support import write_pair

    script, persona = write_pair(tmp_path)
    assert main(["validate", "--kind", "persona", "--script", str(script), str(persona)]) == 1
    assert (f"{persona}:6:11: error: excuse 'opgezeg' is not in the library of script 'met-opzegvraag'; "
            "did you mean 'opzeggen'? [unknown-excuse]") in capsys.readouterr().out


def test_the_script_a_persona_names_is_used_to_check_its_excuses(tmp_path, capsys):
    """A persona with 'for_script: ./met-opzegvraag.yaml' is checked against that script without --script."""
    from persona_script_support import write_pair

    _script, persona = write_pair(tmp_path, "for_script: ./met-opzegvraag.yaml\n")
    assert main(["validate", str(persona)]) == 1
    assert f"{persona}:7:11: error: excuse 'opgezeg'" in capsys.readouterr().out
    assert main(["validate", "--script", "eerste-gesprek", str(persona)]) == 1
    out = capsys.readouterr().out
    assert "not in the library of script 'eerste-gesprek'" in out and "known excuses: " in out and "al-betaald" in out


def test_a_persona_whose_excuses_the_script_has_validates_clean(tmp_path, capsys):
    """The corrected id passes, against the named script as against the one given."""
    from persona_script_support import write_pair

    script, persona = write_pair(tmp_path, "for_script: ./met-opzegvraag.yaml\n")
    persona.write_text(persona.read_text(encoding="utf-8").replace("opgezeg", "opzeggen"), encoding="utf-8")
    assert main(["validate", str(persona)]) == 0
    assert main(["validate", "--script", str(script), str(persona)]) == 0
    assert capsys.readouterr().out == ""

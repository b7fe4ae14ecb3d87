"""A user's own script with an excuse 'opzeggen', and a persona that misspells it."""

OPZEG_SCRIPT = """\
belscript: 1
extends: eerste-gesprek
name: met-opzegvraag
title: Eerste gesprek, met een klant die wil opzeggen
excuses:
  opzeggen:
    label: Klant wil het abonnement opzeggen
    examples:
      - Wij willen eigenlijk opzeggen.
    say: Dat kan volgens de voorwaarden per het einde van het kwartaal; de openstaande factuur blijft verschuldigd.
    go: voorstel
"""


def opzeg_persona(script_line: str = "") -> str:
    """A persona whose excuse id is misspelt on line 7 (``excuses: [opgezeg]``)."""
    return ("persona: 1\nname: opzegger\ntitle: Wil opzeggen\nsituation: Een klant die wil opzeggen.\n"
            f"speaker: Piet Bos\n{script_line}excuses: [opgezeg]\n")


def write_pair(folder, script_line: str = "") -> tuple:
    script = folder / "met-opzegvraag.yaml"
    script.write_text(OPZEG_SCRIPT, encoding="utf-8")
    persona = folder / "opzegger.yaml"
    persona.write_text(opzeg_persona(script_line), encoding="utf-8")
    return script, persona

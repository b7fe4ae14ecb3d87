"""Script texts can name the script's own limits, so an extended script with other limits stays right."""

from belscript.dossier import fill
from belscript.dossier.loader import demo_dossier_path, load_dossier
from belscript.engine.call import Call
from belscript.script.loader import load_builtin


def test_offer_text_shows_the_scripts_own_limits(clock):
    """The offer step of the default script fills in its deferral, instalments and first instalment."""
    loaded = load_builtin("eerste-gesprek")
    call = Call(loaded.script, load_dossier(demo_dossier_path()), clock=clock)
    values = call.template_values()
    assert values["max_uitstel"] == "14 dagen"
    assert values["max_termijnen"] == "3"
    assert values["eerste_termijn"] == "25%"
    text = fill(loaded.script.steps["aanbod"].say, call.template_values())
    assert "uiterlijk over 14 dagen" in text and "hooguit 3 maandelijkse termijnen" in text and "{" not in text


def test_changed_limits_change_the_text(clock):
    """A script with a tighter policy says its own numbers, not those of the script it came from."""
    loaded = load_builtin("eerste-gesprek")
    script = loaded.script.model_copy(deep=True)
    script.agreement.max_deferral_days = 7
    script.agreement.min_first_instalment = "500.00"
    call = Call(script, load_dossier(demo_dossier_path()), clock=clock)
    text = fill(script.steps["aanbod"].say, call.template_values())
    assert "uiterlijk over 7 dagen" in text and "€ 500,00" in text

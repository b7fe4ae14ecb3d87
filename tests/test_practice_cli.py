"""`belscript practice` on the command line: history, progress, and clear refusals."""

from __future__ import annotations

from belscript.cli.main import main
from belscript.clock import FixedClock
from belscript.journal import Journal

from test_practice_support import MONDAY, agree_full, session, to_listening


def logged(make):
    """Run ``make(on_event)`` -> finished session, storing it in the call log as practice."""
    journal = Journal.open(clock=FixedClock(MONDAY))
    holder = {}

    def on_event(event):
        journal.append(holder["id"], event)

    from belscript.dossier.loader import demo_dossier_path, load_dossier

    holder["id"] = journal.start_call("eerste-gesprek", None, load_dossier(demo_dossier_path()), practice=True)
    make(on_event).finish()
    journal.close()


def test_history_without_sessions_says_how_to_start(capsys):
    """With no practice yet, --history says so, shows 0 of 10 excuses, all of which a
    built-in customer brings up, and suggests the easiest customer to begin with."""
    assert main(["practice", "--history"]) == 0
    out = capsys.readouterr().out
    assert "Nog geen oefeningen. Begin met: belscript practice" in out
    assert "Script eerste-gesprek: 0 van 10 smoesjes geoefend" in out
    for label in ("Al betaald (al-betaald)", "Wil eerst overleggen (eerst-overleggen)",
                  "Factuur klopt niet (factuur-klopt-niet)", "Boze of geïrriteerde klant (boze-klant)"):
        assert f"  · {label}\n" in out, label
    assert "nog geen klant die deze smoes gebruikt" not in out
    assert "Schrijf een eigen klant met die smoes" not in out
    assert "Volgende oefening: belscript practice --script eerste-gesprek --persona vergeten" in out
    assert "de makkelijkste klant om mee te beginnen" in out


OWN_SCRIPT = """\
belscript: 1
extends: eerste-gesprek
name: met-btw-vraag
title: Eerste gesprek, met een vraag over de btw
excuses:
  btw-verlegd:
    label: De btw had verlegd moeten worden
    examples:
      - Die btw had u moeten verleggen.
    say: Goed dat u het zegt. Ik kijk het vandaag na en stuur u zo nodig een nieuwe factuur.
    go: voorstel
"""


def test_history_marks_an_own_excuse_no_customer_brings_up(tmp_path, capsys):
    """An excuse of the user's own script that no customer brings up is marked, with the
    advice to write a customer for it; the built-in ones are not."""
    path = tmp_path / "met-btw-vraag.yaml"
    path.write_text(OWN_SCRIPT, encoding="utf-8")
    assert main(["practice", "--history", "--script", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Script met-btw-vraag: 0 van 11 smoesjes geoefend" in out
    assert "  · De btw had verlegd moeten worden (btw-verlegd)  (nog geen klant die deze smoes gebruikt)" in out
    assert out.count("nog geen klant die deze smoes gebruikt") == 1
    assert "Schrijf een eigen klant met die smoes" in out


def test_history_can_reach_ten_of_ten(capsys):
    """With one session per built-in customer, each handling the excuse that customer
    brings up (and calming the angry one), every excuse of the first-call script is
    practised: 10 of 10."""
    from belscript.practice.customer import ANGRY_EXCUSE
    from belscript.practice.history import brings
    from belscript.practice.library import load_persona, persona_paths

    for name, path in sorted(persona_paths().items()):
        excuses = brings(load_persona(path))

        def run(on_event, name=name, excuses=excuses):
            s = session(name, seed=1, on_event=on_event)
            to_listening(s)
            if ANGRY_EXCUSE in excuses:
                s.say("Ik begrijp dat het vervelend is dat ik u stoor.")
            s.say("Hoe staat het met deze betaling bij u?")
            assert set(excuses) <= set(s.customer.state.raised), name  # the customer brought them up
            for excuse in excuses:
                if excuse != ANGRY_EXCUSE:
                    s.handle_excuse(excuse)
            s.record_no_agreement("needs_time")
            return s

        logged(run)
    assert main(["practice", "--history"]) == 0
    out = capsys.readouterr().out
    assert "Oefeningen (10), oudste eerst:" in out
    assert "Script eerste-gesprek: 10 van 10 smoesjes geoefend" in out
    assert " · " not in out and out.count("  ✓ ") == 10


def test_history_shows_scores_excuses_and_the_next_persona(capsys):
    """Scores over time and the excuse branches practised; after a failed session the same
    customer is suggested again, after a good one the easiest customer with an excuse not
    practised yet."""
    def good(on_event):
        s = session("niet-ontvangen", seed=1, on_event=on_event)
        return _replay_good(s)

    def stopped(on_event):
        s = session("klacht", seed=1, on_event=on_event)
        to_listening(s)
        s.handle_excuse("klacht-levering")
        return s

    logged(good)
    logged(stopped)
    assert main(["practice", "--history"]) == 0
    out = capsys.readouterr().out
    assert "Oefeningen (2), oudste eerst:" in out
    rows = [line for line in out.splitlines() if "2026-11-23 10:15" in line]
    assert "niet-ontvangen" in rows[0] and rows[0].endswith("9 van 9")
    assert "klacht" in rows[1] and rows[1].endswith("0 van 9 (onvoldoende)")
    assert "Script eerste-gesprek: 2 van 10 smoesjes geoefend" in out
    assert "  ✓ Factuur niet ontvangen (factuur-niet-ontvangen)" in out
    assert "  · Geldproblemen of krappe kas (geldproblemen)" in out
    assert "--persona klacht\n  Klacht over de levering: de vorige keer was het onvoldoende." in out

    logged(good)
    assert main(["practice", "--history"]) == 0
    out = capsys.readouterr().out
    assert ("--persona al-betaald\n  Al betaald, zegt de klant: oefent de smoes ‘Al betaald’, "
            "die u nog niet hebt geoefend.") in out


def _replay_good(s):
    """The good run of test_practice_session, on a session that logs its events."""
    to_listening(s)
    s.say("Hoe staat het met deze betaling bij u?")
    s.handle_excuse("factuur-niet-ontvangen")
    s.say("Ik stuur u vandaag nog een kopie. Wat stelt u voor: op welke datum kunt u betalen?")
    s.choose(1)
    agree_full(s, "3 december")
    s.choose(1)
    s.say("Dus we spreken af dat u donderdag 3 december € 2.813,00 overmaakt. "
          "Ik bevestig dit binnen een half uur per e-mail.")
    s.choose(1)
    return s


def test_practice_needs_a_terminal(capsys):
    """Without a terminal (piped input), practice says why and exits with 2."""
    assert main(["practice", "--persona", "vergeten", "--seed", "3"]) == 2
    err = capsys.readouterr().err
    assert "belscript practice heeft een terminal nodig" in err and "--history" in err


def test_unknown_persona_is_a_usage_error(capsys):
    """A misspelt persona name exits with 2 and suggests the right one."""
    assert main(["practice", "--persona", "uitstelle"]) == 2
    assert "uitsteller" in capsys.readouterr().err


def test_broken_persona_file_gives_diagnostics(tmp_path, capsys):
    """A persona file with a mistake prints PATH:LINE:COL diagnostics and exits non-zero."""
    path = tmp_path / "mijn.yaml"
    path.write_text("persona: 1\nname: mijn\ntitle: Mijn klant\nsituation: x\nspeaker: Piet\ntemperament: zuur\n",
                    encoding="utf-8")
    assert main(["practice", "--persona", str(path)]) == 1
    assert f"{path}:6:14: error: 'zuur' is not allowed here" in capsys.readouterr().err


def test_history_refuses_session_options(capsys):
    """--history with --persona is a usage error, not silently ignored."""
    assert main(["practice", "--history", "--persona", "boos"]) == 2


def _recap_chosen_not_said(on_event):
    s = session("vergeten", seed=1, on_event=on_event)
    to_listening(s)
    s.say("Wanneer kunt u betalen?")
    s.choose(1)
    agree_full(s, "30 november")
    s.choose(1)
    s.choose(1)  # 'Klant bevestigt de afspraken' without saying the recap
    return s


def test_log_show_gives_the_practice_score_and_never_contradicts_it(capsys):
    """`log show` of a practice session shows the stored score with every reason, and no
    separate observation that says the opposite (the recap was chosen, never said)."""
    logged(_recap_chosen_not_said)
    assert main(["log", "show", "1"]) == 0
    out = capsys.readouterr().out
    assert "Oefenscore" in out and "Score: 6 van 8" in out
    assert "✗ De afspraken herhaald — de stap ‘samenvatten’ gekozen, maar de klant hoorde geen samenvatting" in out
    assert "✓ Een concrete afspraak binnen de grenzen van het script" in out
    assert "U heeft de afspraken aan het eind herhaald" not in out


def test_history_for_an_own_script_suggests_a_command_that_works(tmp_path, capsys):
    """`practice --history --script mijn.yaml` suggests `--script` with the path used, which
    resolves again (a bare name of an own script is neither a file nor a built-in script)."""
    from belscript.script.loader import resolve_script

    path = tmp_path / "mijn.yaml"
    path.write_text(OWN_SCRIPT, encoding="utf-8")
    assert main(["practice", "--history", "--script", str(path)]) == 0
    out = capsys.readouterr().out
    line = next(l for l in out.splitlines() if l.startswith("Volgende oefening:"))
    script_arg = line.split("--script ", 1)[1].split(" --persona", 1)[0]
    assert script_arg == str(path)
    assert resolve_script(script_arg).script.name == "met-btw-vraag"


def test_a_practised_excuse_is_never_also_marked_as_having_no_customer():
    """An own excuse practised with an own customer shows ✓ without '(nog geen klant die deze
    smoes gebruikt)' next to it."""
    from belscript.practice.history import History

    text = History(sessions=[], script="mijn", excuses={"btw-verlegd": "Btw verlegd"}, practised=["btw-verlegd"],
                   no_persona=["btw-verlegd"]).as_text()
    assert "  ✓ Btw verlegd (btw-verlegd)\n" in text + "\n" and "nog geen klant" not in text


def test_the_replay_line_names_the_persona_file_that_was_used(tmp_path):
    """With an own persona file the replay command names that file, not 'PERSONA.yaml'."""
    from belscript.dossier.loader import demo_dossier_path, load_dossier
    from belscript.practice.library import load_persona, persona_paths
    from belscript.script.loader import resolve_script
    from belscript.screen import practice

    own = tmp_path / "mijn klant.yaml"
    own.write_text(persona_paths()["vergeten"].read_text(encoding="utf-8").replace("name: vergeten", "name: mijn-klant"),
                   encoding="utf-8")
    model = practice.start(resolve_script(None), load_dossier(demo_dossier_path()), load_persona(own), seed=3,
                           clock=FixedClock(MONDAY), journal=None, persona_path=str(own))
    assert f"--persona '{own}'" in model.mode.replay_command()


def test_a_persona_with_a_misspelt_excuse_is_refused_with_the_closest_id(tmp_path, capsys):
    """practice refuses a persona whose excuse the script does not have, naming the closest id (exit 2)."""
    from persona_script_support import write_pair

    script, persona = write_pair(tmp_path)
    assert main(["practice", "--script", str(script), "--persona", str(persona), "--seed", "1"]) == 2
    err = capsys.readouterr().err
    assert ("persona 'opzegger' noemt het excuus ‘opgezeg’ (bedoelt u ‘opzeggen’?), dat niet in het script "
            "'met-opzegvraag' staat") in err
    assert "terminal" not in err


def test_practice_uses_the_script_the_persona_names(tmp_path, capsys):
    """Without --script, the script named in the persona is practised (and its excuses checked)."""
    from persona_script_support import write_pair

    _script, persona = write_pair(tmp_path, "for_script: ./met-opzegvraag.yaml\n")
    assert main(["practice", "--persona", str(persona), "--seed", "1"]) == 2
    assert "niet in het script 'met-opzegvraag' staat" in capsys.readouterr().err
    persona.write_text(persona.read_text(encoding="utf-8").replace("opgezeg", "opzeggen"), encoding="utf-8")
    assert main(["practice", "--persona", str(persona), "--seed", "1"]) == 2
    assert "heeft een terminal nodig" in capsys.readouterr().err


def test_a_random_customer_is_always_one_the_script_can_handle(capsys):
    """servicegesprek lacks the excuse 'wacht-op-eigen-klant': no seed picks the customer who uses it."""
    for seed in range(1, 41):
        assert main(["practice", "--script", "servicegesprek", "--seed", str(seed)]) == 2
        err = capsys.readouterr().err
        assert "heeft een terminal nodig" in err and "niet in het script" not in err, seed

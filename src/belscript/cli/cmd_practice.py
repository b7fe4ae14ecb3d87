"""Rehearse a call against a simulated customer, and get an honest score.

Opens the same full-screen call screen as `belscript call`, with a simulated customer
on the line (a persona, built in or your own). What you type is what you say: it is
checked for wording exactly as in a real call, and the customer answers in the
"Klant" pane. Numbers choose options; /excuus, /afspraak, /naam, /geenafspraak,
/einde and /afbreken work as in a real call. The same --seed plays out the same way.

Afterwards you get a score in Dutch: what went well and the two or three things to do
differently, each with the moment in the conversation that decided it. Sessions and
scores are saved in the call log as practice, apart from real calls.

Personas: al-betaald, boos, eerst-overleggen, factuur-klopt-niet, geldzorgen, klacht,
niet-ontvangen, uitsteller, vergeten, verkeerde-persoon, plus your own YAML files in
<BELSCRIPT_HOME>/personas.

Examples:
  belscript practice
  belscript practice --persona niet-ontvangen --seed 7
  belscript practice --script tweede-gesprek --persona uitsteller
  belscript practice --history

A persona whose excuses are not all in the script's excuse library is refused (with the
closest excuse id), since that customer would never bring them up; a persona may name its
script with 'for_script:', used when --script is not given.
"""

from __future__ import annotations

import argparse
import random
import sys

from belscript.cli.interactive import is_terminal, print_problem
from belscript.errors import InputError, InvalidDocument, UsageError


#: The help text callers see (`belscript practice --help`): the command speaks Dutch.
DESCRIPTION_NL = """Een gesprek oefenen met een gesimuleerde klant, met een eerlijke score.

Hetzelfde belscherm als bij `belscript call`, met een gesimuleerde klant aan de lijn (een
ingebouwde persona of uw eigen). Wat u typt is wat u zegt: de woordkeuze wordt net zo
gecontroleerd als in een echt gesprek, en de klant antwoordt in het vak "Klant". Cijfers
kiezen opties; /excuus, /afspraak, /naam, /geenafspraak, /einde en /afbreken werken zoals
in een echt gesprek. Met dezelfde --seed verloopt het gesprek hetzelfde.

Daarna krijgt u een score: wat goed ging en de twee of drie dingen om anders te doen, elk
met het moment in het gesprek dat de doorslag gaf. Oefengesprekken staan apart in het
logboek (`belscript log --practice`).
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--script", metavar="NAAM|PAD",
                        help="naam van een ingebouwd belscript of een scriptbestand (standaard: eerste-gesprek)")
    parser.add_argument("--persona", metavar="NAAM|PAD|random", default="random",
                        help="de gesimuleerde klant: een personanaam, een personabestand, of random (standaard)")
    parser.add_argument("--seed", type=int, metavar="N",
                        help="een sessie herhalen: dezelfde seed en dezelfde invoer geven hetzelfde gesprek")
    parser.add_argument("--dossier", metavar="PAD",
                        help="het klantdossier om mee te oefenen (standaard: het voorbeelddossier)")
    parser.add_argument("--history", action="store_true",
                        help="eerdere scores tonen, de geoefende excuses en welke persona u nu oefent")


def run(args: argparse.Namespace) -> int:
    from belscript.clock import clock_from_env
    from belscript.script.loader import resolve_script

    clock = clock_from_env()
    if args.history:
        if args.seed is not None or args.dossier or args.persona != "random":
            raise UsageError("--history toont eerdere oefeningen; laat --persona, --seed en --dossier weg")
        try:
            loaded = resolve_script(args.script)
        except (InvalidDocument, InputError) as exc:
            return print_problem(exc)
        return _history(loaded.script, clock, args.script)

    from belscript.dossier.loader import demo_dossier_path, load_dossier
    from belscript.practice.library import (
        persona_paths,
        persona_script,
        refuse_unknown_excuses,
        resolve_persona,
        unknown_excuses,
    )

    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(1, 100_000)
    try:
        dossier = load_dossier(args.dossier or demo_dossier_path())
        if args.persona in (None, "", "random"):
            # a random customer is one whose excuses the script can handle
            loaded = resolve_script(args.script)
            persona = resolve_persona(args.persona, random.Random(seed),
                                      fits=lambda p: not unknown_excuses(p, loaded.script))
        else:
            persona = resolve_persona(args.persona, random.Random(seed))
            path = persona_paths().get(args.persona, args.persona)
            loaded = resolve_script(args.script or persona_script(persona, path))
        refuse_unknown_excuses(persona, loaded.script)
    except (InvalidDocument, InputError) as exc:
        return print_problem(exc)

    if not is_terminal():
        raise UsageError("belscript practice heeft een terminal nodig: het is een schermvullend programma",
                         hint="Start het direct in een terminalvenster, zonder pijp of omleiding. "
                              "'belscript practice --history' werkt overal.")

    from belscript.screen import practice
    from belscript.tui.app import run_screen

    code, model = run_screen(
        lambda journal: practice.start(loaded, dossier, persona, seed=seed, clock=clock, journal=journal,
                                       dossier_path=args.dossier,
                                       persona_path=args.persona if args.persona != "random" else None),
        clock=clock,
    )
    _report(model)
    return code


def _report(model) -> None:
    """The score once more on the normal terminal, after the screen closed."""
    if model.mode.report is None:
        print("Er is geen oefening begonnen.")
        return
    print(model.mode.report.as_text())
    print()
    print(f"Nog eens met dezelfde klant en dezelfde reacties: {model.mode.replay_command()}")
    print(f"Bewaard als oefening {model.call_id} ('belscript practice --history' toont uw voortgang).")


def _history(script, clock, script_arg: str | None = None) -> int:
    from belscript.journal import Journal
    from belscript.practice.history import load_history
    from belscript.practice.library import all_personas

    with Journal.open(clock=clock) as journal:
        for warning in journal.warnings:
            print(f"belscript: {warning}", file=sys.stderr)
        history = load_history(journal, script, all_personas(), script_arg=script_arg)
    print(history.as_text())
    return 0

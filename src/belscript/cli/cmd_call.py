"""Guide a real call on screen: what to say, the customer file, the agreement so far.

Opens a full-screen call screen. First the preparation: what the customer file says
and what is missing, what you can offer, whether now is a golden calling hour. Then
the call: type a number + Enter to take an option, /afspraak to record the agreement
(e.g. /afspraak datum vrijdag), /naam for who you speak to, /einde to end (only with a
concrete agreement or a recorded no-agreement outcome), /help for every key and
command. Other text is saved as a note and checked for wording while you type.
Everything is saved the moment it happens; after a crash, `belscript call --resume`
continues where you were. Afterwards you get the recap, the confirmation e-mail
(.eml), a calendar file (.ics) and a short evaluation.

Examples:
  belscript call --demo
  belscript call --dossier klanten/van-dijk.yaml --script tweede-gesprek
  belscript call --resume
"""

from __future__ import annotations

import argparse

from belscript.cli.interactive import is_terminal, print_problem
from belscript.errors import InputError, InvalidDocument, UsageError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--script", metavar="NAME|PATH",
                        help="built-in script name or script file (default: eerste-gesprek)")
    parser.add_argument("--dossier", metavar="PATH", help="the customer file (YAML or JSON)")
    parser.add_argument("--demo", action="store_true", help="use the demo customer file")
    parser.add_argument("--resume", nargs="?", const="latest", metavar="ID",
                        help="continue an interrupted call (the latest one, or call number ID)")



def _resume_id(raw: str) -> int | None:
    if raw == "latest":
        return None
    try:
        return int(raw)
    except ValueError:
        raise UsageError(f"--resume verwacht een gespreksnummer, niet {raw!r}",
                         hint="'belscript log' toont de gesprekken met hun nummer.") from None


def run(args: argparse.Namespace) -> int:
    import gc

    # Everything loaded before the first frame lives until the end; collecting garbage
    # meanwhile only costs start-up time. The screen freezes these objects and switches
    # collection back on once it has drawn its first frame.
    gc.disable()
    from belscript.clock import clock_from_env

    clock = clock_from_env()
    resume_id = _resume_id(args.resume) if args.resume is not None else None
    loaded = dossier = None
    if args.resume is None:
        if args.demo and args.dossier:
            raise UsageError("kies --demo of --dossier, niet allebei")
        if not args.demo and not args.dossier:
            raise UsageError("welke klant? Geef het klantdossier mee met --dossier PAD, of probeer --demo",
                             hint="Hoe u een klantdossier maakt, staat in docs/handleiding.md "
                                  "(‘Een gesprek voorbereiden: het klantdossier’).")
        from belscript.dossier_loader import demo_dossier_path, load_dossier
        from belscript.script.loader import resolve_script

        try:
            loaded = resolve_script(args.script)
            dossier = load_dossier(demo_dossier_path() if args.demo else args.dossier)
        except (InvalidDocument, InputError) as exc:
            return print_problem(exc)
    elif args.script or args.dossier or args.demo:
        raise UsageError("--resume gaat verder met een bewaard gesprek, met het script en klantdossier van toen; "
                         "laat --script, --dossier en --demo weg")

    if not is_terminal():
        raise UsageError("belscript call heeft een terminal nodig: het is een schermvullend programma",
                         hint="Start het direct in een terminalvenster, zonder pijp of omleiding.")

    from belscript.tui import live
    from belscript.tui.app import run_screen

    from belscript.cli import teamcall

    team = None

    def start(journal):
        nonlocal team
        if args.resume is not None:
            model = live.resume(journal, resume_id, clock=clock)
        else:
            model = live.start(loaded, dossier, clock=clock, journal=journal)
        team = teamcall.begin(journal, model, clock=clock)  # claims the customer in a team
        return model

    model = None
    try:
        code, model = run_screen(start, clock=clock)
    finally:
        if team is not None:
            team.close(model)  # releases the claim; after a crash (model None) it expires
    _report(model)
    return code


def _report(model) -> None:
    """One or two lines on the normal terminal after the screen closed: where things are."""
    call_id = getattr(model, "call_id", None)
    if model.closed_as == "paused" or (model.call is not None and not model.call.ended):
        print(f"Gesprek {call_id} is bewaard maar nog niet afgesloten. Ga verder met: belscript call --resume {call_id}")
    elif model.closed_as in ("ended", "aborted") or (model.call is not None and model.call.ended):
        docs = getattr(model, "documents", None)
        print(f"Gesprek {call_id} is afgesloten en bewaard ('belscript log show {call_id}').")
        if docs is not None:
            for path in docs.paths:
                print(f"  {path}")
    else:
        print("Er is geen gesprek begonnen.")

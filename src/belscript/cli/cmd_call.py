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

Without YAML: 'belscript call KLANT' (a customer number, invoice number or part of
the name of an imported customer) builds the customer file from what was imported,
picks the script the call list would (tweede-gesprek after a broken promise) and
stores the promise and the person you spoke to when the call ends.

Examples:
  belscript call "van dijk"
  belscript call --demo
  belscript call --dossier klanten/van-dijk.yaml --script tweede-gesprek
  belscript call --resume
"""

from __future__ import annotations

import argparse
import sys

from belscript.cli.interactive import is_terminal, print_problem
from belscript.errors import InputError, InvalidDocument, UsageError


#: The help text callers see (`belscript call --help`): the command speaks Dutch.
DESCRIPTION_NL = """Een echt telefoongesprek begeleiden: wat u zegt, het klantdossier, de afspraak tot nu toe.

Eerst de voorbereiding: wat het dossier zegt en wat ontbreekt, wat u kunt aanbieden en of
het nu een gouden beluur is. Dan het gesprek: een cijfer + Enter kiest een optie,
/afspraak legt de afspraak vast (bijvoorbeeld /afspraak datum vrijdag), /naam noteert met
wie u spreekt, /einde sluit af (alleen met een concrete afspraak of een vastgelegde
uitkomst zonder afspraak), /help toont alle toetsen en opdrachten. Andere tekst wordt een
notitie; belscript controleert de woordkeuze terwijl u typt. Alles wordt meteen bewaard;
na een storing gaat u verder met `belscript call --resume`. Daarna krijgt u de
samenvatting, de bevestigingsmail (.eml), een agendabestand (.ics) en een korte evaluatie.
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("customer", metavar="KLANT", nargs="?",
                        help="een ingelezen klant: klantnummer, factuurnummer of een deel van de naam")
    parser.add_argument("--script", metavar="NAAM|PAD",
                        help="naam van een ingebouwd belscript of een scriptbestand (standaard: eerste-gesprek)")
    parser.add_argument("--dossier", metavar="PAD", help="het klantdossier (YAML of JSON)")
    parser.add_argument("--demo", action="store_true", help="het voorbeelddossier gebruiken")
    parser.add_argument("--resume", nargs="?", const="latest", metavar="NR",
                        help="een onderbroken gesprek voortzetten (het laatste, of gesprek nummer NR)")
    parser.add_argument("--zonder-reservering", action="store_true",
                        help="ook bellen als de gedeelde database niet bereikbaar is; de klant wordt dan pas "
                             "gereserveerd als die terug is (zonder deze optie vraagt belscript het eerst)")



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

    # What is loaded before the first frame lives until the end: no garbage collection
    # until then (the screen freezes these objects and switches it back on).
    gc.disable()
    try:
        return _call(args)
    finally:
        if not gc.isenabled():  # the screen never opened (a refusal, a file that cannot be read)
            gc.enable()


def _call(args: argparse.Namespace) -> int:
    from belscript.clock import clock_from_env

    clock = clock_from_env()
    resume_id = _resume_id(args.resume) if args.resume is not None else None
    _check_choice(args)
    loaded = dossier = customer = None
    if args.customer is not None:
        loaded, dossier, customer = _from_store(args, clock)
    elif args.resume is None:
        from belscript.dossier.loader import demo_dossier_path, load_dossier
        from belscript.script.loader import resolve_script

        try:
            loaded = resolve_script(args.script)
            dossier = load_dossier(demo_dossier_path() if args.demo else args.dossier)
        except (InvalidDocument, InputError) as exc:
            return print_problem(exc)
    _require_terminal()

    from belscript.cli import teamcall
    from belscript.screen import live
    from belscript.tui.app import run_screen

    team = None

    def start(journal):
        nonlocal team
        if args.resume is not None:
            model = live.resume(journal, resume_id, clock=clock)
        else:
            model = live.start(loaded, dossier, clock=clock, journal=journal, caller=teamcall.caller_name(journal.home))
            for line in paused_calls(journal, dossier):
                model.info(line, "warn")
        team = teamcall.begin(journal, model, clock=clock, confirm_offline=teamcall.confirmer(args.zonder_reservering))
        return model

    model = None
    try:
        code, model = run_screen(start, clock=clock)
    finally:
        if team is not None:
            team.close(model)  # releases the claim; after a crash (model None) it expires
    _report(model)
    if not args.demo and getattr(model, "call_id", None) is not None:
        _write_back(model, customer, clock)
    return code


def _check_choice(args: argparse.Namespace) -> None:
    """Refuse a call with no customer, or with ways of choosing one that exclude each other."""
    if args.customer is not None:
        if args.resume is not None or args.demo or args.dossier:
            raise UsageError("kies een klant uit de database, --dossier, --demo of --resume; niet meer dan één")
    elif args.resume is None:
        if args.demo and args.dossier:
            raise UsageError("kies --demo of --dossier, niet allebei")
        if not args.demo and not args.dossier:
            raise UsageError("welke klant? Geef een ingelezen klant mee (belscript call KLANT), een klantdossier "
                             "met --dossier PAD, of probeer --demo",
                             hint="Hoe u een klantdossier maakt, staat in docs/handleiding.md "
                                  "(‘Een gesprek voorbereiden: het klantdossier’).")
    elif args.script or args.dossier or args.demo:
        raise UsageError("--resume gaat verder met een bewaard gesprek, met het script en klantdossier van toen; "
                         "laat --script, --dossier en --demo weg")


def _require_terminal() -> None:
    """The call screen is full-screen: refuse to start it without a terminal."""
    if not is_terminal():
        raise UsageError("belscript call heeft een terminal nodig: het is een schermvullend programma",
                         hint="Start het direct in een terminalvenster, zonder pijp of omleiding.")


def paused_calls(journal, dossier) -> list[str]:
    """Dutch lines about calls with this customer that were left unfinished, newest first,
    each with how to take it up again (``belscript call --resume NR``)."""
    open_calls = journal.open_calls()
    if not open_calls:
        return []  # the usual case: no need to load the date words or the dunning rules
    from belscript.agreement.datewords import say_moment
    from belscript.cli.dunning import is_call_of

    lines = []
    for record in open_calls:
        if is_call_of(record, dossier.customer):
            lines.append(f"Let op: gesprek {record.id} met {record.customer} van {say_moment(record.started_at)} "
                         f"is onderbroken en nog niet afgesloten. Wilt u dat gesprek afmaken? Sluit dit scherm "
                         f"(Ctrl-C) en typ: belscript call --resume {record.id}")
    return lines


def _from_store(args: argparse.Namespace, clock):
    """The script, customer file and store customer for 'belscript call KLANT'."""
    from belscript.script.loader import resolve_script
    from belscript.store import open_store
    from belscript.store.calls import dossier_for, script_for

    with open_store(clock=clock) as store:
        customer = store.find_customer(args.customer)
        history = store.history(customer)
        dossier = dossier_for(store, history)
        name = args.script or script_for(history, clock.now())
    return resolve_script(name), dossier, customer


def _write_back(model, customer, clock) -> None:
    """After the screen: store the ended call's promise and contact person for a store customer."""
    from belscript.journal import Journal
    from belscript.store import open_store
    from belscript.store.calls import write_back

    with Journal.open(clock=clock) as journal:
        state = journal.facts(model.call_id)
        number = journal.get(model.call_id).dossier.customer.number
    if not state.ended:
        return
    with open_store(clock=clock) as store:
        if customer is None:  # a resumed call: only if its customer is in the store
            customer = store.customer(number) if number else None
            if customer is None:
                return
        for line in write_back(store, customer, model.call_id, state):
            print(line)


def _report(model) -> None:
    """One or two lines on the normal terminal after the screen closed: where things are."""
    call_id = model.call_id
    mode = model.mode
    if getattr(mode, "pending", None) and not mode.flush():
        print(f"Let op: het logboek weigerde te schrijven; niet bewaard: {mode.unsaved()}. "
              f"Gesprek {call_id} kan worden hervat vanaf wat wel bewaard is.", file=sys.stderr)
    if model.closed_as == "paused" or (model.call is not None and not model.call.ended):
        print(f"Gesprek {call_id} is bewaard maar nog niet afgesloten. Ga verder met: belscript call --resume {call_id}")
    elif model.closed_as in ("ended", "aborted") or (model.call is not None and model.call.ended):
        docs = getattr(mode, "documents", None)
        print(f"Gesprek {call_id} is afgesloten en bewaard ('belscript log show {call_id}').")
        if docs is not None:
            for path in docs.paths:
                print(f"  {path}")
    else:
        print("Er is geen gesprek begonnen.")

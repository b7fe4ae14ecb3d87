"""Today's call list: 'belscript lijst'.

Whom to call now and why, in words, with the script to use and the moment this
customer is usually reached (learned from earlier calls). A broken promise comes
first. Customers whose promise is still running are named below the list, so nobody
is called while keeping their word. --uitleg shows every reason with its points;
--format json gives everything for other programs. --demo shows the demo week.
"""

from __future__ import annotations

import argparse
import json

from belscript.cli.daylist import add_demo

#: Lines shown without --alle.
TOP = 10


#: The help text owners see (`belscript lijst --help`): the command speaks Dutch.
DESCRIPTION_NL = """De bellijst van vandaag: wie u nu belt en waarom, met welk belscript.

Per klant staat in woorden waarom u belt, met welk script, en op welk moment u deze klant
meestal te pakken krijgt (geleerd van eerdere gesprekken). Een gebroken belofte staat
bovenaan. Klanten van wie de betaalbelofte nog loopt, staan onder de lijst: wie zich aan
zijn woord houdt, belt u niet. --uitleg toont elke reden met de punten die ze oplevert;
--format json geeft alles voor andere programma's; --demo toont de demoweek.
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_demo(parser)
    parser.add_argument("--alle", action="store_true", help=f"alle klanten tonen, niet alleen de eerste {TOP}")
    parser.add_argument("--uitleg", action="store_true", help="elke reden tonen met de punten die ze oplevert")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="uitvoer als tekst of als JSON voor andere programma's (standaard: text)")


def run(args: argparse.Namespace) -> int:
    from belscript.cli.daylist import load
    from belscript.worklist import build

    if args.alle or args.format == "json":
        source = load(args)
        call_list = build(source.facts, source.clock.now())
    else:  # only the lines shown are weighed in full
        source = load(args, first=TOP)
        call_list = source.call_list
    if args.format == "json":
        print(json.dumps(as_json(call_list, source), ensure_ascii=False, indent=2))
    else:
        for line in render(call_list, source, everything=args.alle, explain=args.uitleg):
            print(line)
    return 0


def header(now) -> list[str]:
    from belscript.calltime import describe
    from belscript.worklist.words import date_words

    today = now.date()
    return [f"Bellijst van {date_words(today, today.replace(year=1))}, {now:%H:%M}",
            describe(now, words=lambda dt: f"{date_words(dt.date(), today)} om {dt:%H:%M}")]


def render(call_list, source, *, everything: bool = False, explain: bool = False) -> list[str]:
    from belscript.worklist.words import amount_words

    lines = header(call_list.now)
    if source.demo:
        lines.append(f"(Demo: verzonnen klanten in {source.home})")
    lines.append("")
    shown = call_list.entries if everything else call_list.entries[:TOP]
    steps = ladder_steps(source, [entry.customer for entry in shown], call_list.now.date())
    if not shown:
        lines.append("Vandaag hoeft u niemand te bellen.")
    for n, entry in enumerate(shown, 1):
        c = entry.customer
        lines.append(f"{n:>2}. {c.name} – {amount_words(c.open_total)} open")
        lines.append(f"    {entry.why}")
        detail = f"script: {entry.script}"
        if entry.best.words():
            detail += f" · {entry.best.words()}"
        lines.append(f"    {detail}")
        if steps.get(c.key):
            lines.append(f"    incasso: {steps[c.key]}")
        if explain:
            for reason in sorted(entry.reasons, key=lambda r: -r.points):
                lines.append(f"      +{reason.points:<3} {reason.words}")
            lines.append(f"      = {entry.score} punten")
        lines.append(f"    {source.command('call', c.name)}")
    hidden = len(call_list.entries) - len(shown) + call_list.left_off
    if hidden:
        lines.append(f"… en nog {hidden} klant{'en' if hidden > 1 else ''}; 'belscript lijst --alle' toont ze allemaal.")
    if call_list.waiting:
        lines += ["", "Niet bellen (toezegging loopt):"]
        lines += [f"  {w.customer.name}: {w.words}" for w in call_list.waiting]
    if shown and not explain:
        lines += ["", "Waarom deze volgorde? 'belscript lijst --uitleg' toont alle redenen met hun punten."]
    return lines


def ladder_steps(source, customers, today) -> dict[str, str]:
    """For each customer shown, the step of the collection ladder that is due and why
    ("toezegging gebroken op 1 december; aanmaning staat klaar"). Only these customers'
    calls are read from the call log (by name, in one query); a customer whose kind (business or consumer) is unknown gets
    that said instead, since the law's steps differ."""
    from belscript.cli.dunning import customer_facts, customer_kind, is_call_of
    from belscript.errors import BelscriptError
    from belscript.escalation import load_ladder, step_words
    from belscript.journal import Journal
    from belscript.store import open_store

    if not customers:
        return {}
    try:
        ladder = load_ladder()
        found: dict[str, str] = {}
        with open_store(source.home, clock=source.clock) as store:
            found_customers = [(facts, store.customer(facts.key) or store.find_customer(facts.name))
                               for facts in customers]
            with Journal.open(source.home, create=False, verify=False) as journal:
                calls = journal.calls(customers={c.name for _facts, c in found_customers} | {f.name for f in customers})
            for facts, customer in found_customers:
                mine = sorted((r for r in calls if is_call_of(r, customer)), key=lambda r: r.started_at)
                try:
                    kind = customer_kind(store, customer, None)
                except BelscriptError:
                    found[facts.key] = "onbekend of dit een bedrijf of een consument is ('belscript brief … --zakelijk')"
                    continue
                escalation = customer_facts(store.history(customer), kind, mine, today)
                found[facts.key] = step_words(ladder, escalation, today)
        return found
    except BelscriptError:  # the list itself stays useful without the ladder
        return {}


def as_json(call_list, source) -> dict:
    from belscript.calltime import is_golden

    return {
        "now": call_list.now.isoformat(),
        "golden_hour": is_golden(call_list.now),
        "demo_home": str(source.home) if source.demo else None,
        "entries": [{
            "position": n,
            "customer": e.customer.name,
            "number": e.customer.key,
            "open_amount": str(e.customer.open_total),
            "why": e.why,
            "script": e.script,
            "best_time": e.best.words() or None,
            "reachable_now": e.reachable_now,
            "score": e.score,
            "reasons": [{"points": r.points, "words": r.words} for r in e.reasons],
            "command": source.command("call", e.customer.name),
        } for n, e in enumerate(call_list.entries, 1)],
        "waiting": [{"customer": w.customer.name, "number": w.customer.key, "why": w.words}
                    for w in call_list.waiting],
    }

"""The weekly overview: 'belscript overzicht'.

How old the open invoices are (not yet due, 1–30, 31–60, 61–90, over 90 days) as a
bar chart, the promises made and kept this week and this month, and the money that
came in after a call. --html FILE writes the same as one self-contained page to
share (owner-only; an existing file only with --force). --ics FILE writes a weekly
recurring appointment for the calling half hour (early in the week, 09:30).
--demo shows the demo week.
"""

from __future__ import annotations

import argparse

from belscript.cli.daylist import add_demo


#: The help text owners see (`belscript overzicht --help`): the command speaks Dutch.
DESCRIPTION_NL = """Het weekoverzicht: 'belscript overzicht'.

Hoe oud de openstaande facturen zijn (nog niet vervallen, 1–30, 31–60, 61–90, meer dan
90 dagen) als staafdiagram, de beloften die deze week en deze maand gedaan en nagekomen
zijn, en het geld dat na een gesprek binnenkwam. --html BESTAND schrijft hetzelfde als
één losse webpagina om te delen (alleen voor u leesbaar; een bestaand bestand alleen met
--force). --ics BESTAND schrijft een wekelijkse afspraak voor het belhalfuur (vroeg in de
week, om 09:30). --demo toont de demoweek.
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_demo(parser)
    parser.add_argument("--html", metavar="BESTAND", help="het overzicht ook schrijven als één losse HTML-pagina")
    parser.add_argument("--ics", metavar="BESTAND",
                        help="een wekelijkse agenda-afspraak voor het belhalfuur schrijven (.ics)")
    parser.add_argument("--force", action="store_true", help="BESTAND vervangen als het al bestaat")


def run(args: argparse.Namespace) -> int:
    from belscript.cli.daylist import load
    from belscript.cli.outfile import write_output
    from belscript.worklist.charts import html_page, summary_lines, text_chart
    from belscript.worklist.overview import calling_half_hour, overview

    source = load(args)
    now = source.clock.now()
    view = overview(source.facts, now.date())
    from belscript.worklist.words import date_words

    print(f"Overzicht van {date_words(view.today, view.today.replace(year=1))}"
          + (f" (demo: {source.home})" if source.demo else ""))
    print("")
    print("Ouderdom van openstaande facturen:")
    for line in text_chart(view):
        print(f"  {line}")
    print("")
    for line in summary_lines(view):
        print(line)
    moment = calling_half_hour(view.today)
    print("")
    print(f"Belhalfuurtje: elke {date_words(moment.date(), view.today).split()[0]} om {moment:%H:%M} "
          f"(eerstvolgende: {date_words(moment.date(), view.today)})")
    if args.html:
        path = write_output(args.html, html_page(view), overwrite=args.force, example_name="overzicht.html",
                            language="nl")
        print(f"Overzicht geschreven naar {path}")
    if args.ics:
        path = write_output(args.ics, weekly_ics(moment), overwrite=args.force, example_name="belhalfuurtje.ics",
                            language="nl")
        print(f"Agenda-afspraak geschreven naar {path}")
    return 0


def weekly_ics(start) -> bytes:
    """One event, every week at ``start`` for half an hour: the calling half hour."""
    from datetime import timedelta

    from icalendar import Alarm, Calendar, Event

    from belscript.followup.ics import PRODID

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    event = Event()
    event.add("uid", f"belhalfuurtje-{start:%Y%m%dT%H%M}@belscript")
    event.add("summary", "Belhalfuurtje: openstaande facturen nabellen")
    event.add("description", "Tijd om te bellen. Begin met 'belscript lijst': die zegt wie u nu belt en waarom.")
    event.add("dtstart", start)
    event.add("dtend", start + timedelta(minutes=30))
    event.add("dtstamp", start)
    event.add("rrule", {"freq": "weekly"})
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", "Belhalfuurtje over 10 minuten")
    alarm.add("trigger", timedelta(minutes=-10))
    event.add_component(alarm)
    cal.add_component(event)
    return cal.to_ical()

"""What ``lijst``, ``overzicht`` and ``klant`` share: where the facts come from.

With ``--demo`` the demo week is loaded fresh into ``<BELSCRIPT_HOME>/demo``
(:mod:`belscript.demo`) and read from there; otherwise the user's own store and call
log are read. The call log is opened read-only: a list never creates files.
"""

from __future__ import annotations

import argparse
import shlex
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Source:
    home: Path
    demo: bool
    facts: list
    clock: object
    call_list: object = None

    def command(self, *words: str) -> str:
        """The command line to run next, with the demo home in front when needed."""
        line = "belscript " + " ".join(shlex.quote(w) if w.isidentifier() or w.startswith("-")
                                       else '"' + w.replace('"', '\\"') + '"' for w in words)
        return f"BELSCRIPT_HOME={shlex.quote(str(self.home))} {line}" if self.demo else line


def add_demo(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--demo", action="store_true",
                        help="de demoweek (verzonnen klanten) in een demomap laden en die tonen")


def load(args: argparse.Namespace, *, first: int | None = None) -> Source:
    """The facts of every customer that matters today; with ``first``, only today's list
    up to that many lines instead (``Source.call_list``; ``Source.facts`` stays empty),
    which reads in full only the customers that could be among those lines."""
    from belscript.clock import clock_from_env
    from belscript.journal import Journal, home_dir
    from belscript.store import load_settings, open_store

    clock = clock_from_env()
    home = home_dir()
    demo = bool(args.demo)
    if demo:
        from belscript.demo import load_demo

        home = load_demo(home, clock)
    with open_store(home if demo else None, clock=clock) as store:
        home = home if demo else load_settings().home
        if first is None:
            return Source(home, demo, store.worklist_facts(), clock)
        with Journal.open(store.settings.home, clock=clock, create=False, verify=False) as journal:
            return Source(home, demo, [], clock, store.first_lines(first, calls=journal))

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

    def command(self, *words: str) -> str:
        """The command line to run next, with the demo home in front when needed."""
        line = "belscript " + " ".join(shlex.quote(w) if w.isidentifier() or w.startswith("-")
                                       else '"' + w.replace('"', '\\"') + '"' for w in words)
        return f"BELSCRIPT_HOME={shlex.quote(str(self.home))} {line}" if self.demo else line


def add_demo(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--demo", action="store_true",
                        help="load the demo week (made-up customers) into a demo folder and show that")


def load(args: argparse.Namespace) -> Source:
    from belscript.clock import clock_from_env
    from belscript.journal import home_dir
    from belscript.store import load_settings, open_store

    clock = clock_from_env()
    home = home_dir()
    if args.demo:
        from belscript.demo import load_demo

        home = load_demo(home, clock)
        with open_store(home, clock=clock) as store:
            return Source(home, True, store.worklist_facts(), clock)
    with open_store(clock=clock) as store:
        return Source(load_settings().home, False, store.worklist_facts(), clock)

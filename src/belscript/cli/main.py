"""Entry point of the ``belscript`` command.

Each command lives in its own module ``belscript.cli.cmd_<name>`` with two functions:
``add_arguments(parser)`` and ``run(args) -> int``. Command modules import their heavy
dependencies (prompt_toolkit, dateparser, sqlite) *inside* ``run`` so that
``belscript validate`` starts fast and never loads the terminal UI.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys

from belscript import __version__, collector
from belscript.cli.parser import MESSAGES, BelscriptParser, DutchHelp, Help, RawHelp, in_dutch
from belscript.errors import BelscriptError, UsageError
from belscript.textsafe import SafeStream

#: (command name, one-line help) in the order of ``belscript --help``.
#: Add a line here when adding a ``cmd_<name>`` module. The commands for callers and
#: owners speak Dutch (their module has ``DESCRIPTION_NL``); the authoring commands
#: from validate on stay English: they are for script authors, who read the code too.
COMMANDS: list[tuple[str, str]] = [
    ("call", "een echt gesprek op het scherm begeleiden (begin hier)"),
    ("practice", "een gesprek oefenen met een gesimuleerde klant"),
    ("log", "eerdere gesprekken tonen en exporteren"),
    ("lijst", "de bellijst van vandaag: wie u nu belt, waarom en met welk script"),
    ("klant", "één klant: facturen, gesprekken, beloften en het beste moment om te bellen"),
    ("overzicht", "weekoverzicht: ouderdom van de openstaande facturen, beloften, geld na gesprekken"),
    ("import", "openstaande facturen, e-facturen en bankafschriften inlezen"),
    ("betaald", "een betaling op een factuur met de hand vastleggen"),
    ("brief", "de volgende incassobrief schrijven (.eml en PDF), volgens de Nederlandse regels"),
    ("overdracht", "het overdrachtsdossier voor een incassobureau (CSV en PDF)"),
    ("rente", "de tabel van de wettelijke rente tonen of bijwerken"),
    ("validate", "check belscripts and customer files"),
    ("lint", "check wording in scripts, text files or standard input"),
    ("test", "run the example conversations of a script"),
    ("graph", "draw a script as Mermaid or Graphviz"),
    ("new", "start a new script from a built-in one"),
    ("scripts", "list the built-in scripts"),
    ("schema", "print the JSON Schema of the script format"),
]


#: Commands that only read their input and print. They run with the cycle collector
#: paused (see :mod:`belscript.collector`), and once their output is written the
#: installed command ends the process at once (``os._exit`` after flushing, in
#: ``cli/entry``) instead of tearing down every module and object first, which costs
#: some 30 ms with pydantic loaded (mypy ends the same way). They open no database, no
#: temporary file and register nothing to run at exit. ``main()`` itself always returns.
QUICK_EXIT = frozenset({"validate", "lint", "scripts"})


def build_parser(load: str | None | list[str] = None, *, only: bool = False) -> argparse.ArgumentParser:
    """The parser of every command.

    ``load`` names the commands whose module is imported to add its options (default:
    all of them); the others get only their one-line summary, which is all ``--help``
    shows. :func:`main` loads just the command that runs, so ``belscript --help`` and
    ``--version`` import no command module; ``only=True`` leaves the other commands out
    altogether (:func:`main` does that when a command runs: building a parser for each of
    them costs more than a short command itself).
    """
    names = [n for n, _ in COMMANDS] if load is None else ([load] if isinstance(load, str) else list(load))
    parser = BelscriptParser(
        prog="belscript",
        description="Begeleidt het telefoongesprek over een openstaande factuur (belscripts in YAML).",
        epilog="'belscript OPDRACHT --help' toont de opties van één opdracht. De opdrachten vanaf "
               "'validate' zijn voor wie zelf scripts schrijft; die antwoorden in het Engels.",
        formatter_class=DutchHelp,
    )
    parser._optionals.title, parser._positionals.title = MESSAGES["options"], MESSAGES["subcommands"]
    parser._actions[0].help = MESSAGES["show this help message and exit"]
    parser.add_argument("--version", action="version", version=f"belscript {__version__}",
                        help=MESSAGES["show program's version number and exit"])
    sub = parser.add_subparsers(dest="command", metavar="OPDRACHT", parser_class=BelscriptParser)
    for name, summary in COMMANDS:
        if name not in names:
            if not only:
                sub.add_parser(name, help=summary, description=summary, formatter_class=Help)
            continue
        module = importlib.import_module(f"belscript.cli.cmd_{name}")
        doc = (module.__doc__ or summary).strip()
        dutch = getattr(module, "DESCRIPTION_NL", None)
        cmd = sub.add_parser(name, help=summary, description=dutch or doc,
                             formatter_class=DutchHelp if dutch else RawHelp)
        module.add_arguments(cmd)
        if dutch:
            in_dutch(cmd)
        cmd.set_defaults(_run=module.run)
    return parser


def chosen_command(argv: list[str]) -> list[str]:
    """The command ``argv`` runs (its first word that is not an option), as a list of at
    most one name; empty for ``--help``, ``--version`` or an unknown word."""
    word = next((a for a in argv if not a.startswith("-")), None)
    return [word] if word in {n for n, _ in COMMANDS} else []


def main(argv: list[str] | None = None) -> int:
    _ensure_streams()
    streams = sys.stdout, sys.stderr
    try:
        # Every text any command prints is escaped here, once: see belscript.textsafe.
        sys.stdout, sys.stderr = (s if isinstance(s, SafeStream) else SafeStream(s) for s in streams)
        return _run(argv)
    except KeyboardInterrupt:
        print("belscript: onderbroken", file=sys.stderr)
        return 130
    finally:
        sys.stdout, sys.stderr = streams


def _refuse_unknown_command(argv: list[str]) -> None:
    """``belscript lijts``: say in Dutch which commands there are, with the likely one."""
    word = next((a for a in argv if not a.startswith("-")), None)
    names = [n for n, _ in COMMANDS]
    if word is None or word in names:
        return
    import difflib

    close = difflib.get_close_matches(word, names, n=1, cutoff=0.6)
    guess = f"; bedoelt u '{close[0]}'?" if close else ""
    raise UsageError(f"'{word}' is geen opdracht van belscript{guess}",
                     hint=f"De opdrachten: {', '.join(names)}. 'belscript --help' zegt wat elke opdracht doet.")


def _run(argv: list[str] | None) -> int:
    try:
        argv = sys.argv[1:] if argv is None else argv
        _refuse_unknown_command(argv)
        command = chosen_command(argv)
        # `belscript --help lint` shows every command; `belscript lint ...` needs only its own
        # importing the command and reading its arguments make only long-lived objects
        with collector.paused(promote=True):
            parser = build_parser(load=command, only=bool(command) and argv[:1] == command)
            args = parser.parse_args(argv)
        if not getattr(args, "_run", None):
            parser.print_help()
            return 2
        if set(command) & QUICK_EXIT:
            # a short command makes what lives until it ends: no collection until then
            with collector.paused(promote=True):
                return int(args._run(args) or 0)
        return int(args._run(args) or 0)
    except BelscriptError as exc:
        print(f"belscript: {exc.message}", file=sys.stderr)
        if exc.hint:
            print(exc.hint, file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("belscript: onderbroken", file=sys.stderr)
        return 130
    except BrokenPipeError:  # e.g. `belscript log | head`
        _silence_stdout()
        return 0
    except OSError as exc:
        # The last line of defence: a file or folder the command needed could not be
        # used. Say which and why, instead of a traceback.
        print(f"belscript: {_describe_os_error(exc)}", file=sys.stderr)
        return 2


def _ensure_streams() -> None:
    """Give a closed standard output or error (``belscript … >&-``) a harmless stand-in."""
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))


def _silence_stdout() -> None:
    """After the reader went away, send the rest of the output nowhere.

    Without this Python tries to flush what is left at exit, fails again and prints
    an "Exception ignored" message.
    """
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # stdout is not a real file (tests)
        pass


def _describe_os_error(exc: OSError) -> str:
    reason = exc.strerror or str(exc)
    if exc.filename is None:
        return reason
    name = os.fsdecode(exc.filename)
    if exc.filename2 is not None:
        return f"{name} -> {os.fsdecode(exc.filename2)}: {reason}"
    return f"{name}: {reason}"


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())

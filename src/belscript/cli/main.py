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

from belscript import __version__
from belscript.errors import BelscriptError
from belscript.textsafe import SafeStream

#: (command name, one-line help) in the order of ``belscript --help``.
#: Add a line here when adding a ``cmd_<name>`` module.
COMMANDS: list[tuple[str, str]] = [
    ("call", "guide a real call on screen (start here)"),
    ("practice", "rehearse a call against a simulated customer"),
    ("log", "list, show and export earlier calls"),
    ("lijst", "today's call list: whom to call now, why, with which script"),
    ("klant", "show one customer's invoices, calls, promises and best time to call"),
    ("overzicht", "weekly overview: ageing of open invoices, promises, money after calls"),
    ("import", "read open invoices, e-invoices and bank statements into belscript"),
    ("betaald", "record a payment on an invoice by hand"),
    ("brief", "write the next collection letter (.eml and PDF) by the Dutch rules"),
    ("overdracht", "the handover file for a collection agency (CSV and PDF)"),
    ("rente", "show or update the statutory interest rates table"),
    ("validate", "check belscripts and customer files"),
    ("lint", "check wording in scripts, text files or standard input"),
    ("test", "run the example conversations of a script"),
    ("graph", "draw a script as Mermaid or Graphviz"),
    ("new", "start a new script from a built-in one"),
    ("scripts", "list the built-in scripts"),
    ("schema", "print the JSON Schema of the script format"),
]


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
    parser = argparse.ArgumentParser(
        prog="belscript",
        description="Guide for phoning a customer about an overdue invoice (belscripts in YAML).",
        epilog="Run 'belscript COMMAND --help' for the options of one command.",
        formatter_class=_Help,
    )
    parser.add_argument("--version", action="version", version=f"belscript {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, summary in COMMANDS:
        if name not in names:
            if not only:
                sub.add_parser(name, help=summary, description=summary, formatter_class=_Help)
            continue
        module = importlib.import_module(f"belscript.cli.cmd_{name}")
        doc = (module.__doc__ or summary).strip()
        dutch = getattr(module, "DESCRIPTION_NL", None)
        cmd = sub.add_parser(name, help=summary, description=dutch or doc,
                             formatter_class=_DutchHelp if dutch else _RawHelp)
        module.add_arguments(cmd)
        if dutch:
            _in_dutch(cmd)
        cmd.set_defaults(_run=module.run)
    return parser


def chosen_command(argv: list[str]) -> list[str]:
    """The command ``argv`` runs (its first word that is not an option), as a list of at
    most one name; empty for ``--help``, ``--version`` or an unknown word."""
    word = next((a for a in argv if not a.startswith("-")), None)
    return [word] if word in {n for n, _ in COMMANDS} else []


def _columns() -> int:
    """The terminal width as ``shutil.get_terminal_size`` gives it (``COLUMNS`` first, 80
    when there is no terminal), without importing shutil (and with it bz2 and lzma)."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns > 0:
        return columns
    try:
        return os.get_terminal_size(sys.__stdout__.fileno()).columns or 80
    except (AttributeError, ValueError, OSError):
        return 80


class _Help(argparse.HelpFormatter):
    """argparse's formatter with the width worked out here: argparse imports shutil for it,
    on every parser, even when no help is shown."""

    def __init__(self, prog, indent_increment=2, max_help_position=24, width=None):
        super().__init__(prog, indent_increment, max_help_position, _columns() - 2 if width is None else width)


class _RawHelp(_Help, argparse.RawDescriptionHelpFormatter):
    """The command's own description as written (its docstring), at the width of :class:`_Help`."""


class _DutchHelp(_RawHelp):
    """``gebruik:`` instead of ``usage:`` for the commands callers use."""

    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, "gebruik: " if prefix is None else prefix)


def _in_dutch(parser: argparse.ArgumentParser) -> None:
    """The fixed parts of a command's --help in Dutch (its own texts are written in Dutch)."""
    parser.formatter_class = _DutchHelp
    parser._optionals.title = "opties"
    parser._positionals.title = "argumenten"
    for action in parser._actions:
        if isinstance(action, argparse._HelpAction):
            action.help = "deze hulp tonen en stoppen"
        elif isinstance(action, argparse._SubParsersAction):
            for child in action.choices.values():
                _in_dutch(child)


def main(argv: list[str] | None = None) -> int:
    _ensure_streams()
    streams = sys.stdout, sys.stderr
    try:
        # Every text any command prints is escaped here, once: see belscript.textsafe.
        sys.stdout, sys.stderr = (s if isinstance(s, SafeStream) else SafeStream(s) for s in streams)
        return _run(argv)
    except KeyboardInterrupt:
        print("belscript: interrupted", file=sys.stderr)
        return 130
    finally:
        sys.stdout, sys.stderr = streams


def _run(argv: list[str] | None) -> int:
    try:
        argv = sys.argv[1:] if argv is None else argv
        command = chosen_command(argv)
        # `belscript --help lint` shows every command; `belscript lint ...` needs only its own
        parser = build_parser(load=command, only=bool(command) and argv[:1] == command)
        args = parser.parse_args(argv)
        if not getattr(args, "_run", None):
            parser.print_help()
            return 2
        return int(args._run(args) or 0)
    except BelscriptError as exc:
        print(f"belscript: {exc.message}", file=sys.stderr)
        if exc.hint:
            print(exc.hint, file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("belscript: interrupted", file=sys.stderr)
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

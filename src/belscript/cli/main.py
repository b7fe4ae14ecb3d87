"""Entry point of the ``belscript`` command.

Each command lives in its own module ``belscript.cli.cmd_<name>`` with two functions:
``add_arguments(parser)`` and ``run(args) -> int``. Command modules import their heavy
dependencies (prompt_toolkit, dateparser, sqlite) *inside* ``run`` so that
``belscript validate`` starts fast and never loads the terminal UI.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from belscript import __version__
from belscript.errors import BelscriptError

#: (command name, one-line help) in the order of ``belscript --help``.
#: Add a line here when adding a ``cmd_<name>`` module.
COMMANDS: list[tuple[str, str]] = [
    ("call", "guide a real call on screen (start here)"),
    ("practice", "rehearse a call against a simulated customer"),
    ("log", "list, show and export earlier calls"),
    ("validate", "check belscripts and customer files"),
    ("lint", "check wording in scripts, text files or standard input"),
    ("test", "run the example conversations of a script"),
    ("graph", "draw a script as Mermaid or Graphviz"),
    ("new", "start a new script from a built-in one"),
    ("scripts", "list the built-in scripts"),
    ("schema", "print the JSON Schema of the script format"),
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="belscript",
        description="Guide for phoning a customer about an overdue invoice (belscripts in YAML).",
        epilog="Run 'belscript COMMAND --help' for the options of one command.",
    )
    parser.add_argument("--version", action="version", version=f"belscript {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, summary in COMMANDS:
        try:
            module = importlib.import_module(f"belscript.cli.cmd_{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"belscript.cli.cmd_{name}":
                raise
            continue
        doc = (module.__doc__ or summary).strip()
        cmd = sub.add_parser(name, help=summary, description=doc,
                             formatter_class=argparse.RawDescriptionHelpFormatter)
        module.add_arguments(cmd)
        cmd.set_defaults(_run=module.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "_run", None):
        parser.print_help()
        return 2
    try:
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
        return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())

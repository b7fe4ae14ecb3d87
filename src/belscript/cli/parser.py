"""The argument parser of ``belscript``: Dutch help and Dutch errors for the commands
owners and callers use.

A command module with ``DESCRIPTION_NL`` writes its own help texts in Dutch;
:func:`in_dutch` marks its parser so that argparse's fixed texts are Dutch too: the
titles of ``--help`` and every error ("gebruik: …", "belscript lijst: fout: ongeldige
keuze: …"), still with exit code 2 and the usage line first.

argparse builds those texts through ``argparse._`` and ``argparse.ngettext`` (gettext)
at the moment it needs them, with the same message ids in Python 3.11 to 3.13.
:class:`BelscriptParser` swaps in a Dutch lookup of those ids (:data:`MESSAGES`) for
the duration of a Dutch parser's parse only, so other parsers stay English; an id a
newer Python adds or changes simply stays English. A Dutch parser also reports
words it does not know itself, with its own usage line, instead of passing them up to
the (English) top-level parser. The command line is parsed once, in one thread, so the
swap cannot leak into other work.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager

#: argparse's message ids (Python 3.11–3.13) with their Dutch text.
MESSAGES: dict[str, str] = {
    "usage: ": "gebruik: ",
    "positional arguments": "argumenten",
    "options": "opties",
    "subcommands": "opdrachten",
    "show this help message and exit": "deze hulp tonen en stoppen",
    "show program's version number and exit": "het versienummer tonen en stoppen",
    " (default: %(default)s)": " (standaard: %(default)s)",
    "%(prog)s: error: %(message)s\n": "%(prog)s: fout: %(message)s\n",
    "%(prog)s: warning: %(message)s\n": "%(prog)s: waarschuwing: %(message)s\n",
    "argument %(argument_name)s: %(message)s": "%(argument_name)s: %(message)s",
    "unrecognized arguments: %s": "niet herkend: %s",
    "the following arguments are required: %s": "verplicht: %s",
    "one of the arguments %s is required": "een van deze is verplicht: %s",
    "not allowed with argument %s": "niet samen met %s",
    "ignored explicit argument %r": "hier hoort geen waarde bij (%r)",
    "expected one argument": "hier hoort één waarde bij",
    "expected at most one argument": "hier hoort hoogstens één waarde bij",
    "expected at least one argument": "hier hoort minstens één waarde bij",
    "invalid %(type)s value: %(value)r": "ongeldige waarde: %(value)r",
    "invalid choice: %(value)r (choose from %(choices)s)": "ongeldige keuze: %(value)r (kies uit %(choices)s)",
    "ambiguous option: %(option)s could match %(matches)s": "onduidelijke optie: %(option)s kan zijn: %(matches)s",
    "unexpected option string: %s": "onverwachte optie: %s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "onbekende opdracht %(parser_name)r (kies uit %(choices)s)",
    "can't open '%(filename)s': %(error)s": "kan '%(filename)s' niet openen: %(error)s",
    "option '%(option)s' is deprecated": "optie '%(option)s' verdwijnt binnenkort",
    "argument '%(argument_name)s' is deprecated": "argument '%(argument_name)s' verdwijnt binnenkort",
    "command '%(parser_name)s' is deprecated": "opdracht '%(parser_name)s' verdwijnt binnenkort",
}

#: argparse's singular/plural message ids with their Dutch forms.
PLURALS: dict[tuple[str, str], tuple[str, str]] = {
    ("expected %s argument", "expected %s arguments"): ("hier hoort %s waarde bij", "hier horen %s waarden bij"),
}


class BelscriptParser(argparse.ArgumentParser):
    """An argument parser that speaks Dutch once :func:`in_dutch` marked it."""

    dutch = False

    def parse_known_args(self, args=None, namespace=None):
        if not self.dutch:
            return super().parse_known_args(args, namespace)
        with dutch_messages():
            namespace, extras = super().parse_known_args(args, namespace)
            if extras:
                self.error(unknown_words(extras))
        return namespace, extras


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


class Help(argparse.HelpFormatter):
    """argparse's formatter with the width worked out here: argparse imports shutil for it,
    on every parser, even when no help is shown."""

    def __init__(self, prog, indent_increment=2, max_help_position=24, width=None):
        super().__init__(prog, indent_increment, max_help_position, _columns() - 2 if width is None else width)


class RawHelp(Help, argparse.RawDescriptionHelpFormatter):
    """The command's own description as written (its docstring), at the width of :class:`Help`."""


class DutchHelp(RawHelp):
    """``gebruik:`` instead of ``usage:``, also when the help is built outside a parse
    (``parser.format_help()``)."""

    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, MESSAGES["usage: "] if prefix is None else prefix)


def in_dutch(parser: argparse.ArgumentParser) -> None:
    """Give ``parser`` (and the subcommands under it) Dutch help titles and Dutch errors;
    its own texts are written in Dutch by its command module."""
    parser.formatter_class = DutchHelp
    parser._optionals.title = MESSAGES["options"]
    parser._positionals.title = MESSAGES["positional arguments"]
    if isinstance(parser, BelscriptParser):
        parser.dutch = True
    for action in parser._actions:
        if isinstance(action, argparse._HelpAction):
            action.help = MESSAGES["show this help message and exit"]
        elif isinstance(action, argparse._SubParsersAction):
            for child in action.choices.values():
                in_dutch(child)


def unknown_words(words: list[str]) -> str:
    """What a Dutch parser says about words on the command line it does not know."""
    if not all(w.startswith("-") for w in words):
        return MESSAGES["unrecognized arguments: %s"] % " ".join(words)
    return f"{'onbekende optie' if len(words) == 1 else 'onbekende opties'}: {' '.join(words)}"


@contextmanager
def dutch_messages() -> Iterator[None]:
    """While inside, argparse builds its fixed texts in Dutch."""
    english, english_plural = argparse.__dict__.get("_"), argparse.__dict__.get("ngettext")
    if english is None or english_plural is None:  # a Python that builds them differently: stay English
        yield
        return

    def dutch(message: str) -> str:
        return MESSAGES.get(message) or english(message)

    def dutch_plural(singular: str, plural: str, n: int) -> str:
        forms = PLURALS.get((singular, plural))
        return english_plural(singular, plural, n) if forms is None else forms[0 if n == 1 else 1]

    argparse._, argparse.ngettext = dutch, dutch_plural
    try:
        yield
    finally:
        argparse._, argparse.ngettext = english, english_plural

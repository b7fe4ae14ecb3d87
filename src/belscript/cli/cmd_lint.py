"""Check the wording of belscripts, text files or standard input.

Finds phrasings that make a collection call fail ("u moet…", "het heeft geen haast",
"heeft u de factuur niet ontvangen?") and names a better alternative and the reason.

  belscript lint mijn-script.yaml        every line the script tells you to say, and its tips
  belscript lint notities.txt            a plain text file
  echo "U moet betalen." | belscript lint -

Files ending in .yaml or .yml are read as belscripts; anything else as plain text.
Output: PATH:LINE:COL: level: message [rule]; --format json gives a list of objects.
Silence a rule on one line of a script with a comment: '# belscript: allow moeten'.
Exit status: 0 clean (suggestions only), 1 a warning or error was found, 2 unreadable input
(the files that could be read are still checked and reported first).
"""

from __future__ import annotations

import argparse
import os
import sys

from belscript.phrasing.levels import counts_as_warning

_SCRIPT_SUFFIXES = (".yaml", ".yml")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help="script (.yaml), text file, or '-' for standard input")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    parser.add_argument("--language", choices=("nl", "en"), default=None,
                        help="rule set for text and standard input (default: nl; scripts use their own 'language:')")
    parser.add_argument("--rules", action="append", default=[], metavar="FILE",
                        help="extra rule file (same format as the built-in rules); may be repeated")
    parser.add_argument("--list-silenced", action="store_true",
                        help="list the places where a '# belscript: allow' comment silences a rule, instead of findings")


def _read_text(path: str) -> str:
    """A text file, through the one guarded reader of every loader (size cap, UTF-8, no FIFOs)."""
    from belscript.document.textfile import read_text
    from belscript.errors import InputError

    if os.path.isdir(path):
        raise InputError(f"{path} is a directory; name the files to check", path=path)
    try:
        text, problems = read_text(path)
    except InputError as exc:
        raise InputError(f"cannot read {exc.message}", path=path) from None
    return _text_or_unreadable(text, problems, path)


def _read_stdin() -> str:
    """Standard input, through the same reader: the same limit and the same messages."""
    from belscript.document.textfile import MAX_BYTES, decode, read_stream
    from belscript.errors import InputError

    if sys.stdin is None:
        raise InputError("standard input is closed; give a file name or pipe text into 'belscript lint -'")
    if hasattr(sys.stdin, "buffer"):
        return _text_or_unreadable(*read_stream(sys.stdin.buffer, "<stdin>"), "<stdin>")
    # a text stream (tests, embedding): the same limit, counted in bytes
    return _text_or_unreadable(*decode(sys.stdin.read(MAX_BYTES + 1).encode("utf-8"), "<stdin>"), "<stdin>")


def _text_or_unreadable(text: str | None, problems: list, path: str) -> str:
    """Text that is too large or not UTF-8 is unreadable input (exit 2), with the reader's message."""
    from belscript.errors import InputError

    if text is None:
        raise InputError(problems[0].format(), path=path)
    return text


def run(args: argparse.Namespace) -> int:
    from belscript.document.diagnostics import render
    from belscript.errors import InputError, InvalidDocument
    from belscript.phrasing import known_rule_ids, lint_script, lint_text, load_user_rules

    rule_files = tuple(args.rules)
    for path in rule_files:
        try:
            loaded = load_user_rules(path)
        except InvalidDocument as exc:
            print(render(exc.diagnostics), file=sys.stderr)
            print(f"belscript: rule file {path} has problems; nothing was checked", file=sys.stderr)
            return 2
        for warning in loaded.warnings:
            print(warning.format(), file=sys.stderr)

    language = args.language or "nl"
    diagnostics = []
    silenced = []
    unreadable: list[InputError] = []  # reported after the findings of the files that could be read
    for path in args.paths:
        try:
            if path == "-":
                diagnostics += lint_text(_read_stdin(), "<stdin>", language=language, rule_files=rule_files,
                                         silenced=silenced)
            elif path.lower().endswith(_SCRIPT_SUFFIXES):
                from belscript.script.loader import load_script

                try:
                    loaded = load_script(path, known_rules=known_rule_ids())
                except InvalidDocument as exc:
                    diagnostics += exc.diagnostics
                    continue
                diagnostics += lint_script(loaded, rule_files=rule_files, silenced=silenced)
            else:
                diagnostics += lint_text(_read_text(path), path, language=language, rule_files=rule_files,
                                         silenced=silenced)
        except InputError as exc:
            unreadable.append(exc)
    code = _report(args, diagnostics, silenced)
    for exc in unreadable:
        print(f"belscript: {exc}", file=sys.stderr)
    return 2 if unreadable else code


def _report(args: argparse.Namespace, diagnostics: list, silenced: list) -> int:
    from belscript.document.diagnostics import render

    if args.list_silenced:
        if args.format == "json":
            import json  # only for this output: plain `lint` starts without it

            print(json.dumps([s.as_dict() for s in silenced], ensure_ascii=False, indent=2))
        elif silenced:
            print("\n".join(s.format() for s in sorted(silenced, key=lambda s: (s.path, s.line, s.column))))
        return 0

    if args.format == "json":
        print(render(diagnostics, "json"))
    elif diagnostics:
        print(render(diagnostics))
    return 1 if any(counts_as_warning(d.level) for d in diagnostics) else 0

"""Check belscripts and customer files, reporting every problem with its line and column.

Each problem is printed as PATH:LINE:COL: level: message [code]. Scripts get the
format and reference checks, the phrasing check of their own lines (warnings; errors
with --strict) and the soundness checks of the call graph. Customer files (YAML or
JSON, recognised by their 'customer'/'invoices' keys or chosen with --kind dossier)
and practice personas (recognised by 'persona:' or chosen with --kind persona) get
the same precise diagnostics; a persona's excuse ids are checked against the script given
with --script, or the one the persona names with 'for_script:'.

When the format check fails, the call flow is still checked wherever it can be built:
parts that do not affect the flow (an unknown key, a missing label, a limit that is not
a number) are set aside, so flow problems appear together with the format problems.

Exit status: 0 no errors (warnings alone still exit 0), 1 at least one error, 2 a
file could not be read or wrong usage. With --strict every warning is reported, counted
and exited on as an error, in the text, the summary and the JSON alike.
"""

from __future__ import annotations

import argparse
import sys

from belscript.authoring.validation import check_path, with_level
from belscript.document.diagnostics import Diagnostic, render
from belscript.errors import InputError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help="script or customer file (.yaml, .yml, .json)")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    parser.add_argument("--strict", action="store_true", help="treat warnings (such as phrasing) as errors")
    parser.add_argument("--kind", choices=("auto", "script", "dossier", "persona"), default="auto",
                        help="what the files are (default: recognise by their keys)")
    parser.add_argument("--script", metavar="NAME|PATH",
                        help="personas: check their excuse ids against this script (default: the script "
                             "a persona names with 'for_script:', if any)")
    parser.add_argument("--dossier", dest="kind", action="store_const", const="dossier",
                        help="the files are customer files (same as --kind dossier)")


def run(args: argparse.Namespace) -> int:
    found: list[Diagnostic] = []
    unreadable = 0
    for path in args.paths:
        if args.kind == "auto" and path.endswith((".test.yaml", ".test.yml")):
            # example conversations next to a script, not a script: 'belscript test' checks them
            print(f"belscript: skipping {path} (example conversations; run 'belscript test')", file=sys.stderr)
            continue
        try:
            found.extend(check_path(path, args.kind, strict=args.strict, script=args.script))
        except InputError as exc:
            unreadable += 1
            print(f"belscript: {exc.message}", file=sys.stderr)
    if args.strict:
        # one rule everywhere: under --strict a warning is an error in the text, the JSON and the count
        found = [with_level(d, "error") if d.level == "warning" else d for d in found]
    if args.format == "json":
        print(render(found, "json"))
    elif found:
        print(render(found, "text"))
    errors = sum(d.level == "error" for d in found)
    warnings = sum(d.level == "warning" for d in found)
    if args.format == "text":
        files = len(args.paths)
        summary = f"{files} file{'s' if files != 1 else ''} checked: {errors} error{'s' if errors != 1 else ''}"
        summary += f", {warnings} warning{'s' if warnings != 1 else ''}"
        if unreadable:
            summary += f", {unreadable} could not be read"
        sys.stdout.flush()
        print(summary, file=sys.stderr)
    if unreadable:
        return 2
    if errors:
        return 1
    return 0

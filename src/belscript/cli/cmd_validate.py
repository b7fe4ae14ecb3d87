"""Check belscripts and customer files, reporting every problem with its line and column.

Each problem is printed as PATH:LINE:COL: level: message [code]. Scripts get the
format and reference checks, the phrasing check of their own lines (warnings; errors
with --strict) and the soundness checks of the call graph. Customer files (YAML or
JSON, recognised by their 'customer'/'invoices' keys or chosen with --kind dossier)
and practice personas (recognised by 'persona:' or chosen with --kind persona) get
the same precise diagnostics.

Exit status: 0 no errors, 1 problems found, 2 a file could not be read or wrong usage.
"""

from __future__ import annotations

import argparse
import gc
import sys

from belscript.diagnostics import Diagnostic, render
from belscript.errors import InputError
from belscript.phrasing.levels import counts_as_warning


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help="script or customer file (.yaml, .yml, .json)")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    parser.add_argument("--strict", action="store_true", help="treat warnings (such as phrasing) as errors")
    parser.add_argument("--kind", choices=("auto", "script", "dossier", "persona"), default="auto",
                        help="what the files are (default: recognise by their keys)")
    parser.add_argument("--dossier", dest="kind", action="store_const", const="dossier",
                        help="the files are customer files (same as --kind dossier)")


def check_path(path: str, kind: str = "auto", *, strict: bool = False) -> list[Diagnostic]:
    """Every diagnostic for one file (raises :class:`InputError` if it cannot be read)."""
    # Loading builds many small objects without reference cycles; with the cycle
    # collector paused, checking stays linear in the size of the script.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _check_path(path, kind, strict=strict)
    finally:
        if collecting:
            gc.enable()


def _check_path(path: str, kind: str, *, strict: bool) -> list[Diagnostic]:
    from belscript.document_kind import guess_kind
    from belscript.phrasing import known_rule_ids, lint_script
    from belscript.script.loader import check_script
    from belscript.script.verify import verify
    from belscript.script.yamlsafe import parse, read_text

    text, problems = read_text(path)
    if text is None:
        return problems
    raw, source, problems = parse(text, path)
    if problems:
        return problems
    if kind == "auto":
        kind = guess_kind(raw) if guess_kind(raw) in ("dossier", "persona") else "script"
    if kind == "persona":
        from belscript.practice.library import check_persona

        return check_persona(raw, source, path)[1]
    if kind == "dossier":
        # Imported only here: checking a script never builds the customer-file models.
        from belscript.dossier_loader import check_dossier

        return check_dossier(raw, source, path)[1]
    loaded, problems = check_script(raw, source, path, known_rules=known_rule_ids(), partial=True)
    if loaded is None:
        return problems
    # Wording is advice to authors: warnings in validate, errors only under --strict
    # (suggestions stay suggestions). `belscript lint` keeps each rule's own level.
    for d in lint_script(loaded):
        if counts_as_warning(d.level):
            d = _with_level(d, "error" if strict else "warning")
        problems.append(d)
    problems.extend(verify(loaded))
    return problems


def _with_level(d: Diagnostic, level: str) -> Diagnostic:
    return Diagnostic(d.path, d.line, d.column, level, d.message, d.code, d.end_column, dict(d.extra))


def run(args: argparse.Namespace) -> int:
    found: list[Diagnostic] = []
    unreadable = 0
    for path in args.paths:
        if args.kind == "auto" and path.endswith((".test.yaml", ".test.yml")):
            # example conversations next to a script, not a script: 'belscript test' checks them
            print(f"belscript: skipping {path} (example conversations; run 'belscript test')", file=sys.stderr)
            continue
        try:
            found.extend(check_path(path, args.kind, strict=args.strict))
        except InputError as exc:
            unreadable += 1
            print(f"belscript: {exc.message}", file=sys.stderr)
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
    if errors or (args.strict and warnings):
        return 1
    return 0

"""Draw a belscript as a flow chart: Mermaid, Graphviz DOT, or an SVG/PNG picture.

Steps are coloured by their role, end steps have a double green border, conditions are
written in Dutch words, and the options through which the call may end are thick green
arrows ("einde: de afspraak is concreet"). SVG and PNG read from left to right, list
the excuses in one table and fit a landscape A3 page.

Mermaid text can be pasted into Markdown (GitHub, GitLab and many editors draw it).
SVG and PNG need Graphviz's 'dot' program; without it, use --format mermaid or dot.

Examples:
  belscript graph eerste-gesprek
  belscript graph mijn-script.yaml --format svg --output mijn-script.svg

--output never replaces an existing file unless --force is given.

Exit status: 0 drawn, 1 the script has problems, 2 wrong usage, unreadable file or no Graphviz.
"""

from __future__ import annotations

import argparse
import sys

from belscript.document.diagnostics import render
from belscript.errors import InvalidDocument, UsageError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("script", metavar="PATH|NAME", help="a script file, or the name of a built-in script")
    parser.add_argument("--format", choices=("mermaid", "dot", "svg", "png"), default="mermaid",
                        help="drawing format (default: mermaid); svg and png need Graphviz")
    parser.add_argument("--output", "-o", metavar="FILE", help="write to FILE instead of standard output")
    parser.add_argument("--force", action="store_true", help="replace FILE if it already exists")


def write_output(target: str, data: str | bytes, *, source: str | None = None, force: bool = False) -> None:
    """Write a drawing to ``target`` owner-only, never over the script it was drawn from."""
    from belscript.cli.outfile import write_output as write_file

    protect = ((source, "the script being drawn"),) if source else ()
    write_file(target, data, overwrite=force, protect=protect, example_name="script.mmd")


def run(args: argparse.Namespace) -> int:
    from belscript.script.graph import draw
    from belscript.script.loader import resolve_script

    try:
        loaded = resolve_script(args.script)
    except InvalidDocument as exc:
        print(render(exc.diagnostics), file=sys.stderr)
        return 1
    if args.format == "png" and not args.output and sys.stdout.isatty():
        raise UsageError("a PNG picture cannot be shown in the terminal", hint="Add --output FILE.png")
    drawing = draw(loaded.script, args.format)
    if args.output:
        write_output(args.output, drawing, source=loaded.path, force=args.force)
        return 0
    if isinstance(drawing, bytes):
        sys.stdout.flush()
        sys.stdout.buffer.write(drawing)
    else:
        sys.stdout.write(drawing)
    return 0

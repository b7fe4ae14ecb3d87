"""Draw a belscript as a flow chart: Mermaid, Graphviz DOT, or an SVG/PNG picture.

Steps are coloured by their role, end steps have a green border, the excuse list is
one node that opens every excuse handler, and the options through which the call may
end are drawn bold with a lock: "🔒 afspraak concreet" or "🔒 geen afspraak vastgelegd".

Mermaid text can be pasted into Markdown (GitHub, GitLab and many editors draw it).
SVG and PNG need Graphviz's 'dot' program; without it, use --format mermaid or dot.

Examples:
  belscript graph eerste-gesprek
  belscript graph mijn-script.yaml --format svg --output mijn-script.svg

Exit status: 0 drawn, 1 the script has problems, 2 wrong usage, unreadable file or no Graphviz.
"""

from __future__ import annotations

import argparse
import sys

from belscript.diagnostics import render
from belscript.errors import InvalidDocument, UsageError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("script", metavar="PATH|NAME", help="a script file, or the name of a built-in script")
    parser.add_argument("--format", choices=("mermaid", "dot", "svg", "png"), default="mermaid",
                        help="drawing format (default: mermaid); svg and png need Graphviz")
    parser.add_argument("--output", "-o", metavar="FILE", help="write to FILE instead of standard output")
    parser.add_argument("--force", action="store_true", help="overwrite FILE if it exists")


def write_output(target: str, data: str | bytes, *, source: str | None = None, force: bool = False) -> None:
    """Write a drawing to ``target`` owner-only, never over the script it was drawn from."""
    from belscript.cli.outfile import write_output as write_file

    protect = ((source, "the script being drawn"),) if source else ()
    write_file(target, data, protect=protect, example_name="script.mmd", overwrite=force)


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

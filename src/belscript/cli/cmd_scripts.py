"""List the built-in scripts with their title and description.

Use a name with 'belscript call --script NAME', or copy one as a start for your own
script with 'belscript new mijn-script.yaml --from NAME'.
"""

from __future__ import annotations

import argparse


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")


def run(args: argparse.Namespace) -> int:
    import re
    import textwrap

    from belscript.script.builtin import summaries

    rows = summaries()
    if args.format == "json":
        import json

        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    if not rows:
        print("No built-in scripts are installed.")
        return 0
    width = max(len(r["name"]) for r in rows)
    for r in rows:
        mark = " (default)" if r["default"] else ""
        print(f"{r['name']:<{width}}  {r['title']}{mark}")
        if r["description"]:
            first = re.split(r"(?<=[.!?])\s", r["description"], maxsplit=1)[0]
            print(textwrap.fill(first, width=88, initial_indent=" " * (width + 2),
                                subsequent_indent=" " * (width + 2)))
    return 0

"""Print the JSON Schema of the belscript format, for editor completion and checking.

Save it next to your scripts and point your editor at it with a first line such as
'# yaml-language-server: $schema=./belscript.schema.json'. See docs/format.md.
"""

from __future__ import annotations

import argparse
import json


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-o", "--output", metavar="FILE", help="write the schema to FILE instead of standard output")
    parser.add_argument("--force", action="store_true", help="overwrite FILE if it exists")


def run(args: argparse.Namespace) -> int:
    from belscript.script.schema import script_schema

    text = json.dumps(script_schema(), ensure_ascii=False, indent=2) + "\n"
    if not args.output:
        print(text, end="")
        return 0
    from belscript.cli.outfile import write_output

    write_output(args.output, text, example_name="belscript.schema.json", overwrite=args.force)
    return 0

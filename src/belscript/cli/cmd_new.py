"""Start a new script: copy a built-in script, or a small file that extends one.

  belscript new mijn-script.yaml                      copy of the default script
  belscript new mijn-script.yaml --from servicegesprek
  belscript new mijn-script.yaml --extends eerste-gesprek

An existing file is never overwritten unless --force is given. The new file is only
readable by you. Check it afterwards with 'belscript validate PATH'.
"""

from __future__ import annotations

import argparse

from belscript.script.starter import copy_text, extends_text, script_name_for


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", metavar="PATH", help="the script file to create (.yaml)")
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--from", dest="source", metavar="NAME",
                        help="built-in script to copy (default: eerste-gesprek; see 'belscript scripts')")
    source.add_argument("--extends", metavar="NAME",
                        help="write a small script that extends NAME and overrides only what you change")
    parser.add_argument("--force", action="store_true", help="overwrite PATH if it exists")


def run(args: argparse.Namespace) -> int:
    from belscript.cli.outfile import write_output
    from belscript.script.builtin import DEFAULT_SCRIPT

    name = script_name_for(args.path)
    if args.extends:
        text, what = extends_text(args.extends, name, args.path), f"extends '{args.extends}'"
    else:
        base = args.source or DEFAULT_SCRIPT
        text, what = copy_text(base, name), f"copy of '{base}'"
    # Owner-only, and without --force never over an existing file (see belscript.cli.outfile).
    write_output(args.path, text, overwrite=args.force, example_name="mijn-script.yaml")
    print(f"Created {args.path} ({what}, name '{name}').")
    print(f"Check it with: belscript validate {args.path}")
    return 0

"""Start a new script: copy a built-in script, or a small file that extends one.

  belscript new mijn-script.yaml                      copy of the default script
  belscript new mijn-script.yaml --from servicegesprek
  belscript new mijn-script.yaml --extends eerste-gesprek

An existing file is never overwritten unless --force is given. The new file is only
readable by you. Check it afterwards with 'belscript validate PATH'.
"""

from __future__ import annotations

import argparse
import os
import re
from pathlib import Path

from belscript.errors import UsageError

_NAME_LINE = re.compile(r"^name:[^\n]*$", re.M)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", metavar="PATH", help="the script file to create (.yaml)")
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--from", dest="source", metavar="NAME",
                        help="built-in script to copy (default: eerste-gesprek; see 'belscript scripts')")
    source.add_argument("--extends", metavar="NAME",
                        help="write a small script that extends NAME and overrides only what you change")
    parser.add_argument("--force", action="store_true", help="overwrite PATH if it exists")


def script_name_for(path: str) -> str:
    """A valid script id from a file name: 'Mijn Script.yaml' -> 'mijn-script'."""
    stem = Path(path).name
    for suffix in (".yaml", ".yml"):
        if stem.lower().endswith(suffix):
            stem = stem[: -len(suffix)]
    slug = re.sub(r"[^a-z0-9_-]+", "-", stem.lower()).strip("-_")[:64]
    return slug or "mijn-script"


def _copy_text(base: str, name: str) -> str:
    from belscript.script.builtin import builtin_path

    text = builtin_path(base).read_text(encoding="utf-8")
    return _NAME_LINE.sub(f"name: {name}", text, count=1)


_EXTENDS_LINE = re.compile(r"^extends:[^\n]*$", re.M)


def _base_file(base: str) -> Path | None:
    """The script file ``base`` names (seen from here), or None for a built-in name.

    Refuses a customer file or persona with the same one-line message the loaders give.
    """
    from belscript.document_kind import wrong_kind
    from belscript.errors import InvalidDocument
    from belscript.script.builtin import builtin_names
    from belscript.script.yamlsafe import load_file

    candidate = Path(base).expanduser()
    if base in builtin_names() or not candidate.is_file():
        return None
    try:
        raw, source = load_file(candidate)
    except InvalidDocument:
        return candidate.resolve()  # 'validate' shows the problems of the base in full
    other = wrong_kind(raw, "script", base, source)
    if other is not None:
        raise UsageError(f"cannot extend {base}: {other.message}")
    return candidate.resolve()


def _seen_from(target: str, base_file: Path) -> str:
    """``base_file`` as the new script at ``target`` must name it: relative to its folder."""
    folder = Path(target).expanduser().resolve().parent
    reference = Path(os.path.relpath(base_file, folder)).as_posix()
    if "/" not in reference and not reference.endswith((".yaml", ".yml", ".json")):
        reference = f"./{reference}"  # else it would read as the name of a built-in script
    return reference


def _extends_text(base: str, name: str, target: str | None = None) -> str:
    """The text of a new script extending ``base``.

    A base *file* is named relative to the new script, because that is where the loader
    looks for it: ``belscript new sub/x.yaml --extends mijn.yaml`` writes
    ``extends: ../mijn.yaml``.
    """
    from belscript.script.extends import starter

    base_file = _base_file(base)
    text = starter(base, name)
    if base_file is not None and target is not None:
        text = _EXTENDS_LINE.sub(lambda _: f"extends: {_seen_from(target, base_file)}", text, count=1)
    return text


def run(args: argparse.Namespace) -> int:
    from belscript.cli.outfile import write_output
    from belscript.script.builtin import DEFAULT_SCRIPT

    name = script_name_for(args.path)
    if args.extends:
        text, what = _extends_text(args.extends, name, args.path), f"extends '{args.extends}'"
    else:
        base = args.source or DEFAULT_SCRIPT
        text, what = _copy_text(base, name), f"copy of '{base}'"
    # Owner-only, and without --force never over an existing file (see belscript.cli.outfile).
    write_output(args.path, text, overwrite=args.force, example_name="mijn-script.yaml")
    print(f"Created {args.path} ({what}, name '{name}').")
    print(f"Check it with: belscript validate {args.path}")
    return 0

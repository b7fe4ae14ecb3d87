"""Start a new script: copy a built-in script, or a small file that extends one.

  belscript new mijn-script.yaml                      copy of the default script
  belscript new mijn-script.yaml --from servicegesprek
  belscript new mijn-script.yaml --extends eerste-gesprek

An existing file is never overwritten unless --force is given. The new file is only
readable by you. Check it afterwards with 'belscript validate PATH'.
"""

from __future__ import annotations

import argparse
import importlib
import os
import re
from pathlib import Path

from belscript.errors import InputError, UsageError

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


def _extends_text(base: str, name: str) -> str:
    from belscript.script.builtin import builtin_names, did_you_mean

    try:
        extends = importlib.import_module("belscript.script.extends")
    except ModuleNotFoundError as exc:
        if exc.name != "belscript.script.extends":
            raise
        extends = None
    starter = getattr(extends, "starter", None)
    if callable(starter):
        return starter(base, name)
    if base not in builtin_names() and not Path(base).is_file():
        raise UsageError(f"there is no built-in script or file '{base}'{did_you_mean(base, builtin_names())}")
    return (
        f"# Based on '{base}': everything not written here is taken from there.\n"
        "# Add steps, excuses or limits below to override or extend them; see docs/format.md.\n"
        "belscript: 1\n"
        f"extends: {base}\n"
        f"name: {name}\n"
    )


def write_private(path: str, text: str, *, force: bool) -> None:
    """Create ``path`` readable by its owner only; refuse to overwrite unless ``force``."""
    flags = os.O_WRONLY | os.O_CREAT | (os.O_TRUNC if force else os.O_EXCL)
    try:
        fd = os.open(path, flags, 0o600)
    except FileExistsError:
        raise UsageError(f"{path} already exists; use --force to overwrite it") from None
    except IsADirectoryError:
        raise UsageError(f"{path} is a directory") from None
    except OSError as exc:
        raise InputError(f"cannot create {path}: {exc.strerror or exc}", path=path) from None
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        os.fchmod(handle.fileno(), 0o600)
        handle.write(text)


def run(args: argparse.Namespace) -> int:
    from belscript.script.builtin import DEFAULT_SCRIPT

    name = script_name_for(args.path)
    if args.extends:
        text, what = _extends_text(args.extends, name), f"extends '{args.extends}'"
    else:
        base = args.source or DEFAULT_SCRIPT
        text, what = _copy_text(base, name), f"copy of '{base}'"
    write_private(args.path, text, force=args.force)
    print(f"Created {args.path} ({what}, name '{name}').")
    print(f"Check it with: belscript validate {args.path}")
    return 0

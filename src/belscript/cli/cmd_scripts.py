"""List the built-in scripts with their title and description.

Use a name with 'belscript call --script NAME', or copy one as a start for your own
script with 'belscript new mijn-script.yaml --from NAME'.
"""

from __future__ import annotations

import argparse
import json

from belscript.errors import InvalidDocument


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")


def _summaries() -> list[dict]:
    """Name, title and description of each built-in script, read from the safe YAML alone:
    listing titles builds no script models (``belscript validate`` checks the scripts)."""
    from belscript.script.builtin import DEFAULT_SCRIPT, builtin_names, builtin_path
    from belscript.document.yamlsafe import load_file

    rows = []
    for name in builtin_names():
        try:
            raw, _source = load_file(builtin_path(name))
        except InvalidDocument as exc:
            raw = {"title": "(has problems; run 'belscript validate')", "description": exc.message}
        raw = raw if isinstance(raw, dict) else {}
        title = raw.get("title") if isinstance(raw.get("title"), str) else "(no title; run 'belscript validate')"
        description = raw.get("description") if isinstance(raw.get("description"), str) else ""
        rows.append({"name": name, "title": title, "description": " ".join(description.split()),
                     "default": name == DEFAULT_SCRIPT})
    return rows


def run(args: argparse.Namespace) -> int:
    import re
    import textwrap

    rows = _summaries()
    if args.format == "json":
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

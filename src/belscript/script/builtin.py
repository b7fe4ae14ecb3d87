"""The built-in scripts that ship with belscript, found by name.

They live as plain YAML files in ``belscript/data/scripts/<name>.yaml`` so authors can
read them, copy them (``belscript new``) and extend them; example conversations next
to them (``<name>.test.yaml``) are not scripts and are not listed.

``belscript scripts`` lists them often and must start fast, so this module imports
little (no pathlib, no YAML, no diagnostics until a name is unknown) and
:func:`summaries` reads only the head of each file (see :mod:`belscript.script.heads`).
"""

from __future__ import annotations

import os

from belscript.errors import TYPE_CHECKING, UsageError

if TYPE_CHECKING:  # pragma: no cover
    from pathlib import Path

#: The script used when none is named: the first call about an overdue invoice.
DEFAULT_SCRIPT = "eerste-gesprek"
#: Names are few and long ("eerste-gesprek"), so a looser match than elsewhere still helps.
SUGGEST_CUTOFF = 0.5

_FOLDER = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "data", "scripts")


def builtin_dir() -> Path:
    """Directory holding the built-in scripts."""
    from pathlib import Path

    return Path(_FOLDER).resolve()


def builtin_names() -> list[str]:
    """Names of the built-in scripts, the default one first, then alphabetically."""
    try:
        files = os.listdir(_FOLDER)
    except OSError:
        return []
    names = sorted(f[: -len(".yaml")] for f in files if f.endswith(".yaml") and not f.endswith(".test.yaml"))
    if DEFAULT_SCRIPT in names:
        names.remove(DEFAULT_SCRIPT)
        names.insert(0, DEFAULT_SCRIPT)
    return names


def builtin_path(name: str) -> Path:
    """The file of a built-in script; :class:`UsageError` (with a suggestion) if unknown."""
    names = builtin_names()
    if name not in names:
        from belscript.document.diagnostics import did_you_mean

        raise UsageError(f"there is no built-in script '{name}'{did_you_mean(name, names, cutoff=SUGGEST_CUTOFF)}",
                         hint="Built-in scripts: " + (", ".join(names) or "(none installed)"))
    return builtin_dir() / f"{name}.yaml"


def summaries() -> list[dict]:
    """Name, title and description of each built-in script, the default first.

    Read from the head of each file: listing titles builds no script models and, for
    the plain forms the built-in scripts use, parses no YAML (``belscript validate``
    checks the scripts themselves).
    """
    from belscript.script.heads import title_and_description

    rows = []
    for name in builtin_names():
        title, description = title_and_description(os.path.join(_FOLDER, f"{name}.yaml"))
        rows.append({"name": name, "title": title, "description": description, "default": name == DEFAULT_SCRIPT})
    return rows

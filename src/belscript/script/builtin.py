"""The built-in scripts that ship with belscript, found by name.

They live as plain YAML files in ``belscript/data/scripts/<name>.yaml`` so authors can
read them, copy them (``belscript new``) and extend them; example conversations next
to them (``<name>.test.yaml``) are not scripts and are not listed.
"""

from __future__ import annotations

from pathlib import Path

from belscript.document.diagnostics import did_you_mean
from belscript.errors import UsageError

#: The script used when none is named: the first call about an overdue invoice.
DEFAULT_SCRIPT = "eerste-gesprek"
#: Names are few and long ("eerste-gesprek"), so a looser match than elsewhere still helps.
SUGGEST_CUTOFF = 0.5


def builtin_dir() -> Path:
    """Directory holding the built-in scripts."""
    return Path(__file__).resolve().parent.parent / "data" / "scripts"


def builtin_names() -> list[str]:
    """Names of the built-in scripts, the default one first, then alphabetically."""
    folder = builtin_dir()
    if not folder.is_dir():
        return []
    names = sorted(p.name[: -len(".yaml")] for p in folder.glob("*.yaml") if not p.name.endswith(".test.yaml"))
    if DEFAULT_SCRIPT in names:
        names.remove(DEFAULT_SCRIPT)
        names.insert(0, DEFAULT_SCRIPT)
    return names


def builtin_path(name: str) -> Path:
    """The file of a built-in script; :class:`UsageError` (with a suggestion) if unknown."""
    names = builtin_names()
    if name not in names:
        raise UsageError(f"there is no built-in script '{name}'{did_you_mean(name, names, cutoff=SUGGEST_CUTOFF)}",
                         hint="Built-in scripts: " + (", ".join(names) or "(none installed)"))
    return builtin_dir() / f"{name}.yaml"

"""Finding and loading personas and the default customer reactions.

Built-in personas ship in ``data/personas``; users add their own as YAML files in
``<BELSCRIPT_HOME>/personas`` or pass a path. Loading uses the same safe YAML loader
and ``PATH:LINE:COL`` diagnostics as scripts, so a typo in a persona is found as
precisely as one in a script.
"""

from __future__ import annotations

import os
import random
from pathlib import Path

from pydantic import ValidationError

from belscript.errors import InvalidDocument, UsageError
from belscript.practice.persona import Persona

DATA = Path(__file__).resolve().parent.parent / "data"


def builtin_persona_dir() -> Path:
    return DATA / "personas"


def user_persona_dir() -> Path | None:
    home = os.environ.get("BELSCRIPT_HOME")
    if home:
        return Path(home) / "personas"
    try:
        from platformdirs import user_data_dir
    except ImportError:  # pragma: no cover - platformdirs is a dependency
        return None
    return Path(user_data_dir("belscript")) / "personas"


def persona_paths() -> dict[str, Path]:
    """All known personas by name; a user's persona overrides a built-in one of the same name."""
    found: dict[str, Path] = {}
    for folder in (builtin_persona_dir(), user_persona_dir()):
        if folder and folder.is_dir():
            for path in sorted(folder.glob("*.yaml")):
                found[path.stem] = path
    return found


def load_persona(path: str | os.PathLike) -> Persona:
    """Load one persona file; raise InvalidDocument with every problem."""
    from belscript.script.loader import pydantic_diagnostics
    from belscript.script.yamlsafe import load_file

    raw, source = load_file(path)
    try:
        return Persona.model_validate(raw)
    except ValidationError as exc:
        raise InvalidDocument(pydantic_diagnostics(exc, source, str(path), Persona)) from None


def resolve_persona(name: str | None, rng: random.Random) -> Persona:
    """A persona by name or path; ``None`` or ``"random"`` picks one with ``rng``."""
    known = persona_paths()
    if name in (None, "", "random"):
        return load_persona(known[rng.choice(sorted(known))])
    if name in known:
        return load_persona(known[name])
    if name.endswith((".yaml", ".yml")) or os.sep in name:
        return load_persona(name)
    from belscript.script.loader import did_you_mean

    raise UsageError(f"unknown persona '{name}'{did_you_mean(name, sorted(known))}",
                     hint="Known personas: " + ", ".join(sorted(known)))


def load_reactions() -> dict[str, list[str]]:
    """The default customer lines, by reaction key."""
    from belscript.script.yamlsafe import load_file

    raw, _source = load_file(DATA / "practice" / "reactions.yaml")
    return {str(k): [str(x) for x in v] for k, v in raw.items()}

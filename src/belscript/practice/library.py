"""Finding and loading personas and the default customer reactions.

Built-in personas ship in ``data/personas``; users add their own as YAML files in
``<BELSCRIPT_HOME>/personas`` or pass a path. Loading uses the same safe YAML loader
and ``PATH:LINE:COL`` diagnostics as scripts, so a typo in a persona is found as
precisely as one in a script.
"""

from __future__ import annotations

import os
import random
from functools import lru_cache
from pathlib import Path

from pydantic import ValidationError

from belscript.diagnostics import Diagnostic, did_you_mean
from belscript.errors import BelscriptError, InvalidDocument, UsageError
from belscript.practice.persona import REACTION_KEYS, Persona

DATA = Path(__file__).resolve().parent.parent / "data"


def builtin_persona_dir() -> Path:
    return DATA / "personas"


def user_persona_dir() -> Path:
    """``<BELSCRIPT_HOME>/personas``: where a user's own personas live."""
    from belscript.journal.paths import home_dir

    return home_dir() / "personas"


def persona_paths() -> dict[str, Path]:
    """All known personas by name; a user's persona overrides a built-in one of the same name."""
    found: dict[str, Path] = {}
    for folder in (builtin_persona_dir(), user_persona_dir()):
        if folder.is_dir():
            for path in sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")]):
                if path.is_file():
                    found[path.stem] = path
    return found


def load_persona(path: str | os.PathLike) -> Persona:
    """Load one persona file; raise InvalidDocument with every problem (PATH:LINE:COL)."""
    from belscript.script.yamlsafe import load_file

    raw, source = load_file(path)
    persona, problems = check_persona(raw, source, str(path))
    if persona is None:
        raise InvalidDocument(problems)
    return persona


def check_persona(raw: object, source, where: str) -> tuple[Persona | None, list[Diagnostic]]:
    """Validate parsed YAML as a persona: ``(persona or None, every diagnostic)``.

    Shared by practice (which refuses a broken persona) and ``belscript validate``.
    """
    from belscript.document_kind import shape_problem
    from belscript.script.loader import pydantic_diagnostics

    problem = shape_problem(raw, "persona", where, source)
    if problem is not None:
        return None, [problem]
    problems: list[Diagnostic] = []
    lines = raw.get("lines")
    if isinstance(lines, dict):
        for key in lines:
            key = str(key)
            if key.startswith("excuse:") or key in REACTION_KEYS:
                continue
            line, col = source.key_pos(("lines", key))
            problems.append(Diagnostic(
                where, line, col, "error",
                f"unknown reaction '{key}' in lines{did_you_mean(key, list(REACTION_KEYS))}"
                f" (use one of: {', '.join(REACTION_KEYS)}, or excuse:<id>)", "unknown-key"))
    try:
        persona = Persona.model_validate(raw)
    except ValidationError as exc:
        found = pydantic_diagnostics(exc, source, where, Persona)
        # the position-precise check above replaces the model's own message about lines
        problems += [d for d in found if not (problems and "unknown reaction" in d.message)]
        return None, problems
    if problems:
        return None, problems
    return persona, []


def resolve_persona(name: str | None, rng: random.Random) -> Persona:
    """A persona by name or path; ``None`` or ``"random"`` picks one with ``rng``."""
    known = persona_paths()
    if name in (None, "", "random"):
        return load_persona(known[rng.choice(sorted(known))])
    assert name is not None
    if name in known:
        return load_persona(known[name])
    if name.endswith((".yaml", ".yml")) or os.sep in name or "/" in name:
        return load_persona(name)
    raise UsageError(f"onbekende persona '{name}'{did_you_mean(name, sorted(known))}",
                     hint="Bekende persona's: " + ", ".join(sorted(known)))


def all_personas() -> list[Persona]:
    """Every persona that loads, by name (a broken user file is skipped, not fatal here)."""
    out = []
    for path in persona_paths().values():
        try:
            out.append(load_persona(path))
        except (BelscriptError, OSError):  # broken, unreadable or not a file
            continue
    return out


@lru_cache(maxsize=1)
def _reactions() -> dict[str, tuple[str, ...]]:
    from belscript.script.yamlsafe import load_file

    raw, _source = load_file(DATA / "practice" / "reactions.yaml")
    return {str(k): tuple(str(x) for x in v) for k, v in raw.items()}


def load_reactions() -> dict[str, list[str]]:
    """The default customer lines, by reaction key."""
    return {k: list(v) for k, v in _reactions().items()}

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

from belscript.document.diagnostics import Diagnostic, did_you_mean
from belscript.errors import BelscriptError, UsageError
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
    from belscript.document.yamlsafe import load_checked

    return load_checked(path, check_persona)


def check_persona(raw: object, source, where: str) -> tuple[Persona | None, list[Diagnostic]]:
    """Validate parsed YAML as a persona: ``(persona or None, every diagnostic)``.

    Shared by practice (which refuses a broken persona) and ``belscript validate``.
    """
    from belscript.document.kind import shape_problem
    from belscript.document.pydantic_errors import pydantic_diagnostics

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


def unknown_excuses(persona: Persona, script) -> list[tuple[int, str, str | None]]:
    """The persona's excuse ids that ``script`` has no handler for, as (index, id, closest id).

    A misspelt id (``opgezeg``) would otherwise never be raised in practice, silently.
    """
    import difflib

    known = list(script.excuses)
    out = []
    for i, excuse in enumerate(persona.excuses):
        if excuse not in script.excuses:
            close = difflib.get_close_matches(excuse, known, n=1, cutoff=0.6)
            out.append((i, excuse, close[0] if close else None))
    return out


def excuse_diagnostics(persona: Persona, script, source, where: str) -> list[Diagnostic]:
    """``belscript validate``: each excuse id the script does not know, at its position."""
    problems = []
    for i, excuse, close in unknown_excuses(persona, script):
        line, col = source.value_pos(("excuses", i)) if ("excuses", i) in source else source.key_pos(("excuses",))
        hint = f"; did you mean '{close}'?" if close else f"; known excuses: {', '.join(script.excuses)}"
        problems.append(Diagnostic(where, line, col, "error",
                                   f"excuse '{excuse}' is not in the library of script '{script.name}'{hint}",
                                   "unknown-excuse"))
    return problems


def refuse_unknown_excuses(persona: Persona, script) -> None:
    """``belscript practice``: refuse a persona whose excuses the script cannot handle."""
    wrong = unknown_excuses(persona, script)
    if not wrong:
        return
    parts = [f"‘{excuse}’" + (f" (bedoelt u ‘{close}’?)" if close else "") for _i, excuse, close in wrong]
    which = "het excuus" if len(wrong) == 1 else "de excuses"
    raise UsageError(
        f"persona '{persona.name}' noemt {which} {', '.join(parts)}, dat niet in het script "
        f"'{script.name}' staat; die klant zou het nooit te berde brengen",
        hint="Excuses in dit script: " + ", ".join(script.excuses) + ". Verbeter 'excuses:' in de persona, "
             "of kies een ander script met --script.")


def persona_script(persona: Persona, persona_path: str | os.PathLike | None) -> str | None:
    """The script a persona names, as a built-in name or a path (relative to the persona file)."""
    named = persona.for_script
    if not named:
        return None
    looks_like_path = named.endswith((".yaml", ".yml", ".json")) or "/" in named or os.sep in named
    if looks_like_path and persona_path is not None and not os.path.isabs(named):
        return str(Path(persona_path).resolve().parent / named)
    return named


def resolve_persona(name: str | None, rng: random.Random, fits=None) -> Persona:
    """A persona by name or path; ``None`` or ``"random"`` picks one with ``rng`` (among
    those for which ``fits(persona)`` holds, when given)."""
    known = persona_paths()
    if name in (None, "", "random"):
        if fits is not None:
            fitting = []
            for stem in sorted(known):
                try:
                    persona = load_persona(known[stem])
                except (BelscriptError, OSError):
                    continue
                if fits(persona):
                    fitting.append(persona)
            if fitting:
                return rng.choice(fitting)
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
    from belscript.document.yamlsafe import load_file

    raw, _source = load_file(DATA / "practice" / "reactions.yaml")
    return {str(k): tuple(str(x) for x in v) for k, v in raw.items()}


def load_reactions() -> dict[str, list[str]]:
    """The default customer lines, by reaction key."""
    return {k: list(v) for k, v in _reactions().items()}

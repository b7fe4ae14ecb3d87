"""Load a belscript: safe YAML, pydantic validation, reference checks, all with positions.

``load_script(path)`` is what the engine, the live screen and the authoring tools use.
It either returns a :class:`LoadedScript` (the validated :class:`Script` plus the
:class:`SourceMap` that says where everything is in the file) or raises
:class:`InvalidDocument` holding *every* problem found, each pointing at the
offending key or value, so an author can fix them all in one go.
"""

from __future__ import annotations

import os
from pathlib import Path

from belscript.document.diagnostics import Diagnostic, did_you_mean
from belscript.document.kind import shape_problem
from belscript.errors import InvalidDocument, UsageError
from belscript.script import builtin
from belscript.document.source import SourceMap
from belscript.script.validation import LoadedScript, validate
from belscript.document.textfile import read_text
from belscript.document.yamlsafe import load_checked, parse


def load_script(path: str | os.PathLike, *, known_rules: set[str] | frozenset[str] | None = None) -> LoadedScript:
    """Load and check one script file.

    Raises :class:`InputError` when the file cannot be read and
    :class:`InvalidDocument` with all diagnostics when it has problems.
    ``known_rules``, when given, also checks the ids of phrasing overrides.
    """
    return load_checked(path, lambda raw, source, where: check_script(raw, source, where, known_rules=known_rules))


def load_builtin(name: str) -> LoadedScript:
    """Load a built-in script by name (``eerste-gesprek``, ``servicegesprek``, …)."""
    return load_script(builtin.builtin_path(name))


def builtin_names() -> list[str]:
    """Names of the built-in scripts, the default one first."""
    return builtin.builtin_names()


def resolve_script(name_or_path: str | os.PathLike | None) -> LoadedScript:
    """A file path, or the name of a built-in script; ``None`` gives the default script."""
    if name_or_path is None:
        return load_builtin(builtin.DEFAULT_SCRIPT)
    text = str(name_or_path)
    looks_like_path = (
        isinstance(name_or_path, Path) or os.sep in text or "/" in text
        or text.endswith((".yaml", ".yml", ".json")) or os.path.exists(text)
    )
    if looks_like_path:
        return load_script(text)
    if text in builtin.builtin_names():
        return load_builtin(text)
    raise UsageError(f"'{text}' is neither a file nor a built-in script{did_you_mean(text, builtin.builtin_names(), cutoff=builtin.SUGGEST_CUTOFF)}",
                     hint="Built-in scripts: " + ", ".join(builtin.builtin_names()))


def parse_script_text(text: str, name: str = "<string>", *,
                      known_rules: set[str] | frozenset[str] | None = None) -> tuple[LoadedScript | None, list[Diagnostic]]:
    """Check a script given as text (tests, editors); never raises for bad input."""
    raw, source, problems = parse(text, name)
    if problems:
        return None, problems
    return check_script(raw, source, name, known_rules=known_rules)


def check_script(raw: object, source: SourceMap, path: str, *,
                 known_rules: set[str] | frozenset[str] | None = None,
                 partial: bool = False) -> tuple[LoadedScript | None, list[Diagnostic]]:
    """Validate parsed YAML as a script; return ``(loaded or None, diagnostics)``.

    ``loaded`` is None when there is at least one error. Schema problems and reference
    problems are both collected, so one run shows everything. With ``partial`` the
    script is returned whenever its structure is valid, even with reference errors,
    so ``validate`` can still run the phrasing and graph checks and report those too.
    """
    problem = shape_problem(raw, "script", path, source)
    if problem is not None:
        return None, [problem]
    problems: list[Diagnostic] = []
    if "extends" in raw:
        raw, source, extra = _apply_extends(raw, source, path)
        problems.extend(extra)
        if extra and any(d.level == "error" for d in extra):
            return None, problems
    return validate(raw, source, path, known_rules=known_rules, partial=partial, problems=problems)


def _apply_extends(raw: dict, source: SourceMap, path: str) -> tuple[dict, SourceMap, list[Diagnostic]]:
    """Merge the base script in; its problems become diagnostics of this file."""
    from belscript.script import extends  # only scripts that extend another need it

    try:
        new_raw, new_source = extends.apply(raw, source, path)
    except InvalidDocument as exc:
        return raw, source, list(exc.diagnostics)
    return new_raw, new_source, []


# re-exported for callers that only need one import
__all__ = ["LoadedScript", "load_script", "load_builtin", "builtin_names", "resolve_script", "parse_script_text",
           "check_script", "did_you_mean", "read_text"]

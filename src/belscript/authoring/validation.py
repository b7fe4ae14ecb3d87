"""Every diagnostic for one file, as ``belscript validate`` reports them.

A script gets the format and reference checks, the phrasing check of its own lines
(warnings; errors under ``strict``) and the soundness checks of its call graph; a
customer file or a persona gets its own precise diagnostics. When the format check of
a script fails, the flow is still checked wherever it can be built (see
:func:`salvaged_flow_problems`). Lives with the authoring tools because it reaches the
persona checks of ``practice``; the command in ``cli/cmd_validate.py`` only prints.
"""

from __future__ import annotations

from belscript import collector
from belscript.document.diagnostics import Diagnostic
from belscript.phrasing.levels import counts_as_warning

__all__ = ["check_path", "with_level"]


def check_path(path: str, kind: str = "auto", *, strict: bool = False, script: str | None = None) -> list[Diagnostic]:
    """Every diagnostic for one file (raises :class:`InputError` if it cannot be read)."""
    # Loading builds many small objects without reference cycles; with the cycle
    # collector paused, checking stays linear in the size of the script.
    with collector.paused():
        return _check_path(path, kind, strict=strict, script=script)


def _check_path(path: str, kind: str, *, strict: bool, script: str | None = None) -> list[Diagnostic]:
    from belscript.document.kind import guess_kind
    from belscript.phrasing import known_rule_ids, lint_script
    from belscript.script.loader import check_script
    from belscript.script.verify import verify
    from belscript.document.textfile import read_text
    from belscript.document.yamlsafe import parse

    text, problems = read_text(path)
    if text is None:
        return problems
    raw, source, problems = parse(text, path)
    if problems:
        return problems
    if kind == "auto":
        kind = guess_kind(raw) if guess_kind(raw) in ("dossier", "persona") else "script"
    if kind == "persona":
        return _check_persona(raw, source, path, script)
    if kind == "dossier":
        # Imported only here: checking a script never builds the customer-file models.
        from belscript.dossier.loader import check_dossier

        return check_dossier(raw, source, path)[1]
    loaded, problems = check_script(raw, source, path, known_rules=known_rule_ids(), partial=True)
    if loaded is None:
        if not any(d.code.startswith(("extends", "invalid-extends", "invalid-remove")) for d in problems):
            problems.extend(salvaged_flow_problems(raw, source, path))
        return problems
    # Wording is advice to authors: warnings in validate, errors only under --strict
    # (suggestions stay suggestions). `belscript lint` keeps each rule's own level.
    for d in lint_script(loaded):
        if counts_as_warning(d.level):
            d = with_level(d, "error" if strict else "warning")
        problems.append(d)
    problems.extend(verify(loaded))
    return problems


def _check_persona(raw: object, source, path: str, script: str | None) -> list[Diagnostic]:
    """A persona's own diagnostics, then its excuse ids against the script it is practised
    with (``--script``, or the one it names with ``for_script:``)."""
    from belscript.errors import BelscriptError
    from belscript.practice.library import check_persona, excuse_diagnostics, persona_script
    from belscript.script.loader import resolve_script

    persona, problems = check_persona(raw, source, path)
    target = script or (persona_script(persona, path) if persona is not None else None)
    if persona is None or target is None:
        return problems
    try:
        loaded = resolve_script(target)
    except BelscriptError as exc:
        line, col = source.value_pos(("for_script",)) if not script and ("for_script",) in source else (1, 1)
        return [Diagnostic(path, line, col, "error", f"cannot check the excuses against script '{target}': "
                           f"{exc.message}", "persona-script")]
    return excuse_diagnostics(persona, loaded.script, source, path)


#: Fields whose value shapes the call flow: a broken one means the flow cannot be built.
_FLOW_FIELDS = frozenset({"steps", "excuses", "options", "go", "excuse", "when", "end", "role", "start"})
#: Required text fields that may stand in with a placeholder for the flow check.
_PLACEHOLDERS = {"label": "…", "title": "…", "say": "…", "name": "salvaged", "examples": ["…"]}


def salvaged_flow_problems(raw: object, source, path: str) -> list[Diagnostic]:
    """Verification diagnostics of a script whose format check failed, when its flow is intact.

    The format problems themselves are already reported; here each one that does not
    touch the flow is set aside (unknown keys dropped, missing texts filled in, bad
    values of optional settings left at their default) and the flow is checked.
    """
    import copy

    from pydantic import ValidationError

    from belscript.script.models import Script
    from belscript.script.verify import verify_script

    if not isinstance(raw, dict):
        return []
    if "extends" in raw:
        from belscript.errors import InvalidDocument
        from belscript.script import extends

        try:
            raw, source = extends.apply(raw, source, path)
        except InvalidDocument:
            return []
    doc = copy.deepcopy(raw)
    if isinstance(doc.get("belscript"), str) and doc["belscript"].strip().isdigit():
        doc["belscript"] = int(doc["belscript"])
    for _ in range(3):
        try:
            script = Script.model_validate(doc)
        except ValidationError as exc:
            if not all(_set_aside(doc, err) for err in exc.errors(include_url=False)):
                return []
            continue
        return verify_script(script, source, path)
    return []


def _set_aside(doc: dict, err: dict) -> bool:
    """Repair one format problem that does not touch the flow; False when it does."""
    loc = tuple(p for p in err["loc"] if p != "[key]")
    if not loc or any(p in _FLOW_FIELDS for p in loc[-1:]) or err["type"] == "value_error" and len(loc) < 2:
        return False
    parent = doc
    for part in loc[:-1]:
        try:
            parent = parent[part]
        except (KeyError, IndexError, TypeError):
            return False
    last = loc[-1]
    if not isinstance(parent, dict) or isinstance(last, int):
        return False
    if err["type"] == "missing":
        if last not in _PLACEHOLDERS:
            return False
        parent[last] = _PLACEHOLDERS[last]
    elif last in _PLACEHOLDERS:
        parent[last] = _PLACEHOLDERS[last]
    else:
        parent.pop(last, None)
    return True


def with_level(d: Diagnostic, level: str) -> Diagnostic:
    return Diagnostic(d.path, d.line, d.column, level, d.message, d.code, d.end_column, dict(d.extra))

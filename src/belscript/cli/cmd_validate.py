"""Check belscripts and customer files, reporting every problem with its line and column.

Each problem is printed as PATH:LINE:COL: level: message [code]. Scripts get the
format and reference checks, the phrasing check of their own lines (warnings; errors
with --strict) and the soundness checks of the call graph. Customer files (YAML or
JSON, recognised by their 'customer'/'invoices' keys or chosen with --kind dossier)
and practice personas (recognised by 'persona:' or chosen with --kind persona) get
the same precise diagnostics; a persona's excuse ids are checked against the script given
with --script, or the one the persona names with 'for_script:'.

When the format check fails, the call flow is still checked wherever it can be built:
parts that do not affect the flow (an unknown key, a missing label, a limit that is not
a number) are set aside, so flow problems appear together with the format problems.

Exit status: 0 no errors (warnings alone still exit 0), 1 at least one error, 2 a
file could not be read or wrong usage. With --strict every warning is reported, counted
and exited on as an error, in the text, the summary and the JSON alike.
"""

from __future__ import annotations

import argparse
import gc
import sys

from belscript.diagnostics import Diagnostic, render
from belscript.errors import InputError
from belscript.phrasing.levels import counts_as_warning


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help="script or customer file (.yaml, .yml, .json)")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    parser.add_argument("--strict", action="store_true", help="treat warnings (such as phrasing) as errors")
    parser.add_argument("--kind", choices=("auto", "script", "dossier", "persona"), default="auto",
                        help="what the files are (default: recognise by their keys)")
    parser.add_argument("--script", metavar="NAME|PATH",
                        help="personas: check their excuse ids against this script (default: the script "
                             "a persona names with 'for_script:', if any)")
    parser.add_argument("--dossier", dest="kind", action="store_const", const="dossier",
                        help="the files are customer files (same as --kind dossier)")


def check_path(path: str, kind: str = "auto", *, strict: bool = False, script: str | None = None) -> list[Diagnostic]:
    """Every diagnostic for one file (raises :class:`InputError` if it cannot be read)."""
    # Loading builds many small objects without reference cycles; with the cycle
    # collector paused, checking stays linear in the size of the script.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _check_path(path, kind, strict=strict, script=script)
    finally:
        if collecting:
            gc.enable()


def _check_path(path: str, kind: str, *, strict: bool, script: str | None = None) -> list[Diagnostic]:
    from belscript.document_kind import guess_kind
    from belscript.phrasing import known_rule_ids, lint_script
    from belscript.script.loader import check_script
    from belscript.script.verify import verify
    from belscript.script.yamlsafe import parse, read_text

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
        from belscript.dossier_loader import check_dossier

        return check_dossier(raw, source, path)[1]
    loaded, problems = check_script(raw, source, path, known_rules=known_rule_ids(), partial=True)
    if loaded is None:
        if not any(d.code.startswith(("extends", "invalid-extends", "invalid-remove")) for d in problems):
            problems.extend(_salvaged_flow_problems(raw, source, path))
        return problems
    # Wording is advice to authors: warnings in validate, errors only under --strict
    # (suggestions stay suggestions). `belscript lint` keeps each rule's own level.
    for d in lint_script(loaded):
        if counts_as_warning(d.level):
            d = _with_level(d, "error" if strict else "warning")
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


def _salvaged_flow_problems(raw: object, source, path: str) -> list[Diagnostic]:
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


def _with_level(d: Diagnostic, level: str) -> Diagnostic:
    return Diagnostic(d.path, d.line, d.column, level, d.message, d.code, d.end_column, dict(d.extra))


def run(args: argparse.Namespace) -> int:
    found: list[Diagnostic] = []
    unreadable = 0
    for path in args.paths:
        if args.kind == "auto" and path.endswith((".test.yaml", ".test.yml")):
            # example conversations next to a script, not a script: 'belscript test' checks them
            print(f"belscript: skipping {path} (example conversations; run 'belscript test')", file=sys.stderr)
            continue
        try:
            found.extend(check_path(path, args.kind, strict=args.strict, script=args.script))
        except InputError as exc:
            unreadable += 1
            print(f"belscript: {exc.message}", file=sys.stderr)
    if args.strict:
        # one rule everywhere: under --strict a warning is an error in the text, the JSON and the count
        found = [_with_level(d, "error") if d.level == "warning" else d for d in found]
    if args.format == "json":
        print(render(found, "json"))
    elif found:
        print(render(found, "text"))
    errors = sum(d.level == "error" for d in found)
    warnings = sum(d.level == "warning" for d in found)
    if args.format == "text":
        files = len(args.paths)
        summary = f"{files} file{'s' if files != 1 else ''} checked: {errors} error{'s' if errors != 1 else ''}"
        summary += f", {warnings} warning{'s' if warnings != 1 else ''}"
        if unreadable:
            summary += f", {unreadable} could not be read"
        sys.stdout.flush()
        print(summary, file=sys.stderr)
    if unreadable:
        return 2
    if errors:
        return 1
    return 0

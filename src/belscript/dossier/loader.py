"""Load a customer file (*dossier*) from YAML or JSON with precise diagnostics.

Same safety and the same ``PATH:LINE:COL`` diagnostics as scripts: a customer file is
typed by hand before a call, and a wrong date or a misspelt key must be found before
the phone rings, not during the call. JSON is read through the same YAML parser (JSON
is valid YAML for everything a customer file needs), so positions work there too.
Keys may be written in Dutch (``klant``, ``facturen``, ``vervaldatum``…):
:mod:`belscript.dossier.keys` renames them before validation.
"""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import ValidationError

from belscript.document.diagnostics import Diagnostic
from belscript.dossier.model import Dossier
from belscript.errors import InvalidDocument
from belscript.document.source import SourceMap

def demo_dossier_path() -> Path:
    """The realistic demo customer file that ships with belscript."""
    return Path(__file__).resolve().parent.parent / "data" / "dossiers" / "demo.yaml"


def load_dossier(path: str | os.PathLike) -> Dossier:
    """Load and validate a customer file.

    Raises :class:`InputError` when the file cannot be read and
    :class:`InvalidDocument` with every problem when it is not a valid customer file.
    """
    from belscript.document.yamlsafe import load_file

    raw, source = load_file(path)
    dossier, problems = check_dossier(raw, source, str(path))
    if dossier is None:
        raise InvalidDocument(problems)
    return dossier


def check_dossier(raw: object, source: SourceMap, path: str) -> tuple[Dossier | None, list[Diagnostic]]:
    """Validate parsed data as a customer file; ``(dossier or None, diagnostics)``."""
    from belscript.document.kind import shape_problem
    from belscript.document.pydantic_errors import pydantic_diagnostics

    problem = shape_problem(raw, "dossier", path, source)
    if problem is not None:
        return None, [problem]
    from belscript.dossier.keys import translate

    raw, source, renaming = translate(raw, source, path)
    try:
        dossier = Dossier.model_validate(raw)
    except ValidationError as exc:
        problems = pydantic_diagnostics(exc, source, path, Dossier)
        return None, sorted(renaming + problems, key=lambda d: (d.line, d.column)) if renaming else problems
    return (None, renaming) if renaming else (dossier, [])

"""A script's values checked as a script, once any ``extends:`` has been merged in.

The one step both the loader and ``extends`` (which checks each base on its own) need,
in a module of its own so neither has to import the other lazily.
"""

from __future__ import annotations

from pydantic import ValidationError

from belscript import collector
from belscript.document.diagnostics import Diagnostic
from belscript.document.kind import shape_problem
from belscript.document.record import Record, set_field
from belscript.script.models import Script
from belscript.script.references import check_references
from belscript.document.source import SourceMap

__all__ = ["LoadedScript", "validate"]


class LoadedScript(Record):
    """A validated script together with where each of its parts sits in the file(s)."""

    __slots__ = ("script", "path", "source")
    script: Script
    path: str
    source: SourceMap

    def __init__(self, script: Script, path: str, source: SourceMap) -> None:
        set_field(self, "script", script)
        set_field(self, "path", path)
        set_field(self, "source", source)

    @property
    def text(self) -> str:
        """The text of the script's own file as it was loaded (kept in the call log)."""
        return self.source.doc.text


def validate(raw: object, source: SourceMap, path: str, *,
             known_rules: set[str] | frozenset[str] | None = None, partial: bool = False,
             problems: list[Diagnostic] | None = None) -> tuple[LoadedScript | None, list[Diagnostic]]:
    """Check merged values as a script: pydantic models and references, all problems at once.

    ``problems`` found earlier (for instance while merging a base) are kept in front.
    ``loaded`` is None when there is an error, unless ``partial`` and the models hold.
    """
    problems = list(problems or [])
    problem = shape_problem(raw, "script", path, source)
    if problem is not None:
        return None, [*problems, problem]
    if isinstance(raw.get("belscript"), str) and raw["belscript"].strip().isdigit():
        raw = dict(raw)
        raw["belscript"] = int(raw["belscript"])
    script: Script | None = None
    with collector.paused():  # model objects hold no cycles; see belscript.collector
        try:
            script = Script.model_validate(raw)
        except ValidationError as exc:
            from belscript.document.pydantic_errors import pydantic_diagnostics  # only for an invalid script

            problems.extend(pydantic_diagnostics(exc, source, path, Script))
        problems.extend(check_references(raw, source, path, known_rules=known_rules))
    if script is None or (not partial and any(d.level == "error" for d in problems)):
        return None, problems
    return LoadedScript(script=script, path=path, source=source), problems

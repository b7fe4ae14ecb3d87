"""The optional mapping file ("koppelbestand") for headers belscript does not know.

A small YAML file, read with the project's safe loader::

    kolommen:
      Ons kenmerk: factuurnummer
      Te voldoen: openstaand
      Interne code: negeren
    decimaalteken: komma      # or: punt — answers the "1.000: duizend of één?" question

Every problem is reported at once, with the file name.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from belscript.imports.headers import FIELDS, IGNORE, normalise
from belscript.imports.problems import ImportRefused, Problem
from belscript.imports.values import COMMA, POINT


@dataclass(frozen=True, slots=True)
class Mapping:
    """Extra header names (normalised → field) and the decimal sign, if the user said it."""

    columns: dict[str, str] = field(default_factory=dict)
    decimal: str | None = None


def load_mapping(path: str | os.PathLike) -> Mapping:
    from belscript.errors import InvalidDocument
    from belscript.document import yamlsafe

    name = str(path)
    try:
        value, _source = yamlsafe.load_file(path)
    except InvalidDocument as exc:
        raise ImportRefused([Problem(name, d.line, str(d.column), d.message) for d in exc.diagnostics]) from None
    except Exception as exc:  # the loader's own InputError for a missing file
        if hasattr(exc, "exit_code"):
            raise ImportRefused([Problem(name, None, None, str(exc))]) from None
        raise
    return parse_mapping(value, name)


def parse_mapping(value: object, name: str = "<koppelbestand>") -> Mapping:
    problems: list[Problem] = []
    if not isinstance(value, dict):
        raise ImportRefused([Problem(name, None, None, "een koppelbestand is een lijst 'sleutel: waarde'")])
    columns: dict[str, str] = {}
    decimal = None
    for key, item in value.items():
        if key == "kolommen":
            if not isinstance(item, dict):
                problems.append(Problem(name, None, "kolommen", "zet onder 'kolommen:' regels als 'Kolomkop: veld'"))
                continue
            for header, target in item.items():
                target_name = str(target).strip().lower() if isinstance(target, str) else None
                if target_name not in (*FIELDS, IGNORE):
                    problems.append(Problem(name, None, f"kolommen.{header}",
                                            f"'{target}' is geen veld; kies uit {', '.join(FIELDS)} of {IGNORE}"))
                    continue
                columns[normalise(header)] = target_name
        elif key == "decimaalteken":
            choice = str(item).strip().lower() if isinstance(item, str) else ""
            if choice in (",", COMMA):
                decimal = COMMA
            elif choice in (".", POINT):
                decimal = POINT
            else:
                problems.append(Problem(name, None, "decimaalteken", "schrijf 'komma' of 'punt'"))
        else:
            problems.append(Problem(name, None, str(key), "onbekende sleutel; gebruik 'kolommen' of 'decimaalteken'"))
    if problems:
        raise ImportRefused(problems)
    return Mapping(columns, decimal)

"""The JSON Schema of the belscript format, generated from the pydantic models.

Editors with a YAML language server (VS Code, Neovim, JetBrains) complete and check
keys while an author types when a script starts with::

    # yaml-language-server: $schema=./belscript.schema.json

and ``belscript schema -o belscript.schema.json`` wrote that file. The schema starts
from the same models the loader validates with and then says in JSON Schema what the
loader accepts beyond pydantic's own description, so the editor and ``validate`` give
the same structural verdict (a test runs both over a corpus of files):

- a file with ``extends:`` only holds differences: nothing is required in it except
  what a replaced list needs (each option stays complete) and a phrasing override's
  level. A *new* step or excuse in such a file still needs its required keys, which
  only ``validate`` can tell, because only it knows which ids the base has;
- whole numbers and true/false may be written as text the loader reads the same way
  (``max_instalments: "4"``, ``end: yes``), within the same limits;
- an option has exactly one of ``go`` and ``excuse``;
- ``when:`` and ``do:`` list the fixed vocabularies of conditions and actions;
- ids of steps, excuses and phrasing rules follow the id pattern;
- ``min_first_instalment`` is an amount or a percentage up to 100 %.

``validate`` additionally checks references between steps, excuses and ``{fields}``,
which a schema cannot express.
"""

from __future__ import annotations

import copy

from belscript.script.models import FORMAT_VERSION, Script
from belscript.script.vocabulary import ACTIONS, CONDITIONS

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_ID = f"urn:belscript:format:{FORMAT_VERSION}"

ID_PATTERN = "^[a-z0-9][a-z0-9_-]*$"
#: The texts pydantic reads as true or false, in any upper/lower case.
_BOOL_WORDS = ("0", "1", "f", "t", "n", "y", "no", "on", "off", "yes", "true", "false")
#: Amounts as ``belscript.money.parse_amount`` reads them: 250, 1.250,50, € 1 250, 12.5.
_AMOUNT = r"^\s*(€\s*)?[+]?(\d{1,3}([. ]\d{3})+|\d+)([.,]\d{1,2})?\s*$"
#: A share of more than 0 and at most 100 percent.
_PERCENT = r"^\s*(0*100([.,]0*)?|0*[1-9]\d?([.,]\d*)?|0*[.,]0*[1-9]\d*)\s*%$"


def _any_case(word: str) -> str:
    return "".join(f"[{c.lower()}{c.upper()}]" if c.isalpha() else c for c in word)


def _int_text(low: int, high: int) -> str:
    """A pattern for the texts of whole numbers from ``low`` to ``high`` ("4", " 04 ", "+4", "4.0")."""
    numbers = "|".join(str(n) for n in range(high, low - 1, -1))
    zero = "|-0+" if low <= 0 else ""
    return rf"^\s*(\+?0*({numbers}){zero})(\.0*)?\s*$"


def _lenient(node: object) -> None:
    """Let integers and booleans also be written as the texts the loader accepts."""
    if isinstance(node, list):
        for item in node:
            _lenient(item)
        return
    if not isinstance(node, dict):
        return
    for value in list(node.values()):
        _lenient(value)
    if node.get("type") == "integer" and "minimum" in node and "maximum" in node:
        strict = {k: node.pop(k) for k in ("type", "minimum", "maximum")}
        node["anyOf"] = [strict, {"type": "string", "pattern": _int_text(strict["minimum"], strict["maximum"])}]
    elif node.get("type") == "boolean":
        node.pop("type")
        words = "|".join(_any_case(w) for w in _BOOL_WORDS)
        node["anyOf"] = [{"type": "boolean"}, {"enum": [0, 1]}, {"type": "string", "pattern": f"^({words})$"}]


def _ids(mapping: dict) -> None:
    """A mapping keyed by ids: every key must be an id (not only the ones that match)."""
    (value,) = mapping.pop("patternProperties").values()
    mapping["additionalProperties"] = value
    mapping["propertyNames"] = {"pattern": ID_PATTERN, "maxLength": 64}


def _vocabulary(defs: dict) -> None:
    option = defs["Option"]
    option["properties"]["when"]["anyOf"][0] = {"enum": sorted(CONDITIONS)}
    option["oneOf"] = [
        {"required": ["go"], "properties": {"go": {"type": "string"}}},
        {"required": ["excuse"], "properties": {"excuse": {"type": "string"}}},
    ]
    for name in ("Option", "Step", "Excuse"):
        defs[name]["properties"]["do"]["items"] = {"enum": sorted(ACTIONS)}


def _partial(defs: dict) -> None:
    """``Partial*`` copies for files with ``extends:``: keys are merged, so none is required."""
    for name in ("Step", "Excuse"):
        part = copy.deepcopy(defs[name])
        part.pop("required", None)
        part["description"] = f"With extends: only the keys that change. {part.get('description', '')}".strip()
        defs[f"Partial{name}"] = part


def script_schema() -> dict:
    """The JSON Schema (draft 2020-12) of a belscript, as a dict ready for ``json.dumps``."""
    body = Script.model_json_schema(mode="validation")
    defs = body.pop("$defs")
    body.pop("title", None)
    body.pop("description", None)
    props = body["properties"]
    props["belscript"] = {"description": props["belscript"]["description"],
                          "anyOf": [{"const": FORMAT_VERSION}, {"type": "string", "pattern": rf"^\s*0*{FORMAT_VERSION}\s*$"}]}
    for key in ("steps", "excuses", "phrasing"):
        _ids(props[key])
    defs["AgreementPolicy"]["properties"]["min_first_instalment"]["anyOf"] = [
        {"type": "string", "pattern": _AMOUNT}, {"type": "string", "pattern": _PERCENT},
        {"type": "number", "exclusiveMinimum": -1}, {"type": "null"}]
    _vocabulary(defs)
    _lenient(body)
    _lenient(defs)
    _partial(defs)

    child = copy.deepcopy(body)
    child.pop("required", None)
    child["required"] = ["extends"]
    child["properties"]["steps"].pop("minProperties", None)
    for key, part in (("steps", "PartialStep"), ("excuses", "PartialExcuse")):
        child["properties"][key]["additionalProperties"] = {"$ref": f"#/$defs/{part}"}
    defs["Script"] = body
    defs["ExtendingScript"] = child
    return {
        "$schema": SCHEMA_DIALECT,
        "$id": SCHEMA_ID,
        "title": f"belscript, format version {FORMAT_VERSION}",
        "description": (
            "A call script for phoning a customer about an overdue invoice: steps with what to say, "
            "numbered options, a library of excuses and the agreement policy. A script with "
            "'extends:' holds only what differs from the script it builds on."
        ),
        "type": "object",
        "if": {"required": ["extends"]},
        "then": {"$ref": "#/$defs/ExtendingScript"},
        "else": {"$ref": "#/$defs/Script"},
        "$defs": defs,
    }

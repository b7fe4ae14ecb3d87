"""The JSON Schema of the belscript format, generated from the pydantic models.

Editors with a YAML language server (VS Code, Neovim, JetBrains) complete and check
keys while an author types when a script starts with::

    # yaml-language-server: $schema=./belscript.schema.json

and ``belscript schema -o belscript.schema.json`` wrote that file. Because the schema
comes from the same models the loader validates with, the two never disagree.
"""

from __future__ import annotations

from belscript.script.models import FORMAT_VERSION, Script

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_ID = f"urn:belscript:format:{FORMAT_VERSION}"


def script_schema() -> dict:
    """The JSON Schema (draft 2020-12) of a belscript, as a dict ready for ``json.dumps``."""
    body = Script.model_json_schema(mode="validation")
    schema = {
        "$schema": SCHEMA_DIALECT,
        "$id": SCHEMA_ID,
        "title": f"belscript, format version {FORMAT_VERSION}",
        "description": (
            "A call script for phoning a customer about an overdue invoice: steps with what to say, "
            "numbered options, a library of excuses and the agreement policy."
        ),
    }
    body.pop("title", None)
    body.pop("description", None)
    schema.update(body)
    return schema

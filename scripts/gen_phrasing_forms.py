#!/usr/bin/env python3
"""Regenerate the word forms of the built-in phrasing rules from simplemma, and their precompiled form.

The built-in rules use lemmas such as ``<moeten>``; expanding them needs simplemma's
whole dictionary (over a second to load), so the result is shipped as
``src/belscript/data/phrasing/<language>.forms.json``. Run this after changing a lemma
in ``nl.yaml`` or ``en.yaml``, or after upgrading simplemma; the test suite fails
while the shipped file differs from what simplemma gives.

It also writes ``src/belscript/phrasing/precompiled_rules.py``, the built-in rules of
every language already parsed and expanded, so that checking wording reads no YAML
(``belscript lint -``, ``validate``); run it after any change to ``nl.yaml`` or ``en.yaml``
(until then the YAML is read, and a test fails).

Usage: .venv/bin/python scripts/gen_phrasing_forms.py
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from belscript.phrasing.rules import LANGUAGES  # noqa: E402
from belscript.phrasing.ruleset import write_forms_file, write_precompiled_rules  # noqa: E402


def main() -> int:
    for language in LANGUAGES:
        print(f"wrote {write_forms_file(language)}")
    print(f"wrote {write_precompiled_rules()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Golden files: every broken script in tests/golden/ produces exactly the diagnostics
(with line and column) written next to it in a .txt file."""

from __future__ import annotations

from pathlib import Path

import pytest

from belscript.authoring.validation import check_path
from belscript.document.diagnostics import render

GOLDEN = Path(__file__).resolve().parent / "golden"
CASES = sorted(p.name for p in GOLDEN.glob("*.yaml"))


@pytest.mark.parametrize("name", CASES)
def test_golden_diagnostics(name, monkeypatch):
    """Validating a golden script prints exactly the expected PATH:LINE:COL diagnostics."""
    monkeypatch.chdir(GOLDEN)
    expected = (GOLDEN / name).with_suffix(".txt").read_text(encoding="utf-8").strip()
    assert render(check_path(name), "text").strip() == expected


def test_every_golden_script_has_expectations():
    """No golden script lacks its expected output (a forgotten .txt would silently skip it)."""
    assert CASES, "no golden files found"
    missing = [n for n in CASES if not (GOLDEN / n).with_suffix(".txt").exists()]
    assert missing == []


def test_golden_expectations_are_not_empty():
    """Each golden script is broken: its expected output lists at least one error."""
    for name in CASES:
        assert ": error: " in (GOLDEN / name).with_suffix(".txt").read_text(encoding="utf-8"), name

"""One rule decides which phrasing findings count as warnings, for every part of the program."""

from __future__ import annotations

from belscript import phrasing
from belscript.phrasing.levels import LEVELS, WARNING_LEVELS, counts_as_warning
from belscript.screen.model import WARNING_LEVELS as SCREEN_LEVELS


def test_errors_and_warnings_count_suggestions_and_off_do_not():
    """A suggestion is only shown; errors and warnings are logged, scored and reported."""
    assert [level for level in LEVELS if counts_as_warning(level)] == ["error", "warning"]
    assert phrasing.WARNING_LEVELS is WARNING_LEVELS


def test_the_live_screen_and_belscript_test_record_the_same_findings():
    """A note with only a suggestion is logged neither on the call screen nor by belscript test."""
    assert SCREEN_LEVELS is WARNING_LEVELS
    findings = phrasing.check("U moet vandaag betalen.", overrides={"moeten": "suggestion"})
    assert findings and not any(counts_as_warning(f.level) for f in findings if f.rule == "moeten")

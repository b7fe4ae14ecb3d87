"""docs/advice.md only points at conditions that a built-in script really uses."""

from __future__ import annotations

import re
from pathlib import Path

from belscript.script.builtin import builtin_names
from belscript.script.loader import load_builtin
from belscript.script.vocabulary import CONDITIONS

ADVICE = Path(__file__).resolve().parent.parent / "docs" / "advice.md"


def _conditions_in_builtin_scripts() -> set[str]:
    used: set[str] = set()
    for name in builtin_names():
        script = load_builtin(name).script
        for step in script.steps.values():
            used.update(o.when for o in step.options if o.when)
        for excuse in script.excuses.values():
            used.update(o.when for o in excuse.options if o.when)
    return used


def test_every_condition_the_advice_table_cites_is_used_by_a_built_in_script():
    """A reader who looks up "conditie `x`" in the advice table finds it guarding an option in a built-in script."""
    cited = set(re.findall(r"conditie `([a-z_]+)`", ADVICE.read_text(encoding="utf-8")))
    assert cited <= set(CONDITIONS), cited - set(CONDITIONS)
    assert cited - _conditions_in_builtin_scripts() == set()


def test_the_dossier_conditions_from_the_audit_are_now_followed_by_the_scripts():
    """Due date, complaints, reminders and the earlier agreement each steer a built-in conversation."""
    wanted = {"is_before_due_date", "is_overdue", "has_complaints", "has_reminders",
              "has_earlier_agreement", "earlier_agreement_broken"}
    assert wanted <= _conditions_in_builtin_scripts()

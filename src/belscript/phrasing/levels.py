"""Which findings count as warnings: the one rule every user of the checker follows.

A finding at level ``error`` or ``warning`` is shown as a warning during a call, logged
with the call, counted in practice scoring and in ``belscript test``, and makes
``validate``/``lint`` report a problem. A ``suggestion`` is only shown; ``off`` is
never reported. Kept apart from the matcher so that reading the rule costs no imports.
"""

from __future__ import annotations

#: Rule levels, from strongest to weakest.
LEVELS: tuple[str, ...] = ("error", "warning", "suggestion", "off")

#: Levels that count as a warning.
WARNING_LEVELS: frozenset[str] = frozenset({"error", "warning"})


def counts_as_warning(level: str) -> bool:
    """Whether a finding (or diagnostic) at ``level`` counts as a warning."""
    return level in WARNING_LEVELS

"""Discouraged phrasing: find wording that makes a collection call fail, and offer better.

The rules are data (``data/phrasing/<language>.yaml``, plus user rule files); this
package compiles them into a fast matcher. Public API::

    check(text, *, language="nl", overrides=None) -> list[Finding]
    checker_for(language="nl", overrides=None, *, rule_files=()) -> Checker   (cached)
    lint_text(text, path="<stdin>", ...) -> list[Diagnostic]
    lint_script(loaded) -> list[Diagnostic]      (a LoadedScript from the script loader)
    known_rule_ids(language=None) -> frozenset[str]     (None: every language)
    rules_for(language="nl") -> list[Rule]
    counts_as_warning(level) -> bool, WARNING_LEVELS    (the one rule: which findings are warnings)

``overrides`` maps rule ids to a level (``error``, ``warning``, ``suggestion``,
``off``), as a plain string, a ``{"level": ...}`` mapping or a script's
``RuleOverride``. See docs/phrasing.md.
"""

from __future__ import annotations

from belscript.phrasing.checker import Checker, Finding
from belscript.phrasing.levels import WARNING_LEVELS, counts_as_warning
from belscript.phrasing.lint import Silenced, lint_script, lint_text
from belscript.phrasing.rules import LANGUAGES, Rule, RuleFile, load_rule_file
from belscript.phrasing.ruleset import builtin_rule_ids, builtin_rules, checker_for, load_user_rules

__all__ = [
    "WARNING_LEVELS", "Checker", "Finding", "Rule", "RuleFile", "Silenced", "check", "checker_for",
    "counts_as_warning", "known_rule_ids",
    "lint_script", "lint_text", "load_rule_file", "load_user_rules", "rules_for",
]


def check(text: str, *, language: str = "nl", overrides=None) -> list[Finding]:
    """Findings for one text (a note, a practice answer, a script line), ordered by position."""
    return checker_for(language, overrides).check(text)


def known_rule_ids(language: str | None = None) -> frozenset[str]:
    """Ids of the built-in rules of ``language`` (all languages when None), for checking
    a script's ``phrasing:`` keys."""
    languages = LANGUAGES if language is None else (language,)
    return frozenset(rule_id for lang in languages for rule_id in builtin_rule_ids(lang))


def rules_for(language: str = "nl") -> list[Rule]:
    """The built-in rules of ``language``, in file order (for help screens and docs)."""
    return list(builtin_rules(language).rules)

"""Built-in rule sets, user rule files, and the cached checkers made from them.

Building a checker (reading YAML, expanding lemmas, compiling variants) happens once
per language, override set and rule files; every later check reuses it.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from functools import lru_cache

from belscript.errors import BelscriptError, UsageError
from belscript.phrasing.checker import OFF, Checker, compile_rules
from belscript.phrasing.forms import builtin_forms, data_file, expand_with_simplemma, forms_for, simplemma_version
from belscript.phrasing.rules import LANGUAGES, LEVELS, Rule, RuleFile, load_rule_file


def _check_language(language: str) -> str:
    if language not in LANGUAGES:
        raise UsageError(f"unknown language '{language}'; choose one of {', '.join(LANGUAGES)}")
    return language


@lru_cache(maxsize=None)
def builtin_rules(language: str) -> RuleFile:
    """The rule set shipped with belscript for ``language`` (its precompiled form when that
    is up to date, so no YAML is read: see :mod:`belscript.phrasing.precompiled`)."""
    from belscript.phrasing import precompiled

    path = data_file(f"{_check_language(language)}.yaml")
    return precompiled.load(path) or load_rule_file(path, default_language=language)


def builtin_rules_from_yaml(language: str) -> RuleFile:
    """The shipped rule set read from its YAML (what the precompiled form must equal)."""
    return load_rule_file(data_file(f"{_check_language(language)}.yaml"), default_language=language)


def required_lemmas(rules: list[Rule]) -> set[str]:
    """Every lemma a list of rules needs expanded."""
    lemmas: set[str] = set()
    for rule in rules:
        lemmas |= rule.lemmas()
    return lemmas


def generated_forms_document(language: str) -> dict:
    """What ``data/phrasing/<language>.forms.json`` must contain (computed with simplemma)."""
    lemmas = required_lemmas(builtin_rules_from_yaml(language).rules)
    return {
        "language": language,
        "generated_by": "scripts/gen_phrasing_forms.py",
        "simplemma": simplemma_version(),
        "forms": expand_with_simplemma(language, lemmas),
    }


def builtin_compiled(rules: list[Rule], language: str) -> list:
    """The built-in ``rules`` of ``language`` compiled as the checker does, from the shipped forms."""
    return compile_rules(rules, _builtin_forms_for(language, required_lemmas(rules)))


def write_precompiled_rules() -> str:
    """Regenerate the shipped precompiled rules of every language (after the forms files);
    returns the module's path."""
    from belscript.phrasing import precompiled

    builtin_forms.cache_clear()  # the forms files may just have been rewritten
    return precompiled.write({language: precompiled_document(language) for language in LANGUAGES})


def precompiled_document(language: str) -> dict:
    """What the precompiled module must hold for ``language``: its rules read from the YAML,
    compiled with the shipped forms (what the generator writes and a test compares)."""
    from belscript.phrasing import precompiled

    rules = builtin_rules_from_yaml(language)
    yaml_path, forms_path = data_file(f"{language}.yaml"), data_file(f"{language}.forms.json")
    with open(yaml_path, "rb") as source, open(forms_path, "rb") as forms:
        return precompiled.document(rules, source.read(), builtin_compiled(rules.rules, language), forms.read())


def builtin_rule_ids(language: str) -> tuple[str, ...]:
    """The ids of the built-in rules of ``language``, without building the rules when the
    precompiled form is up to date (checking a script's ``phrasing:`` keys needs only these)."""
    from belscript.phrasing import precompiled

    ids = precompiled.rule_ids(data_file(f"{_check_language(language)}.yaml"))
    return ids if ids is not None else tuple(rule.id for rule in builtin_rules(language).rules)


def write_forms_file(language: str) -> str:
    """Regenerate the shipped forms file of ``language``; returns its path."""
    import json

    path = data_file(f"{language}.forms.json")
    text = json.dumps(generated_forms_document(language), ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)
    return path


def _builtin_forms_for(language: str, lemmas: set[str]) -> dict[str, frozenset[str]]:
    shipped = builtin_forms(language)
    if lemmas <= set(shipped):
        return {lemma: shipped[lemma] for lemma in lemmas}
    return forms_for(language, lemmas)  # out-of-date table: still correct, only slower


@lru_cache(maxsize=None)
def _base_checker(language: str, rule_files: tuple[tuple[str, int, int], ...]) -> Checker:
    if not rule_files:
        from belscript.phrasing import precompiled

        shipped = precompiled.compiled_rules(data_file(f"{language}.yaml"), builtin_rules(language).rules,
                                             data_file(f"{language}.forms.json"))
        if shipped is not None:
            return Checker(shipped)
    rules = {rule.id: rule for rule in builtin_rules(language).rules}
    user_lemmas: set[str] = set()
    for path, _mtime, _size in rule_files:
        loaded = load_user_rules(path)
        if loaded.language != language:
            continue
        for rule in loaded.rules:
            rules[rule.id] = rule  # a user rule with a built-in id replaces it
            user_lemmas |= rule.lemmas()
    ordered = list(rules.values())
    builtin_lemmas = required_lemmas(ordered) - user_lemmas
    forms = _builtin_forms_for(language, builtin_lemmas)
    if user_lemmas:
        forms.update(forms_for(language, user_lemmas))
    return Checker(compile_rules(ordered, forms))


def load_user_rules(path: str) -> RuleFile:
    """Load a user rule file and run its own examples, so a wrong rule is caught at once."""
    from belscript.document.diagnostics import Diagnostic
    from belscript.errors import InvalidDocument

    loaded = load_rule_file(path)
    forms = forms_for(loaded.language, required_lemmas(loaded.rules))
    compiled = compile_rules(loaded.rules, forms)
    problems: list[Diagnostic] = []
    for rule, item in zip(loaded.rules, compiled):
        checker = Checker([item])
        line = int(rule.origin.rsplit(":", 1)[1])
        for sentence in rule.examples_bad:
            if not checker.check(sentence):
                problems.append(Diagnostic(path, line, 1, "error",
                                           f"rule '{rule.id}' does not flag its bad example: {sentence!r}",
                                           "rule-example-not-flagged"))
        for sentence in rule.examples_good:
            hits = checker.check(sentence)
            if hits:
                problems.append(Diagnostic(path, line, 1, "error",
                                           f"rule '{rule.id}' flags {hits[0].match!r} in its good example: {sentence!r}",
                                           "rule-example-flagged"))
        if rule.lemma is not None and forms.get(rule.lemma, frozenset()) <= {rule.lemma}:
            loaded.warnings.append(Diagnostic(path, line, 1, "warning",
                                              f"'{rule.lemma}' is not in the {loaded.language} dictionary; rule '{rule.id}' "
                                              "only matches the word itself and its extra_forms", "rule-unknown-lemma"))
    if problems:
        raise InvalidDocument(problems)
    return loaded


def _file_key(path: str) -> tuple[str, int, int]:
    try:
        st = os.stat(path)
    except OSError as exc:
        from belscript.errors import InputError

        raise InputError(f"cannot read rule file {path}: {exc.strerror}", path=path) from None
    return (os.path.abspath(path), st.st_mtime_ns, st.st_size)


def normalise_overrides(overrides) -> tuple[tuple[str, str], ...]:
    """Overrides as a hashable, sorted tuple of ``(rule_id, level)``.

    Accepts ``{rule: "off"}``, ``{rule: {"level": "off"}}`` or the script model's
    ``RuleOverride`` objects (anything with a ``level`` attribute).
    """
    if not overrides:
        return ()
    if not isinstance(overrides, Mapping):
        overrides = dict(overrides)
    items = []
    for rule_id, value in overrides.items():
        if isinstance(value, str):
            level = value
        elif isinstance(value, Mapping):
            level = value.get("level")
        else:
            level = getattr(value, "level", None)
        level = getattr(level, "value", level)
        if level not in LEVELS and level != OFF:
            raise BelscriptError(f"phrasing override for '{rule_id}': level must be one of "
                                 f"{', '.join(LEVELS + (OFF,))}, not {level!r}")
        items.append((str(rule_id), level))
    return tuple(sorted(items))


@lru_cache(maxsize=64)
def _checker(language: str, overrides: tuple[tuple[str, str], ...], rule_files: tuple) -> Checker:
    base = _base_checker(language, rule_files)
    return base.with_levels(dict(overrides)) if overrides else base


#: Checkers without rule files by ``language`` or ``(language, *overrides.items())``:
#: the live screen asks for one on every keystroke, usually with a fresh but equal
#: overrides dict, and normalising that each time would cost more than many checks.
_RECENT: dict = {}
_RECENT_MAX = 128


def checker_for(language: str = "nl", overrides=None, *, rule_files=()) -> Checker:
    """The cached checker for a language, with overrides and extra rule files applied."""
    key = None
    if not rule_files:
        if not overrides:
            key = language
        elif type(overrides) is dict:
            key = (language, *overrides.items())
        if key is not None:
            try:
                return _RECENT[key]
            except KeyError:
                pass
            except TypeError:  # unhashable values (a script's RuleOverride objects)
                key = None
    keys = tuple(_file_key(str(p)) for p in rule_files)
    checker = _checker(_check_language(language), normalise_overrides(overrides), keys)
    if key is not None:
        if len(_RECENT) >= _RECENT_MAX:
            _RECENT.clear()
        _RECENT[key] = checker
    return checker

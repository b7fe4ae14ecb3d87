"""Inflected word forms of a base word (lemma), from simplemma's dictionaries.

Rule authors write ``<moeten>`` or ``kind: lemma`` and mean every form of the verb:
moet, moest, moesten, gemoeten, …. simplemma ships a large form -> lemma table per
language; inverting it gives lemma -> forms. Loading that table takes over a second,
far too slow for ``belscript lint -`` or a keystroke, so:

- the forms used by the built-in rules are precomputed into
  ``data/phrasing/<language>.forms.json`` (``scripts/gen_phrasing_forms.py`` rewrites it,
  and a test checks it still equals what simplemma gives);
- forms for lemmas in user rule files are computed once and cached in the user cache
  directory (``$BELSCRIPT_HOME/cache`` when that is set), keyed by simplemma's version
  and by :data:`FORMS_FORMAT` (so a change in how forms are derived refreshes the cache).

simplemma maps every form to exactly one lemma, so a Dutch verb form that is also a noun
("eis", "vraag", "werk") is filed under the noun and missing from the verb. For Dutch
verbs the present-tense stem is therefore derived with the regular spelling rules and
added when the dictionary confirms it (see :func:`dutch_verb_stems`).
"""

from __future__ import annotations

import os
from functools import lru_cache

from belscript.phrasing.text import is_word, normalize_word

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (lint - loads this)
if TYPE_CHECKING:  # pragma: no cover
    from pathlib import Path

CACHE_NAME = "phrasing-forms-{language}.json"
#: Bumped whenever the derivation of forms changes, so cached user forms are recomputed.
FORMS_FORMAT = 2
#: The folder of the shipped rule sets and their precomputed forms, as text: ``lint -``
#: reads them without importing pathlib. ``DATA_DIR`` is the same folder as a ``Path``.
DATA_PATH = os.path.join(os.path.dirname(os.path.dirname(os.path.realpath(__file__))), "data", "phrasing")


def __getattr__(name: str):
    if name == "DATA_DIR":
        from pathlib import Path

        return Path(DATA_PATH)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def data_file(name: str) -> str:
    """The path of a shipped phrasing file, e.g. ``data_file("nl.yaml")``."""
    return os.path.join(DATA_PATH, name)


@lru_cache(maxsize=None)
def builtin_forms(language: str) -> dict[str, frozenset[str]]:
    """The precomputed forms shipped with belscript (empty for an unknown language)."""
    import json  # only when rules are compiled afresh: the built-in checker ships compiled

    try:
        with open(data_file(f"{language}.forms.json"), encoding="utf-8") as handle:
            data = json.loads(handle.read())
    except FileNotFoundError:
        return {}
    return {lemma: frozenset(forms) for lemma, forms in data["forms"].items()}


def simplemma_version() -> str:
    from importlib.metadata import version

    return version("simplemma")


def expand_with_simplemma(language: str, lemmas: set[str] | list[str]) -> dict[str, list[str]]:
    """All forms simplemma's dictionary gives each lemma (the lemma itself included).

    Separable verbs are stored as ``uit_komen``; ``uitkomen`` finds them too. Only
    single words are kept, normalised like any text. Slow (loads the whole table).
    """
    from simplemma.strategies.dictionaries import DefaultDictionaryFactory

    wanted = {normalize_word(lemma) for lemma in lemmas}
    found: dict[str, set[str]] = {lemma: {lemma} for lemma in wanted}
    table = DefaultDictionaryFactory().get_dictionary(language)
    for form, lemma in table.items():
        key = lemma.replace("_", "")
        if key in found:
            word = normalize_word(form)
            if is_word(word):
                found[key].add(word)
    if language == "nl":
        for lemma, forms in found.items():
            forms |= dutch_verb_stems(lemma, forms)
    return {lemma: sorted(forms) for lemma, forms in sorted(found.items())}


_VOWELS = frozenset("aeiouy")


def dutch_verb_stems(lemma: str, forms: set[str]) -> set[str]:
    """The stem of a Dutch verb ("ik eis", "eis het op") that the dictionary lacks.

    The stem follows the spelling rules of regular verbs: drop ``-en``, undouble a
    double consonant (bellen -> bel), double a single vowel in an open syllable
    (maken -> maak), and write a final z/v as s/f (lezen -> lees, geven -> geef). A
    candidate is kept only when the verb's own forms confirm it with the ``-t`` of the
    third person (eist -> eis), so nouns and irregular verbs never get invented words.
    """
    if not lemma.endswith("en") or len(lemma) < 4:
        return set()
    base = lemma[:-2]
    candidates = {base}
    if base[-1] == base[-2] and base[-1] not in _VOWELS:
        candidates.add(base[:-1])
    elif base[-1] not in _VOWELS and base[-2] in _VOWELS and (len(base) < 3 or base[-3] not in _VOWELS):
        candidates.add(base[:-1] + base[-2] + base[-1])
    for stem in list(candidates):
        if stem[-1] in "zv":
            candidates.add(stem[:-1] + ("s" if stem[-1] == "z" else "f"))
    return {stem for stem in candidates if stem + "t" in forms}


def cache_dir() -> Path:
    """Where computed forms are kept: ``$BELSCRIPT_HOME/cache`` or the platform's user cache."""
    from pathlib import Path

    home = os.environ.get("BELSCRIPT_HOME")
    if home:
        return Path(home) / "cache"
    import platformdirs

    return Path(platformdirs.user_cache_dir("belscript", appauthor=False))


def _read_cache(path: Path, version: str) -> dict[str, list[str]]:
    import json

    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if (not isinstance(data, dict) or data.get("simplemma") != version or data.get("format") != FORMS_FORMAT
            or not isinstance(data.get("forms"), dict)):
        return {}
    return {k: v for k, v in data["forms"].items() if isinstance(v, list) and all(isinstance(w, str) for w in v)}


def _write_cache(path: Path, version: str, forms: dict[str, list[str]]) -> None:
    """Write atomically with owner-only permissions; a cache that cannot be written is not an error."""
    import json

    from belscript.private_files import write_private

    text = json.dumps({"simplemma": version, "format": FORMS_FORMAT, "forms": forms}, ensure_ascii=False, sort_keys=True)
    try:
        write_private(path, text)
    except OSError:
        pass


def forms_for(language: str, lemmas: set[str]) -> dict[str, frozenset[str]]:
    """Forms of every lemma: shipped table first, then the user cache, then simplemma."""
    shipped = builtin_forms(language)
    result = {lemma: shipped[lemma] for lemma in lemmas if lemma in shipped}
    missing = set(lemmas) - set(result)
    if not missing:
        return result
    version = simplemma_version()
    path = cache_dir() / CACHE_NAME.format(language=language)
    cached = _read_cache(path, version)
    todo = missing - set(cached)
    if todo:
        cached.update(expand_with_simplemma(language, todo))
        _write_cache(path, version, cached)
    for lemma in missing:
        result[lemma] = frozenset(cached[lemma])
    return result

"""``extends:``: build a script on a built-in one (or another file) instead of copying it.

A bookkeeper who only wants her own opening line and a stricter payment limit should
not have to copy five hundred lines and miss every later improvement of the built-in
script. With ``extends: eerste-gesprek`` (a built-in name) or ``extends: ./basis.yaml``
(a file, relative to the extending one) a script holds only its differences:

- mappings are merged key by key, deeply: a step that is named again keeps every key
  it does not change (``steps: {opening: {say: …}}`` changes only the line to say);
- everything else, lists included (``options``, ``tips``, ``examples``), is replaced
  as a whole, because merging numbered options item by item would be guesswork;
- ``remove: {steps: […], excuses: […]}`` leaves inherited steps or excuses out;
- the extended script's own ``tests:`` stay with it: they describe that script.

The result is validated as one script, and its source map remembers for every key
which file it came from, so a problem in an inherited part is reported in the base
file at its own line. Each base is first checked on its own (a broken base reports
its problems in its own file), a chain of ``extends:`` may be as long as needed, and
a cycle is reported at the ``extends:`` line that closes it.
"""

from __future__ import annotations

import copy
import os
from contextvars import ContextVar
from pathlib import Path
from typing import Any

from belscript.document.diagnostics import Diagnostic, did_you_mean
from belscript.document.record import Record, set_field
from belscript.errors import InputError, InvalidDocument
from belscript.script import builtin
from belscript.document.source import SourceMap
from belscript.script.validation import validate

#: Files being extended right now (outermost first), to recognise a cycle.
_CHAIN: ContextVar[tuple[str, ...]] = ContextVar("belscript_extends_chain", default=())
#: Bases already loaded and checked during the current (outermost) load, by file.
_RESOLVED: ContextVar[dict[str, tuple[dict, SourceMap, Any]]] = ContextVar("belscript_extends_resolved")

#: Keys that belong to the extending file only and are never inherited.
_OWN_KEYS = ("tests",)


class Inheritance(Record):
    """What an ``extends:`` child was built on, kept on the merged source map.

    A check that finds a problem in an inherited part (a base step nobody reaches any
    more) uses it to tell whether the base had the problem too, and if not, to point at
    the child's own change that caused it: ``script`` is the validated base, ``source``
    its (possibly merged) source map, ``removed`` maps every ``(kind, id)`` the child's
    ``remove:`` leaves out to the position of that entry in the child.
    """

    __slots__ = ("script", "source", "path", "removed")
    script: Any
    source: SourceMap
    path: str
    removed: dict[tuple[str, str], tuple[str, int, int]]

    def __init__(self, script: Any, source: SourceMap, path: str,
                 removed: dict[tuple[str, str], tuple[str, int, int]] | None = None) -> None:
        set_field(self, "script", script)
        set_field(self, "source", source)
        set_field(self, "path", path)
        set_field(self, "removed", {} if removed is None else removed)


def _error(source: SourceMap, path: str, loc: tuple, message: str, code: str, *, key: bool = False) -> Diagnostic:
    line, col = source.key_pos(loc) if key else source.value_pos(loc)
    return Diagnostic(path, line, col, "error", message, code)


def _looks_like_file(ref: str) -> bool:
    return ref.startswith((".", "/", "~")) or "/" in ref or os.sep in ref or ref.endswith((".yaml", ".yml", ".json"))


def resolve_base(ref: str, path: str) -> Path:
    """The file ``ref`` names, seen from the script at ``path``; :class:`LookupError` if none."""
    if _looks_like_file(ref):
        here = Path(path).parent if path and not path.startswith("<") else Path.cwd()
        target = (here / Path(ref).expanduser()).resolve()
        if not target.is_file():
            raise LookupError(f"the script to extend, '{ref}', does not exist ({target})")
        return target
    names = builtin.builtin_names()
    if ref not in names:
        hint = did_you_mean(ref, names, cutoff=builtin.SUGGEST_CUTOFF)
        raise LookupError(f"there is no built-in script '{ref}' to extend{hint}"
                          + ("" if hint else f" (built-in: {', '.join(names)})"))
    return builtin.builtin_path(ref)


def _identity(path: str) -> str:
    try:
        return str(Path(path).resolve())
    except (OSError, RuntimeError):  # pragma: no cover - unusual file systems
        return path


def apply(raw: dict, source: SourceMap, path: str) -> tuple[dict, SourceMap]:
    """Merge the script that ``raw`` extends into ``raw``.

    Returns the combined document and a source map whose entries point into the file
    each part came from. Raises :class:`InvalidDocument` with every problem: an unknown
    base, a cycle, problems of the base itself (in the base's file), removals of parts
    that do not exist or are still referred to.
    """
    ref = raw.get("extends")
    if not isinstance(ref, str) or not ref.strip():
        raise InvalidDocument([_error(source, path, ("extends",),
                                      "'extends' needs the name of a built-in script or a path to a file",
                                      "invalid-extends")])
    ref = ref.strip()
    try:
        base_path = resolve_base(ref, path)
    except LookupError as exc:
        raise InvalidDocument([_error(source, path, ("extends",), str(exc), "extends-not-found")]) from None
    me, base_id = _identity(path), str(base_path)
    chain = _CHAIN.get() or (me,)
    if base_id in chain:
        names = [os.path.basename(p) for p in (*chain[chain.index(base_id):], base_id)]
        raise InvalidDocument([_error(source, path, ("extends",),
                                      "'extends' goes round in a circle: " + " → ".join(names), "extends-cycle")])
    outermost = not _CHAIN.get()
    token = _RESOLVED.set({}) if outermost else None
    try:
        resolved = _RESOLVED.get()
        if base_id not in resolved:  # each base once per load: a chain of n files costs n, not 2^n
            resolved[base_id] = _load_base(base_path, source, path, chain + (base_id,))
        base_raw, base_source, base_script = resolved[base_id]
        # merge may change what it is given; the checked base script is only read
        base_raw, base_source = copy.deepcopy((base_raw, base_source))
        return merge(base_raw, base_source, raw, source, path, base_script=base_script)
    finally:
        if token is not None:
            _RESOLVED.reset(token)


def _load_base(base_path: Path, source: SourceMap, path: str, chain: tuple[str, ...]) -> tuple[dict, SourceMap, Any]:
    """Load and check a base script on its own (recursively through its own ``extends:``)."""
    from belscript.document.yamlsafe import load_file

    token = _CHAIN.set(chain)
    try:
        shown = str(base_path)
        try:
            base_raw, base_source = load_file(shown)
        except InputError as exc:
            raise InvalidDocument([_error(source, path, ("extends",), f"cannot read the script to extend: {exc.message}",
                                          "extends-not-found")]) from None
        if not isinstance(base_raw, dict):
            raise InvalidDocument([Diagnostic(shown, 1, 1, "error", "a belscript is a list of keys and values",
                                              "wrong-type"),
                                   _error(source, path, ("extends",), "the script to extend is not a belscript",
                                          "extends-invalid-base")])
        merged_raw, merged_source = (apply(base_raw, base_source, shown) if "extends" in base_raw
                                     else (base_raw, base_source))
        loaded, problems = validate(dict(merged_raw), merged_source, shown)
        if loaded is None:
            errors = sum(d.level == "error" for d in problems)
            raise InvalidDocument([*problems, _error(
                source, path, ("extends",),
                f"the script to extend has {errors} problem{'s' if errors != 1 else ''} (listed with its own file name)",
                "extends-invalid-base")])
        return merged_raw, loaded.source, loaded.script
    finally:
        _CHAIN.reset(token)


def merge(base_raw: dict, base_source: SourceMap, raw: dict, source: SourceMap, path: str, *,
          base_script: Any = None) -> tuple[dict, SourceMap]:
    """Deep-merge ``raw`` over ``base_raw``; apply ``remove:``; combine the source maps.

    With ``base_script`` (the validated base) the combined map remembers the base as an
    :class:`Inheritance`, so checks can blame the child's changes.
    """
    replaced: set[tuple] = set()
    base = {k: v for k, v in base_raw.items() if k not in _OWN_KEYS and k != "extends"}
    for key in _OWN_KEYS:
        if key in base_raw:
            replaced.add((key,))
    own = {k: v for k, v in raw.items() if k != "remove"}
    merged = _merge(base, own, (), replaced)
    problems: list[Diagnostic] = []
    removal = raw.get("remove")
    if removal is not None:
        problems.extend(_remove(merged, removal, source, path, replaced))
    if problems:
        raise InvalidDocument(problems)
    entries = {p: e for p, e in base_source.entries.items() if not _under(p, replaced)}
    entries.update((p, e) for p, e in source.entries.items() if not (p and p[0] == "remove"))
    combined = SourceMap(source.doc)
    combined.entries = entries
    if base_script is not None:
        combined.base = Inheritance(base_script, base_source, str(base_source.path),
                                    _removed_at(removal, source, path))
    return merged, combined


def _removed_at(removal: object, source: SourceMap, path: str) -> dict[tuple[str, str], tuple[str, int, int]]:
    """Where the child's ``remove:`` names each step and excuse it leaves out."""
    found: dict[tuple[str, str], tuple[str, int, int]] = {}
    if not isinstance(removal, dict):
        return found
    for section, kind in (("steps", "step"), ("excuses", "excuse")):
        items = removal.get(section)
        if isinstance(items, list):
            for i, ident in enumerate(items):
                if isinstance(ident, str):
                    found[(kind, ident)] = (path, *source.value_pos(("remove", section, i)))
    return found


def _under(path: tuple, prefixes: set[tuple]) -> bool:
    return any(path[:n] in prefixes for n in range(1, len(path) + 1))


def _merge(base: object, child: object, loc: tuple, replaced: set[tuple]) -> object:
    """Mappings merge key by key; anything else in ``child`` replaces ``base`` (noting where)."""
    if isinstance(base, dict) and isinstance(child, dict):
        out = dict(base)
        for key, value in child.items():
            if key in out:
                out[key] = _merge(out[key], value, loc + (key,), replaced)
            else:
                out[key] = value
        return out
    replaced.add(loc)
    return child


def _remove(merged: dict, removal: object, source: SourceMap, path: str, replaced: set[tuple]) -> list[Diagnostic]:
    """Leave out inherited steps and excuses; refuse to remove what is missing or still used."""
    problems: list[Diagnostic] = []
    if not isinstance(removal, dict):
        return [_error(source, path, ("remove",), "'remove' lists what to leave out: "
                       "'steps: [...]' and/or 'excuses: [...]'", "invalid-remove")]
    gone: dict[tuple[str, str], tuple] = {}
    for section in ("steps", "excuses"):
        items = removal.get(section) or []
        if not isinstance(items, list):
            problems.append(_error(source, path, ("remove", section), f"'remove: {section}' needs a list of ids",
                                   "invalid-remove"))
            continue
        table = merged.get(section)
        if isinstance(table, dict):
            table = merged[section] = dict(table)  # never change the base's own mapping
        for i, ident in enumerate(items):
            loc = ("remove", section, i)
            kind = "step" if section == "steps" else "excuse"
            if not isinstance(table, dict) or ident not in table:
                hint = did_you_mean(ident, table) if isinstance(table, dict) else ""
                problems.append(_error(source, path, loc, f"there is no inherited {kind} '{ident}' to remove{hint}",
                                       "invalid-remove"))
                continue
            del table[ident]
            replaced.add((section, ident))
            gone[(kind, ident)] = loc
    for (kind, ident), loc in gone.items():
        users = _references(merged, kind, ident)
        if users:
            problems.append(_error(source, path, loc, f"{kind} '{ident}' cannot be removed: "
                                   f"{', '.join(users)} still lead{'s' if len(users) == 1 else ''} to it",
                                   "invalid-remove"))
    if merged.get("start") in {ident for kind, ident in gone if kind == "step"}:
        problems.append(_error(source, path, gone[("step", merged["start"])],
                               f"step '{merged['start']}' cannot be removed: it is the start step", "invalid-remove"))
    return problems


def _references(merged: dict, kind: str, ident: str) -> list[str]:
    """Who in the merged script still leads to the removed step or excuse."""
    users: list[str] = []
    key = "go" if kind == "step" else "excuse"
    for section in ("steps", "excuses"):
        table = merged.get(section)
        if not isinstance(table, dict):
            continue
        owner = "step" if section == "steps" else "excuse"
        for oid, item in table.items():
            if not isinstance(item, dict):
                continue
            if kind == "step" and section == "excuses" and item.get("go") == ident:
                users.append(f"excuse '{oid}'")
            options = item.get("options")
            if isinstance(options, list):
                for i, opt in enumerate(options):
                    if isinstance(opt, dict) and opt.get(key) == ident:
                        users.append(f"option {i + 1} of {owner} '{oid}'")
    return users


def starter(base: str, name: str) -> str:
    """A small, valid starting file that extends ``base`` (used by ``belscript new --extends``).

    It names only what an author usually changes first and shows, in comments, how to
    override a step, add an excuse and leave one out, so nobody has to copy the base.
    """
    from belscript.errors import UsageError

    try:
        base_path = resolve_base(base, str(Path.cwd() / "new.yaml"))
    except LookupError as exc:
        raise UsageError(str(exc)) from None
    title, steps, excuses = _base_outline(base_path, base)
    first = _first_with(steps, "opening", next(iter(steps), "opening"))
    return _STARTER.format(
        reference=base if base_path.parent == builtin.builtin_dir() else str(base_path),
        base=base, name=name, title=title, first=first, example_say=_example_say(steps, first),
        listening=_first_with(steps, "listening", first),
        last_excuse=next(reversed(excuses), "boze-klant") if excuses else "boze-klant",
    )


def _base_outline(base_path: Path, base: str) -> tuple[str, dict, dict]:
    """The base script's title, steps and excuses as written (empty when it cannot be read)."""
    from belscript.document.yamlsafe import load_file

    try:
        raw, _ = load_file(base_path)
    except (InputError, InvalidDocument):
        raw = {}
    title = raw.get("title") if isinstance(raw, dict) and isinstance(raw.get("title"), str) else base
    steps = raw.get("steps") if isinstance(raw, dict) and isinstance(raw.get("steps"), dict) else {}
    excuses = raw.get("excuses") if isinstance(raw, dict) and isinstance(raw.get("excuses"), dict) else {}
    return title, steps, excuses


def _first_with(steps: dict, role: str, default: str) -> str:
    """The first step with this role, else ``default``."""
    return next((sid for sid, step in steps.items() if isinstance(step, dict) and step.get("role") == role), default)


def _example_say(steps: dict, first: str) -> str:
    """The first step's line (shortened to about 90 characters) as a YAML value, for the commented example."""
    import json  # only here: validate, which imports this module, starts without it

    say = steps.get(first, {}).get("say") if isinstance(steps.get(first), dict) else None
    say = " ".join(say.split()) if isinstance(say, str) and say.strip() else "Goedemorgen, u spreekt met {beller}."
    return json.dumps(say if len(say) <= 90 else say[:88].rsplit(" ", 1)[0].rstrip(" .,;:…") + " …", ensure_ascii=False)


#: The starting file of ``belscript new --extends`` (Dutch, for the author).
_STARTER = """\
# yaml-language-server: $schema=./belscript.schema.json
# (maak het schema met: belscript schema -o belscript.schema.json)
#
# Gebaseerd op '{reference}': alles wat hier niet staat, komt uit dat script.
# Noem alleen wat u anders wilt; zie docs/authoring.md.
# Controleren: belscript validate {name}.yaml
# Tekenen: belscript graph {name}.yaml
# Voorbeeldgesprekken afspelen: belscript test {name}.yaml
belscript: 1
extends: {base}
name: {name}
title: {title} (eigen versie)

# Uw eigen grenzen voor een betaalafspraak; niet genoemde grenzen blijven gelijk.
agreement:
  max_deferral_days: 14

# Een stap aanpassen: noem de stap en alleen wat u verandert.
# steps:
#   {first}:
#     say: {example_say}

# Een excuus toevoegen (of een bestaand excuus aanpassen onder dezelfde naam):
# excuses:
#   mijn-excuus:
#     label: Korte omschrijving
#     examples: [Zo zegt de klant het.]
#     say: Zo reageert u.
#     go: {listening}

# Stappen of excuses van het basisscript weglaten:
# remove:
#   excuses: [{last_excuse}]
"""

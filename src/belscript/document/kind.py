"""Recognise what kind of belscript file a document is, from its top-level keys.

Scripts, customer files, personas and example conversations are all YAML and often
sit in one folder, so passing one where another is expected is an easy slip
(``--dossier mijn-script.yaml``). Checked as the wrong kind, such a file gives a
dozen "unknown key" errors that hide the real mistake; the loaders ask here first
and then say in one line what the file is.
"""

from __future__ import annotations

from belscript.document.diagnostics import Diagnostic

#: Keys that only one kind of file has at its top level.
MARKERS: dict[str, frozenset[str]] = {
    "script": frozenset({"belscript", "steps", "extends", "start"}),
    # A customer file may use Dutch keys (belscript.dossier.keys).
    "dossier": frozenset({"customer", "invoices", "caller", "klant", "facturen", "beller"}),
    "persona": frozenset({"persona", "temperament", "hidden", "situation"}),
    "examples": frozenset({"script"}),
    "ladder": frozenset({"ladder"}),
    "rates": frozenset({"rates"}),
}

#: How each kind is named in a message.
NAMES = {
    "script": "a belscript",
    "dossier": "a customer file (dossier)",
    "persona": "a practice persona",
    "examples": "a file of example conversations (for 'belscript test')",
    "ladder": "an escalation ladder",
    "rates": "a table of statutory interest rates",
}


def guess_kind(raw: object) -> str | None:
    """The kind whose marker keys ``raw`` has, or ``None`` when that is not clear."""
    if not isinstance(raw, dict):
        return None
    keys = {k for k in raw if isinstance(k, str)}
    found = [kind for kind, markers in MARKERS.items() if keys & markers]
    return found[0] if len(found) == 1 else None


def wrong_kind(raw: object, expected: str, path: str, source=None) -> Diagnostic | None:
    """One diagnostic when ``raw`` is clearly another kind of file than ``expected``.

    Points at the first key that gives the file away (``source`` is the document's
    :class:`~belscript.document.source.SourceMap`, when there is one).
    """
    kind = guess_kind(raw)
    if kind is None or kind == expected:
        return None
    assert isinstance(raw, dict)
    telling = [k for k in raw if k in MARKERS[kind]]
    line, col = source.key_pos((telling[0],)) if source is not None and telling else (1, 1)
    keys = " and ".join(f"'{k}'" for k in telling[:2])
    return Diagnostic(path, line, col, "error",
                      f"this looks like {NAMES[kind]}, not {NAMES[expected]}: it has {keys}", "wrong-kind")

#: What a document of each kind must be at the top, said when it is not a mapping at all.
NOT_A_MAPPING = {
    "script": "a belscript is a list of keys and values; start with 'belscript: 1'",
    "dossier": "a customer file is a list of keys and values, starting with 'customer:'",
    "persona": "a persona is a list of keys and values; start with 'persona: 1'",
    "ladder": "an escalation ladder is a list of keys and values; start with 'ladder: 1'",
    "rates": "a rates table is a list of keys and values; start with 'rates: 1'",
}


def shape_problem(raw: object, expected: str, path: str, source=None) -> Diagnostic | None:
    """The one diagnostic when ``raw`` cannot be read as ``expected`` at all: not a
    mapping, or clearly another kind of file. Every loader asks this first."""
    if not isinstance(raw, dict):
        return Diagnostic(path, 1, 1, "error", NOT_A_MAPPING[expected], "wrong-type")
    return wrong_kind(raw, expected, path, source)


"""Dutch keys in a customer file: one alias table, applied before validation.

A customer file is typed by a Dutch business owner, so ``klant:``, ``facturen:`` and
``vervaldatum:`` are as good as ``customer:``, ``invoices:`` and ``due_date:``. The
table below is the only place that knows the Dutch names; :func:`translate` renames the
keys of the parsed file *and* of its :class:`~belscript.document.source.SourceMap`
together, so every diagnostic still points at the line and column the user typed.
Aliases depend on the section (``nummer`` is the customer number under ``klant`` and
the invoice number under ``facturen``), which is why the table is keyed by model.
``belscript klant export`` writes the first Dutch name of each key (:func:`dutch_keys`).
"""

from __future__ import annotations

from pydantic import BaseModel

from belscript.document.diagnostics import Diagnostic, did_you_mean
from belscript.document.pydantic_errors import describe, model_at
from belscript.document.source import SourceMap
from belscript.dossier.model import Caller, Contact, Customer, Dossier, Invoice, Person, Reminder

#: Per section: English key -> its Dutch names (the first one is what an export writes).
DUTCH: dict[type[BaseModel], dict[str, tuple[str, ...]]] = {
    Dossier: {
        "customer": ("klant",),
        "contact": ("contactpersoon",),
        "caller": ("beller",),
        "invoices": ("facturen",),
        "payment_terms": ("betalingsvoorwaarden", "betaalvoorwaarden"),
        "reminders": ("herinneringen",),
        "contacts": ("contacten", "eerdere_contacten"),
        "payment_problems": ("betalingsproblemen", "betaalproblemen"),
        "best_reachable": ("best_bereikbaar",),
        "goal": ("doel",),
    },
    Customer: {
        "name": ("naam",),
        "number": ("klantnummer", "nummer"),
        "phone": ("telefoon",),
        "email": ("e-mail",),
        "address": ("adres",),
        "new_customer": ("nieuwe_klant",),
        "address_form": ("aanspreekvorm",),
    },
    Person: {
        "name": ("naam",),
        "role": ("rol", "functie"),
        "phone": ("telefoon",),
        "email": ("e-mail",),
    },
    Caller: {
        "name": ("naam",),
        "company": ("bedrijf",),
        "phone": ("telefoon",),
        "email": ("e-mail",),
        "iban": ("iban",),
        "on_behalf_of": ("namens",),
    },
    Invoice: {
        "number": ("factuurnummer", "nummer"),
        "amount": ("bedrag",),
        "paid": ("betaald",),
        "invoice_date": ("factuurdatum",),
        "due_date": ("vervaldatum",),
        "order_number": ("ordernummer", "bestelnummer"),
        "delivered": ("geleverd",),
        "delivered_on": ("geleverd_op",),
        "signed_for_receipt": ("ontvangst_getekend", "afgetekend"),
        "complaints": ("klachten",),
        "receipt_confirmed": ("ontvangst_bevestigd",),
    },
    Reminder: {
        "date": ("datum",),
        "kind": ("soort",),
        "note": ("notitie",),
    },
    Contact: {
        "date": ("datum",),
        "who": ("wie",),
        "summary": ("samenvatting",),
        "agreed": ("afgesproken", "afspraak"),
        "kept": ("nagekomen",),
    },
}


def _english(model: type[BaseModel]) -> dict[str, str]:
    """Every accepted key of ``model`` (English and Dutch) -> its English name."""
    keys = {name: name for name in model.model_fields}
    for english, dutch in DUTCH.get(model, {}).items():
        keys.update({word: english for word in dutch})
    return keys


def dutch_keys(model: type[BaseModel]) -> dict[str, str]:
    """English key -> the Dutch key an export writes, for one section."""
    return {english: dutch[0] for english, dutch in DUTCH.get(model, {}).items()}


def dutch_yaml(dossier: Dossier, *, header: str = "") -> str:
    """A customer file as YAML with Dutch keys (what ``belscript klant export`` writes).

    Dates and amounts are written as quoted text (``"2026-10-28"``, ``"2450.00"``), as in
    the demo file, so the file reads back to exactly the same :class:`Dossier`.
    """
    import yaml

    def dutch(value: object, model: object) -> object:
        if isinstance(value, list):
            return [dutch(item, model) for item in value]
        if not isinstance(value, dict) or not (isinstance(model, type) and issubclass(model, BaseModel)):
            return value
        names = dutch_keys(model)
        return {names.get(key, key): dutch(item, model_at(model, (key, 0) if isinstance(item, list) else (key,)))
                for key, item in value.items()}

    data = dutch(dossier.model_dump(mode="json", exclude_defaults=True, exclude_none=True), Dossier)
    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100, default_flow_style=False)
    comment = "".join(f"# {line}".rstrip() + "\n" for line in header.splitlines())
    return comment + body


def translate(raw: object, source: SourceMap, path: str) -> tuple[object, SourceMap, list[Diagnostic]]:
    """Rename Dutch keys to English in ``raw`` and ``source``; ``(raw, source, problems)``.

    A key given twice (once in Dutch, once in English, or under two Dutch names) and a
    key that is known in neither language are problems; an unknown key gets a
    did-you-mean over both languages and is dropped, so it is reported only once.
    """
    problems: list[Diagnostic] = []
    renamed: dict[tuple, tuple] = {}
    out = _walk(raw, (), (), source, path, problems, renamed)
    if not renamed and not problems:
        return raw, source, []
    moved = source.copy()
    moved.entries = {}
    for old, entry in source.entries.items():
        new = _renamed_path(old, renamed)
        if new is not None:
            moved.entries[new] = entry
    return out, moved, problems


def _renamed_path(old: tuple, renamed: dict[tuple, tuple]) -> tuple | None:
    """Where a source-map path lands after renaming; None for a dropped key."""
    for n in range(len(old), 0, -1):
        target = renamed.get(old[:n], ...)
        if target is not ...:
            return None if target is None else target + old[n:]
    return old


def _walk(value: object, typed: tuple, english_at: tuple, source: SourceMap, path: str,
          problems: list[Diagnostic], renamed: dict[tuple, tuple]) -> object:
    """Translate ``value`` found at ``typed`` (the path as written; ``english_at`` as translated)."""
    if isinstance(value, list):
        return [_walk(item, typed + (i,), english_at + (i,), source, path, problems, renamed)
                for i, item in enumerate(value)]
    model = model_at(Dossier, english_at)
    if not isinstance(value, dict) or not (isinstance(model, type) and issubclass(model, BaseModel)):
        return value
    accepted = _english(model)
    out: dict = {}
    written: dict[str, str] = {}
    for key, item in value.items():
        english = accepted.get(key) if isinstance(key, str) else None
        here = typed + (key,)
        line, col = source.key_pos(here)
        where = describe(typed)
        if english is None:
            hint = did_you_mean(str(key), list(accepted))
            if not hint:
                hint = "; expected one of: " + ", ".join(_listed(model))
            problems.append(Diagnostic(source.file_for(here, path), line, col, "error",
                                       f"unknown key '{key}'" + (f" in {where}" if where else "") + hint,
                                       "unknown-key"))
            renamed[here] = None
            continue
        if english in written:
            problems.append(Diagnostic(source.file_for(here, path), line, col, "error",
                                       f"'{key}' and '{written[english]}' are the same key ('{english}'); "
                                       f"keep one of them", "duplicate-key"))
            renamed[here] = None
            continue
        written[english] = key
        if key != english:
            renamed[here] = english_at + (english,)
        out[english] = _walk(item, here, english_at + (english,), source, path, problems, renamed)
    return out


def _listed(model: type[BaseModel]) -> list[str]:
    """The keys of a section as a hint: each English key with its first Dutch name."""
    dutch = dutch_keys(model)
    return [f"{name} ({dutch[name]})" if dutch.get(name, name) != name else name for name in model.model_fields]


__all__ = ["DUTCH", "dutch_keys", "dutch_yaml", "translate"]

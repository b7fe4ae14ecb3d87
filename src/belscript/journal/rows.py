"""Call rows as records: which columns each reader asks for, and reading them tolerantly.

A call row is read for different purposes, and each reads only what it shows: the
listing never the script or the customer file, an export the customer file but never
the script, ``log show`` and ``--resume`` everything (the script through its content
hash, stored once in ``scripts``). A damaged value is reported and replaced, never a
reason to show nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from belscript.journal import codec
from belscript.journal.records import UNREADABLE_TIME, CallRecord
from belscript.journal.schema import script_hash

__all__ = ["SCRIPT", "columns", "record", "read_value", "json_object", "script_hash"]

#: The script text of a call: stored once per version in ``scripts`` (older rows may still hold it).
SCRIPT = "COALESCE(script_text, (SELECT text FROM scripts WHERE hash = script_hash))"


def columns(*, script: bool = True, dossier: bool = True) -> str:
    """The call columns in :func:`record`'s order; without the script text or customer file when not shown."""
    return (f"id, started_at, script_name, script_path, {SCRIPT if script else 'NULL'}, "
            f"{'dossier_json' if dossier else 'NULL'}, customer, practice, status, ended_at, outcome_kind,"
            " promised_amount, first_promised_date, contact_person, outcome_json, our_actions_json, if_broken")


def record(row: tuple[Any, ...], report: Callable[[str], None]) -> CallRecord:
    """One call from its row; a damaged value is reported and replaced, never a reason to show nothing."""
    (id_, started, script_name, script_path, script_text, dossier_json, customer, practice, status, ended,
     kind, amount, first, contact, outcome_json, actions_json, if_broken) = row
    what = f"gesprek {id_}"

    def read(label: str, value: Any, parse: Callable[[Any], Any], default: Any) -> Any:
        return default if value is None else read_value(report, what, label, value, parse, default)

    return CallRecord(
        id=int(id_),
        started_at=read("onleesbare begintijd", started, datetime.fromisoformat, UNREADABLE_TIME),
        script_name=_text(script_name),
        script_path=None if script_path is None else _text(script_path),
        script_text=None if script_text is None else _text(script_text),
        dossier_data=read("onleesbare klantgegevens", dossier_json, json_object, {}),
        customer=_text(customer),
        practice=bool(practice),
        status=status,
        ended_at=read("onleesbare eindtijd", ended or None, datetime.fromisoformat, None),
        outcome_kind=None if kind is None else _text(kind),
        promised_amount=read("onleesbaar toegezegd bedrag", amount, _amount, None),
        first_promised_date=read("onleesbare eerste betaaldatum", first or None, date.fromisoformat, None),
        contact_person=None if contact is None else _text(contact),
        outcome_data=read("onleesbare uitkomst", outcome_json, json_object, None),
        our_actions=read("onleesbare lijst van acties", actions_json, _json_texts, []),
        if_broken=None if if_broken is None else _text(if_broken),
    )


def read_value(report: Callable[[str], None], what: str, label: str, value: Any,
                parse: Callable[[Any], Any], default: Any) -> Any:
    """``parse(value)``, or ``default`` with a Dutch report when the stored value is damaged."""
    try:
        return parse(value)
    except (ValueError, TypeError, ArithmeticError, RecursionError):
        report(f"{what}: {label} ({_sample(value)})")
        return default


def _sample(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _text(value: Any) -> str:
    return value if isinstance(value, str) else "" if value is None else str(value)


def json_object(text: Any) -> dict[str, Any]:
    value = codec.loads(text, {})
    if not isinstance(value, dict):
        raise TypeError("not an object")
    return value


def _json_texts(text: Any) -> list[str]:
    value = codec.loads(text, [])
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise TypeError("not a list of texts")
    return value


def _amount(value: Any) -> Decimal:
    amount = Decimal(str(value))
    if not amount.is_finite():
        raise ValueError("not a finite amount")
    return amount



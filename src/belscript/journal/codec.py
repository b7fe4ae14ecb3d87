"""JSON for what the call log stores: event data, dossier snapshots, outcomes.

Event data is meant to be JSON already; this encoder also accepts the values the
domain naturally produces (``Decimal`` amounts, dates, enums, pydantic models) so
that a careless caller can never make an event unstorable in the middle of a call.
Amounts are stored as strings so that ``€ 1.250,50`` never turns into a float.
"""

from __future__ import annotations

import json
from datetime import date, datetime, time
from decimal import Decimal
from enum import Enum
from typing import Any

from pydantic import BaseModel


def _default(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    raise TypeError(f"{type(value).__name__} cannot be stored in the call log")


def dumps(value: Any) -> str:
    return json.dumps(value, default=_default, ensure_ascii=False, sort_keys=True)


def loads(text: str | None, default: Any = None) -> Any:
    if text is None:
        return default
    return json.loads(text)

"""What the call log hands back: one :class:`CallRecord` per call.

A record carries the dossier *as it was* when the call started, so ``belscript log
show`` and ``belscript call --resume`` work even after the customer file changed or
was deleted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Literal

from pydantic import ValidationError

from belscript.agreement.model import Agreement, NoAgreement
from belscript.dossier import Dossier
from belscript.engine.state import NO_AGREEMENT, outcome_from

Status = Literal["open", "ended", "aborted"]

#: Stands in for a stored time that cannot be read (the log reports the damaged row).
UNREADABLE_TIME = datetime.min

__all__ = ["NO_AGREEMENT", "UNREADABLE_TIME", "CallRecord", "CallSummary", "Status"]


@dataclass(frozen=True)
class CallSummary:
    """Who was called when, and whether they were reached: what the call list learns from."""

    customer: str
    started_at: datetime
    reached: bool
    status: Status
    outcome_kind: str | None = None


@dataclass(frozen=True)
class CallRecord:
    """One call (or practice session) from the log, without its events."""

    id: int
    started_at: datetime
    script_name: str
    script_path: str | None
    script_text: str | None
    dossier_data: dict[str, Any]
    customer: str
    practice: bool
    status: Status
    ended_at: datetime | None = None
    outcome_kind: str | None = None
    promised_amount: Decimal | None = None
    first_promised_date: date | None = None
    contact_person: str | None = None
    outcome_data: dict[str, Any] | None = None
    our_actions: list[str] = field(default_factory=list)
    if_broken: str | None = None

    @property
    def dossier(self) -> Dossier:
        """The dossier snapshot taken when the call started."""
        return Dossier.model_validate(self.dossier_data)

    @property
    def outcome(self) -> Agreement | NoAgreement | None:
        """The agreement or recorded no-agreement outcome, once the call is over."""
        if not self.outcome_data:
            return None
        try:
            return outcome_from(NO_AGREEMENT if self.outcome_kind == NO_AGREEMENT else "agreement", self.outcome_data)
        except ValidationError:
            return None

    @property
    def is_open(self) -> bool:
        return self.status == "open"

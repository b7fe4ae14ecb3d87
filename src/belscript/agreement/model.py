"""What was agreed in a call, as data.

Concreteness ("who pays what amount on which date, and what if not") is judged by
:mod:`belscript.agreement.check`; this module only holds the facts so that the engine,
the journal, the e-mail and the practice score all read the same structure.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from belscript.script.models import AgreementKind


class Payment(BaseModel):
    """One promised payment: an amount on a calendar date."""

    model_config = ConfigDict(frozen=True)

    amount: Decimal
    on: date


class Callback(BaseModel):
    """A promise to call back a named person at a moment (the one who pays is away)."""

    model_config = ConfigDict(frozen=True)

    person: str
    at: datetime


class Agreement(BaseModel):
    """The agreement as entered so far; any field may still be missing."""

    kind: AgreementKind | None = None
    agreed_by: str | None = Field(default=None, description="Name of the person who agreed.")
    payments: list[Payment] = Field(default_factory=list, description="Promised payments in date order.")
    callback: Callback | None = None
    if_broken: str | None = Field(default=None, description="What happens when the promise is not kept.")

    @property
    def total(self) -> Decimal:
        return sum((p.amount for p in self.payments), Decimal("0.00"))


class NoAgreementReason(StrEnum):
    """Why a call ended without an agreement; each is recorded with a follow-up moment."""

    hung_up = "hung_up"                  # opgehangen
    wrong_person = "wrong_person"        # verkeerde persoon
    not_reachable = "not_reachable"      # niet bereikbaar / voicemail
    disputes_claim = "disputes_claim"    # betwist de vordering
    refuses = "refuses"                  # weigert te betalen
    needs_time = "needs_time"            # wil eerst overleggen, belt niet terug
    other = "other"                      # anders (toelichting verplicht)


NO_AGREEMENT_LABELS: dict[NoAgreementReason, str] = {
    NoAgreementReason.hung_up: "klant heeft opgehangen",
    NoAgreementReason.wrong_person: "verkeerde persoon aan de lijn",
    NoAgreementReason.not_reachable: "niet bereikbaar",
    NoAgreementReason.disputes_claim: "klant betwist de vordering",
    NoAgreementReason.refuses: "klant weigert te betalen",
    NoAgreementReason.needs_time: "klant wil eerst overleggen",
    NoAgreementReason.other: "anders",
}


class NoAgreement(BaseModel):
    """An explicit, recorded outcome without agreement, always with a follow-up moment."""

    model_config = ConfigDict(frozen=True)

    reason: NoAgreementReason
    detail: str = ""
    follow_up: datetime

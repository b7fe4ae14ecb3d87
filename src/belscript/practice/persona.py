"""Simulated customers for practice, written as YAML.

A persona has a visible situation (what the trainee may know beforehand), a hidden
willingness (what they can really pay and when) and the excuses they bring up. The
hidden part is what makes practice honest: the customer agrees to a concrete proposal
within those limits, counters one outside them, and gives vague answers to vague
questions — the way the source texts describe real debtors.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

from belscript.script.models import Id, Text

#: The reactions a persona may give its own lines for (besides ``excuse:<id>``).
REACTION_KEYS: tuple[str, ...] = (
    "greeting", "hello", "purpose", "info", "defensive", "vague", "proposal", "plan_proposal", "commit",
    "counter", "plan_accept", "plan_refuse", "recap_ack", "recap_correct", "recap_nothing", "confirm_ack",
    "copy_ack", "next_steps_ack", "neutral", "angry", "calmed", "wrong_person", "payer_away", "callback_later", "callback_ok",
    "goodbye", "name", "hangup", "plan_interest", "paid_details", "insists_paid", "found_unpaid",
    "undisputed_only", "partial_accept", "receipt_admitted", "receipt_doubted",
)

LineKey = Annotated[str, StringConstraints(pattern=r"^(?:[a-z_]+|excuse:[a-z0-9][a-z0-9_-]*)$", max_length=80)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Willingness(_Strict):
    """What the customer can and will do; never shown to the trainee before the report."""

    pays_in_full: bool = Field(default=True, description="Can pay the whole amount at once.")
    earliest_days: int = Field(default=2, ge=0, le=365, description="Earliest day (from today) they can pay.")
    latest_days: int = Field(default=14, ge=0, le=365, description="They agree to any date up to this many days from today.")
    accepts_plan: bool = Field(default=False, description="Agrees to a payment plan.")
    max_instalments: int = Field(default=1, ge=1, le=24)
    first_instalment_share: int = Field(default=100, ge=1, le=100, description="At most this percentage can be paid first.")
    proposes_first: bool = Field(default=True, description="Makes a concrete proposal when asked to propose.")
    vague_answers: int = Field(default=0, ge=0, le=5, description="How many times they answer vaguely before being concrete.")
    is_payer: bool = Field(default=True, description="False when the one who pays is away.")
    payer_name: str | None = Field(default=None, description="Who really pays, when that is someone else.")
    payer_back_days: int = Field(default=1, ge=0, le=30, description="When the payer is back, in days.")
    decides_alone: bool = Field(
        default=True,
        description="False: promises nothing before consulting payer_name (a partner, the director), which is "
                    "done payer_back_days from today; a callback or payment date before that is countered.")
    believes_paid: bool = Field(
        default=False,
        description="Is sure the invoice was paid: gives the payment details when asked, and only when told the "
                    "payment is not there finds out it was never sent.")
    disputed_share: int = Field(
        default=0, ge=0, le=75,
        description="Percentage of the amount the customer disputes: pays the rest now, the disputed part only "
                    "after the trainee has checked it.")

    @model_validator(mode="after")
    def _limits_in_order(self) -> "Willingness":
        # A customer who can pay from day 10 but agrees to nothing after day 5 could never
        # commit; such a persona would make every session unwinnable without saying why.
        if self.latest_days < self.earliest_days:
            raise ValueError(f"latest_days ({self.latest_days}) is before earliest_days ({self.earliest_days})")
        if not self.pays_in_full and not self.accepts_plan:
            raise ValueError("a customer who cannot pay in full must accept a payment plan (accepts_plan: true)")
        if self.disputed_share and not self.pays_in_full:
            # the undisputed part is one payment now; a plan on top of a dispute has no
            # reaction that could tell the trainee which of the two is meant
            raise ValueError("a customer who disputes part of the invoice pays the rest in one go (pays_in_full: true)")
        return self


class Persona(_Strict):
    """A simulated customer."""

    persona: Literal[1] = Field(description="Format version; always 1.")
    name: Id
    title: Text
    situation: Text = Field(description="What the trainee may know: shown before the session.")
    speaker: str = Field(min_length=1, max_length=80, description="Name of the person who answers the phone.")
    temperament: Literal["vriendelijk", "boos", "ontwijkend", "bezorgd"] = "vriendelijk"
    excuses: list[Id] = Field(default_factory=list, description="Excuse ids (from the script's library) brought up, in order.")
    for_script: str | None = Field(
        default=None, min_length=1, max_length=300,
        description="The script this customer is written for (a built-in name, or a file relative to the "
                    "persona's folder): its excuse ids are checked against that script's library, and "
                    "practice uses it when no --script is given.")
    hidden: Willingness = Field(default_factory=Willingness)
    lines: dict[LineKey, list[Text]] = Field(
        default_factory=dict,
        description="Own lines per reaction (greeting, info, defensive, excuse:<id>, …); missing ones come from the defaults.",
    )

    @field_validator("persona", mode="before")
    @classmethod
    def _version_from_text(cls, value: object) -> object:
        # The safe YAML loader keeps every scalar as text.
        if isinstance(value, str) and value.strip().isdigit():
            return int(value)
        return value

    @field_validator("lines")
    @classmethod
    def _known_reactions(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        for key, texts in value.items():
            if not key.startswith("excuse:") and key not in REACTION_KEYS:
                raise ValueError(f"unknown reaction '{key}'; known: {', '.join(REACTION_KEYS)} or excuse:<id>")
            if not texts:
                raise ValueError(f"reaction '{key}' needs at least one line")
        return value

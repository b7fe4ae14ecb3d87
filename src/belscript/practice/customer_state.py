"""What the simulated customer remembers during one call, and what a reply is.

:class:`CustomerState` is the customer's memory (patience, excuses raised, what was
promised, what was said); :class:`Reply` is one reaction with its kind, which the score
reads. Kept apart from :mod:`belscript.practice.customer` so the customer's voice and its
weighing of offers can share them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

#: The excuse an angry customer stands for in the script's excuse library.
ANGRY_EXCUSE = "boze-klant"
#: The excuse a signature for receipt in the customer file disproves.
NOT_RECEIVED = "factuur-niet-ontvangen"


@dataclass(frozen=True)
class Reply:
    """What the customer says, and what kind of reaction it is (used by the score)."""

    text: str
    kind: str
    excuse: str | None = None


@dataclass
class CustomerState:
    """What the customer remembers during one call; changed only by its own reactions."""

    patience: int
    calmed: bool
    vague_left: int
    excuses_left: list[str]
    raised: list[str] = field(default_factory=list)
    told_payer_away: bool = False
    #: The promise the customer made last, as (first date, instalments), or a callback moment.
    committed_to: tuple | None = None
    hung_up: bool = False
    #: The trainee has said what the call is about (an angry customer only gets angry then).
    topic_raised: bool = False
    #: The customer has reacted to the purpose once ("O, die factuur."); not twice.
    purpose_heard: bool = False
    #: Everything the customer said, to avoid saying the same sentence again.
    said: list[str] = field(default_factory=list)
    #: Still sure the invoice was paid (see ``Willingness.believes_paid``).
    believes_paid: bool = False
    #: Has told when, how much and to which account they think they paid.
    details_given: bool = False
    #: With the promise: at most this amount first (a customer who disputes part of the
    #: invoice), and the date of the rest when that was agreed too.
    committed_amount: Decimal | None = None
    committed_rest: date | None = None
    #: No longer claims the invoice never came: the signature for receipt was mentioned.
    receipt_settled: bool = False

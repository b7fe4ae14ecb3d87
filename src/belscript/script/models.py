"""The belscript format, version 1, as pydantic models: the single source of truth.

The JSON Schema (``belscript schema``), the loader's validation and the documentation
in ``docs/format.md`` all follow from these classes. Keys are English and short so the
format reads the same in every script language; the texts inside are the script's own
language. Behaviour is referenced *by name* only (``when``/``do``), and names resolve
through registries in code: a script can never run code.
"""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

from belscript.money import AmountSyntaxError, parse_amount, parse_percentage

FORMAT_VERSION = 1

Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=64)]
Text = Annotated[str, StringConstraints(max_length=4000)]


class _Strict(BaseModel):
    """Unknown keys are errors; the loader turns them into "did you mean" diagnostics."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=False, frozen=False)


class Role(StrEnum):
    """What a step does in the call; drives colours, checks and practice scoring."""

    preparation = "preparation"
    opening = "opening"
    purpose = "purpose"
    listening = "listening"
    excuse = "excuse"
    offer = "offer"
    agreement = "agreement"
    recap = "recap"
    closing = "closing"
    evaluation = "evaluation"


class AgreementKind(StrEnum):
    """The kinds of agreement a call can end with."""

    full_payment = "full_payment"          # the whole amount on one date
    partial_payment = "partial_payment"    # part now (soon), the rest on a date
    payment_plan = "payment_plan"          # instalments, each an amount and a date
    deferral = "deferral"                  # the whole amount, later than usual
    callback = "callback"                  # call back a named person at a date and time


class Option(_Strict):
    """A numbered choice in a step: the customer's answer or the caller's next move.

    Exactly one of ``go`` (another step) or ``excuse`` (an excuse handler) says where
    the call continues.
    """

    nr: int | None = Field(default=None, ge=1, le=99, description="Number shown on screen; defaults to the position (1, 2, 3, …).")
    label: Text = Field(description="What the customer says or what the caller does, as shown on screen.")
    say: Text | None = Field(default=None, description="Optional line for the caller to say when taking this option.")
    go: Id | None = Field(default=None, description="The step this option leads to.")
    excuse: Id | None = Field(default=None, description="The excuse handler this option leads to (instead of go).")
    when: Id | None = Field(default=None, description="Named condition; the option is only available when it holds.")
    do: list[Id] = Field(default_factory=list, description="Named actions performed when the option is taken.")

    @model_validator(mode="after")
    def _one_target(self) -> "Option":
        if (self.go is None) == (self.excuse is None):
            raise ValueError("an option needs exactly one of 'go' (a step) or 'excuse' (an excuse handler)")
        return self


class Step(_Strict):
    """One state of the call."""

    role: Role
    title: Text | None = Field(default=None, description="Short heading on screen; defaults to the step id.")
    say: Text = Field(default="", description="What to say now; {fields} are filled from the customer file.")
    tips: list[Text] = Field(default_factory=list, description="Advice for the caller at this step.")
    do: list[Id] = Field(default_factory=list, description="Named actions performed on entering the step.")
    options: list[Option] = Field(default_factory=list)
    excuses: bool | None = Field(
        default=None,
        description="Whether the excuse library is offered here; defaults to true for listening steps.",
    )
    end: bool = Field(
        default=False,
        description="Entering this step ends the call; only allowed with a concrete agreement or a recorded no-agreement outcome.",
    )

    @property
    def offers_excuses(self) -> bool:
        return self.role is Role.listening if self.excuses is None else self.excuses


class Excuse(_Strict):
    """An excuse from the library and how to handle it; reachable from every listening step."""

    label: Text = Field(description="The excuse in a few words, as shown in the excuse list.")
    examples: list[Text] = Field(min_length=1, description="How customers phrase it; used for recognition and practice.")
    say: Text = Field(description="What to say in reply; {fields} are filled from the customer file.")
    tips: list[Text] = Field(default_factory=list)
    do: list[Id] = Field(default_factory=list, description="Named actions performed when the handler starts, e.g. send_invoice_copy.")
    go: Id = Field(description="The step where the call continues after this excuse.")
    options: list[Option] = Field(default_factory=list, description="Further choices inside the handler (optional).")


def _amount_or_percent(value: object) -> object:
    if value is None:
        return None
    text = str(value).strip()
    try:
        if text.endswith("%"):
            return f"{parse_percentage(text).normalize():f}%"
        return str(parse_amount(text))
    except AmountSyntaxError:
        raise ValueError(f"'{text}' is not an amount or a percentage; write for example 250, "
                         "1.250,50 or 25%") from None


class AgreementPolicy(_Strict):
    """What the caller is willing to offer, decided before calling ("bedenk aan te bieden opties")."""

    accepts: list[AgreementKind] = Field(default_factory=lambda: list(AgreementKind))
    max_deferral_days: int = Field(default=14, ge=0, le=365, description="Deferral: at most this many days after the call.")
    max_instalments: int = Field(default=3, ge=1, le=60, description="Payment plan: at most this many instalments.")
    min_first_instalment: str | None = Field(
        default=None,
        description="Payment plan or partial payment: the first payment is at least this amount ('250') or share ('25%').",
    )
    latest_days: int = Field(default=90, ge=1, le=730, description="No promised date later than this many days after the call.")
    first_within_days: int = Field(
        default=7, ge=0, le=365,
        description="Partial payment or payment plan: the first payment at most this many days after the call.",
    )
    max_days_between: int = Field(
        default=35, ge=1, le=365,
        description="Payment plan: at most this many days between two instalments "
                    "(35: monthly, with room for a date moved past a weekend or holiday).",
    )
    conditions: list[Text] = Field(default_factory=list, description="Conditions that come with an offer (shown to the caller, put in the e-mail).")
    if_broken: Text = Field(
        default="",
        description="What happens when the promise is not kept; said in the recap and written in the confirmation.",
    )

    _check_min = field_validator("min_first_instalment", mode="before")(classmethod(lambda cls, v: _amount_or_percent(v)))

    def addressed(self, form: str) -> "AgreementPolicy":
        """This policy with ``{u-form|je-form}`` in its conditions and ``if_broken`` resolved.

        Those texts reach the customer (read back, put in the e-mail), so a script may
        write them in both forms of address, as its spoken lines; a call resolves them once.
        """
        from belscript.templates import pick_form

        return self.model_copy(update={"conditions": [pick_form(c, form) for c in self.conditions],
                                       "if_broken": pick_form(self.if_broken, form)})

    def template_values(self) -> dict[str, str]:
        """The policy's limits as ``{…}`` template values (see dossier.TEMPLATE_FIELDS)."""
        from belscript.money import format_amount

        first = self.min_first_instalment
        if first is None:
            first_text = "geen minimum"
        elif first.endswith("%"):
            first_text = first.replace(".", ",")
        else:
            first_text = format_amount(Decimal(first))
        return {
            "max_uitstel": f"{self.max_deferral_days} dagen",
            "max_termijnen": str(self.max_instalments),
            "eerste_termijn": first_text,
            "uiterste_termijn": f"{self.latest_days} dagen",
        }


class RuleOverride(_Strict):
    """Change one phrasing rule for this script (e.g. soften 'moeten' in a second call)."""

    level: Literal["error", "warning", "suggestion", "off"]
    reason: Text | None = None


class Removal(_Strict):
    """Inherited steps and excuses a script that ``extends:`` another one leaves out."""

    steps: list[Id] = Field(default_factory=list)
    excuses: list[Id] = Field(default_factory=list)


class Script(_Strict):
    """A complete belscript."""

    belscript: Literal[1] = Field(description="Format version; always 1 for now.")
    extends: str | None = Field(
        default=None,
        description="Build on a built-in script (its name) or another file (a path relative to this one); "
                    "keys given here override or add to it.",
    )
    remove: Removal | None = Field(default=None, description="With extends: inherited steps and excuses to leave out.")
    name: Id
    title: Text
    description: Text = ""
    language: Literal["nl", "en"] = "nl"
    start: Id | None = Field(default=None, description="First step; defaults to the first step listed.")
    agreement: AgreementPolicy = Field(default_factory=AgreementPolicy)
    phrasing: dict[Id, RuleOverride] = Field(default_factory=dict, description="Phrasing-rule overrides by rule id.")
    silence: dict[str, Text] = Field(default_factory=dict, description="Verification codes switched off for this script, each with a reason.")
    steps: dict[Id, Step] = Field(min_length=1)
    excuses: dict[Id, Excuse] = Field(default_factory=dict)
    tests: list[dict] = Field(
        default_factory=list,
        description="Example conversations run by 'belscript test' (see docs/authoring.md); checked by that command.",
    )

    @property
    def start_step(self) -> str:
        return self.start or next(iter(self.steps))

    def addressed(self, form: str) -> "Script":
        """This script for one customer: its agreement texts in that customer's form of address."""
        if "|" not in self.agreement.if_broken and not any("|" in c for c in self.agreement.conditions):
            return self
        return self.model_copy(update={"agreement": self.agreement.addressed(form)})

    def numbered_options(self, options: list[Option]) -> list[tuple[int, Option]]:
        """Options with their on-screen number (explicit ``nr`` or their position)."""
        return [(opt.nr or i, opt) for i, opt in enumerate(options, start=1)]

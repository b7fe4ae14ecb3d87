"""What an agreement entry is checked against, and the refusals every field shares.

An :class:`EntryContext` carries the script's limits, the amount owed and today; a field
handler returns a :class:`Change` or raises :func:`refuse`'s error. The checks here
(which kind an entry switches to, payments that are wrong rather than incomplete, an
amount above what is owed) are used by the field handlers in
:mod:`belscript.agreement.fields` and the payment readers in
:mod:`belscript.agreement.payment_text`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from belscript.agreement.check import KIND_LABELS, Issue, payment_issues
from belscript.agreement.model import Agreement, Payment
from belscript.errors import AgreementError
from belscript.money import format_amount
from belscript.script.models import AgreementKind, AgreementPolicy


@dataclass(frozen=True)
class EntryContext:
    """The script's limits, the amount owed and today, for one entry."""

    policy: AgreementPolicy
    due: Decimal | None
    today: date | datetime
    #: Warnings about accepted dates (a Saturday, a public holiday), shown with the entry.
    notes: list[str] = field(default_factory=list)

    @property
    def day(self) -> date:
        return self.today.date() if isinstance(self.today, datetime) else self.today

    @property
    def now(self) -> datetime:
        if isinstance(self.today, datetime):
            return self.today
        return datetime.combine(self.today, datetime.min.time())


@dataclass(frozen=True)
class Change:
    """The agreement after an accepted entry, what to show, and an optional note."""

    agreement: Agreement
    shown: str
    note: str | None = None


def refuse(message: str, hint: str | None = None, field_: str | None = None) -> AgreementError:
    """The error a field handler raises: a Dutch message and a better question to ask."""
    return AgreementError(message, field=field_, hint=hint)


def kind_switch(agreement: Agreement, kind: AgreementKind, ctx: EntryContext, keep: tuple[AgreementKind, ...] = ()) -> tuple[AgreementKind, str | None]:
    """The kind after entering something that belongs to ``kind``, and a note when it changed."""
    current = agreement.kind
    if current is kind or current in keep:
        return current, None
    if kind not in ctx.policy.accepts:
        offered = ", ".join(KIND_LABELS[k] for k in ctx.policy.accepts)
        raise refuse(f"Dit belscript biedt geen {KIND_LABELS[kind]} aan.", f"Wel mogelijk: {offered}." if offered else None)
    if current is None:
        return kind, None
    return kind, f"Soort afspraak is nu: {KIND_LABELS[kind]} (was {KIND_LABELS[current]})."


def check_payments(kind: AgreementKind | None, payments: list[Payment], ctx: EntryContext, default_hint: str | None) -> None:
    """Refuse when the payments are wrong (not merely incomplete) for this kind."""
    found: list[Issue] = payment_issues(kind, payments, policy=ctx.policy, amount_due=ctx.due, today=ctx.today)
    wrong = [i for i in found if not i.incomplete]
    if wrong:
        hint = next((i.hint for i in wrong if i.hint), default_hint)
        raise refuse(" ".join(i.text for i in wrong), hint)


def check_not_above_due(amount: Decimal, ctx: EntryContext) -> None:
    """Refuse an amount above what is owed."""
    if ctx.due is not None and amount > ctx.due:
        raise refuse(
            f"{format_amount(amount)} is meer dan het openstaande bedrag ({format_amount(ctx.due)}).",
            f"Het hele openstaande bedrag is {format_amount(ctx.due)}.",
        )


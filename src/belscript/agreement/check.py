"""Is the agreement concrete? And if not, what exactly is missing — in Dutch.

The seeds are clear: never end a call before there are concrete agreements. Concrete
means that a named person agreed, that it is a kind of agreement the script offers,
that every promised payment is an amount on a calendar date within the script's limits
and the amounts add up to what is owed, and that it is clear what happens when the
promise is broken. Each problem is one Dutch sentence saying exactly what is missing or
wrong, so the screen can show it and the engine can refuse to end the call with it.

Rules per kind of agreement:

* full payment: one payment of the whole amount due, at most ``max_deferral_days``
  after today (a later date is a deferral beyond what the script offers, whatever the
  caller calls it);
* partial payment: a first part within ``first_within_days`` days ("nu"), at least the
  script's minimum first payment, and the rest on one later date;
* payment plan: two or more instalments, each an amount and a date, dates ascending,
  at most ``max_instalments``, the first at least ``min_first_instalment`` and within
  ``first_within_days`` days, at most ``max_days_between`` days between two of them;
* deferral: one payment of the whole amount at most ``max_deferral_days`` after today;
* callback: a named person and a moment; no payments and no "if broken" needed,
  because the callback itself is the follow-up.

For every payment kind: no date in the past, none beyond ``latest_days`` after today,
every amount above zero, and the total equal to the amount due.

``today`` may be a :class:`~datetime.datetime`; then a callback moment earlier today
is recognised as past too.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from belscript.agreement.datewords import say_date, say_moment
from belscript.agreement.model import Agreement, Callback, Payment
from belscript.dutch import join
from belscript.money import CENT, format_amount, parse_amount
from belscript.script.models import AgreementKind, AgreementPolicy

__all__ = [
    "KIND_LABELS",
    "PART_NOW_DAYS",
    "Issue",
    "issues",
    "problems",
    "is_concrete",
    "payment_issues",
    "callback_issues",
    "minimum_first",
]

#: The default for ``first_within_days``: a partial payment's first part is paid "now".
PART_NOW_DAYS = 7

#: The kinds of agreement in Dutch, as the caller reads them on screen.
KIND_LABELS: dict[AgreementKind, str] = {
    AgreementKind.full_payment: "volledige betaling",
    AgreementKind.partial_payment: "deelbetaling",
    AgreementKind.payment_plan: "betalingsregeling",
    AgreementKind.deferral: "uitstel van betaling",
    AgreementKind.callback: "terugbelafspraak",
}

_SINGLE = (AgreementKind.full_payment, AgreementKind.deferral)


@dataclass(frozen=True)
class Issue:
    """One problem: ``incomplete`` when something still has to be agreed, not wrong yet."""

    text: str
    incomplete: bool = False
    #: A better question to ask the customer, when there is one.
    hint: str | None = None


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _day_and_now(today: date | datetime) -> tuple[date, datetime | None]:
    if isinstance(today, datetime):
        return today.date(), today
    return today, None


def _due(amount_due: Decimal | str | int | float | None) -> Decimal | None:
    if amount_due is None:
        return None
    return amount_due.quantize(CENT) if isinstance(amount_due, Decimal) else parse_amount(amount_due)


def minimum_first(policy: AgreementPolicy, amount_due: Decimal | None) -> tuple[Decimal, str] | None:
    """The script's minimum first payment as (amount, Dutch description), or None."""
    raw = policy.min_first_instalment
    if not raw:
        return None
    if raw.endswith("%"):
        if amount_due is None:
            return None
        pct = Decimal(raw[:-1])
        value = (amount_due * pct / 100).quantize(CENT, rounding=ROUND_HALF_UP)
        return value, f"{format_amount(value)} ({pct.normalize():f}% van {format_amount(amount_due)})"
    value = parse_amount(raw)
    return value, format_amount(value)


def _sum_issue(kind: AgreementKind | None, total: Decimal, due: Decimal) -> Issue:
    diff = format_amount(abs(due - total))
    if kind is AgreementKind.payment_plan:
        lead = f"De termijnen tellen op tot {format_amount(total)}"
    elif kind is AgreementKind.partial_payment:
        lead = f"De deelbetaling en de rest tellen op tot {format_amount(total)}"
    else:
        lead = f"Het afgesproken bedrag is {format_amount(total)}"
    if kind is AgreementKind.payment_plan:
        hint = "Laat de laatste termijn de rest zijn, bijvoorbeeld ‘500 op 1 december, rest op 1 januari’."
    elif total < due:
        hint = "Betaalt de klant een deel nu en de rest later? Vul dan ‘deelbetaling’ in."
    else:
        hint = f"Het hele openstaande bedrag is {format_amount(due)}."
    return Issue(f"{lead}, maar het openstaande bedrag is {format_amount(due)} (verschil {diff}).", hint=hint)


def _date_issues(kind: AgreementKind | None, p: Payment, policy: AgreementPolicy, day: date) -> list[Issue]:
    issues: list[Issue] = []
    if p.amount <= 0:
        issues.append(Issue(f"Een betaling van {format_amount(p.amount)} is geen betaling; elk bedrag is groter dan nul."))
    if p.on < day:
        issues.append(Issue(f"De betaling op {say_date(p.on)} ligt in het verleden.",
                            hint="Op welke datum vanaf vandaag kunt u het bedrag overmaken?"))
        return issues
    if kind in _SINGLE and p.on > day + timedelta(days=policy.max_deferral_days):
        limit = day + timedelta(days=policy.max_deferral_days)
        lead = "Uitstel tot" if kind is AgreementKind.deferral else "Alles betalen op"
        issues.append(Issue(
            f"{lead} {say_date(p.on)} is {(p.on - day).days} dagen uitstel; dit belscript staat hoogstens "
            f"{policy.max_deferral_days} dagen uitstel toe (uiterlijk {say_date(limit)}).",
            hint=f"Lukt het uiterlijk {say_date(limit)}? Anders: een deel nu en de rest later, of een regeling.",
        ))
    elif p.on > day + timedelta(days=policy.latest_days):
        limit = day + timedelta(days=policy.latest_days)
        issues.append(Issue(
            f"{_cap(say_date(p.on))} is meer dan {policy.latest_days} dagen na vandaag; dit belscript staat "
            f"betalingen tot uiterlijk {say_date(limit)} toe.",
            hint=f"Lukt het uiterlijk {say_date(limit)}?",
        ))
    return issues


def payment_issues(
    kind: AgreementKind | None,
    payments: list[Payment],
    *,
    policy: AgreementPolicy,
    amount_due: Decimal | None,
    today: date | datetime,
) -> list[Issue]:
    """Everything missing or wrong in the promised payments for this kind of agreement."""
    day, _now = _day_and_now(today)
    due = _due(amount_due)
    if not payments:
        return [_nothing_promised(kind)]
    issues: list[Issue] = []
    for p in payments:
        issues.extend(_date_issues(kind, p, policy, day))
    issues.extend(_order_issues(payments))
    total = sum((p.amount for p in payments), Decimal("0.00"))
    if kind in _SINGLE:
        issues.extend(_single_issues(kind, payments, total, due))
    elif kind is AgreementKind.partial_payment:
        issues.extend(_partial_issues(payments, policy, day, total, due))
    elif kind is AgreementKind.payment_plan:
        issues.extend(_plan_issues(payments, policy, day, total, due))
    elif due is not None and total > due:  # kind not chosen yet
        issues.append(_sum_issue(kind, total, due))
    return issues


def _nothing_promised(kind: AgreementKind | None) -> Issue:
    """What still has to be agreed when no payment is: it depends on the kind."""
    if kind is AgreementKind.payment_plan:
        return Issue("Nog niet afgesproken: de termijnen (het bedrag en de datum van elke betaling).", True)
    if kind is AgreementKind.partial_payment:
        return Issue("Nog niet afgesproken: hoeveel er nu wordt betaald en op welke datum de rest volgt.", True)
    return Issue("Nog niet afgesproken: op welke datum wordt betaald.", True)


def _order_issues(payments: list[Payment]) -> list[Issue]:
    """The first pair of payments on the same date, or out of date order."""
    for earlier, later in zip(payments, payments[1:]):
        if later.on == earlier.on:
            return [Issue(
                f"Twee betalingen staan op dezelfde datum ({say_date(later.on)}); elke betaling heeft een eigen datum.",
                hint="Op welke andere datum kan de volgende betaling?",
            )]
        if later.on < earlier.on:
            return [Issue(
                f"De datums lopen niet op: {say_date(later.on)} staat na {say_date(earlier.on)}; "
                "zet de betalingen op volgorde van datum."
            )]
    return []


def _single_issues(kind: AgreementKind, payments: list[Payment], total: Decimal, due: Decimal | None) -> list[Issue]:
    """A full payment or a deferral: one payment of the whole amount."""
    if len(payments) > 1:
        lead = "Een volledige betaling" if kind is AgreementKind.full_payment else "Uitstel van betaling"
        return [Issue(
            f"{lead} is één bedrag op één datum; voor meer betalingen is een betalingsregeling nodig.",
            hint="Vul de betalingen in bij ‘termijnen’.",
        )]
    if due is not None and total != due:
        return [_sum_issue(kind, total, due)]
    return []


def _partial_issues(payments: list[Payment], policy: AgreementPolicy, day: date, total: Decimal,
                    due: Decimal | None) -> list[Issue]:
    """A partial payment: a large enough first part now, and the rest on one later date."""
    issues: list[Issue] = []
    first = payments[0]
    minimum = minimum_first(policy, due)
    if first.on > day + timedelta(days=policy.first_within_days):
        issues.append(Issue(
            f"Bij een deelbetaling wordt het eerste deel nu betaald, binnen {policy.first_within_days} dagen "
            f"(uiterlijk {say_date(day + timedelta(days=policy.first_within_days))}); {say_date(first.on)} is later.",
            hint="Hoeveel kunt u deze week al betalen?",
        ))
    if minimum and first.amount < minimum[0]:
        issues.append(Issue(
            f"De eerste betaling ({format_amount(first.amount)}) is lager dan het minimum van dit belscript: {minimum[1]}.",
            hint=f"Kunt u nu {format_amount(minimum[0])} betalen?",
        ))
    if len(payments) > 2:
        issues.append(Issue(
            "Een deelbetaling is één deel nu en de rest op één datum; voor meer betalingen is een betalingsregeling nodig.",
            hint="Vul de betalingen in bij ‘termijnen’.",
        ))
    elif due is not None and len(payments) == 1:
        if first.amount >= due:
            issues.append(Issue(
                "Bij een deelbetaling is het eerste deel kleiner dan het hele bedrag; voor alles ineens is het een volledige betaling.",
                hint="Hoeveel kunt u nu betalen, en wanneer volgt de rest?",
            ))
        else:
            issues.append(Issue(
                f"Nog niet afgesproken: op welke datum de rest ({format_amount(due - first.amount)}) wordt betaald.", True
            ))
    elif due is not None and total != due:
        issues.append(_sum_issue(AgreementKind.partial_payment, total, due))
    elif len(payments) == 1:
        issues.append(Issue("Nog niet afgesproken: op welke datum de rest wordt betaald.", True))
    return issues


def _plan_issues(payments: list[Payment], policy: AgreementPolicy, day: date, total: Decimal,
                 due: Decimal | None) -> list[Issue]:
    """A payment plan: two or more instalments within the script's limits that add up."""
    issues: list[Issue] = []
    minimum = minimum_first(policy, due)
    if len(payments) < 2:
        issues.append(Issue(
            "Een betalingsregeling heeft minstens twee termijnen; één betaling is een volledige betaling of uitstel.",
            hint="Vul de betalingen in bij ‘termijnen’, bijvoorbeeld ‘3 termijnen vanaf 1 december’.",
        ))
    if len(payments) > policy.max_instalments:
        issues.append(Issue(
            f"Dit belscript staat hoogstens {policy.max_instalments} termijnen toe; er zijn er {len(payments)} afgesproken.",
            hint=f"Lukt het in {policy.max_instalments} termijnen?",
        ))
    if minimum and payments[0].amount < minimum[0]:
        issues.append(Issue(
            f"De eerste termijn ({format_amount(payments[0].amount)}) is lager dan het minimum van dit belscript: {minimum[1]}.",
            hint=f"Kunt u als eerste termijn {format_amount(minimum[0])} betalen?",
        ))
    first_by = day + timedelta(days=policy.first_within_days)
    if payments[0].on > first_by:
        issues.append(Issue(
            f"De eerste termijn op {say_date(payments[0].on)} is te laat: dit belscript wil de eerste termijn "
            f"binnen {policy.first_within_days} dagen, uiterlijk {say_date(first_by)}.",
            hint=f"Kunt u de eerste termijn uiterlijk {say_date(first_by)} betalen?",
        ))
    for earlier, later in zip(payments, payments[1:]):
        if (later.on - earlier.on).days > policy.max_days_between:
            issues.append(Issue(
                f"Tussen de termijnen van {say_date(earlier.on)} en {say_date(later.on)} zitten "
                f"{(later.on - earlier.on).days} dagen; dit belscript staat hoogstens {policy.max_days_between} "
                "dagen tussen twee termijnen toe.",
                hint="Kunnen de termijnen maandelijks volgen?",
            ))
            break
    if due is not None and total != due:
        issues.append(_sum_issue(AgreementKind.payment_plan, total, due))
    return issues


def callback_issues(callback: Callback | None, *, policy: AgreementPolicy, today: date | datetime) -> list[Issue]:
    """What is missing or wrong in a callback appointment."""
    day, now = _day_and_now(today)
    if callback is None:
        return [Issue("Nog niet afgesproken: wie er op welk moment wordt teruggebeld.", True)]
    issues: list[Issue] = []
    if not callback.person.strip():
        issues.append(Issue("Nog niet genoteerd: wie er wordt teruggebeld (naam).", True))
    past = callback.at < now if now is not None else callback.at.date() < day
    if past:
        issues.append(Issue(f"Het terugbelmoment ({say_moment(callback.at)}) ligt in het verleden.",
                            hint="Op welke dag en hoe laat kan ik terugbellen?"))
    elif callback.at.date() > day + timedelta(days=policy.latest_days):
        limit = day + timedelta(days=policy.latest_days)
        issues.append(Issue(
            f"Terugbellen op {say_moment(callback.at)} is meer dan {policy.latest_days} dagen na vandaag; "
            f"dit belscript staat afspraken tot uiterlijk {say_date(limit)} toe.",
            hint=f"Kan ik uiterlijk {say_date(limit)} terugbellen?",
        ))
    return issues


def issues(
    agreement: Agreement,
    *,
    policy: AgreementPolicy,
    amount_due: Decimal | None,
    today: date | datetime,
) -> list[Issue]:
    """All issues, in the order a caller would settle them: kind, name, what and when, if broken."""
    found: list[Issue] = []
    kind = agreement.kind
    if kind is None:
        offered = [KIND_LABELS[k] for k in policy.accepts] or list(KIND_LABELS.values())
        found.append(Issue(f"Nog niet afgesproken: welke soort afspraak het is ({join(offered, 'of')}).", True))
    elif kind not in policy.accepts:
        offered = [KIND_LABELS[k] for k in policy.accepts]
        rest = f"; wel mogelijk: {join(offered, 'of')}" if offered else ""
        found.append(Issue(f"Dit belscript biedt geen {KIND_LABELS[kind]} aan{rest}."))
    if not (agreement.agreed_by or "").strip():
        found.append(Issue("Nog niet genoteerd: wie de afspraak maakt (naam).", True))
    if kind is AgreementKind.callback:
        found.extend(callback_issues(agreement.callback, policy=policy, today=today))
        return found
    found.extend(payment_issues(kind, list(agreement.payments), policy=policy, amount_due=amount_due, today=today))
    if not ((agreement.if_broken or "").strip() or policy.if_broken.strip()):
        found.append(Issue("Nog niet afgesproken: wat er gebeurt als de afspraak niet wordt nagekomen.", True))
    return found


def problems(
    agreement: Agreement,
    *,
    policy: AgreementPolicy,
    amount_due: Decimal | None,
    today: date | datetime,
) -> list[str]:
    """Dutch sentences saying what is missing or wrong; empty means the agreement is concrete."""
    return [i.text for i in issues(agreement, policy=policy, amount_due=amount_due, today=today)]


def is_concrete(
    agreement: Agreement,
    *,
    policy: AgreementPolicy,
    amount_due: Decimal | None,
    today: date | datetime,
) -> bool:
    """True when nothing is missing: the call may end with this agreement."""
    return not problems(agreement, policy=policy, amount_due=amount_due, today=today)

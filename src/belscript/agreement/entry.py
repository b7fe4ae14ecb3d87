"""Entering the agreement during a call: one Dutch field at a time, with feedback at once.

The caller types what the customer says ("vrijdag", "3 termijnen vanaf 1 december",
"Petra, dinsdag om 10 uur") into a named field. :func:`apply` returns the new agreement
and a :class:`Feedback`: what was understood, in words, so it can be read back for
confirmation; or why it was refused, with a better question to ask. A refused entry
never changes the agreement, so nothing half-understood ends up in the confirmation
e-mail. ``missing`` always lists what is still needed for a concrete agreement.

What is refused at entry: vague or past dates, unreadable amounts, amounts above what
is owed, and anything that breaks the script's limits (too many instalments, a first
payment below the minimum, a date too far away, instalments that do not add up). What
is merely *not yet there* (the rest of a partial payment, the name, "if broken") is
accepted and shows up in ``missing``.

Entering instalments, a partial payment or a callback also sets the kind of agreement
when it was not set or did not fit (and the script offers that kind); the feedback's
``message`` says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from belscript.agreement.amounts import AMOUNT_HINT, parse_spoken_amount
from belscript.agreement.check import KIND_LABELS, Issue, callback_issues, payment_issues, problems
from belscript.agreement.dates import (
    add_months,
    loose_phrase,
    numbers_to_digits,
    resolve_date,
    resolve_moment,
    say_date,
    say_moment,
    working_day_note,
)
from belscript.agreement.model import Agreement, Callback, Payment
from belscript.errors import AgreementError
from belscript.money import CENT, format_amount, parse_amount
from belscript.script.models import AgreementKind, AgreementPolicy

__all__ = ["FIELDS", "ALIASES", "Feedback", "apply", "field_name", "say_payments"]

#: The fields a caller can fill in, by their Dutch name, with what each means.
FIELDS: dict[str, str] = {
    "soort": "Soort afspraak: volledig, deel, regeling (termijnen), uitstel of terugbellen.",
    "naam": "Wie de afspraak maakt, bijvoorbeeld ‘Petra de Vries’.",
    "bedrag": "Het bedrag, eventueel met de datum: ‘1.250,50’, ‘alles’ of ‘1.250,50 op vrijdag’.",
    "datum": "Wanneer het bedrag wordt betaald: ‘vrijdag’, ‘15 december’, ‘over twee weken’.",
    "termijnen": "Betalingsregeling: ‘3 termijnen vanaf 1 december’ of "
                 "‘500 op 1 december, 400 op 1 januari, 350,50 op 1 februari’ (‘rest op …’ mag ook).",
    "deelbetaling": "Een deel nu en de rest later: ‘250 vandaag, rest op 15 december’, of eerst alleen ‘250 vandaag’.",
    "rest": "Wanneer de rest van een deelbetaling komt: ‘15 december’.",
    "terugbellen": "Terugbelafspraak met wie en wanneer: ‘Petra, dinsdag om 10 uur’.",
    "gevolg": "Wat er gebeurt als de afspraak niet wordt nagekomen; ‘standaard’ neemt de tekst uit het belscript.",
}

#: Other words a caller may use for a field.
ALIASES: dict[str, str] = {
    "type": "soort", "afspraak": "soort", "soort afspraak": "soort",
    "wie": "naam", "contact": "naam", "contactpersoon": "naam",
    "wanneer": "datum", "dag": "datum", "betaaldatum": "datum",
    "regeling": "termijnen", "betalingsregeling": "termijnen", "termijn": "termijnen",
    "deel": "deelbetaling", "restant": "rest",
    "terugbel": "terugbellen", "terugbelafspraak": "terugbellen", "callback": "terugbellen",
    "als niet": "gevolg", "niet nagekomen": "gevolg", "gevolgen": "gevolg",
}

_KIND_WORDS: dict[str, AgreementKind] = {
    **{w: AgreementKind.full_payment for w in (
        "volledig", "volledige betaling", "volledig betalen", "alles", "alles in een keer", "in een keer",
        "in één keer", "ineens", "betaling", "betalen", "full_payment")},
    **{w: AgreementKind.partial_payment for w in (
        "deel", "deelbetaling", "gedeeltelijk", "gedeeltelijke betaling", "deel nu", "deel nu, rest later",
        "partial_payment")},
    **{w: AgreementKind.payment_plan for w in (
        "regeling", "betalingsregeling", "termijnen", "in termijnen", "afbetaling", "afbetalingsregeling",
        "payment_plan")},
    **{w: AgreementKind.deferral for w in ("uitstel", "uitstel van betaling", "later betalen", "deferral")},
    **{w: AgreementKind.callback for w in (
        "terugbellen", "terugbelafspraak", "terugbel", "callback", "bel terug", "terugbellen later")},
}

_STANDARD = re.compile(r"(?:het )?(?:standaard|standaardgevolg|zoals in het (?:bel)?script|uit het (?:bel)?script|zie script)")
_EMPTY_CONSEQUENCE = re.compile(r"\b(zien we wel|zien we dan wel|weet ik niet|geen idee|nog niet bekend|niks|niets|n\.?v\.?t\.?)\b")
_SINGLE = (AgreementKind.full_payment, AgreementKind.deferral)
_REST = r"(?:de |het )?(?:rest|restant|resterende bedrag|rest van het bedrag|overige|overige bedrag)"
_AMOUNT_ONLY = r"(?:€\s*)?-?\d[\d.\s]*(?:,(?:\d{1,2}|-{1,2}))?(?:\s*(?:euro|eur))?"


@dataclass(frozen=True)
class Feedback:
    """What the screen shows after an entry.

    ``shown`` echoes the understood value in words (empty when refused); ``message``
    explains a refusal in Dutch, or on success notes something worth knowing (e.g. the
    kind of agreement changed); ``hint`` is a better question to ask after a refusal;
    ``missing`` is what is still needed for a concrete agreement.
    """

    ok: bool
    shown: str = ""
    message: str | None = None
    hint: str | None = None
    missing: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Context:
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
class _Change:
    agreement: Agreement
    shown: str
    note: str | None = None


# --------------------------------------------------------------------------- helpers

def field_name(name: str) -> str | None:
    """The canonical field for what the caller typed ("wanneer" -> "datum"), or None."""
    key = re.sub(r"\s+", " ", str(name).strip().lower().lstrip("/")).rstrip(":")
    if key in FIELDS:
        return key
    return ALIASES.get(key)


def say_payments(payments: list[Payment]) -> str:
    """Payments in words: ``€ 416,83 op dinsdag 1 december 2026, €  … op …``."""
    return ", ".join(f"{format_amount(p.amount)} op {say_date(p.on)}" for p in payments)


def _refuse(message: str, hint: str | None = None, field_: str | None = None) -> AgreementError:
    return AgreementError(message, field=field_, hint=hint)


def _kind_switch(agreement: Agreement, kind: AgreementKind, ctx: _Context, keep: tuple[AgreementKind, ...] = ()) -> tuple[AgreementKind, str | None]:
    """The kind after entering something that belongs to ``kind``, and a note when it changed."""
    current = agreement.kind
    if current is kind or current in keep:
        return current, None
    if kind not in ctx.policy.accepts:
        offered = ", ".join(KIND_LABELS[k] for k in ctx.policy.accepts)
        raise _refuse(f"Dit belscript biedt geen {KIND_LABELS[kind]} aan.", f"Wel mogelijk: {offered}." if offered else None)
    if current is None:
        return kind, None
    return kind, f"Soort afspraak is nu: {KIND_LABELS[kind]} (was {KIND_LABELS[current]})."


def _check_payments(kind: AgreementKind | None, payments: list[Payment], ctx: _Context, default_hint: str | None) -> None:
    """Refuse when the payments are wrong (not merely incomplete) for this kind."""
    found: list[Issue] = payment_issues(kind, payments, policy=ctx.policy, amount_due=ctx.due, today=ctx.today)
    wrong = [i for i in found if not i.incomplete]
    if wrong:
        hint = next((i.hint for i in wrong if i.hint), default_hint)
        raise _refuse(" ".join(i.text for i in wrong), hint)


def _check_not_above_due(amount: Decimal, ctx: _Context) -> None:
    if ctx.due is not None and amount > ctx.due:
        raise _refuse(
            f"{format_amount(amount)} is meer dan het openstaande bedrag ({format_amount(ctx.due)}).",
            f"Het hele openstaande bedrag is {format_amount(ctx.due)}.",
        )


def _split_amount_and_date(text: str) -> tuple[str, str | None]:
    """``1.250,50 op vrijdag`` -> (``1.250,50``, ``vrijdag``); no date -> (text, None)."""
    t = text.strip()
    m = re.fullmatch(r"(.+?)\s+(?:op|per|uiterlijk|voor|vóór)\s+(.+)", t, re.I)
    if m:
        return m.group(1), m.group(2)
    m = re.fullmatch(r"(" + _AMOUNT_ONLY + r")\s+(\D.*)", t, re.I)
    if m:
        return m.group(1), m.group(2)
    return t, None


def _date_in(item: str, date_text: str, ctx: _Context) -> date:
    try:
        return _payment_date(date_text, ctx)
    except AgreementError as exc:
        if item.strip() == date_text.strip():
            raise
        raise _refuse(f"Bij ‘{item.strip()}’: {exc.message}", exc.hint) from None


def _payment_date(text: str, ctx: _Context) -> date:
    """A promised payment date: a loose phrase is asked back, a weekend day or holiday flagged.

    "Eind van de maand" is belscript's reading, not the customer's promise, so it is
    refused with that reading as the question to ask; the caller types the date the
    customer confirms. A Saturday or Christmas Day is accepted, with the nearest
    working day to propose (in :attr:`_Context.notes`).
    """
    on = resolve_date(text, ctx.day)
    if loose_phrase(text):
        if re.search(r"\beind", text.lower()):  # "eind van de maand": the last working day up to then
            while not _is_working_day(on) and on > ctx.day:
                on -= timedelta(days=1)
        on = _working_day_from(on)
        spoken = f"{on.day} {say_date(on).split()[2]}"
        raise _refuse(
            f"‘{text.strip()}’ is nog geen datum: ik lees het als {say_date(on)}. Vraag de klant of dat klopt.",
            f"Vraag: ‘Dus uiterlijk {say_date(on)}?’ Bevestigt de klant het, typ dan de datum (‘{spoken}’).",
        )
    note = working_day_note(on, ctx.day)
    if note and note not in ctx.notes:
        ctx.notes.append(note)
    return on


def _is_working_day(day: date) -> bool:
    from belscript.calltime import is_working_day

    return is_working_day(day)


def _amount_in(item: str, amount_text: str, ctx: _Context) -> Decimal:
    try:
        return parse_spoken_amount(amount_text, ctx.due)
    except AgreementError as exc:
        raise _refuse(f"Bij ‘{item.strip()}’: {exc.message}", exc.hint) from None


def _parse_payment_list(text: str, ctx: _Context) -> list[Payment]:
    """``500 op 1 december, 400 op 1 januari, rest op 1 februari`` -> payments (rest computed)."""
    items = [i for i in re.split(r"\s*;\s*|,\s+|\s+en\s+|\n+", text.strip()) if i.strip()]
    if not items:
        raise _refuse("Er zijn nog geen betalingen genoemd.", "Typ bijvoorbeeld ‘500 op 1 december, rest op 1 januari’.")
    parsed: list[tuple[Decimal | None, date]] = []
    for item in items:
        amount_text, date_text = _split_amount_and_date(item)
        if date_text is None:
            raise _refuse(
                f"Bij ‘{item.strip()}’ ontbreekt de datum.",
                "Op welke datum wordt dit bedrag betaald? Typ bijvoorbeeld ‘500 op 1 december’.",
            )
        on = _date_in(item, date_text, ctx)
        if re.fullmatch(_REST, amount_text.strip(), re.I):
            parsed.append((None, on))
        else:
            parsed.append((_amount_in(item, amount_text, ctx), on))
    rests = [i for i, (a, _d) in enumerate(parsed) if a is None]
    if len(rests) > 1:
        raise _refuse("Er kan maar één keer ‘rest’ worden genoemd.", "Noem bij de andere betalingen het bedrag.")
    if rests:
        if ctx.due is None:
            raise _refuse("De rest is pas te berekenen als het openstaande bedrag bekend is.", AMOUNT_HINT)
        known = sum((a for a, _d in parsed if a is not None), Decimal("0.00"))
        rest = ctx.due - known
        if rest <= 0:
            raise _refuse(
                f"Er blijft geen rest over: de andere bedragen zijn samen al {format_amount(known)} "
                f"van {format_amount(ctx.due)}.",
                "Welke bedragen spreken we precies af?",
            )
        parsed[rests[0]] = (rest, parsed[rests[0]][1])
    payments = [Payment(amount=a, on=d) for a, d in parsed]  # type: ignore[arg-type]
    return sorted(payments, key=lambda p: p.on)


_COUNT = re.compile(
    r"\b(\d+)\s*(?:x\s*|keer\s+|maal\s+)?(?:(?:gelijke|maandelijkse|wekelijkse|vaste)\s+)*(?:termijnen|termijn|betalingen|keer|maal)\b"
)
_START = re.compile(
    r"\b(?:vanaf|met ingang van|te beginnen(?: op)?|beginnend(?: op)?|ingaande|ingaand|startend(?: op)?|"
    r"(?:de )?eerste(?: termijn| betaling)? op)\s+(.+)$"
)
_WEEKLY = re.compile(r"\b(?:per week|wekelijks|wekelijkse|elke week|iedere week)\b")
_FORTNIGHTLY = re.compile(r"\b(?:per 2 weken|om de 2 weken|elke 2 weken|iedere 2 weken|tweewekelijks|tweewekelijkse|om de week)\b")
_MONTHLY = re.compile(r"\b(?:per maand|maandelijks|maandelijkse|elke maand|iedere maand)\b")


def _equal_instalments(text: str, ctx: _Context) -> list[Payment] | None:
    """``3 termijnen vanaf 1 december`` -> equal monthly payments, the cents left over in the last."""
    t = numbers_to_digits(re.sub(r"\s+", " ", text.strip().lower()))
    count_match = _COUNT.search(t)
    if not count_match:
        return None
    count = int(count_match.group(1))
    if count < 2:
        raise _refuse("Een betalingsregeling heeft minstens twee termijnen.",
                      "In hoeveel termijnen kunt u betalen, en vanaf welke datum?")
    if count > 60:
        raise _refuse(f"{count} termijnen is geen betalingsregeling die u kunt opvolgen.",
                      f"Lukt het in {ctx.policy.max_instalments} termijnen?")
    start_match = _START.search(t)
    if not start_match:
        raise _refuse("Nog niet gezegd vanaf welke datum de termijnen lopen.",
                      "Vanaf welke datum kunt u de eerste termijn betalen? Typ bijvoorbeeld ‘3 termijnen vanaf 1 december’.")
    start_text = start_match.group(1)
    for pattern in (_WEEKLY, _FORTNIGHTLY, _MONTHLY):
        start_text = pattern.sub(" ", start_text)
    start = _date_in(text, start_text.strip(" ,"), ctx)
    if ctx.due is None:
        raise _refuse("De termijnen zijn pas te berekenen als het openstaande bedrag bekend is.", AMOUNT_HINT)
    if _WEEKLY.search(t):
        dates = [start + timedelta(weeks=i) for i in range(count)]
    elif _FORTNIGHTLY.search(t):
        dates = [start + timedelta(weeks=2 * i) for i in range(count)]
    else:
        dates = [add_months(start, i) for i in range(count)]
    # The first date is the one the customer named; the dates worked out from it move
    # to the next working day when they fall on a weekend or a public holiday (nobody
    # can promise a bank transfer on New Year's Day).
    dates = dates[:1] + [_working_day_from(d) for d in dates[1:]]
    amounts = round_instalments(ctx.due, count)
    return [Payment(amount=a, on=d) for a, d in zip(amounts, dates)]


#: Steps an instalment is rounded to, largest first: a step is used when it is at most a
#: fiftieth of the instalment, so rounding moves each payment by 1% at most (whole euros
#: from € 10 on).
_ROUND_STEPS = (Decimal(100), Decimal(50), Decimal(10), Decimal(5), Decimal(1))


def round_instalments(total: Decimal, count: int) -> list[Decimal]:
    """``count`` payments adding up to ``total``: round amounts, the remainder in the last.

    People agree on "three times € 940, the last € 933", not on € 937,66 twice and
    € 937,68 once; the amounts are easier to say, to hear and to transfer.
    """
    exact = total / count
    step = next((s for s in _ROUND_STEPS if s * 50 <= exact), Decimal(1) if exact >= 10 else CENT)
    share = ((exact / step).quantize(Decimal(1), rounding=ROUND_HALF_UP) * step).quantize(CENT)
    if share * (count - 1) >= total:  # cannot happen with the steps above; cents as a last resort
        share = exact.quantize(CENT, rounding=ROUND_DOWN)
    return [share] * (count - 1) + [total - share * (count - 1)]


def _working_day_from(day):
    from belscript.calltime import is_working_day

    while not is_working_day(day):
        day += timedelta(days=1)
    return day


# --------------------------------------------------------------------------- fields

def _enter_kind(agreement: Agreement, text: str, ctx: _Context) -> _Change:
    key = re.sub(r"\s+", " ", text.strip().lower()).strip(" .")
    kind = _KIND_WORDS.get(key)
    if kind is None:
        try:
            kind = AgreementKind(key)
        except ValueError:
            offered = ", ".join(KIND_LABELS[k] for k in ctx.policy.accepts)
            raise _refuse(f"‘{text.strip()}’ is geen soort afspraak.",
                          "Kies volledig, deel, regeling, uitstel of terugbellen"
                          + (f" (dit belscript: {offered})." if offered else ".")) from None
    if kind not in ctx.policy.accepts:
        offered = ", ".join(KIND_LABELS[k] for k in ctx.policy.accepts)
        raise _refuse(f"Dit belscript biedt geen {KIND_LABELS[kind]} aan.", f"Wel mogelijk: {offered}." if offered else None)
    update, note = _drop_what_does_not_fit(agreement, kind)
    return _Change(agreement.model_copy(update={"kind": kind, **update}), KIND_LABELS[kind], note)


def _drop_what_does_not_fit(agreement: Agreement, kind: AgreementKind) -> tuple[dict, str | None]:
    """A callback has no payments and a payment has no callback; say so when something is dropped."""
    if kind is AgreementKind.callback and agreement.payments:
        return {"payments": []}, "De betalingen horen niet bij een terugbelafspraak en zijn weggehaald."
    if kind is not AgreementKind.callback and agreement.callback is not None:
        return {"callback": None}, "De terugbelafspraak hoort niet bij een betaling en is weggehaald."
    return {}, None


def _enter_name(agreement: Agreement, text: str, ctx: _Context) -> _Change:
    name = re.sub(r"\s+", " ", text.strip()).strip(" ,.")
    if not re.search(r"[^\W\d_]", name) or re.search(r"\d", name):
        raise _refuse(f"‘{text.strip()}’ is geen naam.", "Met wie spreek ik? Mag ik uw naam noteren?")
    if len(name) > 80:
        raise _refuse("Die naam is te lang om te noteren (meer dan 80 tekens).", "Mag ik uw voor- en achternaam noteren?")
    return _Change(agreement.model_copy(update={"agreed_by": name}), name)


def _no_amount_for_callback(agreement: Agreement) -> None:
    if agreement.kind is AgreementKind.callback:
        raise _refuse("Bij een terugbelafspraak hoort geen betaling.",
                      "Is er toch een betaling afgesproken? Kies dan eerst een andere soort afspraak.")


def _enter_amount(agreement: Agreement, text: str, ctx: _Context) -> _Change:
    _no_amount_for_callback(agreement)
    amount_text, date_text = _split_amount_and_date(text)
    if len(agreement.payments) > 1 and (date_text is None or agreement.kind not in _SINGLE):
        raise _refuse("Deze afspraak heeft meer dan één betaling.",
                      "Pas de betalingen aan bij ‘termijnen’ of ‘deelbetaling’.")
    amount = parse_spoken_amount(amount_text, ctx.due)
    _check_not_above_due(amount, ctx)
    if date_text is not None:
        on = _payment_date(date_text, ctx)
    elif len(agreement.payments) == 1:
        on = agreement.payments[0].on
    elif agreement.kind in (AgreementKind.partial_payment, AgreementKind.payment_plan):
        raise _refuse(f"Bij een {KIND_LABELS[agreement.kind]} hoort bij elk bedrag een datum.", _kind_hint(agreement.kind))
    elif ctx.due is not None and amount == ctx.due:
        return _Change(agreement, f"{format_amount(amount)} (het hele openstaande bedrag)",
                       "Nu nog de datum: wanneer wordt het bedrag betaald?")
    else:
        raise _refuse(
            f"Bij {format_amount(amount)} hoort nog een datum.",
            f"Typ bijvoorbeeld ‘{format_amount(amount)} op vrijdag’, of bij ‘deelbetaling’: "
            f"‘{format_amount(amount)} vandaag, rest op 15 december’.",
        )
    payments = [Payment(amount=amount, on=on)]
    _check_payments(agreement.kind, payments, ctx, None)
    shown = format_amount(amount) + (f" op {say_date(on)}" if date_text is not None else "")
    return _Change(agreement.model_copy(update={"payments": payments}), shown)


def _kind_hint(kind: AgreementKind | None) -> str | None:
    if kind is AgreementKind.partial_payment:
        return "Vul bij ‘deelbetaling’ in wat nu wordt betaald en wanneer de rest volgt, bijvoorbeeld ‘250 vandaag, rest op 15 december’."
    if kind is AgreementKind.payment_plan:
        return "Vul bij ‘termijnen’ de betalingen in, bijvoorbeeld ‘3 termijnen vanaf 1 december’."
    return None


def _enter_date(agreement: Agreement, text: str, ctx: _Context) -> _Change:
    _no_amount_for_callback(agreement)
    if len(agreement.payments) > 1 and agreement.kind not in _SINGLE:
        raise _refuse("Deze afspraak heeft meer dan één betaling; elke betaling heeft een eigen datum.",
                      "Pas de datums aan bij ‘termijnen’ of ‘deelbetaling’.")
    on = _payment_date(text, ctx)
    if agreement.kind in (AgreementKind.full_payment, AgreementKind.deferral) and ctx.due is not None:
        amount = ctx.due  # the whole amount, by definition of these kinds
    elif agreement.payments:
        amount = agreement.payments[0].amount
    elif ctx.due is not None:
        amount = ctx.due
    else:
        raise _refuse("Het openstaande bedrag is niet bekend, dus bij deze datum hoort nog een bedrag.",
                      f"Vul bij ‘bedrag’ het bedrag met de datum in, bijvoorbeeld ‘1.250,50 op {text.strip()}’.")
    payments = [Payment(amount=amount, on=on)]
    _check_payments(agreement.kind, payments, ctx, _kind_hint(agreement.kind))
    return _Change(agreement.model_copy(update={"payments": payments}), say_date(on))


def _enter_instalments(agreement: Agreement, text: str, ctx: _Context) -> _Change:
    payments = _equal_instalments(text, ctx)
    if payments is None:
        payments = _parse_payment_list(text, ctx)
    kind, note = _kind_switch(agreement, AgreementKind.payment_plan, ctx, keep=(AgreementKind.partial_payment,)
                              if len(payments) == 2 else ())
    _check_payments(kind, payments, ctx, _kind_hint(kind))
    if kind is AgreementKind.partial_payment:
        shown = _say_partial(payments)
    else:
        shown = f"{len(payments)} termijnen: {say_payments(payments)}"
    return _Change(agreement.model_copy(update={"kind": kind, "payments": payments, "callback": None}), shown, note)


def _say_partial(payments: list[Payment]) -> str:
    first = f"{format_amount(payments[0].amount)} op {say_date(payments[0].on)}"
    if len(payments) == 1:
        return first
    return f"{first}, rest {format_amount(payments[1].amount)} op {say_date(payments[1].on)}"


def _enter_partial(agreement: Agreement, text: str, ctx: _Context) -> _Change:
    payments = _parse_payment_list(text, ctx)
    if len(payments) > 2:
        raise _refuse("Een deelbetaling is één deel nu en de rest op één datum.",
                      "Meer betalingen? Vul ze in bij ‘termijnen’.")
    kind, note = _kind_switch(agreement, AgreementKind.partial_payment, ctx)
    for p in payments:
        _check_not_above_due(p.amount, ctx)
    _check_payments(kind, payments, ctx, _kind_hint(kind))
    return _Change(agreement.model_copy(update={"kind": kind, "payments": payments, "callback": None}),
                   _say_partial(payments), note)


def _enter_rest(agreement: Agreement, text: str, ctx: _Context) -> _Change:
    if agreement.kind is not AgreementKind.partial_payment or not agreement.payments:
        raise _refuse("Er is nog geen deelbetaling om de rest van te noteren.",
                      "Vul eerst bij ‘deelbetaling’ in wat nu wordt betaald, bijvoorbeeld ‘250 vandaag’.")
    if ctx.due is None:
        raise _refuse("De rest is pas te berekenen als het openstaande bedrag bekend is.", AMOUNT_HINT)
    first = agreement.payments[0]
    rest = ctx.due - first.amount
    t = text.strip()
    said_text, date_text = None, t
    m = re.fullmatch(r"(.+?)\s+(?:op|per|uiterlijk|voor|vóór)\s+(.+)", t, re.I)
    if m and (re.fullmatch(_REST, m.group(1).strip(), re.I) or re.fullmatch(_AMOUNT_ONLY, m.group(1).strip(), re.I)):
        said_text, date_text = m.group(1).strip(), m.group(2)
    else:
        date_text = re.sub(r"^" + _REST + r"\s+", "", t, flags=re.I)
    if said_text is not None and not re.fullmatch(_REST, said_text, re.I):
        said = parse_spoken_amount(said_text, ctx.due)
        if said != rest:
            raise _refuse(
                f"De rest is {format_amount(rest)} ({format_amount(ctx.due)} min {format_amount(first.amount)}), "
                f"niet {format_amount(said)}.",
                f"Wordt de rest van {format_amount(rest)} op die datum betaald?",
            )
    on = _payment_date(date_text, ctx)
    payments = [first, Payment(amount=rest, on=on)]
    _check_payments(AgreementKind.partial_payment, payments, ctx, None)
    return _Change(agreement.model_copy(update={"payments": payments}), _say_partial(payments))


def _split_callback(text: str, ctx: _Context) -> tuple[str, datetime]:
    t = re.sub(r"\s+", " ", text.strip())
    if "," in t:
        person, moment_text = (part.strip() for part in t.split(",", 1))
        return person, resolve_moment(moment_text, ctx.now)
    m = re.fullmatch(r"(.+?)\s+op\s+(.+)", t)
    if m and not re.search(r"\d", m.group(1)):
        return m.group(1), resolve_moment(m.group(2), ctx.now)
    words = t.split(" ")
    first_error: AgreementError | None = None
    for i in range(1, len(words)):
        person = " ".join(words[:i])
        if re.search(r"\d", person):
            break
        try:
            return person, resolve_moment(" ".join(words[i:]), ctx.now)
        except AgreementError as exc:
            first_error = first_error or exc
    try:
        resolve_moment(t, ctx.now)
    except AgreementError:
        if first_error is not None:
            raise first_error from None
        raise
    raise _refuse("Nog niet genoteerd wie er wordt teruggebeld.",
                  "Wie kan ik dan terugbellen? Typ bijvoorbeeld ‘Petra, dinsdag om 10 uur’.")


def _enter_callback(agreement: Agreement, text: str, ctx: _Context) -> _Change:
    from belscript.calltime import holiday_name, is_golden, is_working_day

    person, at = _split_callback(text, ctx)
    if not re.search(r"[^\W\d_]", person) or re.search(r"\d", person):
        raise _refuse(f"‘{person}’ is geen naam.",
                      "Wie kan ik dan terugbellen? Typ bijvoorbeeld ‘Petra, dinsdag om 10 uur’.")
    kind, note = _kind_switch(agreement, AgreementKind.callback, ctx)
    callback = Callback(person=person, at=at)
    wrong = [i for i in callback_issues(callback, policy=ctx.policy, today=ctx.now) if not i.incomplete]
    if wrong:
        raise _refuse(" ".join(i.text for i in wrong), next((i.hint for i in wrong if i.hint), None))
    warnings = [note] if note else []
    if not is_working_day(at.date()):
        name = holiday_name(at.date())
        warnings.append(f"Let op: {say_date(at)} is {'een feestdag (' + name + ')' if name else 'geen werkdag'}.")
    elif not is_golden(at):
        warnings.append("Let op: dat is buiten de gouden beluren (09:30–11:30 en 13:30–15:30).")
    change = agreement.model_copy(update={"kind": kind, "callback": callback, "payments": []})
    return _Change(change, f"{person}, {say_moment(at)}", " ".join(warnings) or None)


def _enter_if_broken(agreement: Agreement, text: str, ctx: _Context) -> _Change:
    consequence = re.sub(r"\s+", " ", text.strip())
    if _STANDARD.fullmatch(consequence.lower().strip(" .")):
        if not ctx.policy.if_broken.strip():
            raise _refuse("Dit belscript heeft geen standaardgevolg.",
                          "Typ wat er gebeurt als de betaling niet op tijd binnen is.")
        consequence = ctx.policy.if_broken.strip()
    elif _EMPTY_CONSEQUENCE.search(consequence.lower()) or len(re.findall(r"[^\W\d_]", consequence)) < 5:
        raise _refuse(
            f"‘{text.strip()}’ zegt niet wat er gebeurt als de afspraak niet wordt nagekomen.",
            "Wat gebeurt er als de betaling niet op tijd binnen is? Bijvoorbeeld: "
            "‘dan dragen we de vordering over aan een incassobureau’.",
        )
    return _Change(agreement.model_copy(update={"if_broken": consequence}), consequence)


_HANDLERS = {
    "soort": _enter_kind,
    "naam": _enter_name,
    "bedrag": _enter_amount,
    "datum": _enter_date,
    "termijnen": _enter_instalments,
    "deelbetaling": _enter_partial,
    "rest": _enter_rest,
    "terugbellen": _enter_callback,
    "gevolg": _enter_if_broken,
}


def apply(
    agreement: Agreement,
    field: str,
    text: str,
    *,
    policy: AgreementPolicy,
    amount_due: Decimal | str | int | None,
    today: date | datetime,
) -> tuple[Agreement, Feedback]:
    """Enter ``text`` into ``field``; returns the new agreement and the feedback to show.

    ``today`` may be the current :class:`~datetime.datetime` (then a callback earlier
    today is refused as past). The input agreement is never modified; a refused entry
    returns it unchanged with ``ok=False``.
    """
    due = None if amount_due is None else (
        amount_due.quantize(CENT) if isinstance(amount_due, Decimal) else parse_amount(amount_due)
    )
    ctx = _Context(policy=policy, due=due, today=today)

    def missing(a: Agreement) -> list[str]:
        return problems(a, policy=policy, amount_due=due, today=today)

    name = field_name(field)
    if name is None:
        return agreement, Feedback(
            ok=False,
            message=f"‘{field}’ is geen onderdeel van de afspraak.",
            hint="Mogelijk zijn: " + ", ".join(FIELDS) + ".",
            missing=missing(agreement),
        )
    if not str(text).strip():
        return agreement, Feedback(ok=False, message=f"Er is niets ingevuld bij ‘{name}’.",
                                   hint=FIELDS[name], missing=missing(agreement))
    try:
        change = _HANDLERS[name](agreement, str(text), ctx)
    except AgreementError as exc:
        return agreement, Feedback(ok=False, message=exc.message, hint=exc.hint, missing=missing(agreement))
    message = " ".join(x for x in (change.note, *ctx.notes) if x) or None
    return change.agreement, Feedback(ok=True, shown=change.shown, message=message, missing=missing(change.agreement))

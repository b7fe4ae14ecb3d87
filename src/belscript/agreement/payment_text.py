"""Reading payments from typed text: an amount with its date, a list of payments, equal instalments.

``500 op 1 december, 400 op 1 januari, rest op 1 februari`` and ``3 termijnen vanaf 1
december`` become :class:`~belscript.agreement.model.Payment` lists; a promised date
that is only a loose phrase ("eind van de maand") is asked back, and a weekend day or
holiday is flagged (:attr:`EntryContext.notes`). Instalments are rounded to amounts
people can say (:func:`round_instalments`).
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from belscript.agreement.amounts import AMOUNT_HINT, parse_spoken_amount
from belscript.agreement.dates import add_months, loose_phrase, numbers_to_digits, resolve_date, say_date, working_day_note
from belscript.agreement.entry_checks import EntryContext, refuse
from belscript.agreement.model import Payment
from belscript.errors import AgreementError
from belscript.money import CENT, format_amount

#: Words for "the rest of the amount" in a payment list.
REST = r"(?:de |het )?(?:rest|restant|resterende bedrag|rest van het bedrag|overige|overige bedrag)"
#: An amount on its own ("€ 1.250,50", "250 euro").
AMOUNT_ONLY = r"(?:€\s*)?-?\d[\d.\s]*(?:,(?:\d{1,2}|-{1,2}))?(?:\s*(?:euro|eur))?"


def say_payments(payments: list[Payment]) -> str:
    """Payments in words: ``€ 416,83 op dinsdag 1 december 2026, €  … op …``."""
    return ", ".join(f"{format_amount(p.amount)} op {say_date(p.on)}" for p in payments)



def split_amount_and_date(text: str) -> tuple[str, str | None]:
    """``1.250,50 op vrijdag`` -> (``1.250,50``, ``vrijdag``); no date -> (text, None)."""
    t = text.strip()
    m = re.fullmatch(r"(.+?)\s+(?:op|per|uiterlijk|voor|vóór)\s+(.+)", t, re.I)
    if m:
        return m.group(1), m.group(2)
    m = re.fullmatch(r"(" + AMOUNT_ONLY + r")\s+(\D.*)", t, re.I)
    if m:
        return m.group(1), m.group(2)
    return t, None


def date_in(item: str, date_text: str, ctx: EntryContext) -> date:
    """The date of one item of a list; a refusal names the item."""
    try:
        return payment_date(date_text, ctx)
    except AgreementError as exc:
        if item.strip() == date_text.strip():
            raise
        raise refuse(f"Bij ‘{item.strip()}’: {exc.message}", exc.hint) from None


def payment_date(text: str, ctx: EntryContext) -> date:
    """A promised payment date: a loose phrase is asked back, a weekend day or holiday flagged.

    "Eind van de maand" is belscript's reading, not the customer's promise, so it is
    refused with that reading as the question to ask; the caller types the date the
    customer confirms. A Saturday or Christmas Day is accepted, with the nearest
    working day to propose (in :attr:`EntryContext.notes`).
    """
    from belscript.calltime import first_working_day, is_working_day

    on = resolve_date(text, ctx.day)
    if loose_phrase(text):
        if re.search(r"\beind", text.lower()):  # "eind van de maand": the last working day up to then
            while not is_working_day(on) and on > ctx.day:
                on -= timedelta(days=1)
        on = first_working_day(on)
        spoken = f"{on.day} {say_date(on).split()[2]}"
        raise refuse(
            f"‘{text.strip()}’ is nog geen datum: ik lees het als {say_date(on)}. Vraag de klant of dat klopt.",
            f"Vraag: ‘Dus uiterlijk {say_date(on)}?’ Bevestigt de klant het, typ dan de datum (‘{spoken}’).",
        )
    note = working_day_note(on, ctx.day)
    if note and note not in ctx.notes:
        ctx.notes.append(note)
    return on



def amount_in(item: str, amount_text: str, ctx: EntryContext) -> Decimal:
    """The amount of one item of a list; a refusal names the item."""
    try:
        return parse_spoken_amount(amount_text, ctx.due)
    except AgreementError as exc:
        raise refuse(f"Bij ‘{item.strip()}’: {exc.message}", exc.hint) from None


def parse_payment_list(text: str, ctx: EntryContext) -> list[Payment]:
    """``500 op 1 december, 400 op 1 januari, rest op 1 februari`` -> payments (rest computed)."""
    items = [i for i in re.split(r"\s*;\s*|,\s+|\s+en\s+|\n+", text.strip()) if i.strip()]
    if not items:
        raise refuse("Er zijn nog geen betalingen genoemd.", "Typ bijvoorbeeld ‘500 op 1 december, rest op 1 januari’.")
    parsed: list[tuple[Decimal | None, date]] = []
    for item in items:
        amount_text, date_text = split_amount_and_date(item)
        if date_text is None:
            raise refuse(
                f"Bij ‘{item.strip()}’ ontbreekt de datum.",
                "Op welke datum wordt dit bedrag betaald? Typ bijvoorbeeld ‘500 op 1 december’.",
            )
        on = date_in(item, date_text, ctx)
        if re.fullmatch(REST, amount_text.strip(), re.I):
            parsed.append((None, on))
        else:
            parsed.append((amount_in(item, amount_text, ctx), on))
    rests = [i for i, (a, _d) in enumerate(parsed) if a is None]
    if len(rests) > 1:
        raise refuse("Er kan maar één keer ‘rest’ worden genoemd.", "Noem bij de andere betalingen het bedrag.")
    if rests:
        if ctx.due is None:
            raise refuse("De rest is pas te berekenen als het openstaande bedrag bekend is.", AMOUNT_HINT)
        known = sum((a for a, _d in parsed if a is not None), Decimal("0.00"))
        rest = ctx.due - known
        if rest <= 0:
            raise refuse(
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


def equal_instalments(text: str, ctx: EntryContext) -> list[Payment] | None:
    """``3 termijnen vanaf 1 december`` -> equal monthly payments, the cents left over in the last."""
    t = numbers_to_digits(re.sub(r"\s+", " ", text.strip().lower()))
    count_match = _COUNT.search(t)
    if not count_match:
        return None
    count = int(count_match.group(1))
    if count < 2:
        raise refuse("Een betalingsregeling heeft minstens twee termijnen.",
                      "In hoeveel termijnen kunt u betalen, en vanaf welke datum?")
    if count > 60:
        raise refuse(f"{count} termijnen is geen betalingsregeling die u kunt opvolgen.",
                      f"Lukt het in {ctx.policy.max_instalments} termijnen?")
    start_match = _START.search(t)
    if not start_match:
        raise refuse("Nog niet gezegd vanaf welke datum de termijnen lopen.",
                      "Vanaf welke datum kunt u de eerste termijn betalen? Typ bijvoorbeeld ‘3 termijnen vanaf 1 december’.")
    start_text = start_match.group(1)
    for pattern in (_WEEKLY, _FORTNIGHTLY, _MONTHLY):
        start_text = pattern.sub(" ", start_text)
    start = date_in(text, start_text.strip(" ,"), ctx)
    if ctx.due is None:
        raise refuse("De termijnen zijn pas te berekenen als het openstaande bedrag bekend is.", AMOUNT_HINT)
    if _WEEKLY.search(t):
        dates = [start + timedelta(weeks=i) for i in range(count)]
    elif _FORTNIGHTLY.search(t):
        dates = [start + timedelta(weeks=2 * i) for i in range(count)]
    else:
        dates = [add_months(start, i) for i in range(count)]
    # The first date is the one the customer named; the dates worked out from it move
    # to the next working day when they fall on a weekend or a public holiday (nobody
    # can promise a bank transfer on New Year's Day).
    from belscript.calltime import first_working_day

    dates = dates[:1] + [first_working_day(d) for d in dates[1:]]
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


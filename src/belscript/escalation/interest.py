"""Statutory interest: art. 6:119 BW (consumers) and art. 6:119a BW (businesses).

How it is computed, as the law and common practice do it:

* interest runs for every day of the debtor's default (*verzuim*), from ``start`` up
  to and including ``end``; for an invoice with a payment term ``start`` is the day
  after the due date (art. 6:83 sub a and 6:119a lid 2 BW);
* simple interest per year at the rate in force on each day: the period is split
  wherever the rate changes, and each part is ``base × rate × days / 365`` (also in
  a leap year, as Dutch interest calculators do);
* after each full year of default the interest of that year is added to the base
  (art. 6:119 lid 2 and 6:119a lid 3 BW: *rente op rente*);
* each line is rounded to cents half up; the total is the sum of the rounded lines.

Rates come from :mod:`.rates`; a period the table does not cover (before its first
row or after ``confirmed_until``) is refused with a Dutch message.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from belscript.errors import EscalationError
from belscript.escalation.computation import Computation, Line, cents, percent
from belscript.escalation.facts import CustomerKind, check_amount, day_words
from belscript.escalation.rates import RatesTable, Schedule
from belscript.money import format_amount

ARTICLE = {CustomerKind.consumer: "art. 6:119 BW", CustomerKind.business: "art. 6:119a BW"}
NAME = {CustomerKind.consumer: "wettelijke rente", CustomerKind.business: "wettelijke handelsrente"}
UPDATE_HINT = "Werk de rentetabel bij: zie 'Rentetabel bijwerken' in docs/incasso.md."


def _add_year(d: date) -> date:
    try:
        return d.replace(year=d.year + 1)
    except ValueError:  # 29 February
        return d.replace(year=d.year + 1, day=28)


def schedule_for(table: RatesTable, kind: CustomerKind) -> Schedule:
    return table.commercial if kind is CustomerKind.business else table.statutory


def check_covered(table: RatesTable, kind: CustomerKind, start: date, end: date) -> None:
    """Raise when the table has no confirmed rate for some day from ``start`` to ``end``."""
    schedule = schedule_for(table, kind)
    if start < schedule.first_day:
        raise EscalationError(
            f"De rentetabel voor de {NAME[kind]} begint op {day_words(schedule.first_day)}; rente vanaf "
            f"{day_words(start)} berekent belscript daarom niet.", hint=UPDATE_HINT)
    if end > schedule.last_day:
        raise EscalationError(
            f"De rentetabel voor de {NAME[kind]} loopt tot en met {day_words(schedule.last_day)}; rente tot en met "
            f"{day_words(end)} berekent belscript daarom niet: een geraden percentage zou een verkeerd bedrag geven.",
            hint=UPDATE_HINT)


def statutory_interest(principal: Decimal, start: date, end: date, kind: CustomerKind,
                       table: RatesTable) -> Computation:
    """Interest on ``principal`` for the days ``start``..``end`` (inclusive), line by line."""
    check_amount(principal, "De hoofdsom")
    title = f"{NAME[kind][0].upper()}{NAME[kind][1:]} ({ARTICLE[kind]})"
    if end < start:
        return Computation(title, Decimal("0.00"), (), f"Nog geen rente: het verzuim begint op {day_words(start)}.")
    check_covered(table, kind, start, end)
    periods = schedule_for(table, kind).periods
    lines: list[Line] = []
    base = principal
    total = Decimal("0.00")
    year_start = start
    years = 0
    while year_start <= end:
        year_end = min(_add_year(year_start) - timedelta(days=1), end)
        year_interest = Decimal("0.00")
        for p in periods:
            seg_start, seg_end = max(p.start, year_start), min(p.until, year_end)
            if seg_start > seg_end:
                continue
            days = (seg_end - seg_start).days + 1
            amount = cents(base * p.rate * days / Decimal(36500))
            lines.append(Line(f"{day_words(seg_start)} t/m {day_words(seg_end)}: {days} dagen × "
                              f"{percent(p.rate)} per jaar over {format_amount(base)}", amount))
            year_interest += amount
        total += year_interest
        if year_end == _add_year(year_start) - timedelta(days=1) and year_end < end:
            base += year_interest  # a full year has passed: interest joins the principal
            years += 1
        year_start = year_end + timedelta(days=1)
    note = "Per dag 1/365 van het jaarpercentage."
    if years:
        note += (f" Na elk vol jaar is de rente van dat jaar bij de hoofdsom opgeteld "
                 f"({'art. 6:119 lid 2' if kind is CustomerKind.consumer else 'art. 6:119a lid 3'} BW).")
    return Computation(title, cents(total), tuple(lines), note)

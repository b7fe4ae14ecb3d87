"""The first lines of today's call list without weighing every customer in full.

With thousands of overdue customers, reading each one's invoices, payments and calls
costs far more than the ten lines shown. For a customer with overdue invoices and no
promise, the store can say in one query what decides most of the score
(:class:`Overdue`: the overdue total, the oldest and newest due date, the last
reminder); :func:`upper_score` bounds the score from above by counting the parts it
cannot see (paying late on average, being reached now) as if they applied. Customers
whose facts were read anyway (promises, nothing overdue yet) are bounded by their
score without the reach bonus plus that bonus.

:func:`shortlist` then weighs customers in full in the order of their bound, a batch
at a time, until no bound left can beat the last line shown. The lines, their order
and their reasons are exactly those of :func:`~belscript.worklist.ranking.build` over
everyone: a customer left unweighed has a bound, hence a score, below the last line.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from belscript.worklist.facts import CustomerFacts, SlotCount
from belscript.worklist.ranking import (
    JUST_DUE,
    JUST_DUE_POINTS,
    LATE_PAYER_POINTS,
    REACHABLE_POINTS,
    REMINDER_POINTS,
    REMINDER_WINDOW,
    Entry,
    draft,
    overdue_points,
    with_reach,
)
from belscript.worklist.reachability import best_time


@dataclass(frozen=True)
class Overdue:
    """What the store knows in one query of a customer with overdue invoices and no promise."""

    position: int  # the customer's place in the store's order: equal lines keep it, as build does
    key: str
    name: str
    open_total: Decimal
    overdue_total: Decimal
    oldest_due: date
    newest_due: date
    last_reminder: date | None = None


def upper_score(customer: Overdue, today: date) -> int:
    """No less than the score :func:`build` gives this customer (see the module docstring)."""
    points = overdue_points((today - customer.oldest_due).days, customer.overdue_total)
    if (today - customer.newest_due).days in JUST_DUE:
        points += JUST_DUE_POINTS
    if customer.last_reminder is not None and (today - customer.last_reminder).days in REMINDER_WINDOW:
        points += REMINDER_POINTS
    return points + LATE_PAYER_POINTS + REACHABLE_POINTS


#: Reads the facts of these customers (whole history, calls not needed).
Expand = Callable[[list[Overdue]], list[CustomerFacts]]
#: Counts these customers' calls per slot (by name), for the learned best time.
Reach = Callable[[list[str]], dict[str, tuple[SlotCount, ...]]]


def shortlist(drafts: Sequence[tuple[int, Entry]], overdue: Sequence[Overdue], now: datetime, limit: int, *,
              expand: Expand, reach: Reach, batch: int = 25) -> list[Entry]:
    """The first ``limit`` lines of the list of ``drafts`` (``(position, entry)``, each
    weighed by :func:`draft`, without the reach) and ``overdue`` customers, weighing at
    least ``batch`` customers at a time (one read of the store and the log per batch)."""
    today = now.date()
    pending = sorted(
        [((-(e.score + REACHABLE_POINTS), -e.open_total, e.customer.name, pos), e) for pos, e in drafts]
        + [((-upper_score(o, today), -o.open_total, o.name, o.position), o) for o in overdue],
        key=lambda item: item[0])
    best: list[tuple[tuple, Entry]] = []
    step = max(limit, batch)
    start = 0
    while start < len(pending) and limit > 0:
        if len(best) >= limit and pending[start][0] > best[limit - 1][0]:
            break  # every bound left is below the last line: nobody left can enter
        weighed = _weigh(pending[start:start + step], today, expand)
        start += step
        counts = reach([e.customer.name for _pos, e in weighed])
        for pos, entry in weighed:
            c = entry.customer
            full = with_reach(entry, now, best_time(c.calls, c.typed_best_time, counts.get(c.name, ())))
            best.append(((-full.score, -full.open_total, c.name, pos), full))
        best.sort(key=lambda item: item[0])
        del best[limit:]
    return [entry for _key, entry in best]


def _weigh(some: list[tuple[tuple, object]], today: date, expand: Expand) -> list[tuple[int, Entry]]:
    """These customers' entries without the reach: drafts as they are, overdue customers read and weighed."""
    ready = [(key[-1], item) for key, item in some if isinstance(item, Entry)]
    unread = [item for _key, item in some if isinstance(item, Overdue)]
    if unread:
        position = {o.key: o.position for o in unread}
        for facts in expand(unread):
            entry = draft(facts, today)
            if isinstance(entry, Entry):  # always, for a customer with an overdue invoice and no promise
                ready.append((position[facts.key], entry))
    return ready

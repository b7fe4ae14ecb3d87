"""When a customer is best reached, learned from the calls that actually reached them.

A typed preference ("dinsdagochtend") is a guess; the log knows better. Every call is
put in a slot (weekday and part of the day); the best slot is the one with the most
calls that reached the customer, ties broken by the share of attempts that reached
them. Two reached calls are needed before the log overrules what was typed: one lucky
call says little.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from belscript.dutch import WEEKDAYS
from belscript.worklist.facts import CallFacts, SlotCount

#: The least number of reached calls in one slot before it counts as learned.
MIN_REACHED = 2


@dataclass(frozen=True, order=True)
class Slot:
    """A weekday (0 = Monday) and a part of the day."""

    weekday: int
    part: str  # "ochtend", "middag", "avond"

    def words(self) -> str:
        return f"{WEEKDAYS[self.weekday]}{self.part}"

    def contains(self, moment: datetime) -> bool:
        return slot_of(moment) == self


@dataclass(frozen=True)
class BestTime:
    """The learned (or typed) best moment, in words, with the evidence behind it."""

    slot: Slot | None
    reached: int
    tried: int
    typed: str | None = None

    def words(self) -> str:
        if self.slot is not None:
            return f"meestal bereikt op {self.slot.words()} ({self.reached} van {self.tried} gesprekken)"
        if self.typed:
            return f"bereikbaar volgens klantgegevens: {self.typed}"
        return ""


#: The parts of the day and the hour each ends at (the store counts calls by the same split).
PARTS: tuple[tuple[str, int], ...] = (("ochtend", 12), ("middag", 17), ("avond", 24))


def part_of_day(moment: datetime) -> str:
    return next(name for name, end in PARTS if moment.hour < end)


def slot_of(moment: datetime) -> Slot:
    return Slot(moment.weekday(), part_of_day(moment))


def best_time(calls: tuple[CallFacts, ...] | list[CallFacts], typed: str | None = None,
              counts: tuple[SlotCount, ...] | None = None) -> BestTime:
    """The slot in which this customer was reached most often (see the module docstring).

    ``counts`` (calls per slot, counted by the store) stand in for ``calls`` when given."""
    if not counts and not calls:
        return BestTime(None, 0, 0, typed)
    if counts is not None:  # one count per slot: pick straight from them (thousands of customers per list)
        best = max((c for c in counts if c.reached), default=None,
                   key=lambda c: (c.reached, c.reached / c.tried, -c.weekday))
        if best is not None and best.reached >= MIN_REACHED:
            return BestTime(Slot(best.weekday, best.part), best.reached, best.tried, typed)
        return BestTime(None, 0, 0, typed)
    else:
        tried = Counter(slot_of(c.started_at) for c in calls)
        reached = Counter(slot_of(c.started_at) for c in calls if c.reached)
    if reached:
        slot, count = max(reached.items(), key=lambda kv: (kv[1], kv[1] / tried[kv[0]], -kv[0].weekday))
        if count >= MIN_REACHED:
            return BestTime(slot, count, tried[slot], typed)
    return BestTime(None, 0, 0, typed)

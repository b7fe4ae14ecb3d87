"""An amount together with how it was computed, line by line, in Dutch.

Every amount a letter states (collection costs, interest) must be explainable to the
owner and to the customer, so the functions that compute one return a
:class:`Computation`: the total and the lines that add up to it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


def cents(value: Decimal) -> Decimal:
    """Round to cents, half up: the one rounding rule of this package."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def percent(rate: Decimal) -> str:
    """``12,25%``, ``7%``, ``0,5%``: a percentage the Dutch way, without trailing zeros."""
    text = format(rate.normalize(), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",") + "%"


@dataclass(frozen=True)
class Line:
    """One step of a computation: a Dutch description and the amount it contributes."""

    text: str
    amount: Decimal


@dataclass(frozen=True)
class Computation:
    """A total and the lines that explain it; ``note`` says what was assumed."""

    title: str
    total: Decimal
    lines: tuple[Line, ...]
    note: str = ""

    def text_lines(self) -> list[str]:
        from belscript.money import format_amount

        out = [f"{line.text}: {format_amount(line.amount)}" for line in self.lines]
        out.append(f"{self.title}: {format_amount(self.total)}")
        return out

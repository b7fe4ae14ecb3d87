"""Collection costs by the scale of the *Besluit vergoeding voor buitengerechtelijke incassokosten*.

Article 2 of the Besluit (Stb. 2012, 141; https://zoek.officielebekendmakingen.nl/stb-2012-141.html)
sets the compensation for extrajudicial collection costs (art. 6:96 lid 2 sub c BW) as
a percentage of the principal, per bracket:

==================================  ======
over the first € 2.500               15%
over the next € 2.500                10%
over the next € 5.000                 5%
over the next € 190.000               1%
over the rest                       0,5%
==================================  ======

with a minimum of € 40 (lid 2) and a maximum of € 6.775 (lid 1). The maximum is
reached at a principal of € 1.000.000.

Rounding: each bracket's share is kept exact; the sum is rounded to cents half up
once, then the minimum and maximum apply. The principal is the sum of the open
amounts claimed together, without interest.

VAT (lid 3): a creditor who cannot deduct VAT may add it to the costs. That depends on
the creditor's own VAT position, which belscript does not know, so it is never added
here; docs/incasso.md explains it.
"""

from __future__ import annotations

from decimal import Decimal

from belscript.escalation.computation import Computation, Line, cents, percent
from belscript.escalation.facts import check_amount
from belscript.money import format_amount

#: (bracket width or None for "the rest", percentage)
BRACKETS: tuple[tuple[Decimal | None, Decimal], ...] = (
    (Decimal("2500"), Decimal("15")),
    (Decimal("2500"), Decimal("10")),
    (Decimal("5000"), Decimal("5")),
    (Decimal("190000"), Decimal("1")),
    (None, Decimal("0.5")),
)
MINIMUM = Decimal("40.00")
MAXIMUM = Decimal("6775.00")
SOURCE = "Besluit vergoeding voor buitengerechtelijke incassokosten, art. 2 (Stb. 2012, 141)"


def collection_costs(principal: Decimal) -> Computation:
    """The collection costs for ``principal``, with one line per bracket used."""
    check_amount(principal, "De hoofdsom")
    if principal == 0:
        raise_zero()
    lines: list[Line] = []
    rest = principal
    exact = Decimal("0")
    for width, rate in BRACKETS:
        if rest <= 0:
            break
        part = rest if width is None else min(rest, width)
        share = part * rate / Decimal(100)
        exact += share
        what = "over het meerdere" if width is None else f"over {'de eerste' if not lines else 'de volgende'} {format_amount(part)}"
        lines.append(Line(f"{percent(rate)} {what}", cents(share)))
        rest -= part
    total = cents(exact)
    note = ""
    if total < MINIMUM:
        note = f"Het minimum van {format_amount(MINIMUM)} geldt (art. 2 lid 2)."
        lines.append(Line("Aangevuld tot het minimum", MINIMUM - total))
        total = MINIMUM
    elif total > MAXIMUM:
        note = f"Het maximum van {format_amount(MAXIMUM)} geldt (art. 2 lid 1)."
        lines.append(Line("Beperkt tot het maximum", MAXIMUM - total))
        total = MAXIMUM
    return Computation(f"Incassokosten over {format_amount(principal)}", total, tuple(lines), note)


def raise_zero() -> None:
    from belscript.errors import EscalationError

    raise EscalationError("Er staat niets open; over € 0,00 worden geen incassokosten berekend.")

"""The weekly overview as a picture: bars in the terminal, and an HTML page to share.

A picture reads at a glance where a table of numbers does not. The terminal chart
uses block characters that every terminal font has; the HTML page is one
self-contained file (inline SVG, no scripts, no external resources), so it can be
mailed to a partner or bookkeeper and opened anywhere without a network.
"""

from __future__ import annotations

from decimal import Decimal
from html import escape

from belscript.worklist.overview import Overview
from belscript.worklist.words import amount_words, date_words

BAR = "█"
WIDTH = 30


def text_chart(view: Overview) -> list[str]:
    """Lines of a bar chart of the ageing, scaled to the largest bucket."""
    largest = max((b.amount for b in view.ageing), default=Decimal(0))
    label_width = max(len(b.label) for b in view.ageing)
    lines = []
    for bucket in view.ageing:
        length = 0 if largest <= 0 else round(WIDTH * float(bucket.amount / largest))
        if bucket.amount > 0:
            length = max(length, 1)
        count = f"{bucket.count} factu{'ur' if bucket.count == 1 else 'ren'}"
        lines.append(f"{bucket.label:<{label_width}}  {BAR * length:<{WIDTH}}  "
                     f"{amount_words(bucket.amount):>10}  ({count})")
    return lines


def summary_lines(view: Overview) -> list[str]:
    week, month = view.week, view.month
    return [
        f"Openstaand: {amount_words(view.open_total)}",
        f"Toezeggingen deze week: {week.made} gedaan, {week.kept} nagekomen, {week.broken} niet nagekomen, "
        f"{week.open} lopen nog",
        f"Toezeggingen deze maand: {month.made} gedaan, {month.kept} nagekomen, {month.broken} niet nagekomen, "
        f"{month.open} lopen nog",
        f"Binnengekomen na een gesprek (deze maand): {amount_words(view.collected_after_calls)}",
        f"Gesprekken deze week: {view.calls_this_week}",
    ]


def html_page(view: Overview, business: str = "") -> str:
    """A self-contained HTML page with the ageing as an SVG bar chart and the figures."""
    largest = max((b.amount for b in view.ageing), default=Decimal(0))
    bar_width, row, left = 360, 34, 170
    colours = ("#7aa874", "#e0b84c", "#e08a3c", "#d0573a", "#9c2f2f")
    bars = []
    for i, bucket in enumerate(view.ageing):
        length = 0 if largest <= 0 else bar_width * float(bucket.amount / largest)
        y = 10 + i * row
        bars.append(
            f'<text x="0" y="{y + 18}">{escape(bucket.label)}</text>'
            f'<rect x="{left}" y="{y}" width="{length:.1f}" height="24" fill="{colours[i]}"/>'
            f'<text x="{left + length + 8:.1f}" y="{y + 18}">{escape(amount_words(bucket.amount))} '
            f'({bucket.count})</text>')
    height = 20 + row * len(view.ageing)
    title = f"Overzicht debiteuren {escape(date_words(view.today, view.today.replace(year=1)))}"
    if business:
        title += f" – {escape(business)}"
    items = "".join(f"<li>{escape(line)}</li>" for line in summary_lines(view))
    return (
        "<!DOCTYPE html>\n<html lang=\"nl\"><head><meta charset=\"utf-8\">"
        f"<title>{title}</title>"
        "<style>body{font-family:sans-serif;margin:2em;color:#222}svg text{font-size:14px}</style>"
        f"</head><body><h1>{title}</h1><h2>Ouderdom van openstaande facturen</h2>"
        f"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{left + bar_width + 160}\" height=\"{height}\" "
        f"role=\"img\" aria-label=\"Ouderdom van openstaande facturen\">{''.join(bars)}</svg>"
        f"<h2>Deze week en maand</h2><ul>{items}</ul></body></html>\n"
    )

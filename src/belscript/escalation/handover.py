"""The handover file for a collection agency or bailiff: CSV and a PDF summary.

Everything the agency asks for, so nothing has to be retyped: the customer and its
contacts, the open invoices, every call with its outcome and promise, the promises
and whether they were kept, and the letters and other steps taken.

The CSV is made for Dutch Excel: semicolon separated, UTF-8 with a byte-order mark
(else Excel reads it as Windows-1252 and garbles "ë" and "€"), dates as ``dd-mm-jjjj``,
amounts with a decimal comma and no thousands separator. A cell that starts with
``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading apostrophe, so a
customer name such as ``=HYPERLINK(…)`` is shown as text and never run as a formula
(CSV injection).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from belscript.dutch import short_date
from belscript.escalation.facts import CallRecord, CustomerFacts, Party, Promise, check_facts, day_words
from belscript.escalation.ladder import STEPS
from belscript.money import format_amount

COLUMNS = ("soort", "datum", "referentie", "omschrijving", "bedrag", "open", "vervaldatum", "uitkomst", "toezegging")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
DISCLAIMER = ("Samenvatting gemaakt met belscript voor de overdracht van deze vordering. Controleer de gegevens; "
              "dit is geen juridisch advies.")


@dataclass(frozen=True)
class Handover:
    """What is handed over for one customer."""

    creditor: Party
    debtor: Party
    facts: CustomerFacts
    today: date
    contacts: tuple[Party, ...] = ()
    calls: tuple[CallRecord, ...] = ()


def safe_cell(value: str) -> str:
    """A cell Excel shows as text: formula-like starts get a leading apostrophe."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def csv_amount(value: Decimal) -> str:
    """``2450,00``: what Dutch Excel reads as a number."""
    return f"{value:.2f}".replace(".", ",")


def promise_words(p: Promise, today: date) -> str:
    state = "nagekomen" if p.kept else ("niet nagekomen" if p.broken_by(today) else "loopt nog")
    return f"{format_amount(p.amount)} uiterlijk op {short_date(p.pay_by)} ({state})"


def _rows(h: Handover) -> list[tuple[str, ...]]:
    d, f = h.debtor, h.facts
    rows: list[tuple[str, ...]] = [
        ("klant", "", d.number or "", " | ".join(x for x in (d.name, f.kind.label, d.address, d.email, d.phone) if x),
         "", csv_amount(f.principal), "", "", ""),
        ("schuldeiser", "", "", " | ".join(x for x in (h.creditor.name, h.creditor.contact, h.creditor.email,
                                                          h.creditor.phone, h.creditor.iban) if x), "", "", "", "", ""),
    ]
    for c in h.contacts:
        rows.append(("contactpersoon", "", "", " | ".join(x for x in (c.name, c.email, c.phone) if x), "", "", "", "", ""))
    for inv in f.invoices:
        rows.append(("factuur", short_date(inv.invoice_date) if inv.invoice_date else "", inv.number, "",
                     csv_amount(inv.total), csv_amount(inv.open_amount), short_date(inv.due_date), "", ""))
    for call in sorted(h.calls, key=lambda c: c.at):
        rows.append(("gesprek", f"{short_date(call.at.date())} {call.at:%H:%M}", "",
                     f"met {call.who}" + (f": {call.note}" if call.note else ""), "", "", "", call.outcome,
                     promise_words(call.promise, h.today) if call.promise else ""))
    for p in sorted(f.promises, key=lambda p: p.made_on):
        rows.append(("toezegging", short_date(p.made_on), "", "", csv_amount(p.amount), "", "", "",
                     promise_words(p, h.today)))
    for step in sorted(f.done, key=lambda s: s.on):
        label = STEPS[step.step].label if step.step in STEPS else step.step
        rows.append(("stap", short_date(step.on), "", label, "", "", "", "", ""))
    for refused in sorted(f.refusals):
        rows.append(("weigering", short_date(refused), "", "klant weigerde te betalen", "", "", "", "", ""))
    return rows


def handover_csv(h: Handover) -> bytes:
    """The handover as CSV bytes for Dutch Excel (see the module docstring)."""
    check_facts(h.facts, h.today)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(COLUMNS)
    for row in _rows(h):
        writer.writerow([safe_cell(cell) for cell in row])
    return buffer.getvalue().encode("utf-8-sig")


def handover_pdf(h: Handover) -> bytes:
    """A printable summary of the same facts."""
    from belscript.escalation.pdf import A4_WIDTH, MARGIN, new_document, output, paragraph, table

    check_facts(h.facts, h.today)
    f, d = h.facts, h.debtor
    full = A4_WIDTH - 2 * MARGIN
    pdf = new_document(f"Overdracht {d.name}", h.creditor.name, h.today, DISCLAIMER)
    paragraph(pdf, f"Overdracht vordering: {d.name}", bold=True, size=14, gap=2)
    paragraph(pdf, f"Opgesteld op {day_words(h.today)} door {h.creditor.contact or h.creditor.name} "
                   f"({h.creditor.name}). Totaal open: {format_amount(f.principal)}.", gap=4)
    who = [("Klant", " | ".join(x for x in (d.name, f.kind.label, d.number and f"klantnummer {d.number}") if x)),
           ("Adres", d.address or "onbekend"), ("E-mail en telefoon", " | ".join(x for x in (d.email, d.phone) if x) or "onbekend"),
           ("Schuldeiser", " | ".join(x for x in (h.creditor.name, h.creditor.contact, h.creditor.email,
                                                  h.creditor.phone, h.creditor.iban and f"IBAN {h.creditor.iban}") if x))]
    table(pdf, ("Gegevens", ""), who, (full * 0.25, full * 0.75), amounts=False)
    if h.contacts:
        paragraph(pdf, "Contactpersonen", bold=True, size=11, gap=1)
        table(pdf, ("Naam", "E-mail", "Telefoon"),
              [(c.name, c.email or "", c.phone or "") for c in h.contacts], (full * 0.35, full * 0.4, full * 0.25),
              amounts=False)
    paragraph(pdf, "Facturen", bold=True, size=11, gap=1)
    inv_rows = [(i.number, short_date(i.invoice_date) if i.invoice_date else "", short_date(i.due_date),
                 format_amount(i.total), format_amount(i.open_amount)) for i in f.invoices]
    inv_rows.append(("Totaal", "", "", "", format_amount(f.principal)))
    table(pdf, ("Factuur", "Factuurdatum", "Vervaldatum", "Bedrag", "Open"), inv_rows,
          (full * 0.24, full * 0.19, full * 0.19, full * 0.19, full * 0.19), bold_last=True)
    paragraph(pdf, "Gesprekken", bold=True, size=11, gap=1)
    if h.calls:
        table(pdf, ("Wanneer", "Met", "Uitkomst en toezegging"),
              [(f"{short_date(c.at.date())} {c.at:%H:%M}", c.who,
                "; ".join(x for x in (c.outcome, c.note, c.promise and promise_words(c.promise, h.today)) if x))
               for c in sorted(h.calls, key=lambda c: c.at)], (full * 0.2, full * 0.25, full * 0.55), amounts=False)
    else:
        paragraph(pdf, "Geen gesprekken vastgelegd.")
    if f.promises:
        paragraph(pdf, "Toezeggingen", bold=True, size=11, gap=1)
        table(pdf, ("Gedaan op", "Toezegging"),
              [(short_date(p.made_on), promise_words(p, h.today)) for p in sorted(f.promises, key=lambda p: p.made_on)],
              (full * 0.25, full * 0.75), amounts=False)
    paragraph(pdf, "Verstuurde brieven en gezette stappen", bold=True, size=11, gap=1)
    steps = [(short_date(s.on), STEPS[s.step].label if s.step in STEPS else s.step)
             for s in sorted(f.done, key=lambda s: s.on)]
    steps += [(short_date(r), "klant weigerde te betalen") for r in sorted(f.refusals)]
    if steps:
        table(pdf, ("Datum", "Stap"), steps, (full * 0.25, full * 0.75), amounts=False)
    else:
        paragraph(pdf, "Nog geen brieven verstuurd.")
    return output(pdf)


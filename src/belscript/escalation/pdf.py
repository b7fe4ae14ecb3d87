"""A small A4 document writer on top of ``fpdf2``, shared by the letters and the handover summary.

``fpdf2`` is pure Python, actively maintained, has no native dependencies and draws
tables with wrapping cells, which is all a collection letter needs. It is imported
inside :func:`new_document`, so nothing pays for it until a PDF is made.

Text uses the built-in Helvetica in the Windows-1252 encoding, which holds every
Dutch letter and the euro sign; a character outside it (a name in another script) is
written without its accent or as ``?`` rather than failing. The creation date is the
document's own date, so the same letter gives the same bytes.
"""

from __future__ import annotations

import unicodedata
from datetime import date, datetime
from typing import Sequence

A4_WIDTH = 210
MARGIN = 20
GREY = (100, 100, 100)


def pdf_text(text: str) -> str:
    """``text`` limited to what the PDF's font can show (see the module docstring)."""
    out = []
    for ch in text.replace("→", "->").replace("€ ", "€\u00a0"):
        try:
            ch.encode("cp1252")
            out.append(ch)
        except UnicodeEncodeError:
            base = unicodedata.normalize("NFKD", ch).encode("cp1252", "ignore").decode("cp1252")
            out.append(base or "?")
    return "".join(out)


def new_document(title: str, author: str, on: date, footer: str):
    """An FPDF with our margins, font, metadata and a footer line on every page."""
    from fpdf import FPDF

    class _Doc(FPDF):
        def footer(self) -> None:  # noqa: D401 - fpdf2 hook
            self.set_y(-18)
            self.set_font("Helvetica", size=7)
            self.set_text_color(*GREY)
            self.multi_cell(0, 3.2, pdf_text(footer), new_x="LMARGIN", new_y="NEXT")
            self.cell(0, 3.2, f"Pagina {self.page_no()} van {{nb}}", align="R")
            self.set_text_color(0, 0, 0)

    pdf = _Doc(format="A4")
    pdf.core_fonts_encoding = "windows-1252"
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.set_auto_page_break(auto=True, margin=24)
    pdf.set_title(pdf_text(title))
    pdf.set_author(pdf_text(author))
    pdf.set_creator("belscript")
    pdf.set_creation_date(datetime(on.year, on.month, on.day))
    pdf.alias_nb_pages()
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    return pdf


def paragraph(pdf, text: str, *, size: float = 10, bold: bool = False, gap: float = 3) -> None:
    pdf.set_font("Helvetica", style="B" if bold else "", size=size)
    pdf.multi_cell(0, size * 0.5, pdf_text(text), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(gap)
    pdf.set_font("Helvetica", size=10)


def table(pdf, header: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float],
          *, bold_last: bool = False, size: float = 9, amounts: bool = True) -> None:
    """A table with a bold header row; with ``amounts`` the last column is right-aligned."""
    from fpdf.fonts import FontFace

    pdf.set_font("Helvetica", size=size)
    align = ["LEFT"] * (len(header) - 1) + ["RIGHT" if amounts else "LEFT"]
    with pdf.table(col_widths=widths, text_align=align, width=sum(widths), align="LEFT",
                   line_height=size * 0.55, padding=1.2,
                   headings_style=FontFace(emphasis="BOLD", fill_color=(235, 235, 235)),
                   borders_layout="HORIZONTAL_LINES") as t:
        head = t.row()
        for cell in header:
            head.cell(pdf_text(cell))
        for i, row in enumerate(rows):
            style = FontFace(emphasis="BOLD") if bold_last and i == len(rows) - 1 else None
            r = t.row(style=style)
            for cell in row:
                r.cell(pdf_text(cell))
    pdf.ln(4)
    pdf.set_font("Helvetica", size=10)


def output(pdf) -> bytes:
    return bytes(pdf.output())

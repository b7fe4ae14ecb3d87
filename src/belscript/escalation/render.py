"""A :class:`~.letters.Letter` as an ``.eml`` (ready to send) and as a printable PDF.

The ``.eml`` is built like the confirmation e-mail (:mod:`belscript.followup.email`):
standard library ``email``, UTF-8, CRLF, marked ``X-Unsent: 1`` so mail programs open
it as a draft to check and send. The PDF is an A4 letter: sender top right, the
addressee where a window envelope shows it, date and subject, the text with its
tables, and the legal basis with the "not legal advice" note in the footer.
"""

from __future__ import annotations

import email.policy
from datetime import datetime, time
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime

from belscript.escalation.facts import day_words
from belscript.escalation.letters import Letter, Table
from belscript.escalation.pdf import A4_WIDTH, MARGIN, new_document, output, paragraph, pdf_text, table

_EML_POLICY = email.policy.default.clone(linesep="\r\n")


def _address(name: str | None, addr: str) -> str:
    try:
        return str(Address(display_name=name or "", addr_spec=addr))
    except (ValueError, IndexError):
        return addr


def letter_email(letter: Letter) -> EmailMessage:
    """The letter as an e-mail draft (the plain text body carries everything the PDF has)."""
    msg = EmailMessage(policy=_EML_POLICY)
    if letter.debtor.email:
        msg["To"] = _address(letter.debtor.contact or letter.debtor.name, letter.debtor.email)
    if letter.creditor.email:
        msg["From"] = _address(letter.creditor.contact or letter.creditor.name, letter.creditor.email)
    msg["Subject"] = letter.subject
    msg["Date"] = format_datetime(datetime.combine(letter.on, time(9, 0)).astimezone())
    msg["X-Unsent"] = "1"
    msg.set_content(letter.text(), charset="utf-8")
    return msg


def letter_eml(letter: Letter) -> bytes:
    """The ``.eml`` file's bytes."""
    return letter_email(letter).as_bytes(policy=_EML_POLICY)


def _lines(*parts: str | None) -> list[str]:
    out: list[str] = []
    for part in parts:
        if part:
            out += [p.strip() for p in part.split(",") if p.strip()] if "," in part and "@" not in part else [part]
    return out


def letter_pdf(letter: Letter) -> bytes:
    """The letter as an A4 PDF."""
    c, d = letter.creditor, letter.debtor
    pdf = new_document(letter.subject, c.name, letter.on, letter.footer)
    text_width = A4_WIDTH - 2 * MARGIN
    # sender, top right
    pdf.set_font("Helvetica", style="B", size=12)
    pdf.cell(0, 6, pdf_text(c.name), align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=9)
    for line in _lines(c.address, c.phone, c.email) + ([f"IBAN {c.iban}"] if c.iban else []):
        pdf.cell(0, 4.2, pdf_text(line), align="R", new_x="LMARGIN", new_y="NEXT")
    # addressee, in the window of a DL envelope
    pdf.set_y(max(pdf.get_y() + 6, 50))
    pdf.set_font("Helvetica", size=10)
    for line in [d.name] + ([f"t.a.v. {d.contact}"] if d.contact else []) + _lines(d.address):
        pdf.cell(0, 5, pdf_text(line), new_x="LMARGIN", new_y="NEXT")
    pdf.set_y(max(pdf.get_y() + 12, 85))
    pdf.cell(0, 5, pdf_text(f"Datum: {day_words(letter.on)}"), new_x="LMARGIN", new_y="NEXT")
    if d.number:
        pdf.cell(0, 5, pdf_text(f"Klantnummer: {d.number}"), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    paragraph(pdf, letter.subject, bold=True, size=11, gap=5)
    paragraph(pdf, letter.greeting)
    for block in letter.blocks:
        if isinstance(block, Table):
            widths = _widths(block, text_width)
            table(pdf, block.header, block.rows, widths, bold_last=block.bold_last)
        else:
            paragraph(pdf, block)
    pdf.ln(2)
    closing = letter.closing
    paragraph(pdf, closing[0], gap=8)
    for line in closing[2:]:
        pdf.cell(0, 5, pdf_text(line), new_x="LMARGIN", new_y="NEXT")
    return output(pdf)


def _widths(block: Table, full: float) -> tuple[float, ...]:
    if len(block.header) == 3:
        return (full * 0.35, full * 0.4, full * 0.25)
    return (full * 0.78, full * 0.22)

"""Writing the after-call documents to the call's own owner-only folder.

``<home>/calls/<id>/`` gets ``bevestiging.eml`` (the confirmation, to open in a mail
program as a draft), ``afspraken.ics`` (promised dates, checks, callback or
follow-up), ``samenvatting.txt`` (the recap) and, without an agreement,
``notitie.txt`` (a note to self with the follow-up moment).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from belscript.followup.email import Confirmation, confirmation, note_to_self
from belscript.followup.facts import AfterCall
from belscript.followup.ics import calendar_entries, calendar_ics
from belscript.followup.recap import recap_text
from belscript.private_files import private_dir, write_private

EMAIL_FILE = "bevestiging.eml"
CALENDAR_FILE = "afspraken.ics"
RECAP_FILE = "samenvatting.txt"
NOTE_FILE = "notitie.txt"


@dataclass(frozen=True)
class Documents:
    """The files written for one call (``None`` where a document does not apply)."""

    folder: Path
    recap: Path
    email: Path | None
    calendar: Path | None
    note: Path | None
    confirmation: Confirmation | None

    @property
    def paths(self) -> list[Path]:
        return [p for p in (self.email, self.calendar, self.recap, self.note) if p is not None]


def write_documents(after: AfterCall, folder: Path) -> Documents:
    """Write every document that applies to ``folder`` (created owner-only); return where they are."""
    private_dir(folder)
    mail = confirmation(after)
    note = note_to_self(after)
    return Documents(
        folder=folder,
        recap=write_private(folder / RECAP_FILE, recap_text(after) + "\n"),
        email=write_private(folder / EMAIL_FILE, mail.eml()) if mail else None,
        calendar=write_private(folder / CALENDAR_FILE, calendar_ics(after)) if calendar_entries(after) else None,
        note=write_private(folder / NOTE_FILE, note) if note else None,
        confirmation=mail,
    )

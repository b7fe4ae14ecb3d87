"""After the call: the recap to read back, the confirmation e-mail, the calendar file, the evaluation.

Everything here works from plain facts (:class:`AfterCall`: dossier, outcome, our
to-dos, contact, the script's ``if_broken`` text, "now"), never from a live call, so
the call screen, practice and ``belscript log show`` produce the same documents::

    after = AfterCall.from_facts(dossier, call.facts, clock=clock)   # or AfterCall.from_record(record)
    recap_text(after); confirmation(after).eml(); calendar_ics(after)
    write_documents(after, journal.folder(call_id))
"""

from belscript.followup.email import Confirmation, confirmation, mailto_link, note_to_self
from belscript.followup.evaluation import QUESTIONS, Observation, answers, observations
from belscript.followup.facts import AfterCall
from belscript.followup.ics import calendar_description, calendar_entries, calendar_ics
from belscript.followup.output import Documents, write_documents
from belscript.followup.recap import recap_lines, recap_text

__all__ = [
    "AfterCall", "Confirmation", "Documents", "Observation", "QUESTIONS",
    "answers", "calendar_description", "calendar_entries", "calendar_ics", "confirmation", "mailto_link", "note_to_self",
    "observations", "recap_lines", "recap_text", "write_documents",
]

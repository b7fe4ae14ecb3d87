"""One call from the log as text: what ``belscript log show`` prints.

Everything here reads the stored events through :class:`~belscript.engine.state.CallState`
and the follow-up wording, so the log, the live screen and practice describe a call the
same way. The command (``cli/cmd_log.py``) only prints the text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable

from belscript.dutch import short_date

if TYPE_CHECKING:  # pragma: no cover
    from belscript.journal import CallRecord, Journal

__all__ = ["call_report", "outcome_text"]


def outcome_text(record: "CallRecord") -> str:
    """The outcome as the log lists it ('onderbroken', 'afgebroken (…)', or the outcome's label)."""
    from belscript.followup.wording import outcome_label

    if record.status == "open":
        return "onderbroken"
    reason = (record.outcome_data or {}).get("reason") if record.outcome_data else None
    label = outcome_label(record.outcome_kind, reason)
    return f"afgebroken ({label})" if record.status == "aborted" and record.outcome_kind else label


def _short_date(value: Any) -> str:
    return short_date(value) if value else ""


def _head_facts(record: "CallRecord", events: list) -> list[tuple[str, str]]:
    """When the call began, who made it (when a caller's name was set), the script, the status."""
    from belscript.followup.wording import say_moment
    from belscript.journal.records import UNREADABLE_TIME

    status = {"open": "onderbroken (hervat met 'belscript call --resume')", "ended": "afgerond",
              "aborted": "afgebroken"}[record.status]
    started = "onleesbaar" if record.started_at == UNREADABLE_TIME else say_moment(record.started_at)
    caller = next((e.payload.caller for e in events if e.kind == "started"), "")
    return [("Begonnen", started), *([("Beller", caller)] if caller else []), ("Script", record.script_name + (
        f" ({record.script_path})" if record.script_path else "")), ("Status", status)]


def call_report(journal: "Journal", call_id: int, *, email: bool = False, documents: bool = False,
                practice_score: Callable[[list], list[str]] | None = None) -> str:
    """The text of ``belscript log show``: facts, recap, notes, warnings, evaluation, timeline.

    ``documents`` (re)writes the e-mail, calendar file and recap into the call's folder
    first. ``practice_score`` turns a practice session's events into the lines of its
    stored score (the practice layer sits above the log, so its caller hands it in).
    Raises :class:`~belscript.journal.UnknownCall` for a number that is not in the log.
    """
    from belscript.followup.facts import AfterCall
    from belscript.followup.recap import recap_lines
    from belscript.journal.timeline import describe

    record = journal.get(call_id)
    events = journal.events(call_id)
    title = "Oefengesprek" if record.practice else "Gesprek"
    facts, dossier = _facts(record, events)
    width = max(len(k) for k, _ in facts) + 1
    out = [f"{title} {record.id}: {record.customer}"] + [f"  {(k + ':').ljust(width)} {v}" for k, v in facts]
    after = AfterCall.from_record(record) if dossier is not None else None
    if after is not None:
        out += ["", "Afspraken (samenvatting)"] + [f"  {line}" for line in recap_lines(after)]
    out += _notes_and_warnings(events)
    out += _evaluation(record, events, practice_score)
    out += _documents(journal, call_id, after if documents else None)
    if email:
        out += _email(after)
    out += ["", "Verloop"] + [f"  {e.at:%H:%M:%S}  {e.seq:>3}  {describe(e)}" for e in events]
    return "\n".join(out)


def _facts(record: "CallRecord", events: list) -> tuple[list[tuple[str, str]], Any]:
    """The call's facts as label and value, and its customer file (``None`` when unreadable)."""
    from belscript.agreement.model import NoAgreement
    from belscript.followup.evaluation import call_duration, say_duration
    from belscript.followup.wording import invoices_phrase, say_moment
    from belscript.money import format_amount

    facts = _head_facts(record, events)
    duration = call_duration(events)
    if duration is not None:
        facts.append(("Duur", say_duration(duration)))
    facts.append(("Uitkomst", outcome_text(record)))
    if record.promised_amount is not None:
        facts.append(("Toegezegd", f"{format_amount(record.promised_amount)}, eerste betaling "
                                   f"{_short_date(record.first_promised_date)}"))
    outcome = record.outcome
    if isinstance(outcome, NoAgreement):
        if outcome.detail:
            facts.append(("Toelichting", outcome.detail))
        facts.append(("Vervolg", say_moment(outcome.follow_up)))
    facts.append(("Gesproken met", record.contact_person or "niet genoteerd"))
    try:
        dossier = record.dossier
        facts.append(("Over", f"{invoices_phrase(dossier)}, open {format_amount(dossier.total_due)}"))
    except ValueError:
        dossier = None
    return facts, dossier


def _notes_and_warnings(events: list) -> list[str]:
    """The notes and the phrasing warnings, each with its time."""
    from belscript.engine.state import CallState
    from belscript.journal.timeline import describe

    facts = CallState.fold(events)
    out = ["", "Notities"] + ([f"  {e.at:%H:%M}  {e.payload.text}" for e in facts.notes] or ["  (geen)"])
    return out + ["", "Waarschuwingen over woordkeuze"] + (
        [f"  {e.at:%H:%M}  {describe(e).split(': ', 1)[-1]}" for e in facts.warnings] or ["  (geen)"])


def _evaluation(record: "CallRecord", events: list, practice_score: Callable[[list], list[str]] | None) -> list[str]:
    """The caller's answers, then the observations (or, for practice, its stored score)."""
    from belscript.followup.evaluation import answers, observations

    out = ["", "Evaluatie"] + [f"  {q} {a}" for q, a in answers(events).items()]
    if record.practice:
        # one source: the practice score stored with the session, never a second opinion
        return out + (practice_score(events) if practice_score is not None else [])
    marks = {"good": "+", "improve": "!", "info": "·"}
    return out + [f"  {marks[o.tone]} {o.text}" for o in observations(events)]


def _documents(journal: "Journal", call_id: int, write: Any) -> list[str]:
    """The files in the call's folder, after (re)writing its documents when ``write`` is its AfterCall."""
    if write is not None:
        from belscript.followup.output import write_documents

        write_documents(write, journal.folder(call_id))
    folder = journal.home / "calls" / str(call_id)
    files = sorted(p for p in folder.iterdir() if p.is_file()) if folder.is_dir() else []
    return ["", "Documenten"] + [f"  {p}" for p in files] if files else []


def _email(after: Any) -> list[str]:
    """The confirmation e-mail and the note to self, or why there is none yet."""
    if after is None:
        return ["", "Nog geen bevestigingsmail: dit gesprek heeft (nog) geen uitkomst."]
    from belscript.followup.email import confirmation, note_to_self

    out: list[str] = []
    mail = confirmation(after)
    note = note_to_self(after)
    if mail is not None:
        out += ["", "Bevestigingsmail", *[f"  {line}" for line in mail.text.splitlines()], "", f"  {mail.mailto}"]
    if note:
        out += ["", "Notitie voor uzelf", *[f"  {line}" for line in note.splitlines()]]
    return out

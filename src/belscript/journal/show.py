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
    from belscript.agreement.model import NoAgreement
    from belscript.followup.evaluation import answers, call_duration, observations, say_duration
    from belscript.followup.facts import AfterCall
    from belscript.followup.recap import recap_lines
    from belscript.followup.wording import invoices_phrase, say_moment
    from belscript.engine.state import CallState
    from belscript.journal.timeline import describe
    from belscript.money import format_amount

    record = journal.get(call_id)
    events = journal.events(call_id)
    out: list[str] = []
    title = "Oefengesprek" if record.practice else "Gesprek"
    out.append(f"{title} {record.id}: {record.customer}")
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
    width = max(len(k) for k, _ in facts) + 1
    out += [f"  {(k + ':').ljust(width)} {v}" for k, v in facts]

    after = AfterCall.from_record(record) if dossier is not None else None
    if after is not None:
        out += ["", "Afspraken (samenvatting)"] + [f"  {line}" for line in recap_lines(after)]

    facts = CallState.fold(events)
    out += ["", "Notities"] + ([f"  {e.at:%H:%M}  {e.payload.text}" for e in facts.notes] or ["  (geen)"])
    out += ["", "Waarschuwingen over woordkeuze"] + (
        [f"  {e.at:%H:%M}  {describe(e).split(': ', 1)[-1]}" for e in facts.warnings] or ["  (geen)"])

    given = answers(events)
    out += ["", "Evaluatie"] + [f"  {q} {a}" for q, a in given.items()]
    if record.practice:
        # one source: the practice score stored with the session, never a second opinion
        out += practice_score(events) if practice_score is not None else []
    else:
        marks = {"good": "+", "improve": "!", "info": "·"}
        out += [f"  {marks[o.tone]} {o.text}" for o in observations(events)]

    if documents and after is not None:
        from belscript.followup.output import write_documents

        write_documents(after, journal.folder(call_id))
    folder = journal.home / "calls" / str(call_id)
    files = sorted(p for p in folder.iterdir() if p.is_file()) if folder.is_dir() else []
    if files:
        out += ["", "Documenten"] + [f"  {p}" for p in files]

    if email and after is not None:
        from belscript.followup.email import confirmation, note_to_self

        mail = confirmation(after)
        note = note_to_self(after)
        if mail is not None:
            out += ["", "Bevestigingsmail", *[f"  {line}" for line in mail.text.splitlines()], "", f"  {mail.mailto}"]
        if note:
            out += ["", "Notitie voor uzelf", *[f"  {line}" for line in note.splitlines()]]
    elif email:
        out += ["", "Nog geen bevestigingsmail: dit gesprek heeft (nog) geen uitkomst."]

    out += ["", "Verloop"] + [f"  {e.at:%H:%M:%S}  {e.seq:>3}  {describe(e)}" for e in events]
    return "\n".join(out)

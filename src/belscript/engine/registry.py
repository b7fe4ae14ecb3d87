"""The code behind every name a script may use in ``when:`` and ``do:``.

Scripts name behaviour; they never contain it. This module is the only place where a
name from YAML becomes Python: :data:`CONDITIONS` and :data:`ACTIONS` implement exactly
the names listed in :mod:`belscript.script.vocabulary` (a test holds them equal), and
the engine looks names up here and hands ``transitions`` plain callables, never
strings, because ``transitions`` would import a dotted string as a module path.

Conditions are predicates on a running call. Actions do not change the call
themselves: they *describe* their effect as an :class:`ActionResult` that the engine
records as an ``action`` event, so replaying the stored events reproduces the effect
without running the action again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from belscript.engine.call import Call


@dataclass(frozen=True)
class ActionResult:
    """What an action means for the call.

    ``todo`` is a Dutch line for the caller's to-do list (it ends up in the recap and the
    confirmation e-mail under "Wat wij doen", so it speaks of "wij" and never addresses
    anyone as "u" or "je"); ``hint`` is a Dutch reminder shown during the call only;
    ``recap_done`` marks that the agreements were repeated to the customer.
    """

    todo: str | None = None
    hint: str | None = None
    recap_done: bool = False

    def to_data(self) -> dict[str, object]:
        return {"todo": self.todo, "hint": self.hint, "recap_done": self.recap_done}


Condition = Callable[["Call"], bool]
Action = Callable[["Call"], ActionResult]


# --- conditions -------------------------------------------------------------------

def agreement_is_concrete(call: "Call") -> bool:
    return call.is_concrete()


def no_agreement_recorded(call: "Call") -> bool:
    return call.no_agreement is not None


def has_contact_person(call: "Call") -> bool:
    return bool(call.contact)


def has_complaints(call: "Call") -> bool:
    return any(inv.complaints for inv in call.dossier.invoices)


def has_reminders(call: "Call") -> bool:
    return bool(call.dossier.reminders)


def has_earlier_agreement(call: "Call") -> bool:
    return any(c.agreed for c in call.dossier.contacts)


def earlier_agreement_broken(call: "Call") -> bool:
    return any(c.agreed and c.kept is False for c in call.dossier.contacts)


def receipt_confirmed(call: "Call") -> bool:
    return any(inv.receipt_confirmed for inv in call.dossier.invoices if inv.open_amount > 0)


def is_overdue(call: "Call") -> bool:
    return call.clock.today() > call.dossier.oldest_invoice.due_date


def is_before_due_date(call: "Call") -> bool:
    """True up to and including the due date itself, so exactly one of this and
    :func:`is_overdue` holds: a service call on the due date is still a service call."""
    return not is_overdue(call)


def is_golden_hour(call: "Call") -> bool:
    from belscript import calltime

    return calltime.is_golden(call.clock.now())


CONDITIONS: dict[str, Condition] = {
    "agreement_is_concrete": agreement_is_concrete,
    "no_agreement_recorded": no_agreement_recorded,
    "has_contact_person": has_contact_person,
    "has_complaints": has_complaints,
    "has_reminders": has_reminders,
    "has_earlier_agreement": has_earlier_agreement,
    "earlier_agreement_broken": earlier_agreement_broken,
    "receipt_confirmed": receipt_confirmed,
    "is_overdue": is_overdue,
    "is_before_due_date": is_before_due_date,
    "is_golden_hour": is_golden_hour,
}


# --- actions ----------------------------------------------------------------------

def _invoices_phrase(call: "Call") -> str:
    values = call.template_values()
    if values["aantal_facturen"] == "1":
        return f"factuur {values['facturen']}"
    return f"de facturen {values['facturen']}"


def send_invoice_copy(call: "Call") -> ActionResult:
    email = call.template_values()["email_klant"]
    where = f" naar {email}" if email else " (vraag naar welk e-mailadres)"
    return ActionResult(
        todo=f"Een kopie van {_invoices_phrase(call)} per e-mail sturen{where}.",
        hint="Zeg toe dat u de kopie vandaag nog stuurt en spreek meteen een betaaldatum af.",
    )


def note_complaint(call: "Call") -> ActionResult:
    delivered = call.template_values()["geleverd"]
    about = f" over {delivered}" if delivered else ""
    return ActionResult(
        todo=f"De klacht{about} uitzoeken en de klant laten weten wat wij eraan doen.",
        hint="Noteer de klacht in de woorden van de klant en zeg toe dat u erop terugkomt.",
    )


def announce_confirmation(call: "Call") -> ActionResult:
    email = call.template_values()["email_klant"]
    to = f" naar {email}" if email else ""
    return ActionResult(todo=f"De afspraken binnen een half uur per e-mail bevestigen{to}.")


def announce_next_steps(call: "Call") -> ActionResult:
    if_broken = call.script.agreement.if_broken.strip()
    hint = "Vertel rustig en vriendelijk welke stappen volgen als de betaling uitblijft."
    if if_broken:
        hint += f" Volgens uw script: {if_broken}"
    return ActionResult(hint=hint)


def schedule_callback(call: "Call") -> ActionResult:
    from belscript import calltime
    from belscript.agreement.datewords import say_moment

    if call.agreement.callback is not None:
        cb = call.agreement.callback
        return ActionResult(todo=f"{cb.person} terugbellen op {say_moment(cb.at)}.")
    if call.no_agreement is not None:
        return ActionResult(todo=f"De klant terugbellen op {say_moment(call.no_agreement.follow_up)}.")
    # No moment agreed yet: never promise a time the customer did not agree to. The
    # agreed callback (or the follow-up of a no-agreement outcome) appears in the recap,
    # the e-mail and the calendar file from the agreement itself.
    suggestion = say_moment(calltime.follow_up_moment(call.clock.now()))
    return ActionResult(
        todo="Het afgesproken terugbelmoment in de agenda zetten.",
        hint=f"Spreek een vast terugbelmoment af: met wie, welke dag en hoe laat (bijvoorbeeld {suggestion}).",
    )


def ask_contact_name(call: "Call") -> ActionResult:
    if call.contact:
        return ActionResult(hint=f"U spreekt met {call.contact}.")
    return ActionResult(hint="Vraag met wie u spreekt en noteer de naam.")


def check_payment_received(call: "Call") -> ActionResult:
    total = call.template_values()["totaal"]
    return ActionResult(
        todo=f"Nagaan of de betaling van {total} al binnen is en de klant laten weten wat wij vinden.",
        hint="Vraag op welke datum en naar welk rekeningnummer er is betaald.",
    )


def correct_invoice(call: "Call") -> ActionResult:
    number = call.template_values()["factuurnummer"]
    return ActionResult(todo=f"Factuur {number} controleren en zo nodig een gecorrigeerde factuur sturen.")


def mark_recap_done(call: "Call") -> ActionResult:
    return ActionResult(recap_done=True)


ACTIONS: dict[str, Action] = {
    "send_invoice_copy": send_invoice_copy,
    "note_complaint": note_complaint,
    "announce_confirmation": announce_confirmation,
    "announce_next_steps": announce_next_steps,
    "schedule_callback": schedule_callback,
    "ask_contact_name": ask_contact_name,
    "check_payment_received": check_payment_received,
    "correct_invoice": correct_invoice,
    "mark_recap_done": mark_recap_done,
}


def condition(name: str) -> Condition:
    """Look a condition up by name; an unknown name is a script error the loader reports first."""
    try:
        return CONDITIONS[name]
    except KeyError:
        raise KeyError(f"unknown condition {name!r}") from None


def action(name: str) -> Action:
    """Look an action up by name; an unknown name is a script error the loader reports first."""
    try:
        return ACTIONS[name]
    except KeyError:
        raise KeyError(f"unknown action {name!r}") from None

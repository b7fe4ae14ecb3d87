"""The registry: every name a script may use has code behind it, and nothing else does."""

from __future__ import annotations

from datetime import date, datetime

from test_engine_fixtures import fixture_dossier, fixture_script

from belscript.clock import FixedClock
from belscript.engine import registry
from belscript.engine.call import Call
from belscript.script import vocabulary


def _call(moment: datetime = datetime(2026, 11, 23, 10, 15), **dossier_changes) -> Call:
    dossier = fixture_dossier().model_copy(update=dossier_changes) if dossier_changes else fixture_dossier()
    return Call(fixture_script(), dossier, clock=FixedClock(moment))


def test_registry_implements_exactly_the_vocabulary():
    """Every condition and action an author can name is implemented, and no unlisted name is."""
    assert set(registry.CONDITIONS) == set(vocabulary.CONDITIONS)
    assert set(registry.ACTIONS) == set(vocabulary.ACTIONS)
    assert all(callable(f) for f in [*registry.CONDITIONS.values(), *registry.ACTIONS.values()])


def test_dossier_conditions_read_the_customer_file():
    """Complaints, reminders and a broken earlier promise in the file make those conditions hold."""
    call = _call()
    for name in ("has_complaints", "has_reminders", "has_earlier_agreement", "earlier_agreement_broken"):
        assert registry.CONDITIONS[name](call), name
    bare = fixture_dossier().model_copy(update={"reminders": [], "contacts": []})
    bare = bare.model_copy(update={"invoices": [inv.model_copy(update={"complaints": []}) for inv in bare.invoices]})
    call = Call(fixture_script(), bare, clock=FixedClock(datetime(2026, 11, 23, 10, 15)))
    for name in ("has_complaints", "has_reminders", "has_earlier_agreement", "earlier_agreement_broken"):
        assert not registry.CONDITIONS[name](call), name


def test_overdue_and_service_call_conditions_exclude_each_other():
    """On and before the due date it is a service call; the day after it is overdue."""
    due = fixture_dossier().oldest_invoice.due_date
    assert due == date(2026, 10, 31)
    on_due = _call(datetime(2026, 10, 31, 10, 0))
    after = _call(datetime(2026, 11, 1, 10, 0))
    assert registry.is_before_due_date(on_due) and not registry.is_overdue(on_due)
    assert registry.is_overdue(after) and not registry.is_before_due_date(after)


def test_golden_hour_condition_follows_the_clock():
    """Monday 10:15 is a golden calling hour; Monday 12:30 is not."""
    assert registry.CONDITIONS["is_golden_hour"](_call(datetime(2026, 11, 23, 10, 15)))
    assert not registry.CONDITIONS["is_golden_hour"](_call(datetime(2026, 11, 23, 12, 30)))


def test_contact_condition_needs_a_name_from_the_call_not_the_file():
    """The file's contact person does not count: the caller must note who is on the phone."""
    call = _call()
    assert not registry.has_contact_person(call)
    call.set_contact("Marieke Jansen")
    assert registry.has_contact_person(call)


def test_actions_describe_our_promises_in_dutch():
    """Sending a copy names the invoices and the address; correcting names the invoice number."""
    call = _call()
    copy = registry.send_invoice_copy(call)
    assert copy.todo == ("Een kopie van de facturen 2026-0142 en 2026-0157 per e-mail sturen naar "
                         "marieke@zoeteinval.nl.")
    assert registry.correct_invoice(call).todo == (
        "Factuur 2026-0142 controleren en zo nodig een gecorrigeerde factuur sturen.")
    assert registry.note_complaint(call).todo == (
        "De klacht over het onderhoud van de ovens uitzoeken en de klant laten weten wat wij eraan doen.")
    assert registry.check_payment_received(call).todo.startswith("Nagaan of de betaling van € 1.650,50")
    assert registry.mark_recap_done(call).recap_done
    assert registry.ask_contact_name(call).todo is None
    assert "incassobureau" in registry.announce_next_steps(call).hint


def test_schedule_callback_never_invents_a_moment():
    """Before a callback is agreed, the to-do names no time; the hint suggests one in words."""
    result = registry.schedule_callback(_call())
    assert result.todo == "Het afgesproken terugbelmoment in de agenda zetten."
    assert "terugbelmoment af" in result.hint and "2026-" not in result.hint


def test_schedule_callback_uses_the_agreed_moment():
    """With a callback agreed, the to-do names that person and moment in Dutch words."""
    call = _call()
    call.set_agreement("terugbellen", "Petra, dinsdag om 10 uur")
    todo = registry.schedule_callback(call).todo
    assert todo.startswith("Petra terugbellen op dinsdag 24 november 2026 om 10:00")

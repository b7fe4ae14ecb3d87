"""The call engine as a caller meets it: filled-in lines, guarded moves, exact refusals,
excuses, going back, aborting, and a stored call that replays to the same state."""

from __future__ import annotations

import io
import json
import logging
from datetime import datetime, timedelta

import pytest
from test_engine_fixtures import fixture_dossier, fixture_script

from belscript import calltime
from belscript.agreement.model import NoAgreement, NoAgreementReason
from belscript.engine.call import NO_OUTCOME, Call, ScriptMismatch
from belscript.engine.events import EVENT_KINDS, Event
from belscript.errors import BelscriptError, CallRefused

END_BLOCKED = ("Het gesprek kan nog niet worden afgesloten: maak de afspraak concreet, "
               "of leg vast waarom er geen afspraak is, met een vervolgmoment.")


@pytest.fixture
def call(clock) -> Call:
    return Call(fixture_script(), fixture_dossier(), clock=clock)


def walk(call: Call, *nrs: int) -> None:
    for nr in nrs:
        call.choose(nr)


def to_listening(call: Call) -> None:
    walk(call, 1, 1, 1)
    assert call.state == "luisteren"


def test_the_start_of_a_call_records_who_makes_it(clock):
    """The caller's name is on the call's first event, so the call log can show who called."""
    started = Call(fixture_script(), fixture_dossier(), clock=clock, caller="Anna").events[0]
    assert started.kind == "started" and started.data["caller"] == "Anna"
    assert Call(fixture_script(), fixture_dossier(), clock=clock).events[0].data["caller"] == ""


def test_first_step_text_and_tips_are_filled_from_the_customer_file(call):
    """The caller reads the customer's name, invoice, amount and due date in words, not placeholders."""
    step = call.step
    assert step.id == "voorbereiding" and step.title == "Voorbereiding"
    assert step.text == ("U belt Bakkerij De Zoete Inval over factuur 2026-0142 van € 1.250,50, "
                         "vervallen op zaterdag 31 oktober.")
    assert step.tips == ["Leg het dossier klaar; het is nu 23 dagen na de vervaldatum."]


def test_option_lines_are_filled_too(call):
    """An option's line to say names the invoice from the file."""
    walk(call, 1)
    wrong_person = call.step.options[1]
    assert wrong_person.say == "Met wie kan ik het beste spreken over de betaling van factuur 2026-0142?"
    assert wrong_person.target == "geen-afspraak" and not wrong_person.is_excuse


def test_only_explicit_triggers_exist(call):
    """No automatic to_<state> shortcut exists that could walk around the guards."""
    assert call.triggers() == ["end", "option_1", "option_2"]
    flow = call._flow
    for state in [*fixture_script().steps, "excuse:klacht"]:
        assert not hasattr(flow, f"to_{state}")
    assert not any(t.startswith("to_") for t in call._machine.events)


def test_transitions_logging_never_reaches_the_terminal(clock, capsys):
    """Even with the root logger at DEBUG, the state-machine library writes nothing."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    try:
        call = Call(fixture_script(), fixture_dossier(), clock=clock)
        to_listening(call)
        call.handle_excuse("klacht")
        call.back()
        with pytest.raises(CallRefused):
            call.end()
    finally:
        root.removeHandler(handler)
        root.setLevel(old_level)
    assert stream.getvalue() == ""
    assert logging.getLogger("transitions").propagate is False
    out, err = capsys.readouterr()
    assert out == "" and err == ""


def test_unmet_condition_makes_an_option_unavailable_with_a_reason(call):
    """An option whose condition fails is shown greyed out with the Dutch condition, and taking it is refused."""
    walk(call, 1, 1, 1, 1)
    assert call.state == "afspraak"
    concrete = call.step.options[0]
    assert not concrete.available
    assert concrete.why_unavailable == ("Optie 1 kan nu nog niet. Voorwaarde: de afspraak is concreet: wie betaalt "
                                        "welk bedrag op welke datum, en wat als het niet gebeurt.")
    with pytest.raises(CallRefused) as info:
        call.choose(1)
    assert info.value.message == concrete.why_unavailable
    assert info.value.missing == call.problems() and info.value.missing
    assert call.state == "afspraak"
    refused = call.events[-1]
    assert refused.kind == "refused"
    assert refused.data == {"move": "option", "step": "afspraak", "message": concrete.why_unavailable,
                            "missing": call.problems()}


def test_unknown_option_number_is_refused_with_the_choices(call):
    """Typing a number that is not on screen says which numbers there are."""
    with pytest.raises(CallRefused) as info:
        call.choose(7)
    assert info.value.message == "Optie 7 bestaat niet bij deze stap; kies 1 of 2."
    to_listening(call)
    with pytest.raises(CallRefused) as info:
        call.choose(4)
    assert info.value.message == "Optie 4 bestaat niet bij deze stap; kies 1, 2, 3 of 9."


def test_ending_without_agreement_or_outcome_is_refused_listing_what_is_missing(call):
    """end() before anything is agreed names every missing piece plus the no-agreement alternative."""
    with pytest.raises(CallRefused) as info:
        call.end()
    assert info.value.message == END_BLOCKED
    assert info.value.missing == [*call.problems(), NO_OUTCOME]
    assert info.value.missing[-1] == "Leg vast waarom er geen afspraak is, met een vervolgmoment"
    assert not call.ended and call.outcome is None
    assert [e.kind for e in call.events][-1] == "refused"


def test_an_option_into_the_end_step_is_guarded_whatever_the_script_says(clock):
    """A script option straight to the end without any condition is still refused by the engine."""
    raw = fixture_script().model_dump(mode="json", exclude_none=True)
    raw["steps"]["voorbereiding"]["options"].append({"label": "Meteen ophangen", "go": "afsluiting"})
    script = type(fixture_script()).model_validate(raw)
    call = Call(script, fixture_dossier(), clock=clock)
    option = call.step.options[2]
    assert option.target == "afsluiting" and not option.available and option.why_unavailable == END_BLOCKED
    with pytest.raises(CallRefused) as info:
        call.choose(3)
    assert info.value.missing == [*call.problems(), NO_OUTCOME]
    assert not call.ended
    call.record_no_agreement(NoAgreementReason.not_reachable, "voicemail")
    call.choose(3)
    assert call.ended and call.state == "afsluiting"


def test_recorded_no_agreement_lets_the_call_end_with_a_follow_up(call, clock):
    """Recording why there is no agreement ends the call with that outcome and the next good calling moment."""
    walk(call, 1, 2)
    assert call.state == "geen-afspraak"
    call.record_no_agreement(NoAgreementReason.wrong_person, "Receptie, Marieke is vrij")
    expected = NoAgreement(reason=NoAgreementReason.wrong_person, detail="Receptie, Marieke is vrij",
                           follow_up=calltime.follow_up_moment(clock.now()))
    assert call.no_agreement == expected
    assert call.step.options[0].available
    call.choose(1)
    assert call.ended and call.outcome == expected
    kinds = [e.kind for e in call.events]
    assert kinds[-4:] == ["option", "step", "action", "ended"]
    assert call.events[-1].data["outcome"]["type"] == "no_agreement"


def test_no_agreement_needs_a_reason_and_a_future_follow_up(call, clock):
    """'Anders' without explanation, an unknown reason, or a follow-up in the past is refused."""
    with pytest.raises(CallRefused) as info:
        call.record_no_agreement(NoAgreementReason.other, "  ")
    assert info.value.missing == ["een toelichting bij de reden 'anders'"]
    with pytest.raises(CallRefused):
        call.record_no_agreement("boos", "")
    with pytest.raises(CallRefused) as info:
        call.record_no_agreement(NoAgreementReason.refuses, "", follow_up=clock.now() - timedelta(hours=1))
    assert info.value.missing == ["een vervolgmoment na nu"]
    assert call.no_agreement is None
    later = clock.now() + timedelta(days=2)
    call.record_no_agreement("refuses", "", follow_up=later)
    assert call.no_agreement.follow_up == later


def test_excuses_are_offered_only_at_listening_steps(call):
    """The excuse library appears while the customer talks, and not during the opening."""
    assert call.excuses == []
    with pytest.raises(CallRefused) as info:
        call.handle_excuse("klacht")
    assert info.value.message == ("Bij deze stap kunt u geen excuus kiezen; dat kan bij een stap waarin de "
                                  "klant aan het woord is.")
    to_listening(call)
    assert [e.id for e in call.excuses] == ["niet-ontvangen", "klacht", "al-betaald"]
    assert call.excuses[0].examples == ["Ik heb die factuur nooit gehad."]
    with pytest.raises(CallRefused) as info:
        call.handle_excuse("hond-at-factuur")
    assert info.value.message.startswith("Het excuus 'hond-at-factuur' staat niet in dit script")


def test_excuse_handler_shows_its_line_runs_its_action_and_continues(call):
    """'Factuur niet ontvangen' promises a copy on the to-do list and leads on to the agreement."""
    to_listening(call)
    call.handle_excuse("niet-ontvangen")
    step = call.step
    assert step.id == "excuse:niet-ontvangen" and step.title == "Factuur niet ontvangen"
    assert step.text == "Ik stuur u de factuur 2026-0142 direct per e-mail. Kunt u hem dan deze week betalen?"
    assert call.our_actions == [
        "Een kopie van de facturen 2026-0142 en 2026-0157 per e-mail sturen naar marieke@zoeteinval.nl."]
    assert [(o.nr, o.label, o.target) for o in step.options] == [
        (1, "Verder met het gesprek: Afspraak vastleggen", "afspraak")]
    call.choose(1)
    assert call.state == "afspraak"


def test_an_option_can_lead_into_an_excuse_handler(call):
    """An offer step's 'klant heeft een klacht' opens the complaint handler with its own options."""
    walk(call, 1, 1, 1, 2)
    assert call.state == "aanbod"
    option = call.step.options[1]
    assert option.is_excuse and option.target == "excuse:klacht"
    call.choose(2)
    assert call.state == "excuse:klacht"
    assert call.step.text == "Vervelend om te horen. Wat is er precies misgegaan met het onderhoud van de ovens?"
    assert [o.label for o in call.step.options] == ["Factuur klopt niet", "Verder met het gesprek: Luisteren"]
    call.choose(1)
    assert call.state == "aanbod"
    assert call.our_actions[-1] == "Factuur 2026-0142 controleren en zo nodig een gecorrigeerde factuur sturen."


def test_back_returns_to_the_previous_step_and_keeps_history(call):
    """Going back is a recorded move; the history still shows every visit."""
    with pytest.raises(CallRefused) as info:
        call.back()
    assert info.value.message == "U bent bij de eerste stap van het gesprek; verder terug kan niet."
    to_listening(call)
    call.handle_excuse("klacht")
    call.back()
    assert call.state == "luisteren"
    call.back()
    assert call.state == "doel"
    assert call.history == ["voorbereiding", "opening", "doel", "luisteren", "excuse:klacht", "luisteren", "doel"]
    assert call.events[-1].kind == "back" and call.events[-1].data == {"from": "luisteren", "to": "doel"}
    call.choose(1)
    assert call.state == "luisteren"


def test_contact_name_is_also_who_agreed(call):
    """Noting who is on the phone fills in who agreed, unless a name was already entered."""
    with pytest.raises(CallRefused):
        call.set_contact("   ")
    call.set_contact(" Marieke  Jansen ")
    assert call.contact == "Marieke Jansen"
    assert call.agreement.agreed_by == "Marieke Jansen"
    call.set_contact("Kees")
    assert call.contact == "Kees" and call.agreement.agreed_by == "Marieke Jansen"


def test_abort_is_always_possible_and_recorded(call, clock):
    """Breaking off in the middle ends the call as 'no agreement, other' with a follow-up, and locks it."""
    to_listening(call)
    event = call.abort("klant hing op")
    assert event.kind == "aborted" and event.data["reason"] == "klant hing op"
    assert call.ended and call.aborted
    assert call.outcome == NoAgreement(reason=NoAgreementReason.other, detail="klant hing op",
                                       follow_up=calltime.follow_up_moment(clock.now()))
    with pytest.raises(CallRefused) as info:
        call.choose(1)
    assert info.value.message == "Het gesprek is al afgelopen."
    assert call.abort("nogmaals") is None
    assert call.step.options and not any(o.available for o in call.step.options)
    assert call.excuses == []


def test_notes_warnings_and_evaluation_are_events(call):
    """Notes and shown warnings are stored; the evaluation only after the end."""
    call.note("Klant klinkt gehaast")
    call.record_warning("moeten", "u moet", "Zeg liever: 'kunt u…'")
    assert [e.kind for e in call.events][-2:] == ["note", "warning"]
    assert call.events[-1].data == {"rule": "moeten", "match": "u moet", "message": "Zeg liever: 'kunt u…'",
                                    "step": "voorbereiding"}
    with pytest.raises(CallRefused):
        call.note("   ")
    with pytest.raises(CallRefused):
        call.record_evaluation("rustig gebleven", "eerder bellen")
    call.abort("test")
    call.record_evaluation("rustig gebleven", "eerder bellen")
    assert call.evaluation == {"went_well": "rustig gebleven", "differently": "eerder bellen"}


def test_on_event_sees_every_event_in_order_as_it_happens(clock):
    """The journal's callback receives each event once, synchronously, with consecutive numbers."""
    seen: list[Event] = []
    call = Call(fixture_script(), fixture_dossier(), clock=clock, on_event=seen.append)
    assert [e.kind for e in seen] == ["started"]
    to_listening(call)
    assert seen == call.events
    assert [e.seq for e in seen] == list(range(1, len(seen) + 1))
    assert {e.kind for e in seen} <= set(EVENT_KINDS)


def test_elapsed_follows_the_clock_and_stops_at_the_end(call, clock):
    """The time in the call grows while it runs and freezes when it ends."""
    clock.advance(minutes=3)
    assert call.elapsed == timedelta(minutes=3)
    call.abort("klaar")
    clock.advance(minutes=10)
    assert call.elapsed == timedelta(minutes=3)


def test_recap_can_be_recorded_from_the_screen(clock):
    """A recap recorded by the caller counts as the agreements having been repeated."""
    call = Call(fixture_script(), fixture_dossier(), clock=clock)
    assert not call.recap_done
    call.record_recap("Samengevat: u betaalt vrijdag.")
    assert call.recap_done and call.events[-1].kind == "recap"


def test_replay_rebuilds_the_same_call_without_emitting_or_acting(call, clock, monkeypatch):
    """A call rebuilt from its stored (JSON) events equals the original, and runs no actions again."""
    to_listening(call)
    call.handle_excuse("niet-ontvangen")
    call.back()
    call.note("Factuur kwam niet aan")
    call.set_contact("Marieke Jansen")
    call.choose(9)
    call.record_no_agreement("needs_time", "Wil overleggen met de eigenaar")
    with pytest.raises(CallRefused):
        call.choose(5)
    clock.advance(minutes=4)
    call.choose(1)
    stored = json.loads(json.dumps([e.to_dict() for e in call.events]))

    from belscript.engine import registry

    def no_actions(_call):  # pragma: no cover - must not be called
        raise AssertionError("replay ran an action")

    monkeypatch.setattr(registry, "ACTIONS", {name: no_actions for name in registry.ACTIONS})
    seen: list[Event] = []
    later = type(clock)(clock.now() + timedelta(days=1))
    rebuilt = Call.replay(fixture_script(), fixture_dossier(), stored, clock=later, on_event=seen.append)
    assert rebuilt.snapshot() == call.snapshot()
    assert seen == []
    assert rebuilt.ended and rebuilt.outcome == call.outcome
    assert rebuilt.our_actions == call.our_actions and rebuilt.history == call.history


def test_replayed_call_continues_where_it_stopped(call, clock):
    """After a resume the call goes on from the same step and numbers its events onwards."""
    to_listening(call)
    seen: list[Event] = []
    rebuilt = Call.replay(fixture_script(), fixture_dossier(), call.events, clock=clock, on_event=seen.append)
    rebuilt.handle_excuse("klacht")
    assert rebuilt.state == "excuse:klacht"
    assert seen[0].seq == len(call.events) + 1


def test_replay_refuses_events_of_another_script_or_out_of_order_and_names_gaps(call, clock):
    """Resuming with a different script or a shuffled log is a clear error; a gap is named, not fatal."""
    to_listening(call)
    events = [e.to_dict() for e in call.events]
    wrong = json.loads(json.dumps(events))
    wrong[0]["data"]["script"] = "tweede-gesprek"
    with pytest.raises(ScriptMismatch) as info:
        Call.replay(fixture_script(), fixture_dossier(), wrong, clock=clock)
    assert isinstance(info.value, BelscriptError)
    assert "tweede-gesprek" in info.value.message
    assert Call.replay(fixture_script(), fixture_dossier(), events[:2] + events[3:], clock=clock).missing == [3]
    with pytest.raises(ScriptMismatch):
        Call.replay(fixture_script(), fixture_dossier(), events[:3] + events[2:], clock=clock)
    with pytest.raises(ScriptMismatch):
        Call.replay(fixture_script(), fixture_dossier(), [], clock=clock)
    moved = json.loads(json.dumps(events))
    step = next(e for e in moved if e["kind"] == "step")
    step["data"]["step"] = "verdwenen-stap"
    with pytest.raises(ScriptMismatch):
        Call.replay(fixture_script(), fixture_dossier(), moved, clock=clock)


def test_script_with_unknown_names_cannot_start_a_call(clock):
    """A script naming an action the registry does not know is refused before the call starts."""
    raw = fixture_script().model_dump(mode="json", exclude_none=True)
    raw["steps"]["opening"]["do"] = ["run_shell"]
    script = type(fixture_script()).model_validate(raw)
    with pytest.raises(ScriptMismatch) as info:
        Call(script, fixture_dossier(), clock=clock)
    assert "'opening' gebruikt de onbekende actie 'run_shell'" in info.value.message


def test_event_round_trips_through_json():
    """An event survives to_dict, JSON and from_dict unchanged."""
    event = Event(seq=3, at=datetime(2026, 11, 23, 10, 15, 7), kind="note", data={"text": "hallo", "n": [1, 2]})
    assert Event.from_dict(json.loads(json.dumps(event.to_dict()))) == event


def agree_in_full(call: Call) -> None:
    """Enter a complete full-payment agreement the way a caller types it."""
    for field, text in [("soort", "volledig"), ("datum", "vrijdag"), ("gevolg", "standaard")]:
        feedback = call.set_agreement(field, text)
        assert feedback.ok, feedback.message


def test_concrete_agreement_opens_the_recap_and_ends_with_the_agreement(call):
    """Once who, what, when and 'if not' are entered the recap opens, and the call ends with that agreement."""
    walk(call, 1)
    call.set_contact("Marieke Jansen")
    walk(call, 1, 1, 1)
    assert call.state == "afspraak"
    agree_in_full(call)
    assert call.problems() == []
    assert call.events[-1].kind == "agreement"
    assert call.events[-1].data["agreement"]["payments"] == [{"amount": "1650.50", "on": "2026-11-27"}]
    assert call.step.options[0].available
    call.choose(1)
    assert call.state == "samenvatting" and call.recap_done
    assert call.hints == ["Vertel rustig en vriendelijk welke stappen volgen als de betaling uitblijft. "
                          "Volgens uw script: Dan dragen wij de vordering over aan ons incassobureau."]
    assert call.step.options[0].say == "Ik bevestig dit binnen een half uur per e-mail aan marieke@zoeteinval.nl."
    call.choose(1)
    assert call.ended and not call.aborted
    assert call.outcome == call.agreement and call.outcome.agreed_by == "Marieke Jansen"
    assert call.our_actions == ["De afspraken binnen een half uur per e-mail bevestigen naar marieke@zoeteinval.nl."]
    assert call.events[-1].kind == "ended" and call.events[-1].data["outcome"]["type"] == "agreement"


def test_end_jumps_to_the_end_step_once_the_agreement_is_concrete(call):
    """end() from the middle of the call goes to the closing step when nothing is missing."""
    call.set_contact("Marieke Jansen")
    agree_in_full(call)
    call.end()
    assert call.ended and call.state == "afsluiting"
    assert [e.kind for e in call.events][-3:] == ["step", "action", "ended"]
    assert call.events[-3].data == {"step": "afsluiting", "via": "end"}


def test_a_vague_date_is_rejected_and_recorded_without_changing_the_agreement(call):
    """'Binnenkort' is refused with a better question; the refusal is an event, the agreement stays empty."""
    before = call.agreement
    feedback = call.set_agreement("datum", "binnenkort")
    assert not feedback.ok and feedback.message and feedback.hint
    assert call.agreement == before
    last = call.events[-1]
    assert last.kind == "agreement_rejected"
    assert last.data == {"field": "datum", "text": "binnenkort", "message": feedback.message, "hint": feedback.hint}


def test_unknown_agreement_field_is_rejected_not_raised(call):
    """A field name the agreement does not have gives feedback listing the real fields."""
    feedback = call.set_agreement("kleur", "blauw")
    assert not feedback.ok and "soort" in feedback.hint
    assert call.events[-1].kind == "agreement_rejected"


def test_every_event_kind_has_typed_fields_that_survive_storage(call):
    """Each event kind declares its fields once, and its stored form reads back to the same fields."""
    from belscript.engine.events import PAYLOADS, payload_of

    assert tuple(PAYLOADS) == EVENT_KINDS and all(cls.kind == kind for kind, cls in PAYLOADS.items())
    call.note("belt vrijdag terug")
    call.record_warning("moeten", "u moet", "Liever: wilt u")
    call.set_contact("Marieke")
    call.set_agreement("soort", "volledig")
    call.abort("lijn viel weg")
    for event in call.events:
        stored = json.loads(json.dumps(event.data))
        assert payload_of(event.kind, stored) == event.payload

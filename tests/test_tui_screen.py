"""The call screen driven like a user would: pipe input, no terminal."""

from __future__ import annotations

import sys

from prompt_toolkit.document import Document

from belscript.journal import Journal
from belscript.tui.lexer import PhrasingLexer
from tui_driver import drive, live_model, to_agreement_step


def _kinds(journal: Journal, call_id: int) -> list[str]:
    return [e.kind for e in journal.events(call_id)]


def test_preparation_screen_shows_goal_gaps_offers_and_golden_hour():
    """Before the call the screen shows the goal, what the file lacks, what may be offered and the calling time."""
    model, _journal = live_model()

    async def scenario(d):
        await d.until(lambda: model.golden is not None, "the golden-hour check")
        text = d.text()
        assert "Doel van het gesprek" in text and "€ 2.813,00" in text
        assert "Wat nog ontbreekt" in text and "voor ontvangst is getekend bij factuur 2026-0157" in text
        assert "Contactpersoon: Ingrid van Dijk" in text
        assert "Herinneringen: 1" in text and "Eerder contact" in text
        assert "hoogstens 3 termijnen" in text and "eerste betaling minstens € 703,25" in text
        assert "Nu is een gouden beluur (tot 11:30)" in text
        assert model.call is None  # nothing is logged before the call begins

    drive(model, scenario)


def test_a_number_takes_the_option_and_the_step_changes():
    """Typing 1 + Enter takes option 1; the 'say now' panel shows the next step with the file's data."""
    model, journal = live_model()

    async def scenario(d):
        await d.enter("")
        assert "Ik zou graag Ingrid van Dijk even spreken" in d.text()
        assert "(nog niet: noteer eerst de naam met /naam)" in d.text()
        await d.enter("1")  # needs the contact's name first
        assert model.call.step.id == "opening"
        assert "Optie 1 kan nu nog niet (Juiste persoon aan de lijn, naam genoteerd): noteer eerst de naam met " \
               "/naam, bijvoorbeeld /naam Ingrid van Dijk." in d.text()
        assert "Voorwaarde:" not in d.text()
        await d.enter("/naam Ingrid van Dijk")
        await d.enter("1")
        assert model.call.step.id == "doel"
        assert "de facturen 2026-0142 en 2026-0157, samen € 2.813." in d.text()

    drive(model, scenario)
    assert _kinds(journal, model.call_id).count("option") == 2  # preparation + opening


def test_typing_u_moet_shows_the_warning_at_once_and_saving_records_it():
    """A note with 'u moet' is highlighted and explained while typing; saving it records the warning shown."""
    model, journal = live_model()

    async def scenario(d):
        await d.enter("")
        await d.type("u moet vandaag betal")
        text = d.text()
        assert "„moet” klinkt dwingend" in text and "Beter: Wanneer kunt u het bedrag overmaken?" in text
        styled = PhrasingLexer(model).lex_document(Document(d.screen.buffer.text))(0)
        assert ("class:finding", "moet") in styled
        await d.type("en")  # the warning never blocks typing
        await d.enter()
        assert "u moet vandaag betalen" in d.text()

    drive(model, scenario)
    events = journal.events(model.call_id)
    note = next(e for e in events if e.kind == "note")
    warning = next(e for e in events if e.kind == "warning")
    assert note.data["text"] == "u moet vandaag betalen"
    assert warning.data["match"] == "moet" and warning.data["rule"] == "moeten"


def test_a_warning_can_be_ignored_once_with_ctrl_o():
    """Ctrl-O hides the warning for this note only (logged as set aside, not counted in the evaluation);
    the next note with the same words warns again."""
    model, journal = live_model()

    async def scenario(d):
        await d.enter("")
        await d.type("u moet echt")
        await d.key("\x0f", lambda: "klinkt dwingend" not in d.text(), "the warning to disappear")
        await d.enter()
        await d.type("u moet echt")
        assert "klinkt dwingend" in d.text()
        await d.enter()

    drive(model, scenario)
    kinds = _kinds(journal, model.call_id)
    assert kinds.count("note") == 2
    from belscript.followup.evaluation import counted_warnings

    events = journal.events(model.call_id)
    warnings = [e for e in events if e.kind == "warning"]
    assert [bool(e.data.get("ignored")) for e in warnings] == [True, False]  # set aside once, then kept once
    assert len(counted_warnings(events)) == 1


def test_ending_without_agreement_is_refused_with_what_is_missing():
    """/einde without an agreement is refused: each missing item with the command that supplies it, and the
    way out without an agreement; a second try says it once more in one line instead of the whole list."""
    model, journal = live_model()

    async def scenario(d):
        await to_agreement_step(d)
        await d.type("/einde")
        assert "Afsluiten kan nog niet: nog nodig: de soort afspraak en de betaaldatum." in d.text()
        await d.enter()
        text = d.text()
        assert "Het gesprek kan nog niet worden afgesloten. Nog nodig voor een concrete afspraak:" in text
        assert "• de soort afspraak: /afspraak soort volledig, deel, regeling, uitstel of terugbellen" in text
        assert "• de betaaldatum: /afspraak datum vrijdag" in text
        assert "Komt er geen afspraak? Leg dan vast waarom: /geenafspraak <reden>" in text
        assert "Nog niet afgesproken" not in text and "nog nodig: Leg vast" not in text
        await d.enter("/einde")
        assert "Afsluiten kan nog steeds niet; nog nodig: de soort afspraak en de betaaldatum." in d.text()
        assert d.text().count("Nog nodig voor een concrete afspraak") == 1
        assert not model.call.ended

    drive(model, scenario)
    refused = [e for e in journal.events(model.call_id) if e.kind == "refused"]
    assert len(refused) == 2 and refused[-1].data["move"] == "end"


def test_agreement_entry_shows_the_date_in_words_while_typing_and_refuses_vague_dates():
    """Typing /afspraak datum vrijdag shows the resolved date at once; 'binnenkort' is refused with a better question."""
    model, _journal = live_model()

    async def scenario(d):
        await to_agreement_step(d)
        await d.type("/afspraak datum vrijdag")
        assert "→ vrijdag 27 november 2026" in d.text()
        d.screen.buffer.text = ""
        await d.type("/afspraak datum binnenkort")
        assert "Vraag de klant: Op welke datum" in d.text()
        await d.enter()
        assert model.call.agreement.payments == []
        await d.enter("/afspraak termijnen 5 termijnen vanaf 1 december")
        assert "termijnen" in d.text().lower() and model.call.agreement.payments == []

    drive(model, scenario)


def test_a_concrete_agreement_ends_the_call_with_email_calendar_and_log_entry():
    """A full call: concrete agreement, end, recap and e-mail on screen, .eml/.ics written, call logged as ended."""
    model, journal = live_model()

    async def scenario(d):
        await to_agreement_step(d)
        await d.enter("/afspraak datum vrijdag")
        assert "Nog nodig" in d.text() and "soort afspraak" in d.text()
        await d.enter("/afspraak soort volledig")
        assert "✔ De afspraak is concreet." in d.text()
        await d.enter("1")  # -> recap
        assert "Terug te lezen:" in d.text() and "vrijdag 27 november 2026" in d.text()
        said = "".join(t for _s, t in d.screen._say() + d.screen._options())
        assert said.count("per e-mail") == 1, said  # the confirmation is announced once, in the recap
        await d.enter("1")  # customer confirms -> closing (end step): shown until /einde
        assert model.phase == "call" and "Dit is de afsluiting van het gesprek" in d.text()
        await d.enter("Dank u wel en nog een prettige dag.")  # said (a note), not the self-evaluation
        assert model.phase == "call"
        await d.enter("/einde")
        assert model.phase == "after"
        text = d.text()
        assert "Samenvatting van het gesprek" in text
        assert "Onderwerp: Bevestiging betaalafspraak" in text
        assert "bevestiging.eml" in text and "afspraken.ics" in text
        assert "mailto:" not in text and "%20" not in text  # no encoded link to read on screen
        assert "Wat ging goed?" in text
        await d.enter("rustig gebleven")
        await d.enter("eerder naar de datum vragen")
        await d.enter()  # close

    assert drive(model, scenario, expect_exit=True) == 0
    record = journal.calls()[0]
    assert record.status == "ended" and record.outcome_kind == "full_payment"
    assert str(record.first_promised_date) == "2026-11-27" and record.contact_person == "Ingrid van Dijk"
    folder = journal.folder(record.id)
    assert (folder / "bevestiging.eml").read_bytes().startswith(b"To:") or b"Subject:" in (folder / "bevestiging.eml").read_bytes()
    assert b"BEGIN:VCALENDAR" in (folder / "afspraken.ics").read_bytes()
    evaluation = [e for e in journal.events(record.id) if e.kind == "evaluation"][-1]
    assert evaluation.data == {"went_well": "rustig gebleven", "differently": "eerder naar de datum vragen"}


def test_ctrl_c_asks_before_aborting_and_an_abort_needs_a_reason():
    """Ctrl-C opens a question instead of quitting; an empty reason is refused; a reason aborts with a follow-up."""
    model, journal = live_model()

    async def scenario(d):
        await d.enter("")
        await d.enter("een notitie die bewaard moet blijven")
        await d.key("\x03", lambda: d.screen.dialog_open, "the abort question")
        assert "Typ waarom u het gesprek afbreekt" in d.text()
        await d.key("\r", lambda: bool(d.screen.dialog_problem), "the refusal of an empty reason")
        assert not model.call.ended
        d.pipe.send_text("klant moest plotseling weg\r")
        await d.until(lambda: model.call.ended, "the abort")
        assert "Vervolgmoment: dinsdag 24 november 2026 om 09:30" in d.text()

    drive(model, scenario)
    record = journal.calls()[0]
    assert record.status == "aborted"
    kinds = _kinds(journal, record.id)
    assert "note" in kinds and kinds.count("aborted") == 1


def test_escape_closes_the_abort_question_and_the_call_goes_on():
    """Esc in the abort question returns to the call without recording anything."""
    model, journal = live_model()

    async def scenario(d):
        await d.enter("")
        await d.key("\x03", lambda: d.screen.dialog_open, "the abort question")
        await d.key("\x1b", lambda: not d.screen.dialog_open, "the question to close")
        await d.enter("/naam Ingrid")
        assert model.call.contact == "Ingrid" and not model.call.ended

    drive(model, scenario)
    assert "aborted" not in _kinds(journal, model.call_id)


def test_ctrl_c_twice_pauses_and_leaves_the_call_open_to_resume():
    """A second Ctrl-C in the question closes the screen but keeps the call open for --resume."""
    model, journal = live_model()

    async def scenario(d):
        await d.enter("")
        await d.key("\x03", lambda: d.screen.dialog_open, "the abort question")
        d.pipe.send_text("\x03")

    assert drive(model, scenario, expect_exit=True) == 0
    assert model.closed_as == "paused"
    assert [r.id for r in journal.open_calls()] == [model.call_id]


def test_help_lists_every_key_and_command():
    """/help shows every key and every command of the screen."""
    from belscript.screen.commands import COMMANDS, KEYS

    model, _journal = live_model()

    async def scenario(d):
        await d.enter("")
        await d.enter("/help")
        text = d.text()
        for cmd in COMMANDS:
            assert f"/{cmd.name}" in text
        for key, _what in KEYS:
            assert key in text

    drive(model, scenario)


def test_unknown_command_suggests_the_closest_one():
    """A mistyped command is not saved as a note; the screen suggests the right one."""
    model, journal = live_model()

    async def scenario(d):
        await d.enter("")
        await d.enter("/eind")
        assert "/eind is geen opdracht. Bedoelt u /einde?" in d.text()

    drive(model, scenario)
    assert "note" not in _kinds(journal, model.call_id)


def test_an_excuse_is_one_command_away_at_listening_steps():
    """At a listening step /excuus lists the excuses and /excuus 1 goes to its handler (sending a copy)."""
    model, journal = live_model()

    async def scenario(d):
        await d.enter("")
        await d.enter("/naam Ingrid")
        await d.enter("1")
        await d.enter("1")  # listening
        assert "Noemt de klant een excuus? Typ /excuus voor de lijst met 10 antwoorden." in d.text()
        await d.enter("/excuus")
        assert model.overlay == "excuses"
        text = d.text()
        assert "Welk excuus noemt de klant? Typ het nummer en Enter" in text
        assert " 1. Factuur niet ontvangen" in text and "10. Boze of geïrriteerde klant" in text
        assert "bijv. “Ik heb die factuur nooit gekregen.”" in text
        await d.type("1")
        assert "Enter: excuus Factuur niet ontvangen" in d.text()  # a number picks an excuse, not option 1
        await d.enter()
        assert model.call.state == "excuse:factuur-niet-ontvangen" and model.overlay is None
        assert "Ik stuur u meteen een kopie" in d.text()

    drive(model, scenario)
    assert "excuse" in _kinds(journal, model.call_id)


def test_no_agreement_with_a_reason_allows_ending():
    """/geenafspraak weigert records the outcome with a follow-up moment, after which the call can end."""
    model, journal = live_model()

    async def scenario(d):
        await d.enter("")
        await d.enter("/naam Ingrid")
        await d.enter("1")
        await d.enter("1")
        await d.enter("4")  # refuses -> no-agreement step
        await d.enter("/geenafspraak weigert wil niet betalen")
        assert "Vervolgmoment: dinsdag 24 november 2026 om 09:30" in d.text()
        await d.enter("/einde")
        assert model.phase == "after"

    drive(model, scenario)
    assert journal.calls()[0].outcome_kind == "no_agreement"


def test_a_call_log_that_cannot_be_written_is_reported_on_screen(monkeypatch):
    """When the call log refuses a write, the screen says so and stays usable instead of crashing."""
    from belscript.errors import JournalError

    model, journal = live_model()

    async def scenario(d):
        await d.enter("")

        def broken(call_id, event):
            raise JournalError("het gesprekslogboek kan niet worden bijgewerkt: schijf vol")

        monkeypatch.setattr(journal, "append", broken)
        await d.enter("een notitie")
        assert "schijf vol" in d.text()
        monkeypatch.undo()
        await d.enter("/naam Ingrid")
        assert model.call.contact == "Ingrid"

    drive(model, scenario)


def test_warnings_are_logged_for_the_words_kept_once_not_for_fragments_while_typing():
    """Typed letter by letter, a note logs each warning of its final words once on Enter; words typed and
    deleted log nothing, and the evaluation counts exactly what was kept."""
    from belscript.followup.evaluation import counted_warnings

    model, journal = live_model()
    sentence = "Heeft u de factuur niet ontvangen? U moet echt betalen."

    async def scenario(d):
        await d.enter("")
        await d.type("u moet nu betalen")
        assert "klinkt dwingend" in d.text()
        for _ in range(len("u moet nu betalen")):
            await d.key("\x7f", lambda n=len(d.screen.buffer.text): len(d.screen.buffer.text) < n, "Backspace")
        assert _kinds(journal, model.call_id).count("warning") == 0  # typed and deleted: nothing kept
        for ch in sentence:
            await d.type(ch)
        assert _kinds(journal, model.call_id).count("warning") == 0  # nothing logged while typing
        await d.enter()

    drive(model, scenario)
    events = journal.events(model.call_id)
    warnings = [e for e in events if e.kind == "warning"]
    assert len(warnings) == len({(e.data["rule"], e.data["match"].lower()) for e in warnings}) == 2
    assert all(e.data["match"].lower() in sentence.lower() for e in warnings)
    assert any(e.data["match"] == "moet" for e in warnings)
    assert len(counted_warnings(events)) == 2


def test_a_warned_line_left_standing_when_pausing_is_logged_once():
    """Words with a warning still on the input line when the call is paused are logged (they were said)."""
    model, journal = live_model()

    async def scenario(d):
        await d.enter("")
        await d.type("u moet nu betalen")
        await d.key("\x03", lambda: d.screen.dialog_open, "the abort question")
        await d.key("\x03", lambda: model.closed_as == "paused", "pausing")

    drive(model, scenario, expect_exit=True)
    warnings = [e for e in journal.events(model.call_id) if e.kind == "warning"]
    assert [(e.data["rule"], e.data["match"]) for e in warnings] == [("moeten", "moet")]


def _called_from(function_name: str) -> bool:
    frame = sys._getframe(1)
    while frame is not None:
        if frame.f_code.co_name == function_name:
            return True
        frame = frame.f_back
    return False


def test_a_drawing_error_is_reported_in_the_screen_not_as_a_traceback():
    """An unexpected error while drawing shows a Dutch message and the call goes on; repeated errors
    close the screen with the call kept open for --resume."""
    model, journal = live_model()
    calls = {"n": 0}

    async def scenario(d):
        await d.enter("")
        screen = d.screen
        say = screen._say
        broken = {"once": True}

        def say_that_fails_once():
            # Fail in a frame that prompt_toolkit draws, never in this test's own look at the
            # screen (screen_text() calls the same method and would use the failure up).
            if not _called_from("screen_text") and broken.pop("once", False):
                raise KeyError("tips")
            return say()

        screen._say = say_that_fails_once  # the next frame fails while drawing
        await d.enter("eerst dit")
        await d.until(lambda: "Er ging iets mis bij het tekenen van het scherm (KeyError)" in d.text(),
                      "the error message")
        await d.enter("gewoon verder")
        assert "Notitie bewaard" in d.text()
        calls["n"] = 1
        screen._on_screen_error(None, {"message": "again"})
        screen._on_screen_error(None, {"message": "and again"})

    code = drive(model, scenario, expect_exit=True)
    assert calls["n"] == 1 and code == 1
    assert not model.call.ended
    assert [e.data["text"] for e in journal.events(model.call_id) if e.kind == "note"] == ["eerst dit", "gewoon verder"]


def test_in_the_second_call_moeten_is_shown_as_a_suggestion_not_as_the_full_warning():
    """The second-call script softens 'moeten': the bar says it is allowed here, not 'klinkt dwingend'."""
    model, _journal = live_model(script="tweede-gesprek")

    async def scenario(d):
        await d.enter("")
        await d.type("u moet vandaag betalen")
        text = d.text()
        assert "Suggestie bij ‘moet’: in dit script toegestaan." in text and "klinkt dwingend" not in text
        styled = PhrasingLexer(model).lex_document(Document(d.screen.buffer.text))(0)
        assert ("class:finding.soft", "moet") in styled and ("class:finding", "moet") not in styled

    drive(model, scenario)

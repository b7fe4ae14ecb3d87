"""/einde before the agreements were repeated: read them back first, end on a confirming Enter."""

from __future__ import annotations

from belscript.journal import Journal
from tui_driver import drive, live_model, to_agreement_step


def _kinds(journal: Journal, call_id: int) -> list[str]:
    return [e.kind for e in journal.events(call_id)]


async def _concrete(d) -> None:
    await to_agreement_step(d)
    await d.enter("/afspraak soort volledig")
    await d.enter("/afspraak datum vrijdag")


def test_einde_first_shows_the_recap_and_enter_ends_the_call_with_the_recap_recorded():
    """With a concrete agreement that was not repeated, /einde shows it to read back; Enter ends the call."""
    model, journal = live_model()

    async def scenario(d):
        await _concrete(d)
        await d.type("/einde")
        assert "Enter: eerst de afspraken teruglezen, daarna afsluiten." in d.text()
        await d.enter()
        assert not model.call.ended and model.reading_back
        text = d.text()
        assert "Zeg nu: de afspraken teruglezen" in d.screen._step_title()
        assert "€ 2.813 uiterlijk op vrijdag 27 november." in text and "Klopt dit zo?" in text
        assert "Enter: de klant heeft de afspraken bevestigd; het gesprek afsluiten." in text
        assert model.prompt == "Enter = bevestigd, afsluiten › "
        await d.enter()
        assert model.phase == "after" and "Afspraken teruggelezen en bevestigd." in d.text()

    drive(model, scenario)
    kinds = _kinds(journal, model.call_id)
    assert kinds.index("recap") < kinds.index("ended")
    recap = next(e for e in journal.events(model.call_id) if e.kind == "recap")
    assert "vrijdag 27 november." in recap.data["text"]


def test_typing_on_while_reading_back_keeps_the_call_going():
    """When the customer corrects something, typing a line instead of Enter cancels the ending and is handled."""
    model, journal = live_model()

    async def scenario(d):
        await _concrete(d)
        await d.enter("/einde")
        await d.enter("/afspraak datum maandag")  # the customer says: monday, not friday
        assert not model.call.ended and not model.reading_back
        assert "Nog niet afgesloten; het gesprek gaat verder." in d.text()
        assert "maandag 30 november 2026" in d.text()  # the date as entered, in full
        await d.enter("/einde")
        assert "maandag 30 november." in d.text()  # the corrected recap is read back
        await d.key("\x1b", lambda: not model.reading_back, "Esc to cancel the ending")
        await d.enter("/einde")
        await d.enter()
        assert model.call.ended

    drive(model, scenario)
    assert _kinds(journal, model.call_id).count("recap") == 1


def test_einde_at_the_recap_step_waits_for_the_confirmation_and_no_agreement_ends_at_once():
    """At the recap step /einde still waits for the customer's confirmation (Enter); after /geenafspraak it ends at once."""
    model, journal = live_model()

    async def scenario(d):
        await _concrete(d)
        await d.enter("1")  # -> Samenvatten en bevestigen (the recap is on screen)
        await d.enter("/einde")
        assert model.reading_back  # the recap is shown, but the customer has not confirmed it yet
        await d.enter()
        assert model.phase == "after"

    drive(model, scenario)

    model, journal = live_model()

    async def no_agreement(d):
        await to_agreement_step(d)
        await d.enter("/geenafspraak overleggen met haar compagnon")
        await d.enter("/einde")
        assert model.phase == "after" and not model.reading_back

    drive(model, no_agreement)
    assert "recap" not in _kinds(journal, model.call_id)


def test_samenvatting_shows_the_whole_recap_over_the_call_not_the_last_lines_of_the_messages():
    """/samenvatting opens the full recap (every instalment and 'Klopt dit zo?') over the call; Esc closes it."""
    model, _journal = live_model()

    async def scenario(d):
        await to_agreement_step(d)
        await d.enter("/afspraak termijnen 3 termijnen vanaf 30 november")
        await d.enter("/samenvatting")
        assert model.overlay == "summary"
        shown = "\n".join(await d.shows("Klopt dit zo?", "the end of the recap in the overlay"))
        for part in ("€ 940 ", "30 november", "30 december", "€ 933 ", "1 februari 2027", "€ 2.813."):
            assert part in shown, part
        await d.key("\x1b", lambda: model.overlay is None, "Esc")

    drive(model, scenario, size=(80, 24))

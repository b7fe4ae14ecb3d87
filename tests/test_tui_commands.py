"""The input line's rules, the help list, word wrapping, and the documented keys."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from belscript.agreement.model import NoAgreementReason
from belscript.dossier import Dossier
from belscript.dossier.loader import demo_dossier_path, load_dossier
from belscript.screen import commands
from belscript.screen.facts import known_and_missing
from belscript.tui.wrap import skip_lines, wrap
from conftest import ROOT


def test_a_number_is_an_option_a_slash_is_a_command_and_the_rest_is_a_note():
    """'2' takes option 2, '/afspraak datum vrijdag' is a command with arguments, other text is a note."""
    assert commands.parse(" 2 ").number == 2
    parsed = commands.parse("/afspraak datum vrijdag")
    assert parsed.kind == "command" and parsed.command.name == "afspraak" and parsed.args == "datum vrijdag"
    assert commands.parse("klant belt terug na 2 uur").kind == "note"
    assert commands.parse("   ").kind == "empty"
    assert commands.parse("/hulp").command.name == "help"


def test_a_mistyped_command_gets_a_suggestion():
    """'/afsrpaak' is recognised as a typo of /afspraak."""
    parsed = commands.parse("/afsrpaak datum vrijdag")
    assert parsed.kind == "unknown" and parsed.suggestion == "afspraak"


def test_dutch_reason_words_map_to_no_agreement_reasons():
    """/geenafspraak understands Dutch reasons such as 'weigert' and 'betwist'."""
    assert commands.reason_from("weigert") is NoAgreementReason.refuses
    assert commands.reason_from("Betwist") is NoAgreementReason.disputes_claim
    assert commands.reason_from("onzin") is None


@given(st.text(max_size=80))
def test_any_line_is_classified_without_error(line):
    """Whatever is typed, the input line knows what it is (never an exception)."""
    parsed = commands.parse(line)
    assert parsed.kind in ("empty", "option", "command", "unknown", "note")
    if parsed.kind == "note":
        assert parsed.text == line.strip()


def test_the_manual_lists_every_key_and_command_of_the_screen():
    """docs/handleiding.md has a section on the call screen's keys with the same list as /help."""
    manual = (ROOT / "docs" / "handleiding.md").read_text(encoding="utf-8")
    heading = "## Het belscherm: toetsen en opdrachten"
    assert heading in manual
    section = manual.split(heading, 1)[1]
    assert commands.help_markdown() in section


def test_the_preparation_names_what_the_customer_file_lacks():
    """A file without contact person, reminders or earlier contacts says so before the call."""
    data = load_dossier(demo_dossier_path()).model_dump(mode="json")
    data.update(contact=None, reminders=[], contacts=[], payment_terms=None)
    known, missing = known_and_missing(Dossier.model_validate(data))
    text = " ".join(missing)
    assert "Contactpersoon: vraag wie er over betalingen gaat" in text
    assert "nog geen herinnering verstuurd" in text
    assert "Eerdere contacten" in text and "betalingsvoorwaarden" in text
    assert not any("Contactpersoon" in k for k in known)


_words = st.text(alphabet=st.sampled_from("abcdé €\n"), max_size=200)


@given(_words, st.integers(min_value=8, max_value=60))
def test_wrapping_keeps_the_text_and_fits_the_width(text, width):
    """Word wrapping never loses a character (other than spaces at a break) and never exceeds the width."""
    wrapped = "".join(t for _s, t in wrap([("class:x", text)], width))
    assert all(len(line.rstrip(" ")) <= width for line in wrapped.split("\n"))
    assert re.sub(r"\s", "", wrapped) == re.sub(r"\s", "", text)


def test_scrolling_drops_the_first_lines_but_keeps_the_last():
    """PageDown drops lines from the top of a panel, never everything."""
    frags = [("", "een\ntwee\ndrie")]
    assert "".join(t for _s, t in skip_lines(frags, 1)) == "twee\ndrie"
    assert "".join(t for _s, t in skip_lines(frags, 10)) == "drie"


def test_an_amount_stays_with_its_euro_sign_when_wrapped():
    """A line never ends in a lone '€': the sign moves to the next line with its amount."""
    wrapped = "".join(t for _s, t in wrap([("", "eerste betaling minstens € 703,25 (25% van € 2.813,00)")], 44))
    assert all(not line.rstrip().endswith("€") for line in wrapped.split("\n"))
    assert "€ 2.813,00" in wrapped


@given(st.lists(st.text(alphabet="abcdefgh ", min_size=0, max_size=70), min_size=1, max_size=40),
       st.integers(min_value=3, max_value=12), st.booleans())
def test_paging_a_panel_by_what_it_shows_reaches_every_line_once_and_in_order(lines, height, open_):
    """PageDown steps of exactly the visible rows show every wrapped line of a panel, none skipped."""
    from belscript.tui.box import BoxControl
    from belscript.tui.wrap import _lines

    source = [("", "\n".join(f"{i}:{line}" for i, line in enumerate(lines)))]
    offset = 0
    box = BoxControl(lambda: source, title="Zeg nu", width=lambda: 30, height=lambda: height,
                     scroll=lambda: offset, open=open_, more="▼ meer met PageDown")
    wanted = ["".join(t for _s, t in line).rstrip() for line in _lines(wrap(source, 30 if open_ else 28))]
    while len(wanted) > 1 and not wanted[-1]:
        wanted.pop()
    seen: list[str] = []
    for _ in range(200):
        drawn = "".join(t for _s, t in box._text()).split("\n")
        body = drawn[1:] if open_ else [row[1:-1] for row in drawn[1:-1]]
        page = [row.rstrip() for row in body][:len(wanted) - offset]
        seen += page[len(seen) - offset:]
        marked = "▼ meer" in (drawn[0] if open_ else drawn[-1])
        assert marked == (offset < box.last_offset)
        if offset >= box.last_offset:
            break
        offset += box.page
        offset = min(offset, box.last_offset)
    assert seen == wanted

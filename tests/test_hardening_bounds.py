"""Amounts, shares and dates have sane bounds everywhere, with a Dutch message; typing on
the call screen never ends it, whatever is typed."""

from __future__ import annotations

import time
from datetime import date
from decimal import Decimal

import pytest

from belscript.agreement.amounts import parse_spoken_amount
from belscript.agreement.dates import resolve_date
from belscript.cli.main import main
from belscript.errors import AgreementError
from belscript.money import MAX_AMOUNT, AmountSyntaxError, parse_amount, parse_percentage
from conftest import DATA
from tui_driver import drive, live_model, to_agreement_step

DOSSIER = DATA / "dossiers" / "demo-klacht.yaml"
SCRIPT = DATA / "scripts" / "eerste-gesprek.yaml"


@pytest.mark.parametrize("text", ["1" * 27, "9" * 40, str(MAX_AMOUNT + 1), 10**30, 1e300, Decimal("1e999999")])
def test_an_absurdly_large_amount_is_refused_in_dutch(text):
    """Any amount above a billion euro is refused with a Dutch message, not an arithmetic error."""
    with pytest.raises(AmountSyntaxError, match="te groot|geen bedrag"):
        parse_amount(text)


@pytest.mark.parametrize("text", ["NaN%", "sNaN%", "Infinity%", "1e999%", "9" * 40 + "%", "0%", "101%", "-5%", "12,345%"])
def test_a_share_outside_0_to_100_percent_is_refused(text):
    """Only shares between 0 and 100 percent with at most two decimals are shares."""
    with pytest.raises(AmountSyntaxError, match="percentage"):
        parse_percentage(text)


def test_a_long_run_of_spaces_in_an_amount_is_refused_at_once():
    """An amount of '1', twenty thousand spaces and 'x' is refused in an instant, not after a minute."""
    started = time.monotonic()
    for text in ("1" + " " * 20_000 + "x", "1" + " " * 20_000 + ",00 euro x"):
        with pytest.raises(AmountSyntaxError):
            parse_amount(text)
        with pytest.raises(AgreementError):
            parse_spoken_amount(text, Decimal(100))
    assert time.monotonic() - started < 5


def test_a_date_centuries_ahead_is_too_far_for_an_agreement():
    """31-12-9999 is refused as too far ahead, so no instalment date can run past the calendar."""
    with pytest.raises(AgreementError, match="te ver weg"):
        resolve_date("31-12-9999", date(2026, 11, 23))


def _run(argv, capsys):
    code = main(argv)
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out + err


@pytest.mark.parametrize(("find", "replace", "message"), [
    ('amount: "2450.00"', 'amount: "99999999999999999999999999999"', "te groot"),
    ('amount: "2450.00"', 'amount: 1.0e+300', "bedrag"),
    ('amount: "363.00"', 'amount: "363.00"\n    paid: "-100"', "negative"),
    ("email: ingrid.vandijk@example.nl", 'email: "ingrid@example.nl, boef@example.com"', "e-mailadres"),
    ("email: ingrid.vandijk@example.nl", 'email: "ingrid@example.nl\\nBcc: boef@example.com"', "één regel"),
    ("number: 2026-0142", 'number: "2026-0142\\nBcc: x@y.nl"', "één regel"),
])
def test_a_customer_file_with_an_impossible_value_is_refused_when_loaded(tmp_path, capsys, find, replace, message):
    """Huge amounts, negative payments, several addresses or line breaks in a header field are refused by validate."""
    text = DOSSIER.read_text(encoding="utf-8")
    assert find in text
    path = tmp_path / "klant.yaml"
    path.write_text(text.replace(find, replace, 1), encoding="utf-8")
    code, output = _run(["validate", "--kind", "dossier", str(path)], capsys)
    assert code == 1 and message in output


@pytest.mark.parametrize("value", ['"NaN%"', "9999999999999999999999999999999999999999", '"1e999%"', '"-3%"'])
@pytest.mark.parametrize("command", ["validate", "lint", "graph", "test"])
def test_a_script_with_an_impossible_minimum_is_refused_by_every_command(tmp_path, capsys, value, command):
    """min_first_instalment of NaN% or forty nines gives a Dutch diagnostic in validate, lint, graph and test."""
    text = SCRIPT.read_text(encoding="utf-8")
    path = tmp_path / "script.yaml"
    path.write_text(text.replace('min_first_instalment: "25%"', f"min_first_instalment: {value}"), encoding="utf-8")
    code, output = _run([command, str(path)], capsys)
    assert code != 0 and "min_first_instalment" not in output or "percentage" in output or "te groot" in output


def test_typing_an_absurd_amount_or_date_on_the_screen_shows_a_message_and_the_call_goes_on():
    """At 'Afspraak vastleggen', 27 digits or 31-12-9999 typed without Enter give a Dutch message, not a traceback."""
    model, _journal = live_model()

    async def scenario(d):
        await to_agreement_step(d)
        await d.type("/afspraak bedrag " + "1" * 27)
        await d.shows("te groot")
        d.screen.buffer.text = ""
        await d.type("/afspraak termijnen 3 termijnen vanaf 31-12-9999")
        await d.shows("te ver weg")
        assert d.screen.app.is_running

    drive(model, scenario)


def test_an_error_while_checking_the_typed_line_is_shown_instead_of_ending_the_screen(monkeypatch):
    """Even a bug in the live check of the typed line leaves the screen running with a warning."""
    model, _journal = live_model()

    def broken(model, text):
        raise ArithmeticError("boom")

    monkeypatch.setattr("belscript.screen.drafting.compute", broken)

    async def scenario(d):
        await d.type("x")
        await d.shows("kan ik nu niet controleren")
        assert d.screen.app.is_running

    drive(model, scenario)


def test_a_megabyte_long_name_is_wrapped_at_once():
    """Wrapping a 1 MB unbroken word takes moments (linear), not minutes, and keeps every character."""
    from belscript.tui.wrap import wrap

    word = "x" * 1_000_000
    started = time.monotonic()
    wrapped = wrap([("", word + " einde")], 80)
    assert time.monotonic() - started < 10
    text = "".join(t for _s, t, *_ in wrapped)
    assert text.replace("\n", "").replace(" ", "") == word + "einde"
    assert max(len(line.rstrip(" ")) for line in text.split("\n")) <= 80

"""The commands owners and callers use speak Dutch: their --help and argparse's errors."""

from __future__ import annotations

import argparse
import importlib
import inspect
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from belscript.cli.main import COMMANDS, build_parser, main
from belscript.cli.parser import MESSAGES

#: The commands for callers and owners; the rest are for script authors and stay English.
DUTCH = ["call", "practice", "log", "lijst", "klant", "overzicht", "import", "betaald", "brief",
         "overdracht", "rente"]
ENGLISH_ARGPARSE = ("usage:", "options:", "positional arguments", "show this help message", "error:")
ENGLISH_WORDS = {"the", "and", "show", "write", "record", "read", "list", "guide", "default", "overwrite",
                 "file", "folder", "customer", "invoice"}


def _run(argv: list[str], capsys) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as done:
        main(argv)
    out = capsys.readouterr()
    return done.value.code, out.out, out.err


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z]+", text.lower()))


def test_exactly_the_commands_for_callers_and_owners_have_a_dutch_description():
    """Callers and owners get Dutch help; script authors keep the English authoring commands."""
    dutch = [name for name, _ in COMMANDS
             if getattr(importlib.import_module(f"belscript.cli.cmd_{name}"), "DESCRIPTION_NL", None)]
    assert dutch == DUTCH


@pytest.mark.parametrize("command", DUTCH)
def test_the_help_of_every_dutch_command_has_no_english_in_it(command, capsys):
    """`belscript lijst --help` (and every other command for owners) is Dutch from top to bottom."""
    code, out, _ = _run([command, "--help"], capsys)
    assert code == 0
    assert out.startswith(f"gebruik: belscript {command}")
    assert "opties:" in out and "deze hulp tonen en stoppen" in out
    for english in ENGLISH_ARGPARSE:
        assert english not in out, english
    help_texts = " ".join(a.help or "" for a in _parser_of(command)._actions)
    assert not _words(help_texts) & ENGLISH_WORDS, help_texts


@pytest.mark.parametrize("command", ["klant", "import", "betaald", "brief", "overdracht", "rente"])
def test_the_arguments_of_a_dutch_command_are_titled_in_dutch(command, capsys):
    """Commands that take a customer, a file or an invoice list them under 'argumenten:'."""
    _, out, _ = _run([command, "--help"], capsys)
    assert "argumenten:" in out


def test_belscript_help_summarises_the_dutch_commands_in_dutch(capsys):
    """`belscript --help` names each command for callers and owners with a Dutch line."""
    summaries = dict(COMMANDS)
    for name in DUTCH:
        assert not _words(summaries[name]) & ENGLISH_WORDS, summaries[name]
    code, out, _ = _run(["--help"], capsys)
    assert code == 0 and "de bellijst van vandaag" in out


ERRORS = [
    (["klant", "bakker", "--aanspreekvorm", "foo"], "--aanspreekvorm: ongeldige keuze: 'foo' (kies uit 'u', 'je')"),
    (["lijst", "--bogus"], "onbekende optie: --bogus"),
    (["overzicht", "--bogus", "--ook"], "onbekende opties: --bogus --ook"),
    (["betaald", "F-1", "10", "vandaag", "extra"], "niet herkend: extra"),
    (["klant"], "verplicht: KLANT"),
    (["import"], "verplicht: BESTAND"),
    (["lijst", "--format"], "--format: hier hoort één waarde bij"),
    (["overzicht", "--html"], "--html: hier hoort één waarde bij"),
    (["lijst", "--format", "xml"], "--format: ongeldige keuze: 'xml' (kies uit 'text', 'json')"),
    (["brief", "--zakelijk", "--consument", "x"], "--consument: niet samen met --zakelijk"),
    (["overdracht", "--force=ja", "x"], "--force: hier hoort geen waarde bij ('ja')"),
    (["rente", "weg"], "bijwerken: ongeldige keuze: 'weg' (kies uit 'bijwerken')"),
    (["log", "show", "een"], "NR: ongeldige waarde: 'een'"),
]


@pytest.mark.parametrize("argv, dutch", ERRORS, ids=[" ".join(a) for a, _ in ERRORS])
def test_a_mistake_on_the_command_line_of_a_dutch_command_is_explained_in_dutch(argv, dutch, capsys):
    """A wrong option, value or missing customer gets the usage and a Dutch message, exit 2, no traceback."""
    code, out, err = _run(argv, capsys)
    prog = "belscript " + " ".join(argv[:2] if argv[0] == "log" else argv[:1])
    assert code == 2 and out == ""
    assert err.startswith(f"gebruik: {prog} ")
    assert f"{prog}: fout: {dutch}\n" in err, err
    for english in ENGLISH_ARGPARSE + ("Traceback",):
        assert english not in err, english


def test_the_authoring_commands_keep_argparse_in_english_after_a_dutch_mistake(capsys):
    """Dutch errors stay with the Dutch commands: `belscript validate` still answers in English."""
    assert _run(["lijst", "--bogus"], capsys)[0] == 2
    code, _, err = _run(["validate", "--format", "xml", "x.yaml"], capsys)
    assert code == 2 and err.startswith("usage: belscript validate")
    assert "error: argument --format: invalid choice: 'xml'" in err


def test_every_argparse_error_a_user_can_make_is_translated_in_this_python():
    """The messages the tests above rely on are argparse's own ids in the Python that runs."""
    source = inspect.getsource(argparse)
    for english in ("usage: ", "%(prog)s: error: %(message)s\n", "argument %(argument_name)s: %(message)s",
                    "unrecognized arguments: %s", "the following arguments are required: %s",
                    "expected one argument", "invalid choice: %(value)r (choose from %(choices)s)",
                    "invalid %(type)s value: %(value)r", "not allowed with argument %s",
                    "ignored explicit argument %r", "ambiguous option: %(option)s could match %(matches)s"):
        assert repr(english)[1:-1] in source or english in source, english
        assert english in MESSAGES


@settings(max_examples=40, deadline=None)
@given(command=st.sampled_from(DUTCH), word=st.from_regex(r"--[a-z]{2,12}", fullmatch=True))
def test_any_unknown_option_of_a_dutch_command_is_refused_in_dutch(command, word):
    """Whatever option a user invents, a Dutch command refuses it in Dutch with exit code 2."""
    known = [s for a in _parser_of(command)._actions for s in a.option_strings]
    if any(s.startswith(word) for s in known):  # an abbreviation of a real option
        return
    import contextlib
    import io

    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()), \
            pytest.raises(SystemExit) as done:
        main([command, word])
    assert done.value.code == 2
    assert ": fout: " in err.getvalue() and "error:" not in err.getvalue() and "Traceback" not in err.getvalue()


def _parser_of(command: str) -> argparse.ArgumentParser:
    parser = build_parser(load=command)
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return sub.choices[command]


def test_belscript_help_itself_is_in_dutch(capsys):
    """`belscript --help` has Dutch titles, description and closing line, and says which commands answer in English."""
    code, out, _ = _run(["--help"], capsys)
    assert code == 0
    assert not any(word in out for word in ENGLISH_ARGPARSE), out
    assert "gebruik: belscript" in out and "opdrachten:" in out and "OPDRACHT --help" in out
    assert "antwoorden in het Engels" in out


def test_a_mistyped_command_is_named_with_the_likely_one_in_dutch(capsys):
    """`belscript lijts` says it is no command, suggests `lijst`, lists the commands and exits 2."""
    assert main(["lijts", "--alle"]) == 2
    err = capsys.readouterr().err
    assert "'lijts' is geen opdracht van belscript; bedoelt u 'lijst'?" in err
    assert "De opdrachten: call, practice" in err and "Traceback" not in err

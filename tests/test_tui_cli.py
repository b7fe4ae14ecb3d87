"""`belscript call` outside a terminal and with bad input: clear messages, right exit codes."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT


def _call(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "belscript", "call", *args], input=stdin, capture_output=True,
                          text=True, timeout=60, cwd=ROOT)


def test_without_a_terminal_the_command_explains_and_exits_2():
    """Piped input gives a clear message and exit code 2, not a broken screen."""
    result = _call("--demo", stdin="1\n")
    assert result.returncode == 2
    assert "heeft een terminal nodig" in result.stderr and "Traceback" not in result.stderr


def test_an_invalid_customer_file_prints_every_diagnostic_and_exits_1(tmp_path):
    """A customer file with mistakes gets the loader's file:line:col diagnostics and exit code 1."""
    bad = tmp_path / "klant.yaml"
    bad.write_text("customer:\n  naam: X\ncaller:\n  name: A\n  company: B\ninvoices: []\n", encoding="utf-8")
    result = _call("--dossier", str(bad))
    assert result.returncode == 1
    assert f"{bad}:" in result.stderr and "error" in result.stderr and "Traceback" not in result.stderr


def test_a_missing_customer_file_exits_2():
    """A customer file that does not exist is an unreadable input: exit code 2 with the path."""
    result = _call("--dossier", "bestaat-niet.yaml")
    assert result.returncode == 2 and "bestaat-niet.yaml" in result.stderr and "Traceback" not in result.stderr


def test_an_unknown_script_name_exits_2_with_the_built_in_names():
    """--script with an unknown name lists the built-in scripts."""
    result = _call("--demo", "--script", "eerste-gesprk")
    assert result.returncode == 2 and "eerste-gesprek" in result.stderr and "Traceback" not in result.stderr


def test_a_customer_is_required():
    """Without --dossier or --demo the command says what to give."""
    result = _call()
    assert result.returncode == 2 and "--dossier" in result.stderr and "--demo" in result.stderr


def test_the_command_module_does_not_import_prompt_toolkit_until_it_runs():
    """Building the command line (e.g. for --help) does not load the terminal UI."""
    code = ("import sys; from belscript.cli import main; main.build_parser(); "
            "print('prompt_toolkit' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "False", out.stderr


import pytest as _pytest


@_pytest.mark.parametrize("argv", [["call", "--help"], ["practice", "--help"], ["log", "--help"],
                                   ["log", "show", "--help"], ["log", "export", "--help"]])
def test_the_help_of_the_commands_for_callers_is_in_dutch(argv, capsys):
    """`belscript call --help` (and practice, log) speak Dutch, as the user guide that sends users there."""
    from belscript.cli.main import main

    with _pytest.raises(SystemExit) as done:
        main(argv)
    assert done.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("gebruik: belscript") and "deze hulp tonen en stoppen" in out and "opties:" in out
    for english in ("usage:", "show this help", "options:", "the customer file", "instead of"):
        assert english not in out, english


def test_the_preparation_screen_is_drawn_before_what_only_the_call_needs_is_loaded(tmp_path):
    """The first frame shows the real preparation screen without loading the engine, the date
    parser, babel, the holidays, the store or the follow-up documents (they come after it)."""
    code = (
        "import asyncio, io, sys\n"
        "from datetime import datetime\n"
        "from prompt_toolkit.application.current import set_app\n"
        "from prompt_toolkit.data_structures import Size\n"
        "from prompt_toolkit.input import create_pipe_input\n"
        "from prompt_toolkit.output.vt100 import Vt100_Output\n"
        "from belscript.cli import teamcall\n"
        "from belscript.cli.cmd_call import paused_calls\n"
        "from belscript.clock import FixedClock\n"
        "from belscript.dossier.loader import demo_dossier_path, load_dossier\n"
        "from belscript.journal import Journal\n"
        "from belscript.screen import live\n"
        "from belscript.script.loader import resolve_script\n"
        "from belscript.tui.app import CallScreen\n"
        "clock = FixedClock(datetime(2026, 11, 23, 10, 15))\n"
        "journal = Journal.open(clock=clock)\n"
        "dossier = load_dossier(demo_dossier_path())\n"
        "model = live.start(resolve_script(None), dossier, clock=clock, journal=journal,"
        " caller=teamcall.caller_name(journal.home))\n"
        "assert paused_calls(journal, dossier) == []\n"
        "async def first_frame():\n"
        "    with create_pipe_input() as pipe:\n"
        "        screen = CallScreen(model, input=pipe, output=Vt100_Output(io.StringIO(),"
        " lambda: Size(rows=40, columns=120), term='xterm'), color=True)\n"
        "        with set_app(screen.app):\n"
        "            screen.app.renderer.render(screen.app, screen.app.layout)\n"
        "        return screen.screen_text()\n"
        "print('PREPARED' if 'Wat nog ontbreekt' in asyncio.run(first_frame()) else 'NOT PREPARED')\n"
        "later = ('belscript.engine.call', 'belscript.agreement.dates', 'belscript.followup', 'belscript.store.store',"
        " 'babel', 'dateparser', 'holidays')\n"
        "print(sorted(m for m in later if m in sys.modules))\n"
    )
    env = {**__import__("os").environ, "BELSCRIPT_HOME": str(tmp_path)}
    env.pop("BELSCRIPT_CALLER", None)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=ROOT, env=env)
    assert out.returncode == 0, out.stderr[-800:]
    assert out.stdout.splitlines()[-2:] == ["PREPARED", "[]"]

"""Bad input to any non-interactive command gives a clear message and exit 1 or 2, never a
traceback; nothing already written is lost; every file belscript creates is owner-only."""

from __future__ import annotations

import builtins
import errno
import importlib.util
import io
import os
import shutil
import signal
import stat
import subprocess
import sys
import threading
import time
from datetime import timedelta
from pathlib import Path

import pytest

from belscript.cli.main import main
from belscript.clock import FixedClock
from belscript.dossier.loader import demo_dossier_path, load_dossier
from belscript.engine.events import Event
from belscript.journal import Journal

from conftest import DATA, MONDAY_MORNING, ROOT

SCRIPT = DATA / "scripts" / "eerste-gesprek.yaml"
PERSONA = DATA / "personas" / "boos.yaml"
BELSCRIPT = [sys.executable, "-m", "belscript"]

#: Every way of handing a command a file it has to read, with the exit status a
#: *content* problem gives there (an unreadable file is always 2).
READERS = {
    "validate": (lambda p: ["validate", p], 1),
    "lint": (lambda p: ["lint", p], 1),
    "test": (lambda p: ["test", p], 1),
    "graph": (lambda p: ["graph", p], 1),
    "call --script": (lambda p: ["call", "--script", p, "--demo"], 1),
    "call --dossier": (lambda p: ["call", "--dossier", p], 1),
    "practice --script": (lambda p: ["practice", "--script", p], 1),
    "practice --dossier": (lambda p: ["practice", "--dossier", p], 1),
    "practice --persona": (lambda p: ["practice", "--persona", p], 1),
    "practice --history": (lambda p: ["practice", "--history", "--script", p], 1),
}


def run(argv: list[str], capsys) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def home() -> Path:
    return Path(os.environ["BELSCRIPT_HOME"])


def clean_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = dict(os.environ, BELSCRIPT_HOME=str(tmp_path / "home"), BELSCRIPT_NOW="2026-11-23T10:15")
    env.update(extra)
    return env


# -- unreadable or unsuitable input files ------------------------------------------------

@pytest.mark.parametrize("command", sorted(READERS))
def test_missing_file_exits_2_and_names_it(command, tmp_path, capsys):
    """A file that does not exist gives exit 2 and a message that names it."""
    make, _ = READERS[command]
    missing = str(tmp_path / "bestaat-niet.yaml")
    code, _, err = run(make(missing), capsys)
    assert code == 2 and f"{missing}: no such file" in err


@pytest.mark.parametrize("command", sorted(READERS))
def test_directory_instead_of_a_file_exits_2(command, tmp_path, capsys):
    """A folder where a file is expected gives exit 2 and says it is a directory."""
    make, _ = READERS[command]
    folder = tmp_path / "map.yaml"
    folder.mkdir()
    code, _, err = run(make(str(folder)), capsys)
    assert code == 2 and "is a directory" in err


@pytest.mark.parametrize("command", sorted(READERS))
def test_unreadable_file_exits_2_with_permission_denied(command, tmp_path, capsys, monkeypatch):
    """A file without read permission gives exit 2 and 'permission denied'."""
    make, _ = READERS[command]
    path = tmp_path / "geheim.yaml"
    shutil.copy(SCRIPT, path)
    path.chmod(0)
    if os.geteuid() == 0:  # root reads everything: let the file system say no instead
        real_open = builtins.open

        def refusing_open(file, *args, **kwargs):
            if os.fspath(file) == str(path):
                raise PermissionError(errno.EACCES, "Permission denied", str(path))
            return real_open(file, *args, **kwargs)

        monkeypatch.setattr(builtins, "open", refusing_open)
    code, _, err = run(make(str(path)), capsys)
    assert code == 2 and "permission denied" in err


@pytest.mark.parametrize("command", sorted(READERS))
@pytest.mark.parametrize("content, code_name", [
    (b"", "empty"),
    (b"# alleen commentaar\n", "empty"),
    (bytes(range(256)) * 8, "not-utf8"),
    ("klant: Caf\u00e9 De Hoek\n".encode("latin-1"), "not-utf8"),
    (b"- eerste\n- tweede\n", "wrong-type"),
])
def test_empty_binary_or_list_files_get_one_diagnostic(command, content, code_name, tmp_path, capsys):
    """Empty, binary, non-UTF-8 and list-shaped YAML files get a positioned diagnostic and exit 1."""
    make, expected = READERS[command]
    path = tmp_path / "kapot.yaml"
    path.write_bytes(content)
    code, out, err = run(make(str(path)), capsys)
    assert code == expected and f"[{code_name}]" in out + err and str(path) in out + err


def test_binary_text_file_for_lint_exits_2(tmp_path, capsys):
    """lint on a plain text file that is not UTF-8 says so and exits 2 (unreadable input)."""
    path = tmp_path / "notities.txt"
    path.write_bytes(b"\x00\xff\xfe binary")
    code, _, err = run(["lint", str(path)], capsys)
    assert code == 2 and "not UTF-8" in err


def test_closed_standard_input_for_lint_exits_2(capsys, monkeypatch):
    """'belscript lint -' with standard input closed says so instead of crashing."""
    monkeypatch.setattr(sys, "stdin", None)
    code, _, err = run(["lint", "-"], capsys)
    assert code == 2 and "standard input is closed" in err


def test_validate_summary_counts_unreadable_files(tmp_path, capsys):
    """The summary of validate says how many files could not be read, not just '0 errors'."""
    code, _, err = run(["validate", str(tmp_path / "weg.yaml"), str(SCRIPT)], capsys)
    assert code == 2 and "2 files checked: 0 errors, 0 warnings, 1 could not be read" in err


# -- one kind of file where another is expected ------------------------------------------

@pytest.mark.parametrize("argv, found, wanted", [
    (["call", "--dossier", str(SCRIPT)], "a belscript", "a customer file"),
    (["practice", "--dossier", str(SCRIPT)], "a belscript", "a customer file"),
    (["validate", "--kind", "dossier", str(SCRIPT)], "a belscript", "a customer file"),
    (["call", "--script", str(demo_dossier_path()), "--demo"], "a customer file", "a belscript"),
    (["graph", str(demo_dossier_path())], "a customer file", "a belscript"),
    (["lint", str(demo_dossier_path())], "a customer file", "a belscript"),
    (["test", str(demo_dossier_path())], "a customer file", "a belscript"),
    (["validate", "--kind", "script", str(demo_dossier_path())], "a customer file", "a belscript"),
    (["practice", "--persona", str(SCRIPT)], "a belscript", "a practice persona"),
    (["practice", "--dossier", str(PERSONA)], "a practice persona", "a customer file"),
    (["call", "--script", str(DATA / "scripts" / "eerste-gesprek.test.yaml"), "--demo"],
     "a file of example conversations", "a belscript"),
])
def test_wrong_kind_of_file_is_named_in_one_line(argv, found, wanted, capsys):
    """A script given as customer file (or the other way round) gets one line saying what it is."""
    code, out, err = run(argv, capsys)
    lines = [line for line in (out + err).splitlines() if "error:" in line]
    assert code == 1 and len(lines) == 1
    assert f"this looks like {found}" in lines[0] and f"not {wanted}" in lines[0] and "[wrong-kind]" in lines[0]


# -- unknown built-in names ----------------------------------------------------------------

@pytest.mark.parametrize("argv, suggestion", [
    (["graph", "eerste-gesprk"], "eerste-gesprek"),
    (["test", "servicegesprk"], "servicegesprek"),
    (["call", "--script", "tweede-gesprk", "--demo"], "tweede-gesprek"),
    (["practice", "--script", "eerstegesprek"], "eerste-gesprek"),
    (["practice", "--history", "--script", "eerstegesprek"], "eerste-gesprek"),
    (["practice", "--persona", "vergten"], "vergeten"),
    (["new", "x.yaml", "--from", "servicegesprk"], "servicegesprek"),
    (["new", "x.yaml", "--extends", "eerste-gesprk"], "eerste-gesprek"),
])
def test_misspelt_built_in_name_suggests_the_right_one(argv, suggestion, capsys, tmp_path, monkeypatch):
    """A misspelt built-in script or persona name exits 2 and asks 'did you mean …?'."""
    monkeypatch.chdir(tmp_path)
    code, _, err = run(argv, capsys)
    assert code == 2 and f"did you mean '{suggestion}'?" in err
    assert not (tmp_path / "x.yaml").exists()


# -- BELSCRIPT_HOME and BELSCRIPT_NOW --------------------------------------------------------

@pytest.mark.parametrize("argv", [["log"], ["log", "export"], ["log", "show", "1"], ["practice", "--history"]])
def test_home_pointing_to_a_file_exits_2(argv, tmp_path, capsys, monkeypatch):
    """BELSCRIPT_HOME naming a file gives exit 2 and says a folder is needed."""
    target = tmp_path / "bestand"
    target.write_text("niet aankomen")
    monkeypatch.setenv("BELSCRIPT_HOME", str(target))
    code, _, err = run(argv, capsys)
    assert code == 2 and "is geen map" in err and "BELSCRIPT_HOME" in err
    assert target.read_text() == "niet aankomen"


def test_home_below_a_file_exits_2(tmp_path, capsys, monkeypatch):
    """BELSCRIPT_HOME inside a path that runs through a file gives exit 2 with the reason."""
    (tmp_path / "bestand").write_text("x")
    monkeypatch.setenv("BELSCRIPT_HOME", str(tmp_path / "bestand" / "belscript"))
    code, _, err = run(["log"], capsys)
    assert code == 2 and "kan niet worden aangemaakt" in err


def test_nested_new_home_is_created_owner_only_at_every_level(tmp_path, capsys, monkeypatch):
    """A BELSCRIPT_HOME that does not exist yet is created, every new folder owner-only."""
    nested = tmp_path / "a" / "b" / "c"
    monkeypatch.setenv("BELSCRIPT_HOME", str(nested))
    Journal.open().close()  # what a first call or practice session does
    assert [mode(p) for p in (tmp_path / "a", tmp_path / "a" / "b", nested)] == [0o700] * 3
    assert mode(nested / "calls.db") == 0o600


def test_call_log_that_is_a_folder_gets_a_clear_message(capsys):
    """A folder named calls.db in the data directory is reported as such (exit 2), not as 'busy'."""
    (home() / "calls.db").mkdir(parents=True)
    code, _, err = run(["log"], capsys)
    assert code == 2 and "calls.db is een map, geen bestand" in err


def test_unwritable_home_folder_is_reported(tmp_path, capsys, monkeypatch):
    """A data folder that is not the user's (cannot be made private) gets exit 2 and advice."""
    from belscript.journal import opening

    monkeypatch.setenv("BELSCRIPT_HOME", str(tmp_path))
    Journal.open().close()

    def refuse(path):
        raise opening.UnsafeFolder(f"de map {path} is niet van u")

    monkeypatch.setattr(opening, "check_own_folder", refuse)
    code, _, err = run(["log"], capsys)
    assert code == 2 and "is niet van u" in err and "BELSCRIPT_HOME" in err


@pytest.mark.parametrize("value", ["gisteren", "2026-13-45", "2026-11-23T25:00",
                                   "0001-01-01T00:00+05:00", "9999-12-31T23:59"])
@pytest.mark.parametrize("argv", [["log"], ["practice", "--history"], ["call", "--demo"]])
def test_malformed_belscript_now_exits_2(value, argv, capsys, monkeypatch):
    """A BELSCRIPT_NOW that is not a usable ISO moment gives exit 2 and an example."""
    monkeypatch.setenv("BELSCRIPT_NOW", value)
    code, _, err = run(argv, capsys)
    assert code == 2 and "BELSCRIPT_NOW" in err and "2026-11-23T10:15" in err


# -- output files -----------------------------------------------------------------------------

OUTPUTS = {
    "new": lambda p: ["new", p],
    "graph": lambda p: ["graph", "eerste-gesprek", "--output", p],
    "schema": lambda p: ["schema", "--output", p],
    "log export": lambda p: ["log", "export", "--format", "json", "--output", p],
}


@pytest.mark.parametrize("command", sorted(OUTPUTS))
def test_output_in_missing_folders_is_created_owner_only(command, tmp_path, capsys):
    """Output into folders that do not exist yet creates them (0700) and the file (0600)."""
    target = tmp_path / "nieuw" / "diep" / "uitvoer.yaml"
    code, _, _ = run(OUTPUTS[command](str(target)), capsys)
    assert code == 0 and target.is_file()
    assert mode(target) == 0o600
    assert mode(tmp_path / "nieuw") == mode(tmp_path / "nieuw" / "diep") == 0o700


@pytest.mark.parametrize("command", sorted(OUTPUTS))
def test_output_to_a_folder_exits_2_and_suggests_a_file_name(command, tmp_path, capsys):
    """An output path that is a folder gives exit 2 and an example file name inside it."""
    code, _, err = run(OUTPUTS[command](str(tmp_path)), capsys)
    assert code == 2 and str(tmp_path) in err and ("is a folder" in err or "is een map" in err)


@pytest.mark.parametrize("command", sorted(OUTPUTS))
def test_output_below_a_file_exits_2(command, tmp_path, capsys):
    """An output path that runs through a file says which part is not a folder."""
    (tmp_path / "script.yaml").write_text("x")
    code, _, err = run(OUTPUTS[command](str(tmp_path / "script.yaml" / "uit.txt")), capsys)
    assert code == 2 and ("is not a folder" in err or "is geen map" in err)


@pytest.mark.parametrize("command", sorted(OUTPUTS))
def test_full_disk_keeps_the_existing_file(command, tmp_path, capsys, monkeypatch):
    """When writing fails (disk full), exit 2 says why and the file that was there is untouched."""
    folder = tmp_path / "uit"
    folder.mkdir()
    target = folder / "bestaand.txt"
    target.write_text("mijn werk van gisteren")
    argv = OUTPUTS[command](str(target)) + ["--force"]

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    code, _, err = run(argv, capsys)
    assert code == 2 and "no space left on device" in err
    assert target.read_text() == "mijn werk van gisteren"
    assert [p.name for p in folder.iterdir()] == ["bestaand.txt"]


def test_new_refuses_an_existing_file_without_force(tmp_path, capsys):
    """'new' on an existing file exits 2, keeps the file, and points at --force."""
    target = tmp_path / "mijn.yaml"
    target.write_text("eigen tekst")
    code, _, err = run(["new", str(target)], capsys)
    assert code == 2 and "--force" in err and target.read_text() == "eigen tekst"


def test_new_with_force_replaces_a_loose_file_by_an_owner_only_one(tmp_path, capsys):
    """'new --force' replaces the file, and the new file is owner-only even if the old one was not."""
    target = tmp_path / "mijn.yaml"
    target.write_text("oud")
    target.chmod(0o644)
    code, _, _ = run(["new", str(target), "--force"], capsys)
    assert code == 0 and "name: mijn" in target.read_text() and mode(target) == 0o600


def test_new_extends_a_file_from_another_folder_and_validates(tmp_path, capsys, monkeypatch):
    """'new sub/x.yaml --extends mijn.yaml' names the base as seen from sub/, so the result validates."""
    monkeypatch.chdir(tmp_path)
    shutil.copy(SCRIPT, tmp_path / "mijn.yaml")
    code, _, _ = run(["new", "sub/x.yaml", "--extends", "mijn.yaml"], capsys)
    assert code == 0 and "extends: ../mijn.yaml" in (tmp_path / "sub" / "x.yaml").read_text()
    assert run(["validate", "sub/x.yaml"], capsys)[0] == 0


def test_new_refuses_to_extend_a_customer_file(tmp_path, capsys, monkeypatch):
    """'new --extends' with a customer file exits 2 naming what the file is, and writes nothing."""
    monkeypatch.chdir(tmp_path)
    code, _, err = run(["new", "x.yaml", "--extends", str(demo_dossier_path())], capsys)
    assert code == 2 and "looks like a customer file" in err and not (tmp_path / "x.yaml").exists()


@pytest.mark.parametrize("argv", [["call", "--demo"], ["practice", "--persona", "boos", "--seed", "1"]])
def test_screen_commands_without_a_terminal_exit_2_before_writing(argv, capsys):
    """call and practice with valid input but no terminal exit 2, say why, and start no call."""
    code, _, err = run(argv, capsys)
    assert code == 2 and "heeft een terminal nodig" in err
    assert not (home() / "calls.db").exists()


def test_graph_never_overwrites_the_script_it_draws(tmp_path, capsys):
    """'graph S -o S' exits 2 and leaves the script as it was."""
    script = tmp_path / "mijn.yaml"
    shutil.copy(SCRIPT, script)
    before = script.read_bytes()
    code, _, err = run(["graph", str(script), "-o", str(script)], capsys)
    assert code == 2 and "the script being drawn" in err and script.read_bytes() == before


def test_log_export_never_overwrites_the_call_log(capsys):
    """'log export -o <the call log>' exits 2 and the log keeps its calls."""
    record_finished_call()
    target = home() / "calls.db"
    code, _, err = run(["log", "export", "--output", str(target)], capsys)
    assert code == 2 and "het gesprekslogboek" in err
    assert run(["log"], capsys)[1].count("Bakkerij Van Dijk") == 1


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_output_to_a_pipe_is_written_into_not_replaced(tmp_path, capsys):
    """An output path that is a pipe (like /dev/stdout) receives the data and stays a pipe."""
    fifo = tmp_path / "pijp"
    os.mkfifo(fifo)
    received = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    code, _, _ = run(["schema", "--output", str(fifo)], capsys)
    reader.join(timeout=10)
    assert code == 0 and b'"$schema"' in received[0]
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


# -- the shared safety net in main ------------------------------------------------------------

def test_unexpected_file_error_becomes_a_message(capsys, monkeypatch):
    """An operating-system error no command foresaw ends with 'belscript: PATH: reason', exit 2."""
    from belscript.cli import cmd_scripts

    def broken(args):
        raise PermissionError(errno.EACCES, "Permission denied", "/ergens/bestand")

    monkeypatch.setattr(cmd_scripts, "run", broken)
    code, _, err = run(["scripts"], capsys)
    assert code == 2 and err.strip() == "belscript: /ergens/bestand: Permission denied"


def test_ctrl_c_while_starting_up_is_a_short_message(capsys, monkeypatch):
    """Ctrl-C while belscript is still loading its commands gives 'onderbroken' and exit 130."""
    from belscript.cli import main as cli_main

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(cli_main, "build_parser", interrupted)
    code, _, err = run(["lint", "x"], capsys)
    assert code == 130 and "onderbroken" in err


def test_ctrl_c_during_lint_is_a_short_message(tmp_path, capsys, monkeypatch):
    """Ctrl-C in the middle of a lint gives 'onderbroken' and exit 130, without a traceback."""
    import belscript.phrasing

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(belscript.phrasing, "lint_text", interrupted)
    path = tmp_path / "notities.txt"
    path.write_text("U moet betalen.\n")
    code, _, err = run(["lint", str(path)], capsys)
    assert code == 130 and "belscript: onderbroken" in err


def _ctrl_c_as_in_a_terminal() -> None:
    """Give the child the default SIGINT disposition a terminal gives: a test suite started
    in the background by a non-interactive shell inherits SIGINT *ignored*, and the child
    would then (rightly) ignore the signal these tests send."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_sigint_to_a_real_long_lint(tmp_path):
    """SIGINT to a real 'belscript lint -' still busy with its input stops it with exit 130 and one line."""
    proc = subprocess.Popen([*BELSCRIPT, "lint", "-"], stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, env=clean_env(tmp_path), preexec_fn=_ctrl_c_as_in_a_terminal)
    # The input never ends, so the command is certainly still at work when the signal comes.
    # 800 kB is far more than a pipe holds: this write returns only once the command has
    # read most of it, so it is past start-up and reading, however loaded the machine.
    proc.stdin.write(("U moet nu betalen, het heeft geen haast. Heeft u de factuur niet ontvangen?\n" * 10_000)
                     .encode("utf-8"))
    proc.stdin.flush()
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err.decode()
    assert err.decode().strip() == "belscript: onderbroken"


def _wait_until_loaded(proc: subprocess.Popen, library: str) -> bool:
    """Wait until the child has mapped ``library`` (a C extension belscript imports while
    starting): then belscript's own start-up code is certainly running. False if the
    child ended first."""
    maps = Path(f"/proc/{proc.pid}/maps")
    while proc.poll() is None:
        try:
            if library in maps.read_text():
                return True
        except OSError:
            return False
        time.sleep(0.001)
    return False


@pytest.mark.skipif(not Path("/proc/self/maps").exists(), reason="needs /proc to see what the child has loaded")
@pytest.mark.parametrize("library", ["_yaml", "pydantic_core"])
def test_ctrl_c_during_start_up_prints_one_line_not_a_traceback(library, tmp_path):
    """Ctrl-C while the installed command is still loading its libraries ends quietly: exit
    130 and the one line 'belscript: onderbroken', never a traceback. (The interpreter's own
    start, before any belscript code runs, is outside the program.)"""
    command = Path(sys.executable).with_name("belscript")
    proc = subprocess.Popen([str(command), "validate", str(SCRIPT)], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, env=clean_env(tmp_path), preexec_fn=_ctrl_c_as_in_a_terminal)
    if _wait_until_loaded(proc, library):
        proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    if "checked" in err.decode():  # finished before the signal came: nothing to check
        return
    assert "Traceback" not in err.decode()
    assert (proc.returncode, err.decode().strip()) == (130, "belscript: onderbroken")


@pytest.mark.parametrize("argv", [["log"], ["schema"], ["scripts"], ["lint", "{big}"]])
def test_reader_that_stops_early_causes_no_traceback(argv, tmp_path):
    """'belscript … | head -1' ends quietly: no traceback, no 'Exception ignored', exit 0 or 1."""
    big = tmp_path / "groot.txt"
    big.write_text("U moet nu betalen.\n" * 20_000, encoding="utf-8")
    argv = [a.replace("{big}", str(big)) for a in argv]
    proc = subprocess.Popen([*BELSCRIPT, *argv], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env=clean_env(tmp_path))
    first = proc.stdout.readline()
    proc.stdout.close()
    err = proc.stderr.read().decode()
    proc.wait(timeout=60)
    assert first and proc.returncode in (0, 1)
    assert "Traceback" not in err and "Exception ignored" not in err


@pytest.mark.parametrize("argv", [["validate", str(SCRIPT)], ["schema"], ["log"]])
def test_closed_standard_output_causes_no_traceback(argv, tmp_path):
    """Running with standard output closed ('>&-') ends without a traceback."""
    command = " ".join(map(str, [*BELSCRIPT, *argv])) + " >&-"
    result = subprocess.run(command, shell=True, capture_output=True, text=True, env=clean_env(tmp_path),
                            timeout=60)
    assert "Traceback" not in result.stderr and result.returncode in (0, 1)


# -- owner-only files -----------------------------------------------------------------------

def record_finished_call() -> int:
    """A finished real call with an agreement in the log, as the call screen leaves it."""
    from belscript.agreement.model import Agreement, Payment
    from decimal import Decimal
    from datetime import date

    clock = FixedClock(MONDAY_MORNING)
    agreement = Agreement(kind="full_payment", agreed_by="Ingrid van Dijk",
                          payments=[Payment(amount=Decimal("2813.00"), on=date(2026, 11, 27))])
    with Journal.open(clock=clock) as journal:
        call_id = journal.start_call("eerste-gesprek", None, load_dossier(demo_dossier_path()))
        events = [("started", {"script": "eerste-gesprek", "step": "opening"}),
                  ("contact", {"name": "Ingrid van Dijk"}),
                  ("ended", {"step": "afsluiting", "outcome": {"type": "agreement",
                                                              "agreement": agreement.model_dump(mode="json")}})]
        for n, (kind, data) in enumerate(events, start=1):
            journal.append(call_id, Event(seq=n, at=clock.now() + timedelta(minutes=n), kind=kind, data=data))
    return call_id


def test_every_file_a_command_creates_is_owner_only(tmp_path, capsys, monkeypatch):
    """With a permissive umask, every file and folder the commands create is 0600 or 0700."""
    old_umask = os.umask(0o002)
    try:
        call_id = record_finished_call()
        work = tmp_path / "werk"
        commands = [
            ["new", str(work / "scripts" / "mijn.yaml")],
            ["new", str(work / "scripts" / "klein.yaml"), "--extends", "eerste-gesprek"],
            ["graph", "eerste-gesprek", "-o", str(work / "tekening" / "gesprek.mmd")],
            ["schema", "-o", str(work / "belscript.schema.json")],
            ["log", "export", "-o", str(work / "export" / "gesprekken.csv")],
            ["log", "show", str(call_id), "--documents"],
            ["practice", "--history"],
        ]
        for argv in commands:
            assert run(argv, capsys)[0] == 0, argv
    finally:
        os.umask(old_umask)
    created = [p for root in (work, home()) for p in [root, *root.rglob("*")]]
    assert len(created) > 10
    loose = {str(p): oct(mode(p)) for p in created if mode(p) not in (0o600, 0o700)}
    assert loose == {}
    assert any(p.suffix == ".eml" for p in created)


# -- the setup scripts --------------------------------------------------------------------------

def load_script_module(name: str):
    path = ROOT / "scripts" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"_belscript_setup_{name}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_unsupported_python_gets_a_message_and_exit_2(capsys, monkeypatch):
    """On a Python older than 3.11 the setup scripts say which version is needed, exit 2."""
    check = load_script_module("_python_check")
    monkeypatch.setattr(sys, "version_info", (3, 9, 18, "final", 0))
    with pytest.raises(SystemExit) as stop:
        check.require_supported_python("scripts/test.py")
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert "needs Python 3.11 or newer" in err and "python3.11 scripts/test.py" in err


@pytest.mark.parametrize("script", ["test.py", "demo.py"])
def test_setup_scripts_parse_on_old_pythons(script):
    """The setup scripts and their version check are plain enough for old Pythons to reach the check."""
    import ast

    for name in (script, "_python_check.py"):
        tree = ast.parse((ROOT / "scripts" / name).read_text(encoding="utf-8"), feature_version=(3, 4))
        assert not any(isinstance(node, ast.JoinedStr) for node in ast.walk(tree)), name


def old_pythons() -> list[str]:
    """Real interpreters older than 3.11 (pyenv keeps them side by side), oldest and newest."""
    found = []
    for exe in sorted(Path.home().glob(".pyenv/versions/*/bin/python")):
        try:
            version = tuple(int(part) for part in exe.parent.parent.name.split(".")[:2])
        except ValueError:
            continue
        if version < (3, 11):
            found.append((version, str(exe)))
    found.sort()
    return sorted({found[0][1], found[-1][1]}) if found else []


OLD_PYTHONS = old_pythons()


@pytest.mark.skipif(not OLD_PYTHONS, reason="no old Python installed")
@pytest.mark.parametrize("script", ["test.py", "demo.py"])
def test_setup_scripts_on_a_real_old_python(script, tmp_path):
    """Run with a real old Python, the setup scripts print the version message and exit 2."""
    for python in OLD_PYTHONS[:2]:
        result = subprocess.run([python, str(ROOT / "scripts" / script)], capture_output=True, text=True,
                                env=clean_env(tmp_path, PYTHONDONTWRITEBYTECODE="1"), timeout=60)
        assert result.returncode == 2, (python, result.stderr)
        assert "needs Python 3.11 or newer" in result.stderr and "Traceback" not in result.stderr


def test_failing_pip_gets_a_message_and_no_stamp(tmp_path, capsys, monkeypatch):
    """When pip fails, setup says what to check and exits 2; the next run tries again."""
    venv = load_script_module("_venv")
    fake_python = tmp_path / ".venv" / "bin" / "python"
    fake_python.parent.mkdir(parents=True)
    fake_python.write_text("")
    monkeypatch.setattr(venv, "VENV", tmp_path / ".venv")
    monkeypatch.setattr(venv, "STAMP", tmp_path / ".venv" / ".belscript-installed")
    monkeypatch.setattr(venv, "venv_python", lambda: fake_python)

    def pip(command, **kwargs):
        return subprocess.CompletedProcess(command, 0 if "--version" in command else 1)

    monkeypatch.setattr(venv.subprocess, "run", pip)
    assert venv.guarded(lambda: venv.ensure("dev")) == 2
    err = capsys.readouterr().err
    assert "installing the dependencies failed" in err and "internet" in err and "Traceback" not in err
    assert not (tmp_path / ".venv" / ".belscript-installed").exists()


def test_ctrl_c_during_setup_is_a_short_message(capsys):
    """Ctrl-C while the environment is being installed ends with 'interrupted' and exit 130."""
    venv = load_script_module("_venv")

    def interrupted():
        raise KeyboardInterrupt

    assert venv.guarded(interrupted) == 130
    assert "interrupted" in capsys.readouterr().err


# -- personas folder ----------------------------------------------------------------------------

def test_broken_entries_in_the_persona_folder_do_not_block_history(capsys):
    """A folder or an unreadable file among your own personas does not stop 'practice --history'."""
    personas = home() / "personas"
    (personas / "map.yaml").mkdir(parents=True)
    (personas / "kapot.yaml").write_bytes(b"\xff\xfe")
    code, out, _ = run(["practice", "--history"], capsys)
    assert code == 0 and "Volgende oefening" in out


@pytest.mark.parametrize("command, argv, collecting", [
    ("schema", ["schema"], True),  # any command: it may run long (a call), so it collects
    ("scripts", ["scripts"], False),  # a short read-only command runs paused from start to end
])
def test_a_command_runs_with_the_cycle_collector_on_unless_it_is_short(command, argv, collecting, monkeypatch,
                                                                       capsys):
    """Start-up pauses the cycle collector; a command runs with it on again, except the short
    read-only ones; afterwards it is on either way."""
    import gc
    import importlib

    module = importlib.import_module(f"belscript.cli.cmd_{command}")
    seen = []
    real_run = module.run
    monkeypatch.setattr(module, "run", lambda args: seen.append(gc.isenabled()) or real_run(args))
    before = gc.isenabled()
    gc.enable()
    try:
        assert main(argv) == 0
        assert gc.isenabled()
    finally:
        if not before:
            gc.disable()
    assert seen == [collecting]
    assert capsys.readouterr().out


@pytest.mark.parametrize("argv, status", [(["validate", "{files}"], 1), (["lint", "{big}"], 1), (["scripts"], 0)])
def test_a_command_that_ends_at_once_has_printed_everything_first(argv, status, tmp_path):
    """validate, lint and scripts end without tearing the process down, yet every line they
    wrote reaches a pipe and the exit status is theirs."""
    files = []
    for i in range(40):
        bad = tmp_path / f"kapot-{i}.yaml"
        bad.write_text("belscript: 1\nname: kapot\nsteps: {}\nonbekend: ja\n", encoding="utf-8")
        files.append(str(bad))
    big = tmp_path / "groot.txt"
    big.write_text("U moet nu betalen.\n" * 5_000, encoding="utf-8")
    expanded = []
    for a in argv:
        expanded += files if a == "{files}" else [a.replace("{big}", str(big))]
    env = clean_env(tmp_path)
    env.pop("PYTHONUNBUFFERED", None)  # output to a pipe is buffered, as for a user
    done = subprocess.run([*BELSCRIPT, *expanded], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == status, done.stderr
    if argv[0] == "validate":
        assert all(f in done.stdout for f in files)
        assert "40 files checked" in done.stderr
    elif argv[0] == "lint":
        assert done.stdout.count("[moeten]") == 5_000
    else:
        assert "eerste-gesprek" in done.stdout and "tweede-gesprek" in done.stdout

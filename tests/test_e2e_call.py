"""The real `belscript call` in a real terminal (tmux): a whole call, a resize, and a crash."""

from __future__ import annotations

import os
import shlex
import shutil
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from conftest import ROOT

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed; the end-to-end tests need it"),
]


class Tmux:
    """One private tmux server (its own socket) running one command in a window of ``size`` (120x40)."""

    def __init__(self, home, args: str, size: tuple[int, int] = (120, 40)) -> None:
        self.socket = f"belscript-test-{uuid.uuid4().hex[:8]}"
        env = {"BELSCRIPT_HOME": str(home), "BELSCRIPT_NOW": "2026-11-23T10:15", "TERM": "xterm-256color"}
        exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
        command = f"cd {shlex.quote(str(ROOT))} && exec env {exports} {shlex.quote(sys.executable)} -m belscript {args}"
        self.run("new-session", "-d", "-s", "t", "-x", str(size[0]), "-y", str(size[1]), command)
        self.run("set-option", "-t", "t", "remain-on-exit", "on")

    def run(self, *args: str) -> str:
        return subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True, text=True, timeout=20,
                              check=True).stdout

    def screen(self, history: bool = False) -> str:
        return self.run("capture-pane", "-t", "t", "-p", *(("-S", "-200") if history else ()))

    def wait_for(self, text: str, timeout: float = 15.0, history: bool = False) -> str:
        """The screen once ``text`` is on it. After the program has ended, what it printed
        last may have scrolled into the history (tmux adds a "Pane is dead" line at the
        bottom of a full pane), so the history is searched then too."""
        deadline = time.monotonic() + timeout
        while True:
            shown = self.screen(history)
            if text in shown:
                return shown
            if not history and self.dead():
                with_history = self.screen(True)
                if text in with_history:
                    return with_history
            if time.monotonic() > deadline:
                raise AssertionError(f"{text!r} did not appear; the screen shows:\n{shown}")
            time.sleep(0.05)

    def keys(self, *keys: str) -> None:
        self.run("send-keys", "-t", "t", *keys)

    def line(self, text: str, wait_for: str | None = None) -> None:
        """Type a line literally, press Enter, and wait for a text that proves it was handled."""
        self.run("send-keys", "-t", "t", "-l", text)
        self.keys("Enter")
        if wait_for:
            self.wait_for(wait_for)

    def pid(self) -> int:
        return int(self.run("display-message", "-p", "-t", "t", "#{pane_pid}").strip())

    def dead(self) -> bool:
        return self.run("display-message", "-p", "-t", "t", "#{pane_dead}").strip() == "1"

    def socket_path(self) -> Path:
        """Where tmux keeps this server's socket (tmux leaves the file behind on kill-server)."""
        return Path(os.environ.get("TMUX_TMPDIR") or "/tmp") / f"tmux-{os.getuid()}" / self.socket

    def close(self) -> None:
        """Stop this test's tmux server and remove its socket file."""
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True, timeout=20)
        self.socket_path().unlink(missing_ok=True)


def begin_call(tmux: Tmux) -> None:
    """From the preparation screen of a new call to its opening step."""
    tmux.wait_for("Wat nog ontbreekt in het dossier")
    tmux.keys("Enter")
    tmux.wait_for("Zeg nu: Opening")


@pytest.fixture
def home(tmp_path):
    return tmp_path / "home"


def test_a_finished_terminal_session_leaves_no_tmux_socket_behind(home):
    """The end-to-end tests clean up: after close, this test's tmux socket file is gone."""
    tmux = Tmux(home, "--version")
    assert tmux.socket_path().exists()
    tmux.close()
    assert not tmux.socket_path().exists()


def _open_journal(home):
    from belscript.journal import Journal

    return Journal.open(home)


def test_a_whole_call_in_a_real_terminal(home):
    """In tmux: preparation, options, a warned note, a refused end, a concrete agreement, the end and the files."""
    tmux = Tmux(home, "call --demo")
    try:
        tmux.wait_for("Wat nog ontbreekt in het dossier")
        tmux.wait_for("gouden beluur")
        tmux.keys("Enter")
        tmux.wait_for("Zeg nu: Opening")
        tmux.line("/naam Ingrid van Dijk", "U spreekt met Ingrid van Dijk")
        tmux.line("1", "Zeg nu: Doel van het gesprek")
        tmux.run("send-keys", "-t", "t", "-l", "u moet nu betalen")
        tmux.wait_for("klinkt dwingend")
        tmux.keys("Enter")
        tmux.wait_for("Notitie bewaard")
        tmux.line("1", "Zeg nu: Luisteren")
        tmux.line("1", "Zeg nu: Afspraak vastleggen")
        tmux.line("/einde", "Komt er geen afspraak? Leg dan vast waarom: /geenafspraak <reden>")
        tmux.run("resize-window", "-t", "t", "-x", "90", "-y", "30")
        shown = tmux.wait_for("── Zeg nu: Afspraak vastleggen")  # the compact layout of a small window
        assert max(len(line) for line in shown.splitlines()) <= 90
        tmux.run("resize-window", "-t", "t", "-x", "120", "-y", "40")
        tmux.line("/afspraak soort volledig", "Afspraak, soort: volledige betaling")
        tmux.line("/afspraak datum vrijdag", "De afspraak is concreet")
        tmux.line("1", "Zeg nu: Samenvatten en bevestigen")
        # the closing step is shown (its text and tips) until /einde, in a real call too
        tmux.line("1", "Dit is de afsluiting van het gesprek")
        tmux.line("/einde", "Samenvatting van het gesprek")
        tmux.wait_for("Wat ging goed?")
        tmux.line("rustig gebleven", "Wat doet u de volgende keer anders?")
        tmux.line("eerder de datum vragen", "Evaluatie bewaard")
        tmux.keys("Enter")
        _wait_until_dead(tmux)
        shown = tmux.wait_for("is afgesloten en bewaard", history=True)  # tmux may show the last output just after the exit
        assert "bevestiging.eml" in shown
    finally:
        tmux.close()
    with _open_journal(home) as journal:
        record = journal.calls()[0]
        assert record.status == "ended" and str(record.first_promised_date) == "2026-11-27"
        folder = journal.folder(record.id)
        assert (folder / "bevestiging.eml").is_file() and (folder / "afspraken.ics").is_file()
        kinds = [e.kind for e in journal.events(record.id)]
        assert {"note", "warning", "refused", "agreement", "ended", "evaluation"} <= set(kinds)


def test_geenafspraak_in_the_middle_of_a_call_shows_the_next_steps_before_einde(home):
    """In tmux: /geenafspraak weigert at the listening step moves to the no-agreement step, whose lines
    (the next steps) are on screen; /einde from there ends the call."""
    tmux = Tmux(home, "call --demo")
    try:
        begin_call(tmux)
        tmux.line("/naam Ingrid van Dijk", "U spreekt met Ingrid van Dijk")
        tmux.line("1", "Zeg nu: Doel van het gesprek")
        tmux.line("1", "Zeg nu: Luisteren")
        tmux.line("/geenafspraak weigert", "Zeg nu: Afronden zonder betaalafspraak")
        shown = tmux.wait_for("aanmaning")
        assert "Geen afspraak vastgelegd" in shown
        tmux.line("/einde", "Samenvatting van het gesprek")
    finally:
        tmux.close()
    with _open_journal(home) as journal:
        record = journal.calls()[0]
        steps = [e.data.get("step") for e in journal.events(record.id) if e.kind == "step"]
        assert steps[-2:] == ["geen-afspraak", "afsluiting"]


def _wait_until_dead(tmux: Tmux) -> None:
    deadline = time.monotonic() + 15
    while not tmux.dead():
        assert time.monotonic() < deadline, tmux.screen()
        time.sleep(0.05)


def test_an_80x24_terminal_keeps_the_essentials_and_einde_reads_the_agreement_back_first(home):
    """In 80x24: the line to say, every option, the warning bar and the input line fit; /einde before the
    recap shows the agreement to read back, and Enter (the customer confirms) ends the call."""
    tmux = Tmux(home, "call --demo", size=(80, 24))
    try:
        tmux.wait_for("Wat nog ontbreekt")
        tmux.keys("Enter")
        tmux.wait_for("── Zeg nu: Opening")
        tmux.wait_for("(nog niet: noteer eerst de naam")
        tmux.line("/naam Ingrid van Dijk", "U spreekt met Ingrid van Dijk")
        tmux.line("1", "── Zeg nu: Doel van het gesprek")
        tmux.line("1", "── Zeg nu: Luisteren")
        shown = tmux.wait_for("Noemt de klant een excuus?")
        for option in ("1. Klant belooft te betalen", "2. Klant erkent de factuur", "3. Nog onduidelijk",
                       "4. Klant weigert te betalen"):
            assert option in shown, shown
        lines = shown.splitlines()
        assert len(lines) <= 24 and max(len(line) for line in lines) <= 80
        assert lines[-2].startswith("›") and "F2: dossier/tips" in lines[-1]
        tmux.run("send-keys", "-t", "t", "-l", "u moet nu betalen")
        tmux.wait_for("klinkt dwingend")
        tmux.keys("C-u")
        tmux.line("1", "── Zeg nu: Afspraak vastleggen")
        tmux.line("/afspraak soort volledig", "Afspraak, soort: volledige betaling")
        tmux.line("/afspraak datum vrijdag", "De afspraak is concreet")
        tmux.line("/einde", "── Zeg nu: de afspraken teruglezen")
        shown = tmux.wait_for("Enter = bevestigd, afsluiten")
        assert "op vrijdag 27 november." in shown
        tmux.keys("Enter")
        tmux.wait_for("Wat ging goed?")
        tmux.keys("Enter")
        tmux.wait_for("Wat doet u de volgende keer anders?")
        tmux.keys("Enter")
        tmux.wait_for("Enter = sluiten")
        tmux.keys("Enter")
        _wait_until_dead(tmux)
    finally:
        tmux.close()
    with _open_journal(home) as journal:
        record = journal.calls()[0]
        kinds = [e.kind for e in journal.events(record.id)]
        assert record.status == "ended" and "recap" in kinds and kinds.index("recap") < kinds.index("ended")


def test_practice_at_80x24_cuts_no_option_and_ctrl_up_scrolls_the_customer_pane(home):
    """In 80x24 practice: all three options of the purpose step (with the reminder to say) fit, because
    the customer pane and the line to say give up rows first; Ctrl-Up shows earlier customer lines."""
    tmux = Tmux(home, "practice --persona niet-ontvangen --seed 1", size=(80, 24))
    try:
        tmux.wait_for("Enter = beginnen")
        tmux.keys("Enter")
        tmux.wait_for("── Zeg nu: Opening")
        tmux.line("Goedemorgen, met Eva Jansen. Met wie spreek ik?", "U spreekt met Ingrid van Dijk")
        tmux.line("/naam Ingrid van Dijk", "naam genoteerd")
        tmux.line("1", "── Zeg nu: Doel van het gesprek")
        shown = tmux.wait_for("── Afspraak")
        lines = shown.splitlines()
        options = lines[next(i for i, line in enumerate(lines) if "── Opties" in line) + 1:
                        next(i for i, line in enumerate(lines) if "── Afspraak" in line)]
        text = " ".join(" ".join(options).split())
        for part in ("1. Doel genoemd", "2. Doel en de verstuurde herinnering",
                     "hebben we u er ook een herinnering over gestuurd.", "3. Er is al een klacht bekend",
                     "alleen als het dossier een klacht vermeldt)"):
            assert part in text, shown
        assert "meer met PageDown" in shown and len(lines) <= 24
        assert "Klant: Goedemorgen, met Ingrid van Dijk." not in shown
        tmux.keys("C-Up")
        tmux.wait_for("↓ nog")
        tmux.keys("C-Up")
        tmux.wait_for("Klant: Goedemorgen, met Ingrid van Dijk.")
        tmux.keys("C-Down")
        tmux.keys("C-Down")
        deadline = time.monotonic() + 15
        while "↓ nog" in tmux.screen():  # back at the latest turn
            assert time.monotonic() < deadline, tmux.screen()
            time.sleep(0.05)
        assert "Klant: U spreekt met Ingrid van Dijk." in tmux.screen()
    finally:
        tmux.close()


def test_killing_the_process_mid_call_loses_no_note_and_resume_shows_them(home):
    """kill -9 in the middle of a call; `belscript call --resume` shows the same step and every note."""
    notes = ["klant klinkt vriendelijk", "factuur 142 is goedgekeurd", "u moet dit even nakijken",
             "betaalrun is op donderdag"]
    tmux = Tmux(home, "call --demo")
    try:
        tmux.wait_for("Wat nog ontbreekt in het dossier")
        tmux.keys("Enter")
        tmux.wait_for("Zeg nu: Opening")
        tmux.line("/naam Ingrid van Dijk", "U spreekt met Ingrid van Dijk")
        tmux.line("1", "Zeg nu: Doel van het gesprek")
        for note in notes:
            tmux.line(note, f"Notitie bewaard: {note}")
        os.kill(tmux.pid(), signal.SIGKILL)
        deadline = time.monotonic() + 15
        while not tmux.dead():
            assert time.monotonic() < deadline
            time.sleep(0.05)
    finally:
        tmux.close()

    with _open_journal(home) as journal:
        assert [r.status for r in journal.calls()] == ["open"]

    tmux = Tmux(home, "call --resume")
    try:
        shown = tmux.wait_for("is hervat")
        for note in notes:
            assert note in shown, shown
        assert "Zeg nu: Doel van het gesprek" in shown and "met 4 notities" in shown
        tmux.line("nog een notitie na het hervatten", "Notitie bewaard: nog een notitie na het hervatten")
        tmux.line("/pauze")
        deadline = time.monotonic() + 15
        while not tmux.dead():
            assert time.monotonic() < deadline, tmux.screen()
            time.sleep(0.05)
        tmux.wait_for("Ga verder met: belscript call --resume", history=True)
    finally:
        tmux.close()
    with _open_journal(home) as journal:
        record = journal.calls()[0]
        texts = [e.data["text"] for e in journal.events(record.id) if e.kind == "note"]
        assert texts == [*notes, "nog een notitie na het hervatten"]
        assert record.status == "open"


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_sigterm_or_sighup_mid_call_leaves_a_usable_terminal_and_a_resumable_call(home, signum):
    """A call ended by SIGTERM or SIGHUP restores the terminal (no raw mode, no alternate screen) and resumes."""
    tmux = Tmux(home, "call --demo")
    try:
        # a shell in the pane after belscript ends, to ask the terminal for its settings
        tmux.run("respawn-pane", "-k", "-t", "t",
                 f"cd {shlex.quote(str(ROOT))} && env BELSCRIPT_HOME={shlex.quote(str(home))} "
                 f"BELSCRIPT_NOW=2026-11-23T10:15 TERM=xterm-256color {shlex.quote(sys.executable)} -m belscript "
                 f"call --demo; stty -a | tr ' ' '\\n' | grep -x -e icanon -e -icanon -e echo -e -echo "
                 f"| tr '\\n' ' '; echo STTY-KLAAR; exec sleep 60")
        tmux.wait_for("Wat nog ontbreekt in het dossier")
        tmux.keys("Enter")
        tmux.wait_for("Zeg nu: Opening")
        tmux.line("klant klinkt vriendelijk", "Notitie bewaard: klant klinkt vriendelijk")
        shell = tmux.pid()
        belscript = int(subprocess.run(["pgrep", "-P", str(shell)], capture_output=True, text=True,
                                       timeout=20).stdout.split()[0])
        os.kill(belscript, signum)
        shown = tmux.wait_for("STTY-KLAAR", history=True)
        assert "icanon echo" in shown and "-icanon" not in shown and "-echo" not in shown, shown
        assert "Ga verder met: belscript call --resume 1" in shown, shown
        assert "Zeg nu: Opening" not in tmux.screen(), "the alternate screen is still shown"
    finally:
        tmux.close()

    with _open_journal(home) as journal:
        assert [r.status for r in journal.calls()] == ["open"]
    tmux = Tmux(home, "call --resume")
    try:
        assert "klant klinkt vriendelijk" in tmux.wait_for("is hervat")
    finally:
        tmux.close()

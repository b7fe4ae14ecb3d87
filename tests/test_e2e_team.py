"""Two terminals, two callers, one real PostgreSQL: the second is refused the customer the first is calling."""

from __future__ import annotations

import os
import shutil
import signal
import time
from decimal import Decimal as D

import pytest

from test_e2e_call import Tmux

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed; the end-to-end tests need it"),
]


def _caller_home(path, url: str, caller: str):
    """A caller's own BELSCRIPT_HOME with an owner-only config.toml naming the shared database and the caller."""
    path.mkdir(parents=True, mode=0o700)
    config = path / "config.toml"
    fd = os.open(config, os.O_WRONLY | os.O_CREAT, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(f'database = "{url}"\ncaller = "{caller}"\n')
    return path


def _wait_until_closed(tmux: Tmux, timeout: float = 15.0) -> None:
    """Wait for the command in ``tmux`` to exit (a refusal never opens the call screen)."""
    deadline = time.monotonic() + timeout
    while not tmux.dead():
        assert time.monotonic() < deadline, f"the command did not exit; the screen shows:\n{tmux.screen()}"
        time.sleep(0.05)


@pytest.fixture
def team_url(postgres_server):
    postgres_server.execute("CREATE SCHEMA e2eteam")
    url = postgres_server.url(options="-csearch_path%3De2eteam")
    from belscript.store import CustomerRecord, InvoiceRecord, open_store

    with open_store(url=url) as store:  # what `belscript import` puts in the shared database
        store.import_records([CustomerRecord("K-0031", "Van Dijk Installaties B.V.")],
                             [InvoiceRecord("2026-0142", "K-0031", D("1815.00"), D("1815.00"))], source="test")
    yield url
    postgres_server.execute("DROP SCHEMA e2eteam CASCADE")


def test_two_callers_never_call_the_same_customer_at_once(team_url, tmp_path):
    """Marieke's terminal calls the demo customer; Anna's is refused with Marieke's name, also after Marieke's crash."""
    marieke = _caller_home(tmp_path / "marieke", team_url, "Marieke")
    anna = _caller_home(tmp_path / "anna", team_url, "Anna")
    first = Tmux(marieke, "call --demo")
    second = resumed = again = None
    try:
        first.wait_for("gereserveerd")
        first.keys("Enter")
        first.wait_for("Zeg nu: Opening")
        first.line("/naam Ingrid van Dijk", "U spreekt met Ingrid van Dijk")

        second = Tmux(anna, "call --demo")
        shown = second.wait_for("Marieke belt deze klant al (sinds 10:15)")
        assert "Kies een andere klant" in shown and "geheim" not in shown
        _wait_until_closed(second)

        os.kill(first.pid(), signal.SIGKILL)  # Marieke's computer crashes mid-call: the claim stays
        again = Tmux(anna, "call --demo")
        again.wait_for("Marieke belt deze klant al")

        resumed = Tmux(marieke, "call --resume")  # Marieke comes back and takes her customer up again
        resumed.wait_for("is hervat")
        resumed.wait_for("gereserveerd")
    finally:
        for tmux in (first, second, again, resumed):
            if tmux is not None:
                tmux.close()

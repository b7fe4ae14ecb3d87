"""From files to a kept promise, in a real terminal: import open items, call an imported
customer without YAML, store the promise, import the statement that pays it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import date
from decimal import Decimal as D

import pytest

from conftest import ROOT
from test_e2e_call import Tmux, _wait_until_dead

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed; the end-to-end tests need it"),
]

DEMO = ROOT / "src" / "belscript" / "data" / "demo" / "imports"


def _belscript(home, now: str, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "BELSCRIPT_HOME": str(home), "BELSCRIPT_NOW": now,
           "PYTHONPATH": str(ROOT / "src")}
    env.pop("BELSCRIPT_DATABASE", None)
    return subprocess.run([sys.executable, "-m", "belscript", *args], capture_output=True, text=True, env=env,
                          timeout=60, cwd=ROOT)


def test_an_imported_customer_is_called_and_the_statement_that_pays_keeps_the_promise(tmp_path):
    """Import the demo CSV, `belscript call "van dijk"` shows its invoices, the agreement is stored as a
    promise, and importing the demo CAMT.053 (which pays it) marks the promise kept."""
    home = tmp_path / "home"
    home.mkdir(mode=0o700)
    config = home / "config.toml"
    config.write_text('caller = "Eva Jansen"\ncompany = "Jansen Webdesign"\n', encoding="utf-8")
    config.chmod(0o600)
    done = _belscript(home, "2026-11-23T10:15", "import", str(DEMO / "openstaande-posten.csv"))
    assert done.returncode == 0 and "4 nieuw" in done.stdout, done.stderr

    tmux = Tmux(home, 'call "van dijk"')
    try:
        tmux.wait_for("Wat nog ontbreekt in het dossier")
        tmux.wait_for("Bakkerij Van Dijk")
        tmux.keys("Enter")
        tmux.wait_for("Zeg nu: Opening")
        tmux.line("/naam Ingrid van Dijk", "U spreekt met Ingrid van Dijk")
        tmux.line("1", "Zeg nu: Doel van het gesprek")
        tmux.line("1", "Zeg nu: Luisteren")
        tmux.line("1", "Zeg nu: Afspraak vastleggen")
        tmux.line("/afspraak soort volledig", "Afspraak, soort: volledige betaling")
        tmux.line("/afspraak datum vrijdag", "De afspraak is concreet")
        tmux.line("1", "Zeg nu: Samenvatten en bevestigen")
        tmux.line("1", "Dit is de afsluiting van het gesprek")
        tmux.line("/einde", "Samenvatting van het gesprek")
        tmux.wait_for("Wat ging goed?")
        tmux.keys("Enter")
        tmux.wait_for("Wat doet u de volgende keer anders?")
        tmux.keys("Enter")
        tmux.wait_for("Enter = sluiten")
        tmux.keys("Enter")
        _wait_until_dead(tmux)
        after = tmux.wait_for("Toezegging van Bakkerij Van Dijk vastgelegd", history=True)
        assert "€ 2.813,00 op 27-11-2026" in after
    finally:
        tmux.close()

    shown_customer = _belscript(home, "2026-11-24T09:00", "klant", "K-0031").stdout
    assert "Contactpersoon: Ingrid van Dijk" in shown_customer and "(loopt" in shown_customer

    paid = _belscript(home, "2026-11-30T09:00", "import", str(DEMO / "bankafschrift.xml"))
    assert paid.returncode == 0, paid.stderr
    assert "Toezegging van Bakkerij Van Dijk: nagekomen." in paid.stdout

    from belscript.store import open_store

    with open_store(home) as store:
        promise = store.promises(store.customer("K-0031").id)[0]
        assert promise.status == "kept" and promise.instalments[0].due_on == date(2026, 11, 27)
        assert promise.total == D("2813.00")

"""`belscript brief`, `overdracht` and `rente`, the call list's step words, and scripts announcing only ladder steps."""

from __future__ import annotations

import csv
import io
import os
import stat
from datetime import date, datetime
from decimal import Decimal as D
from pathlib import Path

import pytest

from belscript.cli.escalation_demo import DEMO_DAY, build_demo_home
from belscript.cli.main import main
from belscript.escalation import (
    CustomerFacts, CustomerKind, OpenInvoice, Promise, StepDone, load_ladder, step_after_call_words, step_words,
    unannounceable_steps,
)
from belscript.script.builtin import builtin_names, builtin_path
from belscript.document.yamlsafe import load_text
from belscript.store import CustomerRecord, InvoiceRecord, open_store

LADDER = load_ladder()


@pytest.fixture
def demo_home(monkeypatch, tmp_path):
    """The demo store as the user's own store, with 'now' on the demo day."""
    home = Path(os.environ["BELSCRIPT_HOME"])
    build_demo_home(home)
    monkeypatch.setenv("BELSCRIPT_NOW", f"{DEMO_DAY.isoformat()}T09:00")
    monkeypatch.setenv("BELSCRIPT_CALLER", "Sanne Peters")
    monkeypatch.chdir(tmp_path)
    return home


def _private(path: Path) -> bool:
    return stat.S_IMODE(path.stat().st_mode) == 0o600


# -- the call list's words --------------------------------------------------------------

def test_the_call_list_says_a_broken_promise_and_the_letter_that_is_ready():
    """A promise broken on 1 December reads "toezegging gebroken op 1 december; aanmaning staat klaar"."""
    facts = CustomerFacts(CustomerKind.business, (OpenInvoice("F1", date(2026, 11, 1), D("800.00")),),
                          done=(StepDone("herinnering", date(2026, 11, 3)), StepDone("telefoongesprek", date(2026, 11, 20))),
                          promises=(Promise(date(2026, 11, 20), date(2026, 12, 1), D("800.00")),))
    assert step_words(LADDER, facts, date(2026, 12, 2)) == "toezegging gebroken op 1 december; aanmaning staat klaar"


def test_without_a_broken_promise_the_call_list_says_the_last_step_and_when_the_next_is_due():
    """No event to blame: the words name the last step taken and the day of the next one."""
    facts = CustomerFacts(CustomerKind.business, (OpenInvoice("F1", date(2026, 11, 1), D("800.00")),),
                          done=(StepDone("herinnering", date(2026, 11, 3)),))
    assert step_words(LADDER, facts, date(2026, 11, 4)) == "herinnering op 3 november; telefoongesprek op 6 november"


# -- scripts and e-mail announce only ladder steps --------------------------------------

def _script_texts(name: str) -> str:
    return builtin_path(name).read_text(encoding="utf-8")


@pytest.mark.parametrize("name", builtin_names())
def test_the_built_in_scripts_announce_only_steps_of_the_default_ladder(name):
    """Every letter or handover a built-in script announces on the phone exists in the default ladder."""
    assert unannounceable_steps(_script_texts(name), LADDER) == set()


def test_a_ladder_without_the_aanmaning_makes_the_second_call_script_announce_a_missing_step():
    """The check is real: drop the aanmaning from the ladder and the second-call script is caught."""
    raw, source = load_text(Path(LADDER_PATH()).read_text(encoding="utf-8").replace(
        "  - step: aanmaning\n    wait_days: 7\n", ""), "ladder.yaml")
    from belscript.escalation import check_ladder

    smaller, problems = check_ladder(raw, source, "ladder.yaml")
    assert not problems
    assert "aanmaning" in unannounceable_steps(_script_texts("tweede-gesprek"), smaller)


def LADDER_PATH():
    from belscript.escalation.ladder import default_ladder_path

    return default_ladder_path()


def test_the_e_mail_after_a_refusal_states_the_step_the_script_announced():
    """After "weigert te betalen" the confirmation says the aanmaning is sent today, as said on the phone."""
    from belscript.agreement.model import NoAgreement, NoAgreementReason
    from belscript.dossier.loader import load_dossier
    from belscript.followup.email import confirmation
    from belscript.followup.facts import AfterCall
    from tests.conftest import DATA

    dossier = load_dossier(DATA / "dossiers" / "demo.yaml")
    now = datetime(2026, 11, 23, 10, 30)
    refusal = NoAgreement(reason=NoAgreementReason.refuses, follow_up=datetime(2026, 11, 30, 10, 0))
    body = confirmation(AfterCall(dossier, refusal, now)).body
    assert step_after_call_words(LADDER) == "een aanmaning"
    assert "Zoals ik in het gesprek aankondigde, sturen wij u vandaag nog een aanmaning." in body
    assert "We sturen vandaag nog een aanmaning" in " ".join(_script_texts("tweede-gesprek").split())


# -- belscript brief --------------------------------------------------------------------

def test_the_demo_business_gets_an_ingebrekestelling_with_costs_and_commercial_interest(tmp_path, monkeypatch, capsys):
    """`brief --demo "De Vries"`: after the broken promise, € 367,50 costs and € 35,18 interest over 47 days."""
    monkeypatch.chdir(tmp_path)
    assert main(["brief", "--demo", "De Vries"]) == 0
    out = capsys.readouterr().out
    assert "Ingebrekestelling en sommatie factuur 2025-0412" in out
    assert "toezegging gebroken op 11 juni; ingebrekestelling staat klaar" in out
    assert "47 dagen × 11,15% per jaar over € 2.450,00: € 35,18" in out
    assert "15% over de eerste € 2.450,00: € 367,50" in out
    assert "Totaal gevorderd: € 2.852,68" in out
    for suffix in (".eml", ".pdf"):
        path = tmp_path / "demo-brieven" / f"2025-06-16-ingebrekestelling-D1002{suffix}"
        assert path.is_file() and _private(path)


def test_the_demo_consumer_gets_the_fourteen_day_letter_that_states_the_costs_first(tmp_path, monkeypatch, capsys):
    """A consumer's next letter is the veertiendagenbrief: costs stated (€ 96,00), not yet charged."""
    monkeypatch.chdir(tmp_path)
    assert main(["brief", "--demo", "Jansen"]) == 0
    out = capsys.readouterr().out
    assert "Laatste aanmaning factuur 2025-0398" in out and "15% over de eerste € 640,00: € 96,00" in out
    assert "pas verschuldigd" in out and "Totaal gevorderd" not in out
    eml = (tmp_path / "demo-brieven" / "2025-06-16-veertiendagenbrief-D1017.eml").read_bytes()
    assert b"X-Unsent: 1" in eml


def test_a_letter_is_recorded_shown_by_klant_and_the_next_brief_moves_up_the_ladder(demo_home, capsys):
    """After the ingebrekestelling, `klant` lists it and the next `brief` says the handover is next."""
    assert main(["brief", "D1002", "--map", "uit"]) == 0
    capsys.readouterr()
    assert main(["klant", "D1002"]) == 0
    assert "16-06-2025  ingebrekestelling  (Sanne Peters)" in capsys.readouterr().out
    assert main(["brief", "D1002", "--map", "uit"]) == 1
    err = capsys.readouterr().err
    assert "geen nieuwe stap aan de beurt" in err and "uit handen op 30 juni" in err


def test_costs_for_a_consumer_before_the_fourteen_day_letter_are_refused_with_the_reason(demo_home, capsys):
    """`--soort ingebrekestelling` for the consumer is refused: first the veertiendagenbrief (art. 6:96 lid 6 BW)."""
    assert main(["brief", "D1017", "--soort", "ingebrekestelling", "--map", "uit"]) == 1
    err = capsys.readouterr().err
    assert "eerst een veertiendagenbrief" in err and "art. 6:96 lid 6 BW" in err and "Traceback" not in err
    assert not Path("uit").exists()


def test_the_fourteen_days_must_have_run_before_the_ingebrekestelling(demo_home, capsys):
    """Right after the veertiendagenbrief the ingebrekestelling is refused until its term has ended."""
    assert main(["brief", "D1017", "--map", "uit"]) == 0
    capsys.readouterr()
    assert main(["brief", "D1017", "--soort", "ingebrekestelling", "--map", "uit"]) == 1
    assert "de ingebrekestelling kan pas daarna" in capsys.readouterr().err


def test_letter_files_are_never_overwritten_without_force(demo_home, capsys):
    """A second letter of the same kind on the same day stops at the existing file unless --force."""
    assert main(["brief", "D1002", "--map", "uit"]) == 0
    assert main(["brief", "D1002", "--soort", "ingebrekestelling", "--map", "uit"]) == 2
    assert "bestaat al; gebruik --force" in capsys.readouterr().err
    assert main(["brief", "D1002", "--soort", "ingebrekestelling", "--map", "uit", "--force"]) == 0


def test_a_customer_of_unknown_kind_is_asked_for_and_the_answer_is_saved(capsys, monkeypatch, tmp_path):
    """Unknown business or consumer: "geef --zakelijk of --consument"; --consument is then remembered."""
    monkeypatch.chdir(tmp_path)
    home = Path(os.environ["BELSCRIPT_HOME"])
    home.mkdir(mode=0o700)
    (home / "config.toml").write_text('[bedrijf]\nnaam = "Peters"\niban = "NL91ABNA0417164300"\n')
    os.chmod(home / "config.toml", 0o600)
    with open_store() as store:
        store.import_records([CustomerRecord("K1", "Piet Klaassen")],
                             [InvoiceRecord("F9", "K1", D("100.00"), D("100.00"), date(2026, 10, 1), date(2026, 10, 15))],
                             source="test")
    assert main(["brief", "K1"]) == 2
    assert "geef --zakelijk of --consument" in capsys.readouterr().err
    assert main(["brief", "K1", "--consument", "--soort", "herinnering"]) == 0
    with open_store() as store:
        assert store.customer("K1").kind == "b2c"


def test_without_company_details_no_letter_is_written(capsys, monkeypatch, tmp_path):
    """A letter needs the creditor: without [bedrijf] in config.toml the owner is told what to add."""
    monkeypatch.chdir(tmp_path)
    with open_store() as store:
        store.import_records([CustomerRecord("K1", "Piet Klaassen", kind="b2b")],
                             [InvoiceRecord("F9", "K1", D("100.00"), D("100.00"), date(2026, 10, 1), date(2026, 10, 15))],
                             source="test")
    assert main(["brief", "K1"]) == 2
    err = capsys.readouterr().err
    assert "bedrijfsgegevens ontbreken" in err and "[bedrijf]" in err


# -- belscript overdracht ---------------------------------------------------------------

def test_the_handover_lists_every_call_with_its_promise_and_the_letters(demo_home, capsys):
    """The CSV for the agency holds both calls with their broken promises and the letters sent."""
    assert main(["overdracht", "De Vries", "--map", "uit"]) == 0
    csv_path = Path("uit/2025-06-16-overdracht-D1002.csv")
    assert _private(csv_path) and _private(csv_path.with_suffix(".pdf"))
    rows = list(csv.reader(io.StringIO(csv_path.read_bytes().decode("utf-8-sig")), delimiter=";"))
    calls = [r for r in rows if r[0] == "gesprek"]
    assert [c[8] for c in calls] == ["€ 2.450,00 uiterlijk op 23-05-2025 (niet nagekomen)",
                                     "€ 2.450,00 uiterlijk op 11-06-2025 (niet nagekomen)"]
    assert [r[3] for r in rows if r[0] == "stap"] == ["herinnering", "telefoongesprek", "aanmaning", "telefoongesprek"]


# -- belscript rente --------------------------------------------------------------------

def test_rente_shows_the_table_its_sources_and_its_last_confirmed_day(capsys):
    """`belscript rente` names the shipped table, each row's source and the end date."""
    assert main(["rente"]) == 0
    out = capsys.readouterr().out
    assert "meegeleverd met belscript" in out and "bevestigd tot en met 30 juni 2025" in out
    assert "01-01-2025 t/m 30-06-2025   11,15%  bron: https://www.vvoadvocatuur.nl/" in out


def test_a_rates_table_with_a_gap_is_refused_and_a_good_one_is_installed_owner_only(tmp_path, capsys):
    """`rente bijwerken` refuses a gap (the old table stays) and installs a valid table readable by you only."""
    from belscript.escalation.rates import shipped_rates_path

    text = shipped_rates_path().read_text(encoding="utf-8")
    gap = tmp_path / "gat.yaml"
    gap.write_text(text.replace("from: 2025-01-01", "from: 2025-01-05"), encoding="utf-8")
    installed = Path(os.environ["BELSCRIPT_HOME"]) / "escalation" / "rates.yaml"
    assert main(["rente", "bijwerken", str(gap)]) == 1
    assert "rates-gap" in capsys.readouterr().err and not installed.exists()
    good = tmp_path / "nieuw.yaml"
    good.write_text(text, encoding="utf-8")
    assert main(["rente", "bijwerken", str(good)]) == 0
    assert installed.is_file() and _private(installed)
    assert main(["rente"]) == 0
    assert "uw eigen bijgewerkte tabel" in capsys.readouterr().out

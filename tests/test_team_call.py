"""A live call in a team: its events copied to the store, the customer claimed and released,
the call going on calmly while the shared server is away, and no password in any output."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal as D
from pathlib import Path
from typing import Any

import pytest

from belscript.clock import FixedClock
from belscript.cli import teamcall
from belscript.cli.main import main
from belscript.dossier.loader import demo_dossier_path, load_dossier
from belscript.journal import Journal
from belscript.store import (
    CustomerRecord, InvoiceRecord, StoredEvent, StoreError, StoreRefused, StoreUnavailable, open_store,
)
from belscript.store.calllog import ALSO_CALLING, BACK, LATE_CLAIM, OFFLINE

NOW = datetime(2026, 11, 23, 10, 15)
SECRET = "Zeer-Geheim-99"


@dataclass
class Note:
    seq: int
    at: datetime = NOW
    kind: str = "note"
    data: dict[str, Any] = field(default_factory=dict)


class Screen:
    """What ``teamcall.begin`` needs from the call screen: the customer file, a call number, messages."""

    def __init__(self, call_id: int | None = None) -> None:
        self.dossier = load_dossier(demo_dossier_path())
        self.call_id = call_id
        self.call = None
        self.messages: list[tuple[str, str]] = []

    def info(self, text: str, level: str = "info") -> None:
        self.messages.append((level, text))


def _team_env(monkeypatch, url: str | None, caller: str | None) -> None:
    if url:
        monkeypatch.setenv("BELSCRIPT_DATABASE", url)
    else:
        monkeypatch.delenv("BELSCRIPT_DATABASE", raising=False)
    if caller:
        monkeypatch.setenv("BELSCRIPT_CALLER", caller)
    else:
        monkeypatch.delenv("BELSCRIPT_CALLER", raising=False)


def _fill(url: str | None) -> int:
    """The demo customer (K-0031) in the store; returns its id."""
    with open_store(url=url, clock=FixedClock(NOW)) as store:
        store.import_records([CustomerRecord("K-0031", "Van Dijk Installaties B.V.")],
                             [InvoiceRecord("2026-0142", "K-0031", D("1815.00"), D("1815.00"))], source="test")
        return store.customer("K-0031").id


def _stored(url: str | None) -> list[tuple]:
    with open_store(url=url, clock=FixedClock(NOW)) as store:
        return store.db.execute("SELECT event_id, seq, caller, customer_id FROM call_events ORDER BY seq").fetchall()


def _begin(home: Path, screen: Screen, clock, confirm=None) -> tuple[Journal, teamcall.TeamCall | None]:
    journal = Journal.open(home, clock=clock)
    try:
        return journal, teamcall.begin(journal, screen, clock=clock, confirm_offline=confirm)
    except BaseException:
        journal.close()
        raise


def test_every_event_of_a_call_reaches_the_store_once_with_the_caller(database_url, monkeypatch, clock, tmp_path):
    """Each event committed to the call log is also in the store, with the caller's name, even when sent again."""
    _team_env(monkeypatch, database_url, "Anna")
    customer_id = _fill(database_url)
    screen = Screen()
    journal, team = _begin(tmp_path / "home", screen, clock)
    try:
        call_id = journal.start_call("eerste-gesprek", None, screen.dossier)
        for seq in (1, 2, 3):
            journal.append(call_id, Note(seq, data={"text": f"notitie {seq}"}))
        team.mirror.resend(call_id, journal.events(call_id))  # what --resume does: harmless
    finally:
        team.close(None)
        journal.close()
    rows = _stored(database_url)
    assert [r[1] for r in rows] == [1, 2, 3]
    assert {(r[2], r[3]) for r in rows} == {("Anna", customer_id)}
    assert len({r[0] for r in rows}) == 3


def test_a_customer_another_caller_is_phoning_is_refused_with_their_name(database_url, monkeypatch, clock, tmp_path):
    """Starting a call on a customer Marieke is calling says "Marieke belt deze klant al (sinds 10:15)"."""
    _fill(database_url)
    _team_env(monkeypatch, database_url, "Marieke")
    journal, first = _begin(tmp_path / "home", Screen(), clock)
    try:
        _team_env(monkeypatch, database_url, "Anna")
        with pytest.raises(StoreRefused) as refused:
            _begin(tmp_path / "home", Screen(), clock)
        assert refused.value.message == "Marieke belt deze klant al (sinds 10:15)"
    finally:
        first.close(None)
        journal.close()


def test_the_same_caller_takes_the_claim_up_again_on_resume(database_url, monkeypatch, clock, tmp_path):
    """A caller whose screen crashed gets the customer back with --resume; others still do not."""
    customer_id = _fill(database_url)
    _team_env(monkeypatch, database_url, "Anna")
    journal, crashed = _begin(tmp_path / "home", Screen(), clock)
    crashed.close(None)  # the screen failed: the claim stays
    journal.close()
    screen = Screen(call_id=1)
    journal, again = _begin(tmp_path / "home", screen, clock)
    try:
        assert again.mirror.claimed
        assert any("gereserveerd" in text for _, text in screen.messages)
        with open_store(url=database_url, clock=clock) as store:
            assert store.holder(customer_id) == "Anna"
    finally:
        again.close(screen)  # no call began: the customer is handed back unworked
        journal.close()
    with open_store(url=database_url, clock=clock) as store:
        assert store.holder(customer_id) is None and store.team_today() == []


def test_the_end_of_a_call_releases_the_customer_and_shows_in_todays_list(database_url, monkeypatch, clock, tmp_path):
    """After the ended event the customer is free, and "who called whom today" lists the caller."""
    customer_id = _fill(database_url)
    _team_env(monkeypatch, database_url, "Anna")
    screen = Screen()
    journal, team = _begin(tmp_path / "home", screen, clock)
    try:
        call_id = journal.start_call("eerste-gesprek", None, screen.dossier)
        journal.mirror(call_id, Note(1, kind="ended", data={}))  # the mirror sees the end as the log hands it on
    finally:
        team.close(screen)
        journal.close()
    with open_store(url=database_url, clock=clock) as store:
        assert store.holder(customer_id) is None
        [entry] = store.team_today()
        assert (entry.number, entry.caller, entry.in_progress) == ("K-0031", "Anna", False)


@pytest.fixture
def team_schema(postgres_server):
    postgres_server.execute("CREATE SCHEMA teamcall")
    yield postgres_server.url(options="-csearch_path%3Dteamcall")
    postgres_server.execute("DROP SCHEMA teamcall CASCADE")


def test_the_call_goes_on_calmly_while_the_server_is_away(postgres_server, team_schema, monkeypatch, clock, tmp_path):
    """With PostgreSQL killed mid-call the screen says once, in Dutch, that all is kept locally; back, all arrives in order."""
    _team_env(monkeypatch, team_schema, "Anna")
    _fill(team_schema)
    screen = Screen()
    journal, team = _begin(tmp_path / "home", screen, clock)
    team.store.events.retry_seconds = 0
    try:
        call_id = journal.start_call("eerste-gesprek", None, screen.dossier)
        journal.append(call_id, Note(1))
        postgres_server.kill()
        try:
            for seq in (2, 3, 4):
                journal.append(call_id, Note(seq))
            assert [m for m in screen.messages if m[1] == OFFLINE] == [("info", OFFLINE)]
            assert len(journal.events(call_id)) == 4  # the local log has everything
        finally:
            postgres_server.start()
        journal.append(call_id, Note(5))
        assert screen.messages[-1] == ("info", BACK)
    finally:
        team.close(None)
        journal.close()
    assert [r[1] for r in _stored(team_schema)] == [1, 2, 3, 4, 5]


def test_without_the_server_at_the_start_the_claim_is_not_guessed(monkeypatch, clock, tmp_path):
    """An unreachable shared database at the start, and the caller says no: the call does not start, in Dutch."""
    pytest.importorskip("psycopg")
    _team_env(monkeypatch, f"postgresql://anna:{SECRET}@127.0.0.1:9/boeken?connect_timeout=2", "Anna")
    asked: list[str] = []
    with pytest.raises(StoreUnavailable, match="collega deze klant al belt") as caught:
        _begin(tmp_path / "home", Screen(), clock, confirm=lambda text: asked.append(text) or False)
    assert "--zonder-reservering" in caught.value.hint
    assert len(asked) == 1 and "een collega kan dezelfde klant intussen ook bellen" in asked[0]
    assert asked[0].startswith("De teamdatabase 127.0.0.1:9/boeken is niet bereikbaar")
    assert all(SECRET not in text for text in (str(caught.value), caught.value.hint, asked[0]))


def test_the_caller_is_asked_before_calling_without_a_claim(capsys):
    """The question shows the calm explanation, and only 'j' or 'ja' starts the call."""
    assert teamcall.ask_offline("Uitleg.", answer=lambda prompt: "ja")
    assert "Uitleg." in capsys.readouterr().out
    assert not teamcall.ask_offline("Uitleg.", answer=lambda prompt: "")
    assert not teamcall.ask_offline("Uitleg.", answer=lambda prompt: "nee")


def test_call_without_a_claim_starts_at_once_with_the_option(monkeypatch, capsys):
    """'call --zonder-reservering' with the server down opens the screen without asking, warning there."""
    pytest.importorskip("psycopg")
    _team_env(monkeypatch, f"postgresql://anna:{SECRET}@127.0.0.1:9/boeken?connect_timeout=2", "Anna")
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr("belscript.cli.cmd_call.is_terminal", lambda: True)
    monkeypatch.setattr("belscript.tui.app.CallScreen.run", lambda self: shown.extend(self.model.messages) or 0)
    monkeypatch.setattr("builtins.input", lambda prompt: pytest.fail("asked although the option says yes"))
    assert main(["call", "--demo", "--zonder-reservering"]) == 0
    assert any(m.text == teamcall.NOT_CLAIMED for m in shown)


@dataclass
class OfflineCall:
    journal: Journal
    team: teamcall.TeamCall
    screen: Screen
    call_id: int
    customer_id: int


@pytest.fixture
def offline_call(postgres_server, team_schema, monkeypatch, clock, tmp_path):
    """Anna's call begun while the server is down (she agreed), with two notes spooled; the server is back."""
    _team_env(monkeypatch, team_schema, "Anna")
    customer_id = _fill(team_schema)
    postgres_server.kill()
    screen = Screen()
    try:
        journal, team = _begin(tmp_path / "home", screen, clock, confirm=lambda text: True)
        team.store.events.retry_seconds = 0
        call_id = journal.start_call("eerste-gesprek", None, screen.dossier)
        journal.append(call_id, Note(1))
        journal.append(call_id, Note(2))
        assert team.store.events.offline and not team.mirror.claimed
    finally:
        postgres_server.start()
    yield OfflineCall(journal, team, screen, call_id, customer_id)
    team.close(None)
    journal.close()


def test_a_call_begun_while_the_server_is_down_is_claimed_once_it_is_back(offline_call, team_schema, clock):
    """With the server stopped the caller may still call; back, every event arrives with the customer, who is claimed."""
    call, cid = offline_call, offline_call.customer_id
    assert call.screen.messages[0] == ("warn", teamcall.NOT_CLAIMED)
    call.journal.append(call.call_id, Note(3))
    assert call.team.mirror.claimed and call.screen.messages[-2:] == [("info", BACK), ("info", LATE_CLAIM)]
    with open_store(url=team_schema, clock=clock) as store:
        assert store.holder(cid) == "Anna"
    assert [(r[1], r[3]) for r in _stored(team_schema)] == [(1, cid), (2, cid), (3, cid)]


def test_a_colleague_who_claimed_meanwhile_is_named_when_the_server_is_back(offline_call, team_schema, clock):
    """When Marieke took the customer while Anna called offline, Anna's screen says so once the server answers."""
    with open_store(url=team_schema, clock=clock, caller="Marieke") as store:
        store.claim(offline_call.customer_id)
    offline_call.journal.append(offline_call.call_id, Note(3))
    assert not offline_call.team.mirror.claimed
    assert offline_call.screen.messages[-1] == ("warn", ALSO_CALLING.format("Marieke", NOW))


@pytest.mark.parametrize("argv", [["klant", "K-0031"], ["betaald", "2026-0142", "10"], ["call", "--demo"]])
@pytest.mark.parametrize("server", ["down", "wrong password", "up"])
def test_no_command_prints_or_logs_the_password(argv, server, request, monkeypatch, capsys, caplog):
    """klant, betaald and call never show the connection string or password, in output or in log records."""
    if server == "down":
        pytest.importorskip("psycopg")
        url = f"postgresql://anna:{SECRET}@127.0.0.1:9/boeken?connect_timeout=2&sslmode=disable"
    else:
        pg = request.getfixturevalue("postgres_server")
        url = pg.url(sslmode="disable")
        secret = SECRET if server == "wrong password" else "geheim-wachtwoord-42"
        url = url.replace(":geheim-wachtwoord-42@", f":{secret}@")
        if server == "up":
            _team_env(monkeypatch, url, "Anna")
            _fill(url)
    _team_env(monkeypatch, url, "Anna")
    monkeypatch.setattr("belscript.cli.cmd_call.is_terminal", lambda: True)
    monkeypatch.setattr("belscript.tui.app.CallScreen.run", lambda self: 0)  # no real screen in this test
    monkeypatch.setattr("builtins.input", lambda prompt: "nee")  # call without a claim? no
    caplog.set_level(logging.DEBUG)
    code = main(argv)
    out, err = capsys.readouterr()
    logged = "\n".join(r.getMessage() for r in caplog.records)
    for secret in (SECRET, "geheim-wachtwoord-42", url):
        assert secret not in out and secret not in err and secret not in logged
    if server != "up":
        assert code == 2 and "127.0.0.1:" in err
    else:
        assert code == 0, err


def test_a_call_without_a_store_creates_no_store(monkeypatch, clock, tmp_path):
    """Without a shared database and without imported customers, a call opens no store and writes no store file."""
    _team_env(monkeypatch, None, None)
    journal, team = _begin(tmp_path / "home", Screen(), clock)
    journal.close()
    assert team is None and not (tmp_path / "home" / "belscript.db").exists()
    assert "belscript.db" not in os.listdir(tmp_path / "home")


def _guide_sql() -> tuple[list[str], list[str]]:
    """The administrator's SQL from the user guide: statements for the server, then for the new database."""
    from conftest import ROOT

    guide = (ROOT / "docs" / "handleiding.md").read_text(encoding="utf-8")
    section = guide[guide.index("### De database inrichten"):]
    block = section[section.index("```sql") + len("```sql"):]
    block = block[:block.index("```")]
    lines = [line for line in block.splitlines() if not line.strip().startswith("--")]
    before, _, after = "\n".join(lines).partition("\\c belscript")
    split = lambda text: [s.strip() for s in text.split(";") if s.strip()]  # noqa: E731
    return split(before), split(after)


def test_the_guides_roles_let_callers_work_but_not_change_tables(postgres_server, tmp_path):
    """With the guide's SQL, the migration role creates the tables; a caller claims and logs, and is refused DDL."""
    import psycopg

    on_server, in_database = _guide_sql()
    with psycopg.connect(postgres_server.url(), autocommit=True) as conn:
        for statement in on_server:
            conn.execute(statement)
    with psycopg.connect(postgres_server.url("belscript"), autocommit=True) as conn:
        for statement in in_database:
            conn.execute(statement)
    base = postgres_server.url("belscript")
    migration = base.replace("postgres:geheim-wachtwoord-42@", "belscript_migratie:kies-een-sterk-wachtwoord@")
    caller = base.replace("postgres:geheim-wachtwoord-42@", "beller_anna:wachtwoord-van-anna@")
    with open_store(tmp_path / "admin", url=migration, clock=FixedClock(NOW)) as admin:
        admin.import_records([CustomerRecord("K-0031", "Van Dijk Installaties B.V.")], [], source="test")
    with open_store(tmp_path / "anna", url=caller, clock=FixedClock(NOW), caller="Anna") as anna:
        customer_id = anna.customer("K-0031").id
        assert anna.claim(customer_id) is not None
        assert anna.record_event(StoredEvent("x-1-1", "x-1", 1, NOW, "note", {}, customer_id, "Anna"))
        assert anna.release(customer_id, finished=False)
        with pytest.raises(StoreError, match="onvoldoende rechten"):
            anna.db.execute("DROP TABLE call_events")


def test_the_callers_name_comes_from_the_environment_or_the_settings_file(monkeypatch, tmp_path):
    """The caller's name in the call log is BELSCRIPT_CALLER, else ``caller`` in config.toml, else empty."""
    monkeypatch.delenv("BELSCRIPT_CALLER", raising=False)
    monkeypatch.delenv("BELSCRIPT_DATABASE", raising=False)
    monkeypatch.setenv("BELSCRIPT_HOME", str(tmp_path))
    assert teamcall.caller_name(tmp_path) == ""
    config = tmp_path / "config.toml"
    config.write_text('caller = "Marieke de Wit"\n', encoding="utf-8")
    config.chmod(0o600)
    assert teamcall.caller_name(tmp_path) == "Marieke de Wit"
    monkeypatch.setenv("BELSCRIPT_CALLER", "  Sanne Peters ")
    assert teamcall.caller_name(tmp_path) == "Sanne Peters"
    config.unlink()
    assert teamcall.caller_name(tmp_path) == "Sanne Peters"

"""Team mode: the database setting, secrets kept out of messages, the spool across a server
crash, and callers in separate processes never claiming the same customer."""

from __future__ import annotations

import os
import sys
from datetime import datetime
from pathlib import Path

import pytest

from belscript.clock import FixedClock
from belscript.store import StoredEvent, StoreError, StoreUnavailable, load_settings, open_store, redact

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))

NOW = datetime(2026, 11, 23, 10, 15)
SECRET = "Zeer-Geheim-99"


def test_redacted_names_never_show_user_password_or_options():
    """A URL or key=value setting is shown as host:port/database only."""
    assert redact(f"postgresql://anna:{SECRET}@db.kantoor.nl:6543/boeken?sslmode=require&password=x") \
        == "db.kantoor.nl:6543/boeken"
    assert redact(f"host=db.kantoor.nl dbname=boeken password={SECRET}") == "db.kantoor.nl:5432/boeken"


def test_the_setting_selects_postgresql_and_is_never_printed(monkeypatch, tmp_path):
    """BELSCRIPT_DATABASE selects PostgreSQL; the settings' repr hides the password."""
    monkeypatch.setenv("BELSCRIPT_DATABASE", f"postgresql://anna:{SECRET}@db.kantoor.nl/boeken")
    settings = load_settings(tmp_path)
    assert settings.engine == "postgresql" and SECRET not in repr(settings)


def test_a_config_file_others_can_read_is_refused(tmp_path):
    """config.toml may hold a password, so a group- or world-readable one is refused with the fix."""
    config = tmp_path / "config.toml"
    config.write_text(f'database = "postgresql://anna:{SECRET}@db/boeken"\ncaller = "Anna"\n')
    os.chmod(config, 0o644)
    with pytest.raises(StoreError, match="chmod 600") as caught:
        load_settings(tmp_path)
    assert SECRET not in str(caught.value)
    os.chmod(config, 0o600)
    settings = load_settings(tmp_path, environ={})
    assert (settings.engine, settings.caller) == ("postgresql", "Anna")


def test_a_setting_that_is_not_postgresql_is_refused(tmp_path):
    """A database setting that is not a PostgreSQL address gives a Dutch message."""
    with pytest.raises(StoreError, match="niet herkend"):
        load_settings(tmp_path, url="mysql://x@y/z")


def test_an_unreachable_server_is_named_without_the_password(tmp_path):
    """When no server listens, the message names host, port and database, never the password."""
    pytest.importorskip("psycopg")
    with pytest.raises(StoreUnavailable) as caught:
        open_store(tmp_path, url=f"postgresql://anna:{SECRET}@127.0.0.1:9/boeken?connect_timeout=2")
    assert "127.0.0.1:9/boeken" in str(caught.value) and SECRET not in str(caught.value)


def test_a_wrong_password_is_refused_without_echoing_it(postgres_server, tmp_path):
    """A rejected login says so, without the password that was tried."""
    url = postgres_server.url().replace(":geheim-wachtwoord-42@", f":{SECRET}@")
    with pytest.raises(StoreUnavailable, match="weigert de aanmelding") as caught:
        open_store(tmp_path, url=url)
    assert SECRET not in str(caught.value) and "geheim" not in str(caught.value)


@pytest.fixture
def pg_schema(postgres_server):
    postgres_server.execute("CREATE SCHEMA spooltest")
    yield postgres_server.url(options="-csearch_path%3Dspooltest")
    postgres_server.execute("DROP SCHEMA spooltest CASCADE")


def _event(n: int) -> StoredEvent:
    return StoredEvent(f"call-1-{n}", "1", n, NOW, "note", {"text": f"notitie {n}"}, None, "Anna")


def test_events_survive_a_server_crash_and_arrive_in_order_once(postgres_server, pg_schema, tmp_path):
    """Killing PostgreSQL mid-call spools the events locally; once it is back they arrive in order, once each."""
    store = open_store(tmp_path / "home", url=pg_schema, clock=FixedClock(NOW), caller="Anna")
    store.events.retry_seconds = 0
    postgres_server.execute(
        "CREATE TABLE spooltest.arrivals (n BIGSERIAL, event_id TEXT);"
        "CREATE FUNCTION spooltest.arrived() RETURNS trigger LANGUAGE plpgsql AS "
        "$$ BEGIN INSERT INTO spooltest.arrivals (event_id) VALUES (NEW.event_id); RETURN NEW; END $$;"
        "CREATE TRIGGER arrived AFTER INSERT ON spooltest.call_events FOR EACH ROW EXECUTE FUNCTION spooltest.arrived()")
    try:
        assert all(store.record_event(_event(n)) for n in range(1, 4))
        postgres_server.kill()
        try:
            assert not any(store.record_event(_event(n)) for n in range(4, 9))
            assert store.events.offline and (tmp_path / "home" / "spool.db").exists()
            assert store.record_event(_event(4)) is False  # a resend while offline is not queued twice
        finally:
            postgres_server.start()
        assert store.record_event(_event(9))  # the spool goes first, then the new event
        assert not store.events.offline
        arrived = [r[0] for r in store.db.execute("SELECT event_id FROM arrivals ORDER BY n")]
        assert arrived == [f"call-1-{n}" for n in range(1, 10)]
        assert store.db.execute("SELECT count(*) FROM call_events").fetchone()[0] == 9
    finally:
        store.close()


def test_spooled_events_are_kept_across_a_restart_of_belscript(postgres_server, pg_schema, tmp_path):
    """Events spooled by a belscript that then quits are sent by the next one that opens the store."""
    home = tmp_path / "home"
    store = open_store(home, url=pg_schema, clock=FixedClock(NOW))
    postgres_server.kill()
    try:
        assert store.record_event(_event(1)) is False
        store.close()
    finally:
        postgres_server.start()
    with open_store(home, url=pg_schema, clock=FixedClock(NOW)) as again:
        assert again.flush_spool() == 1
        assert again.db.execute("SELECT event_id FROM call_events").fetchall() == [("call-1-1",)]


def test_callers_in_separate_processes_never_claim_the_same_customer(database_url, tmp_path):
    """Three caller processes working one list of 60 customers each claim different customers, losing no event."""
    import bench_team

    result = bench_team.run_team(database_url, tmp_path / "home", callers=3, customers=60, seconds=60.0,
                                 events_per_call=3)
    assert result.double_claims == []
    assert result.claimed == 60
    assert result.events_stored == result.events_sent == 60 * 3

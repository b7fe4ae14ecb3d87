"""Shared fixtures: a fixed clock, a private BELSCRIPT_HOME, paths to built-in data."""

from __future__ import annotations

import gc
import os
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from belscript.clock import FixedClock

settings.register_profile("dev", max_examples=60, deadline=None)
settings.register_profile("ci", max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "src" / "belscript" / "data"

#: Monday 23 November 2026, 10:15: inside a golden calling hour.
MONDAY_MORNING = datetime(2026, 11, 23, 10, 15)


def pytest_collection_finish(session):
    """What importing and collecting made lives until the end of the run: freeze it, so the
    cycle collector walks only what the tests make (hundreds of thousands of objects less)."""
    gc.freeze()


@pytest.fixture(autouse=True, scope="module")
def _settled_heap():
    """After each test module: free its garbage once, then freeze what it left behind (caches,
    servers), so later collections do not walk it again and again."""
    yield
    gc.collect()
    gc.freeze()


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(MONDAY_MORNING)


@pytest.fixture(autouse=True)
def _private_home(tmp_path, monkeypatch):
    """Every test gets its own empty data directory and a fixed 'now'."""
    monkeypatch.setenv("BELSCRIPT_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("BELSCRIPT_NOW", MONDAY_MORNING.isoformat(timespec="minutes"))
    monkeypatch.delenv("NO_COLOR", raising=False)
    yield


@pytest.fixture(scope="session")
def postgres_server():
    """A real, throw-away PostgreSQL server for the whole session (see tests/pg_server.py)."""
    from pg_server import PgServer, find_binaries

    bindir = find_binaries()
    if bindir is None:
        pytest.skip("PostgreSQL server binaries (initdb, pg_ctl) are not installed; "
                    "install the 'postgresql' package (.ci/run does) to run the PostgreSQL half of the store tests")
    pytest.importorskip("psycopg", reason="psycopg is not installed")
    server = PgServer(bindir).init()
    yield server
    server.stop()


_schemas = iter(range(1, 1_000_000))


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request):
    """None for SQLite in the test's BELSCRIPT_HOME, or a PostgreSQL URL with a fresh, empty schema."""
    if request.param == "sqlite":
        yield None
        return
    server = request.getfixturevalue("postgres_server")
    schema = f"t{os.getpid()}_{next(_schemas)}"
    server.execute(f"CREATE SCHEMA {schema}")
    yield server.url(options=f"-csearch_path%3D{schema}")
    server.execute(f"DROP SCHEMA {schema} CASCADE")

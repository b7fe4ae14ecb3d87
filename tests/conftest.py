"""Shared fixtures: a fixed clock, a private BELSCRIPT_HOME, paths to built-in data."""

from __future__ import annotations

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

"""'Now' comes from one place that tests and BELSCRIPT_NOW can fix."""

from datetime import datetime

import pytest

from belscript.clock import Clock, FixedClock, clock_from_env
from belscript.errors import UsageError


def test_belscript_now_fixes_the_clock():
    """BELSCRIPT_NOW makes every part of the program see the same moment."""
    clock = clock_from_env({"BELSCRIPT_NOW": "2026-11-23T10:15"})
    assert isinstance(clock, FixedClock)
    assert clock.now() == datetime(2026, 11, 23, 10, 15)
    assert clock.today().isoformat() == "2026-11-23"


def test_without_belscript_now_the_wall_clock_is_used():
    """Without the variable belscript uses the real time."""
    assert type(clock_from_env({})) is Clock


def test_a_malformed_belscript_now_is_a_usage_error():
    """A typo in BELSCRIPT_NOW gives a clear message, not a traceback."""
    with pytest.raises(UsageError, match="ISO 8601"):
        clock_from_env({"BELSCRIPT_NOW": "maandag"})

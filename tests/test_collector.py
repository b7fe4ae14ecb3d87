"""When the cycle collector runs (belscript.collector): paused while long-lived objects are
made, on again afterwards, and what the call screen froze stays frozen."""

from __future__ import annotations

import gc

import pytest

from belscript import collector


@pytest.fixture
def collecting():
    """An enabled collector with nothing frozen; the test's state is undone afterwards."""
    was_enabled = gc.isenabled()
    gc.enable()
    gc.unfreeze()  # the test run freezes what it keeps (conftest); frozen again below
    yield
    gc.freeze()
    if not was_enabled:
        gc.disable()


def test_loading_runs_without_collections_and_collecting_resumes_after(collecting):
    """Inside the pause nothing is collected; afterwards the collector is on as before."""
    seen = []
    with collector.paused():
        seen.append(gc.isenabled())
        with collector.paused():  # nested: the outer pause stays in charge
            seen.append(gc.isenabled())
        seen.append(gc.isenabled())
    assert seen == [False, False, False]
    assert gc.isenabled()


def test_what_a_command_made_is_not_walked_by_the_next_young_collection(collecting):
    """After a command-level pause, its objects sit where a full collection would have left them."""
    young = gc.get_stats()[0]["collections"]
    with collector.paused(promote=True):
        made = [[i] for i in range(20_000)]
    more = [[i] for i in range(10)]
    assert gc.get_stats()[0]["collections"] == young
    assert gc.get_count()[0] < 1_000
    assert gc.is_tracked(made[0]) and more


def test_a_library_pause_leaves_young_garbage_to_the_young_collections(collecting):
    """Loading a file in a long-running process hands nothing to the oldest generation, so its
    garbage keeps being collected soon."""
    young = gc.get_stats()[0]["collections"]
    with collector.paused():
        made = [[i] for i in range(20_000)]
    more = [[i] for i in range(10)]  # the next allocations find the young generation full
    assert gc.get_stats()[0]["collections"] > young
    assert made and more


def test_objects_the_call_screen_froze_stay_frozen(collecting):
    """A pause during the call (loading a file) does not hand the frozen objects back."""
    kept = [{"i": i} for i in range(1_000)]
    gc.freeze()
    frozen = gc.get_freeze_count()
    with collector.paused(promote=True):
        [[i] for i in range(1_000)]
    assert gc.get_freeze_count() == frozen
    assert kept


def test_a_finished_command_does_not_collect_at_exit(collecting):
    """off_until_exit switches the collector off for the rest of the process."""
    collector.off_until_exit()
    assert not gc.isenabled()


def test_a_call_refused_before_its_screen_opens_leaves_the_collector_on(collecting, tmp_path, monkeypatch, capsys):
    """'belscript call' switches collection off while it loads; a refusal switches it back on."""
    from belscript.cli.main import main

    monkeypatch.setenv("BELSCRIPT_HOME", str(tmp_path))
    assert main(["call", "--dossier", str(tmp_path / "bestaat-niet.yaml")]) != 0
    assert gc.isenabled()

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
    gc.unfreeze()
    yield
    gc.unfreeze()
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


def test_what_was_made_during_the_pause_is_not_walked_by_the_next_young_collection(collecting):
    """Objects made while paused end up where a full collection would have left them."""
    with collector.paused():
        made = [[i] for i in range(20_000)]
    assert gc.get_count()[0] < 1_000
    assert gc.is_tracked(made[0])


def test_objects_the_call_screen_froze_stay_frozen(collecting):
    """A pause during the call (loading a file) does not hand the frozen objects back."""
    kept = [{"i": i} for i in range(1_000)]
    gc.freeze()
    frozen = gc.get_freeze_count()
    with collector.paused():
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

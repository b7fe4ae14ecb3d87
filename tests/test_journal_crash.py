"""A killed process loses nothing that was committed: every event whose append returned is there."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

import pytest

from belscript.journal import Journal

WRITER = textwrap.dedent("""
    import os, sys
    from datetime import datetime, timedelta
    from belscript.dossier import Dossier
    from belscript.engine.events import Event
    from belscript.journal import Journal

    mode, count = sys.argv[1], int(sys.argv[2])
    dossier = Dossier.model_validate({
        "customer": {"name": "Bakkerij De Zoete Inval"},
        "caller": {"name": "Pieter de Vries", "company": "De Vries Installatietechniek"},
        "invoices": [{"number": "2026-0142", "amount": "1250,50", "invoice_date": "2026-10-01",
                      "due_date": "2026-10-31"}],
    })
    journal = Journal.open()
    call_id = journal.start_call("eerste-gesprek", None, dossier)
    start = datetime(2026, 11, 23, 10, 15)
    seq = 0
    while mode == "forever" or seq < count:
        seq += 1
        kind = "started" if seq == 1 else "note"
        journal.append(call_id, Event(seq=seq, at=start + timedelta(seconds=seq), kind=kind,
                                      data={"text": f"notitie {seq} – € 12,50"}))
        print(seq, flush=True)
    os._exit(0)   # no close(), no atexit: as abrupt as a closed terminal
""")


def _run_writer(*args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", WRITER, *args], stdout=subprocess.PIPE, text=True,
                            env=dict(os.environ))


def test_events_survive_an_abrupt_exit_without_closing():
    """A process that appends events and exits without closing the log leaves all of them readable."""
    proc = _run_writer("fixed", "25")
    out, _ = proc.communicate(timeout=60)
    assert proc.returncode == 0, out
    with Journal.open() as journal:
        (call,) = journal.open_calls()
        events = journal.events(call.id)
    assert [e.seq for e in events] == list(range(1, 26))
    assert events[-1].data == {"text": "notitie 25 – € 12,50"}


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_events_survive_sigkill_in_the_middle_of_writing():
    """SIGKILL while events are being written keeps every event that was reported as committed."""
    proc = _run_writer("forever", "0")
    confirmed = 0
    assert proc.stdout is not None
    for line in proc.stdout:
        confirmed = int(line)
        if confirmed >= 40:
            break
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    proc.stdout.close()
    with Journal.open() as journal:
        assert journal.warnings == []
        (call,) = journal.open_calls()
        seqs = [e.seq for e in journal.events(call.id)]
    assert seqs[:confirmed] == list(range(1, confirmed + 1))
    assert seqs == list(range(1, len(seqs) + 1)), "no gaps and no half-written event"
    assert len(seqs) >= confirmed

"""Call-log benchmark: the log, one call, a customer and the start of a call stay fast for years.

Generates 5,000 customers and 20,000 invoices with the store's API and 100,000 logged
calls with the call log's API (each a realistic call: the demo customer file, the
built-in script's text, the events of a call driven through the engine; all calls in
one transaction, ``Journal.batch``). Then runs each command as a user does (the
installed ``belscript``, a fresh process) on that home and on one holding only the
customer looked up and one call, side by side in one interleaved loop:

- ``belscript log`` (the first page), ``belscript log show N``, ``belscript klant zuivel``;
- the start of a call: ``belscript call zuivel`` in a pseudo-terminal until the
  preparation screen is drawn (opening the call log for writing, as a call does).

Prints the median and spread (10th-90th percentile) of each, the ratio (target ≤ 1.5x),
the largest resident memory of each command (target < 150 MiB), the stored bytes per
call (target ≤ 10 KiB), and the time and memory of ``log export`` to a file.

    .venv/bin/python scripts/bench_calllog.py [--customers 5000] [--invoices 20000] [--calls 100000] [--runs 10]
"""

from __future__ import annotations

import argparse
import os
import pty
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))

from _bench import belscript_command, company_name, compile_sources, invoice_rows, source_env, spread  # noqa: E402
from bench_call import MARKER, _wait_for  # noqa: E402

from belscript.clock import FixedClock  # noqa: E402
from belscript.errors import BelscriptError  # noqa: E402
from belscript.store import CustomerRecord, InvoiceRecord, open_store  # noqa: E402

NOW = datetime(2026, 11, 24, 10, 15)
TARGET = ("T00001", "Zuivelhandel Oosterhout")
RATIO, RSS_MIB, BYTES_PER_CALL = 1.5, 150, 10 * 1024


def typical_call():
    """The script, a customer file and the events of one call on it, made by the engine."""
    from belscript.dossier.loader import demo_dossier_path, load_dossier
    from belscript.engine.call import Call
    from belscript.script.loader import resolve_script

    loaded, dossier = resolve_script("eerste-gesprek"), load_dossier(demo_dossier_path())
    clock, events = FixedClock(NOW), []
    call = Call(loaded.script, dossier, clock=clock, on_event=events.append)
    call.set_contact("Marieke Jansen")
    for _ in range(4):
        call.choose(1)
        clock.advance(seconds=40)
    call.handle_excuse("eerst-overleggen")
    for text in ("boekhouder is pas donderdag terug", "factuur lag bij de eigenaar", "wil eerst overleggen",
                 "belt terug als het geld er is"):
        call.note(text)
        clock.advance(seconds=20)
    call.record_warning("moeten", "u moet", "Vraag liever wanneer de klant betaalt.")
    call.record_no_agreement("needs_time", "Wil overleggen met de eigenaar")
    clock.advance(minutes=1)
    try:
        call.end()
    except BelscriptError:  # a script that wants more first: break the call off, recorded as such
        call.abort("other")
    return loaded, dossier, events



def _log_calls(journal, loaded, dossier, events, count: int, customers: int) -> None:
    from belscript.engine.events import Event

    def customer_file(name: str, number: str):
        return dossier.model_copy(update={"customer": dossier.customer.model_copy(update={"name": name,
                                                                                     "number": number})})

    files = [customer_file(company_name(n), f"D{n:05d}") for n in range(min(count, customers))]
    files = files or [customer_file(*reversed(TARGET))]
    with journal.batch():
        for n in range(count):
            moment = datetime(2023, 1, 2, 9) + timedelta(minutes=23 * n)
            journal.clock = FixedClock(moment)
            call_id = journal.start_call(loaded.script.name, None, files[n % len(files)], script_text=loaded.text)
            for e in events:
                journal.append(call_id, Event(seq=e.seq, at=moment + (e.at - NOW), kind=e.kind, data=e.data))


def _home(path: Path, customers: int, invoices: int, calls: int) -> Path:
    from belscript.journal import Journal

    clock = FixedClock(NOW)
    records = [CustomerRecord(TARGET[0], TARGET[1], kind="b2b")]
    records += [CustomerRecord(f"D{n:05d}", company_name(n), kind="b2b") for n in range(customers)]
    rows = [InvoiceRecord(f"T-{n}", TARGET[0], Decimal("400.00"), Decimal("400.00"), date(2026, 8, 1),
                          date(2026, 9, 1)) for n in range(3)]
    rows += invoice_rows(customers, invoices)
    loaded, dossier, events = typical_call()
    with open_store(path, clock=clock, caller="Anna") as store, Journal.open(path, clock=clock) as journal:
        store.import_records(records, rows, source="bench")
        _log_calls(journal, loaded, dossier, events, calls, customers)
    return path


#: Runs a command and writes its own largest resident size (KiB) to the file named first.
#: Measured from a small process: a child started straight from this (large) benchmark
#: process would count the benchmark's own size (Linux keeps the high-water mark over exec).
_PROBE = """import os, sys
pid = os.fork()
if pid == 0:
    os.execv(sys.argv[2], sys.argv[2:])
_pid, status, usage = os.wait4(pid, 0)
open(sys.argv[1], "w").write(str(usage.ru_maxrss))
sys.exit(os.waitstatus_to_exitcode(status))
"""


def _probed(argv: list[str], report: Path | None) -> list[str]:
    return argv if report is None else [sys.executable, "-c", _PROBE, str(report), *argv]


def _env(home: Path) -> dict[str, str]:
    return source_env(BELSCRIPT_HOME=str(home), BELSCRIPT_NOW=NOW.isoformat(), BELSCRIPT_CALLER="Anna",
                      BELSCRIPT_COMPANY="Bakkerij Bench", TERM="xterm-256color", COLUMNS="120", LINES="40")


def run(argv: list[str], home: Path, report: Path | None = None) -> float:
    """Milliseconds of one command run to its end (``report``: also write its largest memory there)."""
    start = time.perf_counter()
    done = subprocess.run(_probed([*belscript_command(), *argv], report), env=_env(home), stdout=subprocess.DEVNULL,
                          stderr=subprocess.DEVNULL, check=False)
    if done.returncode != 0:
        raise SystemExit(f"belscript {' '.join(argv)} failed ({done.returncode}) in {home}")
    return (time.perf_counter() - start) * 1000


def max_rss(measure, home: Path, tmp: Path) -> float:
    """The largest resident memory (MiB) of one run of ``measure(home, report)``."""
    report = tmp / "rss"
    measure(home, report)
    return int(report.read_text()) / 1024


def call_start(home: Path, report: Path | None = None) -> float:
    """Milliseconds until the preparation screen of 'belscript call zuivel' is drawn."""
    import fcntl
    import struct
    import termios

    master, slave = pty.openpty()
    os.set_blocking(master, False)
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    start = time.perf_counter()
    proc = subprocess.Popen(_probed([*belscript_command(), "call", "zuivel"], report), stdin=slave, stdout=slave, stderr=slave,
                            env=_env(home), cwd=ROOT, close_fds=True, start_new_session=True)
    os.close(slave)
    seen = bytearray()
    shown = _wait_for(master, MARKER, seen, start + 30)
    os.write(master, b"\x03\x03")  # leave before the call starts: nothing is logged
    try:
        proc.wait(timeout=30)
    finally:
        os.close(master)
    if shown is None:
        raise SystemExit(f"the call screen never appeared:\n{seen.decode(errors='replace')[-2000:]}")
    return (shown - start) * 1000



def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=5000)
    parser.add_argument("--invoices", type=int, default=20000)
    parser.add_argument("--calls", type=int, default=100000)
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    compile_sources()
    with tempfile.TemporaryDirectory(prefix="bench-calllog-") as tmp:
        started = time.perf_counter()
        empty = _home(Path(tmp) / "empty", 0, 0, 1)
        full = _home(Path(tmp) / "full", args.customers, args.invoices, args.calls)
        size = (full / "calls.db").stat().st_size
        print(f"generated {args.customers} customers, {args.invoices} invoices, {args.calls} calls "
              f"in {time.perf_counter() - started:.0f} s; calls.db {size / 2**20:.0f} MiB")
        middle = str(args.calls // 2)
        rows = {"belscript log": (lambda h, r=None: run(["log"], h, r)),
                "belscript log show N": (lambda h, r=None: run(["log", "show", middle if h == full else "1"], h, r)),
                "belscript klant zuivel": (lambda h, r=None: run(["klant", "zuivel"], h, r)),
                "call zuivel, first screen": call_start}
        measured: dict[tuple[str, Path], list[float]] = {(r, h): [] for r in rows for h in (empty, full)}
        keys = list(measured)
        for i in range(args.runs + 1):  # the first round only warms the file cache
            for key in keys[i % len(keys):] + keys[: i % len(keys)]:
                result = rows[key[0]](key[1])
                if i:
                    measured[key].append(result)
        ok = True
        print(f"{'command':<26} {'empty ms (p10-p90)':>19} {'full ms (p10-p90)':>19} {'ratio':>6} "
              f"{'max RSS':>8}  ≤ {RATIO}x, < {RSS_MIB} MiB")
        for label in rows:
            ref, big = measured[label, empty], measured[label, full]
            rss = max(max_rss(rows[label], h, Path(tmp)) for h in (empty, full))
            ratio = statistics.median(big) / statistics.median(ref)
            met = ratio <= RATIO and rss < RSS_MIB
            ok = ok and met
            print(f"{label:<26} {statistics.median(ref):>7.0f} ({spread(ref):>9}) {statistics.median(big):>7.0f} "
                  f"({spread(big):>9}) {ratio:>5.2f}x {rss:>5.0f} MiB  {'yes' if met else 'NO'}")
        per_call = size / args.calls
        ok = ok and per_call <= BYTES_PER_CALL
        print(f"{'stored per call':<26} {per_call / 1024:>39.1f} KiB  ≤ 10 KiB  {'yes' if per_call <= BYTES_PER_CALL else 'NO'}")
        for fmt in ("json", "csv"):
            target = Path(tmp) / f"export.{fmt}"
            ms = run(["log", "export", "--format", fmt, "-o", str(target), "--force"], full, Path(tmp) / "rss")
            rss = int((Path(tmp) / "rss").read_text()) / 1024
            met = rss < RSS_MIB
            ok = ok and met
            print(f"{'log export --format ' + fmt:<26} {ms / 1000:>31.1f} s {rss:>12.0f} MiB  "
                  f"{target.stat().st_size / 2**20:.0f} MiB written, memory {'bounded' if met else 'NOT bounded'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

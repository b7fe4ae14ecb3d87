"""Team benchmark: 8 caller processes work one list of 2,000 customers for a bounded time.

Each caller claims the next free customer, records a few call events (each its own
commit, timed, through ``Store.record_event``: the path a live call's mirror takes, one
autocommit INSERT per event on a reused connection, a statement prepared from its first
use, ``synchronous_commit`` as the server is configured) and finishes the claim, until
the list is done or time is up. Checked
afterwards: no customer claimed by two callers, every event stored exactly once, and
the p99 time to commit one event (target on localhost: at most 10 ms). Runs on a
throw-away PostgreSQL server (tests/pg_server.py; with fsync on, as in production) or
on the server named by BELSCRIPT_DATABASE, and prints SQLite's figures beside it.

    .venv/bin/python scripts/bench_team.py [--callers 8] [--customers 2000] [--seconds 20] [--no-fsync] [--pace MS]

By default each caller commits back to back (flat out): 8 processes and the server on
2 cores then mostly wait for a CPU, which the p99 shows. ``--pace MS`` puts a random
pause (mean MS) before each event, as callers working a list do; even ``--pace 100``
is ten events a second per caller, far faster than a person types notes and picks
options, so it still measures the server under concurrent commits.

A commit is never faster than the disk's flush (``pg_test_fsync`` shows it); --no-fsync
measures the rest (network round trip, parsing, locking) on its own.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))


@dataclass
class TeamResult:
    engine: str
    claimed: int = 0
    double_claims: list[int] = field(default_factory=list)
    events_sent: int = 0
    events_stored: int = 0
    latencies_ms: list[float] = field(default_factory=list)
    claim_ms: list[float] = field(default_factory=list)
    seconds: float = 0.0
    #: The server's WAL flushes during the run and their mean time (pg_stat_wal), when it tracks them.
    wal_syncs: int = 0
    wal_sync_ms: float | None = None

    def p(self, q: float, values: list[float] | None = None) -> float:
        ordered = sorted(self.latencies_ms if values is None else values)
        if not ordered:
            return 0.0
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def _fill(url: str | None, home: Path, customers: int) -> None:
    from belscript.store import CustomerRecord, InvoiceRecord, open_store

    with open_store(home, url=url) as store:
        store.import_records(
            [CustomerRecord(f"D{n:05d}", f"Klant {n}") for n in range(customers)],
            [InvoiceRecord(f"F{n:05d}", f"D{n:05d}", Decimal("100.00"), Decimal("100.00")) for n in range(customers)],
            source="bench")


def _settle(url: str | None) -> tuple[int, float] | None:
    """Start from a settled machine: the fill analysed and written out, not flushed during the run.

    A fresh store's files (and a fresh server's, written without sync) would otherwise be
    written back by the kernel in the middle of the timed window and slow every flush.
    Returns the server's WAL flush count and time so far, None for SQLite.
    """
    if url is not None:
        import psycopg

        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute("VACUUM ANALYZE")
            conn.execute("CHECKPOINT")
    os.sync()
    return _wal_syncs(url) if url is not None else None


def _wal_syncs(url: str) -> tuple[int, float]:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        row = conn.execute("SELECT wal_sync, wal_sync_time FROM pg_stat_wal").fetchone()
    return int(row[0]), float(row[1] or 0.0)


def run_team(url: str | None, home: Path, *, callers: int, customers: int, seconds: float,
             events_per_call: int = 3, pace_ms: float = 0.0) -> TeamResult:
    """Fill a store, let ``callers`` processes work it, and check what they did."""
    from belscript.store import open_store

    home.mkdir(parents=True, exist_ok=True, mode=0o700)
    _fill(url, home, customers)
    wal_before = _settle(url)
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    env.pop("BELSCRIPT_DATABASE", None)
    if url:
        env["BELSCRIPT_DATABASE"] = url  # never on the command line, where `ps` would show the password
    start = time.perf_counter()
    procs = []
    for n in range(callers):
        worker_home = home if url is None else home / f"caller-{n}"
        procs.append(subprocess.Popen(
            [sys.executable, __file__, "--worker", "--home", str(worker_home), "--caller", f"beller-{n}",
             "--seconds", str(seconds), "--events", str(events_per_call), "--pace", str(pace_ms)],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
    result = TeamResult("postgresql" if url else "sqlite")
    owners: dict[int, str] = {}
    for n, proc in enumerate(procs):
        out, err = proc.communicate()
        if proc.returncode != 0:
            raise RuntimeError(f"caller {n} failed: {err[-2000:]}")
        report = json.loads(out.strip().splitlines()[-1])
        for cid in report["claimed"]:
            if cid in owners:
                result.double_claims.append(cid)
            owners[cid] = f"beller-{n}"
        result.events_sent += report["events"]
        result.latencies_ms.extend(report["latencies_ms"])
        result.claim_ms.extend(report["claim_ms"])
    result.seconds = time.perf_counter() - start
    if wal_before is not None:
        syncs, sync_ms = _wal_syncs(url)
        result.wal_syncs = syncs - wal_before[0]
        if result.wal_syncs and sync_ms:
            result.wal_sync_ms = (sync_ms - wal_before[1]) / result.wal_syncs
    result.claimed = len(owners)
    with open_store(home, url=url) as store:
        result.events_stored = int(store.db.execute("SELECT count(*) FROM call_events").fetchone()[0])
    return result


def _worker(home: str, caller: str, seconds: float, events: int, pace_ms: float = 0.0) -> None:
    """One caller: claim, record ``events`` events, release; ``pace_ms`` is the mean pause
    before each event (exponential, as a person's pace; 0 = back to back, flat out)."""
    import random

    from belscript.store import StoredEvent, open_store

    store = open_store(home, caller=caller)
    deadline = time.monotonic() + seconds
    claimed: list[int] = []
    latencies: list[float] = []
    claim_ms: list[float] = []
    sent = 0
    while time.monotonic() < deadline:
        t0 = time.perf_counter()
        claim = store.claim_next()
        claim_ms.append((time.perf_counter() - t0) * 1000)
        if claim is None:
            break
        claimed.append(claim.customer_id)
        call_ref = str(uuid.uuid4())
        for seq in range(1, events + 1):
            if pace_ms > 0:
                time.sleep(random.expovariate(1000.0 / pace_ms))
            event = StoredEvent(str(uuid.uuid4()), call_ref, seq, store.clock.now(), "note", {"n": seq},
                                claim.customer_id, caller)
            t0 = time.perf_counter()
            store.record_event(event)
            latencies.append((time.perf_counter() - t0) * 1000)
            sent += 1
        store.release(claim.customer_id)
    store.flush_spool()
    store.close()
    print(json.dumps({"claimed": claimed, "events": sent, "latencies_ms": [round(x, 3) for x in latencies],
                      "claim_ms": [round(x, 3) for x in claim_ms]}))


def _server_settings(given: list[str]) -> dict[str, str]:
    """The throw-away server's settings: WAL flush timing on (for the report), then ``--server-setting``."""
    settings = {"track_wal_io_timing": "on"}
    for item in given:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise SystemExit(f"--server-setting wants NAME=VALUE, not {item!r}")
        settings[name.strip()] = value.strip()
    return settings


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--callers", type=int, default=8)
    parser.add_argument("--customers", type=int, default=2000)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--events", type=int, default=3)
    parser.add_argument("--pace", type=float, default=0.0, metavar="MS",
                        help="mean pause before each event of a caller (0: back to back, flat out); "
                             "a person produces an event every few seconds")
    parser.add_argument("--no-fsync", action="store_true",
                        help="throw-away server without fsync: the software's share of a commit, without the disk's")
    parser.add_argument("--server-setting", action="append", default=[], metavar="NAME=VALUE",
                        help="a setting for the throw-away server, e.g. commit_delay=200 (may be repeated)")
    parser.add_argument("--engines", default="postgresql,sqlite", help="comma-separated engines to measure")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--home", help=argparse.SUPPRESS)
    parser.add_argument("--caller", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        _worker(args.home, args.caller, args.seconds, args.events, args.pace)
        return 0
    results = []
    server = None
    url = os.environ.get("BELSCRIPT_DATABASE") or None
    with tempfile.TemporaryDirectory(prefix="bench-team-") as tmp:
        if url is None and "postgresql" in args.engines:
            sys.path.insert(0, str(ROOT / "tests"))
            from pg_server import PgServer, find_binaries

            bindir = find_binaries()
            if bindir is not None:
                server = PgServer(bindir, fsync=not args.no_fsync, settings=_server_settings(args.server_setting)).init()
                url = server.url()
        try:
            if url and "postgresql" in args.engines:
                results.append(run_team(url, Path(tmp) / "pg", callers=args.callers, customers=args.customers,
                                        seconds=args.seconds, events_per_call=args.events, pace_ms=args.pace))
            elif "postgresql" in args.engines:
                print("no PostgreSQL server binaries found: measuring SQLite only")
        finally:
            if server is not None:
                server.stop()
        if "sqlite" in args.engines:
            results.append(run_team(None, Path(tmp) / "sqlite", callers=args.callers, customers=args.customers,
                                    seconds=args.seconds, events_per_call=args.events, pace_ms=args.pace))
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    pace = f"a pause of {args.pace:g} ms on average before each event" if args.pace else "events back to back"
    print(f"{args.callers} callers, {args.customers} customers, at most {args.seconds:g} s each engine, {pace}; "
          f"{os.cpu_count()} CPUs, load average {load:.1f} (a p99 above 10 ms on a busy machine is CPU waiting)")
    print(f"{'engine':<11} {'claimed':>8} {'double':>7} {'events sent/stored':>19} {'p50 ms':>7} "
          f"{'p99 ms':>7} {'max ms':>7} {'events/s':>9} {'claim p99':>9}  p99 ≤ 10 ms")
    ok = True
    for r in results:
        good = not r.double_claims and r.events_sent == r.events_stored
        met = r.p(0.99) <= 10.0
        ok = ok and good and (met or r.engine == "sqlite")
        print(f"{r.engine:<11} {r.claimed:>8} {len(r.double_claims):>7} {r.events_sent:>9}/{r.events_stored:<9} "
              f"{statistics.median(r.latencies_ms or [0]):>7.2f} {r.p(0.99):>7.2f} {max(r.latencies_ms or [0]):>7.2f} "
              f"{r.events_sent / r.seconds:>9.0f} {r.p(0.99, r.claim_ms):>9.2f}  {'yes' if met else 'NO'}"
              f"{'' if good else '  (LOST, DUPLICATED OR DOUBLE-CLAIMED)'}")
        if r.wal_sync_ms is not None:
            print(f"{'':<11} the server flushed its WAL {r.wal_syncs} times, {r.wal_sync_ms:.2f} ms on average "
                  f"(the disk's share of a commit; compare pg_test_fsync)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

"""Store benchmark: finding a customer and reading a customer's history stay fast for years.

Generates 5,000 customers and 20,000 invoices (with payments, letters, promises and
call events) through the store's own API, then times each query on that store and on
a nearly empty one (only the customer being looked up) side by side in one loop, the
reference measurement interleaved with the real one so both see the same machine
load. Prints the median and the spread (10th-90th percentile) of each, and the ratio;
target: at most 1.5x. Runs on SQLite, and on a throw-away PostgreSQL server when its
binaries are installed (tests/pg_server.py).

    .venv/bin/python scripts/bench_store.py [--customers 5000] [--invoices 20000] [--runs 300]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))

from _bench import invoice_rows, spread  # noqa: E402

from belscript.clock import FixedClock  # noqa: E402
from belscript.store import CustomerRecord, InvoiceRecord, StoredEvent, open_store  # noqa: E402

NOW = datetime(2026, 11, 23, 10, 15)
WORDS = ["Bakkerij", "Installatie", "Bouw", "Groen", "Transport", "Advies", "Kapsalon", "Garage", "Drukkerij",
         "Schilders", "Loodgieter", "Catering", "Fietsen", "Bloemen", "Techniek", "Zorg"]
NAMES = ["Jansen", "de Vries", "van den Berg", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "Bos",
         "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker", "Brouwer"]


class _Part:
    def __init__(self, amount: Decimal, on: date) -> None:
        self.amount, self.on = amount, on


def _target(store) -> None:
    """The customer every measurement looks up: the same in both stores."""
    store.import_records([CustomerRecord("T00001", "Zuivelhandel Oosterhout", kind="b2b")],
                         [InvoiceRecord(f"T-{n}", "T00001", Decimal("400.00"), Decimal("400.00"),
                                        date(2026, 8, 1) + timedelta(days=30 * n), date(2026, 9, 1) + timedelta(days=30 * n))
                          for n in range(4)], source="bench")
    cid = store.customer("T00001").id
    store.record_payment("T-0", Decimal("150.00"), date(2026, 10, 2))
    store.record_promise(cid, [_Part(Decimal("250.00"), date(2026, 11, 30))], call_ref="t1")
    for seq in range(1, 6):
        store.record_event(StoredEvent(f"t1-{seq}", "t1", seq, NOW, "note", {"n": seq}, cid, "Anna"))


def _fill(store, customers: int, invoices: int) -> None:
    records = [CustomerRecord(f"D{n:05d}", f"{WORDS[n % len(WORDS)]} {NAMES[(n // 16) % len(NAMES)]} {n}",
                              kind="b2b" if n % 3 else "b2c") for n in range(customers)]
    rows = invoice_rows(customers, invoices, days=600)
    store.import_records(records, rows, source="bench")
    for n in range(0, invoices, 10):
        store.record_payment(f"F{n:06d}", Decimal("50.00"), date(2025, 3, 1) + timedelta(days=n % 500))
    for n in range(0, customers, 10):
        cid = store.customer(f"D{n:05d}").id
        store.record_promise(cid, [_Part(Decimal("100.00"), date(2025, 6, 1) + timedelta(days=n % 300))],
                             call_ref=f"c{n}")
        for seq in range(1, 3):
            store.record_event(StoredEvent(f"c{n}-{seq}", f"c{n}", seq, NOW, "note", {"n": seq}, cid, "Anna"))
    _target(store)



def measure(engine: str, make_url, customers: int, invoices: int, runs: int) -> list[tuple]:
    with tempfile.TemporaryDirectory(prefix="bench-store-") as tmp:
        clock = FixedClock(NOW)
        empty = open_store(Path(tmp) / "empty", url=make_url("empty"), clock=clock, caller="Anna")
        full = open_store(Path(tmp) / "full", url=make_url("full"), clock=clock, caller="Anna")
        _target(empty)
        started = time.perf_counter()
        _fill(full, customers, invoices)
        print(f"{engine}: generated {customers} customers and {invoices} invoices in "
              f"{time.perf_counter() - started:.1f} s")
        queries = {
            "find by name ('zuivel')": lambda s: s.find_customers("zuivel"),
            "find by two words ('zuivel ooster')": lambda s: s.find_customers("zuivel ooster"),
            "find by number ('T00001')": lambda s: s.find_customers("T00001"),
            "customer's history": lambda s: s.history("T00001"),
        }
        rows = []
        for name, query in queries.items():
            assert query(full) and query(empty), name
            ref, big = [], []
            for _ in range(runs):  # interleaved: reference, then the big store, same moment
                t0 = time.perf_counter()
                query(empty)
                t1 = time.perf_counter()
                query(full)
                t2 = time.perf_counter()
                ref.append((t1 - t0) * 1000)
                big.append((t2 - t1) * 1000)
            rows.append((engine, name, statistics.median(ref), spread(ref, 3), statistics.median(big), spread(big, 3)))
        empty.close()
        full.close()
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=5000)
    parser.add_argument("--invoices", type=int, default=20000)
    parser.add_argument("--runs", type=int, default=300)
    args = parser.parse_args()
    rows = measure("sqlite", lambda _name: None, args.customers, args.invoices, args.runs)
    sys.path.insert(0, str(ROOT / "tests"))
    from pg_server import PgServer, find_binaries

    bindir = find_binaries()
    if bindir is not None:
        server = PgServer(bindir).init()
        try:
            for name in ("empty", "full"):
                server.execute(f"CREATE SCHEMA bench_{name}")
            rows += measure("postgresql", lambda name: server.url(options=f"-csearch_path%3Dbench_{name}"),
                            args.customers, args.invoices, args.runs)
        finally:
            server.stop()
    print(f"\n{'engine':<11} {'measurement':<36} {'empty ms (p10-p90)':>24} {'full ms (p10-p90)':>24} "
          f"{'ratio':>6}  ≤ 1.5x")
    ok = True
    for engine, name, ref, ref_spread, big, big_spread in rows:
        ratio = big / ref if ref else float("inf")
        met = ratio <= 1.5
        ok = ok and met
        print(f"{engine:<11} {name:<36} {ref:>8.3f} ({ref_spread:>13}) {big:>8.3f} ({big_spread:>13}) "
              f"{ratio:>5.2f}x  {'yes' if met else 'NO'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

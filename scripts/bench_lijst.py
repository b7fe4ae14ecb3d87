"""Call-list benchmark: `belscript lijst` and `belscript klant` stay fast with years of data.

Generates 5,000 customers, 20,000 invoices (a tenth partly paid), a promise for every
tenth customer, reminders, and 100,000 logged calls, through the store's and the call
log's own API, each in batches of one transaction (a call log commits every event on
its own; a hundred thousand separate commits take the better part of an hour). Then
runs each command as a user does (the installed ``belscript``, a fresh process) on that
home and on a nearly empty one (only the customer looked up), side by side in one loop
(``_bench.interleaved``), so both see the same machine load. Prints the median and the
spread (10th-90th percentile) of each and the ratio; target: at most 1.5x.

Generating takes a few minutes; ``--keep DIR`` keeps both homes in DIR and uses them
again on the next run with the same sizes.

    .venv/bin/python scripts/bench_lijst.py [--customers 5000] [--invoices 20000] [--calls 100000] [--runs 15] [--keep DIR]
"""

from __future__ import annotations

import argparse
import contextlib
import json
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

from _bench import (  # noqa: E402
    belscript_command, company_name, compile_sources, interleaved, invoice_rows, source_env, spread,
)

from belscript.clock import FixedClock  # noqa: E402
from belscript.store import CustomerRecord, InvoiceRecord, open_store  # noqa: E402

NOW = datetime(2026, 11, 24, 10, 15)
SCRIPT_TEXT = "x" * 29_000  # a call stores its script text, as a real call does
#: Calls written per transaction of the call log.
BATCH = 2_000


class _Part:
    def __init__(self, amount: Decimal, on: date) -> None:
        self.amount, self.on = amount, on



def _target(store, journal) -> None:
    store.import_records([CustomerRecord("T00001", "Zuivelhandel Oosterhout", kind="b2b")],
                         [InvoiceRecord(f"T-{n}", "T00001", Decimal("400.00"), Decimal("400.00"),
                                        date(2026, 8, 1) + timedelta(days=30 * n), date(2026, 9, 1) + timedelta(days=30 * n))
                          for n in range(3)], source="bench")
    cid = store.customer("T00001").id
    store.record_promise(cid, [_Part(Decimal("250.00"), date(2026, 11, 20))], made_at=datetime(2026, 11, 10, 10))
    for n in range(6):
        _call(journal, "Zuivelhandel Oosterhout", datetime(2026, 10, 6, 10, 0) - timedelta(weeks=n), n % 3 != 0)



_DOSSIERS: dict[str, object] = {}


def _dossier(name: str):
    from belscript.dossier import Dossier

    if name not in _DOSSIERS:
        _DOSSIERS[name] = Dossier.model_validate({
            "customer": {"name": name}, "caller": {"name": "Anna", "company": "B"},
            "invoices": [{"number": "X", "amount": "1.00", "invoice_date": "2026-01-01", "due_date": "2026-01-31"}]})
    return _DOSSIERS[name]


def _call(journal, name: str, moment: datetime, reached: bool) -> None:
    from belscript.agreement.model import NoAgreement, NoAgreementReason

    dossier = _dossier(name)
    journal.clock = FixedClock(moment)
    call_id = journal.start_call("eerste-gesprek", None, dossier, script_text=SCRIPT_TEXT)
    reason = NoAgreementReason.needs_time if reached else NoAgreementReason.not_reachable
    journal.finish(call_id, NoAgreement(reason=reason, follow_up=moment + timedelta(days=2)))


def _fill(store, journal, customers: int, invoices: int, calls: int) -> None:
    with store.db.transaction():
        _fill_store(store, customers, invoices)
    for start in range(0, calls, BATCH):
        with journal.batch():
            for n in range(start, min(calls, start + BATCH)):
                _call(journal, company_name(n % customers), datetime(2024, 1, 1, 9) + timedelta(hours=(n * 7) % 24_000),
                      n % 3 == 0)
    _target(store, journal)


def _fill_store(store, customers: int, invoices: int) -> None:
    store.import_records(
        [CustomerRecord(f"D{n:05d}", company_name(n), kind="b2b" if n % 3 else "b2c") for n in range(customers)],
        invoice_rows(customers, invoices), source="bench")
    for n in range(0, invoices, 10):
        store.record_payment(f"F{n:06d}", Decimal("50.00"), date(2025, 3, 1) + timedelta(days=n % 500))
    for n in range(0, customers, 10):
        cid = store.customer(f"D{n:05d}").id
        made = datetime(2026, 8, 1, 10) + timedelta(days=n % 100)
        store.record_promise(cid, [_Part(Decimal("100.00"), made.date() + timedelta(days=14))], made_at=made)
        store.record_letter(cid, "herinnering", made.date() - timedelta(days=7))


def _home(path: Path, full: bool, args) -> Path:
    """A home with the benchmark's data, made now or kept from an earlier run with the same sizes."""
    from belscript.journal import Journal

    sizes = {"customers": args.customers, "invoices": args.invoices, "calls": args.calls, "full": full}
    marker = path / "bench-sizes.json"
    if marker.exists() and json.loads(marker.read_text()) == sizes:
        return path
    if path.exists():
        raise SystemExit(f"{path} holds other data; remove it or choose another --keep folder")
    clock = FixedClock(NOW)
    with open_store(path, clock=clock, caller="Anna") as store, Journal.open(path, clock=clock) as journal:
        _fill(store, journal, args.customers, args.invoices, args.calls) if full else _target(store, journal)
    marker.write_text(json.dumps(sizes))
    return path



def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=5000)
    parser.add_argument("--invoices", type=int, default=20000)
    parser.add_argument("--calls", type=int, default=100000)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--keep", type=Path, help="keep the generated homes in this folder and reuse them")
    args = parser.parse_args()
    compile_sources()
    with contextlib.ExitStack() as stack:
        folder = args.keep or Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-lijst-")))
        started = time.perf_counter()
        empty = _home(folder / "empty", False, args)
        full = _home(folder / "full", True, args)
        print(f"{args.customers} customers, {args.invoices} invoices, {args.calls} calls "
              f"ready in {time.perf_counter() - started:.0f} s")
        commands = {"belscript lijst": ["lijst"], "belscript klant zuivel": ["klant", "zuivel"]}
        ok = True
        print(f"{'command':<24} {'empty ms (p10-p90)':>20} {'full ms (p10-p90)':>20} {'ratio':>6}  ≤ 1.5x")
        for label, argv in commands.items():
            def run(home: Path, argv=argv) -> None:
                subprocess.run([*belscript_command(), *argv], check=True, stdout=subprocess.DEVNULL,
                               env=source_env(BELSCRIPT_HOME=str(home), BELSCRIPT_NOW=NOW.isoformat()))

            times = interleaved({"empty": lambda: run(empty), "full": lambda: run(full)}, args.runs)
            ref, big = times["empty"], times["full"]
            ratio = statistics.median(big) / statistics.median(ref)
            ok = ok and ratio <= 1.5
            print(f"{label:<24} {statistics.median(ref):>8.0f} ({spread(ref):>9}) "
                  f"{statistics.median(big):>8.0f} ({spread(big):>9}) {ratio:>5.2f}x  {'yes' if ratio <= 1.5 else 'NO'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

"""Shared set-up for the benchmarks in this folder, and the rules that keep them honest.

- Start-up times are measured the way a user runs belscript: the installed ``belscript``
  command (not ``python -m belscript``), with our own modules compiled to bytecode (an
  editable install does not compile them, and ``PYTHONDONTWRITEBYTECODE`` never writes
  the cache, so every start would also pay for compiling belscript's source).
- Rows that are compared are measured interleaved, in one loop (:func:`interleaved`):
  every round runs each command once, in a rotating order, so a busy moment on the
  machine hits the reference and the measured command alike; every row gets the same
  number of runs. Report ratios, not milliseconds, on a shared machine.
- Compared rows run with the same garbage-collector setting: separate processes each
  start with Python's default, in-process rows say which setting they use.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src" / "belscript"


def compile_sources() -> None:
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(SRC)], check=False,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def belscript_command() -> list[str]:
    """The installed ``belscript`` command of this environment, as users run it."""
    exe = Path(sys.executable).with_name("belscript")
    if not exe.exists():
        raise SystemExit(f"{exe} not found: install belscript into this environment first (pip install -e .)")
    return [str(exe)]


def source_env(**extra: str) -> dict[str, str]:
    """The environment for measured processes: this checkout's source first on the path."""
    import os

    path = [str(SRC.parent), *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]
    return {**os.environ, "PYTHONPATH": os.pathsep.join(path), **extra}


def interleaved(rows: dict[str, Callable[[], object]], runs: int, *, warmup: int = 1) -> dict[str, list[float]]:
    """Milliseconds of each row, all measured in one loop: round ``i`` runs every row once,
    starting at a different row each round. Every row gets ``runs`` timings (after
    ``warmup`` untimed rounds that fill the file cache and the bytecode)."""
    import time

    names = list(rows)
    times: dict[str, list[float]] = {name: [] for name in names}
    for i in range(warmup + runs):
        order = names[i % len(names):] + names[: i % len(names)]
        for name in order:
            start = time.perf_counter()
            rows[name]()
            if i >= warmup:
                times[name].append((time.perf_counter() - start) * 1000)
    return times


def median_ms(fn, runs: int) -> float:
    """Median wall time of ``fn()`` over ``runs`` calls, in milliseconds."""
    import statistics
    import time

    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def print_table(rows: list[tuple[str, float, str, bool]]) -> int:
    """Print (measurement, median ms, target, met) rows; return 0 when every target is met."""
    width = max(len(r[0]) for r in rows)
    target_width = max(len("target"), *(len(r[2]) for r in rows))
    print(f"{'measurement':<{width}}  {'median':>10}  {'target':<{target_width}} ok")
    for name, ms, target, ok in rows:
        print(f"{name:<{width}}  {ms:>7.1f} ms  {target:<{target_width}} {'yes' if ok else 'NO'}")
    return 0 if all(r[3] for r in rows) else 1


WORDS = ["Bakkerij", "Installatie", "Bouw", "Groen", "Transport", "Advies", "Kapsalon", "Garage"]
NAMES = ["Jansen", "de Vries", "van den Berg", "Bakker", "Visser", "Smit", "Meijer", "de Boer"]


def company_name(n: int) -> str:
    """The ``n``-th generated customer name ("Bouw Jansen 2"), the same in every benchmark."""
    return f"{WORDS[n % len(WORDS)]} {NAMES[(n // 8) % len(NAMES)]} {n}"


def invoice_rows(customers: int, invoices: int, days: int = 680) -> list:
    """``invoices`` open invoices spread over customers ``D00000``… and ``days`` days from 2025."""
    from datetime import date, timedelta
    from decimal import Decimal

    from belscript.store import InvoiceRecord

    return [InvoiceRecord(f"F{n:06d}", f"D{n % customers:05d}", Decimal(100 + n % 900), Decimal(100 + n % 900),
                          date(2025, 1, 1) + timedelta(days=n % days), date(2025, 1, 31) + timedelta(days=n % days))
            for n in range(invoices)]


def spread(times: list[float], digits: int = 0) -> str:
    """The 10th to 90th percentile of ``times``, as the benchmarks print it."""
    import statistics

    q = statistics.quantiles(times, n=10)
    return f"{q[0]:.{digits}f}-{q[-1]:.{digits}f}"

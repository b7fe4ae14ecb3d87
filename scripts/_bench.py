"""Shared set-up for the benchmarks in this folder.

Start-up times are measured the way a user runs belscript: with our own modules
compiled to bytecode. An editable install does not compile them, and an environment
with ``PYTHONDONTWRITEBYTECODE`` never writes the cache, so without this step every
measured start would also pay for compiling belscript's source.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src" / "belscript"


def compile_sources() -> None:
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(SRC)], check=False,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


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

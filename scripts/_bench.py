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

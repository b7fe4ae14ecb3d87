"""Run the whole test suite several times in a row beside CPU-burning processes.

Usage: ``python3 scripts/soak.py [--runs N] [--burners N] [pytest arguments]``
(defaults: 10 runs, 2 burners). A test that depends on timing fails here long before it
fails on a busy CI machine. The burners are started and always stopped by this script;
it prints one line per run and a summary, and exits 1 if any run failed.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
BURN = "while True: pass"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--burners", type=int, default=2)
    args, pytest_args = parser.parse_known_args()
    burners = [subprocess.Popen([sys.executable, "-c", BURN]) for _ in range(args.burners)]
    failed = 0
    try:
        for number in range(1, args.runs + 1):
            began = time.monotonic()
            done = subprocess.run([sys.executable, str(HERE / "test.py"), "-q", "-p", "no:cacheprovider",
                                   *pytest_args], capture_output=True, text=True)
            last = (done.stdout.strip().splitlines() or ["(no output)"])[-1]
            failed += done.returncode != 0
            print(f"run {number:2}/{args.runs}: exit {done.returncode}, {time.monotonic() - began:5.0f} s: {last}",
                  flush=True)
            if done.returncode != 0:
                print(done.stdout[-4000:], flush=True)
    finally:
        for burner in burners:
            burner.kill()
            burner.wait()
    print(f"{args.runs - failed} of {args.runs} runs passed beside {args.burners} CPU-burning processes")
    return 1 if failed else 0


if __name__ == "__main__":
    try:
        raise SystemExit(main())
    except KeyboardInterrupt:
        raise SystemExit(130) from None

#!/usr/bin/env python3
"""Benchmark of the phrasing checker; prints a table of measured values against targets.

- one 200-character line with the built-in Dutch rules, in-process after warm-up:
  p50 and p99 per check (target p99 <= 50 µs; the live screen checks on every key);
- a generated 1 MB Dutch text: MB/s (target >= 8 MB/s), beside proselint, a popular
  Python prose linter, on the same text, as a ratio. proselint is installed into the
  project's virtual environment for this run when it is missing (it is not a runtime
  dependency); if that fails the column is skipped with a note;
- ``belscript lint -`` on one sentence, wall time of the whole command (target <= 250 ms).

Usage: .venv/bin/python scripts/bench_phrasing.py [--quick]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from belscript import phrasing  # noqa: E402
sys.path.insert(0, str(Path(__file__).resolve().parent))
from _bench import compile_sources  # noqa: E402

CLEAN = [
    "Goedemorgen, u spreekt met Sanne de Vries van Bakkerij De Vries.",
    "Ik bel u over factuur 2026-118 van € 1.250,00, met vervaldatum 15 oktober.",
    "Hoe staat het met de betaling van deze factuur?",
    "Wanneer kan ik het bedrag op onze rekening verwachten?",
    "Dan noteer ik dat u het volledige bedrag op vrijdag 27 november overmaakt.",
    "Ik stuur u binnen een half uur een e-mail met onze afspraken.",
    "Mag ik vragen met wie ik spreek?",
    "Als de betaling niet binnenkomt, bel ik u maandag om tien uur terug.",
    "Kunt u het bedrag in twee termijnen betalen, de eerste vóór het einde van de maand?",
    "Ik heb uw reactie genoteerd en kom er vandaag nog op terug.",
    "Fijn dat we elkaar eens ontmoeten; het kost weinig moeite om dit te regelen.",
    "We komen u graag tegemoet met een betalingsregeling van drie maanden.",
]
BAD = [
    "U moet de factuur voor het einde van de week overmaken.",
    "Het heeft geen haast hoor, maar het zou fijn zijn als u betaalt.",
    "Heeft u de factuur misschien niet ontvangen?",
    "Was de levering niet naar wens?",
    "Waarom is de factuur nog niet betaald?",
    "Betaal maar wanneer het u uitkomt.",
]


def generated_text(size: int, seed: int = 7) -> str:
    """Dutch call notes and script lines, about one sentence in ten discouraged."""
    rng = random.Random(seed)
    parts: list[str] = []
    total = 0
    while total < size:
        paragraph = " ".join(rng.choice(BAD if rng.random() < 0.1 else CLEAN) for _ in range(rng.randint(3, 7)))
        parts.append(paragraph)
        total += len(paragraph.encode("utf-8")) + 2
    return "\n\n".join(parts)[:size]


def line_of(n: int, with_finding: bool) -> str:
    """A line of exactly ``n`` characters of clean sentences, optionally starting with "U moet …"."""
    text = BAD[0] + " " if with_finding else ""
    i = 0
    while len(text) < n:
        text += CLEAN[(i * 5) % len(CLEAN)] + " "
        i += 1
    return text[:n]


def percentile(samples: list[float], q: float) -> float:
    samples = sorted(samples)
    return samples[min(len(samples) - 1, int(q * len(samples)))]


def bench_line(runs: int) -> dict[str, tuple[float, float]]:
    checker = phrasing.checker_for("nl")
    result = {}
    for label, with_finding in (("clean line", False), ("line with finding", True)):
        line = line_of(200, with_finding)
        assert bool(checker.check(line)) == with_finding
        for _ in range(2000):  # warm-up
            checker.check(line)
        samples = []
        clock = time.perf_counter_ns
        for _ in range(runs):
            t0 = clock()
            checker.check(line)
            samples.append((clock() - t0) / 1000)
        result[label] = (statistics.median(samples), percentile(samples, 0.99))
    # What the live screen actually calls (module-level check: cache lookup included),
    # without and with a script's overrides, which it passes as a fresh dict on every key.
    line = line_of(200, True)
    for label, overrides in (("phrasing.check() API", None),
                             ("phrasing.check() API, overrides", {"moeten": "suggestion"})):
        samples = []
        for _ in range(runs):
            t0 = time.perf_counter_ns()
            phrasing.check(line, overrides=dict(overrides) if overrides else None)
            samples.append((time.perf_counter_ns() - t0) / 1000)
        result[label] = (statistics.median(samples), percentile(samples, 0.99))
    return result


def bench_throughput(text: str, repeats: int = 3) -> tuple[float, int]:
    checker = phrasing.checker_for("nl")
    best = float("inf")
    findings = 0
    for _ in range(repeats):
        t0 = time.perf_counter()
        findings = len(checker.check(text))
        best = min(best, time.perf_counter() - t0)
    return len(text.encode("utf-8")) / best / 1e6, findings


def ensure_proselint() -> str | None:
    """Import proselint, installing it into this environment for the benchmark if needed."""
    try:
        import proselint  # noqa: F401
        return None
    except ImportError:
        pass
    proc = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "proselint"],
                          capture_output=True, text=True, timeout=300)
    if proc.returncode != 0:
        return "proselint could not be installed: " + (proc.stderr.strip().splitlines() or ["unknown error"])[-1]
    try:
        import proselint  # noqa: F401
    except ImportError as exc:
        return f"proselint installed but cannot be imported: {exc}"
    return None


def bench_proselint(text: str) -> tuple[float, int, int]:
    """proselint's throughput (MB/s) on the very same text, so the ratio compares like with like.

    proselint manages roughly 0.5 MB/s, so the whole megabyte takes a couple of seconds;
    a prefix would flatter or penalise it depending on where the findings happen to lie.
    """
    from proselint.checks import __register__
    from proselint.config import DEFAULT
    from proselint.registry import CheckRegistry
    from proselint.tools import LintFile

    CheckRegistry().register_many(__register__)
    config = dict(DEFAULT)
    config["max_errors"] = 10**9
    LintFile("<warm-up>", text[:2000]).lint(config)
    t0 = time.perf_counter()
    results = LintFile("<bench>", text).lint(config)
    elapsed = time.perf_counter() - t0
    return len(text.encode("utf-8")) / elapsed / 1e6, len(results), len(text.encode("utf-8"))


def bench_cli(runs: int) -> tuple[float, float]:
    exe = Path(sys.executable).with_name("belscript")
    cmd = [str(exe), "lint", "-"] if exe.exists() else [sys.executable, "-m", "belscript", "lint", "-"]
    env = dict(os.environ)
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(cmd, input="U moet de factuur vrijdag betalen.\n", capture_output=True, text=True, env=env)
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times), min(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    args = parser.parse_args()
    compile_sources()
    runs = 5_000 if args.quick else 50_000

    rows: list[tuple[str, str, str, str]] = []
    for label, (p50, p99) in bench_line(runs).items():
        rows.append((f"200-char line, {label}", f"p50 {p50:.1f} µs / p99 {p99:.1f} µs", "p99 <= 50 µs",
                     "ok" if p99 <= 50 else "SLOW"))

    text = generated_text(1_000_000)
    mbps, findings = bench_throughput(text)
    rows.append(("1 MB Dutch text, belscript", f"{mbps:.1f} MB/s ({findings} findings)", ">= 8 MB/s",
                 "ok" if mbps >= 8 else "SLOW"))
    note = ensure_proselint()
    if note is None:
        pmbps, presults, psize = bench_proselint(text)
        rows.append((f"same text, proselint ({psize / 1e6:.1f} MB)", f"{pmbps:.3f} MB/s ({presults} results)",
                     "", ""))
        rows.append(("ratio belscript / proselint", f"{mbps / pmbps:.0f}x", "", ""))
    else:
        rows.append(("same text, proselint", "skipped", "", note))

    median, best = bench_cli(7 if args.quick else 15)
    rows.append(("`belscript lint -`, one sentence (wall)", f"median {median:.0f} ms / best {best:.0f} ms",
                 "<= 250 ms", "ok" if median <= 250 else "SLOW"))

    widths = [max(len(r[i]) for r in rows + [("measure", "result", "target", "")]) for i in range(4)]
    header = ("measure", "result", "target", "")
    print("  ".join(h.ljust(w) for h, w in zip(header, widths)))
    print("  ".join("-" * w for w in widths))
    for row in rows:
        print("  ".join(c.ljust(w) for c, w in zip(row, widths)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

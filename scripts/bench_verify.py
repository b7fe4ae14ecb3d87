#!/usr/bin/env python3
"""Benchmark: the soundness checks stay linear; a 10,000-step script is fully verified in at most 2 s.

Generates scripts of 1,000, 5,000 and 10,000 steps that look like real ones (listening
steps offering twenty excuses, forward and backward options, conditions, several
guarded ways to the end) and prints a table with the median wall time of

- the graph checks alone (``verify_script`` on the loaded script),
- the whole of ``belscript validate`` on the file in this process (read, parse,
  schema, references, phrasing, graph checks): target at most 2 s for 10,000 steps.

Run: ``.venv/bin/python scripts/bench_verify.py [--runs N]``. Exit 1 if a target is missed.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parent))
from _bench import compile_sources, median_ms, print_table  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

ROLES = ("purpose", "listening", "offer", "listening", "agreement", "recap")
EXCUSES = 20


def generated_script(steps: int) -> str:
    """A large script whose every step is reachable and whose every end is guarded."""
    lines = [
        "belscript: 1",
        f"name: groot-{steps}",
        f"title: Gegenereerd script met {steps} stappen",
        "steps:",
    ]
    last = steps - 1
    for i in range(steps):
        lines += [f"  s{i}:"]
        if i == last:
            lines += ["    role: closing", "    say: Dank u wel en een fijne dag.", "    end: true"]
            continue
        role = "opening" if i == 0 else ROLES[i % len(ROLES)]
        lines += [
            f"    role: {role}",
            f"    title: Stap {i}",
            f"    say: Het gaat om factuur {{factuurnummer}} van {{bedrag}} (stap {i}).",
            "    tips: [Laat de klant uitpraten.]",
            "    options:",
            f"      - label: Verder naar stap {i + 1}",
            f"        go: s{i + 1}",
        ]
        if i + 1 == last:
            lines.append("        when: agreement_is_concrete")
        if i >= 3:
            lines += [f"      - label: Terug naar stap {i // 2}", f"        go: s{i // 2}", "        when: has_contact_person"]
        if role == "agreement":
            lines += ["      - label: Afspraak staat", f"        go: s{last}", "        when: agreement_is_concrete",
                      "      - label: Geen afspraak mogelijk", f"        go: s{last}", "        when: no_agreement_recorded"]
    lines.append("excuses:")
    for e in range(EXCUSES):
        back = 1 + (e * 7919) % (steps - 2)
        lines += [
            f"  e{e}:",
            f"    label: Excuus {e}",
            "    examples: [Dat komt nu niet uit.]",
            "    say: Dat begrijp ik. Wat is voor u wel haalbaar?",
            f"    go: s{back}",
        ]
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    compile_sources()

    from belscript.authoring.validation import check_path
    from belscript.script.loader import load_script
    from belscript.script.verify import verify

    rows: list[tuple[str, float, str, bool]] = []
    with tempfile.TemporaryDirectory() as tmp:
        for steps in (1000, 5000, 10000):
            path = Path(tmp) / f"groot-{steps}.yaml"
            path.write_text(generated_script(steps), encoding="utf-8")
            loaded = load_script(path)
            found = verify(loaded)
            if found:
                print(f"generated {steps}-step script has problems: {found[0].format()}", file=sys.stderr)
                return 1
            checks = median_ms(lambda: verify(loaded), args.runs)
            full = median_ms(lambda p=str(path): check_path(p), args.runs)
            rows.append((f"graph checks, {steps:,} steps", checks, "-", True))
            target = "<= 2000 ms" if steps == 10000 else "-"
            rows.append((f"belscript validate, {steps:,} steps", full, target, steps != 10000 or full <= 2000))

    return print_table(rows)


if __name__ == "__main__":
    raise SystemExit(main())

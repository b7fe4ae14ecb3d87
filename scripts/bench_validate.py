#!/usr/bin/env python3
"""Benchmark: how fast the authoring commands start and how loading scales with script size.

Start-up, measured interleaved as new processes of the installed ``belscript`` command
(see ``_bench.py``), as ratios to two references measured in the same loop:

- ``validate <default script>`` against its floor, a process that only imports yaml and
  pydantic and builds the script models, with the cycle collector paused as ``validate``
  pauses it and ending as ``validate`` ends, without tearing the process down (target:
  at most 1.15x, judged as the median of each round's ratio); the same import done
  plainly (collector on, a normal exit) is shown beside it;
- ``scripts``, ``--help``, ``--version`` and ``lint -`` against a bare ``python -c pass``
  (target: under 5x).

Then, in this process (the checks run with the garbage collector paused, as ``validate``
does), loading + validating + checking generated scripts of 1,000 and 5,000 steps
(targets: at most 400 ms, and at most 5x that for 5,000 steps: linear).

Run: ``.venv/bin/python scripts/bench_validate.py [--runs N]``. Exit 1 if a target is missed.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parent))
from _bench import belscript_command, compile_sources, interleaved, median_ms, print_table, source_env  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
FLOOR = "floor: python + yaml + pydantic + script models, ended as validate ends"
PLAIN_FLOOR = "the same as a plain import (collector on, normal exit)"
sys.path.insert(0, str(ROOT / "src"))


def generated_script(steps: int) -> str:
    """A realistic-looking script: a chain of steps with options, tips, fields and excuses."""
    lines = [
        "belscript: 1",
        f"name: groot-{steps}",
        f"title: Gegenereerd script met {steps} stappen",
        "agreement:",
        "  max_deferral_days: 14",
        "  min_first_instalment: 25%",
        "  if_broken: Dan sturen wij een aanmaning.",
        "steps:",
    ]
    for i in range(steps):
        last = i == steps - 1
        role = "closing" if last else ("listening" if i % 3 == 1 else "purpose")
        lines += [
            f"  stap-{i}:",
            f"    role: {role}",
            f"    title: Stap {i}",
            f"    say: Goedemorgen {{contactpersoon}}, het gaat om factuur {{factuurnummer}} van {{bedrag}} (stap {i}).",
            "    tips:",
            "      - Laat de klant uitpraten.",
            "      - Vraag door tot u een datum hoort.",
        ]
        if last:
            lines.append("    end: true")
            continue
        to_end = "agreement_is_concrete"  # reaching the end step needs the agreement guard
        nxt, skip = i + 1, min(i + 2, steps - 1)
        lines += [
            "    options:",
            "      - label: De klant stemt in.",
            f"        go: stap-{nxt}",
            f"        when: {to_end if nxt == steps - 1 else 'is_overdue'}",
            "        do: [announce_confirmation]",
            "      - label: De klant wil overleggen.",
            f"        when: {to_end if skip == steps - 1 else 'has_contact_person'}",
            f"        go: stap-{skip}",
            "      - label: De factuur is niet ontvangen.",
            "        excuse: niet-ontvangen",
        ]
    lines += [
        "excuses:",
        "  niet-ontvangen:",
        "    label: Factuur niet ontvangen",
        "    examples: [Ik heb geen factuur gehad.]",
        "    say: Dan stuur ik hem nu naar {email_klant}.",
        "    do: [send_invoice_copy]",
        "    go: stap-1",
    ]
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21, help="runs per row (the same for every row)")
    args = parser.parse_args()
    compile_sources()

    import statistics

    python = sys.executable
    belscript = belscript_command()
    from belscript.script.builtin import DEFAULT_SCRIPT, builtin_path

    default = str(builtin_path(DEFAULT_SCRIPT))
    env = source_env(BELSCRIPT_HOME=tempfile.mkdtemp(prefix="belscript-bench-"))

    def run(cmd: list[str], stdin: bytes | None = None) -> None:
        subprocess.run(cmd, env=env, input=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)

    # `validate` imports yaml and pydantic and builds the script models with the cycle
    # collector paused (start-up and the check pause it), and ends without tearing the
    # process down (cli/main.QUICK_EXIT). The floor the target is judged on does the same,
    # so garbage collection and the way out stay the same for the compared rows. The
    # plain import (collector on, a normal exit) is shown beside it.
    floor_code = ("import gc; gc.disable(); import yaml, pydantic, belscript.script.models; "
                  "import os; os._exit(0)")
    said = "U moet vandaag echt betalen.\n".encode()
    starts = {
        "python -c pass": lambda: run([python, "-c", "pass"]),
        FLOOR: lambda: run([python, "-c", floor_code]),
        PLAIN_FLOOR: lambda: run([python, "-c", "import yaml, pydantic, belscript.script.models"]),
        f"belscript validate {DEFAULT_SCRIPT}": lambda: run(belscript + ["validate", default]),
        "belscript scripts": lambda: run(belscript + ["scripts"]),
        "belscript --help": lambda: run(belscript + ["--help"]),
        "belscript --version": lambda: run(belscript + ["--version"]),
        "belscript lint -": lambda: run(belscript + ["lint", "-"], said),
    }
    times = interleaved(starts, args.runs)
    median = {name: statistics.median(t) for name, t in times.items()}
    bare, floor = median["python -c pass"], median[FLOOR]
    rows: list[tuple[str, float, str, bool]] = [("python -c pass", bare, "reference", True),
                                               (FLOOR, floor, f"reference ({floor / bare:.1f}x bare)", True),
                                               (PLAIN_FLOOR, median[PLAIN_FLOOR], "for comparison", True)]
    name = f"belscript validate {DEFAULT_SCRIPT}"
    # judged pair by pair (each round's validate over the same round's floor), which
    # keeps the ratio steady while the machine's speed drifts
    ratio = statistics.median(v / f for v, f in zip(times[name], times[FLOOR]))
    plain = statistics.median(v / f for v, f in zip(times[name], times[PLAIN_FLOOR]))
    rows.append((name, median[name], f"{ratio:.3f}x floor (<= 1.15x); {plain:.3f}x plain", ratio <= 1.15))
    for name in ("belscript scripts", "belscript --help", "belscript --version", "belscript lint -"):
        rows.append((name, median[name], f"{median[name] / bare:.1f}x bare (< 5x)", median[name] / bare < 5))

    from belscript.authoring.validation import check_path
    from belscript.script.loader import check_script
    from belscript.document.yamlsafe import load_file

    def load_only(p: str) -> None:
        raw, source = load_file(p)
        loaded, problems = check_script(raw, source, p)
        assert loaded is not None, problems[:1]

    full, load = {}, {}
    with tempfile.TemporaryDirectory() as tmp:
        for steps in (1000, 5000):
            path = Path(tmp) / f"groot-{steps}.yaml"
            path.write_text(generated_script(steps), encoding="utf-8")
            errors = [d for d in check_path(str(path)) if d.level == "error"]
            if errors:
                print(f"generated {steps}-step script has problems: {errors[0].format()}", file=sys.stderr)
                return 1
            repeats = max(3, args.runs // 2)
            load[steps] = median_ms(lambda p=str(path): load_only(p), repeats)
            full[steps] = median_ms(lambda p=str(path): check_path(p), repeats)
    rows.append(("load+validate 1,000 steps (no graph checks)", load[1000], "-", True))
    rows.append(("load+validate 5,000 steps (no graph checks)", load[5000], f"ratio {load[5000] / load[1000]:.1f}x", True))
    rows.append(("load+validate+check 1,000 steps", full[1000], "<= 400 ms", full[1000] <= 400))
    rows.append(("load+validate+check 5,000 steps", full[5000], "<= 2000 ms (5x400)", full[5000] <= 2000))

    return print_table(rows)


if __name__ == "__main__":
    raise SystemExit(main())

"""Time `belscript import` as users run it: 10,000 open-items rows (CSV) and 10,000 CAMT.053 entries.

Each round runs, in one loop, the reference (`belscript --version`: start-up only) and
each import into a fresh BELSCRIPT_HOME with the installed `belscript` command (else
`python -m belscript`). Prints median and spread (min-max) per measurement; the targets
come from the issue (at most 3 s each).

    python scripts/bench_import_cli.py [--rounds 5]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _bench import compile_sources, print_table  # noqa: E402

ROWS = 10_000


def command() -> list[str]:
    found = shutil.which("belscript") or str(Path(sys.executable).with_name("belscript"))
    return [found] if Path(found).is_file() else [sys.executable, "-m", "belscript"]


def write_csv(path: Path) -> None:
    lines = ["Klantnummer;Klant;Factuurnummer;Factuurdatum;Vervaldatum;Bedrag;Openstaand"]
    for n in range(ROWS):
        amount = f"{100 + n % 900},{n % 100:02d}"
        lines.append(f"K{n % 2500:05d};Klant {n % 2500} B.V.;F{n:06d};01-09-2026;01-10-2026;{amount};{amount}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_camt(path: Path) -> None:
    entries = []
    for n in range(ROWS):
        entries.append(
            f"<Ntry><Amt Ccy=\"EUR\">{100 + n % 900}.{n % 100:02d}</Amt><CdtDbtInd>CRDT</CdtDbtInd>"
            f"<Sts>BOOK</Sts><BookgDt><Dt>2026-10-15</Dt></BookgDt><NtryDtls><TxDtls>"
            f"<RltdPties><Dbtr><Nm>Klant {n % 2500} B.V.</Nm></Dbtr></RltdPties>"
            f"<RmtInf><Ustrd>Factuur F{n:06d}</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>")
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">'
        "<BkToCstmrStmt><GrpHdr><MsgId>B</MsgId><CreDtTm>2026-10-16T06:00:00</CreDtTm></GrpHdr><Stmt><Id>1</Id>"
        "<CreDtTm>2026-10-16T06:00:00</CreDtTm><Acct><Id><IBAN>NL20INGB0001234567</IBAN></Id></Acct>"
        + "".join(entries) + "</Stmt></BkToCstmrStmt></Document>", encoding="utf-8")


def timed(args: list[str], home: Path) -> float:
    env = {**os.environ, "BELSCRIPT_HOME": str(home), "BELSCRIPT_NOW": "2026-11-23T10:15"}
    env.pop("BELSCRIPT_DATABASE", None)
    start = time.perf_counter()
    done = subprocess.run(command() + args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    elapsed = (time.perf_counter() - start) * 1000
    if done.returncode != 0:
        raise SystemExit(f"belscript {' '.join(args)} failed: {done.stderr.strip()}")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    rounds = parser.parse_args().rounds
    compile_sources()
    times: dict[str, list[float]] = {"reference: belscript --version": [], "import 10,000 CSV rows": [],
                                     "import 10,000 CAMT entries (after the CSV)": []}
    with tempfile.TemporaryDirectory() as tmp:
        csv, camt = Path(tmp) / "posten.csv", Path(tmp) / "afschrift.xml"
        write_csv(csv)
        write_camt(camt)
        for n in range(rounds):
            home = Path(tmp) / f"home{n}"
            times["reference: belscript --version"].append(timed(["--version"], home))
            times["import 10,000 CSV rows"].append(timed(["import", str(csv)], home))
            times["import 10,000 CAMT entries (after the CSV)"].append(timed(["import", str(camt)], home))
    rows = []
    for name, values in times.items():
        median = statistics.median(values)
        spread = f"{min(values):.0f}-{max(values):.0f} ms"
        target = "-" if name.startswith("reference") else "<= 3000 ms"
        print(f"{name}: median {median:.0f} ms, spread {spread}")
        rows.append((name, median, target, target == "-" or median <= 3000))
    return print_table(rows)


if __name__ == "__main__":
    raise SystemExit(main())

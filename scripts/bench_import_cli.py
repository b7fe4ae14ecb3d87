"""Time `belscript import` as users run it: 10,000 open-items rows (CSV), 10,000 CAMT.053
entries, 10,000 MT940 entries and 1,000 UBL invoices.

Each round runs, in one loop, the reference (`belscript --version`: start-up only) and
each import with the installed `belscript` command (else `python -m belscript`): the CSV
into a fresh BELSCRIPT_HOME and the CAMT statement after it (every credit matches an
invoice and is booked); the MT940 statement into a second home after an untimed import
of the same CSV; the UBL files into a third, fresh home. Prints median and spread
(min-max) per measurement; the targets come from the issue (at most 3 s for 10,000 rows
or entries, 5 s for 1,000 UBL files; MT940 is held to the CAMT target).

    python scripts/bench_import_cli.py [--rounds 5]
"""

from __future__ import annotations

import argparse
import os
import resource
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
UBL_FILES = 1_000
UBL_TEMPLATE = (Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "imports" / "ubl"
                / "peppol-base-example.xml")
TARGETS = {"import 10,000 CSV rows": 3000, "import 10,000 CAMT entries (after the CSV)": 3000,
           "import 10,000 MT940 entries (after the CSV)": 3000, "import 1,000 UBL invoices": 5000}


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


def write_mt940(path: Path) -> None:
    lines = [":20:STARTUMS", ":25:NL20INGB0001234567", ":28C:00000", ":60F:C261014EUR0,00"]
    for n in range(ROWS):
        amount = f"{100 + n % 900},{n % 100:02d}"
        lines += [f":61:2610151015C{amount}NTRNEREF//{n:011d}", "/TRCD/00100/",
                  f":86:/EREF/E2E-{n}//CNTP/NL91ABNA0417164300/ABNANL2A/Klant {n % 2500} B.V./UTRECHT///"
                  f"REMI/USTD//Factuur F{n:06d}/"]
    lines += [":62F:C261015EUR0,00", "-"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_ubl(folder: Path) -> list[str]:
    template = UBL_TEMPLATE.read_text(encoding="utf-8")
    folder.mkdir()
    paths = []
    for n in range(UBL_FILES):
        path = folder / f"factuur-{n:04d}.xml"
        path.write_text(template.replace(">Snippet1<", f">U{n:06d}<", 1), encoding="utf-8")
        paths.append(str(path))
    return paths


def timed(args: list[str], home: Path, cpu: list[float] | None = None) -> float:
    """Wall milliseconds of one run; its CPU milliseconds (user + system) go to ``cpu``,
    which a busy machine disturbs much less than the wall time."""
    env = {**os.environ, "BELSCRIPT_HOME": str(home), "BELSCRIPT_NOW": "2026-11-23T10:15"}
    env.pop("BELSCRIPT_DATABASE", None)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command() + args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    elapsed = (time.perf_counter() - start) * 1000
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"belscript {' '.join(args)} failed: {done.stderr.strip()}")
    if cpu is not None:
        cpu.append((after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime) * 1000)
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    rounds = parser.parse_args().rounds
    compile_sources()
    times: dict[str, list[float]] = {"reference: belscript --version": [], **{name: [] for name in TARGETS}}
    cpu: dict[str, list[float]] = {name: [] for name in times}
    with tempfile.TemporaryDirectory() as tmp:
        csv, camt, mt940 = Path(tmp) / "posten.csv", Path(tmp) / "afschrift.xml", Path(tmp) / "afschrift.sta"
        write_csv(csv)
        write_camt(camt)
        write_mt940(mt940)
        ubl = write_ubl(Path(tmp) / "ubl")
        for n in range(rounds):
            home, second, third = (Path(tmp) / f"home{n}{part}" for part in "abc")
            runs = [("reference: belscript --version", ["--version"], home),
                    ("import 10,000 CSV rows", ["import", str(csv)], home),
                    ("import 10,000 CAMT entries (after the CSV)", ["import", str(camt)], home),
                    (None, ["import", str(csv)], second),
                    ("import 10,000 MT940 entries (after the CSV)", ["import", str(mt940)], second),
                    ("import 1,000 UBL invoices", ["import", *ubl], third)]
            for name, args, where in runs:
                if name is None:
                    timed(args, where)
                else:
                    times[name].append(timed(args, where, cpu[name]))
    rows = []
    for name, values in times.items():
        median = statistics.median(values)
        spread = f"{min(values):.0f}-{max(values):.0f} ms"
        limit = TARGETS.get(name)
        target = "-" if limit is None else f"<= {limit} ms"
        print(f"{name}: median {median:.0f} ms, spread {spread}, CPU median {statistics.median(cpu[name]):.0f} ms")
        rows.append((name, median, target, limit is None or median <= limit))
    return print_table(rows)


if __name__ == "__main__":
    raise SystemExit(main())

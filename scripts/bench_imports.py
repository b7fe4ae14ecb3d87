#!/usr/bin/env python3
"""Benchmark: reading imports at the sizes a small business meets in a year.

Prints a table with the median wall time of

- reading 10,000 open-invoice rows from a generated CSV (target: at most 3 s), beside
  the standard library's ``csv.DictReader`` on the same file as a reference floor;
- reading a generated CAMT.053 statement with 10,000 entries (target: at most 3 s), beside
  a bare ElementTree parse of the same bytes;
- reading 1,000 generated UBL invoices (target: at most 5 s), beside bare parses.

The reference runs in the same loop, side by side, so a slow machine slows both.
Run: ``.venv/bin/python scripts/bench_imports.py [--runs N]``. Exit 1 if a target is missed.
"""

from __future__ import annotations

import argparse
import csv
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _bench import median_ms, print_table  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from belscript.imports import read_camt053, read_open_invoices, read_ubl  # noqa: E402

UBL_TEMPLATE = (ROOT / "tests" / "fixtures" / "imports" / "ubl" / "peppol-base-example.xml").read_text(encoding="utf-8")


def write_inputs(folder: Path) -> tuple[Path, Path, list[Path]]:
    rows = ["Factuurnummer;Relatie;Factuurdatum;Vervaldatum;Openstaand;E-mail;IBAN"]
    for i in range(10_000):
        rows.append(f"F2026-{i:05d};Klant {i % 700} B.V.;{1 + i % 28:02d}-02-2026;{1 + i % 28:02d}-03-2026;"
                    f"{1 + i % 9}.{i % 1000:03d},{i % 100:02d};klant{i % 700}@voorbeeld.nl;NL91ABNA0417164300")
    csv_path = folder / "openstaand.csv"
    csv_path.write_text("\n".join(rows), encoding="utf-8")
    entries = "".join(
        f"<Ntry><Amt Ccy=\"EUR\">{10 + i % 900}.{i % 100:02d}</Amt><CdtDbtInd>{'CRDT' if i % 3 else 'DBIT'}</CdtDbtInd>"
        f"<Sts>BOOK</Sts><BookgDt><Dt>2026-03-{1 + i % 28:02d}</Dt></BookgDt><NtryDtls><TxDtls>"
        f"<Refs><EndToEndId>E2E-{i}</EndToEndId></Refs><RltdPties><Dbtr><Nm>Klant {i % 700} B.V.</Nm></Dbtr>"
        f"<DbtrAcct><Id><IBAN>NL91ABNA0417164300</IBAN></Id></DbtrAcct></RltdPties>"
        f"<RmtInf><Ustrd>Factuur F2026-{i:05d}</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>"
        for i in range(10_000))
    camt_path = folder / "afschrift.xml"
    camt_path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">'
        f"<BkToCstmrStmt><GrpHdr><MsgId>B</MsgId></GrpHdr><Stmt><Id>1</Id>{entries}</Stmt></BkToCstmrStmt></Document>",
        encoding="utf-8")
    ubl_paths = []
    for i in range(1_000):
        path = folder / f"factuur-{i}.xml"
        path.write_text(UBL_TEMPLATE.replace(">Snippet1<", f">F2026-{i:05d}<", 1), encoding="utf-8")
        ubl_paths.append(path)
    return csv_path, camt_path, ubl_paths


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    from xml.etree import ElementTree as SafeET

    with tempfile.TemporaryDirectory() as tmp:
        csv_path, camt_path, ubl_paths = write_inputs(Path(tmp))
        assert len(read_open_invoices(csv_path).invoices) == 10_000
        assert len(read_camt053(camt_path)) == 10_000
        camt_bytes = camt_path.read_bytes()
        measured: dict[str, list[float]] = {k: [] for k in ("csv", "csv-ref", "camt", "camt-ref", "ubl", "ubl-ref")}
        for _ in range(args.runs):  # side by side: each reader next to its reference
            measured["csv"].append(median_ms(lambda: read_open_invoices(csv_path), 1))
            measured["csv-ref"].append(median_ms(lambda: list(csv.DictReader(open(csv_path, encoding="utf-8"),
                                                                               delimiter=";")), 1))
            measured["camt"].append(median_ms(lambda: read_camt053(camt_path), 1))
            measured["camt-ref"].append(median_ms(lambda: SafeET.fromstring(camt_bytes), 1))
            measured["ubl"].append(median_ms(lambda: [read_ubl(p) for p in ubl_paths], 1))
            measured["ubl-ref"].append(median_ms(lambda: [SafeET.fromstring(p.read_bytes()) for p in ubl_paths], 1))
    import statistics

    m = {k: statistics.median(v) for k, v in measured.items()}
    return print_table([
        ("10,000 CSV invoice rows", m["csv"], "<= 3000 ms", m["csv"] <= 3000),
        ("  reference: csv.DictReader", m["csv-ref"], "-", True),
        ("10,000 CAMT.053 entries", m["camt"], "<= 3000 ms", m["camt"] <= 3000),
        ("  reference: bare ElementTree parse", m["camt-ref"], "-", True),
        ("1,000 UBL invoices", m["ubl"], "<= 5000 ms", m["ubl"] <= 5000),
        ("  reference: bare ElementTree parses", m["ubl-ref"], "-", True),
    ])


if __name__ == "__main__":
    raise SystemExit(main())

"""Rows of a CSV or Excel export, each with its row number and column labels.

CSV: the delimiter (``;``, ``,`` or tab) is the one the first non-empty line uses most
outside quotes. Excel: the first sheet, read with openpyxl in read-only mode after the
zip container itself was checked, so a zip bomb is refused before anything is unpacked
(openpyxl parses the sheet XML through defusedxml when it is installed, as it is here).
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass

from belscript.imports.problems import refuse

MAX_ROWS = 200_000
MAX_COLUMNS = 200
MAX_UNPACKED = 200 * 1024 * 1024
MAX_RATIO = 200


@dataclass(frozen=True, slots=True)
class Table:
    """Cells are ``str`` for CSV; Excel cells keep their type (number, date, text)."""

    rows: list[list[object]]
    numbers: list[int]        # the file's row number of each row (1-based)
    excel: bool

    def column_label(self, index: int) -> str:
        if not self.excel:
            return str(index + 1)
        label, n = "", index + 1
        while n:
            n, rem = divmod(n - 1, 26)
            label = chr(65 + rem) + label
        return label


def read_csv(text: str, name: str) -> Table:
    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = max(";,\t", key=lambda d: _count_outside_quotes(first, d))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows: list[list[object]] = []
    numbers: list[int] = []
    start = 1
    try:
        for row in reader:
            if any(cell.strip() for cell in row):
                if len(rows) >= MAX_ROWS:
                    raise refuse(name, f"meer dan {MAX_ROWS} regels; splits het bestand")
                if len(row) > MAX_COLUMNS:
                    raise refuse(name, f"meer dan {MAX_COLUMNS} kolommen", row=start)
                rows.append(row)
                numbers.append(start)
            start = reader.line_num + 1
    except csv.Error as exc:
        raise refuse(name, f"de CSV-opmaak klopt niet ({exc}); staat er ergens een losse \"?",
                     row=reader.line_num) from None
    return Table(rows, numbers, excel=False)


def _count_outside_quotes(line: str, delimiter: str) -> int:
    count, quoted = 0, False
    for ch in line:
        if ch == '"':
            quoted = not quoted
        elif ch == delimiter and not quoted:
            count += 1
    return count


def read_xlsx(data: bytes, name: str) -> Table:
    if not data.startswith(b"PK"):
        raise refuse(name, "dit is geen Excel-bestand (.xlsx); oude .xls-bestanden: sla ze op als .xlsx of CSV")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise refuse(name, "het Excel-bestand is beschadigd (geen geldig zip-archief)") from None
    total = sum(m.file_size for m in members)
    if total > MAX_UNPACKED or any(m.compress_size and m.file_size / m.compress_size > MAX_RATIO
                                   and m.file_size > 1024 * 1024 for m in members):
        raise refuse(name, "het Excel-bestand pakt uit tot een verdacht grote hoeveelheid gegevens; "
                           "het wordt niet geopend")
    import openpyxl  # heavy; only for Excel imports

    rows: list[list[object]] = []
    numbers: list[int] = []
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            sheet = book.worksheets[0]
            for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
                if number > MAX_ROWS:
                    raise refuse(name, f"meer dan {MAX_ROWS} regels; splits het bestand")
                cells = list(row[:MAX_COLUMNS])
                while cells and (cells[-1] is None or cells[-1] == ""):
                    cells.pop()
                if any(c is not None and str(c).strip() for c in cells):
                    rows.append(cells)
                    numbers.append(number)
        finally:
            book.close()
    except Exception as exc:  # openpyxl raises many kinds of errors on damaged files
        if hasattr(exc, "problems"):
            raise
        raise refuse(name, "het Excel-bestand kan niet gelezen worden (beschadigd of geen werkblad)") from None
    return Table(rows, numbers, excel=True)

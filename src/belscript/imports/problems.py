"""What goes wrong in an import file, and the one error that refuses the whole file.

A file is read completely and every bad row is collected, so the user can fix the
export once instead of once per row. If anything is wrong the caller gets
:class:`ImportRefused` and imports nothing: half an open-items list is worse than none,
because invoices missing from it would look paid.
"""

from __future__ import annotations

from dataclasses import dataclass

from belscript.errors import BelscriptError

#: The largest file any reader accepts (bank statements of a year fit easily).
MAX_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Problem:
    """One bad spot in a file: ``file:row:column: message`` (Dutch message).

    ``row`` is the line (CSV) or sheet row (Excel), 1-based; ``column`` is the column
    number (CSV) or letter (Excel), or an element path in XML files. ``question`` marks
    problems the user answers instead of fixes (e.g. which decimal sign the file uses).
    """

    file: str
    row: int | None
    column: str | None
    message: str
    question: bool = False

    def format(self) -> str:
        where = self.file
        if self.row is not None:
            where += f":{self.row}"
            if self.column is not None:
                where += f":{self.column}"
        elif self.column is not None:
            where += f": {self.column}"
        return f"{where}: {'vraag' if self.question else 'fout'}: {self.message}"


class ImportRefused(BelscriptError):
    """The file is refused as a whole; ``problems`` lists every reason, in file order."""

    exit_code = 1

    def __init__(self, problems: list[Problem], *, hint: str | None = None) -> None:
        self.problems = list(problems)
        first = self.problems[0].format() if self.problems else "het bestand is geweigerd"
        more = len(self.problems) - 1
        super().__init__(first + (f" (en nog {more} meer)" if more > 0 else ""), hint=hint)

    @property
    def questions(self) -> list[Problem]:
        return [p for p in self.problems if p.question]

    def report(self) -> str:
        """Every problem on its own line, for the command to print."""
        lines = [p.format() for p in self.problems]
        if self.hint:
            lines.append(self.hint)
        return "\n".join(lines)


def refuse(file: str, message: str, *, row: int | None = None, column: str | None = None,
           hint: str | None = None) -> ImportRefused:
    """Shorthand for a file refused for one reason."""
    return ImportRefused([Problem(file, row, column, message)], hint=hint)

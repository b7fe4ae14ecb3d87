"""The one exception tree of belscript.

Every error a user can cause derives from :class:`BelscriptError`, so the command line
can turn any of them into a clear message and an exit code instead of a traceback.
Errors carry structured fields (file, line, column, step, event) rather than
pre-formatted text, so each front end can present them its own way.
"""

from __future__ import annotations

#: ``typing.TYPE_CHECKING`` without importing typing: every command imports this module,
#: and type checkers treat any name ``TYPE_CHECKING`` as true.
TYPE_CHECKING = False
if TYPE_CHECKING:  # pragma: no cover
    from belscript.document.diagnostics import Diagnostic


class BelscriptError(Exception):
    """Root of every error belscript raises on purpose."""

    #: Exit code the command line uses when this error ends a command.
    exit_code: int = 1

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.message if not self.hint else f"{self.message}\n{self.hint}"


class UsageError(BelscriptError):
    """The command was called wrongly (unknown option, missing file, not a terminal)."""

    exit_code = 2


class InputError(BelscriptError):
    """A file could not be read at all: missing, unreadable, not UTF-8, too large."""

    exit_code = 2

    def __init__(self, message: str, *, path: str | None = None, hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.path = path


class InvalidDocument(BelscriptError):
    """A script, customer file, persona or rule file has problems.

    Holds *all* diagnostics, not only the first, so authors can fix everything at once.
    """

    exit_code = 1

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = list(diagnostics)
        first = self.diagnostics[0].format() if self.diagnostics else "invalid document"
        more = len(self.diagnostics) - 1
        super().__init__(first + (f" (and {more} more)" if more > 0 else ""))


class AgreementError(BelscriptError):
    """An agreement field could not be accepted (vague date, date in the past, over a limit).

    ``message`` is Dutch and shown to the caller; ``hint`` is a better question to ask.
    """

    def __init__(self, message: str, *, field: str | None = None, hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.field = field


class CallRefused(BelscriptError):
    """The call engine refused a move, e.g. ending without a concrete agreement.

    ``missing`` lists, in Dutch, exactly what is still needed.
    """

    def __init__(self, message: str, *, missing: list[str] | None = None,
                 step: str | None = None, event: str | None = None) -> None:
        super().__init__(message)
        self.missing = list(missing or [])
        self.step = step
        self.event = event


class JournalError(BelscriptError):
    """The call log could not be opened, migrated or written."""

    exit_code = 2


class EscalationError(BelscriptError):
    """A collection step cannot be computed from these facts: a negative or absurd amount,
    a date in the future where a past date is needed, a letter out of its legal order, a
    rates table that does not cover the period.

    ``message`` is Dutch and is shown to the owner as it is; no amount is ever computed
    from facts that raised it.
    """

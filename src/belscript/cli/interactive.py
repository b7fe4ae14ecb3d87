"""What the two full-screen commands (``call`` and ``practice``) share before the screen opens.

Both refuse to start without a terminal, and both report an unusable script or
customer file the same way, before prompt_toolkit is even imported.
"""

from __future__ import annotations

import sys

from belscript.errors import InputError, InvalidDocument


def is_terminal() -> bool:
    """Standard input and output are a terminal (not a pipe, a file or a test's stand-in)."""
    try:
        return sys.stdin.isatty() and sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def print_problem(exc: InvalidDocument | InputError) -> int:
    """Every diagnostic of a bad file, or the message of an unreadable one; the exit code."""
    if isinstance(exc, InvalidDocument):
        for diagnostic in exc.diagnostics:
            print(diagnostic.format(), file=sys.stderr)
    else:
        print(f"belscript: {exc.message}", file=sys.stderr)
        if exc.hint:
            print(exc.hint, file=sys.stderr)
    return exc.exit_code

"""The installed ``belscript`` command: Ctrl-C is quiet from the very first moment.

Importing the command line takes a moment; a Ctrl-C in that moment would otherwise
show Python's KeyboardInterrupt traceback. This module imports nothing heavy: it
answers SIGINT with the same one line and exit status 130 as a running command, until
``belscript.cli.main`` has taken over (its own handler does the same from then on).
"""

from __future__ import annotations

import os
import signal
import sys


def _interrupted_during_start(signum, frame) -> None:  # pragma: no cover - timing dependent
    try:
        sys.stderr.write("belscript: interrupted\n")
        sys.stderr.flush()
    finally:
        os._exit(130)


def main() -> int:
    previous = signal.getsignal(signal.SIGINT)
    if previous is signal.default_int_handler:
        signal.signal(signal.SIGINT, _interrupted_during_start)
    from belscript.cli.main import main as run_command

    if previous is signal.default_int_handler:
        signal.signal(signal.SIGINT, previous)
    return run_command()

"""The installed ``belscript`` command: Ctrl-C is quiet from the very first moment.

Importing the command line takes a moment; a Ctrl-C in that moment would otherwise
show Python's KeyboardInterrupt traceback. This module imports nothing heavy: it
answers SIGINT with the same one line and exit status 130 as a running command, until
``belscript.cli.main`` has taken over (its own handler does the same from then on).

pydantic's core is a native (Rust) extension: a KeyboardInterrupt raised while it
initialises becomes a panic with a traceback. Whenever it is loaded (only by the
commands that need it), a Ctrl-C is held back until it is loaded and then raised as
the usual, quiet KeyboardInterrupt.
"""

from __future__ import annotations

import os
import sys

try:  # the C module behind ``signal``: the same functions, without building its enums (~1 ms)
    import _signal as signal
except ImportError:  # pragma: no cover - an interpreter without it
    import signal

#: Native modules whose initialisation must not be interrupted by a KeyboardInterrupt.
_NATIVE = {"pydantic_core._pydantic_core"}


def _interrupted_during_start(signum, frame) -> None:  # pragma: no cover - timing dependent
    try:
        sys.stderr.write("belscript: onderbroken\n")
        sys.stderr.flush()
    finally:
        os._exit(130)


class _HoldInterruptsWhileLoading:
    """An import hook that defers SIGINT while one of :data:`_NATIVE` initialises."""

    def find_spec(self, name, path=None, target=None):
        if name not in _NATIVE:
            return None
        import importlib.util

        sys.meta_path.remove(self)
        try:
            spec = importlib.util.find_spec(name)
        finally:
            sys.meta_path.insert(0, self)
        if spec is not None and spec.loader is not None:
            spec.loader = _Deferring(spec.loader)
        return spec


class _Deferring:
    def __init__(self, loader) -> None:
        self.loader = loader

    def create_module(self, spec):
        return _held(self.loader.create_module, spec)

    def exec_module(self, module):
        return _held(self.loader.exec_module, module)


def _held(step, arg):
    if signal.getsignal(signal.SIGINT) is not signal.default_int_handler:
        return step(arg)
    came: list[int] = []
    signal.signal(signal.SIGINT, lambda signum, frame: came.append(signum))
    try:
        return step(arg)
    finally:
        signal.signal(signal.SIGINT, signal.default_int_handler)
        if came:
            raise KeyboardInterrupt


def main() -> int:
    previous = signal.getsignal(signal.SIGINT)
    guarded = previous is signal.default_int_handler
    if guarded:
        signal.signal(signal.SIGINT, _interrupted_during_start)
        sys.meta_path.insert(0, _HoldInterruptsWhileLoading())
    from belscript import collector

    # Importing the command line creates only objects that live as long as the process
    # (modules, classes, functions): the cycle collector would search them in vain.
    with collector.paused(promote=True):
        from belscript.cli.main import QUICK_EXIT, chosen_command
        from belscript.cli.main import main as run_command

    if guarded:
        signal.signal(signal.SIGINT, previous)
    status = run_command()
    collector.off_until_exit()
    if set(chosen_command(sys.argv[1:])) & QUICK_EXIT:
        _end_now(status)
    return status


def _end_now(status: int) -> None:
    """End the process as soon as what it printed is out, without tearing down every
    module and object first (see :data:`belscript.cli.main.QUICK_EXIT`)."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a reader that went away, a closed stream
            pass
    os._exit(status)

"""The call engine: a running call as a guarded state machine that emits events.

Public names: :class:`~belscript.engine.call.Call` (with its ``StepView``,
``OptionView`` and ``ExcuseView``), :class:`~belscript.engine.events.Event`, and the
registry of named conditions and actions (:mod:`belscript.engine.registry`). They are
loaded on first use, so importing :mod:`belscript.engine.events` (as the journal does)
does not pull in the state-machine library.
"""

from __future__ import annotations

from typing import Any

__all__ = ["Call", "CallRefused", "Event", "ExcuseView", "OptionView", "StepView"]


def __getattr__(name: str) -> Any:
    if name == "Event":
        from belscript.engine.events import Event

        return Event
    if name == "CallRefused":
        from belscript.errors import CallRefused

        return CallRefused
    if name in {"Call", "ExcuseView", "OptionView", "StepView"}:
        from belscript.engine import call

        return getattr(call, name)
    raise AttributeError(f"module 'belscript.engine' has no attribute {name!r}")

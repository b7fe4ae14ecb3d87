"""The model of an example conversation: the moves a caller makes, what must follow, and the
outcome of playing one (``belscript test``; read by :mod:`.case_reader`, played by :mod:`.playing`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from belscript.script.verify.flow import Node

if TYPE_CHECKING:  # pragma: no cover
    from belscript.script.loader import LoadedScript

#: The moment every example conversation happens unless it says otherwise.
DEFAULT_NOW = datetime(2026, 11, 23, 10, 15)

#: Moves with a value, and moves written as a bare word.
MOVES = ("choose", "excuse", "note", "contact", "agree", "no_agreement", "abort")
BARE_MOVES = ("back", "end")


@dataclass(frozen=True)
class Move:
    """One thing the caller does, with where it is written."""

    kind: str
    value: Any
    loc: tuple
    where: str  # "PATH:LINE:COL"

    def describe(self) -> str:
        if self.kind in BARE_MOVES:
            return self.kind
        if isinstance(self.value, dict):
            inner = ", ".join(f"{k}: {v}" for k, v in self.value.items())
            return f"{self.kind}: {{{inner}}}"
        return f"{self.kind}: {self.value}"


@dataclass(frozen=True)
class Expect:
    step: str | None = None
    outcome: str | None = None
    ended: bool | None = None
    warnings: tuple[str, ...] | None = None
    refused: bool | str | None = None


@dataclass(frozen=True)
class Case:
    name: str
    moves: tuple[Move, ...]
    expect: Expect
    now: datetime
    dossier: Path | None
    where: str
    #: Problems in how this conversation is written ("PATH:LINE:COL: message"); it fails without running.
    problems: tuple[str, ...] = ()


@dataclass
class Suite:
    """A script and its example conversations (from the script and its sibling file)."""

    loaded: "LoadedScript"
    cases: list[Case]
    files: list[str]


@dataclass
class CaseResult:
    case: Case
    failures: list[str] = field(default_factory=list)
    visited: set[Node] = field(default_factory=set)
    taken: set[tuple] = field(default_factory=set)

    @property
    def passed(self) -> bool:
        return not self.failures


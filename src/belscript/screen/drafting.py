"""The line being typed: what the feedback bar shows about it, and which of its warnings count.

Part of :class:`~belscript.screen.model.CallModel` (which inherits it), split off along
its seam: the phrasing findings of a note, the ones set aside once with Ctrl-O, the
cached feedback per text, and the rule that only what the caller keeps is logged
(a saved note, words set aside, a line still standing when the screen closes), never
the fragments of a word still being typed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from belscript.errors import BelscriptError
from belscript.phrasing.levels import WARNING_LEVELS
from belscript.screen import commands
from belscript.screen.preview import Preview, compute

if TYPE_CHECKING:  # pragma: no cover
    from belscript.engine.call import Call
    from belscript.phrasing import Finding
    from belscript.screen.mode import Mode
    from belscript.script.models import Script

#: How many typed texts keep their feedback cached.
MAX_CACHED = 500


class Drafting:
    """Findings, Ctrl-O and the feedback bar for the line being typed (mixed into the model)."""

    call: Call | None
    script: Script
    mode: Mode
    phase: str

    def __init__(self) -> None:
        self._ignored: set[tuple[str, str]] = set()
        #: Warnings already recorded for the line being typed (recorded when first shown).
        self._draft_warnings: set[tuple[str, str]] = set()
        self._draft = ""  # the line being typed, for the warnings of words left standing
        self._preview_cache: dict[str, Preview] = {}

    def line_done(self) -> None:
        """A line was entered: the next one starts without ignored or recorded warnings."""
        self._ignored.clear()
        self._draft_warnings.clear()

    def record_warnings(self, findings: list[Finding]) -> None:
        """Log each warning of the final words once (not the fragments shown while typing)."""
        assert self.call is not None
        for f in findings:
            key = (f.rule, f.match.lower())
            if f.level in WARNING_LEVELS and key not in self._draft_warnings:
                self._draft_warnings.add(key)
                self.call.record_warning(f.rule, f.match, f.message)

    def draft_changed(self, text: str) -> None:
        """The line being typed changed: remember it; nothing is logged while typing.

        The warning bar follows every keystroke, so while a word is being typed it warns
        about fragments ("…ontvang", "…ontvange"). Only what the caller keeps counts: the
        warnings of a saved note (on Enter), of words set aside with Ctrl-O, and of a line
        still standing when the screen closes (:meth:`record_standing_draft`).
        """
        if self.mode.standing_draft_counts:
            self._draft = text

    def record_standing_draft(self) -> None:
        """The screen closes with words typed but not saved: their warnings are facts of the call."""
        draft, self._draft = self._draft, ""
        if self.call is None or self.call.ended or not draft.strip() or commands.parse(draft).kind != "note":
            return
        try:
            self.record_warnings(self.visible_findings(draft))
        except BelscriptError as exc:
            self.info(exc.message, "error")

    def findings(self, text: str) -> list[Finding]:
        """Phrasing findings for a note (nothing for numbers and commands)."""
        if commands.parse(text).kind != "note" or self.phase not in ("call", "prepare"):
            return []
        from belscript import phrasing

        return phrasing.check(text, language=self.script.language, overrides=self._overrides())

    def visible_findings(self, text: str) -> list[Finding]:
        """Findings still shown: those not ignored once (Ctrl-O) for this note."""
        return [f for f in self.findings(text) if (f.rule, f.match.lower()) not in self._ignored]

    def ignore_once(self, text: str) -> bool:
        """Hide the warnings currently shown for this note; True when there were any."""
        shown = self.visible_findings(text)
        for f in shown:
            key = (f.rule, f.match.lower())
            self._ignored.add(key)
            if f.level in WARNING_LEVELS and key not in self._draft_warnings and self.call is not None:
                # Logged as set aside, once, so the evaluation does not hold it against the caller.
                self._draft_warnings.add(key)
                self.call.record_warning(f.rule, f.match, f.message, ignored=True)
        self._preview_cache.clear()
        return bool(shown)

    def _overrides(self) -> dict[str, str]:
        return {rule: o.level for rule, o in self.script.phrasing.items()}

    def preview(self, text: str) -> Preview:
        """The live feedback for the line being typed (cached per text)."""
        cached = self._preview_cache.get(text)
        if cached is None:
            try:
                cached = compute(self, text)
            except Exception as exc:  # noqa: BLE001 - runs while drawing: a bug here must not end the call
                cached = Preview(lines=(("class:warn", f"Deze invoer kan ik nu niet controleren ({type(exc).__name__}); "
                                                       "Enter probeert het toch."),))
            self._preview_cache[text] = cached
            if len(self._preview_cache) > MAX_CACHED:
                self._preview_cache.clear()
        return cached

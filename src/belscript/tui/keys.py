"""The keys of the call screen (prompt_toolkit key bindings) and what they open.

Part of :class:`~belscript.tui.app.CallScreen` (which inherits it), split off along its
seam. Keys only forward to the model (:mod:`belscript.screen.model`) or scroll and
open what the layout shows; the decisions (what Ctrl-C does in each phase, what Esc
closes) are the model's.

Esc acts at once (an *eager* binding): terminals send Alt-key combinations as Esc
followed by the key, so without it Esc and a quickly typed "/" would be read as Alt-/
(prompt_toolkit's "complete") and "/samenvatting" would become the note "samenvatting".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from prompt_toolkit.filters import Condition
from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings
from prompt_toolkit.key_binding.bindings.focus import focus_next
from prompt_toolkit.keys import Keys

from belscript.screen import panels

if TYPE_CHECKING:  # pragma: no cover
    from prompt_toolkit.application import Application
    from prompt_toolkit.buffer import Buffer
    from prompt_toolkit.layout import Window
    from prompt_toolkit.widgets import TextArea

    from belscript.screen.model import CallModel


class ScreenKeys:
    """Key bindings, paging and the abort question (mixed into the screen)."""

    model: CallModel
    app: Application
    buffer: Buffer
    input_window: Window
    reason: TextArea
    dialog_open: bool
    dialog_problem: str
    overlay_offset: int
    say_offset: int

    def _bindings(self) -> KeyBindings:
        kb = KeyBindings()
        dialog = Condition(lambda: self.dialog_open)
        not_dialog = ~dialog

        kb.add("c-c", eager=True)(lambda event: self._ctrl_c())
        kb.add(Keys.SIGINT, eager=True)(lambda event: self._ctrl_c())
        kb.add("escape", filter=dialog, eager=True)(lambda event: self._close_dialog())
        kb.add("escape", filter=not_dialog, eager=True)(lambda event: self.model.close_overlay())
        kb.add("f1")(lambda event: self._toggle("help"))
        kb.add("f2", filter=not_dialog)(lambda event: self._toggle("details") if self.model.phase == "call" else None)
        kb.add("c-o", filter=not_dialog)(lambda event: self._ignore())
        kb.add("pagedown", filter=not_dialog)(lambda event: self._page(+1))
        kb.add("pageup", filter=not_dialog)(lambda event: self._page(-1))
        kb.add("c-up", filter=not_dialog)(lambda event: self.model.scroll_voice(1))
        kb.add("c-down", filter=not_dialog)(lambda event: self.model.scroll_voice(-1))
        kb.add("tab", filter=dialog)(focus_next)
        return merge_key_bindings([kb])

    def _ctrl_c(self) -> None:
        """First Ctrl-C during the call: the abort question; a second one pauses; elsewhere: close."""
        if self.dialog_open:  # second Ctrl-C: pause, the call stays open to resume
            self._close_dialog()
            self.model.pause_and_say()
            self._after_input()
        elif self.model.interrupt():
            self._open_dialog()
        else:
            self._after_input()

    def _ignore(self) -> None:
        self.model.set_aside(self.buffer.text)

    def _page(self, direction: int) -> None:
        """PageDown/PageUp: scroll by exactly the rows the panel shows, so no line is ever skipped.

        During the call the line to say comes first: while it does not fit, the keys scroll
        it (in both layouts); otherwise they scroll the dossier of the wide layout.
        """
        if self.model.overlay is not None:
            self.overlay_offset = max(0, self.overlay_offset + direction * 10)
            return
        if self.model.phase == "call":
            say = self._visible_control("say")
            if say is not None and (say.last_offset or self._compact()):
                self._say_scroll()
                self.say_offset = max(0, min(say.last_offset, self.say_offset + direction * say.page))
                self.app.invalidate()
                return
            name = "dossier"
        else:
            name = "prepare" if self.model.phase == "prepare" else "main"
        control = self._visible_control(name)
        page = control.page if control is not None else 10
        last = control.last_offset if control is not None else 0
        attr = {"dossier": "dossier_offset", "prepare": "prep_offset", "main": "after_offset"}[name]
        setattr(self, attr, max(0, min(last, getattr(self, attr) + direction * page)))
        self.app.invalidate()

    def _toggle(self, overlay: str) -> None:
        self.model.overlay = None if self.model.overlay == overlay else overlay  # type: ignore[assignment]
        self.overlay_offset = 0
        self.app.invalidate()

    def _open_dialog(self) -> None:
        self.dialog_open = True
        self.dialog_problem = ""
        self.reason.text = ""
        self.app.layout.focus(self.reason)
        self.app.invalidate()

    def _close_dialog(self) -> None:
        self.dialog_open = False
        self.app.layout.focus(self.input_window)
        self.app.invalidate()

    def _abort_accept(self, buffer: Buffer) -> bool:
        reason = buffer.text.strip()
        if not reason:
            self.dialog_problem = panels.REASON_REQUIRED
            return True
        self._close_dialog()
        self.model.abort(reason)
        self._after_input()
        return False

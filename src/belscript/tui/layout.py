"""The call screen's layout in prompt_toolkit: which panels, where, and how big.

Part of :class:`~belscript.tui.app.CallScreen` (which inherits it), split off along its
seam. The texts come from :mod:`belscript.screen.panels`; the sizes from
:mod:`belscript.tui.sizes`. Layout of the call (a resized terminal simply gets a new
layout on the next redraw):

    header: customer · script · step · time in the call · golden hour
    ┌ Klant ──────────────┐ (only when the mode has a customer voice: practice)
    ┌ Zeg nu ─────────────┐ ┌ Afspraak ─────────────┐
    ┌ Opties ─────────────┐ ┌ Dossier ──────────────┐
    ┌ Tips ───────────────┐ ┌ Notities ─────────────┐
    ┌ Berichten ──────────────────────────────────────┐
    warning / feedback bar (live, while typing)
    › input line
    key hints

On a small terminal (see :func:`belscript.tui.sizes.is_compact`, such as 80x24) the
call uses one column of open sections instead, sized to their content, so what
matters with the phone in hand always fits: the line to say, every option, the
agreement in brief, the latest messages, the warning bar and the input line. Tips, the
dossier and the notes are one key away there (F2). Help, the excuse list, the
agreement's fields and F2's details open over the call.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from prompt_toolkit.filters import Condition
from prompt_toolkit.layout import (
    ConditionalContainer,
    Dimension,
    DynamicContainer,
    Float,
    FloatContainer,
    HSplit,
    VSplit,
    Window,
)
from prompt_toolkit.widgets import Frame

from belscript.screen import panels
from belscript.tui.box import BoxControl, measure
from belscript.tui.cells import ReusedArea, ReusedWindow, TextControl
from belscript.tui.sizes import compact_sizes, is_compact, layout_sizes
from belscript.tui.wrap import WrappedControl

if TYPE_CHECKING:  # pragma: no cover
    from prompt_toolkit.application import Application
    from prompt_toolkit.buffer import Buffer
    from prompt_toolkit.widgets import TextArea

    from belscript.screen.model import CallModel


class _FrameContainer(FloatContainer):
    """The root container: tells the screen when a redraw begins and ends."""

    def __init__(self, on_frame, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._on_frame = on_frame

    def write_to_screen(self, *args, **kwargs) -> None:
        self._on_frame(True)
        try:
            super().write_to_screen(*args, **kwargs)
        finally:
            self._on_frame(False)


class ScreenLayout:
    """The containers of the call screen, sized exactly for the terminal (mixed into the screen)."""

    model: CallModel
    app: Application
    buffer: Buffer
    input_window: Window
    reason: TextArea
    dialog_open: bool
    dialog_problem: str

    def _init_layout(self) -> None:
        self.dossier_offset = 0
        self.after_offset = 0
        self.prep_offset = 0
        self.overlay_offset = 0
        self.say_offset = 0  # PageUp/PageDown scroll the line to say while it does not fit
        self._say_offset_for: object = None
        self._dossier_cache: list | None = None
        self._sizes_key: object = None
        self._sizes_cache: dict[str, int] = {}
        self._measure_key: object = None
        self._measure_value: tuple[int, int, int, int] = (0, 0, 0, 0)
        self._scrolling: dict[str, list[BoxControl]] = {}  # scrolling panels by name, for PageUp/PageDown

    def _root(self) -> FloatContainer:
        # bottom=5 keeps the feedback bar and the input line visible under an overlay
        overlay_float = Float(ConditionalContainer(
            Frame(Window(WrappedControl(self._overlay_text, scroll=lambda: self.overlay_offset)),
                  title=self._overlay_title, style="class:dialog"),
            filter=Condition(lambda: self.model.overlay is not None)), top=1, left=2, right=2, bottom=5)
        dialog_float = Float(ConditionalContainer(
            Frame(HSplit([
                Window(WrappedControl(self._dialog_text), height=Dimension(min=3)),
                self.reason,
            ]), title=panels.DIALOG_TITLE, style="class:dialog", width=Dimension(preferred=76, max=90)),
            filter=Condition(lambda: self.dialog_open)))
        return _FrameContainer(self._new_frame, DynamicContainer(self._body), floats=[overlay_float, dialog_float])

    def _new_frame(self, drawing: bool) -> None:
        """While a frame is drawn the sizes are worked out once (dozens of windows ask);
        outside of drawing (key handlers, tests) they are worked out on every question."""
        self._frame_sizes = None
        self._frame_header: int | None = None
        self._drawing = drawing

    def _body(self):
        if self.model.phase == "prepare":
            return self._prepare_layout
        if self.model.phase == "call":
            return self._compact_layout if self._compact() else self._call_layout
        return self._after_layout

    # Every window gets an exact size computed from the terminal size (see _sizes): then
    # prompt_toolkit never measures panel contents nor distributes space cell by cell,
    # which keeps a redraw (and so a keystroke) within a few milliseconds.

    def _freeze_size(self, _app: Any = None) -> None:
        """Take the terminal size once per frame.

        Which layout is drawn and how big each window is are decided at different moments
        of one render; a resize arriving in between must not make them disagree (the
        wide layout asking for the size of a panel only it has, while the sizes were
        already worked out for the compact one).
        """
        size = self.app.output.get_size()
        self._frame_size = (max(10, size.rows), max(40, size.columns))

    def _size(self) -> tuple[int, int]:
        frozen = getattr(self, "_frame_size", None)
        if frozen is not None:
            return frozen
        app = getattr(self, "app", None)  # the layout is walked once while the application is built
        if app is None:
            return 40, 120
        size = app.output.get_size()
        return max(10, size.rows), max(40, size.columns)

    def _compact(self) -> bool:
        return is_compact(*self._size())

    def _sizes(self) -> dict[str, int]:
        if not getattr(self, "_drawing", False):
            return self._work_out_sizes()
        if self._frame_sizes is None:
            self._frame_sizes = self._work_out_sizes()
        return self._frame_sizes

    def _work_out_sizes(self) -> dict[str, int]:
        rows, cols = self._size()
        compact = self.model.phase == "call" and is_compact(rows, cols)
        if self.model.phase != "call":
            needs = (0, 0, 0, 0)
        else:
            needs = self._content_rows(cols if compact else cols * 3 // 5 - 2)
        key = (rows, cols, self.model.phase, self._feedback_height(cols), self.model.customer_voice() is not None,
               compact, needs)
        if key != self._sizes_key:
            self._sizes_key = key
            if compact:
                self._sizes_cache = compact_sizes(rows, cols, feedback=key[3], customer=key[4], options=needs[0],
                                                   message=needs[1], agreement=needs[2], say=needs[3])
            else:
                self._sizes_cache = layout_sizes(rows, cols, self.model.phase, feedback=key[3], customer=key[4],
                                                  needs=(needs[0], needs[3]) if self.model.phase == "call" else None)
        return self._sizes_cache

    def _content_rows(self, width: int) -> tuple[int, int, int, int]:
        """Rows the options, the latest message, the agreement summary and the line to say
        need at ``width``; measured again only when the call or the messages changed."""
        self.model.view()
        key = (self.model.view_key, width, self.model.posted, self._compact())
        if key != self._measure_key:
            latest = list(self.model.messages)[-1:]
            self._measure_key = key
            self._measure_value = (measure(self._options(), width),
                                   measure([("", latest[0].text)], width) if latest else 0,
                                   measure(self._summary(), width), measure(self._say(), width))
        return self._measure_value

    def _feedback_height(self, cols: int) -> int:
        """Three lines, always: a bar that grew and shrank while typing would move the whole
        screen on every keystroke (slow to redraw, and restless to read)."""
        return 3

    def _exact(self, name: str):
        return lambda: Dimension.exact(self._sizes()[name])

    def _line(self, get, style: str = "", height: str | None = None) -> Window:
        return ReusedWindow(WrappedControl(get), style=style, height=self._exact(height) if height else 1,
                            width=self._exact("cols"))

    def _panel(self, title, get, width: str, height: str, *, cursor_at_end: bool = False, scroll=None,
               open: bool = False, name: str | None = None) -> Window:
        """A bordered panel with a title: one window of exact size (see :mod:`belscript.tui.box`)."""
        more = panels.MORE if scroll is not None else None
        control = BoxControl(get, title=title, width=lambda: self._sizes()[width],
                             height=lambda: self._sizes()[height], scroll=scroll, tail=cursor_at_end, open=open,
                             more=more)
        if scroll is not None:
            self._scrolling.setdefault(name or height, []).append(control)
        return ReusedWindow(control, width=self._exact(width), height=self._exact(height))

    def _header_bar(self) -> VSplit:
        right_width = self._header_right_width
        return VSplit([
            ReusedWindow(TextControl(self._header), height=1, style="class:header",
                   width=lambda: Dimension.exact(max(1, self._sizes()["cols"] - right_width()))),
            ReusedWindow(TextControl(self._header_right), height=1, style="class:header.right",
                   width=lambda: Dimension.exact(right_width())),
        ], height=1)

    def _bottom(self) -> list:
        self.input_window.width = self._exact("cols")
        return [
            self._panel(panels.TITLES["messages"], self._messages, "cols", "messages", cursor_at_end=True),
            self._line(self._feedback, "class:feedback", "feedback"),
            self.input_window,
            self._line(self._footer, "class:footer"),
        ]

    @property
    def _prepare_layout(self) -> HSplit:
        if not hasattr(self, "_prep"):
            scroll = lambda: self.prep_offset  # noqa: E731
            left = self._panel(panels.TITLES["prepare"], self._prep_left, "left", "main", scroll=scroll,
                               name="prepare")
            right = self._panel(panels.TITLES["prepare-right"], self._prep_right, "right", "main",
                                scroll=scroll, name="prepare")
            self._prep = HSplit([self._header_bar(), VSplit([left, right], height=self._exact("main")),
                                 *self._bottom()])
        return self._prep

    @property
    def _call_layout(self) -> HSplit:
        if not hasattr(self, "_call"):
            customer = ConditionalContainer(
                self._panel(panels.TITLES["customer"], self._customer, "left", "customer", cursor_at_end=True),
                filter=Condition(lambda: self.model.customer_voice() is not None))
            left = HSplit([
                customer,
                self._panel(self._step_title, self._say, "left", "say", scroll=self._say_scroll, name="say-wide"),
                self._panel(panels.TITLES["options"], self._options, "left", "options"),
                self._panel(panels.TITLES["tips"], self._tips, "left", "tips"),
            ], width=self._exact("left"), height=self._exact("main"))
            right = HSplit([
                self._panel(panels.TITLES["agreement"], self._agreement, "right", "agreement"),
                self._panel(self._dossier_title, self._dossier_text, "right", "dossier",
                            scroll=lambda: self.dossier_offset, name="dossier"),
                self._panel(panels.TITLES["notes"], self._notes, "right", "notes", cursor_at_end=True),
            ], width=self._exact("right"), height=self._exact("main"))
            panels_area = ReusedArea(VSplit([left, right], height=self._exact("main")), self._drawn_as)
            self._call = HSplit([self._header_bar(), panels_area, *self._bottom()])
        return self._call

    @property
    def _compact_layout(self) -> HSplit:
        if not hasattr(self, "_compact_call"):
            customer = ConditionalContainer(
                self._panel(panels.TITLES["customer"], self._customer, "cols", "customer", cursor_at_end=True, open=True),
                filter=Condition(lambda: self.model.customer_voice() is not None))
            self.input_window.width = self._exact("cols")
            self._compact_call = HSplit([
                self._header_bar(),
                customer,
                self._panel(self._step_title, self._say, "cols", "say", open=True, scroll=self._say_scroll,
                            name="say-compact"),
                self._panel(panels.TITLES["options"], self._options, "cols", "options", open=True),
                self._panel(panels.TITLES["agreement-compact"], self._summary, "cols", "agreement", open=True),
                self._panel(panels.TITLES["messages"], self._messages, "cols", "messages", cursor_at_end=True, open=True),
                self._line(self._feedback, "class:feedback", "feedback"),
                self.input_window,
                self._line(self._footer, "class:footer"),
            ])
        return self._compact_call

    def _drawn_as(self) -> tuple:
        """What, besides the panels' texts, decides how the panels of the call are drawn."""
        return tuple(self._sizes().items()), self.model.customer_voice() is not None

    def _say_scroll(self) -> int:
        """How far the line to say is scrolled; back to the top on every new step (a note keeps the place)."""
        view = self.model.view()
        step = view.get("step")
        key = (step.id if step is not None else None, view.get("reading_back"))
        if self._say_offset_for != key:
            self._say_offset_for = key
            self.say_offset = 0
        return self.say_offset

    @property
    def _after_layout(self) -> HSplit:
        if not hasattr(self, "_after"):
            self._after = HSplit([
                self._header_bar(),
                self._panel(panels.TITLES["after"], self._after_text, "cols", "main",
                            scroll=lambda: self.after_offset, name="main"),
                *self._bottom(),
            ])
        return self._after

    def _visible_control(self, name: str) -> BoxControl | None:
        """The scrolling panel ``name`` as last drawn (the first of panels scrolled together)."""
        if name == "say":
            name = "say-compact" if self._compact() else "say-wide"
        controls = self._scrolling.get(name, [])
        return controls[0] if controls else None


    # ------------------------------------------------------------------ the panels' texts, with the screen's state

    def _header(self):
        width = max(1, self._sizes()["cols"] - self._header_right_width())
        return panels.header(self.model, compact=self._compact(), width=width)

    def _header_right(self):
        return panels.header_right(self.model, compact=self._compact(), width=self._header_right_width())

    def _header_right_width(self) -> int:
        if getattr(self, "_drawing", False) and self._frame_header is not None:
            return self._frame_header
        width = panels.header_widths(self.model, compact=self._compact(), cols=self._sizes()["cols"])[1]
        if getattr(self, "_drawing", False):
            self._frame_header = width
        return width

    def _dossier_title(self) -> str:
        say = self._visible_control("say")
        return panels.dossier_title(say_has_more=say is not None and bool(say.last_offset))

    def _step_title(self) -> str:
        return panels.step_title(self.model)

    def _say(self):
        return panels.say(self.model, compact=self._compact())

    def _options(self):
        return panels.options(self.model)

    def _tips(self):
        return panels.tips(self.model)

    def _agreement(self):
        return panels.agreement(self.model)

    def _summary(self):
        return panels.summary(self.model)

    def _dossier_text(self):
        if self._dossier_cache is None:  # the customer file does not change during a call
            self._dossier_cache = panels.dossier(self.model)
        return self._dossier_cache

    def _notes(self):
        return panels.notes(self.model)

    def _customer(self):
        return panels.customer(self.model)

    def _messages(self):
        return panels.messages(self.model)

    def _feedback(self):
        return panels.feedback(self.model, self.buffer.text)

    def _footer(self):
        return panels.footer(self.model, compact=self._compact(), dialog_open=self.dialog_open)

    def _overlay_title(self) -> str:
        return panels.overlay_title(self.model)

    def _overlay_text(self):
        return panels.overlay_text(self.model, self._dossier_text())

    def _dialog_text(self):
        return panels.dialog_text(self.dialog_problem)

    def _prep_left(self):
        return panels.prep_left(self.model)

    def _prep_right(self):
        return panels.prep_right(self.model)

    def _after_text(self):
        return panels.after(self.model)

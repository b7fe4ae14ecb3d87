"""The full-screen call screen (prompt_toolkit): preparation, the call, the evaluation.

Layout of the call (every panel is drawn from :class:`~belscript.screen.model.CallModel`
on each redraw, so a resized terminal simply gets a new layout):

    header: customer · script · step · time in the call · golden hour
    ┌ Klant ──────────────┐ (only when the model has a customer voice: practice)
    ┌ Zeg nu ─────────────┐ ┌ Afspraak ─────────────┐
    ┌ Opties ─────────────┐ ┌ Dossier ──────────────┐
    ┌ Tips ───────────────┐ ┌ Notities ─────────────┐
    ┌ Berichten ──────────────────────────────────────┐
    warning / feedback bar (live, while typing)
    › input line
    key hints

On a small terminal (fewer than :data:`COMPACT_ROWS` rows or :data:`COMPACT_COLS`
columns, such as 80x24) the call uses one column of open sections instead, sized to
their content, so what matters with the phone in hand always fits: the line to say,
every option, the agreement in brief, the latest messages, the warning bar and the
input line. Tips, the dossier and the notes are one key away there (F2).

    header
    ── Zeg nu ──     (the rest of the rows)
    ── Opties ──     (as many rows as the options need)
    ── Afspraak ──   (two or three rows)
    ── Berichten ──  (the latest message, two to four rows)
    warning / feedback bar, › input line, key hints

Help, the excuse list, the agreement's fields and F2's details open over the call
(Esc closes them; PageUp/PageDown scroll them).

The screen never decides anything itself: Enter hands the line to the model, Ctrl-C
opens the abort question, and the model says when to close.
"""

from __future__ import annotations

import asyncio
import os
from typing import Any

from prompt_toolkit.application import Application
from prompt_toolkit.buffer import Buffer
from prompt_toolkit.filters import Condition
from prompt_toolkit.history import InMemoryHistory
from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings
from prompt_toolkit.key_binding.bindings.focus import focus_next
from prompt_toolkit.keys import Keys
from prompt_toolkit.layout import (
    ConditionalContainer,
    Dimension,
    DynamicContainer,
    Float,
    FloatContainer,
    HSplit,
    Layout,
    VSplit,
    Window,
)
from prompt_toolkit.layout.controls import BufferControl, FormattedTextControl
from prompt_toolkit.layout.processors import BeforeInput
from prompt_toolkit.output.color_depth import ColorDepth
from prompt_toolkit.widgets import Frame, TextArea

from belscript.tui.box import BoxControl, PanelWindow, measure
from belscript.screen.commands import help_lines
from belscript.screen.facts import dossier_lines, goal_of, known_and_missing
from belscript.tui.lexer import PhrasingLexer
from belscript.screen.model import CallModel
from belscript.tui.style import build_style
from belscript.tui.wrap import WrappedControl



def no_color(environ: dict[str, str] | None = None) -> bool:
    """``NO_COLOR`` set to anything non-empty switches colours off (https://no-color.org)."""
    env = os.environ if environ is None else environ
    return bool(env.get("NO_COLOR", ""))


def _freeze_garbage() -> None:
    """Move everything loaded so far out of the garbage collector's way.

    Imports and the language data of the date libraries create hundreds of thousands of
    long-lived objects; without this, a full collection every few hundred keystrokes
    scans them all and a keystroke takes tens of milliseconds instead of one or two.
    """
    import gc

    gc.freeze()
    gc.enable()  # `belscript call` switches collection off while it loads (see cmd_call)


#: Below this many rows or columns the call screen uses its compact, one-column layout.
COMPACT_ROWS = 32
COMPACT_COLS = 88


def is_compact(rows: int, cols: int) -> bool:
    """True for a terminal too small for panels side by side (80x24 is the classic size)."""
    return rows < COMPACT_ROWS or cols < COMPACT_COLS


def _compact_sizes(rows: int, cols: int, *, feedback: int, customer: bool, options: int, message: int,
                   agreement: int, say: int = 3) -> dict[str, int]:
    """Heights of the open sections of the compact call layout (each includes its title row).

    ``options``, ``message``, ``agreement`` and ``say`` are the rows the options, the latest
    message, the agreement summary and the line to say need. Each section gets what it
    needs within limits (the messages up to six rows, so a refusal with what is missing
    fits). When rows run short the messages give way first, then the agreement, then the
    customer pane (to its latest two lines), then the line to say (to one line and "… meer met PageDown"), then the messages (to
    the latest line), and the options last:
    an option is never cut while another section still shows blank rows. Rows left over
    go to the line to say.
    """
    avail = max(10, rows - 3 - feedback)
    agr = 1 + max(2, min(3, agreement))
    msgs = 1 + max(2, min(6, message))
    opts = 1 + max(1, options)
    cust = 4 if customer else 0
    said = min(4, 1 + max(1, say))
    sizes = {"msgs": msgs, "agr": agr, "said": said, "cust": cust, "opts": opts}
    over = sum(sizes.values()) - avail
    floors = (("msgs", 3), ("agr", 3), ("cust", 3 if customer else 0), ("said", min(said, 3)), ("msgs", 2),
              ("opts", 3))
    for name, floor in floors:
        if over <= 0:
            break
        cut = max(0, min(over, sizes[name] - floor))
        over -= cut
        sizes[name] -= cut
    msgs, agr, cust, opts = sizes["msgs"], sizes["agr"], sizes["cust"], sizes["opts"]
    say = max(2, avail - agr - msgs - opts - cust)
    return {"rows": rows, "cols": cols, "feedback": feedback, "customer": cust, "say": say, "options": opts,
            "agreement": agr, "messages": msgs, "main": avail - msgs, "left": cols, "right": cols}


def _layout_sizes(rows: int, cols: int, phase: str, *, feedback: int, customer: bool,
                  needs: tuple[int, int] | None = None) -> dict[str, int]:
    """Exact heights and widths of every panel for a terminal of ``rows`` x ``cols``.

    ``needs`` is the (options, say) text rows of the current step: the options panel
    gets what it needs (up to half the column), the line to say what it needs (a recap
    to read back can be long), and the tips what is left.
    """
    messages = 8 if rows >= COMPACT_ROWS else 4
    main = max(6, rows - 3 - feedback - messages)
    left = cols // 2 if phase == "prepare" else cols * 3 // 5
    sizes = {"rows": rows, "cols": cols, "messages": messages, "feedback": feedback, "main": main,
             "left": left, "right": cols - left}
    cust = min(6, main // 4) if customer else 0
    rest = main - cust
    if needs is None:
        sizes.update(customer=cust, say=rest * 3 // 8, options=rest * 3 // 8)
    else:
        options = max(4, min(needs[0] + 2, rest // 2))
        say = max(5, min(needs[1] + 2, rest - options - 3))  # the tips keep one row; F2 shows them all
        sizes.update(customer=cust, say=say, options=options)
    sizes["tips"] = rest - sizes["say"] - sizes["options"]
    sizes.update(agreement=main * 3 // 8, dossier=main * 3 // 8)
    sizes["notes"] = main - sizes["agreement"] - sizes["dossier"]
    return sizes


class CallScreen:
    """The prompt_toolkit application around one :class:`CallModel`."""

    def __init__(self, model: CallModel, *, input: Any = None, output: Any = None, color: bool | None = None) -> None:
        self.model = model
        self.color = (not no_color()) if color is None else color
        self.dossier_offset = 0
        self.after_offset = 0
        self.prep_offset = 0
        self.overlay_offset = 0
        self.say_offset = 0  # PageUp/PageDown scroll the line to say while it does not fit
        self._say_offset_for: object = None
        self.dialog_open = False
        self.dialog_problem = ""
        self.submitted = 0
        self._warmed = False
        self._dossier_cache: list | None = None
        self._sizes_key: object = None
        self._sizes_cache: dict[str, int] = {}
        self._measure_key: object = None
        self._measure_value: tuple[int, int, int, int] = (0, 0, 0, 0)
        self._scrolling: dict[str, list[BoxControl]] = {}  # scrolling panels by name, for PageUp/PageDown

        self.buffer = Buffer(multiline=False, history=InMemoryHistory(), accept_handler=self._accept,
                             name="input", on_text_changed=lambda buf: model.draft_changed(buf.text))
        self.input_window = Window(
            BufferControl(self.buffer, lexer=PhrasingLexer(model),
                          input_processors=[BeforeInput(lambda: model.prompt, style="class:prompt")]),
            height=1, style="class:input",
        )
        self.reason = TextArea(multiline=False, prompt="Reden: ", accept_handler=self._abort_accept)
        self.app = Application(
            layout=Layout(self._root(), focused_element=self.input_window),
            key_bindings=self._bindings(),
            style=build_style(self.color),
            color_depth=None if self.color else ColorDepth.DEPTH_1_BIT,
            full_screen=True,
            mouse_support=False,
            refresh_interval=1.0,
            input=input,
            output=output,
            after_render=self._after_render,
            before_render=self._freeze_size,
        )
        model.listeners.append(self.app.invalidate)

    # ------------------------------------------------------------------ running

    #: After this many unexpected errors while drawing, the screen closes (the call stays
    #: saved and can be resumed) instead of retrying for ever.
    MAX_SCREEN_ERRORS = 3

    def run(self) -> int:
        """Run until the model says to close; returns the exit code."""
        result = self.app.run(set_exception_handler=False, pre_run=self._catch_screen_errors)
        return int(result or 0)

    async def run_async(self) -> int:
        result = await self.app.run_async(set_exception_handler=False, pre_run=self._catch_screen_errors)
        return int(result or 0)

    def _catch_screen_errors(self) -> None:
        """Never show a traceback in the middle of a call.

        prompt_toolkit's own handler prints the error over the screen and waits for Enter.
        Every fact is already in the call log, so a drawing error is reported in the
        messages pane instead; if it keeps happening the screen closes and the closing
        lines say how to resume.
        """
        self._screen_errors = 0
        loop = asyncio.get_running_loop()
        loop.set_exception_handler(self._on_screen_error)
        _close_on_signals(loop, self.app)

    def _on_screen_error(self, loop: Any, context: dict) -> None:
        self._screen_errors += 1
        exc = context.get("exception")
        what = f" ({type(exc).__name__})" if exc is not None else ""
        if self._screen_errors >= self.MAX_SCREEN_ERRORS:
            if self.app.is_running and not self.app.future.done():
                self.app.exit(result=1)
            return
        self.model.info(f"Er ging iets mis bij het tekenen van het scherm{what}; uw gesprek is bewaard.", "error")
        self.app.invalidate()

    def _after_render(self, app: Application) -> None:
        if self._warmed:
            return
        self._warmed = True
        _freeze_garbage()
        loop = asyncio.get_event_loop()

        async def warm() -> None:
            try:
                await loop.run_in_executor(None, self.model.warm_up)
            except Exception as exc:  # noqa: BLE001 - a failed warm-up only delays, the screen goes on
                self.model.info(f"Voorbereiden mislukt: {exc}", "warn")
            _freeze_garbage()
            self.app.invalidate()

        app.create_background_task(warm())

    def _accept(self, buffer: Buffer) -> bool:
        text = buffer.text
        try:
            self.model.submit(text)
        except Exception as exc:  # noqa: BLE001 - a bug must not take the screen (and the call) down
            self.model.info(f"Interne fout ({type(exc).__name__}: {exc}). Alles tot nu toe is bewaard; "
                            "u kunt verder, of met /pauze stoppen en later hervatten.", "error")
        self.submitted += 1
        self._after_input()
        return False  # clear the line (it stays in the history)

    def _after_input(self) -> None:
        if self.model.exit_code is not None and self.app.is_running:
            self.app.exit(result=self.model.exit_code)
        self.app.invalidate()

    # ------------------------------------------------------------------ keys

    def _bindings(self) -> KeyBindings:
        kb = KeyBindings()
        dialog = Condition(lambda: self.dialog_open)
        not_dialog = ~dialog

        @kb.add("c-c", eager=True)
        @kb.add(Keys.SIGINT, eager=True)
        def _ctrl_c(event) -> None:
            if self.dialog_open:  # second Ctrl-C: pause, the call stays open to resume
                self._close_dialog()
                self.model.pause()
                self.model.info("Gesprek gepauzeerd; hervat met belscript call --resume.", "ok")
                self._after_input()
                return
            if self.model.phase == "prepare":
                self.model.closed_as = "cancelled"
                self.model.exit_code = 0
                self._after_input()
                return
            if self.model.phase in ("after", "done"):
                self.model.exit_code = 0
                self._after_input()
                return
            self._open_dialog()

        @kb.add("escape", filter=dialog, eager=True)
        def _cancel(event) -> None:
            self._close_dialog()

        @kb.add("escape", filter=not_dialog)
        def _escape(event) -> None:
            self.model.close_overlay()

        @kb.add("f1")
        def _help(event) -> None:
            self._toggle("help")

        @kb.add("f2", filter=not_dialog)
        def _details(event) -> None:
            if self.model.phase == "call":
                self._toggle("details")

        @kb.add("c-o", filter=not_dialog)
        def _ignore(event) -> None:
            if self.model.ignore_once(self.buffer.text):
                self.model.info("Waarschuwing eenmalig genegeerd voor deze notitie.")

        @kb.add("pagedown", filter=not_dialog)
        def _down(event) -> None:
            self._page(+1)

        @kb.add("pageup", filter=not_dialog)
        def _up(event) -> None:
            self._page(-1)

        @kb.add("c-up", filter=not_dialog)
        def _voice_back(event) -> None:
            self.model.scroll_voice(1)

        @kb.add("c-down", filter=not_dialog)
        def _voice_forward(event) -> None:
            self.model.scroll_voice(-1)

        kb.add("tab", filter=dialog)(focus_next)
        return merge_key_bindings([kb])

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

    def _visible_control(self, name: str) -> BoxControl | None:
        """The scrolling panel ``name`` as last drawn (the first of panels scrolled together)."""
        if name == "say":
            name = "say-compact" if self._compact() else "say-wide"
        controls = self._scrolling.get(name, [])
        return controls[0] if controls else None

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
            self.dialog_problem = "Een reden is verplicht (bijvoorbeeld: klant moest weg, verbinding verbroken)."
            return True
        self._close_dialog()
        self.model.abort(reason)
        self._after_input()
        return False

    # ------------------------------------------------------------------ layout

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
            ]), title="Gesprek afbreken?", style="class:dialog", width=Dimension(preferred=76, max=90)),
            filter=Condition(lambda: self.dialog_open)))
        return FloatContainer(DynamicContainer(self._body), floats=[overlay_float, dialog_float])

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
                self._sizes_cache = _compact_sizes(rows, cols, feedback=key[3], customer=key[4], options=needs[0],
                                                   message=needs[1], agreement=needs[2], say=needs[3])
            else:
                self._sizes_cache = _layout_sizes(rows, cols, self.model.phase, feedback=key[3], customer=key[4],
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
        return Window(WrappedControl(get), style=style, height=self._exact(height) if height else 1,
                      width=self._exact("cols"))

    def _panel(self, title, get, width: str, height: str, *, cursor_at_end: bool = False, scroll=None,
               open: bool = False, name: str | None = None) -> Window:
        """A bordered panel with a title: one window of exact size (see :mod:`belscript.tui.box`)."""
        more = "▼ meer met PageDown" if scroll is not None else None
        control = BoxControl(get, title=title, width=lambda: self._sizes()[width],
                             height=lambda: self._sizes()[height], scroll=scroll, tail=cursor_at_end, open=open,
                             more=more)
        if scroll is not None:
            self._scrolling.setdefault(name or height, []).append(control)
        return PanelWindow(control, width=self._exact(width), height=self._exact(height))

    def _header_bar(self) -> VSplit:
        right_width = lambda: min(len(self._header_right()[0][1]), self._sizes()["cols"] // 2)  # noqa: E731
        return VSplit([
            Window(FormattedTextControl(self._header), height=1, style="class:header",
                   width=lambda: Dimension.exact(max(1, self._sizes()["cols"] - right_width()))),
            Window(FormattedTextControl(self._header_right), height=1, style="class:header.right",
                   width=lambda: Dimension.exact(right_width())),
        ], height=1)

    def _bottom(self) -> list:
        self.input_window.width = self._exact("cols")
        return [
            self._panel("Berichten", self._messages, "cols", "messages", cursor_at_end=True),
            self._line(self._feedback, "class:feedback", "feedback"),
            self.input_window,
            self._line(self._footer, "class:footer"),
        ]

    @property
    def _prepare_layout(self) -> HSplit:
        if not hasattr(self, "_prep"):
            scroll = lambda: self.prep_offset  # noqa: E731
            left = self._panel("Voorbereiding (PageUp/PageDown)", self._prep_left, "left", "main", scroll=scroll,
                               name="prepare")
            right = self._panel("Wanneer u belt en wat u kunt aanbieden", self._prep_right, "right", "main",
                                scroll=scroll, name="prepare")
            self._prep = HSplit([self._header_bar(), VSplit([left, right], height=self._exact("main")),
                                 *self._bottom()])
        return self._prep

    @property
    def _call_layout(self) -> HSplit:
        if not hasattr(self, "_call"):
            customer = ConditionalContainer(
                self._panel("Klant", self._customer, "left", "customer", cursor_at_end=True),
                filter=Condition(lambda: self.model.customer_voice() is not None))
            left = HSplit([
                customer,
                self._panel(self._step_title, self._say, "left", "say", scroll=self._say_scroll, name="say-wide"),
                self._panel("Opties (cijfer + Enter)", self._options, "left", "options"),
                self._panel("Tips", self._tips, "left", "tips"),
            ], width=self._exact("left"), height=self._exact("main"))
            right = HSplit([
                self._panel("Afspraak", self._agreement, "right", "agreement"),
                self._panel(self._dossier_title, self._dossier_text, "right", "dossier",
                            scroll=lambda: self.dossier_offset, name="dossier"),
                self._panel("Notities", self._notes, "right", "notes", cursor_at_end=True),
            ], width=self._exact("right"), height=self._exact("main"))
            self._call = HSplit([self._header_bar(), VSplit([left, right], height=self._exact("main")),
                                 *self._bottom()])
        return self._call

    @property
    def _compact_layout(self) -> HSplit:
        if not hasattr(self, "_compact_call"):
            customer = ConditionalContainer(
                self._panel("Klant", self._customer, "cols", "customer", cursor_at_end=True, open=True),
                filter=Condition(lambda: self.model.customer_voice() is not None))
            self.input_window.width = self._exact("cols")
            self._compact_call = HSplit([
                self._header_bar(),
                customer,
                self._panel(self._step_title, self._say, "cols", "say", open=True, scroll=self._say_scroll,
                            name="say-compact"),
                self._panel("Opties (cijfer + Enter)", self._options, "cols", "options", open=True),
                self._panel("Afspraak (F2: dossier, tips, notities)", self._summary, "cols", "agreement", open=True),
                self._panel("Berichten", self._messages, "cols", "messages", cursor_at_end=True, open=True),
                self._line(self._feedback, "class:feedback", "feedback"),
                self.input_window,
                self._line(self._footer, "class:footer"),
            ])
        return self._compact_call

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
                self._panel("Na het gesprek (PageUp/PageDown)", self._after_text, "cols", "main",
                            scroll=lambda: self.after_offset, name="main"),
                *self._bottom(),
            ])
        return self._after

    # ------------------------------------------------------------------ panel texts

    def _header(self):
        m = self.model
        customer = m.dossier.customer.name
        if m.phase == "prepare":
            where = "voorbereiding"
        elif m.phase == "call" and m.call is not None:
            where = f"stap: {m.view()['step'].title}"
        else:
            where = "na het gesprek"
        if self._compact():
            return [("class:header", f" {customer} · {where.removeprefix('stap: ')}")]
        return [("class:header", f" belscript · {customer} · {where} · {m.script.title}")]

    def _header_right(self):
        golden = self.model.golden_now(short=self._compact())
        return [("class:header.right", f" ⏱ {self.model.elapsed()}" + (f" · {golden}" if golden else "") + " ")]

    def _dossier_title(self) -> str:
        """While the line to say has more to read, PageDown belongs to it; F2 still shows the whole dossier."""
        say = self._visible_control("say")
        return "Dossier (F2)" if say is not None and say.last_offset else "Dossier (PageUp/PageDown)"

    def _step_title(self) -> str:
        instead = self.model.say_instead()
        if instead is not None:
            return instead[0]
        view = self.model.view()
        step = view.get("step")
        if view.get("reading_back"):
            return "Zeg nu: de afspraken teruglezen"
        return f"Zeg nu: {step.title}" if step else "Zeg nu"

    def _say(self):
        instead = self.model.say_instead()
        if instead is not None:
            return instead[1]
        view = self.model.view()
        step = view.get("step")
        if step is None:
            return []
        if view.get("reading_back"):
            return [("class:say", line + "\n") for line in view["recap"]]
        out = [("class:say", step.text.strip() + "\n")]
        if view.get("recap"):
            out.append(("class:title", "\nTerug te lezen:\n"))
            out.extend(("class:say", line + "\n") for line in view["recap"])
        if step.is_end:
            out.append(("class:ok", "\nDit is de afsluiting van het gesprek.\n"))
        if self._compact() and self.model.call is not None:  # the tips panel is hidden (F2); its reminders are not
            out.extend(("class:warn", f"Let op: {hint}\n") for hint in self.model.call.hints)
        return out

    def _options(self):
        view = self.model.view()
        step = view.get("step")
        if step is None:
            return []
        if view.get("reading_back"):
            return [("class:dim", "Eerst de afspraken teruglezen (hierboven); daarna sluit Enter het gesprek af.\n")]
        out = []
        for o in step.options:
            if o.available:
                out.append(("class:option.nr", f"{o.nr:>2}. "))
                out.append(("class:option", o.label + "\n"))
            else:
                why = view.get("why_not", {}).get(o.nr) or o.why_unavailable or ""
                out.append(("class:option.off", f"{o.nr:>2}. {o.label} (nog niet: {why})\n"))
            if o.say:
                out.append(("class:dim", f"     zeg: {' '.join(o.say.split())}\n"))
        if view.get("excuses"):
            out.append(("class:title", "Noemt de klant een excuus? "))
            out.append(("", f"Typ /excuus voor de lijst met {len(view['excuses'])} antwoorden.\n"))
        if not step.options and not step.is_end:
            out.append(("class:dim", "Geen opties; /einde sluit af als de afspraak concreet is.\n"))
        return out

    def _tips(self):
        view = self.model.view()
        step = view.get("step")
        if step is None:
            return []
        out = []
        call = self.model.call
        for hint in (call.hints if call is not None else []):
            out.append(("class:warn", f"Let op: {hint}\n"))
        out.extend(("", f"• {' '.join(t.split())}\n") for t in step.tips)
        return out

    def _agreement(self):
        return self.model.view().get("agreement", [])

    def _summary(self):
        return self.model.view().get("summary", [])

    def _dossier(self) -> list:
        if self._dossier_cache is None:
            self._dossier_cache = dossier_lines(self.model.dossier, today=self.model.clock.today())
        return self._dossier_cache

    def _dossier_text(self):
        out = []
        for line in self._dossier():
            out.extend(line)
            out.append(("", "\n"))
        return out

    def _notes(self):
        notes = self.model.view().get("notes", [])
        if not notes:
            return [("class:dim", "Nog geen notities. Typ tekst en druk op Enter.")]
        return [("", f"{at:%H:%M} {text}\n") for at, text in notes]

    def _customer(self):
        lines = self.model.customer_voice() or []
        return [("class:customer", f"{line}\n") for line in lines]

    def _messages(self):
        styles = {"ok": "class:ok", "warn": "class:warn", "error": "class:error", "info": ""}
        recent = list(self.model.messages)[-30:]
        return [(styles.get(m.level, ""), m.text + ("\n" if i < len(recent) - 1 else ""))
                for i, m in enumerate(recent)]

    def _feedback(self):
        lines = list(self.model.preview(self.buffer.text).lines)
        if not lines and self.model.phase == "call":
            return [("class:dim", " ")]
        return lines

    def _footer(self):
        m = self.model
        if self.dialog_open:
            text = " Enter: afbreken met deze reden · Esc: terug naar het gesprek · Ctrl-C: pauzeren (later verder)"
        elif m.phase == "prepare":
            text = " Enter: beginnen · F1: hulp · Ctrl-C: stoppen zonder te bellen"
        elif m.phase == "call" and m.overlay is not None:
            text = " Esc: sluiten · PageUp/PageDown: bladeren · F1: hulp · Ctrl-C: afbreken"
        elif m.phase == "call" and self._compact():
            text = " F1: hulp · F2: dossier/tips · /afspraak · /excuus · /einde · Ctrl-C: afbreken"
        elif m.phase == "call":
            text = (" cijfer+Enter: optie · /afspraak · /naam · /excuus · /einde · F1 of /help · F2: dossier · "
                    "Ctrl-C: afbreken")
        else:
            text = " Enter: volgende · PageDown: verder lezen · Ctrl-C: sluiten (alles is bewaard)"
        return [("class:footer", text)]

    def _help_text(self):
        out = []
        for left, right in help_lines():
            out.append(("class:option.nr", f"{left}: "))
            out.append(("", f"{right}\n"))
        return out

    _OVERLAY_TITLES = {
        "help": "Toetsen en opdrachten (Esc of F1 sluit)",
        "excuses": "Welk excuus noemt de klant? Typ het nummer en Enter (Esc: terug)",
        "agreement": "De afspraak invullen: /afspraak <veld> <wat de klant zegt> (Esc sluit)",
        "details": "Tips, dossier en notities (Esc of F2 sluit)",
        "summary": "De afspraken om terug te lezen (Esc sluit, PageUp/PageDown bladert)",
    }

    def _overlay_title(self) -> str:
        return self._OVERLAY_TITLES.get(self.model.overlay or "", "")

    def _overlay_text(self):
        overlay = self.model.overlay
        if overlay == "help":
            return self._help_text()
        if overlay == "excuses":
            return self._excuses_text()
        if overlay == "agreement":
            return self._fields_text()
        if overlay == "summary":
            return [("class:say", line + "\n") for line in self.model.recap_now()]
        if overlay == "details":
            return ([("class:title", "Tips\n")] + self._tips() + [("class:title", "\nDossier\n")]
                    + self._dossier_text() + [("class:title", "\nNotities\n")] + self._notes())
        return []

    def _excuses_text(self):
        out = []
        for i, excuse in enumerate(self.model.call.excuses if self.model.call else [], start=1):
            out.append(("class:option.nr", f"{i:>2}. "))
            out.append(("class:option", excuse.label + "\n"))
            if excuse.examples:
                out.append(("class:dim", "    bijv. " + " · ".join(f"“{e}”" for e in excuse.examples[:2]) + "\n"))
        return out

    def _fields_text(self):
        from belscript.agreement.entry import FIELDS

        out = []
        for name, what in FIELDS.items():
            out.append(("class:option.nr", f"/afspraak {name} "))
            out.append(("", f"— {what}\n"))
        out.append(("class:title", "\nWat u kunt aanbieden (dit belscript)\n"))
        out.extend(("", f"• {line}\n") for line in self.model.policy_lines())
        return out

    def _dialog_text(self):
        out = [("", "Typ waarom u het gesprek afbreekt en druk op Enter. belscript legt de reden vast en "
                    "plant een vervolgmoment in een gouden beluur.\n"),
               ("class:dim", "Esc: terug naar het gesprek. Nog eens Ctrl-C: pauzeren; alles blijft bewaard en u gaat "
                             "later verder met belscript call --resume.\n")]
        if self.dialog_problem:
            out.append(("class:error", self.dialog_problem + "\n"))
        return out

    def _prep_left(self):
        m = self.model
        known, missing = known_and_missing(m.dossier)
        out = [("class:title", "Doel van het gesprek\n"), ("class:strong", goal_of(m.dossier) + "\n\n"),
               ("class:title", "Wat nog ontbreekt in het dossier\n")]
        if missing:
            out.extend(("class:warn", f"• {line}\n") for line in missing)
        else:
            out.append(("class:ok", "Niets: het dossier is compleet.\n"))
        out.append(("class:title", "\nWat u weet uit het dossier\n"))
        out.extend(("", f"• {line}\n") for line in known)
        return out

    def _prep_right(self):
        m = self.model
        out = [("class:title", "Beltijd\n")]
        if m.golden is None:
            out.append(("class:dim", "Gouden beluur: even kijken…\n"))
        else:
            style = "class:ok" if m.golden.startswith("Nu is") else "class:warn"
            out.append((style, m.golden + "\n"))
        out.append(("class:title", "\nBeginnen\n"))
        options = m.prep_options
        if len(options) == 1:
            out.append(("class:strong", f"Enter: {options[0][1]}\n"))
        elif options:
            out.extend(("", f"{nr}. {label}\n") for nr, label in options)
            out.append(("class:strong", "Typ een cijfer, of Enter voor de eerste.\n"))
        else:
            out.append(("class:strong", "Enter: het gesprek begint.\n"))
        out.append(("class:title", "\nWat u kunt aanbieden (afspraakbeleid van het script)\n"))
        out.extend(("", f"• {line}\n") for line in m.policy_lines())
        step = m.script.steps[m.script.start_step]
        if step.tips and m.prep_options:
            out.append(("class:title", "\nTips bij de voorbereiding\n"))
            out.extend(("class:dim", f"• {' '.join(t.split())}\n") for t in step.tips)
        return out

    def _after_text(self):
        return self.model.after.fragments

    # ------------------------------------------------------------------ for tests and the benchmark

    def screen_text(self) -> str:
        """Every panel's text as shown now (what a test or the benchmark checks)."""
        parts = [self._header(), self._header_right()]
        if self.model.phase == "prepare":
            parts += [self._prep_left(), self._prep_right()]
        elif self.model.phase == "call":
            parts += [self._say(), self._options(), self._tips(), self._agreement(), self._dossier_text(),
                      self._notes(), self._customer()]
        else:
            parts += [self.model.after.fragments]
        parts += [self._messages(), self._feedback()]
        if self.model.overlay is not None:
            parts.append([("", self._overlay_title() + "\n")] + self._overlay_text())
        if self.dialog_open:
            parts.append(self._dialog_text())
        return "\n".join("".join(t for _s, t in p) for p in parts)


def _close_on_signals(loop: asyncio.AbstractEventLoop, app: Application) -> None:
    """SIGTERM and SIGHUP close the screen the normal way, so the terminal leaves raw mode
    and the alternate screen; every fact is already in the log, the call stays open for
    ``--resume``. The default action would end the process with the terminal unusable."""
    import signal

    def close(signum: int) -> None:
        if app.is_running and not app.future.done():
            app.exit(result=128 + signum)

    for signum in (getattr(signal, "SIGTERM", None), getattr(signal, "SIGHUP", None)):
        if signum is None:
            continue
        try:
            loop.add_signal_handler(signum, close, signum)
        except (NotImplementedError, RuntimeError, ValueError):  # Windows, or not the main thread
            pass


def run_screen(start: Any, *, clock: Any) -> tuple[int, CallModel]:
    """Open the call log, build the screen's model with ``start(journal)``, run the screen.

    Shared by ``belscript call`` and ``belscript practice``: warnings from opening the
    log (a damaged file moved aside) are shown on screen, and the log is always closed,
    whatever happens. Returns the exit code and the model, for the closing report.
    """
    from belscript.journal import Journal

    journal = Journal.open(clock=clock)
    try:
        model = start(journal)
        for warning in journal.warnings:
            model.info(warning, "warn")
        from belscript.textsafe import raw_output

        with raw_output():  # prompt_toolkit escapes what it draws; its own codes must pass
            return CallScreen(model).run(), model
    finally:
        journal.close()

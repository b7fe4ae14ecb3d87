"""The live call screen (prompt_toolkit), shared by real calls and practice.

- :mod:`belscript.screen.model`: :class:`~belscript.screen.model.CallModel`, the screen's state
  and behaviour without terminal code; practice mode subclasses it (customer pane,
  its own text handler).
- :mod:`belscript.screen.live`: a real call, logged event by event; ``start`` and ``resume``.
- :mod:`belscript.tui.app`: :class:`~belscript.tui.app.CallScreen`, the full-screen
  application; pass ``input``/``output`` to drive it without a terminal.
- :mod:`belscript.screen.commands`: the input line's rules and the list ``/help`` shows.

Only ``belscript call`` and ``belscript practice`` import this package, inside ``run()``.
"""

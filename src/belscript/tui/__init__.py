"""The live call screen in prompt_toolkit, shared by real calls and practice: terminal code only.

- :mod:`belscript.tui.app`: :class:`~belscript.tui.app.CallScreen`, the full-screen
  application (pass ``input``/``output`` to drive it without a terminal), and
  ``run_screen``;
- :mod:`belscript.tui.layout`: which panel goes where; :mod:`belscript.tui.sizes`: how big;
- :mod:`belscript.tui.keys`: the key bindings;
- :mod:`belscript.tui.box`, :mod:`belscript.tui.wrap`, :mod:`belscript.tui.lexer`,
  :mod:`belscript.tui.style`: drawing panels, wrapping at words, highlighting, colours.

What the screen does and the text of each panel are in :mod:`belscript.screen`, which
never imports prompt_toolkit. Only ``belscript call`` and ``belscript practice`` import
this package, inside ``run()``.
"""

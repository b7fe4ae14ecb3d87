"""The call screen without a terminal: what a line does, what is shown, and each panel's text.

Everything here is plain Python (no prompt_toolkit, a test enforces it), so the
behaviour and the wording of the screen are tested without a terminal; the
prompt_toolkit application in :mod:`belscript.tui` only lays these texts out and
forwards keys.
"""

"""Tools for script authors that run scripts: example conversations (``belscript test``).

Sits above the engine, because playing an example conversation drives a real call;
the script format itself (``belscript.script``) stays below everything that runs it.
"""

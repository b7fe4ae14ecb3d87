"""Set up the local environment and start a guided call on the built-in demo data.

Usage: ``python3 scripts/demo.py [extra belscript call options]``. The demo uses its
own call log under ``.venv/demo-home`` unless ``BELSCRIPT_HOME`` is set.

Kept readable by any Python, like ``scripts/test.py``, so an old Python gets a clear
message instead of a SyntaxError.
"""

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from _python_check import require_supported_python  # noqa: E402

require_supported_python("scripts/demo.py")

import _venv  # noqa: E402


def main():
    python = _venv.ensure("dev")
    env = dict(os.environ)
    env.setdefault("BELSCRIPT_HOME", str(_venv.VENV / "demo-home"))
    return _venv.run([str(python), "-m", "belscript", "call", "--demo"] + sys.argv[1:], env=env)


if __name__ == "__main__":
    raise SystemExit(_venv.guarded(main))

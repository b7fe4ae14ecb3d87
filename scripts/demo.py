"""Set up the local environment and start a guided call on the built-in demo data.

Usage: ``python3 scripts/demo.py [extra belscript call options]``. The demo uses its
own call log under ``.venv/demo-home`` unless ``BELSCRIPT_HOME`` is set.
"""

from __future__ import annotations

import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import _venv  # noqa: E402


def main() -> int:
    python = _venv.ensure("dev")
    env = dict(os.environ)
    env.setdefault("BELSCRIPT_HOME", str(_venv.VENV / "demo-home"))
    return subprocess.call([str(python), "-m", "belscript", "call", "--demo", *sys.argv[1:]], env=env)


if __name__ == "__main__":
    raise SystemExit(main())

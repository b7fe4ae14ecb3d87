"""Set up the local environment and run the whole test suite.

Usage: ``python3 scripts/test.py [pytest arguments]``. Uses a throw-away
``BELSCRIPT_HOME`` so tests never touch your real call log.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import _venv  # noqa: E402


def main() -> int:
    python = _venv.ensure("dev")
    env = dict(os.environ)
    with tempfile.TemporaryDirectory(prefix="belscript-test-") as home:
        env["BELSCRIPT_HOME"] = home
        env.setdefault("HYPOTHESIS_PROFILE", "ci" if env.get("CI") else "dev")
        return subprocess.call([str(python), "-m", "pytest", *sys.argv[1:]], cwd=_venv.ROOT, env=env)


if __name__ == "__main__":
    raise SystemExit(main())

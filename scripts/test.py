"""Set up the local environment and run the whole test suite.

Usage: ``python3 scripts/test.py [pytest arguments]``. Uses a throw-away
``BELSCRIPT_HOME`` so tests never touch your real call log.

This file is kept readable by any Python (no annotations, f-strings or ``*`` in
calls) so that an old Python reaches the version check and says what to do,
instead of failing with a SyntaxError.
"""

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from _python_check import require_supported_python  # noqa: E402

require_supported_python("scripts/test.py")

import subprocess  # noqa: E402
import tempfile  # noqa: E402

import _venv  # noqa: E402


def main():
    python = _venv.ensure("dev")
    env = dict(os.environ)
    with tempfile.TemporaryDirectory(prefix="belscript-test-") as home:
        env["BELSCRIPT_HOME"] = home
        env.setdefault("HYPOTHESIS_PROFILE", "ci" if env.get("CI") else "dev")
        return _venv.run([str(python), "-m", "pytest"] + sys.argv[1:], cwd=_venv.ROOT, env=env)


if __name__ == "__main__":
    raise SystemExit(_venv.guarded(main))

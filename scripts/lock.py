"""Refresh ``requirements.txt`` to the newest allowed versions, then run the suite.

Usage: ``python3 scripts/lock.py [--no-test] [pip-compile options]``.

Upgrading is a deliberate, tested step: this resolves the ranges in ``pyproject.toml``
(runtime, the ``dev`` extra and the build backend) to the newest releases, writes every
file's hash, and then runs ``scripts/test.py``, which reinstalls ``.venv`` from the new
lock. Commit the lock only when the suite passes. pip-tools runs from its own throw-away
environment, so it never becomes a dependency of belscript.

Kept readable by any Python, like ``scripts/test.py``.
"""

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from _python_check import require_supported_python  # noqa: E402

require_supported_python("scripts/lock.py")

import subprocess  # noqa: E402
import tempfile  # noqa: E402
import venv  # noqa: E402
from pathlib import Path  # noqa: E402

import _venv  # noqa: E402

COMPILE_OPTIONS = [
    "--generate-hashes", "--allow-unsafe", "--all-build-deps", "--extra", "dev", "--strip-extras",
    "--no-emit-index-url", "--no-emit-find-links", "--upgrade", "--quiet",
]


def _tool_python(folder):
    venv.EnvBuilder(with_pip=True).create(folder)
    python = Path(folder) / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    done = subprocess.run([str(python), "-m", "pip", "install", "-q", "pip-tools>=7.4"])
    if done.returncode != 0:
        raise _venv.SetupFailed("could not install pip-tools to refresh the lock; pip's messages above say why")
    return python


def main():
    args = sys.argv[1:]
    run_tests = "--no-test" not in args
    args = [a for a in args if a != "--no-test"]
    with tempfile.TemporaryDirectory(prefix="belscript-lock-") as folder:
        python = _tool_python(folder)
        print("belscript: resolving the newest allowed versions …", flush=True)
        status = _venv.run([str(python), "-m", "piptools", "compile"] + COMPILE_OPTIONS + args
                           + ["--output-file", str(_venv.LOCK), str(_venv.ROOT / "pyproject.toml")],
                           cwd=str(_venv.ROOT))
    if status != 0:
        raise _venv.SetupFailed("pip-compile failed; the lock file is unchanged or incomplete, see above")
    print("belscript: lock refreshed: " + str(_venv.LOCK.relative_to(_venv.ROOT)), flush=True)
    if not run_tests:
        return 0
    print("belscript: running the test suite against the new versions …", flush=True)
    return _venv.run([sys.executable, str(Path(HERE) / "test.py")], cwd=str(_venv.ROOT))


if __name__ == "__main__":
    raise SystemExit(_venv.guarded(main))

"""Create or refresh the project's local virtual environment in ``.venv``.

Shared by ``scripts/demo.py`` and ``scripts/test.py``. Needs only Python 3.11+. Every
dependency is installed at the exact version and hash listed in ``requirements.txt``
(``pip install --require-hashes``), so a clone from today and one from next year get the
same environment; ``scripts/lock.py`` refreshes that file on purpose. The environment is
reinstalled when ``pyproject.toml`` or the lock changes (a hash stamp decides).

Whatever goes wrong here (no ``venv`` module, no internet for pip, Ctrl-C) ends with
a short message that says what to do and a non-zero exit, never a traceback; the
stamp is only written after a complete install, so the next run simply tries again.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
STAMP = VENV / ".belscript-installed"
LOCK = ROOT / "requirements.txt"


class SetupFailed(Exception):
    """The environment could not be prepared; the message says what to do."""


def venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def ensure(extras: str = "dev") -> Path:
    """Return the venv's python, creating and installing it when needed."""
    if sys.version_info < (3, 11):
        raise SetupFailed(f"belscript needs Python 3.11 or newer; this is {sys.version.split()[0]}")
    try:
        wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + LOCK.read_bytes()
                                + extras.encode()).hexdigest()
    except OSError as exc:
        raise SetupFailed(f"cannot read {exc.filename}: {exc.strerror or exc}") from None
    python = venv_python()
    if python.exists() and STAMP.exists() and STAMP.read_text().strip() == wanted:
        return python
    if not python.exists() or not _has_pip(python):
        _create(python)
    print("belscript: installing dependencies (this happens once) …", flush=True)
    quiet = [] if os.environ.get("BELSCRIPT_VERBOSE_INSTALL") else ["-q"]
    # The locked set (runtime, test and build dependencies, each with its hashes) first;
    # then belscript itself, editable, without letting pip resolve anything else.
    result = subprocess.run([str(python), "-m", "pip", "install", *quiet, "--require-hashes",
                             "--no-deps", "-r", str(LOCK)])
    if result.returncode == 0:
        result = subprocess.run([str(python), "-m", "pip", "install", *quiet, "--no-deps",
                                 "--no-build-isolation", "-e", f"{ROOT}[{extras}]"])
    if result.returncode != 0:
        raise SetupFailed(
            f"installing the dependencies failed (pip stopped with status {result.returncode}); "
            "pip's messages above say why.\n"
            "Usually there is no internet connection, or a proxy or firewall blocks it. Fix that and run "
            "the same command again; set BELSCRIPT_VERBOSE_INSTALL=1 to see everything pip does."
        )
    # An editable install leaves our own modules uncompiled; compile them once so the
    # first start of the guide is as fast as every later one (also where the environment
    # sets PYTHONDONTWRITEBYTECODE). A failure here only costs speed.
    subprocess.run([str(python), "-m", "compileall", "-q", str(ROOT / "src" / "belscript")],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    STAMP.write_text(wanted)
    return python


def _has_pip(python: Path) -> bool:
    probe = subprocess.run([str(python), "-m", "pip", "--version"],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return probe.returncode == 0


def _create(python: Path) -> None:
    """Create ``.venv`` with pip; remove a half-made one so the next run starts clean."""
    import venv

    fresh = not VENV.exists()
    print("belscript: creating a virtual environment in .venv …", flush=True)
    try:
        venv.EnvBuilder(with_pip=True).create(VENV)
    except subprocess.CalledProcessError:
        if fresh:
            shutil.rmtree(VENV, ignore_errors=True)
        raise SetupFailed(
            f"could not install pip into the virtual environment in {VENV}.\n"
            "On Debian and Ubuntu install the venv module first, e.g. 'sudo apt install python3-venv', "
            "then run the same command again."
        ) from None
    except OSError as exc:
        if fresh:
            shutil.rmtree(VENV, ignore_errors=True)
        where = exc.filename or VENV
        raise SetupFailed(f"could not create the virtual environment: {where}: {exc.strerror or exc}") from None
    if not _has_pip(python):
        raise SetupFailed(f"the virtual environment in {VENV} has no pip; remove {VENV} and run the same command again")


def run(command: list[str], **kwargs) -> int:
    """Run a child program and return its exit status (``FileNotFoundError`` becomes a message)."""
    try:
        return subprocess.call(command, **kwargs)
    except OSError as exc:
        raise SetupFailed(f"cannot start {command[0]}: {exc.strerror or exc}") from None


def guarded(main) -> int:
    """Run a script's ``main`` so that failures end with a message, not a traceback."""
    try:
        return main()
    except SetupFailed as exc:
        print(f"belscript: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("belscript: interrupted", file=sys.stderr)
        return 130

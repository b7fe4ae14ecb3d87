"""Create or refresh the project's local virtual environment in ``.venv``.

Shared by ``scripts/demo.py`` and ``scripts/test.py``. Needs only Python 3.11+; the
environment is reinstalled when ``pyproject.toml`` changes (a hash stamp decides).
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
STAMP = VENV / ".belscript-installed"


def venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def ensure(extras: str = "dev") -> Path:
    """Return the venv's python, creating and installing it when needed."""
    if sys.version_info < (3, 11):
        sys.exit(f"belscript needs Python 3.11 or newer; this is {sys.version.split()[0]}")
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + extras.encode()).hexdigest()
    python = venv_python()
    if python.exists() and STAMP.exists() and STAMP.read_text().strip() == wanted:
        return python
    if not python.exists():
        print("belscript: creating a virtual environment in .venv …", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    print("belscript: installing dependencies (this happens once) …", flush=True)
    quiet = [] if os.environ.get("BELSCRIPT_VERBOSE_INSTALL") else ["-q"]
    subprocess.run([str(python), "-m", "pip", "install", *quiet, "--upgrade", "pip"], check=True)
    subprocess.run([str(python), "-m", "pip", "install", *quiet, "-e", f"{ROOT}[{extras}]"], check=True)
    STAMP.write_text(wanted)
    return python

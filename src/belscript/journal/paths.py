"""Where belscript keeps its files.

Call logs and confirmation e-mails hold personal data about customers, so everything
here is written owner-only through :mod:`belscript.private_files`.
"""

from __future__ import annotations

import os
from pathlib import Path

from belscript.private_files import private_dir

HOME_ENV = "BELSCRIPT_HOME"
DB_NAME = "calls.db"
CALLS_DIR = "calls"


def home_dir(home: str | os.PathLike[str] | None = None) -> Path:
    """The data directory: ``home`` if given, else ``$BELSCRIPT_HOME``, else the platform's user data dir."""
    if home is not None:
        return Path(home).expanduser()
    env = os.environ.get(HOME_ENV, "").strip()
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("belscript", appauthor=False))


def call_folder(call_id: int, home: str | os.PathLike[str] | None = None) -> Path:
    """The owner-only folder for one call's documents: ``<home>/calls/<id>/``."""
    root = private_dir(home_dir(home))
    return private_dir(private_dir(root / CALLS_DIR) / str(call_id))

"""Where belscript keeps its files, and how it writes them owner-only.

Call logs and confirmation e-mails hold personal data about customers, so every
directory is created ``0700`` and every file ``0600`` from the first byte on (the
file is opened with that mode rather than tightened afterwards, which would leave a
window in which others could read it).
"""

from __future__ import annotations

import os
from pathlib import Path

HOME_ENV = "BELSCRIPT_HOME"
DB_NAME = "calls.db"
CALLS_DIR = "calls"

PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600


def home_dir(home: str | os.PathLike[str] | None = None) -> Path:
    """The data directory: ``home`` if given, else ``$BELSCRIPT_HOME``, else the platform's user data dir."""
    if home is not None:
        return Path(home).expanduser()
    env = os.environ.get(HOME_ENV, "").strip()
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("belscript", appauthor=False))


def private_dir(path: Path) -> Path:
    """Create ``path`` (and missing parents) owner-only; tighten it if it already exists.

    Every folder created on the way is owner-only too (``mkdir -p`` would leave the
    parents it creates readable by others).
    """
    missing = []
    current = path
    while not current.exists() and current.parent != current:
        missing.append(current)
        current = current.parent
    for level in reversed(missing):
        try:
            level.mkdir(mode=PRIVATE_DIR)
        except FileExistsError:
            pass
    os.chmod(path, PRIVATE_DIR)
    return path


def write_private(path: Path, content: bytes | str) -> Path:
    """Write ``content`` to ``path`` as an owner-only file, replacing it atomically.

    The text is written to a temporary file created with mode 0600 in the same
    directory and renamed over the target, so a reader never sees half a file and
    an existing file with looser permissions is replaced, not reused.
    """
    data = content.encode("utf-8") if isinstance(content, str) else content
    if not path.parent.exists():
        private_dir(path.parent)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, PRIVATE_FILE)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path


def call_folder(call_id: int, home: str | os.PathLike[str] | None = None) -> Path:
    """The owner-only folder for one call's documents: ``<home>/calls/<id>/``."""
    root = private_dir(home_dir(home))
    return private_dir(private_dir(root / CALLS_DIR) / str(call_id))

"""Owner-only folders and files, for everything belscript keeps on disk.

Call logs, confirmation e-mails and even the phrasing cache sit next to customer data,
so every directory is created ``0700`` and every file ``0600`` from the first byte on
(the file is opened with that mode rather than tightened afterwards, which would leave
a window in which others could read it). Lives at the bottom of the package so the
domain (the phrasing cache) and the journal share one implementation.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600


class UnsafeFolder(PermissionError):
    """An existing folder belscript would keep customer data in is not the user's own.

    Belscript never changes the mode of a folder it did not create (a shared ``/tmp``
    would lose its sticky bit; as root, ``/proc`` would change), so it refuses instead.
    """


def private_dir(path: Path) -> Path:
    """Create ``path`` (and missing parents) owner-only; check it if it already exists.

    Every folder created on the way is owner-only too (``mkdir -p`` would leave the
    parents it creates readable by others). An existing folder is used as it is when
    it belongs to the user and nobody else can write in it; otherwise
    :class:`UnsafeFolder` is raised. Its mode is never changed.
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
            continue
        os.chmod(level, PRIVATE_DIR)  # ours: the umask must not loosen (or lock us out of) it
    if path not in missing:
        check_own_folder(path)
    return path


def check_own_folder(path: Path) -> None:
    """Raise :class:`UnsafeFolder` unless ``path`` is a folder of this user that only they can write to."""
    info = os.stat(path)
    if not hasattr(os, "getuid"):  # Windows: folder rights are ACLs, inherited from the user's profile
        return
    if not stat.S_ISDIR(info.st_mode):
        raise UnsafeFolder(f"{path} is geen map")
    if info.st_uid != os.getuid():
        raise UnsafeFolder(f"de map {path} is niet van u")
    if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        raise UnsafeFolder(f"in de map {path} kunnen ook anderen schrijven (rechten {stat.S_IMODE(info.st_mode):o})")


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

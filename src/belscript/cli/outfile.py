"""Writing the file a command produces: a new script, a drawing, the schema, an export.

One place decides how belscript writes a user's output file, so that every command
behaves the same way when something is off:

- the file is owner-only (0600) from its first byte, because exports hold customer data;
- it is written to a temporary file next to the target and renamed into place, so a
  full disk or Ctrl-C never leaves half a file and never destroys the file that was
  there before (``new --force`` keeps the old script when writing fails);
- missing folders on the way are created, each one owner-only (0700);
- a device or pipe (``/dev/stdout``, a FIFO) is written into directly: renaming over
  it would replace the device itself;
- ``protect`` names files this output must never replace (the script being drawn,
  the call log being exported), so a slip in ``-o`` cannot destroy them; nothing is
  ever written inside belscript's own data folder (``BELSCRIPT_HOME``: the call log,
  its companions, moved-aside logs and every call's documents);
- every failure is a :class:`~belscript.errors.UsageError` with a clear message
  (exit 2), never a traceback.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from pathlib import Path

from belscript.errors import UsageError
from belscript.private_files import PRIVATE_DIR, PRIVATE_FILE

_MESSAGES = {
    "en": {
        "no-name": "no output file name given",
        "folder": "{path} is a folder; give a file name, for example {example}",
        "exists": "{path} already exists; use --force to overwrite it",
        "protected": "{path} is {what}; writing there would destroy it, so choose another file name",
        "data": "{path} is inside belscript's data folder {home} (the call log and every call's documents); choose a file elsewhere",
        "parent": "cannot write {path}: {parent} is not a folder",
        "failed": "cannot write {path}: {reason}",
    },
    "nl": {
        "no-name": "geen bestandsnaam opgegeven",
        "folder": "{path} is een map; geef een bestandsnaam op, bijvoorbeeld {example}",
        "exists": "{path} bestaat al; gebruik --force om het te overschrijven",
        "protected": "{path} is {what}; dat zou dan verloren gaan, dus kies een andere bestandsnaam",
        "data": "{path} ligt in de gegevensmap {home} van belscript (het gesprekslogboek en de documenten van elk gesprek); kies een bestand elders",
        "parent": "kan {path} niet schrijven: {parent} is geen map",
        "failed": "kan {path} niet schrijven: {reason}",
    },
}

def write_output(target: str | os.PathLike[str], data: str | bytes | Iterable[str], *, overwrite: bool = True,
                 protect: tuple[tuple[str | os.PathLike[str], str], ...] = (),
                 example_name: str = "output.txt", language: str = "en") -> Path:
    """Write ``data`` to ``target`` owner-only and return the path written.

    ``overwrite=False`` refuses an existing file (commands offer ``--force`` for it).
    ``protect`` holds ``(path, description)`` pairs that must never be replaced.
    ``data`` may also be an iterable of text pieces, written as they come (an export
    of any size in constant memory); the file still appears only when it is complete.
    """
    say = _MESSAGES[language]
    raw = os.fspath(target)
    if not raw.strip():
        raise UsageError(say["no-name"])
    path = Path(raw).expanduser()
    payload = data.encode("utf-8") if isinstance(data, str) else data
    if not isinstance(payload, bytes):
        payload = (piece.encode("utf-8") for piece in payload)
    home = _inside_data_folder(path)
    if home is not None:
        raise UsageError(say["data"].format(path=path, home=home))

    try:
        info = os.stat(path)
    except FileNotFoundError:
        info = None
    except NotADirectoryError:
        raise UsageError(say["parent"].format(path=path, parent=_first_file_parent(path))) from None
    except OSError as exc:
        raise UsageError(say["failed"].format(path=path, reason=_reason(exc))) from None

    if info is not None:
        if stat.S_ISDIR(info.st_mode):
            raise UsageError(say["folder"].format(path=path, example=path / example_name))
        for guarded, what in protect:
            if _same_file(path, guarded):
                raise UsageError(say["protected"].format(path=path, what=what))
        if not stat.S_ISREG(info.st_mode):  # a device or pipe: written into, nothing is replaced
            _write_into(path, payload, say)
            return path
        if not overwrite:
            raise UsageError(say["exists"].format(path=path))
        # Replace what a symbolic link points to, not the link itself.
        path = Path(os.path.realpath(path))

    _make_folders(path.parent, say, path)
    _write_atomically(path, payload, overwrite=overwrite, say=say)
    return path


def write_outputs(files: Iterable[tuple[Path, str | bytes]], *, overwrite: bool,
                  language: str = "nl") -> list[Path]:
    """Write files that belong together (a letter's .eml and .pdf): without ``overwrite``,
    refuse before writing any of them when one already exists, so no half set is left."""
    files = list(files)
    if not overwrite:
        for target, _data in files:
            if target.exists():
                raise UsageError(_MESSAGES[language]["exists"].format(path=target))
    return [write_output(target, data, overwrite=overwrite, example_name=target.name, language=language)
            for target, data in files]


def _inside_data_folder(path: Path) -> Path | None:
    """Belscript's data folder when ``path`` (after links) lies in it, else None."""
    from belscript.journal.paths import home_dir

    try:
        home = Path(os.path.realpath(home_dir()))
        where = Path(os.path.realpath(path))
    except (OSError, ValueError):
        return None
    return home if where == home or home in where.parents else None


def _write_atomically(path: Path, payload: bytes | Iterable[bytes], *, overwrite: bool, say: dict[str, str]) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
        try:
            with os.fdopen(fd, "wb") as handle:
                os.fchmod(handle.fileno(), PRIVATE_FILE)
                _put(handle, payload)
                handle.flush()
                os.fsync(handle.fileno())
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        if overwrite:
            os.replace(tmp, path)
        else:
            _place_new(tmp, path, say)
    except UsageError:
        raise
    except OSError as exc:
        raise UsageError(say["failed"].format(path=path, reason=_reason(exc))) from None
    finally:
        if tmp.exists():
            tmp.unlink(missing_ok=True)


def _place_new(tmp: Path, path: Path, say: dict[str, str]) -> None:
    """Move ``tmp`` to ``path`` only if nothing appeared there meanwhile."""
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise UsageError(say["exists"].format(path=path)) from None
    except OSError:  # a file system without hard links: check, then rename
        if path.exists():
            raise UsageError(say["exists"].format(path=path)) from None
        os.replace(tmp, path)


def _put(handle, payload: bytes | Iterable[bytes]) -> None:
    for piece in (payload,) if isinstance(payload, bytes) else payload:
        handle.write(piece)


def _write_into(path: Path, payload: bytes | Iterable[bytes], say: dict[str, str]) -> None:
    try:
        with open(path, "wb") as handle:
            _put(handle, payload)
    except OSError as exc:
        raise UsageError(say["failed"].format(path=path, reason=_reason(exc))) from None


def _make_folders(folder: Path, say: dict[str, str], path: Path) -> None:
    """Create the missing folders above the output file, each owner-only."""
    missing = []
    current = folder
    while not current.exists():
        if current.is_symlink():  # a dangling link: let the write report it
            break
        missing.append(current)
        if current.parent == current:
            break
        current = current.parent
    if current.exists() and not current.is_dir():
        raise UsageError(say["parent"].format(path=path, parent=current))
    for level in reversed(missing):
        try:
            os.mkdir(level, PRIVATE_DIR)
            os.chmod(level, PRIVATE_DIR)
        except FileExistsError:
            continue
        except OSError as exc:
            raise UsageError(say["failed"].format(path=path, reason=_reason(exc))) from None


def _first_file_parent(path: Path) -> Path:
    for parent in reversed(path.parents):
        if parent.exists() and not parent.is_dir():
            return parent
    return path.parent


def _same_file(a: Path, b: str | os.PathLike[str]) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _reason(exc: OSError) -> str:
    text = exc.strerror or str(exc)
    return text[:1].lower() + text[1:]

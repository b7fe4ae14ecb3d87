"""The one size-limited UTF-8 reader: every document and text file belscript reads.

Scripts, customer files, rule files, personas, the escalation ladder and rates table,
the mapping of an import and the text given to ``belscript lint`` (a file or standard
input) all come through here, so each is refused the same way with the same message:
larger than :data:`MAX_BYTES` (checked before reading, so a huge file costs nothing),
not UTF-8 (pointing at the first bad byte, with a hint for UTF-16), or not a regular
file (a FIFO with no writer would wait forever). Too large and not UTF-8 are
:class:`~belscript.document.diagnostics.Diagnostic` objects at ``line:column``; a file
that cannot be opened at all raises :class:`~belscript.errors.InputError`. A UTF-8 byte
order mark is dropped. The open-items and bank exports of ``belscript import`` have their
own reader with a larger limit (spreadsheets are bigger), in ``imports/rawfile.py``.
"""

from __future__ import annotations

import os
import stat

from belscript.document.diagnostics import Diagnostic
from belscript.errors import InputError, InvalidDocument

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (lint - reads through this)
if TYPE_CHECKING:  # pragma: no cover
    from typing import BinaryIO

__all__ = ["MAX_BYTES", "decode", "read_stream", "read_text", "read_text_or_raise", "too_large"]

#: Largest file we read at all; real scripts are a few dozen kilobytes, generated
#: test scripts of 10,000 steps about 5 MB.
MAX_BYTES = 8 * 1024 * 1024


def read_text(path: str | os.PathLike) -> tuple[str | None, list[Diagnostic]]:
    """Read a file as UTF-8 text, refusing huge files before reading them.

    Returns ``(text, [])`` or ``(None, [diagnostic])`` for a file that is too large or
    not UTF-8; raises :class:`InputError` when the file cannot be read at all.
    """
    name = str(path)
    try:
        # Before opening: opening a FIFO with no writer would wait forever.
        if not stat.S_ISREG(os.stat(path).st_mode) and not os.path.isdir(path):
            raise InputError(f"{name} is not a regular file (a pipe or device); give a file", path=name)
        with open(path, "rb") as handle:
            info = os.fstat(handle.fileno())
            if stat.S_ISDIR(info.st_mode):
                raise InputError(f"{name} is a directory, not a file", path=name)
            if not stat.S_ISREG(info.st_mode):
                raise InputError(f"{name} is not a regular file (a pipe or device); give a file", path=name)
            if info.st_size > MAX_BYTES:
                return None, [too_large(name, info.st_size)]
            data = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise InputError(f"{name}: no such file", path=name) from None
    except IsADirectoryError:
        raise InputError(f"{name} is a directory, not a file", path=name) from None
    except PermissionError:
        raise InputError(f"{name}: permission denied", path=name) from None
    except OSError as exc:
        raise InputError(f"{name}: cannot read ({exc.strerror or exc})", path=name) from None
    return decode(data, name)


def read_stream(stream: BinaryIO, name: str) -> tuple[str | None, list[Diagnostic]]:
    """Read an open binary stream (standard input) with the same limit and diagnostics."""
    try:
        data = stream.read(MAX_BYTES + 1)
    except OSError as exc:
        raise InputError(f"{name}: cannot read ({exc.strerror or exc})", path=name) from None
    return decode(data, name)


def read_text_or_raise(path: str | os.PathLike) -> str:
    """:func:`read_text`, raising :class:`InvalidDocument` for a file too large or not UTF-8."""
    text, problems = read_text(path)
    if text is None:
        raise InvalidDocument(problems)
    return text


def too_large(name: str, size: int | None) -> Diagnostic:
    """The diagnostic for a file or text over :data:`MAX_BYTES` (``size`` when known)."""
    what = f"{size / 1024 / 1024:.1f} MB" if size is not None else "more than the limit"
    return Diagnostic(name, 1, 1, "error",
                      f"file is too large ({what}); belscript reads files up to {MAX_BYTES // 1024 // 1024} MB",
                      "too-large")


def decode(data: bytes, name: str) -> tuple[str | None, list[Diagnostic]]:
    """Decode UTF-8 strictly (at most :data:`MAX_BYTES`); point at the first byte that is not UTF-8."""
    if len(data) > MAX_BYTES:
        return None, [too_large(name, None)]
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        col = len(before[before.rfind(b"\n") + 1:].decode("utf-8", errors="replace")) + 1
        hint = ""
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            hint = " (this looks like UTF-16)"
        return None, [Diagnostic(
            name, line, col, "error",
            f"byte 0x{data[exc.start]:02x} is not UTF-8{hint}; save the file as UTF-8",
            "not-utf8",
        )]

"""Reading a user's file as bytes or text, refusing what is not worth parsing.

Size is checked before reading (a 100 MB "export" is refused at once), binary data is
recognised by NUL bytes, and text is decoded the way Dutch exports are written:
UTF-8 with or without BOM, UTF-16 with a BOM (Excel's "Unicode text"), else
Windows-1252 — but only when every byte is a defined, printable Windows-1252 character,
so a random binary never passes as text.
"""

from __future__ import annotations

import os
import re
import stat

from belscript.imports.problems import MAX_BYTES, refuse


def read_bytes(path: str | os.PathLike, limit: int = MAX_BYTES) -> bytes:
    """Return the file's bytes, or refuse it (missing, a folder, unreadable, too large)."""
    name = str(path)
    try:
        with open(path, "rb") as handle:
            info = os.fstat(handle.fileno())
            if stat.S_ISDIR(info.st_mode):
                raise refuse(name, "dit is een map, geen bestand")
            if stat.S_ISREG(info.st_mode) and info.st_size > limit:
                raise refuse(name, f"het bestand is te groot ({info.st_size / 1024 / 1024:.0f} MB); "
                                   f"belscript leest bestanden tot {limit // 1024 // 1024} MB")
            data = _read_upto(handle, info.st_size if stat.S_ISREG(info.st_mode) else None, limit)
    except FileNotFoundError:
        raise refuse(name, "bestand niet gevonden") from None
    except IsADirectoryError:
        raise refuse(name, "dit is een map, geen bestand") from None
    except PermissionError:
        raise refuse(name, "geen toestemming om dit bestand te lezen") from None
    except OSError as exc:
        raise refuse(name, f"het bestand kan niet gelezen worden ({exc.strerror or exc})") from None
    if len(data) > limit:
        raise refuse(name, f"het bestand is te groot; belscript leest bestanden tot {limit // 1024 // 1024} MB")
    return data


def _read_upto(handle, size: int | None, limit: int) -> bytes:
    """At most ``limit + 1`` bytes. A regular file is read at its own size, since asking
    for ``limit + 1`` bytes makes Python set up a 50 MB buffer for every small file."""
    if size is None:
        return handle.read(limit + 1)
    data = handle.read(size + 1)
    if len(data) > size:  # it grew since it was measured
        data += handle.read(limit + 1 - len(data))
    return data


_CP1252_UNDEFINED = {0x81, 0x8D, 0x8F, 0x90, 0x9D}
#: Control characters other than tab, line feed, form feed and carriage return.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")


def decode_text(data: bytes, name: str) -> str:
    """Decode an export as text; refuse binary data and unknown encodings clearly."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise refuse(name, "het bestand zegt UTF-16 te zijn, maar is het niet") from None
        return _printable(text, name)
    if data.startswith(b"PK\x03\x04"):
        raise refuse(name, "dit is geen tekstbestand maar een ingepakt bestand (zoals .xlsx); "
                           "geef het de juiste extensie")
    if b"\x00" in data[:65536]:
        raise refuse(name, "dit is geen tekstbestand (het bevat binaire gegevens)")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        if any(b in _CP1252_UNDEFINED for b in data):
            raise refuse(name, "de tekencodering van dit bestand is onbekend; "
                               "sla het op als UTF-8 (of Windows-1252)") from None
        text = data.decode("cp1252")
    return _printable(text, name)


def _printable(text: str, name: str) -> str:
    found = _CONTROL.search(text)
    if found is not None:
        bad = found.start()
        line = text.count("\n", 0, bad) + 1
        raise refuse(name, f"onleesbaar teken (code {ord(text[bad])}); dit lijkt geen tekstexport", row=line)
    return text

"""Which database the store uses, and how to name it without giving away a password.

``BELSCRIPT_DATABASE=postgresql://…`` selects a shared PostgreSQL server; the same
setting may live in ``config.toml`` in ``BELSCRIPT_HOME`` (``database = "…"``), which
must then be readable by its owner only because it may hold a password. Without
either, the store is SQLite in ``BELSCRIPT_HOME``. The caller's name comes from
``BELSCRIPT_CALLER`` or ``caller = "…"`` in the same file, the caller's company from
``BELSCRIPT_COMPANY`` or ``company = "…"``.

The URL is passed to the driver untouched, so TLS settings (``sslmode``,
``sslrootcert``, ``sslcert``…) and libpq's ``PG*`` environment variables work as
documented by PostgreSQL. Only :func:`redact` output ever reaches a message.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from belscript.store.errors import StoreError

DATABASE_ENV = "BELSCRIPT_DATABASE"
CALLER_ENV = "BELSCRIPT_CALLER"
COMPANY_ENV = "BELSCRIPT_COMPANY"
CONFIG_NAME = "config.toml"
STORE_DB = "belscript.db"
SPOOL_DB = "spool.db"


@dataclass(frozen=True)
class Settings:
    """Where the store lives: ``url`` is None for SQLite in ``home``."""

    home: Path
    url: str | None = None
    caller: str | None = None
    #: The caller's own company, named in the opening of a call started from the store.
    company: str | None = None

    @property
    def engine(self) -> str:
        return "postgresql" if self.url else "sqlite"

    def describe(self) -> str:
        """A name for messages: the SQLite path, or the server without secrets."""
        return redact(self.url) if self.url else str(self.home / STORE_DB)

    def __repr__(self) -> str:  # keep the password out of tracebacks and logs too
        return f"Settings(home={str(self.home)!r}, engine={self.engine!r}, database={self.describe()!r})"


def redact(url: str) -> str:
    """``postgresql://anna:geheim@db.example:5432/boeken?sslmode=require`` → ``db.example:5432/boeken``.

    Works for URLs and for libpq key=value strings; never returns the password, the
    user name or query options (which may hold a password too).
    """
    text = url.strip()
    if "://" in text:
        try:
            parts = urlsplit(text)
            host = parts.hostname or "localhost"
            port = parts.port or 5432
        except ValueError:
            return "PostgreSQL-server"
        database = unquote(parts.path.lstrip("/")) or "postgres"
        return f"{host}:{port}/{database}"
    fields = {}
    for item in text.split():
        key, _, value = item.partition("=")
        fields[key.strip()] = value.strip().strip("'")
    return f"{fields.get('host', 'localhost')}:{fields.get('port', '5432')}/{fields.get('dbname', 'postgres')}"


def load_settings(home: str | os.PathLike[str] | None = None, *, url: str | None = None,
                  environ: dict[str, str] | None = None) -> Settings:
    """Resolve the database setting: an explicit ``url``, the environment, the config file."""
    env = os.environ if environ is None else environ
    root = _home(home, env)
    config = _read_config(root / CONFIG_NAME)
    chosen = url if url is not None else (env.get(DATABASE_ENV, "").strip() or config.get("database"))
    if chosen is not None and not isinstance(chosen, str):
        raise StoreError(f"'database' in {root / CONFIG_NAME} moet tekst zijn, bijvoorbeeld "
                         "database = \"postgresql://belscript@server/boeken\"")
    chosen = (chosen or "").strip() or None
    if chosen and not (chosen.startswith(("postgresql://", "postgres://")) or "host=" in chosen
                       or "dbname=" in chosen):
        raise StoreError("de database-instelling wordt niet herkend; gebruik een PostgreSQL-adres "
                         "dat begint met postgresql://",
                         hint=f"Laat {DATABASE_ENV} leeg om de eigen database op deze computer te gebruiken.")
    caller = env.get(CALLER_ENV, "").strip() or config.get("caller")
    company = env.get(COMPANY_ENV, "").strip() or config.get("company")
    return Settings(home=root, url=chosen, caller=str(caller).strip() or None if caller else None,
                    company=str(company).strip() or None if company else None)


def _home(home: str | os.PathLike[str] | None, env: dict[str, str] | os._Environ[str]) -> Path:
    """The data folder, by the same rule as the call log (``journal.paths.home_dir``).

    Repeated here rather than imported, because importing the journal package would load
    the call log and its models into every store user; the follow-up that moves the call
    log into the store moves this rule below both.
    """
    if home is not None:
        return Path(home).expanduser()
    chosen = env.get("BELSCRIPT_HOME", "").strip()
    if chosen:
        return Path(chosen).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("belscript", appauthor=False))


def _read_config(path: Path) -> dict[str, object]:
    """Read ``config.toml``; refuse one others can read, since it may hold a password."""
    try:
        info = path.stat()
    except FileNotFoundError:
        return {}
    except OSError as exc:
        raise StoreError(f"het instellingenbestand {path} kan niet worden gelezen: {exc.strerror}") from None
    if os.name == "posix" and info.st_mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise StoreError(f"het instellingenbestand {path} is ook door anderen te lezen, en het kan een "
                         "wachtwoord bevatten",
                         hint=f"Maak het alleen voor u leesbaar: chmod 600 {path}")
    import tomllib

    try:
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise StoreError(f"het instellingenbestand {path} is geen geldig TOML: {exc}") from None
    return data


def read_config(home: str | os.PathLike[str] | None = None) -> dict[str, object]:
    """The settings in ``config.toml`` (empty without one), with the same owner-only check."""
    return _read_config(_home(home, os.environ) / CONFIG_NAME)

"""A throw-away PostgreSQL server for the tests and the team benchmark.

``initdb`` + ``pg_ctl`` in a fresh temporary folder, listening on 127.0.0.1 on a free
port, with a password (scram) so the tests also see that a password never reaches a
message. PostgreSQL refuses to run as root; when the tests run as root (as CI does)
the server runs as the ``postgres`` system user through ``runuser -u postgres --``,
and its folder is handed to that user. The binaries are looked up on PATH and in
``/usr/lib/postgresql/*/bin``; :func:`find_binaries` returns None when they are missing,
and the fixture then skips with that reason.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

PASSWORD = "geheim-wachtwoord-42"


def find_binaries() -> Path | None:
    found = shutil.which("pg_ctl")
    if found:
        return Path(os.path.realpath(found)).parent
    for candidate in sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), reverse=True):
        return Path(candidate).parent
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PgServer:
    """One server; :meth:`kill` and :meth:`start` let a test take it away and bring it back."""

    def __init__(self, bindir: Path, *, fsync: bool = False, settings: dict[str, str] | None = None) -> None:
        self.bindir = bindir
        self.port = _free_port()
        self.root = Path(tempfile.mkdtemp(prefix="belscript-pg-"))
        self.data = self.root / "data"
        self.log = self.root / "server.log"
        self.fsync = fsync
        #: Further server settings (``-c name=value``), e.g. the team server's recommended ones.
        self.settings = dict(settings or {})
        self.as_user: list[str] = []
        if os.geteuid() == 0:
            if not shutil.which("runuser"):
                raise RuntimeError("running as root needs runuser to start PostgreSQL as the postgres user")
            self.as_user = ["runuser", "-u", "postgres", "--"]
            shutil.chown(self.root, "postgres", "postgres")

    def url(self, database: str = "postgres", **options: str) -> str:
        query = "&".join(f"{k}={v}" for k, v in options.items())
        return f"postgresql://postgres:{PASSWORD}@127.0.0.1:{self.port}/{database}" + (f"?{query}" if query else "")

    def _run(self, *args: str) -> None:
        out = subprocess.run([*self.as_user, *args], capture_output=True, text=True, cwd=self.root)
        if out.returncode != 0:
            raise RuntimeError(f"{args[0]} failed: {out.stdout[-800:]} {out.stderr[-800:]}")

    def init(self) -> "PgServer":
        pwfile = self.root / "pw"
        pwfile.write_text(PASSWORD + "\n")
        if self.as_user:
            shutil.chown(pwfile, "postgres", "postgres")
        self._run(str(self.bindir / "initdb"), "-D", str(self.data), "-U", "postgres", "--pwfile", str(pwfile),
                  "--auth-host=scram-sha-256", "--auth-local=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync")
        pwfile.unlink()
        return self.start()

    def start(self) -> "PgServer":
        options = f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.root} -c max_connections=60"
        if not self.fsync:
            options += " -c fsync=off -c full_page_writes=off"  # a killed server keeps its commits; only a power cut would not
        options += "".join(f" -c {name}={value}" for name, value in self.settings.items())
        self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-l", str(self.log), "-w", "-t", "60",
                  "-o", options, "start")
        return self

    def kill(self) -> None:
        """Stop the server the hard way (like a crash or a pulled cable), dropping connections."""
        self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop")

    def stop(self) -> None:
        try:
            self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop")
        except RuntimeError:
            pass
        shutil.rmtree(self.root, ignore_errors=True)

    def execute(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(sql)

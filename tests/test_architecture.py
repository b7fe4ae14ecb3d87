"""The layers stay as documented: the domain never reaches for the screen or the disk,
and every command is documented and has help."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from belscript.cli.main import COMMANDS, build_parser

SRC = Path(__file__).resolve().parent.parent / "src" / "belscript"
ROOT = SRC.parent.parent

DOMAIN = ["script", "phrasing", "agreement", "engine", "dossier.py", "money.py", "clock.py",
          "errors.py", "diagnostics.py", "calltime.py"]
FORBIDDEN_IN_DOMAIN = ("prompt_toolkit", "sqlite3", "psycopg", "belscript.cli", "belscript.tui", "belscript.journal",
                       "belscript.practice", "belscript.followup", "belscript.store")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def _domain_files() -> list[Path]:
    files: list[Path] = []
    for name in DOMAIN:
        target = SRC / name
        if target.is_dir():
            files.extend(sorted(target.rglob("*.py")))
        elif target.exists():
            files.append(target)
    return files


@pytest.mark.parametrize("path", _domain_files(), ids=lambda p: str(p.relative_to(SRC)))
def test_domain_modules_know_nothing_of_screen_or_storage(path):
    """Script, phrasing, agreement and engine code never imports the UI, SQLite or the CLI."""
    bad = sorted(m for m in _imports(path) if m.startswith(FORBIDDEN_IN_DOMAIN))
    assert not bad, f"{path.relative_to(SRC)} imports {bad}"


def test_every_command_has_help_and_is_documented():
    """Each command answers --help and appears in the README and the Dutch guide."""
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    guide = (ROOT / "docs" / "handleiding.md").read_text(encoding="utf-8")
    for name, _summary in COMMANDS:
        assert name in sub.choices, f"command {name} has no module"
        help_text = sub.choices[name].format_help()
        assert len(help_text) > 100
        assert f"belscript {name}" in readme, f"{name} missing from README"
        assert f"belscript {name}" in guide, f"{name} missing from docs/handleiding.md"


SCRIPT = str(SRC / "data" / "scripts" / "eerste-gesprek.yaml")

NON_INTERACTIVE_RUNS = {
    "validate": ["validate", SCRIPT],
    "lint": ["lint", SCRIPT],
    "graph": ["graph", SCRIPT],
    "schema": ["schema"],
    "scripts": ["scripts"],
    "test": ["test", SCRIPT],
    "log": ["log"],
    "klant": ["klant", "niemand"],
    "new": ["new", "{tmp}/eigen.yaml", "--extends", "eerste-gesprek"],
}


@pytest.mark.parametrize("command", sorted(NON_INTERACTIVE_RUNS))
def test_non_interactive_commands_never_load_the_terminal_ui(command, tmp_path):
    """Really running a non-interactive command never pays for importing prompt_toolkit or the PostgreSQL driver."""
    argv = [a.replace("{tmp}", str(tmp_path)) for a in NON_INTERACTIVE_RUNS[command]]
    code = (
        "import sys\n"
        "from belscript.cli.main import main\n"
        f"code = main({argv!r})\n"
        "print('PT-LOADED' if 'prompt_toolkit' in sys.modules else 'PT-ABSENT', code,"
        " 'PG-LOADED' if 'psycopg' in sys.modules else 'PG-ABSENT')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    last = out.stdout.strip().splitlines()[-1]
    assert last.split()[0] == "PT-ABSENT", out.stdout[-500:] + out.stderr[-500:]
    assert last.split()[1] in ("0", "1"), out.stderr[-500:]
    assert last.split()[2] == "PG-ABSENT", "a command that does not use the store imported the database driver"


def test_version_and_help_answer():
    """`belscript --version` and `belscript --help` work from the installed command."""
    out = subprocess.run([sys.executable, "-m", "belscript", "--version"], capture_output=True, text=True)
    assert out.returncode == 0 and out.stdout.startswith("belscript ")
    out = subprocess.run([sys.executable, "-m", "belscript", "--help"], capture_output=True, text=True)
    assert out.returncode == 0
    for name, _ in COMMANDS:
        assert name in out.stdout


def test_the_store_stays_below_the_screen_and_the_command_line():
    """The store imports neither the terminal UI nor the command line, and no driver at import time."""
    for path in sorted((SRC / "store").rglob("*.py")):
        bad = sorted(m for m in _imports(path) if m.startswith(("prompt_toolkit", "belscript.cli", "belscript.tui",
                                                                 "belscript.practice", "belscript.followup")))
        assert not bad, f"{path.relative_to(SRC)} imports {bad}"
    code = "import sys, belscript.store; print('psycopg' in sys.modules, 'sqlite3' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stdout.split() == ["False", "False"], out.stdout + out.stderr

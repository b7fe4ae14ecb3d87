"""Inputs that are not files, huge numbers and endless streams end in a clear message."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from belscript.cli.main import main
from belscript.document.yamlsafe import MAX_BYTES


def _run(argv, capsys):
    code = main(argv)
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out + err


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
@pytest.mark.parametrize("argv", [["validate", "{p}"], ["lint", "{p}"], ["test", "{p}"], ["graph", "{p}"],
                                  ["validate", "--kind", "dossier", "{p}"], ["lint", "--rules", "{p}", "-"]])
def test_a_named_pipe_as_input_is_refused_at_once(argv, tmp_path, capsys, monkeypatch):
    """A FIFO given as an input file is refused with a message instead of waiting forever for a writer."""
    import io

    fifo = tmp_path / "pijp.yaml"
    os.mkfifo(fifo)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"tekst")))
    code, output = _run([a.replace("{p}", str(fifo)) for a in argv], capsys)
    assert code != 0 and "regular file" in output


def test_lint_refuses_a_text_file_above_the_size_limit(tmp_path, capsys):
    """A text file larger than the limit is refused before it is read."""
    big = tmp_path / "groot.txt"
    with open(big, "wb") as handle:
        handle.truncate(MAX_BYTES + 1)
    code, output = _run(["lint", str(big)], capsys)
    assert code != 0 and "too large" in output


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_lint_of_endless_standard_input_stops_at_the_limit():
    """'lint -' fed from /dev/zero stops at the size limit with a message instead of filling the memory."""
    with open("/dev/zero", "rb") as zero:
        done = subprocess.run([sys.executable, "-m", "belscript", "lint", "-"], stdin=zero,
                              capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and "too large" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.parametrize("number", ["99999999999999999999999", "9223372036854775808", "-1", "0"])
def test_a_call_number_beyond_any_call_is_unknown(number, capsys):
    """'log show' with a number no call can have says the call is not in the log."""
    code, output = _run(["log", "show", "--", number], capsys)
    assert code == 1 and "staat niet in het logboek" in output


def test_a_long_extends_chain_is_resolved_in_moments(tmp_path, capsys):
    """Twenty scripts each extending the previous one validate quickly: each base is read once."""
    import time

    (tmp_path / "s0.yaml").write_text("extends: eerste-gesprek\nname: s0\n", encoding="utf-8")
    for n in range(1, 20):
        (tmp_path / f"s{n}.yaml").write_text(f"extends: s{n - 1}.yaml\nname: s{n}\n", encoding="utf-8")
    started = time.monotonic()
    code, output = _run(["validate", str(tmp_path / "s19.yaml")], capsys)
    assert code == 0, output
    assert time.monotonic() - started < 60

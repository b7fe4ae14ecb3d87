"""Every loader reads files through the one size-limited UTF-8 reader, so an oversize file
and a file that is not UTF-8 are refused the same way, with the same message, whatever
kind of document it was meant to be."""

from __future__ import annotations

import io
import sys

import pytest

from belscript.document.textfile import MAX_BYTES
from belscript.errors import BelscriptError

TOO_LARGE = "file is too large (8.0 MB); belscript reads files up to 8 MB"
NOT_UTF8 = "byte 0xff is not UTF-8; save the file as UTF-8"


def _load_script(path):
    from belscript.script.loader import load_script

    load_script(path)


def _load_dossier(path):
    from belscript.dossier.loader import load_dossier

    load_dossier(path)


def _load_rules(path):
    from belscript.phrasing.rules import load_rule_file

    load_rule_file(path)


def _load_persona(path):
    from belscript.practice.library import load_persona

    load_persona(path)


def _load_ladder(path):
    from belscript.escalation import load_ladder

    load_ladder(path)


def _load_rates(path):
    from belscript.escalation import load_rates

    load_rates(path)


def _load_mapping(path):
    from belscript.imports.mapping import load_mapping

    load_mapping(path)


def _lint_text_file(path):
    from belscript.cli.cmd_lint import _read_text

    _read_text(str(path))


LOADERS = {
    "script": _load_script, "customer file": _load_dossier, "rule file": _load_rules, "persona": _load_persona,
    "ladder": _load_ladder, "rates": _load_rates, "import mapping": _load_mapping, "lint text file": _lint_text_file,
}


def _refusal(load, path) -> str:
    with pytest.raises(BelscriptError) as caught:
        load(path)
    return str(caught.value)


@pytest.mark.parametrize("kind", sorted(LOADERS))
def test_every_loader_refuses_an_oversize_file_with_the_same_message(kind, tmp_path):
    """A file over 8 MB is refused before it is read, with one message for every kind of file."""
    path = tmp_path / "groot.yaml"
    with open(path, "wb") as handle:
        handle.truncate(MAX_BYTES + 1)
    assert TOO_LARGE in _refusal(LOADERS[kind], path)


@pytest.mark.parametrize("kind", sorted(LOADERS))
def test_every_loader_refuses_a_file_that_is_not_utf8_with_the_same_message(kind, tmp_path):
    """A byte that is not UTF-8 is refused with one message that names it, for every kind of file."""
    path = tmp_path / "latin1.yaml"
    path.write_bytes("naam: Caf\u00e9 ".encode("utf-8") + b"\xff\n")
    assert NOT_UTF8 in _refusal(LOADERS[kind], path)


@pytest.mark.parametrize("data, message", [
    (b"a" * (MAX_BYTES + 1), "file is too large (more than the limit); belscript reads files up to 8 MB"),
    (b"Caf\xff\n", NOT_UTF8),
], ids=["oversize", "not-utf8"])
def test_lint_of_standard_input_refuses_like_a_file(data, message, monkeypatch):
    """Text piped into `belscript lint -` is refused with the same messages as a file."""
    from belscript.cli import cmd_lint

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    with pytest.raises(BelscriptError) as caught:
        cmd_lint._read_stdin()
    assert message in str(caught.value)

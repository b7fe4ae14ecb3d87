"""The safe YAML loader: strings stay strings, tricks are refused with positions."""

from __future__ import annotations

import pytest
import yaml

from belscript.errors import InputError, InvalidDocument
from belscript.document import yamlsafe
from belscript.document.yamlsafe import load_file, load_text, parse


def codes(text: str) -> list[tuple[int, int, str]]:
    _, _, problems = parse(text, "x.yaml")
    return [(d.line, d.column, d.code) for d in problems]


def test_yaml_11_surprises_stay_text():
    """yes/no/on/off, times, octal-looking numbers and numbers are kept exactly as written."""
    value, _ = load_text("a: yes\nb: no\nc: on\nd: off\ne: 12:30\nf: 010\ng: 1.5\nh: true\n")
    assert value == {"a": "yes", "b": "no", "c": "on", "d": "off", "e": "12:30", "f": "010", "g": "1.5", "h": "true"}


def test_empty_tilde_and_null_mean_no_value_but_quoted_null_is_text():
    """An empty value, ~ and null are 'nothing'; a quoted 'null' is the word itself."""
    value, _ = load_text("a:\nb: ~\nc: null\nd: 'null'\ne: ''\n")
    assert value == {"a": None, "b": None, "c": None, "d": "null", "e": ""}


def test_keys_are_always_text():
    """Keys that YAML 1.1 would turn into numbers or booleans stay strings."""
    value, _ = load_text("1: a\ntrue: b\nno: c\n")
    assert list(value) == ["1", "true", "no"]


@pytest.mark.parametrize("text, expected", [
    ("a: 1\na: 2\n", [(2, 1, "yaml-duplicate-key")]),
    ("a: &x 1\nb: *x\n", [(1, 4, "yaml-anchor"), (2, 4, "yaml-alias")]),
    ("a:\n  <<: {b: 1}\n", [(2, 3, "yaml-merge")]),
    ("a: !!python/object:os.system x\n", [(1, 4, "yaml-tag")]),
    ("a: !!python/name:os.system\n", [(1, 4, "yaml-tag")]),
    ("? [a, b]\n: c\n", [(1, 3, "yaml-key")]),
    ("a: 1\n---\nb: 2\n", [(2, 1, "yaml-multiple-documents")]),
    ("a: [1, 2\n", [(2, 1, "yaml-syntax")]),
    ("", [(1, 1, "empty")]),
])
def test_refused_constructs_are_reported_with_position(text, expected):
    """Each forbidden construct gives its own code at the exact line and column."""
    assert codes(text) == expected


def test_all_problems_are_reported_together():
    """Several different YAML problems in one file are all listed, not only the first."""
    found = codes("a: 1\na: 2\nb: &x 3\nc: !!binary aGk=\n")
    assert [c for _, _, c in found] == ["yaml-duplicate-key", "yaml-anchor", "yaml-tag"]


def test_duplicate_message_names_the_first_line():
    """The duplicate-key message says where the key was first defined."""
    _, _, problems = parse("steps:\n  a: 1\n  b: 2\n  a: 3\n", "x.yaml")
    assert problems[0].message == "duplicate key 'a' (first defined on line 2)"


def test_alias_bomb_reports_each_alias_name_once():
    """An alias bomb gives a short list of problems, not millions of expanded values."""
    bomb = 'a: &a ["lol","lol","lol"]\n' + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [" + ",".join([f"*{chr(97 + i)}"] * 9) + "]\n" for i in range(8))
    found = codes(bomb)
    assert len(found) == 17
    assert {c for _, _, c in found} == {"yaml-anchor", "yaml-alias"}


def test_deep_nesting_is_refused_without_recursion():
    """20,000 nested lists stop at the depth limit with a diagnostic, never a RecursionError."""
    found = codes("[" * 20000 + "]" * 20000)
    assert found == [(1, yamlsafe.MAX_DEPTH + 1, "too-deep")]


def _loaders():
    """The C loader (libyaml, which in newer releases stops deep nesting itself) and the
    pure-Python loader (which never does): the verdict must not depend on which runs."""
    found = [pytest.param(yaml.SafeLoader, id="pure-python")]
    if hasattr(yaml, "CSafeLoader"):
        found.append(pytest.param(yaml.CSafeLoader, id="libyaml"))
    return found


@pytest.mark.parametrize("loader", _loaders())
@pytest.mark.parametrize("text, column", [
    ("[" * 20000 + "]" * 20000, yamlsafe.MAX_DEPTH + 1),
    ("{a: " * 20000 + "1" + "}" * 20000, 4 * yamlsafe.MAX_DEPTH + 1),
    ("x: " + "[" * 1500, 4 + yamlsafe.MAX_DEPTH - 1),
])
def test_deep_nesting_gives_our_own_diagnostic_whatever_the_parser(loader, text, column, monkeypatch):
    """Deep flow nesting is reported as ``too-deep`` at the level where belscript's limit
    lies, both when libyaml stops at its own limit first and when the parser never stops."""
    monkeypatch.setattr(yamlsafe, "_Loader", loader)
    assert codes(text) == [(1, column, "too-deep")]


def test_libyaml_behaviour_under_test_is_the_one_that_stops_early():
    """The locked PyYAML's libyaml does stop deep nesting on its own, so the test above
    really covers both behaviours (if this fails, the lock changed libyaml)."""
    if not hasattr(yaml, "CSafeLoader"):
        pytest.skip("PyYAML without libyaml")
    with pytest.raises(yaml.MarkedYAMLError, match="nesting depth"):
        list(yaml.parse("[" * 20000 + "]" * 20000, Loader=yaml.CSafeLoader))


def test_deep_block_nesting_is_refused():
    """Deep block-style nesting is refused as well, at the line where the limit is passed."""
    text = "a:\n" + "".join("  " * i + "- \n" for i in range(1, 200))
    assert [c for _, _, c in codes(text)] == ["too-deep"]


def test_tab_indentation_gets_a_helpful_message():
    """A tab used for indentation is explained in words an author understands."""
    _, _, problems = parse("a:\n\tb: 1\n", "x.yaml")
    assert problems[0].message == "a tab cannot be used for indentation in YAML; use spaces"
    assert (problems[0].line, problems[0].column) == (2, 1)


def test_control_characters_are_refused():
    """A control character in the file is a diagnostic, not a crash."""
    assert [c for _, _, c in codes("a: b\x07c\n")] == ["yaml-syntax"]


def test_not_utf8_points_at_the_bad_byte(tmp_path):
    """A Latin-1 file is refused with the line and column of the first bad byte."""
    path = tmp_path / "latin.yaml"
    path.write_bytes("titel: Financiële\n".encode("latin-1"))
    with pytest.raises(InvalidDocument) as info:
        load_file(path)
    d = info.value.diagnostics[0]
    assert (d.line, d.column, d.code) == (1, 15, "not-utf8")


def test_utf8_bom_is_accepted(tmp_path):
    """A UTF-8 byte order mark (Windows editors) does not disturb loading or columns."""
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbfa: b\n")
    value, source = load_file(path)
    assert value == {"a": "b"} and source.value_pos(("a",)) == (1, 4)


def test_huge_file_is_refused_before_reading(tmp_path, monkeypatch):
    """A file over the size limit is refused from its size alone."""
    path = tmp_path / "big.yaml"
    with open(path, "wb") as handle:
        handle.truncate(yamlsafe.MAX_BYTES + 1)
    from belscript.document import textfile

    monkeypatch.setattr(textfile, "decode", lambda *a: pytest.fail("the file was read"))
    with pytest.raises(InvalidDocument) as info:
        load_file(path)
    assert info.value.diagnostics[0].code == "too-large"


def test_node_limit_bounds_the_work(monkeypatch):
    """A file with more values than the limit is refused with a diagnostic."""
    monkeypatch.setattr(yamlsafe, "MAX_NODES", 10)
    assert [c for _, _, c in codes("[" + ",".join("a" * 20) + "]")] == ["too-large"]


def test_missing_file_is_an_input_error(tmp_path):
    """A file that does not exist is unreadable input (exit 2), not a document problem."""
    with pytest.raises(InputError):
        load_file(tmp_path / "nope.yaml")


def test_directory_is_an_input_error(tmp_path):
    """A directory given as a file is unreadable input."""
    with pytest.raises(InputError):
        load_file(tmp_path)

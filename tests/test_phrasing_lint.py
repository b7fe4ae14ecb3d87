"""`belscript lint` and the lint API: exact positions in text and in YAML, silencing, JSON, exit codes."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import textwrap

import pytest

from belscript import phrasing
from belscript.cli.main import main
from belscript.script.loader import parse_script_text

SCRIPT = textwrap.dedent("""\
    belscript: 1
    name: proef
    title: Proefscript
    phrasing:
      vage-termijn:
        level: "off"
    steps:
      opening:
        role: opening
        say: "Goedemorgen, u moet vandaag betalen."
        tips:
          - "Zeg niet „u moet”, vraag naar een datum."
          - "Het heeft geen haast."
        options:
          - label: Klant reageert
            say: "Dan moet u dat doen, zo snel mogelijk."   # belscript: allow moeten
            go: einde
      einde:
        role: closing
        say: |
          Fijn, dan noteer ik dat.
          Neem gerust de tijd.
        end: true
    excuses:
      niet-ontvangen:
        label: Factuur niet ontvangen
        examples: ["Ik heb de factuur nooit ontvangen."]
        say: 'Vervelend! Is de factuur niet aangekomen? Ik stuur ''m direct.'
        go: opening
""")


@pytest.fixture
def script_file(tmp_path):
    path = tmp_path / "proef.yaml"
    path.write_text(SCRIPT, encoding="utf-8")
    return path


def _loaded(text=SCRIPT, name="proef.yaml"):
    loaded, problems = parse_script_text(text, name)
    assert loaded is not None, problems
    return loaded


def test_lint_script_points_at_the_word_inside_the_yaml_string():
    """Each finding sits at the line and column of the word in the file, whatever the quoting style."""
    found = [(d.line, d.column, d.end_column, d.level, d.code) for d in phrasing.lint_script(_loaded())]
    assert found == [
        (10, 26, 30, "warning", "moeten"),            # double-quoted say
        (13, 20, 30, "error", "geen-haast"),          # a tip, outside quotes
        (22, 7, 26, "error", "geen-haast"),           # literal block
        (28, 22, 51, "warning", "smoes-aanreiken"),   # single-quoted excuse reply
    ]
    lines = SCRIPT.splitlines()
    assert lines[9][25:29] == "moet" and lines[21][6:25] == "Neem gerust de tijd"
    assert lines[27][21:50] == "Is de factuur niet aangekomen"


def test_script_overrides_and_quoted_tips_and_allow_comments_are_honoured():
    """'vage-termijn: off', a quoted „u moet” in a tip and '# belscript: allow moeten' all stay silent."""
    silenced = []
    codes = [d.code for d in phrasing.lint_script(_loaded(), silenced=silenced)]
    assert "vage-termijn" not in codes
    assert [(s.line, s.column, s.rule, s.match) for s in silenced] == [(16, 19, "moeten", "moet")]


def test_an_allow_comment_on_a_block_key_covers_the_whole_block():
    """'say: |  # belscript: allow geen-haast' silences that rule in every line of the block."""
    text = SCRIPT.replace("    say: |\n", "    say: |  # belscript: allow geen-haast\n")
    assert [d.line for d in phrasing.lint_script(_loaded(text)) if d.code == "geen-haast"] == [13]


def test_an_allow_marker_inside_a_literal_block_is_text_and_silences_nothing():
    """'# belscript: allow' inside a | block is shown to the caller, so the finding stays and the marker is flagged."""
    text = SCRIPT.replace("      Neem gerust de tijd.\n", "      Neem gerust de tijd. # belscript: allow geen-haast\n")
    assert text != SCRIPT
    silenced = []
    found = [(d.line, d.column, d.code) for d in phrasing.lint_script(_loaded(text), silenced=silenced)]
    assert (22, 7, "geen-haast") in found
    assert (22, 28, "phrasing-allow") in found
    assert [s.rule for s in silenced] == ["moeten"]


def test_an_allow_marker_inside_a_quoted_string_is_text_but_a_comment_after_it_counts():
    """Inside quotes the marker is part of the line; after the closing quote it is a real comment."""
    inside = SCRIPT.replace('say: "Goedemorgen, u moet vandaag betalen."',
                            'say: "Goedemorgen, u moet vandaag betalen. # belscript: allow moeten"')
    assert (10, 26, "moeten") in [(d.line, d.column, d.code) for d in phrasing.lint_script(_loaded(inside))]
    after = SCRIPT.replace('say: "Goedemorgen, u moet vandaag betalen."',
                           'say: "Goedemorgen, u moet vandaag betalen."  # belscript: allow moeten')
    assert "moeten" not in [d.code for d in phrasing.lint_script(_loaded(after)) if d.line == 10]


def test_an_unknown_rule_in_an_allow_comment_is_reported():
    """A misspelt rule id in a silencing comment is a warning with a did-you-mean."""
    text = SCRIPT.replace("allow moeten", "allow moetn")
    [d] = [d for d in phrasing.lint_script(_loaded(text)) if d.code == "phrasing-allow"]
    assert d.line == 16 and "did you mean 'moeten'" in d.message


def test_the_second_call_may_soften_moeten():
    """A script override to 'suggestion' makes "u moet" a suggestion instead of a warning."""
    text = SCRIPT.replace("  vage-termijn:\n", "  moeten:\n    level: suggestion\n  vage-termijn:\n")
    [d] = [d for d in phrasing.lint_script(_loaded(text)) if d.code == "moeten"]
    assert d.level == "suggestion"


def test_lint_text_reports_lines_and_columns_of_the_input():
    """Plain text: one diagnostic per match, 1-based line and column, end column just after the match."""
    text = "Goedemorgen.\nU moet betalen. Het heeft geen haast.\n"
    found = [(d.line, d.column, d.end_column, d.code, d.extra["match"]) for d in phrasing.lint_text(text, "n.txt")]
    assert found == [(2, 3, 7, "moeten", "moet"), (2, 27, 37, "geen-haast", "geen haast")]


def _run(argv, capsys, stdin=None, monkeypatch=None):
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin.encode("utf-8")), encoding="utf-8"))
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_lint_of_a_script_prints_compiler_style_lines(script_file, capsys):
    """`belscript lint script.yaml` prints PATH:LINE:COL: level: message [rule] and exits 1."""
    code, out, _err = _run(["lint", str(script_file)], capsys)
    assert code == 1
    first = out.splitlines()[0]
    assert first.startswith(f"{script_file}:10:26: warning: „moet” klinkt dwingend")
    assert first.endswith("[moeten]") and "Beter: Wanneer kunt u het bedrag overmaken?" in first


def test_cli_lint_stdin_json_has_every_field(capsys, monkeypatch):
    """`--format json` gives rule, level, line, column, end_column, match, message, suggestions, reason."""
    code, out, _err = _run(["lint", "-", "--format", "json"], capsys, "Ok.\nJe moet betalen.\n", monkeypatch)
    assert code == 1
    [item] = json.loads(out)
    assert {k: item[k] for k in ("path", "rule", "level", "line", "column", "end_column", "match")} == {
        "path": "<stdin>", "rule": "moeten", "level": "warning", "line": 2, "column": 4, "end_column": 8, "match": "moet"}
    assert item["suggestions"] and item["reason"] and "„moet”" in item["message"]


def test_cli_exit_code_is_zero_for_suggestions_only(capsys, monkeypatch):
    """Only suggestions (e.g. "zo snel mogelijk") do not fail the run; a clean text prints nothing."""
    code, out, _ = _run(["lint", "-"], capsys, "Kunt u zo snel mogelijk betalen?", monkeypatch)
    assert code == 0 and "suggestion" in out
    code, out, _ = _run(["lint", "-"], capsys, "Wanneer kunt u betalen?", monkeypatch)
    assert (code, out) == (0, "")


def test_cli_english_and_text_files(tmp_path, capsys):
    """`--language en` uses the English set on a text file."""
    path = tmp_path / "notes.txt"
    path.write_text("There's no rush.\n", encoding="utf-8")
    code, out, _ = _run(["lint", "--language", "en", str(path)], capsys)
    assert code == 1 and out.startswith(f"{path}:1:9: error:") and "[no-rush]" in out


def test_cli_list_silenced(script_file, capsys):
    """`--list-silenced` lists where an allow comment silences a rule."""
    code, out, _ = _run(["lint", "--list-silenced", str(script_file)], capsys)
    assert code == 0 and out.strip() == f"{script_file}:16:19: silenced: „moet” [moeten]"


def test_cli_missing_file_and_bad_rule_file_exit_2(tmp_path, capsys):
    """Unreadable input or a broken rule file is exit 2 with a message, never a traceback."""
    code, _out, err = _run(["lint", str(tmp_path / "weg.txt")], capsys)
    assert code == 2 and "cannot read" in err
    bad = tmp_path / "regels.yaml"
    bad.write_text("rules:\n  - id: x\n    level: hard\n", encoding="utf-8")
    (tmp_path / "n.txt").write_text("tekst", encoding="utf-8")
    code, _out, err = _run(["lint", "--rules", str(bad), str(tmp_path / "n.txt")], capsys)
    assert code == 2 and "regels.yaml:3:12: error: level must be one of" in err and "Traceback" not in err


def test_cli_reports_the_readable_files_before_the_unreadable_one(tmp_path, capsys):
    """`lint t.txt missing.txt` prints the findings of t.txt, then the unreadable file, and exits 2."""
    text = tmp_path / "t.txt"
    text.write_text("U moet betalen.\n", encoding="utf-8")
    later = tmp_path / "later.txt"
    later.write_text("Het heeft geen haast.\n", encoding="utf-8")
    code, out, err = _run(["lint", str(text), str(tmp_path / "missing.txt"), str(later)], capsys)
    assert code == 2
    assert f"{text}:1:3: warning:" in out and f"{later}:1:11: error:" in out
    assert "missing.txt" in err and "cannot read" in err and "Traceback" not in err
    code, out, err = _run(["lint", "--format", "json", str(text), str(tmp_path / "weg.yaml")], capsys)
    assert code == 2 and [d["rule"] for d in json.loads(out)] == ["moeten"] and "weg.yaml" in err


def test_cli_user_rules_apply(tmp_path, capsys):
    """`--rules FILE` adds the file's rules to the built-in ones."""
    rules = tmp_path / "regels.yaml"
    rules.write_text(textwrap.dedent("""\
        rules:
          - id: deurwaarder
            level: warning
            kind: phrase
            patterns: ["deurwaarder"]
            message: "„{match}” escaleert te vroeg."
            alternatives: ["Welke datum spreken we af?"]
            reason: "Eerst een concrete afspraak."
            examples: {bad: ["De deurwaarder komt."], good: ["Welke datum?"]}
        """), encoding="utf-8")
    text = tmp_path / "n.txt"
    text.write_text("Anders komt de deurwaarder.", encoding="utf-8")
    code, out, _ = _run(["lint", "--rules", str(rules), str(text)], capsys)
    assert code == 1 and f"{text}:1:16: warning: „deurwaarder” escaleert te vroeg." in out


@pytest.mark.e2e
def test_lint_stdin_as_a_real_command():
    """The installed command reads standard input and never loads the terminal UI or simplemma."""
    code = ("import sys; from belscript.cli.main import main; rc = main(['lint', '-']); "
            "print('LOADED', 'prompt_toolkit' in sys.modules, 'simplemma' in sys.modules); sys.exit(rc)")
    proc = subprocess.run([sys.executable, "-c", code], input="U moet betalen.\n", capture_output=True, text=True)
    assert proc.returncode == 1
    assert proc.stdout.startswith("<stdin>:1:3: warning:")
    assert proc.stdout.strip().endswith("LOADED False False")

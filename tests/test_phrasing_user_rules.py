"""Authors can add their own rule files; mistakes in them are reported clearly, with positions."""

from __future__ import annotations

import os
import stat
import textwrap

import pytest

from belscript import phrasing
from belscript.errors import InvalidDocument
from belscript.phrasing import forms as forms_module

GOOD_RULES = textwrap.dedent("""\
    language: nl
    rules:
      - id: dreigen
        level: warning
        kind: lemma
        lemma: dreigen
        extra_forms: [dreigement]
        message: "„{match}” klinkt als een dreiging."
        alternatives: ["Ik vertel u graag welke stappen er volgen als we geen afspraak maken."]
        reason: "Wees assertief maar vriendelijk."
        examples:
          bad: ["Ik dreigde al met een incassobureau.", "Dat is geen dreigement."]
          good: ["Wanneer kunt u betalen?"]
      - id: deurwaarder
        level: suggestion
        kind: sequence
        max_gap: 3
        patterns: ["dan … deurwaarder|incassobureau"]
        message: "„{match}” escaleert in een eerste gesprek te vroeg."
        alternatives: ["Welke datum kunnen we afspreken?"]
        reason: "In een tweede gesprek mag u duidelijker zijn."
        examples:
          bad: ["Dan stuur ik de deurwaarder."]
          good: ["De deurwaarder komt niet ter sprake."]
""")


def _write(tmp_path, text, name="regels.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_user_rules_are_merged_with_the_built_in_ones(tmp_path):
    """A user rule file adds rules; the built-in rules keep working next to them."""
    path = _write(tmp_path, GOOD_RULES)
    checker = phrasing.checker_for("nl", rule_files=(path,))
    found = [f.rule for f in checker.check("U moet betalen, anders stuur ik dan de deurwaarder.")]
    assert found == ["moeten", "deurwaarder"]


def test_user_lemma_rules_expand_every_form_and_cache_them_under_belscript_home(tmp_path, monkeypatch):
    """"dreigen" matches "dreigt" and "gedreigd"; the forms are cached owner-only under $BELSCRIPT_HOME."""
    path = _write(tmp_path, GOOD_RULES)
    checker = phrasing.checker_for("nl", rule_files=(path,))
    assert [f.match for f in checker.check("Hij dreigt. Zij heeft gedreigd.")] == ["dreigt", "gedreigd"]
    cache = forms_module.cache_dir() / "phrasing-forms-nl.json"
    assert cache.parent == __import__("pathlib").Path(os.environ["BELSCRIPT_HOME"]) / "cache"
    assert stat.S_IMODE(cache.stat().st_mode) == 0o600
    assert "dreigen" in cache.read_text(encoding="utf-8")

    def no_simplemma(*_args, **_kwargs):
        raise AssertionError("simplemma was loaded although the forms were cached")

    monkeypatch.setattr(forms_module, "expand_with_simplemma", no_simplemma)
    assert forms_module.forms_for("nl", {"dreigen"})["dreigen"] >= {"dreigt", "gedreigd"}


EISEN_RULE = textwrap.dedent("""\
    language: nl
    rules:
      - id: eisen
        level: warning
        kind: lemma
        lemma: eisen
        message: "„{match}” klinkt als een eis."
        alternatives: ["Welke datum kunnen we afspreken?"]
        reason: "Vragen werkt beter dan eisen."
        examples:
          bad: ["Ik eis dat u vandaag betaalt."]
          good: ["Wanneer kunt u betalen?"]
""")


@pytest.mark.parametrize("sentence,match", [
    ("Ik eis betaling binnen een week.", "eis"),
    ("Wij eisten betaling.", "eisten"),
    ("U eist te veel.", "eist"),
    ("Dat heb ik geëist.", "geëist"),
])
def test_a_user_lemma_rule_finds_the_verb_stem_the_dictionary_files_under_a_noun(tmp_path, sentence, match):
    """A rule on "eisen" catches "ik eis" too, although the dictionary lists "eis" as a noun."""
    checker = phrasing.checker_for("nl", rule_files=(_write(tmp_path, EISEN_RULE),))
    assert [f.match for f in checker.check(sentence)] == [match]


def test_forms_cached_by_an_older_derivation_are_computed_again(tmp_path):
    """A cache written before verb stems were derived does not keep "eis" out of the rule."""
    cache = forms_module.cache_dir() / "phrasing-forms-nl.json"
    cache.parent.mkdir(parents=True, exist_ok=True)
    cache.write_text(__import__("json").dumps({"simplemma": forms_module.simplemma_version(),
                                               "forms": {"eisen": ["eisen", "eist", "eisten"]}}), encoding="utf-8")
    assert "eis" in forms_module.forms_for("nl", {"eisen"})["eisen"]


def test_derived_verb_stems_are_confirmed_by_the_dictionary():
    """Stems follow the spelling rules (maak, bel, geef) and are never invented for irregular verbs."""
    stems = forms_module.dutch_verb_stems
    assert stems("eisen", {"eisen", "eist"}) == {"eis"}
    assert stems("maken", {"maken", "maakt"}) == {"maak"}
    assert stems("bellen", {"bellen", "belt"}) == {"bel"}
    assert stems("geven", {"geven", "geeft"}) == {"geef"}
    assert stems("komen", {"komen", "komt"}) == {"kom"}
    assert stems("eisen", {"eisen"}) == set()
    assert stems("zijn", {"zijn", "is"}) == set()


def test_user_rule_with_a_built_in_id_replaces_it(tmp_path):
    """Defining 'geen-haast' yourself replaces the built-in rule of that name."""
    text = GOOD_RULES.replace("id: deurwaarder", "id: geen-haast")
    checker = phrasing.checker_for("nl", rule_files=(_write(tmp_path, text),))
    assert checker.check("Het heeft geen haast.") == []
    assert [f.rule for f in checker.check("Dan stuur ik de deurwaarder.")] == ["geen-haast"]


def _problems(tmp_path, text):
    with pytest.raises(InvalidDocument) as exc:
        phrasing.load_user_rules(_write(tmp_path, text))
    return [(d.line, d.column, d.code, d.message) for d in exc.value.diagnostics]


def test_unknown_keys_and_bad_values_are_reported_with_line_and_column(tmp_path):
    """Every mistake in a rule file is listed at once, each at its own place, with a did-you-mean."""
    text = GOOD_RULES.replace("level: warning", "level: waarschuwing").replace("    max_gap: 3\n", "    max_gapp: 3\n")
    problems = _problems(tmp_path, text)
    codes = {code for _l, _c, code, _m in problems}
    assert codes == {"rule-bad-value", "rule-unknown-key"}
    level = next(p for p in problems if p[2] == "rule-bad-value")
    assert (level[0], level[1]) == (4, 12) and "warning" in level[3]
    unknown = next(p for p in problems if p[2] == "rule-unknown-key")
    assert unknown[0] == 17 and "did you mean 'max_gap'" in unknown[3]


def test_a_pattern_mistake_names_the_pattern(tmp_path):
    """A gap in a phrase rule is refused: gaps need 'kind: sequence'."""
    text = GOOD_RULES.replace("kind: sequence", "kind: phrase").replace("    max_gap: 3\n", "")
    [(line, _col, code, message)] = _problems(tmp_path, text)
    assert code == "rule-bad-pattern" and "kind: sequence" in message and line == 17


def test_examples_of_a_user_rule_are_checked_when_it_is_loaded(tmp_path):
    """A bad example that the rule does not catch makes the rule file invalid."""
    text = GOOD_RULES.replace("Dan stuur ik de deurwaarder.", "Ik stuur de deurwaarder.")
    [(_l, _c, code, message)] = _problems(tmp_path, text)
    assert code == "rule-example-not-flagged" and "deurwaarder" in message


def test_a_message_without_the_match_placeholder_is_refused(tmp_path):
    """The message must name the matched words with {match}."""
    text = GOOD_RULES.replace("„{match}” klinkt als een dreiging.", "Dat klinkt als een dreiging.")
    [(_l, _c, code, message)] = _problems(tmp_path, text)
    assert code == "rule-bad-value" and "{match}" in message


def test_duplicate_ids_and_missing_keys_are_reported(tmp_path):
    """Two rules with one id are refused, and so is a rule without alternatives."""
    duplicate = GOOD_RULES.replace("id: deurwaarder", "id: dreigen")
    assert [(line, code) for line, _c, code, _m in _problems(tmp_path, duplicate)] == [(14, "rule-duplicate-id")]
    missing = GOOD_RULES.replace(
        '    alternatives: ["Ik vertel u graag welke stappen er volgen als we geen afspraak maken."]\n', "")
    [(line, _c, code, message)] = _problems(tmp_path, missing)
    assert (line, code) == (3, "rule-missing-key") and "alternatives" in message


def test_yaml_that_is_not_a_rule_file_is_refused(tmp_path):
    """A file without 'rules:' gets a clear message instead of a traceback."""
    [(_l, _c, code, message)] = _problems(tmp_path, "language: nl\n")
    assert code == "rule-file-format" and "rules" in message

"""The built-in rule sets catch what the seeds warn about, and nothing that only looks alike."""

from __future__ import annotations

import json

import pytest

from belscript import phrasing
from belscript.errors import BelscriptError
from belscript.phrasing.forms import DATA_DIR
from belscript.phrasing.ruleset import generated_forms_document

LANGUAGES = ("nl", "en")


def _examples(kind: str):
    for language in LANGUAGES:
        for rule in phrasing.rules_for(language):
            sentences = rule.examples_bad if kind == "bad" else rule.examples_good
            for sentence in sentences:
                yield pytest.param(language, rule.id, sentence, id=f"{language}:{rule.id}:{sentence[:40]}")


@pytest.mark.parametrize("language,rule_id,sentence", list(_examples("bad")))
def test_every_bad_example_is_flagged_by_its_rule(language, rule_id, sentence):
    """Each sentence a rule lists as bad is found by that very rule."""
    found = [f.rule for f in phrasing.check(sentence, language=language)]
    assert rule_id in found, f"{rule_id} misses {sentence!r} (found {found})"


@pytest.mark.parametrize("language,rule_id,sentence", list(_examples("good")))
def test_every_good_example_passes_the_whole_rule_set(language, rule_id, sentence):
    """A sentence a rule lists as good is not flagged by any rule of the set."""
    found = [(f.rule, f.match) for f in phrasing.check(sentence, language=language)]
    assert found == [], f"{sentence!r} flagged: {found}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_rule_is_complete(language):
    """Each rule names the match in its message, offers an alternative, gives a reason and examples."""
    for rule in phrasing.rules_for(language):
        assert "{match}" in rule.message
        assert rule.alternatives and rule.reason and rule.examples_bad and rule.examples_good
        assert rule.level in ("error", "warning", "suggestion")


LOOK_ALIKES = [
    "ontmoeten", "ontmoet", "ontmoette", "moeilijk", "moeilijkheden", "moeite", "moe", "moed", "moedig", "moeder",
    "tegemoet", "tegemoetkoming", "moestuin", "vermoeden", "vermoedelijk", "vermoeid", "Moët", "MOËT", "moeras",
    "moetje", "gemoed", "haasten", "dringende", "ontvangstbevestiging",
]


@pytest.mark.parametrize("word", LOOK_ALIKES)
def test_look_alikes_are_never_flagged(word):
    """Words that merely contain or resemble "moet" are not "moeten"."""
    assert phrasing.check(word) == []
    assert phrasing.check(f"Ik zeg u eerlijk: {word}, dat is het.") == []


@pytest.mark.parametrize("sentence,rule_id,match", [
    ("U moet betalen.", "moeten", "moet"),
    ("Je moet de factuur overmaken.", "moeten", "moet"),
    ("Jullie moeten nog betalen.", "moeten", "moeten"),
    ("Moest u niet vorige week al betalen?", "moeten", "Moest"),
    ("Dat had u allang gemoeten.", "moeten", "gemoeten"),
    ("We moeten een datum prikken.", "moeten-wij", "We moeten"),
    ("Het heeft geen haast.", "geen-haast", "geen haast"),
    ("Het heeft geen enkele haast.", "geen-haast", "geen enkele haast"),
    ("Neem gerust de tijd.", "geen-haast", "Neem gerust de tijd"),
    ("Het is niet dringend.", "geen-haast", "niet dringend"),
    ("Het maakt niet uit wanneer.", "geen-haast", "maakt niet uit wanneer"),
    ("Heeft u de factuur misschien niet ontvangen?", "smoes-aanreiken", "Heeft u de factuur misschien niet ontvangen"),
    ("Is de factuur niet aangekomen?", "smoes-aanreiken", "Is de factuur niet aangekomen"),
    ("Was de levering niet naar wens?", "klacht-uitlokken", "niet naar wens"),
    ("Was u niet tevreden?", "klacht-uitlokken", "niet tevreden"),
    ("Waarom is de factuur nog niet betaald?", "waarom-niet-betaald", "Waarom is de factuur nog niet betaald"),
    ("Waarom is de factuur nog niet overgemaakt?", "waarom-niet-betaald", "Waarom is de factuur nog niet overgemaakt"),
    ("Betaal maar wanneer het u uitkomt.", "vrijblijvend-einde", "Betaal maar wanneer het u uitkomt"),
    ("Als het u schikt.", "vrijblijvend-einde", "Als het u schikt"),
    ("Ik wilde even vragen of u al betaald heeft.", "onzeker-openen", "Ik wilde even vragen of"),
    ("Sorry dat ik u stoor.", "sorry-storen", "Sorry dat ik u stoor"),
])
def test_the_phrasings_from_the_seeds_are_caught(sentence, rule_id, match):
    """The counter-productive phrasings named in the collection-call advice are flagged with the exact words."""
    found = {(f.rule, f.match) for f in phrasing.check(sentence)}
    assert (rule_id, match) in found, found


@pytest.mark.parametrize("sentence", [
    "Heb je de factuur misschien niet gehad?",
    "Heb je de factuur misschien niet gekregen?",
    "Is de factuur wel aangekomen?",
    "Heeft u de factuur eigenlijk wel ontvangen?",
])
def test_doubting_whether_the_invoice_arrived_hands_over_the_excuse(sentence):
    """Any question that casts doubt on the invoice's arrival is flagged, whatever verb it uses."""
    assert "smoes-aanreiken" in [f.rule for f in phrasing.check(sentence)]


def test_the_neutral_service_question_about_the_invoice_passes():
    """The servicegesprek's own question ("goed bij u aangekomen?") is not taken for the excuse."""
    assert phrasing.check("Fijn om te horen. Is factuur 2026-0142 van € 2.450,00 goed bij u aangekomen?") == []


_MONTHS = ("januari februari maart april mei juni juli augustus september oktober november december "
           "january february march april may june july august september october november december").split()


@pytest.mark.parametrize("language", LANGUAGES)
def test_alternatives_name_no_date_amount_or_person(language):
    """The "Beter:" line is shown for every customer, so it holds no fixed date, number or name."""
    for rule in phrasing.rules_for(language):
        for alternative in rule.alternatives:
            words = alternative.replace("?", ".").replace("!", ".").split()
            assert not any(ch.isdigit() for ch in alternative), (rule.id, alternative)
            assert not {w.strip(".,;:„”").lower() for w in words} & set(_MONTHS), (rule.id, alternative)
            if language == "nl":
                mid_sentence = [w for prev, w in zip(words, words[1:]) if not prev.endswith(".") and w[:1].isupper()]
                assert mid_sentence == [], (rule.id, alternative)


@pytest.mark.parametrize("language", LANGUAGES)
def test_alternatives_pass_their_own_rule_set(language):
    """A suggested better phrasing never triggers a rule itself."""
    for rule in phrasing.rules_for(language):
        for alternative in rule.alternatives:
            assert phrasing.check(alternative, language=language) == [], (rule.id, alternative)


def test_moeten_about_ourselves_is_not_aimed_at_the_customer():
    """"ik moet" is about the caller and passes; "we moeten" is only a suggestion; "u moet" a warning."""
    assert phrasing.check("Ik moet even in de administratie kijken.") == []
    assert [f.level for f in phrasing.check("We moeten iets afspreken.")] == ["suggestion"]
    assert [f.level for f in phrasing.check("U moet iets afspreken.")] == ["warning"]


def test_questions_only_rules_ignore_statements():
    """Noting what the customer said ("de levering was niet naar wens") is not inviting a complaint."""
    assert phrasing.check("De klant vindt de levering niet naar wens.") == []
    assert [f.rule for f in phrasing.check("Vindt u de levering niet naar wens?")] == ["klacht-uitlokken"]


def test_sequences_stay_inside_one_sentence():
    """A gap never bridges two sentences."""
    assert phrasing.check("Heeft u de factuur. Niet ontvangen?") == []


def test_findings_point_at_the_words_in_the_original_text():
    """Offsets index the caller's text, so a highlight covers exactly the offending words."""
    text = "Goedemorgen! Het heeft GEEN haast, hoor."
    [finding] = phrasing.check(text)
    assert text[finding.start:finding.end] == "GEEN haast" == finding.match
    assert "„GEEN haast”" in finding.message
    assert finding.suggestions and finding.reason


def test_accents_are_never_stripped():
    """"Moët" is not "moet", in composed or decomposed form, but "MOET" is."""
    assert phrasing.check("Moët") == [] and phrasing.check("Moe\u0308t") == []
    assert [f.match for f in phrasing.check("U MOET betalen")] == ["MOET"]


def test_decomposed_text_is_matched_and_offsets_stay_in_the_original():
    """Text in NFD (e.g. pasted from macOS) is matched like NFC, with offsets into the text as given."""
    text = "Vo\u0301o\u0301r vrijdag: u moet betalen."
    [finding] = phrasing.check(text)
    assert text[finding.start:finding.end] == "moet"


def test_overrides_change_levels_and_switch_rules_off():
    """A script can soften a rule (second call) or switch it off."""
    assert [f.level for f in phrasing.check("U moet betalen.", overrides={"moeten": "suggestion"})] == ["suggestion"]
    assert phrasing.check("U moet betalen.", overrides={"moeten": {"level": "off"}}) == []
    assert [f.level for f in phrasing.check("U moet betalen.")] == ["warning"]


def test_a_bad_override_level_is_a_clear_error():
    """An override with an unknown level is refused with the rule id in the message."""
    with pytest.raises(BelscriptError) as exc:
        phrasing.check("tekst", overrides={"moeten": "zacht"})
    assert "moeten" in str(exc.value)


def test_checker_for_is_cached():
    """The same language and overrides give the same compiled checker (built once)."""
    assert phrasing.checker_for("nl") is phrasing.checker_for("nl")
    assert phrasing.checker_for("nl", {"moeten": "off"}) is phrasing.checker_for("nl", {"moeten": "off"})


def test_known_rule_ids_lists_the_built_in_rules():
    """Validation of a script's phrasing overrides can check ids against this list."""
    assert {"moeten", "geen-haast", "smoes-aanreiken"} <= phrasing.known_rule_ids("nl")
    assert "must" in phrasing.known_rule_ids("en") and "must" in phrasing.known_rule_ids()


def test_english_rules_catch_the_basic_mistakes():
    """The English set catches must, have to, no rush and the suggested excuse."""
    text = "You must pay. You have to pay. There's no rush. Did you not receive the invoice?"
    assert [f.rule for f in phrasing.check(text, language="en")] == ["must", "have-to", "no-rush", "suggest-excuse"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_shipped_forms_equal_what_simplemma_gives(language):
    """The precomputed lemma forms are up to date (else run scripts/gen_phrasing_forms.py)."""
    shipped = json.loads((DATA_DIR / f"{language}.forms.json").read_text(encoding="utf-8"))
    fresh = generated_forms_document(language)
    assert shipped["forms"] == fresh["forms"], "run: .venv/bin/python scripts/gen_phrasing_forms.py"


def test_moeten_forms_come_from_the_lemmatizer():
    """Every form of "moeten" is matched, including rare ones such as "gemoeten" and "moete"."""
    shipped = json.loads((DATA_DIR / "nl.forms.json").read_text(encoding="utf-8"))["forms"]["moeten"]
    assert {"moet", "moest", "moesten", "gemoeten", "moete"} <= set(shipped)
    for form in shipped:
        assert phrasing.check(f"Dan {form} u betalen.") != [], form


def test_docs_list_every_built_in_rule_with_its_reason():
    """docs/phrasing.md names every built-in rule; the Dutch ones with their full reason."""
    docs = (DATA_DIR.parents[3] / "docs" / "phrasing.md").read_text(encoding="utf-8")
    for language in LANGUAGES:
        for rule in phrasing.rules_for(language):
            assert f"`{rule.id}`" in docs, rule.id
            if language == "nl":
                assert rule.reason in docs, rule.id

"""Random text in any field of any input file, or typed into any /afspraak field of the call
screen, gives a result or one of belscript's clear errors, never another exception."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any, Callable

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from belscript.agreement.entry import FIELDS
from belscript.authoring.testing import collect, run_suite
from belscript.dossier.loader import load_dossier
from belscript.errors import BelscriptError
from belscript.phrasing import load_user_rules
from belscript.practice.library import load_persona
from belscript.script.loader import load_script
from belscript.document.yamlsafe import load_file
from belscript.screen.preview import compute
from conftest import DATA
from tui_driver import live_model

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))

#: Hostile values: control characters and odd unicode, huge numbers, long runs of one character.
HOSTILE = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8", categories=("Cc", "Cf", "Zs", "Zl", "Mn", "So")), max_size=20),
    st.integers(min_value=1, max_value=400).map(lambda n: "9" * n),
    st.sampled_from(["NaN", "NaN%", "-Infinity", "1e999999", "-0", "31-12-9999", "00-00-0000", "0,000001",
                     "\u202e1.250,50", "1\u200b250", "٣٤٥", "€ -1", "=HYPERLINK(\"x\")", "a@b\n,c@d"]),
    st.tuples(st.sampled_from([" ", "a", "9", ".", ",", "\n", "…", "é"]), st.integers(1, 20_000)).map(
        lambda pair: pair[0] * pair[1]),
    st.integers(min_value=-(10**40), max_value=10**40),
    st.floats(allow_nan=True, allow_infinity=True),
    st.none(), st.booleans(), st.just([]), st.just({}),
)


def _leaves(value: Any, path: tuple = ()) -> list[tuple]:
    """Every place in a loaded document where a value sits (also whole lists and mappings)."""
    found = [path] if path else []
    if isinstance(value, dict):
        for key, child in value.items():
            found += _leaves(child, path + (key,))
    elif isinstance(value, list):
        for i, child in enumerate(value):
            found += _leaves(child, path + (i,))
    return found


def _replaced(document: Any, path: tuple, value: Any) -> Any:
    if not path:
        return value
    copy = dict(document) if isinstance(document, dict) else list(document)
    copy[path[0]] = _replaced(document[path[0]], path[1:], value)
    return copy


def _sample(path: Path) -> tuple[Any, list[tuple]]:
    raw, _source = load_file(path)
    return raw, _leaves(raw)


RULES = {"language": "nl", "rules": [{
    "id": "eigen-regel", "title": "Eigen regel", "level": "warning", "kind": "sequence", "max_gap": 3,
    "patterns": ["u … moet (echt) … <betalen>"], "message": "„{match}” klinkt als een bevel.",
    "alternatives": ["Wanneer kunt u betalen?"], "reason": "Een vraag werkt beter.",
    "examples": {"bad": ["U moet nu betalen."], "good": ["Wanneer kunt u betalen?"]},
}]}
PERSONA = DATA / "personas" / "vergeten.yaml"
TESTS = DATA / "scripts" / "eerste-gesprek.test.yaml"


def _load_tests(path: Path) -> Any:
    return run_suite(collect(str(path)))


LOADERS: dict[str, tuple[Any, Callable[[Path], Any], str]] = {
    "script": (load_file(DATA / "scripts" / "eerste-gesprek.yaml")[0], load_script, "script.yaml"),
    "klantbestand": (load_file(DATA / "dossiers" / "demo.yaml")[0], load_dossier, "klant.yaml"),
    "persona": (load_file(PERSONA)[0], load_persona, "persona.yaml"),
    "woordkeuzeregels": (RULES, lambda p: load_user_rules(str(p)), "regels.yaml"),
    "testbestand": (load_file(TESTS)[0], _load_tests, "eerste-gesprek.test.yaml"),
}


def _fields(name: str) -> st.SearchStrategy:
    document = LOADERS[name][0]
    return st.sampled_from(_leaves(document))


def _check_loader(name: str, path: tuple, value: Any) -> None:
    document, load, file_name = LOADERS[name]
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / file_name
        target.write_text(yaml.safe_dump(_replaced(document, path, value), allow_unicode=True), encoding="utf-8")
        try:
            load(target)
        except BelscriptError:
            pass


@SETTINGS
@given(data=st.data(), value=HOSTILE)
def test_random_values_in_a_script_give_a_script_or_a_clear_error(data, value):
    """Any value in any field of a call script loads or gets belscript's own message."""
    _check_loader("script", data.draw(_fields("script")), value)


@SETTINGS
@given(data=st.data(), value=HOSTILE)
def test_random_values_in_a_customer_file_give_a_dossier_or_a_clear_error(data, value):
    """Any value in any field of a customer file loads or gets belscript's own message."""
    _check_loader("klantbestand", data.draw(_fields("klantbestand")), value)


@SETTINGS
@given(data=st.data(), value=HOSTILE)
def test_random_values_in_a_persona_give_a_persona_or_a_clear_error(data, value):
    """Any value in any field of a practice persona loads or gets belscript's own message."""
    _check_loader("persona", data.draw(_fields("persona")), value)


@SETTINGS
@given(data=st.data(), value=HOSTILE)
def test_random_values_in_phrasing_rules_give_rules_or_a_clear_error(data, value):
    """Any value in any field of a phrasing rule file loads or gets belscript's own message."""
    _check_loader("woordkeuzeregels", data.draw(_fields("woordkeuzeregels")), value)


@settings(SETTINGS, max_examples=15)
@given(data=st.data(), value=HOSTILE)
def test_random_values_in_a_test_file_give_results_or_a_clear_error(data, value):
    """Any value in any field of a script's test file runs or gets belscript's own message."""
    _check_loader("testbestand", data.draw(_fields("testbestand")), value)


_MODEL: list = []


def _agreement_model():
    """One call at 'Afspraak vastleggen', shared by the examples (each example only adds to it)."""
    if not _MODEL:
        model, journal = live_model()
        for line in ("", "/naam Ingrid van Dijk", "1", "1", "1"):
            model.submit(line)
        _MODEL.append((model, journal))
    return _MODEL[0][0]


@settings(SETTINGS, max_examples=60)
@given(field=st.sampled_from(sorted(FIELDS)), value=HOSTILE.filter(lambda v: isinstance(v, str)))
def test_random_text_typed_into_any_agreement_field_keeps_the_call_going(field, value):
    """Typing (and submitting) random text in any /afspraak field gives feedback or a clear error, never a crash."""
    model = _agreement_model()
    line = f"/afspraak {field} {value}"
    try:
        compute(model, line)
    except BelscriptError:
        pass
    model.submit(line)
    assert model.phase == "call"

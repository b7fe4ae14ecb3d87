"""Customer files may be written with Dutch keys (klant, facturen, vervaldatum…)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from belscript.cli.main import main
from belscript.dossier import Dossier
from belscript.dossier.keys import DUTCH, dutch_keys
from belscript.dossier.loader import demo_dossier_path, load_dossier
from belscript.errors import InvalidDocument

DUTCH_DEMO = Path(__file__).resolve().parent / "golden" / "valid" / "klant-nederlands.yaml"

SMALL = """\
klant:
  naam: Bakkerij Van Dijk
beller:
  naam: Eva Jansen
  bedrijf: Jansen Webdesign
facturen:
  - factuurnummer: "2026-0142"
    bedrag: "2450,00"
    factuurdatum: "2026-09-28"
    vervaldatum: "2026-10-28"
"""


def _problems(tmp_path, text: str):
    path = tmp_path / "klant.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InvalidDocument) as info:
        load_dossier(path)
    return info.value.diagnostics


def test_the_dutch_demo_customer_file_loads_to_the_same_dossier_as_the_english_one():
    """The demo customer file with every key in Dutch gives exactly the same customer file."""
    assert load_dossier(DUTCH_DEMO) == load_dossier(demo_dossier_path())


def test_every_english_key_of_the_customer_file_has_a_dutch_name():
    """Each key of every section of a customer file can be written in Dutch."""
    for model, names in DUTCH.items():
        assert set(names) == set(model.model_fields), model.__name__


def test_a_misspelt_dutch_key_gets_a_did_you_mean_at_its_line_and_column(tmp_path):
    """'vervaldtum' is reported where it was typed, with the Dutch key it probably meant."""
    (d,) = [p for p in _problems(tmp_path, SMALL.replace("vervaldatum", "vervaldtum")) if p.code == "unknown-key"]
    assert (d.line, d.column) == (10, 5)
    assert "did you mean 'vervaldatum'" in d.message


def test_a_wrong_value_under_a_dutch_key_points_at_that_value(tmp_path):
    """A bad amount under 'bedrag' is reported at the value's own line and column."""
    (d,) = _problems(tmp_path, SMALL.replace('"2450,00"', "veel"))
    assert (d.line, d.column, d.code) == (8, 13, "invalid-value")


def test_a_missing_dutch_section_is_named_in_the_error(tmp_path):
    """Leaving out the caller is still reported as a missing key."""
    text = SMALL.replace("beller:\n  naam: Eva Jansen\n  bedrijf: Jansen Webdesign\n", "")
    (d,) = _problems(tmp_path, text)
    assert d.code == "missing-key" and "caller" in d.message


def test_a_key_given_in_dutch_and_in_english_is_an_error(tmp_path):
    """'naam' next to 'name' in the same section is refused, pointing at the second one."""
    (d,) = _problems(tmp_path, SMALL.replace("  naam: Bakkerij Van Dijk\n",
                                             "  naam: Bakkerij Van Dijk\n  name: Bakkerij Van Dijk\n"))
    assert (d.line, d.column, d.code) == (3, 3, "duplicate-key")
    assert "'name' and 'naam'" in d.message


def test_a_dutch_key_is_only_understood_in_its_own_section(tmp_path):
    """'klantnummer' inside an invoice is an unknown key, not the invoice number."""
    (d,) = [p for p in _problems(tmp_path, SMALL.replace("factuurnummer", "klantnummer")) if p.code == "unknown-key"]
    assert (d.line, d.column) == (7, 5) and "in 'facturen[1]'; did you mean 'nummer'?" in d.message


def test_validate_accepts_a_customer_file_with_dutch_keys(capsys):
    """'belscript validate --kind dossier' and plain 'belscript validate' pass the Dutch demo file."""
    assert main(["validate", "--kind", "dossier", str(DUTCH_DEMO)]) == 0
    assert main(["validate", str(DUTCH_DEMO)]) == 0


def test_validate_reports_a_misspelt_dutch_key(tmp_path, capsys):
    """'belscript validate' shows a misspelt Dutch key as PATH:LINE:COL with a suggestion."""
    path = tmp_path / "klant.yaml"
    path.write_text(SMALL.replace("bedrijf", "bedrjf"), encoding="utf-8")
    assert main(["validate", "--kind", "dossier", str(path)]) == 1
    assert f"{path}:5:3: error: unknown key 'bedrjf' in 'beller'; did you mean 'bedrijf'?" in capsys.readouterr().out


@settings(max_examples=40, deadline=None)
@given(st.data())
def test_any_mix_of_dutch_and_english_keys_loads_the_same_dossier(tmp_path_factory, data):
    """Writing each key in either language never changes the customer file that loads."""
    english = load_dossier(demo_dossier_path())
    dumped = english.model_dump(mode="json", exclude_defaults=True)

    def mix(value, model):
        if isinstance(value, list):
            return [mix(v, model) for v in value]
        if not isinstance(value, dict):
            return value
        from belscript.document.pydantic_errors import model_at

        names = dutch_keys(model)
        out = {}
        for key, item in value.items():
            sub = model_at(model, (key,))
            written = data.draw(st.sampled_from([key, names.get(key, key)]))
            out[written] = mix(item, sub)
        return out

    import json
    path = tmp_path_factory.mktemp("mix") / "klant.json"
    path.write_text(json.dumps(mix(dumped, Dossier), ensure_ascii=False), encoding="utf-8")
    assert load_dossier(path) == english


def test_the_format_guide_lists_every_dutch_key():
    """docs/format.md names every Dutch key a customer file accepts."""
    text = (Path(__file__).resolve().parents[1] / "docs" / "format.md").read_text(encoding="utf-8")
    section = text[text.index("## Customer files: Dutch keys"):text.index("## How YAML is read")]
    for names in DUTCH.values():
        for english, dutch in names.items():
            assert f"`{english}`" in section and all(f"`{word}`" in section for word in dutch), english

"""Customer files (dossiers) load from YAML and JSON with the same precise diagnostics."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from belscript.dossier.loader import demo_dossier_path, load_dossier
from belscript.errors import InputError, InvalidDocument

VALID = Path(__file__).resolve().parent / "golden" / "valid"


def test_yaml_customer_file_loads_with_dutch_amounts_and_dates():
    """A YAML customer file gives amounts as Decimal (Dutch notation) and real dates."""
    dossier = load_dossier(VALID / "klant.yaml")
    invoice = dossier.invoices[0]
    assert invoice.amount == Decimal("1250.50")
    assert invoice.due_date.isoformat() == "2026-10-28"
    assert invoice.signed_for_receipt is True
    assert dossier.contact.name == "Anja de Vries"


def test_json_customer_file_loads():
    """A JSON customer file loads the same way."""
    dossier = load_dossier(VALID / "klant.json")
    assert dossier.invoices[0].amount == Decimal("1250.50")


def test_json_errors_have_positions(tmp_path):
    """A mistake in a JSON customer file is reported at its line and column."""
    path = tmp_path / "klant.json"
    path.write_text('{\n  "customer": {"name": "X"},\n  "caller": {"name": "Y", "company": "Z"},\n'
                    '  "invoices": [{"number": "1", "amount": "veel", "invoice_date": "2026-01-01",'
                    ' "due_date": "2026-02-01"}]\n}\n', encoding="utf-8")
    with pytest.raises(InvalidDocument) as info:
        load_dossier(path)
    (d,) = info.value.diagnostics
    assert (d.line, d.column, d.code) == (4, 42, "invalid-value")


def test_missing_customer_file_is_input_error(tmp_path):
    """A customer file that does not exist is unreadable input."""
    with pytest.raises(InputError):
        load_dossier(tmp_path / "nope.yaml")


def test_demo_customer_file_is_valid():
    """The demo customer file that ships with belscript loads without problems."""
    path = demo_dossier_path()
    assert load_dossier(path).invoices


def _domain_char(ch: str) -> bool:
    return ch.isascii() and ch.isalnum() or "\u00c0" <= ch <= "\uffff"


@given(st.text(alphabet=st.characters(max_codepoint=0x10FFFF), min_size=1, max_size=6))
def test_an_email_domain_takes_letters_digits_and_accented_characters_only(domain):
    """A contact's e-mail domain may hold A-Z, digits, dots, dashes and characters from U+00C0 up to U+FFFF, nothing else."""
    from belscript.dossier.model import _EMAIL

    expected = (_domain_char(domain[0]) and _domain_char(domain[-1])
                and all(_domain_char(ch) or ch in ".-" for ch in domain))
    assert bool(_EMAIL.fullmatch("info@" + domain)) == expected

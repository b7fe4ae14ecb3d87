"""The Dutch user guide explains every agreement field the call screen understands."""

from pathlib import Path

from belscript.agreement.entry import FIELDS

GUIDE = Path(__file__).resolve().parent.parent / "docs" / "handleiding.md"


def test_every_agreement_field_is_in_the_user_guide_with_an_example():
    """Each /afspraak field appears in the guide's table together with an example command."""
    text = GUIDE.read_text(encoding="utf-8")
    for field in FIELDS:
        assert f"| `{field}` |" in text, field
        assert f"`/afspraak {field} " in text, field

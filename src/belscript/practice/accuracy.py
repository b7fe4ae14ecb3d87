"""How well the practice customer reads a caller's sentences, measured on a labelled set.

The set (``tests/fixtures/practice_sentences.yaml``) lists natural Dutch sentences per
category (open, closed and reproachful questions, pressure, recaps, invitations, own
proposals, past-date statements, excuse replies) with the moves the reader must and
must not find. The test suite requires every sentence to be read right; the developer
script ``scripts/practice_accuracy.py`` prints the table in ``docs/handleiding.md``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

#: Expected values in the set, as written there.
_YES_NO = {"ja": True, "nee": False}


@dataclass
class CategoryResult:
    """The sentences of one category and the ones read wrong (with what went wrong)."""

    id: str
    title: str
    total: int = 0
    wrong: list[tuple[str, str]] = field(default_factory=list)

    @property
    def right(self) -> int:
        return self.total - len(self.wrong)


def _observed(move, key: str) -> bool:
    if key == "offer":
        return move.date_phrase is not None
    return bool(getattr(move, key))


def evaluate(path: str | Path) -> list[CategoryResult]:
    """Read every sentence of the labelled set with the practice reader (phrasing findings
    included, as in a session) and compare with its labels."""
    from belscript.errors import InputError
    from belscript.phrasing import check
    from belscript.practice.utterance import read_move
    from belscript.document.yamlsafe import load_file

    data, _source = load_file(path)
    try:
        today = date.fromisoformat(data["today"])
        categories = data["categories"]
    except (KeyError, TypeError, ValueError) as exc:
        raise InputError(f"{path}: geen geldige set met zinnen ({exc})") from None
    results = []
    for cid, category in categories.items():
        expect = {k: _YES_NO[v] for k, v in category["expect"].items()}
        result = CategoryResult(cid, category.get("title", cid))
        for sentence in category["sentences"]:
            move = read_move(sentence, check(sentence, language="nl"), today=today)
            result.total += 1
            off = [f"{k}={'ja' if not v else 'nee'}" for k, v in expect.items() if _observed(move, k) != v]
            if off:
                result.wrong.append((sentence, ", ".join(off)))
        results.append(result)
    return results


def table(results: list[CategoryResult]) -> str:
    """A Markdown table: category, sentences, read right, accuracy."""
    lines = ["| categorie | zinnen | goed gelezen | nauwkeurigheid |", "|---|---:|---:|---:|"]
    for r in results:
        lines.append(f"| {r.title} | {r.total} | {r.right} | {100 * r.right / r.total:.0f}% |")
    total = sum(r.total for r in results)
    right = sum(r.right for r in results)
    lines.append(f"| **totaal** | {total} | {right} | {100 * right / total:.0f}% |")
    return "\n".join(lines)

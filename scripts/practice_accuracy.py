"""Print how well the practice customer reads the labelled caller sentences, per category.

Run with the venv's Python: ``.venv/bin/python scripts/practice_accuracy.py``. The table
goes into docs/handleiding.md (section "Oefenen"); the sentences read wrong follow it.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))


def main() -> int:
    from belscript.practice.accuracy import evaluate, table

    results = evaluate(ROOT / "tests" / "fixtures" / "practice_sentences.yaml")
    print(table(results))
    wrong = [(r.id, s, why) for r in results for s, why in r.wrong]
    for cid, sentence, why in wrong:
        print(f"{cid}: {sentence}  [{why}]")
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main())

"""Finding a date named inside a longer sentence, read as the agreement entry reads it.

The practice customer hears "dan kan ik op dinsdag 1 december overmaken" and must take
the same day from it as the agreement entry would from "dinsdag 1 december":
:func:`find_date` tries each word that can start a date with the longest run of
following words that :func:`~belscript.agreement.dates.resolve_any_day` understands.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from belscript.agreement.dates import resolve_any_day
from belscript.agreement.datewords import MONTH_PATTERN, NUMBER_WORD_PATTERN, WEEKDAY_PATTERN
from belscript.errors import AgreementError

__all__ = ["DateMention", "find_date"]

class DateMention:
    """A date named inside a longer sentence: the words, and the day they mean.

    ``day`` is ``None`` when the words are refused as a date (``refusal`` says why, e.g.
    a vague or ambiguous answer); ``day`` may lie before ``today`` ("Op 4 november hebben
    wij u een herinnering gestuurd"), which :attr:`past` tells.
    """

    __slots__ = ("phrase", "day", "refusal", "past")

    def __init__(self, phrase: str, day: date | None, refusal: AgreementError | None, today: date) -> None:
        self.phrase = phrase
        self.day = day
        self.refusal = refusal
        self.past = day is not None and day < today

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"DateMention({self.phrase!r}, {self.day!r}, past={self.past})"


#: Words a date phrase can start with (the rest is found by trying the resolver itself).
_MENTION_START = re.compile(
    r"(?:" + WEEKDAY_PATTERN + r"|vandaag|morgen|overmorgen|komende|aanstaande|aankomende|eerstvolgende|volgende|deze"
    r"|over|binnen|eind|einde|begin|medio|half|halverwege|de"
    r"|\d{1,2}(?:e|ste|de)?|\d{1,2}[-/.]\d{1,2}(?:[-/.]\d{2,4})?|\d{4}-\d{2}-\d{2})"
)
#: Words that start a phrase only together with what follows ("over 2 weken", "de 15e").
_NEEDS_NEXT = {w: re.compile(f) for w, f in {
    "over": r"(?:\d|(?:" + NUMBER_WORD_PATTERN + r"|een|half|halve)\b)", "binnen": r"(?:\d|(?:" + NUMBER_WORD_PATTERN + r"|een)\b)",
    "de": r"\d", "deze": r"(?:" + WEEKDAY_PATTERN + r"|week)\b", "volgende": r"(?:" + WEEKDAY_PATTERN + r"|week|maand)\b",
    "half": r"(?:" + MONTH_PATTERN + r"|van|de|deze|volgende|maand)\b"}.items()}
#: A refused phrase counts as a date only when it ends on a date word ("volgende vrijdag",
#: "morgen of overmorgen"), not on other words ("vrijdag betalen of later").
_DATE_WORD_END = re.compile(
    r"(?:\b(?:" + WEEKDAY_PATTERN + "|" + MONTH_PATTERN + r"|vandaag|morgen|overmorgen|dag|dagen|werkdag|werkdagen|week|weken"
    r"|maand|maanden|jaar)|\d)$")
#: The longest date phrase in words ("dinsdag 1 december 2026 om half elf").
_MENTION_WORDS = 8


def find_date(text: str, today: date) -> DateMention | None:
    """The first date named in ``text``, read by the same resolver as the agreement entry.

    Each word that can start a date is tried with the longest run of following words
    (within one clause) that :func:`resolve_date` understands, so "op dinsdag 1 december
    overmaken" is 1 December, not just "dinsdag"; then words at the end that do not change
    the day ("vandaag nog") are left off. A phrase the entry would refuse (vague,
    ambiguous, impossible) is returned with its refusal. ``None`` when no date is named.
    """
    if isinstance(today, datetime):
        today = today.date()
    lowered = str(text).lower().replace("\u00a0", " ").replace("vóór", "voor")
    for clause in re.split(r"[,;:!?()\"]|\.(?!\d)|\s-\s", lowered):
        words = clause.split()
        for i, word in enumerate(words):
            if not _MENTION_START.fullmatch(word):
                continue
            follow = _NEEDS_NEXT.get(word)
            if follow and not (i + 1 < len(words) and follow.match(words[i + 1])):
                continue
            found = _longest_at(words, i, today)
            if found is not None:
                return found
    return None


def _longest_at(words: list[str], i: int, today: date) -> DateMention | None:
    for j in range(min(len(words), i + _MENTION_WORDS), i, -1):
        phrase = " ".join(words[i:j])
        try:
            day = resolve_any_day(phrase, today)
        except AgreementError as exc:
            if "begrijp ik niet als datum" not in exc.message and _DATE_WORD_END.search(phrase):
                return DateMention(phrase, None, exc, today)
            continue
        except (ValueError, OverflowError):
            continue
        for k in range(i + 1, j):  # "vandaag nog" -> "vandaag", "donderdag om 10 uur" -> "donderdag"
            try:
                if resolve_any_day(" ".join(words[i:k]), today) == day:
                    j = k
                    break
            except (AgreementError, ValueError, OverflowError):
                continue
        return DateMention(" ".join(words[i:j]), day, None, today)
    return None

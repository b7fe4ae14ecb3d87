"""Spoken Dutch dates and moments, resolved to the calendar and said back in words.

A promise to pay is only worth something when it has a calendar date: "vrijdag" can
be followed up, "binnenkort" cannot. So this module does two things:

* it *refuses* vague answers ("zo snel mogelijk", "volgende week", "als mijn klant
  betaalt", "ergens in december") with an :class:`~belscript.errors.AgreementError`
  whose message explains in Dutch why it is not concrete and whose hint is a better
  question for the caller to ask;
* it *resolves* concrete answers to a :class:`~datetime.date` (or, for a callback, a
  :class:`~datetime.datetime`), which the screen always shows back in words
  ("vrijdag 27 november 2026") so the customer can confirm it.

``dateparser`` does the reading of ordinary phrases ("vrijdag", "morgen", "15 maart",
"15-3", "over 10 dagen"). What it does not understand in Dutch is normalised first or
resolved here: number words ("over twee weken"), "komende/aanstaande vrijdag",
"volgende week dinsdag", "eind van de maand", "begin volgende maand", "de 15e",
"over 5 werkdagen", and spoken clock times ("half elf", "kwart over twee").

Rules worth knowing:

* A day and month without a year ("15 maart", "20 november") is the occurrence
  nearest to today; if that is in the past the date is refused, because a customer
  who says "20 november" on 23 November made a mistake, not a promise for next year.
* "volgende vrijdag" is ambiguous in Dutch (this week's or next week's Friday); it is
  refused with both dates as the hint, unless both readings are the same day.
* A clock hour from 1 to 6 without "'s ochtends" is read as the afternoon
  ("om 2 uur" is 14:00): nobody agrees to be called back at two in the night.

The words (number words, normalising, saying a date, refusing vague answers) are in
:mod:`~belscript.agreement.datewords`, calendar arithmetic and the phrases read without
``dateparser`` in :mod:`~belscript.agreement.daymath`; their public names are
importable from here. ``dateparser`` and ``babel`` are imported inside the functions: loading them costs
a few hundred milliseconds that commands which never resolve a date should not pay.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from functools import lru_cache

from belscript.agreement.datewords import (
    ASK_DATE,
    ASK_TIME,
    MONTH_PATTERN,
    NUMBER_WORD_PATTERN,
    NUMBER_WORDS,
    WEEKDAY_PATTERN,
    capitalised,
    normalise,
    numbers_to_digits,
    refuse_vague,
    say_date,
    say_moment,
    strip_fillers,
)
from belscript.agreement.daymath import add_months, monday_of, nearest_day_month, resolve_custom
from belscript.dutch import MONTHS, WEEKDAYS
from belscript.errors import AgreementError
from belscript.money import shorten

__all__ = [
    "add_months",
    "ASK_TIME",
    "MONTHS",
    "NUMBER_WORDS",
    "WEEKDAYS",
    "resolve_date",
    "resolve_moment",
    "resolve_any_day",
    "say_date",
    "say_moment",
    "numbers_to_digits",
    "warm_up",
    "loose_phrase",
    "nearest_working_days",
    "working_day_note",
    "ASK_DATE",
]


def warm_up() -> None:
    """Load ``dateparser`` and ``babel`` ahead of time (e.g. while a screen is drawn).

    The first resolution otherwise pays their import and Dutch language data once.
    """
    today = date.today()
    resolve_date("vrijdag", today)
    say_date(today)


_FOR_DATEPARSER = re.compile(
    r"(?:(?:" + WEEKDAY_PATTERN + r") )?(?:"
    r"(?:" + WEEKDAY_PATTERN + r")|vandaag|morgen|overmorgen|gisteren|eergisteren"
    r"|\d{1,2} (?:" + MONTH_PATTERN + r")(?: \d{4}| '\d{2})?"
    r"|\d{1,2}[-/]\d{1,2}(?:[-/]\d{2}|[-/]\d{4})?"
    r"|\d{4}-\d{2}-\d{2}"
    r"|(?:over|binnen) \d+ (?:dag|dagen|week|weken|jaar)"
    r")"
)
_EXPLICIT_YEAR = re.compile(r"\b\d{4}\b|\d{1,2}[-/]\d{1,2}[-/]\d{2,4}|'\d{2}\b")
_DAY_MONTH = re.compile(r"(?<![-/])\b(\d{1,2})(?: (" + MONTH_PATTERN + r")|[-/](\d{1,2}))\b")


def _with_dateparser(t: str, today: date) -> date | None:
    import dateparser

    settings = {
        "RELATIVE_BASE": datetime.combine(today, time(12, 0)),
        "PREFER_DATES_FROM": "future",
        "DATE_ORDER": "DMY",
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    phrase = re.sub(r"^binnen ", "over ", t)
    result = dateparser.parse(phrase, languages=["nl"], settings=settings)
    return None if result is None else result.date()


def _not_understood(original: str) -> AgreementError:
    return AgreementError(
        f"‘{original.strip()}’ begrijp ik niet als datum.",
        field="datum",
        hint="Noem een dag, bijvoorbeeld ‘vrijdag’, ‘15 december’, ‘15-12’ of ‘over twee weken’.",
    )


@lru_cache(maxsize=512)
def _resolve_cached(text: str, today: date) -> date:
    resolved = resolve_any_day(text, today)
    if resolved < today:
        raise AgreementError(
            f"{capitalised(say_date(resolved))} ligt in het verleden.",
            field="datum",
            hint="Op welke datum vanaf vandaag kunt u het bedrag overmaken?",
        )
    return resolved


def resolve_any_day(text: str, today: date) -> date:
    """The calendar day of a spoken date, also when it has passed (a sentence may name one,
    see :mod:`belscript.agreement.mentions`); refused when vague, impossible or too far."""
    t = normalise(text)
    if not t:
        raise AgreementError("Er is nog geen datum genoemd.", field="datum", hint=ASK_DATE)
    t = _dots_to_dashes(t)
    t = _strip_time(t)
    refuse_vague(t, text, today)
    t = numbers_to_digits(strip_fillers(t))
    refuse_vague(t, text, today)
    far = re.search(r"\b(?:over|binnen) (\d+)", t)
    if far and int(far.group(1)) > _MAX_COUNT:
        raise _too_far(text)
    try:
        resolved = _resolve_calendar(t, today, text)
    except (ValueError, OverflowError):
        raise _too_far(text) from None
    _check_weekday(t, resolved, text)
    if resolved > today + timedelta(days=MAX_DAYS_AHEAD):
        raise _too_far(text)
    return resolved


#: "over N dagen" with N above this is no promise anyone can follow up.
_MAX_COUNT = 1000
#: No resolved date lies further ahead than this: beyond any policy's limit (at most
#: two years), and far enough from the calendar's end (9999) that instalment dates,
#: reminders and calendar entries computed from it never overflow.
MAX_DAYS_AHEAD = 3660


def _too_far(original: str) -> AgreementError:
    return AgreementError(f"‘{shorten(original.strip())}’ ligt te ver weg voor een afspraak.", field="datum", hint=ASK_DATE)


def _resolve_calendar(t: str, today: date, text: str) -> date:
    resolved = resolve_custom(t, today, text)
    if resolved is None:
        if not _FOR_DATEPARSER.fullmatch(t):
            raise _not_understood(text)
        resolved = _with_dateparser(t, today)
        day_month = _DAY_MONTH.search(t)
        if resolved is None:
            if day_month:
                raise AgreementError(f"‘{text.strip()}’ bestaat niet als datum.", field="datum",
                                     hint="Controleer de dag en de maand.")
            raise _not_understood(text)
        if day_month:
            said_month = MONTHS.index(day_month.group(2)) + 1 if day_month.group(2) else int(day_month.group(3))
            if (resolved.day, resolved.month) != (int(day_month.group(1)), said_month):
                raise AgreementError(f"‘{text.strip()}’ bestaat niet als datum.", field="datum",
                                     hint="Controleer de dag en de maand.")
        if day_month and not _EXPLICIT_YEAR.search(t):
            nearest = nearest_day_month(today, resolved.month, resolved.day)
            if nearest is not None:
                resolved = nearest
    return resolved


def _dots_to_dashes(t: str) -> str:
    """``1.12`` and ``1.12.2026`` are dates here (a month is at most 12; ``14.30`` stays a time)."""
    def repl(m: re.Match[str]) -> str:
        if int(m.group(2)) > 12 or re.match(r" ?uur", t[m.end():]):
            return m.group(0)
        return "-".join(g for g in m.groups() if g)

    return re.sub(r"\b(\d{1,2})\.(\d{1,2})(?:\.(\d{2,4}))?\b", repl, t)


def _check_weekday(t: str, resolved: date, original: str) -> None:
    """"vrijdag 28 november" when the 28th is a Saturday: ask which of the two is meant."""
    named = re.search(r"\b(" + WEEKDAY_PATTERN + r")\b", t)
    if not named or not _DAY_MONTH.search(t):
        return
    wd = WEEKDAYS.index(named.group(1))
    if resolved.weekday() == wd:
        return
    same_week = monday_of(resolved) + timedelta(days=wd)
    raise AgreementError(
        f"{resolved.day} {MONTHS[resolved.month - 1]} {resolved.year} is een {WEEKDAYS[resolved.weekday()]}, geen {WEEKDAYS[wd]}.",
        field="datum",
        hint=f"Bedoelt u {say_date(same_week)} of {say_date(resolved)}?",
    )


def resolve_date(text: str, today: date) -> date:
    """Resolve a spoken Dutch date to the calendar, or refuse it with a Dutch reason.

    Raises :class:`AgreementError` (``field='datum'``) when the answer is vague, not a
    date, not a real date or in the past; ``hint`` is a better question to ask.
    """
    if isinstance(today, datetime):
        today = today.date()
    return _resolve_cached(str(text), today)


# --------------------------------------------------------------------------- checks on a resolved date

#: Words that make a date answer an approximation ("eind van de maand", "begin december",
#: "rond de 15e"): the reader finds a date for them, but the customer did not name it.
_LOOSE = re.compile(
    r"\b(?:(?:aan het |tegen het |op het )?(?:eind|einde|begin)(?: van)?(?: de| het)?"
    r"|halverwege|midden|medio|rond|omstreeks|ongeveer|circa|zo'?n beetje)\b"
)


def loose_phrase(text: str) -> str | None:
    """The approximate part of a date answer ("eind van de maand"), or None for a named date.

    A loose phrase still resolves to a date, but that date is belscript's reading, not
    the customer's promise: the caller says it back and the customer confirms it.
    """
    m = _LOOSE.search(normalise(str(text)))
    return m.group(0).strip() if m else None


def nearest_working_days(d: date, today: date | None = None) -> list[date]:
    """The working day nearest to ``d`` (both, when one before and one after are as near).

    Days before ``today`` are never offered.
    """
    from belscript.calltime import is_working_day

    for distance in range(1, 15):
        found = [x for x in (d - timedelta(days=distance), d + timedelta(days=distance))
                 if is_working_day(x) and (today is None or x >= today)]
        if found:
            return found
    return []


def working_day_note(d: date, today: date | None = None) -> str | None:
    """A warning when ``d`` is a weekend day or a Dutch public holiday, offering the nearest working day."""
    from belscript.calltime import holiday_name, is_working_day

    if is_working_day(d):
        return None
    holiday = holiday_name(d)
    what = f"{holiday} (een feestdag)" if holiday else f"een {WEEKDAYS[d.weekday()]}"
    offer = " of ".join(say_date(x) for x in nearest_working_days(d, today))
    text = f"Let op: {say_date(d)} is {what}; dan wordt er vaak niets overgemaakt of verwerkt."
    return text + (f" Stel de dichtstbijzijnde werkdag voor: {offer}." if offer else "")


# --------------------------------------------------------------------------- clock times

_HOUR = r"(\d{1,2}|" + NUMBER_WORD_PATTERN + r")"
_QUALIFIER = re.compile(
    r"(?:'s ?|\bs )(ochtends|morgens|middags|avonds)\b|\bin de (ochtend|morgen|middag|namiddag|avond)\b|"
    r"\b(ochtend|middag|namiddag|avond)\b"
)
_TIME_PATTERNS = (
    # 14:30, om 9:05, 14.30 uur
    (re.compile(r"(?:\bom )?\b(\d{1,2}):(\d{2})(?: ?uur)?\b"), lambda m: (int(m.group(1)), int(m.group(2)))),
    (re.compile(r"(?:\bom )?\b(\d{1,2})\.(\d{2}) ?uur\b"), lambda m: (int(m.group(1)), int(m.group(2)))),
    # 10 uur, 10u30, om 10 uur 15
    (re.compile(r"(?:\bom )?\b" + _HOUR + r" ?(?:uur|u)(?: ?(\d{2}))?\b"),
     lambda m: (_hour(m.group(1)), int(m.group(2) or 0))),
    # kwart over tien, tien voor half elf, vijf over half drie
    (re.compile(r"(?:\bom )?\b(kwart|\d{1,2}|" + NUMBER_WORD_PATTERN + r") (over|voor) (half )?" + _HOUR + r"\b"),
     lambda m: _relative_time(m.group(1), m.group(2), bool(m.group(3)), m.group(4))),
    # half elf
    (re.compile(r"(?:\bom )?\bhalf " + _HOUR + r"\b"), lambda m: ((_hour(m.group(1)) - 1) or 12, 30)),
    # donderdag 14.30
    (re.compile(r"(?:\bom )?\b(\d{1,2})\.(\d{2})\b(?![.-]\d)"), lambda m: (int(m.group(1)), int(m.group(2)))),
    # om tien, om 2
    (re.compile(r"\bom " + _HOUR + r"\b"), lambda m: (_hour(m.group(1)), 0)),
)


def _hour(word: str) -> int:
    return int(word) if word.isdigit() else NUMBER_WORDS[word]


def _relative_time(amount: str, direction: str, half: bool, hour_word: str) -> tuple[int, int]:
    minutes = 15 if amount == "kwart" else _hour(amount)
    base = datetime(2000, 1, 1, _hour(hour_word) % 24) - (timedelta(minutes=30) if half else timedelta())
    moved = base + timedelta(minutes=minutes if direction == "over" else -minutes)
    return moved.hour if moved.hour else 12, moved.minute


def _find_time(t: str) -> tuple[tuple[int, int] | None, str | None, str]:
    """(hour, minute) or None, the part of day named, and the text without them."""
    qualifier = None
    q = _QUALIFIER.search(t)
    if q:
        qualifier = next(g for g in q.groups() if g)
        t = (t[: q.start()] + " " + t[q.end():]).strip()
    for pattern, read in _TIME_PATTERNS:
        m = pattern.search(t)
        if m:
            hour, minute = read(m)
            rest = (t[: m.start()] + " " + t[m.end():]).strip()
            return (hour, minute), qualifier, re.sub(r"\s+", " ", rest).strip(" ,")
    return None, qualifier, t


def _strip_time(t: str) -> str:
    """A date answer may carry a time ("vrijdag om 10 uur"); for a date it does not matter."""
    if not re.search(r"\d[:.]\d{2}|\buur\b|\d u\b|\dkwart\b|\bhalf\b|\bom\b|'s |\bs (ochtends|middags|morgens|avonds)\b", t):
        return t
    found, qualifier, rest = _find_time(t)
    return rest if found else t


def resolve_moment(text: str, now: datetime) -> datetime:
    """Resolve a spoken Dutch day and time ("dinsdag om 10 uur", "morgen half elf").

    Without a day the moment is today. Refused (``AgreementError``, ``field='terugbellen'``)
    without a clock time, with an impossible time, or when the moment has passed.
    """
    t = normalise(text)
    relative = re.fullmatch(r"(?:over|binnen) (?:(een|\d+|" + NUMBER_WORD_PATTERN + r") (uur|kwartier|minuten|minuut)|(een )?half uur|(een )?kwartier)", t)
    if relative:
        if relative.group(1) and relative.group(1).isdigit() and int(relative.group(1)) > _MAX_COUNT:
            raise AgreementError(f"‘{text.strip()}’ ligt te ver weg voor een terugbelafspraak.",
                                 field="terugbellen", hint="Op welke dag en hoe laat kan ik terugbellen?")
        if relative.group(2):
            n = 1 if relative.group(1) == "een" else _hour(relative.group(1))
            minutes = n * {"uur": 60, "kwartier": 15}.get(relative.group(2), 1)
        else:
            minutes = 30 if "half" in t else 15
        return (now + timedelta(minutes=minutes)).replace(second=0, microsecond=0)
    found, qualifier, rest = _find_time(t)
    if found is None:
        if qualifier:
            raise AgreementError(f"‘{text.strip()}’ noemt geen tijdstip.", field="terugbellen", hint=ASK_TIME)
        raise AgreementError(f"Er is nog geen tijdstip genoemd in ‘{text.strip()}’.", field="terugbellen", hint=ASK_TIME)
    hour, minute = found
    if qualifier in ("middags", "middag", "namiddag", "avonds", "avond") and hour < 12:
        hour += 12
    elif qualifier is None and 1 <= hour <= 6:
        hour += 12
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        raise AgreementError(f"‘{text.strip()}’ is geen bestaand tijdstip.", field="terugbellen", hint=ASK_TIME)
    rest = re.sub(r"^(?:op|om)\b|\b(?:op|om)$", "", rest).strip(" ,")
    try:
        day = resolve_date(rest, now.date()) if rest else now.date()
    except AgreementError as exc:
        hint = exc.hint
        for about_paying in ("kunt u het bedrag uiterlijk overmaken", "kunt u het bedrag overmaken"):
            hint = hint.replace(about_paying, "kan ik terugbellen") if hint else hint
        raise AgreementError(exc.message, field="terugbellen", hint=hint) from None
    moment = datetime.combine(day, time(hour, minute))
    if moment <= now:
        raise AgreementError(
            f"{capitalised(say_moment(moment))} is al voorbij.",
            field="terugbellen",
            hint="Op welke dag en hoe laat kan ik terugbellen?",
        )
    return moment

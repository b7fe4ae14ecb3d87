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

``dateparser`` and ``babel`` are imported inside the functions: loading them costs
a few hundred milliseconds that commands which never resolve a date should not pay.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from functools import lru_cache

from belscript.dutch import MONTHS, WEEKDAYS
from belscript.errors import AgreementError
from belscript.money import shorten

__all__ = [
    "resolve_date",
    "resolve_moment",
    "find_date",
    "DateMention",
    "say_date",
    "say_moment",
    "numbers_to_digits",
    "warm_up",
    "loose_phrase",
    "nearest_working_days",
    "working_day_note",
    "ASK_DATE",
]

#: The general better question when an answer has no date.
ASK_DATE = "Op welke datum kunt u het bedrag uiterlijk overmaken?"
ASK_TIME = "Hoe laat kan ik terugbellen? Bijvoorbeeld om 10:00 of om 14:30."

_MONTH_ABBREVIATIONS = {
    "jan": "januari", "feb": "februari", "febr": "februari", "mrt": "maart", "mar": "maart",
    "apr": "april", "jun": "juni", "jul": "juli", "aug": "augustus", "sep": "september",
    "sept": "september", "okt": "oktober", "oct": "oktober", "nov": "november", "dec": "december",
}

#: Dutch number words as spoken in dates, counts and clock times.
NUMBER_WORDS = {
    "een": 1, "één": 1, "eén": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6,
    "zeven": 7, "acht": 8, "negen": 9, "tien": 10, "elf": 11, "twaalf": 12, "dertien": 13,
    "veertien": 14, "vijftien": 15, "zestien": 16, "zeventien": 17, "achttien": 18,
    "negentien": 19, "twintig": 20, "dertig": 30, "veertig": 40, "zestig": 60, "negentig": 90,
}

_WD = "|".join(WEEKDAYS)
_MONTH = "|".join(MONTHS)
_UNIT = r"dag|dagen|werkdag|werkdagen|week|weken|maand|maanden|jaar|termijn|termijnen|keer|maal"
_NUMBER_WORD = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))


# --------------------------------------------------------------------------- words

def say_date(d: date) -> str:
    """A date in Dutch words, as read back to the customer: ``vrijdag 27 november 2026``."""
    from babel.dates import format_date

    if isinstance(d, datetime):
        d = d.date()
    return format_date(d, "EEEE d MMMM y", locale="nl")


def say_moment(dt: datetime) -> str:
    """A moment in Dutch words: ``dinsdag 24 november 2026 om 10:30``."""
    return f"{say_date(dt.date())} om {dt:%H:%M}"


def warm_up() -> None:
    """Load ``dateparser`` and ``babel`` ahead of time (e.g. while a screen is drawn).

    The first resolution otherwise pays their import and Dutch language data once.
    """
    today = date.today()
    resolve_date("vrijdag", today)
    say_date(today)


def _capitalised(sentence_start: str) -> str:
    return sentence_start[:1].upper() + sentence_start[1:]


# --------------------------------------------------------------------------- normalising

def _normalise(text: str) -> str:
    """Lower case, one space between words, no surrounding punctuation, no ordinal suffixes."""
    t = str(text).lower().replace("\u00a0", " ").replace("’", "'").replace("‘", "'")
    t = t.replace("vóór", "voor").replace("\u2013", "-").replace("\u2014", "-")
    t = re.sub(r"\s+", " ", t).strip(" \t.,;:!?")
    t = re.sub(r"\b(\d{1,2})(?:e|ste|de)\b", r"\1", t)            # 1e, 1ste, 15de -> 1, 15
    t = re.sub(r"\b(" + "|".join(_MONTH_ABBREVIATIONS) + r")\b\.?",
               lambda m: _MONTH_ABBREVIATIONS[m.group(1)], t)
    t = re.sub(r"\b(einde|het eind|het einde|aan het eind|aan het einde|tegen het eind|tegen het einde|eind)\b", "eind", t)
    t = re.sub(r"\b(het begin|aan het begin|begin)\b", "begin", t)
    t = re.sub(r"\b(" + _WD + r"|morgen)(ochtend|middag|avond|namiddag)\b", r"\1 \2", t)
    return re.sub(r"\s+", " ", t).strip()


def numbers_to_digits(text: str) -> str:
    """Replace Dutch number words before a unit by digits: ``over twee weken`` -> ``over 2 weken``.

    Only words followed by a unit (dagen, weken, maanden, termijnen, …) are replaced,
    so the article "een" elsewhere stays a word. "een half jaar" becomes 6 maanden.
    """
    t = re.sub(r"\b(?:een )?half jaar\b", "6 maanden", text)
    t = re.sub(r"\b(?:een )?halve maand\b", "2 weken", t)
    return re.sub(
        r"\b(" + _NUMBER_WORD + r")(?= (?:" + _UNIT + r"|maandelijkse|wekelijkse|gelijke)\b)",
        lambda m: str(NUMBER_WORDS[m.group(1)]),
        t,
    )


_FILLERS = re.compile(
    r"^(?:(?:dat|het) (?:wordt|is|lukt|kan) |ik betaal |we betalen |wij betalen |betaling |betalen )?"
    r"(?:uiterlijk op |uiterlijk |ten laatste op |ten laatste |voor of op |op of voor |voor |op |per |tegen )?"
    r"(?:de datum )?"
)


def _strip_fillers(t: str) -> str:
    t = _FILLERS.sub("", t, count=1).strip()
    t = re.sub(r"\b(?:al|wel|nog|dan|hoor|graag)\b", " ", t)
    return re.sub(r"\s+", " ", t).strip(" ,")


# --------------------------------------------------------------------------- vague answers

def _vague(message: str, hint: str = ASK_DATE) -> AgreementError:
    return AgreementError(message, field="datum", hint=hint)


def _refuse_vague(t: str, original: str, today: date) -> None:
    """Raise when the answer names no single calendar day; the hint is a better question."""
    q = f"‘{original.strip()}’"
    if re.search(r"\b(zo ?snel|zo spoedig|zsm|z\.s\.m|asap|a\.s\.a\.p|met spoed|zo vlug|zo gauw mogelijk|snel|spoedig|gauw)\b", t) \
            and not re.search(r"\bzo gauw (als|ik|we|wij|mijn|de|het)\b", t):
        raise _vague(f"{q} is geen datum: zo kunt u niet nagaan of de afspraak wordt nagekomen.")
    if re.search(r"^(als|zodra|wanneer|indien|nadat|mits|zo gauw|pas als|pas na|afhankelijk)\b|"
                 r"\b(als|zodra|nadat|zo gauw|wanneer) (mijn|onze|de|ik|wij|we|hij|zij|ze|het|er|die)\b", t):
        raise _vague(
            f"{q} hangt af van iets anders; een betaling onder voorwaarde is geen afspraak die u kunt opvolgen.",
            "Welke vaste datum kunnen we afspreken, los daarvan?",
        )
    if re.search(r"\b(direct|meteen|onmiddellijk|nu)\b", t) and not re.search(r"\bvandaag\b", t):
        raise _vague(
            f"{q} klinkt concreet, maar is geen datum.",
            f"Lukt het vandaag nog? Dan noteer ik {say_date(today)}.",
        )
    if re.search(r"\bna het weekend\b|\bna het weekeinde\b", t):
        monday = today + timedelta(days=7 - today.weekday())
        raise _vague(f"{q} noemt geen vaste dag.", f"Wordt dat {say_date(monday)}?")
    if re.search(r"\b(binnenkort|eerdaags|later|ooit|tzt|t\.z\.t|te zijner tijd|een dezer dagen|"
                 r"binnen afzienbare tijd|in de loop van|over een tijdje|over een poos|een paar|enkele|"
                 r"na de vakantie|na de zomer|na de feestdagen|na kerst|na de kerst|na oud en nieuw|"
                 r"na de jaarwisseling|in het nieuwe jaar|begin volgend jaar|volgend jaar|dit jaar|"
                 r"binnen een paar|weet (ik )?niet|geen idee|onbekend|nog niet|geen datum|dat zien we)\b", t):
        raise _vague(f"{q} is geen datum: zo kunt u niet nagaan of de afspraak wordt nagekomen.")
    if re.search(r"\b(" + _WD + r"|vandaag|morgen|overmorgen|\d{1,2})\b.* of .*\b(" + _WD + r"|vandaag|morgen|overmorgen|\d{1,2})\b", t):
        raise _vague(
            f"{q} noemt meer dan één dag; een afspraak heeft één datum.",
            "Welke van die dagen spreken we af?",
        )
    m = re.fullmatch(r"(?:ergens |in de loop van |gedurende |in )?(?:de |het )?(volgende|komende|deze|aanstaande|de|eerstvolgende) (week|weekend|maand)(?: ergens| nog)?", t) \
        or re.fullmatch(r"(?:ergens |in )(?:de )?(volgende|komende|deze) (week|maand)", t)
    if m:
        which, unit = m.groups()
        which = "deze" if which in ("deze", "de") else "volgende"
        if unit == "weekend":
            raise _vague(f"{q} noemt geen vaste dag.", "Op welke dag precies kunt u het bedrag overmaken?")
        if unit == "week":
            raise _vague(
                f"{q} noemt geen dag; zonder datum kunt u de afspraak niet opvolgen.",
                f"Op welke dag {which} week kunt u het bedrag overmaken?",
            )
        raise _vague(
            f"{q} noemt geen dag; zonder datum kunt u de afspraak niet opvolgen.",
            f"Op welke datum {which} maand kunt u het bedrag overmaken?",
        )
    m = re.fullmatch(r"(?:ergens |in de loop van |rond |omstreeks |gedurende |deze |volgende )?(?:in )?(?:de maand |maand )?(" + _MONTH + r")(?: \d{4})?", t)
    if m:
        raise _vague(
            f"{q} noemt geen dag; zonder datum kunt u de afspraak niet opvolgen.",
            f"Op welke datum in {m.group(1)} kunt u het bedrag overmaken?",
        )
    if re.fullmatch(r"(?:in |ergens in |tijdens |na )?(?:het |dit |dat )?weekend", t):
        raise _vague(f"{q} noemt geen vaste dag.", "Op welke dag precies kunt u het bedrag overmaken?")
    if re.fullmatch(r"(?:in |ergens in )?\d{4}", t) or re.fullmatch(r"(?:ergens |in de )?(ochtend|middag|avond)", t):
        raise _vague(f"{q} is geen datum: zo kunt u niet nagaan of de afspraak wordt nagekomen.")


# --------------------------------------------------------------------------- calendar helpers

def _monday(d: date) -> date:
    return d - timedelta(days=d.weekday())


def _last_day(year: int, month: int) -> date:
    if month == 12:
        return date(year, 12, 31)
    return date(year, month + 1, 1) - timedelta(days=1)


def add_months(d: date, months: int) -> date:
    """Same day of the month ``months`` later, clipped to the month's end (31 jan + 1 = 28 feb)."""
    index = d.year * 12 + d.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(d.day, _last_day(year, month).day))


def _next_month(today: date) -> tuple[int, int]:
    return (today.year + 1, 1) if today.month == 12 else (today.year, today.month + 1)


def _nearest(today: date, month: int, day: int) -> date | None:
    """The occurrence of day-month nearest to today (last, this or next year)."""
    candidates = []
    for year in (today.year - 1, today.year, today.year + 1):
        try:
            candidates.append(date(year, month, day))
        except ValueError:
            continue
    if not candidates:
        return None
    return min(candidates, key=lambda c: (abs((c - today).days), c < today))


def _month_from_text(today: date, month: int, year: int | None) -> tuple[int, int]:
    """Year for a month named without year: this year unless the month has passed."""
    if year is not None:
        return year, month
    return (today.year, month) if month >= today.month else (today.year + 1, month)


def _working_days_later(today: date, n: int) -> date:
    from belscript.calltime import is_working_day

    d = today
    while n > 0:
        d += timedelta(days=1)
        if is_working_day(d):
            n -= 1
    return d


# --------------------------------------------------------------------------- resolving

def _resolve_custom(t: str, today: date, original: str) -> date | None:
    """Phrases ``dateparser`` does not read in Dutch; ``None`` when this is not one of them."""
    q = f"‘{original.strip()}’"
    if t == "vandaag":
        return today
    m = re.fullmatch(r"(?:komende|aanstaande|aankomende|eerstvolgende) (" + _WD + r")|(" + _WD + r") (?:aanstaande|as|a\.s|aankomend|komend)", t)
    if m:
        wd = WEEKDAYS.index(m.group(1) or m.group(2))
        ahead = (wd - today.weekday()) % 7 or 7
        return today + timedelta(days=ahead)
    m = re.fullmatch(r"(?:deze week (?:op )?(" + _WD + r"))|(?:(?:deze )?(" + _WD + r") (?:deze week|van deze week))|deze (" + _WD + r")", t)
    if m:
        wd = WEEKDAYS.index(next(g for g in m.groups() if g))
        return _monday(today) + timedelta(days=wd)
    m = re.fullmatch(
        r"(?:(volgende|over (\d+)) (?:week|weken) (?:op )?(" + _WD + r"))|"
        r"(?:(" + _WD + r") (?:in |van |de )?(?:de )?(volgende|over (\d+)) (?:week|weken))", t)
    if m:
        if m.group(3):
            weeks = 1 if m.group(1) == "volgende" else int(m.group(2))
            wd = WEEKDAYS.index(m.group(3))
        else:
            weeks = 1 if m.group(5) == "volgende" else int(m.group(6))
            wd = WEEKDAYS.index(m.group(4))
        return _monday(today) + timedelta(weeks=weeks, days=wd)
    m = re.fullmatch(r"volgende (" + _WD + r")", t)
    if m:
        wd = WEEKDAYS.index(m.group(1))
        coming = today + timedelta(days=(wd - today.weekday()) % 7 or 7)
        next_week = _monday(today) + timedelta(weeks=1, days=wd)
        if coming == next_week:
            return coming
        raise AgreementError(
            f"{q} kan deze week of volgende week betekenen.",
            field="datum",
            hint=f"Bedoelt u {say_date(coming)} of {say_date(next_week)}?",
        )
    # weeks: end/begin
    if re.fullmatch(r"eind (?:van )?(?:de |deze )?week", t):
        return _monday(today) + timedelta(days=4)
    if re.fullmatch(r"eind (?:van )?(?:de )?volgende week", t):
        return _monday(today) + timedelta(weeks=1, days=4)
    if re.fullmatch(r"begin (?:van )?(?:de )?volgende week", t):
        return _monday(today) + timedelta(weeks=1)
    # months: end/begin/middle
    m = re.fullmatch(r"(eind|begin|medio|half|halverwege) (?:van )?(?:de |deze )?(volgende )?maand", t)
    if m:
        year, month = _next_month(today) if m.group(2) else (today.year, today.month)
        if m.group(1) == "eind":
            return _last_day(year, month)
        return date(year, month, 1 if m.group(1) == "begin" else 15)
    m = re.fullmatch(r"(eind|begin|medio|half|halverwege) (?:van )?(" + _MONTH + r")(?: (\d{4}))?", t)
    if m:
        year, month = _month_from_text(today, MONTHS.index(m.group(2)) + 1, int(m.group(3)) if m.group(3) else None)
        if m.group(1) == "eind":
            return _last_day(year, month)
        return date(year, month, 1 if m.group(1) == "begin" else 15)
    # "de 15e": the next 15th of a month
    m = re.fullmatch(r"(?:de )?(\d{1,2})(?: van de maand)?", t)
    if m and t.startswith("de "):
        day = int(m.group(1))
        for months_ahead in range(0, 3):
            year, month = divmod(today.year * 12 + today.month - 1 + months_ahead, 12)
            try:
                d = date(year, month + 1, day)
            except ValueError:
                continue
            if d >= today:
                return d
        return None
    # working days and "binnen"
    m = re.fullmatch(r"(?:over|binnen) (\d+) werkdag(?:en)?", t)
    if m:
        return _working_days_later(today, int(m.group(1)))
    m = re.fullmatch(r"(?:over|binnen) (\d+) (dag|dagen|week|weken|maand|maanden|jaar)", t)
    if m and m.group(2) in ("maand", "maanden"):
        return add_months(today, int(m.group(1)))
    return None


_FOR_DATEPARSER = re.compile(
    r"(?:(?:" + _WD + r") )?(?:"
    r"(?:" + _WD + r")|vandaag|morgen|overmorgen|gisteren|eergisteren"
    r"|\d{1,2} (?:" + _MONTH + r")(?: \d{4}| '\d{2})?"
    r"|\d{1,2}[-/]\d{1,2}(?:[-/]\d{2}|[-/]\d{4})?"
    r"|\d{4}-\d{2}-\d{2}"
    r"|(?:over|binnen) \d+ (?:dag|dagen|week|weken|jaar)"
    r")"
)
_EXPLICIT_YEAR = re.compile(r"\b\d{4}\b|\d{1,2}[-/]\d{1,2}[-/]\d{2,4}|'\d{2}\b")
_DAY_MONTH = re.compile(r"(?<![-/])\b(\d{1,2})(?: (" + _MONTH + r")|[-/](\d{1,2}))\b")


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
    resolved = _resolve_any(text, today)
    if resolved < today:
        raise AgreementError(
            f"{_capitalised(say_date(resolved))} ligt in het verleden.",
            field="datum",
            hint="Op welke datum vanaf vandaag kunt u het bedrag overmaken?",
        )
    return resolved


def _resolve_any(text: str, today: date) -> date:
    """The calendar day of a spoken date, also when it has passed (a sentence may name one)."""
    t = _normalise(text)
    if not t:
        raise AgreementError("Er is nog geen datum genoemd.", field="datum", hint=ASK_DATE)
    t = _dots_to_dashes(t)
    t = _strip_time(t)
    _refuse_vague(t, text, today)
    t = numbers_to_digits(_strip_fillers(t))
    _refuse_vague(t, text, today)
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
    resolved = _resolve_custom(t, today, text)
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
            nearest = _nearest(today, resolved.month, resolved.day)
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
    named = re.search(r"\b(" + _WD + r")\b", t)
    if not named or not _DAY_MONTH.search(t):
        return
    wd = WEEKDAYS.index(named.group(1))
    if resolved.weekday() == wd:
        return
    same_week = _monday(resolved) + timedelta(days=wd)
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
    m = _LOOSE.search(_normalise(str(text)))
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

_HOUR = r"(\d{1,2}|" + _NUMBER_WORD + r")"
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
    (re.compile(r"(?:\bom )?\b(kwart|\d{1,2}|" + _NUMBER_WORD + r") (over|voor) (half )?" + _HOUR + r"\b"),
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
    t = _normalise(text)
    relative = re.fullmatch(r"(?:over|binnen) (?:(een|\d+|" + _NUMBER_WORD + r") (uur|kwartier|minuten|minuut)|(een )?half uur|(een )?kwartier)", t)
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
            f"{_capitalised(say_moment(moment))} is al voorbij.",
            field="terugbellen",
            hint="Op welke dag en hoe laat kan ik terugbellen?",
        )
    return moment


# --------------------------------------------------------------------------- dates inside a sentence

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
    r"(?:" + _WD + r"|vandaag|morgen|overmorgen|komende|aanstaande|aankomende|eerstvolgende|volgende|deze"
    r"|over|binnen|eind|einde|begin|medio|half|halverwege|de"
    r"|\d{1,2}(?:e|ste|de)?|\d{1,2}[-/.]\d{1,2}(?:[-/.]\d{2,4})?|\d{4}-\d{2}-\d{2})"
)
#: Words that start a phrase only together with what follows ("over 2 weken", "de 15e").
_NEEDS_NEXT = {w: re.compile(f) for w, f in {
    "over": r"(?:\d|(?:" + _NUMBER_WORD + r"|een|half|halve)\b)", "binnen": r"(?:\d|(?:" + _NUMBER_WORD + r"|een)\b)",
    "de": r"\d", "deze": r"(?:" + _WD + r"|week)\b", "volgende": r"(?:" + _WD + r"|week|maand)\b",
    "half": r"(?:" + _MONTH + r"|van|de|deze|volgende|maand)\b"}.items()}
#: A refused phrase counts as a date only when it ends on a date word ("volgende vrijdag",
#: "morgen of overmorgen"), not on other words ("vrijdag betalen of later").
_DATE_WORD_END = re.compile(
    r"(?:\b(?:" + _WD + "|" + _MONTH + r"|vandaag|morgen|overmorgen|dag|dagen|werkdag|werkdagen|week|weken"
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
            day = _resolve_any(phrase, today)
        except AgreementError as exc:
            if "begrijp ik niet als datum" not in exc.message and _DATE_WORD_END.search(phrase):
                return DateMention(phrase, None, exc, today)
            continue
        except (ValueError, OverflowError):
            continue
        for k in range(i + 1, j):  # "vandaag nog" -> "vandaag", "donderdag om 10 uur" -> "donderdag"
            try:
                if _resolve_any(" ".join(words[i:k]), today) == day:
                    j = k
                    break
            except (AgreementError, ValueError, OverflowError):
                continue
        return DateMention(" ".join(words[i:j]), day, None, today)
    return None

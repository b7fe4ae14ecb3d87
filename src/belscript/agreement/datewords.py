"""The Dutch words of dates: numbers, month and weekday patterns, normalising what
was typed, saying a date back, and refusing vague answers with a better question.

The lowest part of :mod:`belscript.agreement.dates`, which re-exports its public names.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from belscript.dutch import MONTHS, WEEKDAYS
from belscript.errors import AgreementError

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

WEEKDAY_PATTERN = "|".join(WEEKDAYS)
MONTH_PATTERN = "|".join(MONTHS)
_UNIT = r"dag|dagen|werkdag|werkdagen|week|weken|maand|maanden|jaar|termijn|termijnen|keer|maal"
NUMBER_WORD_PATTERN = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))


# --------------------------------------------------------------------------- words

def say_date(d: date) -> str:
    """A date in Dutch words, as read back to the customer: ``vrijdag 27 november 2026``.

    Written out here rather than by babel (the same words, held equal by a test): the
    first step of a call says the invoice's due date, and importing babel's locale data
    for it cost ~50-100 ms right when the caller starts typing."""
    if isinstance(d, datetime):
        d = d.date()
    return f"{WEEKDAYS[d.weekday()]} {d.day} {MONTHS[d.month - 1]} {d.year}"


def speak_date(d: date, *, today: date) -> str:
    """A date as said aloud in a call: ``maandag 28 september``, with the year only when
    it is not this year (``maandag 4 januari 2027``). Documents keep :func:`say_date`.
    Needs no locale data, so the call list can say dates without loading babel."""
    if isinstance(d, datetime):
        d = d.date()
    text = f"{WEEKDAYS[d.weekday()]} {d.day} {MONTHS[d.month - 1]}"
    return text if d.year == today.year else f"{text} {d.year}"


def say_moment(dt: datetime) -> str:
    """A moment in Dutch words: ``dinsdag 24 november 2026 om 10:30``."""
    return f"{say_date(dt.date())} om {dt:%H:%M}"


def speak_moment(dt: datetime, *, today: date) -> str:
    """A moment as said aloud: ``dinsdag 24 november om 10:30`` (the year only when it is not this year)."""
    return f"{speak_date(dt.date(), today=today)} om {dt:%H:%M}"


def capitalised(sentence_start: str) -> str:
    return sentence_start[:1].upper() + sentence_start[1:]


# --------------------------------------------------------------------------- normalising

def normalise(text: str) -> str:
    """Lower case, one space between words, no surrounding punctuation, no ordinal suffixes."""
    t = str(text).lower().replace("\u00a0", " ").replace("’", "'").replace("‘", "'")
    t = t.replace("vóór", "voor").replace("\u2013", "-").replace("\u2014", "-")
    t = re.sub(r"\s+", " ", t).strip(" \t.,;:!?")
    t = re.sub(r"\b(\d{1,2})(?:e|ste|de)\b", r"\1", t)            # 1e, 1ste, 15de -> 1, 15
    t = re.sub(r"\b(" + "|".join(_MONTH_ABBREVIATIONS) + r")\b\.?",
               lambda m: _MONTH_ABBREVIATIONS[m.group(1)], t)
    t = re.sub(r"\b(einde|het eind|het einde|aan het eind|aan het einde|tegen het eind|tegen het einde|eind)\b", "eind", t)
    t = re.sub(r"\b(het begin|aan het begin|begin)\b", "begin", t)
    t = re.sub(r"\b(" + WEEKDAY_PATTERN + r"|morgen)(ochtend|middag|avond|namiddag)\b", r"\1 \2", t)
    return re.sub(r"\s+", " ", t).strip()


def numbers_to_digits(text: str) -> str:
    """Replace Dutch number words before a unit by digits: ``over twee weken`` -> ``over 2 weken``.

    Only words followed by a unit (dagen, weken, maanden, termijnen, …) are replaced,
    so the article "een" elsewhere stays a word. "een half jaar" becomes 6 maanden.
    """
    t = re.sub(r"\b(?:een )?half jaar\b", "6 maanden", text)
    t = re.sub(r"\b(?:een )?halve maand\b", "2 weken", t)
    return re.sub(
        r"\b(" + NUMBER_WORD_PATTERN + r")(?= (?:" + _UNIT + r"|maandelijkse|wekelijkse|gelijke)\b)",
        lambda m: str(NUMBER_WORDS[m.group(1)]),
        t,
    )


_FILLERS = re.compile(
    r"^(?:(?:dat|het) (?:wordt|is|lukt|kan) |ik betaal |we betalen |wij betalen |betaling |betalen )?"
    r"(?:uiterlijk op |uiterlijk |ten laatste op |ten laatste |voor of op |op of voor |voor |op |per |tegen )?"
    r"(?:de datum )?"
)


def strip_fillers(t: str) -> str:
    t = _FILLERS.sub("", t, count=1).strip()
    t = re.sub(r"\b(?:al|wel|nog|dan|hoor|graag)\b", " ", t)
    return re.sub(r"\s+", " ", t).strip(" ,")


# --------------------------------------------------------------------------- vague answers

def _vague(message: str, hint: str = ASK_DATE) -> AgreementError:
    return AgreementError(message, field="datum", hint=hint)


def refuse_vague(t: str, original: str, today: date) -> None:
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
    if re.search(r"\b(" + WEEKDAY_PATTERN + r"|vandaag|morgen|overmorgen|\d{1,2})\b.* of .*\b(" + WEEKDAY_PATTERN + r"|vandaag|morgen|overmorgen|\d{1,2})\b", t):
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
    m = re.fullmatch(r"(?:ergens |in de loop van |rond |omstreeks |gedurende |deze |volgende )?(?:in )?(?:de maand |maand )?(" + MONTH_PATTERN + r")(?: \d{4})?", t)
    if m:
        raise _vague(
            f"{q} noemt geen dag; zonder datum kunt u de afspraak niet opvolgen.",
            f"Op welke datum in {m.group(1)} kunt u het bedrag overmaken?",
        )
    if re.fullmatch(r"(?:in |ergens in |tijdens |na )?(?:het |dit |dat )?weekend", t):
        raise _vague(f"{q} noemt geen vaste dag.", "Op welke dag precies kunt u het bedrag overmaken?")
    if re.fullmatch(r"(?:in |ergens in )?\d{4}", t) or re.fullmatch(r"(?:ergens |in de )?(ochtend|middag|avond)", t):
        raise _vague(f"{q} is geen datum: zo kunt u niet nagaan of de afspraak wordt nagekomen.")

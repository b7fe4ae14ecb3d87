"""What a trainee's sentence does, as a real customer would hear it.

The simulated customer does not understand language; it recognises the few moves the
source texts say matter: pressure ("u moet"), suggesting an excuse, open questions,
inviting a proposal, naming a concrete date or a vague one, offering a payment plan,
recapping and announcing the written confirmation. Phrasing findings from the checker
are reused so practice judges wording exactly as the live screen does.

The patterns work on a normalised copy of the sentence (lower case, accents and
typographic quotes and dashes folded, one space) and per sentence, because a trainee
types the way people talk: "Goed. En hoe gaan we dit oplossen", "Wanneer kúnt u
betalen?", "Ik stuur u de afspraken vandaag nog per e‑mail". The patterns describe
classic Dutch phrasings of each move, not the wording of one script.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from belscript.phrasing.levels import counts_as_warning

if TYPE_CHECKING:  # pragma: no cover
    from belscript.agreement.mentions import DateMention

#: Rule ids (or id prefixes) whose findings count as pressure on the customer.
PRESSURE_RULES = frozenset({"moeten", "must", "have-to"})
#: Rules that leave the date to the customer: they answer just as vaguely.
VAGUE_RULES = frozenset({"vage-termijn", "vrijblijvend-einde", "geen-haast", "no-rush"})
#: Rules that mean the trainee suggested an excuse, and the excuse the customer then takes.
SUGGESTED_EXCUSES = {"smoes-aanreiken": "factuur-niet-ontvangen", "klacht-uitlokken": "klacht-levering",
                     "suggest-excuse": "factuur-niet-ontvangen"}

_QUESTION_WORD = r"(?:wat|wanneer|hoe|waarom|welke|welk|wie|waar|hoeveel|per wanneer|op welke)"
#: Words that may come before the question itself: "Goed, en hoe…", "Dus wanneer…".
_LEAD = r"(?:(?:goed|oke|ok|prima|fijn|dus|nou|ja|tja|duidelijk|helder|en|maar|dan)[ ,]+)*"
#: "Over welk deel…", "Met welk bedrag…": a preposition may come first.
_PREPOSITION = r"(?:(?:over|met|bij|van|voor|aan|tot|in|naar|uit|vanaf|sinds) )?"
_OPEN = re.compile(
    rf"^{_LEAD}(?:{_PREPOSITION}{_QUESTION_WORD}\b|kunt u (?:me |mij )?(?:vertellen|uitleggen)|vertel(?:t u)?\b)")
#: "Wat fijn dat u opneemt." starts like a question but is not one.
_EXCLAMATION = re.compile(r"^(?:wat|hoe) (?:fijn|leuk|goed|mooi|vervelend|jammer|vreemd|raar|vervelend)\b")

_INVITE = re.compile(
    # asking for the customer's own proposal
    r"\bvoorstel\b|stelt u (?:zelf )?voor|zou u (?:zelf )?voorstellen|doet u (?:eens |zelf )?een voorstel"
    r"|haalbaar|wat (?:zou )?(?:voor u )?(?:werken|lukt|past)|wat kunt u (?:wel )?aan"
    # asking when or how much they can pay
    r"|\b(?:wanneer|per wanneer|welke (?:datum|dag)|op welke (?:datum|dag)|hoeveel|welk bedrag|wat)\b"
    r"[^.?!]*\b(?:kunt|kan|zou|wilt|denkt|verwacht|gaat|gaan)\s+(?:u|het|ik)\b[^.?!]*"
    r"\b(?:betal|overma|over te maken|voldoen|missen|regelen|storten|verwachten|tegemoetzien|ontvangen)"
    r"|\bwanneer\b[^.?!]*\bop (?:onze|de|mijn) rekening"
    r"|\bwanneer\b[^.?!]*\b(?:betaling|bedrag)\b[^.?!]*\b(?:verwachten|binnen)\b"
    r"|\bwelke (?:datum|dag)\b(?![^.?!]*\b(?:ontvangen|gekregen|gestuurd|verstuurd|geleverd|besteld|gemaild"
    r"|overgemaakt|overgeboekt|betaald|voldaan))"
    # asking how to solve it together
    r"|hoe (?:gaan|kunnen|zullen) we (?:dit|dat|het) (?:oplossen|regelen)|hoe lossen we (?:dit|dat|het) (?:samen )?op"
    r"|hoe (?:wilt|zou) u (?:dit|dat|het|de rest) (?:willen )?(?:oplossen|regelen|betalen|verdelen)"
    # when the one who pays is away: asking when they are back
    r"|\bwanneer\b[^.?!]*\b(?:weer|terug|bereikbaar|aanwezig|er weer)\b"
    r"|wanneer kan ik (?:hem|haar|die|diegene|uw collega|\w+) (?:het best(?:e)? )?(?:bereiken|spreken|terugbellen|bellen)"
)
_VAGUE = re.compile(
    r"zo snel mogelijk|zsm\b|z\.s\.m|binnenkort|wanneer het u (?:uit)?komt|als het u (?:uit)?komt|als het u schikt"
    r"|\bergens\b|op korte termijn|een dezer dagen|zodra het kan|zodra u kunt|wanneer u kunt"
)
#: A date only counts as an offer in a sentence that offers or asks for a payment or a
#: call back ("Kunt u … op 1 december overmaken?", "Lukt het vrijdag?", "Dan noteer ik
#: vrijdag"), not in one that only names a day ("ik bel u vandaag over de factuur",
#: "Opzeggen kan volgens de statuten tot 1 januari").
_ABOUT_PAYING = re.compile(
    r"betaal|betaling|betalen|overma|over te maken|storten|voldoen|termijn|regeling|afspre|afspra|uiterlijk|lukt|"
    r"haalbaar|terugbel|bel ik|bellen|op (?:onze|de) rekening|binnen is|\bkunt u\b|\bkan u\b|\bkan het\b"
    r"|\bzou (?:het|u)\b|\bnoteer\b|\bzullen we\b|\bstel (?:ik )?voor\b|\bmaakt?\b[^.?!]*\bover\b"
    r"|\brest\b|restant"
)
#: A sentence about what already happened ("Op 4 november hebben wij u een herinnering
#: gestuurd") names a day, but offers nothing.
_PAST_TENSE = re.compile(
    r"\b(?:hebben|heb|heeft|had|hadden|is|was|waren|zijn)\b[^.?!]*\b(?:ge\w+d|ge\w+t|ge\w+en|verstuurd|ontvangen"
    r"|betaald|herinnerd|besproken|beloofd|vervallen|verlopen)\b|\b(?:stuurden|belden|spraken|kreeg|kregen|was|waren)\b"
)
#: Offering to call back ("Zal ik u donderdag om 10 uur terugbellen?"), not a payment date.
_CALLBACK = re.compile(r"terugbel|terug te bellen|\bbel ik u\b|\bik u\b[^.?!]*\bbellen\b|belmoment|\bweer bellen\b")
#: Saying the money is not there ("Ik zie op die datum geen betaling binnenkomen"): what a
#: customer who thinks they paid needs to hear before they look again.
_PAYMENT_MISSING = re.compile(
    r"(?:betaling|bedrag|geld|overboeking|overschrijving)\b[^.?!]*\b(?:niet|nergens)\b[^.?!]*"
    r"\b(?:ontvangen|binnen|gezien|gevonden|terug|zien|vinden|bijgeschreven|aangekomen)"
    r"|\bgeen (?:betaling|overboeking|overschrijving|bedrag)\b[^.?!]*"
    r"\b(?:ontvangen|binnen|gezien|gevonden|terug|zien|vinden|bijgeschreven|aangekomen)"
    r"|\bniets (?:binnen|ontvangen|van u (?:binnen|ontvangen)|op onze rekening)"
    r"|\bvind (?:ik )?(?:hem|het|die|haar|deze) (?:nergens|niet)\b"
)
#: Asking for proof of a payment the customer says they made.
_PROOF = re.compile(r"betaalbewijs|bewijs van (?:de |uw )?betaling|(?:bank)?afschrift|schermafdruk|screenshot")
#: Asking the customer to send something ("Wilt u het betaalbewijs mailen?"): their mail,
#: not the trainee's confirmation of the agreement.
_THEY_SEND = re.compile(r"\b(?:wilt|kunt|zou|wil) u\b[^.?!]*\b(?:e-?mailen|mailen|sturen|doorsturen|opsturen)\b")
#: The rest of a partial payment: "en de rest op 11 december".
_REST = re.compile(r"\b(?:de |het )?(?:rest|restant|resterende bedrag|betwiste deel|overige bedrag)\b")
_PLAN = re.compile(r"termijn|regeling|in delen|gespreid|afbetal|per maand|maandelijks")
_RECAP = re.compile(
    r"samenvat|samengevat|op een rij|even herhalen|nog even herhalen|ik herhaal|herhaal ik"
    r"|(?:dus|dan) (?:we )?spreken (?:we )?(?:dus )?af|we spreken (?:dus )?af dat|afgesproken is"
    r"|(?:we hebben|dan hebben we|hebben we dus) (?:dus )?afgesproken|klopt het dat u|dus u (?:betaalt|maakt)"
    # separable verbs: "Dan vat ik het even samen", "Ik zet het even op een rij", "ik loop het even met u na"
    r"|\bvat\b[^.?!]*\bsamen\b|\bzet\b[^.?!]*\bop een rij\b|\bloop\b[^.?!]*\bnog (?:even )?(?:met u )?na\b"
    r"|\bsom\b[^.?!]*\b(?:even |nog )?op\b(?! \w)"
)
#: Announcing the written confirmation: mail, letter or "bevestigen", but not a copy of the invoice.
_CONFIRM = re.compile(r"bevestig|schriftelijk|op papier|per post|\be-?mail(?!adres)|\bmail(?:tje|en|t)?\b")
#: Proof of receipt: a signature for the delivery or the invoice, or a confirmation that it came in.
_RECEIPT = re.compile(
    r"\b(?:voor )?ontvangst (?:is |werd |heeft u |hebt u |heeft \w+ )?(?:ge|af)?tekend|\b(?:ge|af)tekend voor"
    r"|handtekening|ontvangstbevestiging|\bafgetekend\b|\btekende\b[^.?!]*\bontvangst"
    r"|bevestigde?\b[^.?!]*\bdat\b[^.?!]*\b(?:binnen|aangekomen|ontvangen|gekregen)\b"
    r"|goed (?:was |is )?aangekomen")
_COPY = re.compile(r"kopie|duplicaat|factuur (?:nog eens|opnieuw)|opnieuw (?:de )?factuur|nieuwe factuur|gecorrigeerde")
_ABOUT_AGREEMENT = re.compile(r"bevestig|afspra|afgesproken|samenvatting|overzicht|wat we (?:hebben )?besproken")
_NEXT_STEPS = re.compile(r"aanmaning|incasso|ingebrekestelling|vervolgstap|deurwaarder|rente")
_PURPOSE = re.compile(r"factuur|facturen|openstaand|\bnota\b|bedrag|betaling|rekening|achterstand")
_CALM = re.compile(
    r"begrijp|snap ik|vervelend|excuses|sorry|spijt|rustig|ik hoor|kan me (?:dat |het )?voorstellen"
    r"|niet mijn bedoeling|terecht"
)
_NAME_ASK = re.compile(r"met wie spreek ik|spreek ik met|wie heb ik aan de lijn|wat is uw naam|wie spreek ik")
_INTRODUCTION = re.compile(
    r"^(?:goede?n?(?:morgen|middag|avond|dag)|goeiemorgen|goeiemiddag|hallo|dag)\b|u spreekt met|mijn naam is"
    r"|\bmet \w+(?: \w+)? van\b"
)

#: What makes a sentence with a date an offer rather than a statement: a question, or the
#: words of a proposal ("Dan noteer ik vrijdag", "Ik stel voor dat u …", "u maakt … over"),
#: or a demand ("U moet vandaag betalen" dictates a date as much as it proposes one).
_OFFER_WORDS = re.compile(
    r"\?$|\bkunt u\b|\bkan u\b|\bkan het\b|\blukt\b|\bzullen we\b|\bnoteer\b|\bstel (?:ik )?(?:u )?voor\b|voorstel"
    r"|\bspreken (?:we )?(?:dus )?af\b|afgesproken|\bu (?:betaalt|maakt|stort)\b|\b(?:betaalt|maakt) u\b|overmaakt"
    r"|terugbel|\bbel ik\b|\bik u\b[^.?!]*\bbellen\b|\brest\b|restant|\buiterlijk\b|\bwordt het\b|\bzeggen we\b|\bmoet(?:en)?\b"
)

_CLOSING = re.compile(r"dank u wel|bedankt|(?:fijne|prettige|goede) (?:dag|middag|avond|weekend)|tot ziens|tot horens")

_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "“": '"', "”": '"', "„": '"',
                         "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "\u00a0": " "})


def normalise(text: str) -> str:
    """Lower case, accents folded (é→e), typographic quotes and dashes made plain, one space."""
    text = unicodedata.normalize("NFKD", text.translate(_QUOTES))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.lower().split())


def sentences(normalised: str) -> list[str]:
    """The sentences of a normalised text, each with its own end mark (``?``, ``.``, … or none)."""
    parts = re.findall(r"[^.!?;]+[.!?;]*", normalised)
    out = []
    for part in parts:
        part = part.strip()
        # "2.813,00" and "z.s.m." are not sentence ends: glue a piece that starts with a
        # digit or a single letter back onto the one before.
        if out and re.match(r"^(?:\d|[a-z]\.)", part) and out[-1][-1:] == "." and re.search(r"(?:\d|\b[a-z])\.$", out[-1]):
            out[-1] += part
        elif part:
            out.append(part)
    return out


def _is_question(sentence: str, last: bool) -> bool:
    """A sentence that asks: it ends with '?', or it is the last, unfinished one and
    starts like a question ("Wanneer kunt u betalen" typed without the mark)."""
    if sentence.endswith("?"):
        return True
    return last and not re.search(r"[.!;]$", sentence) and bool(_OPEN.search(sentence))


date_type = date


@dataclass(frozen=True)
class Move:
    """The recognised moves in one sentence of the trainee."""

    text: str
    pressure: bool = False
    suggested_excuse: str | None = None
    open_question: bool = False
    why_question: bool = False
    invites_proposal: bool = False
    vague: bool = False
    plan: bool = False
    #: The words of a date offered to pay or to call back, and the day they mean (``None``
    #: when the agreement entry would refuse those words, e.g. "volgende vrijdag").
    date_phrase: str | None = None
    date: date_type | None = None
    recap: bool = False
    confirmation: bool = False
    copy: bool = False
    #: Offers a moment to call back.
    callback: bool = False
    #: Says the payment has not come in (or cannot be found).
    payment_missing: bool = False
    #: Speaks of the rest of the amount (after a first part).
    rest: bool = False
    #: Asks for proof of a payment (a bank statement, a screenshot).
    asks_proof: bool = False
    #: Points at proof that the invoice or the delivery came in ("u heeft voor ontvangst getekend").
    mentions_receipt: bool = False
    next_steps: bool = False
    purpose: bool = False
    states_purpose: bool = False
    calming: bool = False
    asks_name: bool = False
    introduces: bool = False
    closes: bool = False
    findings: tuple = field(default=(), compare=False)


def read_move(text: str, findings: list, today: date | None = None) -> Move:
    """Classify one trainee sentence; ``findings`` are phrasing findings for it.

    Dates are read by the agreement entry's own reader (:func:`~belscript.agreement.mentions.find_date`)
    relative to ``today`` (default: the program's clock), so the customer and the screen
    understand "dinsdag 1 december" as the same day.
    """
    if today is None:
        from belscript.clock import clock_from_env

        today = clock_from_env().today()
    rule_ids = [f.rule for f in findings]
    # A script may soften a rule (the second call allows a firmer 'moeten'): then the
    # customer takes it as plain speaking, not as pressure.
    pressure = any(f.rule in PRESSURE_RULES and counts_as_warning(f.level) for f in findings)
    suggested = next((SUGGESTED_EXCUSES[r] for r in rule_ids if r in SUGGESTED_EXCUSES), None)
    norm = normalise(text)
    parts = sentences(norm) or [norm]
    questions = [s for i, s in enumerate(parts) if _is_question(s, i == len(parts) - 1)]
    statements = [s for s in parts if s not in questions]
    # "Met wie spreek ik?" asks for a name, not for the customer's story.
    open_questions = [q for q in questions
                      if _OPEN.search(q) and not _EXCLAMATION.search(q) and not _NAME_ASK.search(q)]
    invites = any(_INVITE.search(q) for q in questions) or bool(re.search(r"doet u (?:eens |zelf )?een voorstel", norm))
    # "Wat stelt u voor?" next to "ik stuur de kopie vandaag" asks; it offers no date.
    offer = None if invites else _offered_date(parts, today)
    confirm = any(_CONFIRM.search(part) and not _THEY_SEND.search(part) for part in parts)
    copy = bool(_COPY.search(norm))
    return Move(
        text=text,
        pressure=pressure,
        suggested_excuse=suggested,
        open_question=bool(open_questions),
        why_question=bool(open_questions) and all(re.match(rf"^{_LEAD}waarom\b", q) for q in open_questions),
        invites_proposal=invites,
        vague=bool(_VAGUE.search(norm)) or any(r in VAGUE_RULES for r in rule_ids),
        plan=bool(_PLAN.search(norm)),
        date_phrase=offer.phrase if offer else None,
        date=offer.day if offer else None,
        recap=bool(_RECAP.search(norm)),
        confirmation=confirm and (not copy or bool(_ABOUT_AGREEMENT.search(norm))),
        copy=copy,
        callback=bool(_CALLBACK.search(norm)),
        payment_missing=bool(_PAYMENT_MISSING.search(norm)),
        rest=bool(_REST.search(norm)),
        asks_proof=bool(_PROOF.search(norm)),
        mentions_receipt=bool(_RECEIPT.search(norm)),
        next_steps=bool(_NEXT_STEPS.search(norm)),
        purpose=bool(_PURPOSE.search(norm)),
        states_purpose=any(_PURPOSE.search(s) for s in statements),
        calming=bool(_CALM.search(norm)),
        asks_name=bool(_NAME_ASK.search(norm)),
        introduces=bool(_INTRODUCTION.search(norm)),
        closes=bool(_CLOSING.search(norm)),
        findings=tuple(findings),
    )


def _offered_date(parts: list[str], today: date) -> "DateMention | None":
    """The first payment date the trainee offers (a sentence about paying, in the present, not past)."""
    from belscript.agreement.mentions import find_date

    for part in parts:
        if _CONFIRM.search(part) or _COPY.search(part):
            continue  # "ik mail u vandaag nog" names a day for our own action
        found = find_date(part, today)
        if found is None or found.past or not _ABOUT_PAYING.search(part):
            continue  # no date, a day that has passed, or a sentence that offers nothing
        if not _OFFER_WORDS.search(part) or (_PAST_TENSE.search(part) and not part.endswith("?")):
            continue  # "Op 1 december hebben we het besproken": a statement, no offer
        return found
    return None

"""What a trainee's sentence does, as a real customer would hear it.

The simulated customer does not understand language; it recognises the few moves the
source texts say matter: pressure ("u moet"), suggesting an excuse, open questions,
inviting a proposal, naming a concrete date or a vague one, offering a payment plan,
recapping and announcing the written confirmation. Phrasing findings from the checker
are reused so practice judges wording exactly as the live screen does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

#: Rule ids (or id prefixes) whose findings count as pressure on the customer.
PRESSURE_RULES = frozenset({"moeten", "must", "have-to"})
#: Rules that mean the trainee suggested an excuse, and the excuse the customer then takes.
#: Rules that leave the date to the customer: they answer just as vaguely.
VAGUE_RULES = frozenset({"vage-termijn", "vrijblijvend-einde", "geen-haast", "no-rush"})
SUGGESTED_EXCUSES = {"smoes-aanreiken": "factuur-niet-ontvangen", "klacht-uitlokken": "klacht-levering",
                     "suggest-excuse": "factuur-niet-ontvangen"}

_OPEN = re.compile(
    r"^\s*(?:en\s+)?(?:wat|wanneer|hoe|waarom|welke|welk|wie|waar|hoeveel|vertelt?|kunt u (?:me |mij )?(?:vertellen|uitleggen))\b",
    re.I,
)
_INVITE = re.compile(
    r"wat stelt u voor|wat zou u voorstellen|welk voorstel|wat is (?:voor u )?haalbaar|wanneer kunt u|"
    r"wanneer zou u|op welke (?:dag|datum)|welke datum|wat kunt u (?:wel )?(?:betalen|missen)|hoe wilt u|"
    r"wat zou voor u werken|doet u (?:eens )?een voorstel",
    re.I,
)
_VAGUE = re.compile(r"zo snel mogelijk|z\.s\.m\.?|binnenkort|wanneer het u (?:uit)?komt|als het u schikt|ergens|op korte termijn", re.I)
#: A date only counts as an offer in a sentence about paying or calling back
#: ("ik bel u vandaag over de factuur" names a day, but offers nothing).
_ABOUT_PAYING = re.compile(
    r"betaal|betaling|betalen|overma|over te maken|storten|termijn|regeling|afspre|afgesproken|uiterlijk|lukt|"
    r"haalbaar|terugbel|bel ik|op (?:onze|de) rekening|\bkan\b|\bkunt\b",
    re.I,
)
_PLAN = re.compile(r"termijn|regeling|in delen|gespreid|afbetal", re.I)
_RECAP = re.compile(r"samenvat|even herhalen|ik herhaal|herhaal ik|dus we spreken af|dan spreken we af|afgesproken is|we hebben afgesproken", re.I)
_CONFIRM = re.compile(r"bevestig|per (?:e-?)?mail|schriftelijk|mail ik u|stuur ik u", re.I)
_NEXT_STEPS = re.compile(r"aanmaning|incasso|ingebrekestelling|vervolgstap|deurwaarder|rente", re.I)
_PURPOSE = re.compile(r"factuur|openstaand|bedrag|betaling|rekening", re.I)
_CALM = re.compile(r"begrijp|snap ik|vervelend|excuses|rustig|ik hoor", re.I)
_NAME_ASK = re.compile(r"met wie spreek ik|spreek ik met|wie heb ik aan de lijn|wat is uw naam", re.I)

_DATE_PHRASE = re.compile(
    r"\b(?:(?:volgende week |komende |aanstaande )?(?:maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag)"
    r"|(?:over|binnen) (?:\d+|een|twee|drie|vier|vijf|zes|tien|veertien) (?:dag|dagen|week|weken|maand|maanden)"
    r"|eind(?:e)? (?:van )?(?:deze |de |volgende )?(?:week|maand)"
    r"|overmorgen|morgen|vandaag"
    r"|\d{1,2}[-/]\d{1,2}(?:[-/]\d{2,4})?"
    r"|\d{1,2} (?:januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december))\b",
    re.I,
)


@dataclass(frozen=True)
class Move:
    """The recognised moves in one sentence of the trainee."""

    text: str
    pressure: bool = False
    suggested_excuse: str | None = None
    open_question: bool = False
    invites_proposal: bool = False
    vague: bool = False
    plan: bool = False
    date_phrase: str | None = None
    recap: bool = False
    confirmation: bool = False
    next_steps: bool = False
    purpose: bool = False
    calming: bool = False
    asks_name: bool = False
    findings: tuple = field(default=(), compare=False)


def read_move(text: str, findings: list) -> Move:
    """Classify one trainee sentence; ``findings`` are phrasing findings for it."""
    rule_ids = [f.rule for f in findings]
    # A script may soften a rule (the second call allows a firmer 'moeten'): then the
    # customer takes it as plain speaking, not as pressure.
    pressure = any(f.rule in PRESSURE_RULES and f.level in ("error", "warning") for f in findings)
    suggested = next((SUGGESTED_EXCUSES[r] for r in rule_ids if r in SUGGESTED_EXCUSES), None)
    invites = bool(_INVITE.search(text))
    # "Wat stelt u voor?" next to "ik stuur de kopie vandaag" asks; it offers no date.
    date = _DATE_PHRASE.search(text) if _ABOUT_PAYING.search(text) and not invites else None
    return Move(
        text=text,
        pressure=pressure,
        suggested_excuse=suggested,
        open_question=bool(_OPEN.search(text)) and "?" in text,
        invites_proposal=invites,
        vague=bool(_VAGUE.search(text)) or any(r in VAGUE_RULES for r in rule_ids),
        plan=bool(_PLAN.search(text)),
        date_phrase=date.group(0) if date else None,
        recap=bool(_RECAP.search(text)),
        confirmation=bool(_CONFIRM.search(text)),
        next_steps=bool(_NEXT_STEPS.search(text)),
        purpose=bool(_PURPOSE.search(text)),
        calming=bool(_CALM.search(text)),
        asks_name=bool(_NAME_ASK.search(text)),
        findings=tuple(findings),
    )

"""What the one input line of the call screen understands, and the help that lists it.

The line is read in one place so the screen, ``/help`` and the user manual cannot
drift apart: a number takes an option, ``/word`` is a command, anything else is a
note. This module knows nothing of prompt_toolkit, so it is cheap to import and easy
to test; the key list and the command list are the single source for ``/help`` and
for the section "Het belscherm" in ``docs/handleiding.md``.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Literal

from belscript.agreement.model import NoAgreementReason
from belscript.dutch import join


@dataclass(frozen=True)
class Command:
    """One slash command: its Dutch name, other spellings, arguments and help line."""

    name: str
    args: str
    help: str
    aliases: tuple[str, ...] = ()


#: Every command of the call screen, in the order ``/help`` lists them.
COMMANDS: tuple[Command, ...] = (
    Command("afspraak", "[veld] [tekst]",
            "Leg een deel van de afspraak vast, zoals de klant het zegt: /afspraak datum vrijdag, "
            "/afspraak bedrag 2.813, /afspraak naam Ingrid van Dijk. Zonder veld: alle velden met een "
            "voorbeeld en de grenzen van dit script."),
    Command("naam", "<naam>", "Noteer met wie u spreekt, bijvoorbeeld /naam Petra de Vries.", ("contact",)),
    Command("excuus", "[nr]",
            "Zonder nummer: de lijst met excuses die u bij deze stap kunt kiezen; typ dan het nummer en Enter. "
            "Met nummer (of naam): meteen het antwoord op dat excuus.", ("smoes",)),
    Command("geenafspraak", "<reden> [toelichting]",
            "Leg vast dat er geen afspraak komt, met een reden; belscript kiest een vervolgmoment in een gouden "
            "beluur. Redenen: opgehangen, verkeerd, onbereikbaar, betwist, weigert, overleggen, anders (met "
            "toelichting).",
            ("geen-afspraak",)),
    Command("einde", "",
            "Sluit het gesprek af. Dat kan pas met een concrete afspraak of een vastgelegde uitkomst zonder "
            "afspraak; anders ziet u wat er nog ontbreekt en wat u typt om het aan te vullen. Zijn de afspraken "
            "nog niet herhaald, dan toont belscript ze eerst om terug te lezen; Enter sluit af zodra de klant "
            "ze bevestigt.", ("afsluiten",)),
    Command("afbreken", "<reden>",
            "Breek het gesprek af. De reden is verplicht; belscript legt een vervolgmoment vast."),
    Command("terug", "", "Terug naar de vorige stap. De geschiedenis van het gesprek blijft bewaard."),
    Command("samenvatting", "",
            "Toon de afspraken zoals u ze aan de klant terugleest (ook tijdens het gesprek), in hun geheel over het "
            "scherm.", ("samenvatten",)),
    Command("pauze", "",
            "Verlaat het scherm zonder af te breken. Alles is bewaard; ga later verder met "
            "belscript call --resume.", ("stop",)),
    Command("help", "", "Deze lijst met toetsen en opdrachten.", ("hulp", "?")),
)

#: The keys of the call screen, as (key, what it does), in the order ``/help`` lists them.
KEYS: tuple[tuple[str, str], ...] = (
    ("cijfer + Enter", "kies die optie (het antwoord van de klant of uw volgende stap)"),
    ("/opdracht + Enter", "voer een opdracht uit (zie hieronder)"),
    ("andere tekst + Enter", "bewaar de tekst als notitie; tijdens het typen controleert belscript uw woordkeuze"),
    ("Ctrl-O", "negeer de getoonde waarschuwing over woordkeuze, eenmalig voor deze notitie (bijvoorbeeld als u "
               "de klant letterlijk citeert); het logboek noteert dat u haar negeerde en ze telt niet mee in de "
               "evaluatie"),
    ("Ctrl-C", "vraagt of u het gesprek wilt afbreken (met reden) of pauzeren; er gaat nooit iets verloren"),
    ("F1", "deze hulp tonen of verbergen"),
    ("F2", "tips, dossier en notities groot tonen of verbergen (op een klein scherm staan ze alleen hier)"),
    ("Esc", "hulp, lijst of vraag sluiten; bij het teruglezen van de afspraken: nog niet afsluiten"),
    ("Pijl omhoog/omlaag", "eerder getypte regels terughalen"),
    ("PageUp/PageDown", "door ‘Zeg nu’ bladeren zolang het niet op het scherm past (steeds precies één "
                        "scherm), anders door het dossier; in de hulp en lijsten door de lijst"),
    ("Ctrl-↑/Ctrl-↓", "bij het oefenen: in het paneel ‘Klant’ terugbladeren naar wat eerder is gezegd, en weer "
                      "terug naar nu"),
)

#: Dutch words for the no-agreement reasons of ``/geenafspraak`` (first word of each is shown in help).
REASON_WORDS: dict[str, NoAgreementReason] = {
    "opgehangen": NoAgreementReason.hung_up,
    "verkeerd": NoAgreementReason.wrong_person,
    "verkeerde-persoon": NoAgreementReason.wrong_person,
    "onbereikbaar": NoAgreementReason.not_reachable,
    "niet-bereikt": NoAgreementReason.not_reachable,
    "voicemail": NoAgreementReason.not_reachable,
    "betwist": NoAgreementReason.disputes_claim,
    "weigert": NoAgreementReason.refuses,
    "overleggen": NoAgreementReason.needs_time,
    "anders": NoAgreementReason.other,
}

_BY_NAME: dict[str, Command] = {alias: cmd for cmd in COMMANDS for alias in (cmd.name, *cmd.aliases)}


@dataclass(frozen=True)
class Input:
    """One line as typed, classified.

    ``kind`` is ``empty``, ``option`` (``number`` set), ``command`` (``command`` and
    ``args`` set), ``unknown`` (a ``/word`` that is no command; ``suggestion`` may hold
    the closest one) or ``note`` (``text`` set).
    """

    kind: Literal["empty", "option", "command", "unknown", "note"]
    text: str = ""
    number: int | None = None
    command: Command | None = None
    word: str = ""
    args: str = ""
    suggestion: str | None = None


def parse(line: str) -> Input:
    """Classify one input line (the one rule of the screen: number, /command or note)."""
    text = line.strip()
    if not text:
        return Input("empty")
    if text.isascii() and text.isdigit() and len(text) <= 3:
        return Input("option", text=text, number=int(text))
    if text.startswith("/"):
        word, _, args = text[1:].partition(" ")
        word = word.lower()
        command = _BY_NAME.get(word)
        if command is None:
            close = difflib.get_close_matches(word, list(_BY_NAME), n=1, cutoff=0.6)
            return Input("unknown", text=text, word=word, args=args.strip(),
                         suggestion=_BY_NAME[close[0]].name if close else None)
        return Input("command", text=text, command=command, word=word, args=args.strip())
    return Input("note", text=text)


def reason_from(word: str) -> NoAgreementReason | None:
    """The no-agreement reason a Dutch word (or the English value) stands for."""
    word = word.strip().lower()
    if word in REASON_WORDS:
        return REASON_WORDS[word]
    try:
        return NoAgreementReason(word.replace("-", "_"))
    except ValueError:
        return None


#: The reasons of ``/geenafspraak`` as the caller reads them: the word to type and, where
#: the word alone is not clear, what it stands for.
REASONS_SHOWN: tuple[tuple[str, str], ...] = (
    ("opgehangen", ""),
    ("verkeerd", "verkeerde persoon"),
    ("onbereikbaar", "geen gehoor, voicemail"),
    ("betwist", "betwist de vordering"),
    ("weigert", "weigert te betalen"),
    ("overleggen", "wil eerst overleggen"),
    ("anders", "met een toelichting"),
)


def reasons_text() -> str:
    """``opgehangen, verkeerd (verkeerde persoon), …`` for messages and the feedback bar."""
    parts = [f"{word} ({meaning})" if meaning else word for word, meaning in REASONS_SHOWN]
    return join(parts, "of")


def help_lines() -> list[tuple[str, str]]:
    """Every key and command with its explanation, as (left, right) pairs."""
    lines = list(KEYS)
    for cmd in COMMANDS:
        name = f"/{cmd.name}" + (f" {cmd.args}" if cmd.args else "")
        other = ", ".join(f"/{a}" for a in cmd.aliases)
        lines.append((name, cmd.help + (f" (ook: {other})" if other else "")))
    return lines


def help_markdown() -> str:
    """The same list as ``/help``, as the Markdown table in ``docs/handleiding.md``."""
    rows = ["| toets of opdracht | wat het doet |", "|---|---|"]
    for left, right in help_lines():
        rows.append(f"| `{left}` | {right} |")
    return "\n".join(rows)

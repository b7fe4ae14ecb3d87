"""The practice rubric as data, and the report it produces.

Each :class:`Rule` is one yes/no check with the advice behind it and the source texts
it comes from (000–004, see docs/advice.md); the manual and the report are built from
:data:`RUBRIC`, so they cannot drift apart. A :class:`Report` holds the verdicts
(:class:`Check`, each with the transcript moment that decided it) and says them in Dutch.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Rule:
    """One item of the rubric: what is checked, the advice behind it, and its source."""

    id: str
    title: str
    advice: str
    source: str


#: The rubric in report order. ``source`` names the source texts by their id (000–004, see docs/advice.md).
RUBRIC: tuple[Rule, ...] = (
    Rule("voorbereid", "Goed voorbereid",
         "Neem voor het bellen het dossier door en noem in het gesprek het factuurnummer en het bedrag; "
         "wie tijdens het gesprek nog moet zoeken, klinkt onvoorbereid.",
         "000, 001, 003"),
    Rule("doel", "Het doel van het gesprek duidelijk benoemd",
         "Zeg direct en concreet waarover u belt: welke factuur, welk bedrag, en dat u een betaaldatum wilt afspreken.",
         "002, 003"),
    Rule("open-vragen", "Open vragen gesteld en de klant laten praten",
         "Stel een open vraag (‘Hoe staat het met deze betaling bij u?’) en laat de klant vertellen; "
         "vaak wordt dan vanzelf duidelijk wat er speelt.",
         "002, 003"),
    Rule("eerst-voorstel", "De klant eerst een voorstel laten doen",
         "Vraag eerst ‘Wat stelt u voor?’ of ‘Op welke datum kunt u betalen?’ voordat u zelf een datum of "
         "regeling noemt; wat de klant zelf voorstelt, komt hij eerder na.",
         "001"),
    Rule("formulering", "Geen ontmoedigde formuleringen",
         "Vermijd ‘moeten’, ‘geen haast’ en zelf een smoes of klacht aandragen; gebruik het alternatief "
         "dat het scherm voorstelt.",
         "002"),
    Rule("smoes", "De smoes afgehandeld zoals het script zegt",
         "Kies bij een smoes meteen de afhandeling uit het script (/excuus) en doe wat daarbij hoort, "
         "zoals direct een kopie van de factuur mailen bij ‘niet ontvangen’.",
         "000, 002"),
    Rule("afspraak", "Een concrete afspraak binnen de grenzen van het script",
         "Spreek af wie welk bedrag op welke datum betaalt (of wanneer u terugbelt), binnen uw eigen grenzen, "
         "en zorg dat de klant er echt ja tegen zegt.",
         "000, 001, 003"),
    Rule("samenvatting", "De afspraken herhaald",
         "Herhaal de afspraken aan het eind (‘Dus we spreken af dat…’), zodat de klant een fout nog kan corrigeren.",
         "000"),
    Rule("bevestiging", "Schriftelijke bevestiging aangekondigd",
         "Zeg dat u de afspraken binnen een half uur per e-mail bevestigt.",
         "000, 001, 003"),
)

RULES = {r.id: r for r in RUBRIC}

#: Which failed checks the report names first: what decides whether the money comes
#: in, then what the customer hears, then the rest.
PRIORITY: tuple[str, ...] = ("afspraak", "formulering", "smoes", "samenvatting", "eerst-voorstel", "bevestiging",
                             "open-vragen", "doel", "voorbereid")


#: How many failed checks the report names first, with the most weight.
TOP = 3


@dataclass(frozen=True)
class Check:
    """One item of the rubric with its verdict and the moment that decided it."""

    id: str
    title: str
    passed: bool
    moment: str
    advice: str
    source: str


@dataclass
class Report:
    checks: list[Check]
    failed_session: bool
    fail_reason: str | None = None
    persona: str = ""
    persona_title: str = ""
    script: str = ""
    seed: int | None = None
    excuses_raised: list[str] = field(default_factory=list)
    excuses_practised: list[str] = field(default_factory=list)
    #: Labels of the raised excuses, as the script names them.
    excuse_labels: dict[str, str] = field(default_factory=dict)
    hidden: str = ""

    @property
    def points(self) -> int:
        return 0 if self.failed_session else sum(c.passed for c in self.checks)

    @property
    def total(self) -> int:
        return len(self.checks)

    @property
    def went_well(self) -> list[Check]:
        return [c for c in self.checks if c.passed]

    @property
    def failed_checks(self) -> list[Check]:
        """Every failed check, the most important first (by :data:`PRIORITY`)."""
        failed = [c for c in self.checks if not c.passed]
        return sorted(failed, key=lambda c: PRIORITY.index(c.id) if c.id in PRIORITY else len(PRIORITY))

    @property
    def to_improve(self) -> list[Check]:
        """The three most important things to do differently."""
        return self.failed_checks[:TOP]

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Report:
        """The report as stored in the call log (the ``score`` event), for ``belscript log show``."""
        fields = {k: data.get(k) for k in ("failed_session", "fail_reason", "persona", "persona_title", "script",
                                             "seed", "hidden")}
        return cls(
            checks=[Check(**{k: c.get(k, "") for k in ("id", "title", "passed", "moment", "advice", "source")})
                    for c in data.get("checks") or []],
            failed_session=bool(fields["failed_session"]), fail_reason=fields["fail_reason"],
            persona=fields["persona"] or "", persona_title=fields["persona_title"] or "",
            script=fields["script"] or "", seed=fields["seed"], hidden=fields["hidden"] or "",
            excuses_raised=list(data.get("excuses_raised") or []),
            excuses_practised=list(data.get("excuses_practised") or []),
            excuse_labels=dict(data.get("excuse_labels") or {}),
        )

    def as_text(self) -> str:
        """The report in Dutch, as shown after the session."""
        lines = [f"Oefening met ‘{self.persona_title or self.persona}’ (script {self.script}"
                 + (f", seed {self.seed})" if self.seed is not None else ")")]
        lines.append(f"Score: {self.points} van {self.total}")
        if self.failed_session:
            lines.append(f"Onvoldoende: {self.fail_reason}.")
        lines.append("")
        lines.append("Wat ging goed:")
        lines += [f"  ✓ {c.title} — {c.moment}" for c in self.went_well] or ["  (nog niets)"]
        lines.append("")
        lines.append("Wat u de volgende keer anders doet:")
        improve = self.to_improve
        lines += [f"  ✗ {c.title} — {c.moment}\n    {c.advice}" for c in improve] or ["  Niets: goed gedaan!"]
        rest = self.failed_checks[TOP:]
        if rest:
            lines.append("")
            lines.append("Ook nog niet gelukt:")
            lines += [f"  ✗ {c.title} — {c.moment}\n    {c.advice}" for c in rest]
        if self.hidden:
            lines.append("")
            lines.append(f"Wat de klant echt kon: {self.hidden}")
        if self.excuses_raised:
            lines.append("Smoesjes in deze oefening: "
                         + ", ".join(self.excuse_labels.get(e, e) for e in self.excuses_raised))
        return "\n".join(lines)

    def as_dict(self) -> dict[str, Any]:
        return {
            "points": self.points,
            "total": self.total,
            "failed_session": self.failed_session,
            "fail_reason": self.fail_reason,
            "persona": self.persona,
            "persona_title": self.persona_title,
            "script": self.script,
            "seed": self.seed,
            "excuses_raised": list(self.excuses_raised),
            "excuses_practised": list(self.excuses_practised),
            "excuse_labels": dict(self.excuse_labels),
            "hidden": self.hidden,
            "checks": [asdict(c) for c in self.checks],
        }


def score_lines(events) -> list[str]:
    """The practice score with every reason, as the trainee saw it after the session."""
    stored = next((e.data for e in events if e.kind == "score"), None)
    if stored is None:
        return ["", "Oefenscore", "  (geen score: de oefening is niet afgerond)"]
    return ["", "Oefenscore"] + [f"  {line}" if line else "" for line in Report.from_dict(stored).as_text().split("\n")]

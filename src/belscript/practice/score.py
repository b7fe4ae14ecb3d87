"""The honest score of a practice session: yes/no checks tied to the source texts.

Every check says which moment in the transcript decided it, so the trainee can see
*why*. Ending without a concrete agreement or a recorded no-agreement outcome fails
the session whatever the other checks say, because that is the one thing the source
texts insist on most ("Beëindig het gesprek niet vóórdat er concrete afspraken zijn").
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Check:
    """One item of the rubric with its verdict."""

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
    script: str = ""
    excuses_practised: list[str] = field(default_factory=list)

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
    def to_improve(self) -> list[Check]:
        """The two or three most important things to do differently (rubric order)."""
        return [c for c in self.checks if not c.passed][:3]

    def as_text(self) -> str:
        lines = [f"Score: {self.points} van {self.total}"]
        if self.failed_session:
            lines.append(f"Onvoldoende: {self.fail_reason}")
        lines.append("")
        lines.append("Wat ging goed:")
        lines += [f"  ✓ {c.title} — {c.moment}" for c in self.went_well] or ["  (nog niets)"]
        lines.append("")
        lines.append("Wat u de volgende keer anders doet:")
        lines += [f"  ✗ {c.title}: {c.advice} ({c.moment})" for c in self.to_improve] or ["  Niets: goed gedaan!"]
        return "\n".join(lines)

    def as_dict(self) -> dict:
        return {
            "points": self.points,
            "total": self.total,
            "failed_session": self.failed_session,
            "fail_reason": self.fail_reason,
            "persona": self.persona,
            "script": self.script,
            "excuses_practised": self.excuses_practised,
            "checks": [c.__dict__ for c in self.checks],
        }


@dataclass(frozen=True)
class Turn:
    """One line of the transcript: who said it and at which event of the call."""

    who: str  # "trainee", "klant" or "systeem"
    text: str
    seq: int
    kind: str = ""


def _quote(turn: Turn | None, fallback: str) -> str:
    if turn is None:
        return fallback
    text = turn.text if len(turn.text) <= 60 else turn.text[:57] + "…"
    return f"regel {turn.seq}: “{text}”"


def score(*, transcript: list[Turn], events: list, moves: list, agreement_concrete: bool,
          outcome_kind: str | None, raised_excuses: list[str], handled_excuses: list[str],
          excuse_actions_done: dict[str, bool], step_roles: list[str], actions: list[str],
          persona: str = "", script: str = "") -> Report:
    """Score a finished session from what happened, in rubric order."""
    trainee = [t for t in transcript if t.who == "trainee"]
    by_text = {t.text: t for t in trainee}

    def first(pred) -> Turn | None:
        for move in moves:
            if pred(move):
                return by_text.get(move.text)
        return None

    checks: list[Check] = []
    prepared = "preparation" in step_roles and len(step_roles) > 1
    checks.append(Check(
        "voorbereid", "Voorbereid aan het gesprek begonnen", prepared,
        "voorbereidingsstap doorlopen" if prepared else "de voorbereiding is overgeslagen",
        "Bekijk voor het bellen het dossier: wat is geleverd, klachten, herinneringen, eerdere contacten.",
        "000 stap 1, 003",
    ))
    purpose_turn = first(lambda m: m.purpose)
    stated = purpose_turn is not None or "purpose" in step_roles
    checks.append(Check(
        "doel", "Het doel van het gesprek duidelijk benoemd", stated,
        _quote(purpose_turn, "stap ‘doel’ doorlopen" if stated else "de factuur is niet genoemd"),
        "Noem direct en concreet waarover u belt: de factuur, het bedrag en de vervaldatum.",
        "002",
    ))
    invite = first(lambda m: m.invites_proposal)
    own_offer = first(lambda m: m.date_phrase is not None or m.plan)
    let_propose = invite is not None and (own_offer is None or invite.seq <= own_offer.seq)
    checks.append(Check(
        "eerst-voorstel", "De klant eerst een voorstel laten doen", let_propose,
        _quote(invite if let_propose else own_offer, "niet om een voorstel gevraagd"),
        "Vraag eerst: ‘Wat stelt u voor?’ en laat de klant met een datum komen.",
        "001 stap 3",
    ))
    open_q = first(lambda m: m.open_question)
    checks.append(Check(
        "open-vragen", "Open vragen gesteld", open_q is not None,
        _quote(open_q, "geen open vraag gesteld"),
        "Wissel open vragen (‘Hoe komt het dat…?’) af met gesloten vragen en laat de klant praten.",
        "002, 003 tip 5",
    ))
    bad = first(lambda m: any(f.level in ("error", "warning") for f in m.findings))
    checks.append(Check(
        "formulering", "Geen ontmoedigde formuleringen", bad is None,
        _quote(bad, "geen waarschuwingen"),
        "Vermijd ‘moeten’, ‘geen haast’ en zelf een smoes aandragen; gebruik de voorgestelde alternatieven.",
        "002",
    ))
    if raised_excuses:
        missed = [e for e in raised_excuses if e not in handled_excuses or not excuse_actions_done.get(e, True)]
        checks.append(Check(
            "smoes", "De smoes afgehandeld zoals het script zegt", not missed,
            "afgehandeld: " + ", ".join(raised_excuses) if not missed else "niet (volledig) afgehandeld: " + ", ".join(missed),
            "Kies bij een smoes direct de afhandeling uit het script (bijvoorbeeld meteen een kopie van de factuur mailen).",
            "000 stap 4, 002",
        ))
    checks.append(Check(
        "afspraak", "Een concrete afspraak binnen de grenzen van het script", agreement_concrete,
        "afspraak is concreet" if agreement_concrete else "geen concrete afspraak (wie, welk bedrag, welke datum)",
        "Spreek af wie welk bedrag op welke datum betaalt, en wat er gebeurt als dat niet lukt.",
        "000 stap 4, 001 stap 3",
    ))
    recap = first(lambda m: m.recap)
    recapped = recap is not None or "recap" in step_roles or "mark_recap_done" in actions
    checks.append(Check(
        "samenvatting", "De afspraken herhaald", recapped,
        _quote(recap, "samenvatting gegeven" if recapped else "niet samengevat"),
        "Herhaal de afspraken aan het eind, zodat de klant een fout nog kan corrigeren.",
        "000 stap 5",
    ))
    confirm = first(lambda m: m.confirmation)
    announced = confirm is not None or "announce_confirmation" in actions
    checks.append(Check(
        "bevestiging", "Schriftelijke bevestiging aangekondigd", announced,
        _quote(confirm, "bevestiging aangekondigd" if announced else "niet aangekondigd"),
        "Zeg dat u de afspraken binnen een half uur per e-mail bevestigt.",
        "000 stap 5, 001 stap 4, 003",
    ))
    failed = outcome_kind not in ("agreement", "no_agreement")
    reason = None
    if failed:
        reason = "het gesprek is beëindigd zonder concrete afspraak en zonder vastgelegde ‘geen afspraak’"
    return Report(checks=checks, failed_session=failed, fail_reason=reason, persona=persona, script=script,
                  excuses_practised=sorted(set(handled_excuses)))

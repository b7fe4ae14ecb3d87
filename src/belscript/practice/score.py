"""The honest score of a practice session: yes/no checks tied to the source texts.

Every check says which moment in the transcript decided it, so the trainee can see
*why*. Ending without a concrete agreement or a recorded no-agreement outcome fails
the session whatever the other checks say, because that is the one thing the source
texts insist on most ("Beëindig het gesprek niet vóórdat er concrete afspraken zijn").
Breaking a session off counts as such an ending: an abort is no outcome.

The rubric (:data:`RUBRIC`) is data, so the manual and the report cannot drift apart.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from belscript.engine.events import ActionDone, AgreementSet, CustomerSaid, Started, StepTaken
from belscript.engine.state import CallState
from belscript.phrasing.levels import counts_as_warning
from belscript.practice.customer import ANGRY_EXCUSE
from belscript.practice.transcript import Turn, transcript_of


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

_RULES = {r.id: r for r in RUBRIC}

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


@dataclass
class SessionFacts:
    """What a finished session consists of, as the score reads it."""

    script: Any
    dossier: Any
    persona: Any
    seed: int | None
    events: list
    moves: dict  # note seq -> Move
    outcome: Any
    aborted: bool
    customer_committed: bool
    today: date
    #: Who answered and who pays, as the customer said them (the file's contact person
    #: when there is one); the persona's own names when not given.
    speaker: str | None = None
    payer: str | None = None


def _quote(turn, fallback: str = "") -> str:
    """'beurt 7: “…”' with the sentence shortened at a word, so the report stays readable."""
    if turn is None:
        return fallback
    text = turn.text
    if len(text) > 70:
        cut = text[:68].rsplit(" ", 1)[0].rstrip(",;:")
        text = cut + " …"
    return f"beurt {turn.nr}: “{text}”"


def _numbers(text: str) -> set[str]:
    """Amounts and numbers as written ('2.813,00', '€ 2813', '363') as plain whole numbers."""
    out = set()
    for raw in re.findall(r"\d[\d.]*(?:,\d+)?", text):
        whole = raw.split(",")[0].replace(".", "")
        if whole:
            out.add(whole.lstrip("0") or "0")
    return out


def _file_facts(dossier) -> tuple[set[str], set[str]]:
    """Invoice numbers (as text) and amounts (whole euros) a prepared caller can name."""
    numbers = {inv.number.lower() for inv in dossier.invoices}
    amounts = {str(int(inv.amount)) for inv in dossier.invoices} | {str(int(dossier.total_due))}
    return numbers, amounts


def _warned(move) -> bool:
    """The sentence drew a phrasing warning (pressure, no rush, a suggested excuse)."""
    return any(counts_as_warning(f.level) for f in move.findings)


def score(facts: SessionFacts) -> Report:
    """Score a session from what happened, in rubric order."""
    script = facts.script
    events = facts.events
    turns = transcript_of(events)
    turn_of = {t.seq: t for t in turns}
    # Once the customer has hung up nobody hears the trainee: nothing said after counts.
    hung_up = next((e.seq for e in events if e.kind == "customer" and e.data.get("kind") == "hangup"), None)
    said = [(seq, facts.moves[seq]) for seq in sorted(facts.moves) if hung_up is None or seq < hung_up]

    def first(pred, after: int = -1):
        for seq, move in said:
            if seq > after and pred(move):
                return seq, turn_of.get(seq)
        return None, None

    state = CallState.fold(events)
    steps = [e.payload.step for e in events if isinstance(e.payload, (Started, StepTaken))]
    roles = [script.steps[s].role.value for s in steps if s in script.steps]
    actions = [e.payload.name for e in events if isinstance(e.payload, ActionDone)]
    handled = list(dict.fromkeys(s.split(":", 1)[1] for s in steps if s.startswith("excuse:")))
    checks: list[Check] = []

    def add(rule_id: str, passed: bool, moment: str, advice: str | None = None) -> None:
        rule = _RULES[rule_id]
        checks.append(Check(rule.id, rule.title, passed, moment, advice or rule.advice, rule.source))

    # prepared: went through the preparation and named the invoice or the amount
    invoice_numbers, amounts = _file_facts(facts.dossier)
    def names_facts(m) -> bool:
        return any(n in m.text.lower() for n in invoice_numbers) or bool(_numbers(m.text) & amounts)

    # "U moet die factuur van € 2.450,00 nu echt betalen" names the amount, but as pressure
    _s, named = first(lambda m: names_facts(m) and not _warned(m))
    has_prep = "preparation" in roles
    if named is not None:
        add("voorbereid", True, "factuur of bedrag uit het dossier genoemd, " + _quote(named))
    else:
        _s, pushy = first(names_facts)
        add("voorbereid", False, "factuur of bedrag alleen dwingend genoemd, " + _quote(pushy) if pushy is not None
            else "factuurnummer en bedrag niet genoemd" if has_prep else "geen voorbereiding")

    # purpose: said (not only asked) what the call is about, without pressure
    _s, purpose = first(lambda m: m.states_purpose and not _warned(m))
    if purpose is not None:
        add("doel", True, _quote(purpose))
    else:
        _s, pushy = first(lambda m: m.states_purpose)
        add("doel", False, "alleen dwingend genoemd, " + _quote(pushy) if pushy is not None
            else "niet gezegd waarover u belt (welke factuur, welk bedrag)")

    # open questions: let the customer talk ("waarom" sounds like a reproach, seed 002)
    _s, open_q = first(lambda m: m.open_question and not m.why_question)
    if open_q is not None:
        add("open-vragen", True, _quote(open_q))
    else:
        _s, why = first(lambda m: m.open_question)
        add("open-vragen", False, "alleen een verwijtende waarom-vraag, " + _quote(why) if why is not None
            else "geen open vraag gesteld",
            _RULES["open-vragen"].advice + (" Een ‘waarom’-vraag klinkt als een verwijt; vraag liever ‘Hoe "
                                            "staat het met…?’ of ‘Wat is er aan de hand?’." if why is not None else ""))

    # let them propose first: an invitation before any own date, plan or agreement entry
    invite_seq, invite = first(lambda m: m.invites_proposal)
    offer_seq, offer = first(lambda m: (m.date_phrase is not None or m.plan) and not m.recap)
    entered = next((e for e in events if _promises(e)), None)
    if entered is not None and (offer_seq is None or entered.seq < offer_seq):
        offer_seq, offer = entered.seq, turn_of.get(entered.seq)
    if invite_seq is not None and (offer_seq is None or invite_seq < offer_seq):
        add("eerst-voorstel", True, _quote(invite))
    elif offer is not None:
        add("eerst-voorstel", False, "zelf een voorstel gedaan vóór u erom vroeg, " + _quote(offer))
    else:
        add("eerst-voorstel", False, "niet om een voorstel gevraagd")

    # discouraged phrasing, with the better alternative for the first one
    warned = [seq for seq, m in said if any(counts_as_warning(f.level) for f in m.findings)]
    if not warned:
        add("formulering", True, "geen waarschuwingen bij wat u zei")
    else:
        bad = turn_of.get(warned[0])
        move = facts.moves[warned[0]]
        finding = next(f for f in move.findings if counts_as_warning(f.level))
        better = ""
        if finding.suggestions:
            suggestion = finding.suggestions[0].strip()
            better = f" Zeg liever: ‘{suggestion}’" + ("" if suggestion[-1:] in "?!." else ".")
        more = len(warned) - 1
        also = "" if not more else (" (en nog 1 andere zin)" if more == 1 else f" (en nog {more} andere zinnen)")
        add("formulering", False, f"‘{finding.match}’ in " + _quote(bad) + also,
            _RULES["formulering"].advice + better)

    # the excuses the customer raised, handled as the script says
    raised = []
    for e in events:
        excuse = e.payload.excuse if isinstance(e.payload, CustomerSaid) else None
        if excuse and excuse in script.excuses and excuse not in raised:
            raised.append(excuse)
    # an excuse the customer only took because the trainee handed it over (seed 002)
    handed = {}
    for seq, move in said:
        if move.suggested_excuse and move.suggested_excuse in raised and move.suggested_excuse not in handed:
            handed[move.suggested_excuse] = turn_of.get(seq)
    if raised:
        missed = []
        for excuse in raised:
            wanted = script.excuses[excuse].do
            done = [e.payload.name for e in events
                    if isinstance(e.payload, ActionDone) and e.payload.source == f"excuse:{excuse}"]
            # An angry customer who calmed down after being acknowledged was handled as the
            # script says, even without choosing it: that handler has nothing else to do.
            calmed = excuse == ANGRY_EXCUSE and not wanted and any(
                line.reaction == "calmed" for line in state.customer_lines)
            if calmed and excuse not in handled:
                handled.append(excuse)
            if excuse not in handled or any(w not in done for w in wanted):
                missed.append(excuse)
        labels = ", ".join(script.excuses[e].label for e in raised)
        note = "".join(f"; ‘{script.excuses[e].label}’ reikte u zelf aan in beurt {t.nr}"
                       for e, t in handed.items() if t is not None)
        if missed:
            first_missed = script.excuses[missed[0]]
            advice = (f"Kies bij ‘{first_missed.label}’ meteen /excuus en zeg wat het script voorstelt. "
                      + (first_missed.tips[0] if first_missed.tips else _RULES["smoes"].advice))
            add("smoes", False, "niet via het script afgehandeld: "
                + ", ".join(script.excuses[e].label for e in missed) + note, advice)
        else:
            add("smoes", True, f"afgehandeld: {labels}" + note)

    # a concrete agreement the customer really agreed to
    from belscript.agreement.model import Agreement, NoAgreement

    outcome = facts.outcome
    if isinstance(outcome, Agreement) and not facts.aborted:
        if facts.customer_committed:
            add("afspraak", True, "concrete afspraak waar de klant ja tegen zei")
        else:
            add("afspraak", False, "de afspraak op het scherm is niet wat de klant toezegde",
                _RULES["afspraak"].advice + " Voer in wat de klant zelf voorstelde of waarmee hij instemde.")
    elif isinstance(outcome, NoAgreement) and not facts.aborted:
        add("afspraak", False, "geen afspraak; uitkomst vastgelegd met een vervolgmoment")
    else:
        add("afspraak", False, "geen concrete afspraak (wie, welk bedrag, welke datum)")

    # recap and written confirmation: they count once there is something to repeat and
    # confirm (a promise, an agreement on screen, or a recorded 'no agreement'), and only
    # when the customer heard them: choosing the script's option says nothing out loud.
    settled = next((e.seq for e in events
                    if (isinstance(e.payload, CustomerSaid) and e.payload.reaction in ("commit", "proposal"))
                    or _promises(e) or e.kind == "no_agreement"), None)

    def after_settled(pred):
        return first(pred, after=settled) if settled is not None else (None, None)

    _s, recap = after_settled(lambda m: m.recap)
    _s, early_recap = first(lambda m: m.recap)
    if recap is not None:
        add("samenvatting", True, _quote(recap))
    elif early_recap is not None:
        add("samenvatting", False, "herhaald vóór er iets was afgesproken, " + _quote(early_recap) + "; daarna niet meer")
    elif "mark_recap_done" in actions:
        add("samenvatting", False, "de stap ‘samenvatten’ gekozen, maar de klant hoorde geen samenvatting",
            _RULES["samenvatting"].advice + " Typ wat u zegt, bijvoorbeeld ‘Dus we spreken af dat u … op … overmaakt.’")
    else:
        add("samenvatting", False, "de afspraken niet herhaald")
    _s, confirm = after_settled(lambda m: m.confirmation)
    _s, early_confirm = first(lambda m: m.confirmation)
    if confirm is not None:
        add("bevestiging", True, _quote(confirm))
    elif early_confirm is not None:
        add("bevestiging", False, "genoemd vóór er iets was afgesproken, " + _quote(early_confirm) + "; daarna niet meer")
    elif "announce_confirmation" in actions:
        add("bevestiging", False, "de optie gekozen, maar de klant hoorde niet dat u de afspraken per e-mail bevestigt",
            _RULES["bevestiging"].advice + " Bijvoorbeeld: ‘Ik stuur u deze afspraken binnen een half uur per e-mail.’")
    else:
        add("bevestiging", False, "geen bevestiging per e-mail aangekondigd")

    failed = facts.aborted or not isinstance(outcome, (Agreement, NoAgreement))
    reason = None
    if failed:
        reason = ("de oefening is afgebroken zonder concrete afspraak en zonder vastgelegde uitkomst"
                  if facts.aborted else
                  "het gesprek is beëindigd zonder concrete afspraak en zonder vastgelegde ‘geen afspraak’")
    return Report(
        checks=checks, failed_session=failed, fail_reason=reason,
        persona=facts.persona.name, persona_title=facts.persona.title, script=script.name, seed=facts.seed,
        excuses_raised=raised, excuses_practised=[e for e in handled if e in script.excuses],
        excuse_labels={e: script.excuses[e].label for e in raised},
        hidden=describe_hidden(facts.persona, facts.today, speaker=facts.speaker, payer=facts.payer,
                               amount_due=getattr(facts.dossier, "total_due", None)),
    )


def describe_hidden(persona, today: date, *, speaker: str | None = None, payer: str | None = None,
                    amount_due=None) -> str:
    """The customer's hidden limits in Dutch, revealed in the report."""
    from datetime import timedelta

    from belscript.agreement.dates import say_date

    h = persona.hidden
    if not h.is_payer:
        who = payer or h.payer_name or "een collega"
        return (f"{speaker or persona.speaker} gaat niet over betalingen; {who} is er vanaf "
                f"{say_date(today + timedelta(days=h.payer_back_days))} weer. Een terugbelafspraak was het doel.")
    from belscript.money import format_amount
    from belscript.practice.customer import CORRECTION_DAYS, disputed_amount, first_paying_day

    earliest = say_date(first_paying_day(today, h.earliest_days))
    if h.disputed_share and amount_due is not None:
        disputed = disputed_amount(amount_due, h.disputed_share)
        text = (f"het deel zonder discussie ({format_amount(amount_due - disputed)}) betalen vanaf {earliest}; "
                f"het betwiste deel ({format_amount(disputed)}) pas na uw controle, vanaf "
                f"{say_date(first_paying_day(today, CORRECTION_DAYS))}")
    elif h.disputed_share:
        text = (f"het deel zonder discussie betalen vanaf {earliest}; het betwiste deel ({h.disputed_share}%) "
                f"pas na uw controle, vanaf {say_date(first_paying_day(today, CORRECTION_DAYS))}")
    elif h.pays_in_full:
        text = f"het hele bedrag betalen vanaf {earliest}"
    else:
        text = (f"niet in één keer betalen, wel in {h.max_instalments} termijnen met een eerste termijn van "
                f"hoogstens {h.first_instalment_share}% vanaf {earliest}")
    if h.believes_paid:
        text = ("de klant dacht dat er al betaald was, maar de betaling was nooit verstuurd; na uw controle kon de "
                "klant " + text)
    if not h.decides_alone:
        who = payer or h.payer_name or "een collega"
        text += (f"; zonder overleg met {who} zei de klant niets toe: terugbellen kon vanaf "
                 f"{say_date(today + timedelta(days=h.payer_back_days))}")
    if not h.proposes_first:
        text += "; zelf een voorstel doen deed de klant niet"
    if h.vague_answers:
        text += f"; de klant bleef {h.vague_answers} keer vaag voordat er een datum kwam"
    return text + "."


def _promises(event) -> bool:
    """An accepted agreement field that makes the agreement hold a payment or a callback."""
    p = event.payload
    return isinstance(p, AgreementSet) and bool(p.agreement.get("payments") or p.agreement.get("callback"))


def score_lines(events) -> list[str]:
    """The practice score with every reason, as the trainee saw it after the session."""
    stored = next((e.data for e in events if e.kind == "score"), None)
    if stored is None:
        return ["", "Oefenscore", "  (geen score: de oefening is niet afgerond)"]
    return ["", "Oefenscore"] + [f"  {line}" if line else "" for line in Report.from_dict(stored).as_text().split("\n")]

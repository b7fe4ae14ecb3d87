"""The checks of the practice rubric, one method each, on one finished session.

:class:`Scoring` reads a session once (the transcript, what the trainee said before any
hang-up, the call's facts folded from its events) and each method adds one verdict to
:attr:`Scoring.checks`, with the turn that decided it; :func:`belscript.practice.score.score`
runs them in rubric order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from belscript.engine.events import ActionDone, AgreementSet, CustomerSaid, Started, StepTaken
from belscript.engine.state import CallState
from belscript.phrasing.levels import counts_as_warning
from belscript.practice.customer_state import ANGRY_EXCUSE
from belscript.practice.rubric import RULES, Check
from belscript.practice.transcript import transcript_of


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


def _promises(event) -> bool:
    """An accepted agreement field that makes the agreement hold a payment or a callback."""
    p = event.payload
    return isinstance(p, AgreementSet) and bool(p.agreement.get("payments") or p.agreement.get("callback"))


class Scoring:
    """One session being scored; each rubric check is a method that adds its verdict."""

    def __init__(self, facts: SessionFacts) -> None:
        self.facts = facts
        self.script = facts.script
        self.events = events = facts.events
        self.turn_of = {t.seq: t for t in transcript_of(events)}
        # Once the customer has hung up nobody hears the trainee: nothing said after counts.
        hung_up = next((e.seq for e in events if e.kind == "customer" and e.data.get("kind") == "hangup"), None)
        self.said = [(seq, facts.moves[seq]) for seq in sorted(facts.moves) if hung_up is None or seq < hung_up]
        self.state = CallState.fold(events)
        steps = [e.payload.step for e in events if isinstance(e.payload, (Started, StepTaken))]
        self.roles = [self.script.steps[s].role.value for s in steps if s in self.script.steps]
        self.actions = [e.payload.name for e in events if isinstance(e.payload, ActionDone)]
        self.handled = list(dict.fromkeys(s.split(":", 1)[1] for s in steps if s.startswith("excuse:")))
        #: The excuses the customer raised that the script knows, in order.
        self.raised: list[str] = []
        self.checks: list[Check] = []

    def first(self, pred, after: int = -1):
        """The first sentence after ``after`` that ``pred`` accepts: (seq, turn), or (None, None)."""
        for seq, move in self.said:
            if seq > after and pred(move):
                return seq, self.turn_of.get(seq)
        return None, None

    def add(self, rule_id: str, passed: bool, moment: str, advice: str | None = None) -> None:
        rule = RULES[rule_id]
        self.checks.append(Check(rule.id, rule.title, passed, moment, advice or rule.advice, rule.source))

    def prepared(self) -> None:
        """Went through the preparation and named the invoice or the amount."""
        invoice_numbers, amounts = _file_facts(self.facts.dossier)

        def names_facts(m) -> bool:
            return any(n in m.text.lower() for n in invoice_numbers) or bool(_numbers(m.text) & amounts)

        # "U moet die factuur van € 2.450,00 nu echt betalen" names the amount, but as pressure
        _s, named = self.first(lambda m: names_facts(m) and not _warned(m))
        has_prep = "preparation" in self.roles
        if named is not None:
            self.add("voorbereid", True, "factuur of bedrag uit het dossier genoemd, " + _quote(named))
        else:
            _s, pushy = self.first(names_facts)
            self.add("voorbereid", False, "factuur of bedrag alleen dwingend genoemd, " + _quote(pushy)
                     if pushy is not None else "factuurnummer en bedrag niet genoemd" if has_prep
                     else "geen voorbereiding")

    def purpose(self) -> None:
        """Said (not only asked) what the call is about, without pressure."""
        _s, purpose = self.first(lambda m: m.states_purpose and not _warned(m))
        if purpose is not None:
            self.add("doel", True, _quote(purpose))
        else:
            _s, pushy = self.first(lambda m: m.states_purpose)
            self.add("doel", False, "alleen dwingend genoemd, " + _quote(pushy) if pushy is not None
                     else "niet gezegd waarover u belt (welke factuur, welk bedrag)")

    def open_questions(self) -> None:
        """Let the customer talk ("waarom" sounds like a reproach, seed 002)."""
        _s, open_q = self.first(lambda m: m.open_question and not m.why_question)
        if open_q is not None:
            self.add("open-vragen", True, _quote(open_q))
        else:
            _s, why = self.first(lambda m: m.open_question)
            self.add("open-vragen", False, "alleen een verwijtende waarom-vraag, " + _quote(why) if why is not None
                     else "geen open vraag gesteld",
                     RULES["open-vragen"].advice + (" Een ‘waarom’-vraag klinkt als een verwijt; vraag liever "
                                                    "‘Hoe staat het met…?’ of ‘Wat is er aan de hand?’."
                                                    if why is not None else ""))

    def proposal_first(self) -> None:
        """An invitation to propose before any own date, plan or agreement entry."""
        invite_seq, invite = self.first(lambda m: m.invites_proposal)
        offer_seq, offer = self.first(lambda m: (m.date_phrase is not None or m.plan) and not m.recap)
        entered = next((e for e in self.events if _promises(e)), None)
        if entered is not None and (offer_seq is None or entered.seq < offer_seq):
            offer_seq, offer = entered.seq, self.turn_of.get(entered.seq)
        if invite_seq is not None and (offer_seq is None or invite_seq < offer_seq):
            self.add("eerst-voorstel", True, _quote(invite))
        elif offer is not None:
            self.add("eerst-voorstel", False, "zelf een voorstel gedaan vóór u erom vroeg, " + _quote(offer))
        else:
            self.add("eerst-voorstel", False, "niet om een voorstel gevraagd")

    def phrasing(self) -> None:
        """Discouraged phrasing, with the better alternative for the first one."""
        warned = [seq for seq, m in self.said if any(counts_as_warning(f.level) for f in m.findings)]
        if not warned:
            self.add("formulering", True, "geen waarschuwingen bij wat u zei")
            return
        bad = self.turn_of.get(warned[0])
        move = self.facts.moves[warned[0]]
        finding = next(f for f in move.findings if counts_as_warning(f.level))
        better = ""
        if finding.suggestions:
            suggestion = finding.suggestions[0].strip()
            better = f" Zeg liever: ‘{suggestion}’" + ("" if suggestion[-1:] in "?!." else ".")
        more = len(warned) - 1
        also = "" if not more else (" (en nog 1 andere zin)" if more == 1 else f" (en nog {more} andere zinnen)")
        self.add("formulering", False, f"‘{finding.match}’ in " + _quote(bad) + also,
                 RULES["formulering"].advice + better)

    def excuses(self) -> None:
        """The excuses the customer raised, handled as the script says (no check without one)."""
        script, events = self.script, self.events
        for e in events:
            excuse = e.payload.excuse if isinstance(e.payload, CustomerSaid) else None
            if excuse and excuse in script.excuses and excuse not in self.raised:
                self.raised.append(excuse)
        if not self.raised:
            return
        # an excuse the customer only took because the trainee handed it over (seed 002)
        handed = {}
        for seq, move in self.said:
            if move.suggested_excuse and move.suggested_excuse in self.raised and move.suggested_excuse not in handed:
                handed[move.suggested_excuse] = self.turn_of.get(seq)
        missed = [excuse for excuse in self.raised if not self._handled(excuse)]
        labels = ", ".join(script.excuses[e].label for e in self.raised)
        note = "".join(f"; ‘{script.excuses[e].label}’ reikte u zelf aan in beurt {t.nr}"
                       for e, t in handed.items() if t is not None)
        if missed:
            first_missed = script.excuses[missed[0]]
            advice = (f"Kies bij ‘{first_missed.label}’ meteen /excuus en zeg wat het script voorstelt. "
                      + (first_missed.tips[0] if first_missed.tips else RULES["smoes"].advice))
            self.add("smoes", False, "niet via het script afgehandeld: "
                     + ", ".join(script.excuses[e].label for e in missed) + note, advice)
        else:
            self.add("smoes", True, f"afgehandeld: {labels}" + note)

    def _handled(self, excuse: str) -> bool:
        """The excuse's handler was chosen and all its actions done."""
        wanted = self.script.excuses[excuse].do
        done = [e.payload.name for e in self.events
                if isinstance(e.payload, ActionDone) and e.payload.source == f"excuse:{excuse}"]
        # An angry customer who calmed down after being acknowledged was handled as the
        # script says, even without choosing it: that handler has nothing else to do.
        calmed = excuse == ANGRY_EXCUSE and not wanted and any(
            line.reaction == "calmed" for line in self.state.customer_lines)
        if calmed and excuse not in self.handled:
            self.handled.append(excuse)
        return excuse in self.handled and all(w in done for w in wanted)

    def agreement(self) -> None:
        """A concrete agreement the customer really agreed to."""
        from belscript.agreement.model import Agreement, NoAgreement

        facts = self.facts
        if isinstance(facts.outcome, Agreement) and not facts.aborted:
            if facts.customer_committed:
                self.add("afspraak", True, "concrete afspraak waar de klant ja tegen zei")
            else:
                self.add("afspraak", False, "de afspraak op het scherm is niet wat de klant toezegde",
                         RULES["afspraak"].advice + " Voer in wat de klant zelf voorstelde of waarmee hij instemde.")
        elif isinstance(facts.outcome, NoAgreement) and not facts.aborted:
            self.add("afspraak", False, "geen afspraak; uitkomst vastgelegd met een vervolgmoment")
        else:
            self.add("afspraak", False, "geen concrete afspraak (wie, welk bedrag, welke datum)")

    def _after_settled(self, pred):
        """Recap and written confirmation count once there is something to repeat and
        confirm (a promise, an agreement on screen, or a recorded 'no agreement')."""
        settled = next((e.seq for e in self.events
                        if (isinstance(e.payload, CustomerSaid) and e.payload.reaction in ("commit", "proposal"))
                        or _promises(e) or e.kind == "no_agreement"), None)
        return self.first(pred, after=settled) if settled is not None else (None, None)

    def _said_out_loud(self, rule_id: str, heard, early: str, option: str, option_only: str, example: str,
                       never: str) -> None:
        """A check passed by a sentence the customer heard once something was agreed; else
        why not: said too early only, the script's option chosen without saying it, or never."""
        _s, late = self._after_settled(heard)
        _s, first = self.first(heard)
        if late is not None:
            self.add(rule_id, True, _quote(late))
        elif first is not None:
            self.add(rule_id, False, f"{early}, " + _quote(first) + "; daarna niet meer")
        elif option in self.actions:
            self.add(rule_id, False, option_only, RULES[rule_id].advice + " " + example)
        else:
            self.add(rule_id, False, never)

    def recap(self) -> None:
        """The agreements repeated out loud after they were made (choosing the option says nothing)."""
        self._said_out_loud("samenvatting", lambda m: m.recap, "herhaald vóór er iets was afgesproken",
                            "mark_recap_done", "de stap ‘samenvatten’ gekozen, maar de klant hoorde geen samenvatting",
                            "Typ wat u zegt, bijvoorbeeld ‘Dus we spreken af dat u … op … overmaakt.’",
                            "de afspraken niet herhaald")

    def confirmation(self) -> None:
        """The written confirmation announced out loud after the agreements were made."""
        self._said_out_loud("bevestiging", lambda m: m.confirmation, "genoemd vóór er iets was afgesproken",
                            "announce_confirmation",
                            "de optie gekozen, maar de klant hoorde niet dat u de afspraken per e-mail bevestigt",
                            "Bijvoorbeeld: ‘Ik stuur u deze afspraken binnen een half uur per e-mail.’",
                            "geen bevestiging per e-mail aangekondigd")

"""The simulated customer: reacts to the trainee's moves within its hidden limits.

Deterministic for a given persona and random seed, so the same practice session can
be replayed and tested. The reactions follow the source texts: pressure makes the
customer defensive, a suggested excuse is gladly taken, an open question gets more
information, an invitation to propose gets a proposal, vagueness gets vagueness, and a
concrete date gets a commitment or a counter-offer.

How the hidden limits are read: ``earliest_days`` is the first day the customer can
really pay; a date before it gets a counter-offer. ``latest_days`` is what the
customer asks for when invited to propose (debtors ask for as much time as they can
get); any date from ``earliest_days`` on is accepted, so a trainee whose script allows
less time than the customer asks for has to negotiate.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import ROUND_DOWN, Decimal

from belscript.money import format_amount
from belscript.practice.persona import Persona
from belscript.practice.utterance import Move

#: The excuse an angry customer stands for in the script's excuse library.
ANGRY_EXCUSE = "boze-klant"


@dataclass(frozen=True)
class Reply:
    """What the customer says, and what kind of reaction it is (used by the score)."""

    text: str
    kind: str
    excuse: str | None = None


@dataclass
class CustomerState:
    patience: int
    calmed: bool
    vague_left: int
    excuses_left: list[str]
    raised: list[str] = field(default_factory=list)
    told_payer_away: bool = False
    proposed_on: date | None = None
    #: The promise the customer made last, as (first date, instalments), or a callback moment.
    committed_to: tuple | None = None
    hung_up: bool = False


_FIELD = re.compile(r"\{([a-z_]+)\}")
_INSTALMENTS = re.compile(r"\b(\d{1,2}|twee|drie|vier|vijf|zes)\s+(?:maandelijkse\s+)?termijn", re.I)
_NUMBER_WORDS = {"twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6}


class SimulatedCustomer:
    """One customer in one practice session."""

    def __init__(self, persona: Persona, reactions: dict[str, list[str]], *, rng: random.Random,
                 today: date, amount_due: Decimal) -> None:
        self.persona = persona
        self.hidden = persona.hidden
        self.reactions = reactions
        self.rng = rng
        self.today = today
        self.amount_due = amount_due
        angry = persona.temperament == "boos"
        self.state = CustomerState(
            patience=2 if angry else 3,
            calmed=not angry,
            vague_left=self.hidden.vague_answers,
            excuses_left=list(persona.excuses),
        )

    # -- speaking -------------------------------------------------------------------
    def _line(self, key: str, **values: str) -> str:
        options = self.persona.lines.get(key) or self.reactions.get(key) or self.reactions["neutral"]
        text = self.rng.choice(options)
        base = {
            "spreker": self.persona.speaker,
            "betaler": self.hidden.payer_name or "mijn collega",
            "terug": _in_days(self.hidden.payer_back_days),
            "bedrag": format_amount(self.amount_due),
        }
        base.update(values)
        text = _FIELD.sub(lambda m: base.get(m.group(1), m.group(0)), text)
        return text[:1].upper() + text[1:]

    def _reply(self, key: str, kind: str | None = None, excuse: str | None = None, **values: str) -> Reply:
        return Reply(self._line(key, **values), kind or key, excuse)

    # -- reactions --------------------------------------------------------------------
    def greet(self) -> Reply:
        return self._reply("greeting")

    def _raise(self, excuse: str, key: str | None = None) -> Reply:
        st = self.state
        if excuse in st.excuses_left:
            st.excuses_left.remove(excuse)
        if excuse not in st.raised:
            st.raised.append(excuse)
        return self._reply(key or f"excuse:{excuse}", kind="excuse", excuse=excuse)

    def hear(self, move: Move) -> Reply:
        """React to one sentence of the trainee."""
        st = self.state
        if st.hung_up:
            return Reply("(De klant heeft opgehangen.)", "hangup")
        if move.pressure:
            st.patience -= 1
            if st.patience <= 0:
                st.hung_up = True
                return Reply(self._line("defensive") + " " + self._line("hangup"), "hangup")
            return self._reply("defensive")
        if not st.calmed:
            if move.calming or move.open_question:
                st.calmed = True
                return self._reply("calmed")
            if ANGRY_EXCUSE not in st.raised:
                return self._raise(ANGRY_EXCUSE, key="angry")
            return self._reply("angry")
        if move.suggested_excuse:
            return self._raise(move.suggested_excuse)
        if move.asks_name:
            return self._reply("name")
        if not self.hidden.is_payer:
            if not st.told_payer_away and (move.purpose or move.invites_proposal or move.date_phrase or move.open_question):
                st.told_payer_away = True
                excuse = next((e for e in self.persona.excuses if e in st.excuses_left), None)
                text = self._line("wrong_person") + " " + self._line("payer_away")
                if excuse:
                    self._raise(excuse)
                return Reply(text, "excuse", excuse)
            if move.date_phrase and not move.recap:
                return self._hear_callback(move)
        if move.recap:
            return self._reply("recap_ack")
        if move.confirmation:
            return self._reply("confirm_ack")
        if move.date_phrase:
            return self._hear_date(move)
        if move.invites_proposal:
            return self._propose()
        if move.plan:
            return self._hear_plan(_instalments_in(move.text))
        if move.vague:
            return self._reply("vague")
        if move.open_question or move.purpose:
            if st.excuses_left:
                return self._raise(st.excuses_left[0])
            return self._reply("info" if move.open_question else "purpose")
        if move.next_steps:
            return self._reply("next_steps_ack")
        return self._reply("neutral")

    def _propose(self) -> Reply:
        st = self.state
        h = self.hidden
        if not h.is_payer:
            return self._reply("wrong_person")
        if st.vague_left > 0 or not h.proposes_first:
            st.vague_left = max(0, st.vague_left - 1)
            return self._reply("vague")
        if h.pays_in_full:
            on = _weekday(self.today + timedelta(days=max(h.latest_days, 1)), self.today + timedelta(days=h.earliest_days))
            st.proposed_on = on
            st.committed_to = (on, 1)  # their own proposal: written down as said, it is a promise
            return self._reply("proposal", datum=_say(on))
        on = _weekday(self.today + timedelta(days=max(h.earliest_days, 1)), self.today + timedelta(days=h.earliest_days))
        st.proposed_on = on
        return self._reply("plan_proposal", datum=_say(on), termijnen=str(h.max_instalments))

    def _hear_date(self, move: Move) -> Reply:
        from belscript.agreement.dates import resolve_date
        from belscript.errors import AgreementError

        try:
            offered = resolve_date(move.date_phrase or "", self.today)
        except AgreementError:
            return self._reply("vague")
        instalments = _instalments_in(move.text) or (self.hidden.max_instalments if move.plan else 1)
        return self.consider(offered, instalments=instalments)

    def _hear_callback(self, move: Move) -> Reply:
        from belscript.agreement.dates import resolve_date
        from belscript.errors import AgreementError

        try:
            offered = resolve_date(move.date_phrase or "", self.today)
        except AgreementError:
            return self._reply("vague")
        return self.consider_callback(datetime.combine(offered, datetime.min.time()))

    def _hear_plan(self, instalments: int | None) -> Reply:
        if not self.hidden.accepts_plan:
            return self._reply("plan_refuse")
        wanted = max(instalments or self.hidden.max_instalments, self.hidden.max_instalments)
        return self._reply("plan_interest", termijnen=str(wanted))

    def consider(self, first_date: date, *, instalments: int = 1, first_amount: Decimal | None = None) -> Reply:
        """React to a concrete proposal: commit when it fits the hidden limits, counter otherwise."""
        h = self.hidden
        st = self.state
        if st.hung_up:
            return Reply("(De klant heeft opgehangen.)", "hangup")
        if not h.is_payer:
            return self._reply("wrong_person")
        days = (first_date - self.today).days
        earliest = _weekday(self.today + timedelta(days=h.earliest_days), self.today + timedelta(days=h.earliest_days))
        if instalments > 1 and not h.accepts_plan:
            return self._reply("plan_refuse")
        if instalments == 1 and not h.pays_in_full:
            return self._reply("plan_proposal", kind="counter", datum=_say(max(first_date, earliest)),
                               termijnen=str(h.max_instalments))
        if instalments > 1:
            # The real limit of a plan is what the customer can pay first; more
            # instalments than they asked for only suits them.
            if first_amount is None:
                first_amount = (self.amount_due / instalments).quantize(Decimal("0.01"), rounding=ROUND_DOWN)
            cap = (self.amount_due * h.first_instalment_share / 100).quantize(Decimal("0.01"), rounding=ROUND_DOWN)
            if first_amount > cap:
                return self._reply("counter", voorstel=format_amount(first_amount) + " als eerste termijn",
                                   datum=_say(max(first_date, earliest)) + " met een eerste termijn van "
                                   + format_amount(cap))
        if days < h.earliest_days:
            return self._reply("counter", voorstel=_say(first_date), datum=_say(earliest))
        st.committed_to = (first_date, instalments)
        if instalments > 1:
            return self._reply("plan_accept", kind="commit", termijnen=str(instalments), datum=_say(first_date))
        return self._reply("commit", datum=_say(first_date))

    def consider_callback(self, at: datetime) -> Reply:
        """React to a proposed moment to call back (for when the payer is away)."""
        st = self.state
        if st.hung_up:
            return Reply("(De klant heeft opgehangen.)", "hangup")
        back = self.today + timedelta(days=self.hidden.payer_back_days)
        if not self.hidden.is_payer and at.date() < back:
            return self._reply("payer_away")
        st.committed_to = ("callback", at.date())
        return self._reply("callback_ok", kind="commit", datum=_say(at.date()))

    def is_committed_to(self, first_date: date | None, instalments: int, callback: date | None = None) -> bool:
        """Did the customer agree to exactly this (used by the score: an agreement the
        customer never accepted is no agreement)."""
        promised = self.state.committed_to
        if promised is None:
            return False
        if callback is not None:
            return promised == ("callback", callback)
        return promised == (first_date, instalments)


def _instalments_in(text: str) -> int | None:
    found = _INSTALMENTS.search(text)
    if not found:
        return None
    word = found.group(1).lower()
    return int(word) if word.isdigit() else _NUMBER_WORDS[word]


def _weekday(day: date, earliest: date) -> date:
    """The nearest working day: a weekend day moves back to Friday, or on to Monday when
    Friday is earlier than the customer can pay."""
    if day.weekday() < 5:
        return day
    friday = day - timedelta(days=day.weekday() - 4)
    if friday >= earliest:
        return friday
    return day + timedelta(days=7 - day.weekday())


def _say(d: date) -> str:
    from belscript.agreement.dates import say_date

    return say_date(d)


def _in_days(days: int) -> str:
    return {0: "vandaag", 1: "morgen", 2: "overmorgen"}.get(days, f"over {days} dagen")

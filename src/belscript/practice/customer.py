"""The simulated customer: reacts to the trainee's moves within its hidden limits.

Deterministic for a given persona and random seed, so the same practice session can
be replayed and tested. The reactions follow the source texts: pressure makes the
customer defensive, a suggested excuse is gladly taken, an open question gets more
information, an invitation to propose gets a proposal, vagueness gets vagueness, and a
concrete date gets a commitment or a counter-offer.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_DOWN, Decimal

from belscript.money import format_amount
from belscript.practice.persona import Persona
from belscript.practice.utterance import Move


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
    committed: bool = False
    hung_up: bool = False


_FIELD = re.compile(r"\{([a-z_]+)\}")


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
        return _FIELD.sub(lambda m: base.get(m.group(1), m.group(0)), text)

    def _reply(self, key: str, kind: str | None = None, excuse: str | None = None, **values: str) -> Reply:
        return Reply(self._line(key, **values), kind or key, excuse)

    # -- reactions --------------------------------------------------------------------
    def greet(self) -> Reply:
        return self._reply("greeting")

    def _raise_next_excuse(self) -> Reply | None:
        if not self.state.excuses_left:
            return None
        excuse = self.state.excuses_left.pop(0)
        self.state.raised.append(excuse)
        return self._reply(f"excuse:{excuse}", kind="excuse", excuse=excuse)

    def hear(self, move: Move) -> Reply:
        """React to one sentence of the trainee."""
        st = self.state
        if st.hung_up:
            return Reply("(De klant heeft opgehangen.)", "hangup")
        if move.pressure:
            st.patience -= 1
            if st.patience <= 0:
                st.hung_up = True
                return Reply(self._line("defensive") + " Ik hang op.", "hangup")
            return self._reply("defensive")
        if not st.calmed:
            if move.calming or move.open_question:
                st.calmed = True
                return self._reply("calmed")
            return self._reply("angry")
        if move.suggested_excuse:
            excuse = move.suggested_excuse
            if excuse in st.excuses_left:
                st.excuses_left.remove(excuse)
            st.raised.append(excuse)
            return self._reply(f"excuse:{excuse}", kind="excuse", excuse=excuse)
        if not self.hidden.is_payer and not st.told_payer_away and (move.purpose or move.invites_proposal or move.date_phrase):
            st.told_payer_away = True
            excuse = next((e for e in self.persona.excuses if e in st.excuses_left), None)
            if excuse:
                st.excuses_left.remove(excuse)
                st.raised.append(excuse)
            return Reply(self._line("wrong_person") + " " + self._line("payer_away"), "excuse", excuse)
        if move.recap:
            return self._reply("recap_ack")
        if move.confirmation:
            return self._reply("confirm_ack")
        if move.date_phrase:
            return self._hear_date(move)
        if move.invites_proposal:
            return self._propose()
        if move.plan:
            return self._hear_plan(None)
        if move.vague:
            return self._reply("vague")
        if move.open_question or move.purpose:
            reply = self._raise_next_excuse()
            if reply:
                return reply
            return self._reply("info" if move.open_question else "purpose")
        if move.next_steps:
            return self._reply("next_steps_ack")
        return self._reply("neutral")

    def _propose(self) -> Reply:
        st = self.state
        if st.vague_left > 0 or not self.hidden.proposes_first:
            st.vague_left = max(0, st.vague_left - 1)
            return self._reply("vague")
        first = self.today + timedelta(days=max(self.hidden.earliest_days, 1))
        st.proposed_on = first
        if self.hidden.pays_in_full:
            return self._reply("proposal", datum=_say(first))
        return self._reply("plan_proposal", datum=_say(first), termijnen=str(self.hidden.max_instalments))

    def _hear_date(self, move: Move) -> Reply:
        from belscript.agreement.dates import resolve_date
        from belscript.errors import AgreementError

        try:
            offered = resolve_date(move.date_phrase or "", self.today)
        except AgreementError:
            return self._reply("vague")
        return self.consider(offered, instalments=2 if move.plan else 1)

    def _hear_plan(self, instalments: int | None) -> Reply:
        if not self.hidden.accepts_plan:
            return self._reply("plan_refuse")
        wanted = instalments or self.hidden.max_instalments
        return self._reply("plan_accept", termijnen=str(min(wanted, self.hidden.max_instalments)))

    def consider(self, first_date: date, *, instalments: int = 1, first_amount: Decimal | None = None) -> Reply:
        """React to a concrete proposal: commit when it fits the hidden limits, counter otherwise."""
        h = self.hidden
        days = (first_date - self.today).days
        earliest = self.today + timedelta(days=h.earliest_days)
        if instalments > 1 and not h.accepts_plan:
            return self._reply("plan_refuse")
        if instalments > h.max_instalments:
            return self._reply("plan_too_many", termijnen=str(h.max_instalments))
        if instalments == 1 and not h.pays_in_full:
            if h.accepts_plan:
                return self._reply("plan_proposal", datum=_say(max(first_date, earliest)), termijnen=str(h.max_instalments))
            return self._reply("counter", voorstel=_say(first_date).capitalize(), datum=_say(earliest))
        if first_amount is not None and instalments > 1:
            cap = (self.amount_due * h.first_instalment_share / 100).quantize(Decimal("0.01"), rounding=ROUND_DOWN)
            if first_amount > cap:
                return self._reply("counter", voorstel=format_amount(first_amount) + " als eerste termijn",
                                   datum=_say(first_date) + " met een eerste termijn van " + format_amount(cap))
        if days < h.earliest_days:
            return self._reply("counter", voorstel=_say(first_date).capitalize(), datum=_say(earliest))
        self.state.committed = True
        if instalments > 1:
            return self._reply("plan_accept", kind="commit", termijnen=str(instalments))
        return self._reply("commit", datum=_say(first_date))


def _say(d: date) -> str:
    from belscript.agreement.dates import say_date

    return say_date(d)


def _in_days(days: int) -> str:
    return {0: "vandaag", 1: "morgen", 2: "overmorgen"}.get(days, f"over {days} dagen")

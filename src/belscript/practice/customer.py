"""The simulated customer: reacts to the trainee's moves within its hidden limits.

Deterministic for a given persona and random seed, so the same practice session can
be replayed and tested. The reactions follow the source texts: pressure makes the
customer defensive, a suggested excuse is gladly taken, an open question gets more
information, an invitation to propose gets a proposal, vagueness gets vagueness, and a
concrete date gets a commitment or a counter-offer.

Three excuses need the trainee to settle something before a payment date means
anything, and each has its own hidden setting: a customer who ``believes_paid`` keeps
saying so until they have given the payment details and heard that the money is not
there; one who does not ``decides_alone`` promises nothing before consulting someone
(a callback or a date after that is fine); one with a ``disputed_share`` pays only the
undisputed part now and the rest after the trainee has checked the invoice.

How the hidden limits are read: ``earliest_days`` is the first day the customer can
really pay; a date before it gets a counter-offer. ``latest_days`` is what the
customer asks for when invited to propose (debtors ask for as much time as they can
get); any date from ``earliest_days`` on is accepted, so a trainee whose script allows
less time than the customer asks for has to negotiate.
"""

from __future__ import annotations

import random
import re
from datetime import date, datetime, time
from decimal import Decimal

from belscript.practice.customer_offers import CORRECTION_DAYS, CustomerOffers, disputed_amount, first_paying_day
from belscript.practice.customer_state import ANGRY_EXCUSE, NOT_RECEIVED, CustomerState, Reply
from belscript.practice.customer_voice import AGAIN
from belscript.practice.persona import Persona
from belscript.practice.utterance import Move

__all__ = ["AGAIN", "ANGRY_EXCUSE", "CORRECTION_DAYS", "NOT_RECEIVED", "CustomerState", "Reply", "SimulatedCustomer",
           "disputed_amount", "first_paying_day"]

_INSTALMENTS = re.compile(r"\b(\d{1,2}|twee|drie|vier|vijf|zes)\s+(?:maandelijkse\s+)?termijn", re.I)
_NUMBER_WORDS = {"twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6}
_TIME = re.compile(r"\bom (\d{1,2})(?:[:.](\d{2}))?(?: ?uur)?\b|\b(\d{1,2})[:.](\d{2})\b")


class SimulatedCustomer(CustomerOffers):
    """One customer in one practice session (speaking: :class:`CustomerVoice`, weighing
    offers: :class:`CustomerOffers`; hearing the trainee's moves: here)."""

    def __init__(self, persona: Persona, reactions: dict[str, list[str]], *, rng: random.Random,
                 today: date, amount_due: Decimal, contact: str | None = None,
                 now: datetime | None = None, receipt_signed: bool = False) -> None:
        self.persona = persona
        #: The customer file says the invoice (or the delivery) was signed for: a customer who
        #: says it never came knows that can be checked, and backs off once it is mentioned.
        self.receipt_signed = receipt_signed
        self.hidden = persona.hidden
        self.reactions = reactions
        self.rng = rng
        self.today = today
        self.amount_due = amount_due
        self.now = now or datetime.combine(today, time(10, 0))
        # The trainee asks for the contact person of the file; a customer who pays answers
        # as that person, and one who does not names them as the one who pays. Without a
        # contact in the file, the persona's own names are used.
        contact = " ".join((contact or "").split()) or None
        self.speaker = contact if contact and self.hidden.is_payer else persona.speaker
        self.payer = contact if contact and not self.hidden.is_payer else (self.hidden.payer_name or "mijn collega")
        angry = persona.temperament == "boos"
        self.state = CustomerState(
            patience=2 if angry else 3,
            calmed=not angry,
            vague_left=self.hidden.vague_answers,
            excuses_left=list(persona.excuses),
            believes_paid=self.hidden.believes_paid,
        )
        self.disputed = disputed_amount(amount_due, self.hidden.disputed_share)
        #: What the customer pays now: everything, or all but the disputed part.
        self.undisputed = amount_due - self.disputed


    # -- reactions --------------------------------------------------------------------
    def greet(self) -> Reply:
        return self._reply("greeting")

    def hear(self, move: Move) -> Reply:
        """React to one sentence of the trainee."""
        st = self.state
        if st.hung_up:
            return Reply("(De klant heeft opgehangen.)", "hangup")
        if move.pressure:
            st.patience -= 1
            if st.patience <= 0:
                st.hung_up = True
                return self._reply("hangup")
            return self._reply("defensive")
        if move.asks_name:
            return self._reply("name")
        topical = bool(move.purpose or move.open_question or move.invites_proposal or move.date_phrase
                       or move.suggested_excuse or move.plan or move.recap)
        if not st.calmed:
            return self._hear_angry(move, topical)
        st.topic_raised = st.topic_raised or topical
        if move.suggested_excuse:
            return self._raise(move.suggested_excuse)
        if move.mentions_receipt and NOT_RECEIVED in st.raised + st.excuses_left and not st.receipt_settled:
            return self._hear_receipt()
        reply = self._hear_not_payer(move, topical) if not self.hidden.is_payer else None
        if reply is None and st.believes_paid:
            reply = self._hear_claim(move)
        if reply is not None:
            return reply
        if not self.hidden.decides_alone and move.callback and move.date_phrase and not move.recap:
            return self._hear_callback(move)
        return self._hear_substance(move)

    def _hear_angry(self, move: Move, topical: bool) -> Reply:
        """The angry customer before being calmed: angry once the topic is raised, calmed by
        an acknowledgement or an open question (a 'waarom' sounds like a reproach and does not)."""
        st = self.state
        if st.topic_raised and (move.calming or (move.open_question and not move.why_question)):
            st.calmed = True
            return self._reply("calmed")
        if not topical and not st.topic_raised:
            # the angry customer does not know yet why you call
            return self._reply("hello" if move.introduces else "neutral")
        st.topic_raised = True
        if ANGRY_EXCUSE not in st.raised:
            return self._raise(ANGRY_EXCUSE, key="angry")
        return self._reply("angry")

    def _hear_not_payer(self, move: Move, topical: bool) -> Reply | None:
        """Someone who does not pay: says once that the payer is away, takes a callback, and
        answers questions and invitations with 'the payer is away'; None for anything else."""
        st = self.state
        if not st.told_payer_away and topical:
            st.told_payer_away = True
            st.purpose_heard = True
            excuse = next((e for e in self.persona.excuses if e in st.excuses_left), None)
            text = self._line("wrong_person") + " " + self._line("payer_away")
            if excuse:
                self._mark_raised(excuse)  # said in the words above
            return Reply(text, "excuse", excuse)
        if move.date_phrase and not move.recap:
            return self._hear_callback(move)
        if (move.open_question or move.invites_proposal) and not (move.recap or move.confirmation):
            return self._reply("payer_away")
        return None

    def _hear_substance(self, move: Move) -> Reply:
        """A customer ready to talk about the invoice: a recap, a date, an invitation to
        propose, a plan, a question, or the small talk around them."""
        st = self.state
        if move.recap:
            return self._hear_recap(move)
        if move.date_phrase:
            return self._hear_date(move)
        if move.invites_proposal:
            return self._propose()
        if move.confirmation:
            return self._reply("confirm_ack")
        if move.copy:
            return self._reply("copy_ack")
        if move.plan:
            return self._hear_plan(_instalments_in(move.text))
        if move.vague:
            return self._reply("vague")
        if move.open_question or move.purpose:
            if st.excuses_left:
                return self._raise(st.excuses_left[0])
            if move.open_question:
                st.purpose_heard = True
                return self._reply("info")
            if not st.purpose_heard:
                st.purpose_heard = True
                return self._reply("purpose")
            return self._reply("neutral")
        if move.next_steps:
            return self._reply("next_steps_ack")
        if move.closes:
            return self._reply("goodbye")
        if move.introduces:
            return self._reply("hello")
        return self._reply("neutral")

    def _hear_receipt(self) -> Reply:
        """'Not received', and the trainee points at the signature for receipt: with that
        signature in the file the customer backs off (it can be checked); without it they
        keep to their story."""
        st = self.state
        if not self.receipt_signed:
            if NOT_RECEIVED in st.excuses_left:
                return self._raise(NOT_RECEIVED)
            return self._reply("receipt_doubted", kind="excuse", excuse=NOT_RECEIVED)
        if NOT_RECEIVED in st.excuses_left:
            st.excuses_left.remove(NOT_RECEIVED)
        st.receipt_settled = True
        st.purpose_heard = True
        return self._reply("receipt_admitted")

    def _hear_claim(self, move: Move) -> Reply | None:
        """The customer who is sure they paid: they bring it up, give the details when asked,
        and look again only once told the money is not there (or asked for the proof after
        giving the details). Until then a date to pay gets 'but we have paid'."""
        st = self.state
        asks_date = bool(move.invites_proposal or move.date_phrase or move.plan) and not move.recap
        checks = move.payment_missing or move.asks_proof
        if st.excuses_left and (move.open_question or move.purpose or asks_date or checks):
            return self._raise(st.excuses_left[0])
        if checks and st.details_given:
            st.believes_paid = False
            return self._reply("found_unpaid")
        if checks or (move.open_question and not asks_date):
            st.details_given = True
            return self._reply("paid_details")
        if asks_date:
            return self._reply("insists_paid")
        return None

    def _hear_recap(self, move: Move) -> Reply:
        """A recap is checked against what the customer said yes to: they confirm it,
        correct a wrong date, or say that nothing was agreed yet. The date is the one the
        agreement entry reads in the same words (:attr:`Move.date`)."""
        promised = self.state.committed_to
        if promised is None:
            if move.date_phrase:
                return self._hear_date(move)  # "dus u betaalt vrijdag" before any agreement is a proposal
            return self._reply("recap_nothing")
        agreed = promised[1] if promised[0] == "callback" else promised[0]
        if move.date is not None and move.date != agreed:
            return self._reply("recap_correct", datum=self._say(agreed), voorstel=self._say(move.date))
        return self._reply("recap_ack")

    def _hear_date(self, move: Move) -> Reply:
        offered = move.date
        if offered is None or offered < self.today:
            return self._reply("vague")  # words the agreement entry refuses too ("volgende vrijdag")
        promised = self.state.committed_to
        if (self.disputed and move.rest and promised and promised[0] != "callback" and promised[1] == 1
                and offered > promised[0]):
            # "en de rest op 11 december": the date for the disputed part, after the first part
            return self.consider(promised[0], instalments=2, first_amount=self.state.committed_amount, rest_on=offered)
        instalments = _instalments_in(move.text) or (self.hidden.max_instalments if move.plan else 1)
        return self.consider(offered, instalments=instalments)

    def _hear_callback(self, move: Move) -> Reply:
        offered = move.date
        if offered is None or offered < self.today:
            return self._reply("vague")
        at = datetime.combine(offered, time(0, 0))
        found = _TIME.search(move.text)
        if found:
            hour = int(found.group(1) or found.group(3))
            minute = int(found.group(2) or found.group(4) or 0)
            if hour < 24 and minute < 60:
                at = at.replace(hour=hour, minute=minute)
        return self.consider_callback(at)

    def _hear_plan(self, instalments: int | None) -> Reply:
        if not self.hidden.accepts_plan:
            return self._reply("plan_refuse")
        wanted = max(instalments or self.hidden.max_instalments, self.hidden.max_instalments)
        return self._reply("plan_interest", termijnen=str(wanted))


def _instalments_in(text: str) -> int | None:
    found = _INSTALMENTS.search(text)
    if not found:
        return None
    word = found.group(1).lower()
    return int(word) if word.isdigit() else _NUMBER_WORDS[word]

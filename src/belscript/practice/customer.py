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
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from belscript.dutch import WEEKDAYS
from belscript.money import format_amount
from belscript.practice.persona import Persona
from belscript.practice.utterance import Move

#: The excuse an angry customer stands for in the script's excuse library.
ANGRY_EXCUSE = "boze-klant"
#: The excuse a signature for receipt in the customer file disproves.
NOT_RECEIVED = "factuur-niet-ontvangen"


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
    #: The promise the customer made last, as (first date, instalments), or a callback moment.
    committed_to: tuple | None = None
    hung_up: bool = False
    #: The trainee has said what the call is about (an angry customer only gets angry then).
    topic_raised: bool = False
    #: The customer has reacted to the purpose once ("O, die factuur."); not twice.
    purpose_heard: bool = False
    #: Everything the customer said, to avoid saying the same sentence again.
    said: list[str] = field(default_factory=list)
    #: Still sure the invoice was paid (see ``Willingness.believes_paid``).
    believes_paid: bool = False
    #: Has told when, how much and to which account they think they paid.
    details_given: bool = False
    #: With the promise: at most this amount first (a customer who disputes part of the
    #: invoice), and the date of the rest when that was agreed too.
    committed_amount: Decimal | None = None
    committed_rest: date | None = None
    #: No longer claims the invoice never came: the signature for receipt was mentioned.
    receipt_settled: bool = False


_FIELD = re.compile(r"\{([a-z_]+)\}")
_SENTENCE_END = re.compile(r"[.!?…]\s+$")
_INSTALMENTS = re.compile(r"\b(\d{1,2}|twee|drie|vier|vijf|zes)\s+(?:maandelijkse\s+)?termijn", re.I)
_NUMBER_WORDS = {"twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6}
_TIME = re.compile(r"\bom (\d{1,2})(?:[:.](\d{2}))?(?: ?uur)?\b|\b(\d{1,2})[:.](\d{2})\b")
#: The disputed part of an invoice is paid no earlier than this many days from today: the
#: time the trainee needs to check it and send a corrected invoice or the substantiation.
CORRECTION_DAYS = 7
#: A sentence the customer repeats gets this in front, so it sounds like a person repeating
#: themselves rather than a recording.
AGAIN = "Zoals ik al zei: "


class SimulatedCustomer:
    """One customer in one practice session."""

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

    # -- speaking -------------------------------------------------------------------
    def _fill(self, template: str, values: dict[str, str]) -> str:
        hour = self.now.hour
        base = {
            "spreker": self.speaker,
            "achternaam": _surname(self.speaker),
            "betaler": self.payer,
            "terug": _in_days(self.hidden.payer_back_days, self.today),
            "bedrag": format_amount(self.amount_due),
            "betwist": format_amount(self.disputed),
            "onbetwist": format_amount(self.undisputed),
            "groet": "goedemorgen" if hour < 12 else "goedemiddag" if hour < 18 else "goedenavond",
        }
        base.update(values)
        def value(m: re.Match) -> str:
            filled = base.get(m.group(1), m.group(0))
            # "… niets. {datum} kunt u bellen": a filled-in day starting a sentence gets a capital
            if _SENTENCE_END.search(template[:m.start()]):
                filled = filled[:1].upper() + filled[1:]
            return filled

        text = _FIELD.sub(value, template)
        return text[:1].upper() + text[1:]

    def _line(self, key: str, **values: str) -> str:
        """One line for ``key``: preferably one not said before in this call; a line said
        just before is not said again word for word."""
        own = self.persona.lines.get(key)
        primary = own or self.reactions.get(key) or self.reactions["neutral"]
        said = self.state.said
        fresh = [t for t in primary if self._fill(t, values) not in said]
        if not fresh and own and key in self.reactions and self.persona.temperament != "boos":
            # the standard lines as variation, once a persona's own lines are used up
            # (not for the angry customer: the friendly standard lines do not fit him)
            fresh = [t for t in self.reactions[key] if self._fill(t, values) not in said]
        last = said[-1] if said else None
        if fresh:
            template = self.rng.choice(fresh)
            text = self._fill(template, values)
        else:
            others = [t for t in primary if self._fill(t, values) != last]
            template = self.rng.choice(others or primary)
            text = self._fill(template, values)
            if text == last and len(text.split()) > 3:
                text = AGAIN + (text if template.startswith("{") else text[:1].lower() + text[1:])
        said.append(text)
        return text

    def _reply(self, key: str, kind: str | None = None, excuse: str | None = None, **values: str) -> Reply:
        return Reply(self._line(key, **values), kind or key, excuse)

    def _say(self, d: date) -> str:
        """A date as a customer says it: 'maandag 30 november' (with the year only when
        it is far off: a day and month without a year mean the nearest such day, to the
        screen as to the customer, see :func:`~belscript.agreement.dates.resolve_date`)."""
        from babel.dates import format_date

        pattern = "EEEE d MMMM" if 0 <= (d - self.today).days < 180 else "EEEE d MMMM y"
        return format_date(d, pattern, locale="nl")

    # -- reactions --------------------------------------------------------------------
    def greet(self) -> Reply:
        return self._reply("greeting")

    def _mark_raised(self, excuse: str) -> None:
        st = self.state
        if excuse in st.excuses_left:
            st.excuses_left.remove(excuse)
        if excuse not in st.raised:
            st.raised.append(excuse)
        st.purpose_heard = True

    def _raise(self, excuse: str, key: str | None = None) -> Reply:
        self._mark_raised(excuse)
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
                return self._reply("hangup")
            return self._reply("defensive")
        if move.asks_name:
            return self._reply("name")
        topical = bool(move.purpose or move.open_question or move.invites_proposal or move.date_phrase
                       or move.suggested_excuse or move.plan or move.recap)
        if not st.calmed:
            # Acknowledging the irritation calms; a 'waarom' sounds like a reproach and does not.
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
        st.topic_raised = st.topic_raised or topical
        if move.suggested_excuse:
            return self._raise(move.suggested_excuse)
        if move.mentions_receipt and NOT_RECEIVED in st.raised + st.excuses_left and not st.receipt_settled:
            return self._hear_receipt()
        if not self.hidden.is_payer:
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
        if st.believes_paid:
            reply = self._hear_claim(move)
            if reply is not None:
                return reply
        if not self.hidden.decides_alone and move.callback and move.date_phrase and not move.recap:
            return self._hear_callback(move)
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
            st.committed_to = (on, 1)  # their own proposal: written down as said, it is a promise
            if self.disputed:
                st.committed_amount, st.committed_rest = self.undisputed, None
                return self._reply("proposal", datum=self._say(on), bedrag=format_amount(self.undisputed))
            return self._reply("proposal", datum=self._say(on))
        on = _weekday(self.today + timedelta(days=max(h.earliest_days, 1)), self.today + timedelta(days=h.earliest_days))
        return self._reply("plan_proposal", datum=self._say(on), termijnen=str(h.max_instalments))

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

    def consider(self, first_date: date, *, instalments: int = 1, first_amount: Decimal | None = None,
                 rest_on: date | None = None) -> Reply:
        """React to a concrete proposal: commit when it fits the hidden limits, counter otherwise.
        ``rest_on`` is the date of the last payment (the rest of a partial payment)."""
        h = self.hidden
        st = self.state
        if st.hung_up:
            return Reply("(De klant heeft opgehangen.)", "hangup")
        if not h.is_payer:
            return self._reply("wrong_person")
        if st.believes_paid:
            if st.excuses_left:
                return self._raise(st.excuses_left[0])
            return self._reply("insists_paid", kind="counter")
        if self.disputed:
            return self._consider_disputed(first_date, instalments, first_amount, rest_on)
        days = (first_date - self.today).days
        earliest = first_paying_day(self.today, h.earliest_days)
        if instalments > 1 and not h.accepts_plan:
            return self._reply("plan_refuse")
        if instalments == 1 and not h.pays_in_full:
            return self._reply("plan_proposal", kind="counter", datum=self._say(max(first_date, earliest)),
                               termijnen=str(h.max_instalments))
        if instalments > 1:
            # The real limit of a plan is what the customer can pay first; more
            # instalments than they asked for only suits them.
            if first_amount is None:
                first_amount = (self.amount_due / instalments).quantize(Decimal("0.01"), rounding=ROUND_DOWN)
            cap = (self.amount_due * h.first_instalment_share / 100).quantize(Decimal("0.01"), rounding=ROUND_DOWN)
            if first_amount > cap:
                return self._reply("counter", voorstel=format_amount(first_amount) + " als eerste termijn",
                                   datum=self._say(max(first_date, earliest)) + " met een eerste termijn van "
                                   + format_amount(cap))
        if days < h.earliest_days:
            return self._reply("counter", voorstel=self._say(first_date), datum=self._say(earliest))
        st.committed_to = (first_date, instalments)
        if instalments > 1:
            return self._reply("plan_accept", kind="commit", termijnen=str(instalments), datum=self._say(first_date))
        return self._reply("commit", datum=self._say(first_date))

    def _consider_disputed(self, first_date: date, instalments: int, first_amount: Decimal | None,
                           rest_on: date | None) -> Reply:
        """The customer who disputes part of the invoice pays the undisputed part from their
        earliest day, and the rest only once the trainee has had time to check it."""
        h = self.hidden
        st = self.state
        earliest = first_paying_day(self.today, h.earliest_days)
        part = self.undisputed if first_amount is None else first_amount
        if instalments > 2 or part > self.undisputed or (instalments == 2 and rest_on is None):
            # more than the undisputed part, or a plan with no date for the rest: only that part now
            return self._reply("undisputed_only", kind="counter", bedrag=format_amount(self.undisputed),
                               datum=self._say(max(first_date, earliest)))
        if (first_date - self.today).days < h.earliest_days:
            return self._reply("counter", voorstel=self._say(first_date), datum=self._say(earliest))
        if instalments == 2:
            checked = first_paying_day(self.today, CORRECTION_DAYS)
            if rest_on < checked:
                return self._reply("counter", voorstel=self._say(rest_on), datum=self._say(checked))
            st.committed_to, st.committed_amount, st.committed_rest = (first_date, 2), part, rest_on
            return self._reply("partial_accept", kind="commit", bedrag=format_amount(part),
                               datum=self._say(first_date), rest=self._say(rest_on))
        st.committed_to, st.committed_amount, st.committed_rest = (first_date, 1), part, None
        return self._reply("commit", bedrag=format_amount(part), datum=self._say(first_date))

    def consider_callback(self, at: datetime) -> Reply:
        """React to a proposed moment to call back: when the payer is away, or when the
        customer first consults someone, not before that person is back or consulted."""
        st = self.state
        if st.hung_up:
            return Reply("(De klant heeft opgehangen.)", "hangup")
        back = self.today + timedelta(days=self.hidden.payer_back_days)
        if (not self.hidden.is_payer or not self.hidden.decides_alone) and at.date() < back:
            return self._reply("callback_later", kind="counter", voorstel=self._say(at.date()), datum=self._say(back))
        st.committed_to = ("callback", at.date())
        moment = self._say(at.date())
        if at.time() != time(0, 0):
            moment += f" om {at.hour} uur" if at.minute == 0 else f" om {at.hour}.{at.minute:02d} uur"
        return self._reply("callback_ok", kind="commit", datum=moment)

    def is_committed_to(self, first_date: date | None, instalments: int, callback: date | None = None, *,
                        first_amount: Decimal | None = None, rest_on: date | None = None) -> bool:
        """Did the customer agree to exactly this (used by the score: an agreement the
        customer never accepted is no agreement). A customer who promised only part of the
        amount first has not agreed to more, nor to another date for the rest."""
        st = self.state
        promised = st.committed_to
        if promised is None:
            return False
        if callback is not None:
            return promised == ("callback", callback)
        if promised != (first_date, instalments):
            return False
        if st.committed_amount is not None and first_amount is not None and first_amount > st.committed_amount:
            return False
        return st.committed_rest is None or rest_on is None or rest_on == st.committed_rest


def disputed_amount(amount_due: Decimal, share: int) -> Decimal:
    """The part of ``amount_due`` a customer disputes (``share`` percent, to the cent)."""
    return (amount_due * share / 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _instalments_in(text: str) -> int | None:
    found = _INSTALMENTS.search(text)
    if not found:
        return None
    word = found.group(1).lower()
    return int(word) if word.isdigit() else _NUMBER_WORDS[word]


def first_paying_day(today: date, earliest_days: int) -> date:
    """The first working day on which a customer who can pay after ``earliest_days`` pays
    (what their counter-offer names and what the report reveals)."""
    day = today + timedelta(days=earliest_days)
    return _weekday(day, day)


def _weekday(day: date, earliest: date) -> date:
    """The nearest working day (the product's own rules: weekends and Dutch public holidays,
    :func:`belscript.calltime.is_working_day`): a day off moves back to the working day
    before it, or on to the next working day when that is earlier than the customer can pay."""
    from belscript.calltime import is_working_day

    if is_working_day(day):
        return day
    before = day - timedelta(days=1)
    while not is_working_day(before):
        before -= timedelta(days=1)
    if before >= earliest:
        return before
    after = day + timedelta(days=1)
    while not is_working_day(after):
        after += timedelta(days=1)
    return after


def _in_days(days: int, today: date) -> str:
    """When someone is back, as a colleague says it: 'morgen', 'overmorgen', 'donderdag'."""
    if days in (0, 1, 2):
        return ("vandaag", "morgen", "overmorgen")[days]
    if days < 7:
        return WEEKDAYS[(today + timedelta(days=days)).weekday()]
    return f"over {days} dagen"


def _surname(name: str) -> str:
    """'Rob Koster' -> 'Koster', 'Ingrid van Dijk' -> 'Van Dijk' (how people answer the phone)."""
    parts = name.split()
    if len(parts) < 2 or parts[0].rstrip(".").lower() in ("dr", "mr", "ir", "drs", "ing", "mevrouw", "meneer"):
        rest = " ".join(parts[1:]) or name
    else:
        rest = " ".join(parts[1:])
    return rest[:1].upper() + rest[1:]

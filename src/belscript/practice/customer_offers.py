"""How the simulated customer weighs a concrete offer against its hidden limits.

A date before the customer can pay gets a counter-offer, a first instalment above what
they can pay first gets a smaller one, a customer who disputes part of the invoice pays
the undisputed part first and the rest only after the trainee had time to check it, and
a callback is accepted only once the payer is back. What the customer said yes to is
remembered, so the score can tell an agreement from one the customer never accepted.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from belscript.money import format_amount
from belscript.practice.customer_state import Reply
from belscript.practice.customer_voice import CustomerVoice

#: The disputed part of an invoice is paid no earlier than this many days from today: the
#: time the trainee needs to check it and send a corrected invoice or the substantiation.
CORRECTION_DAYS = 7


class CustomerOffers(CustomerVoice):
    """Proposing and weighing payment dates, plans and callbacks."""

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


def first_paying_day(today: date, earliest_days: int) -> date:
    """The first working day on which a customer who can pay after ``earliest_days`` pays
    (what their counter-offer names and what the report reveals)."""
    day = today + timedelta(days=earliest_days)
    return _weekday(day, day)


def _weekday(day: date, earliest: date) -> date:
    """The nearest working day (the product's own rules: weekends and Dutch public holidays,
    :func:`belscript.calltime.is_working_day`): a day off moves back to the working day
    before it, or on to the next working day when that is earlier than the customer can pay."""
    from belscript.calltime import first_working_day, is_working_day

    if is_working_day(day):
        return day
    before = day - timedelta(days=1)
    while not is_working_day(before):
        before -= timedelta(days=1)
    return before if before >= earliest else first_working_day(day + timedelta(days=1))

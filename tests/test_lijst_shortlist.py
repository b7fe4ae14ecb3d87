"""`belscript lijst` weighs in full only the customers that could be among the lines
shown; the lines, their order, their reasons and the count of the rest are exactly
those of the whole list, on any store."""

from __future__ import annotations

import tempfile
from datetime import date, datetime, timedelta
from decimal import Decimal as D
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from belscript.clock import FixedClock
from belscript.journal import Journal
from belscript.store import CustomerRecord, InvoiceRecord, open_store
from belscript.worklist import build
from belscript.worklist.ranking import REACHABLE_POINTS
from belscript.worklist.shortlist import Overdue, upper_score

NOW = datetime(2026, 12, 7, 10, 0)  # a Monday morning
TODAY = NOW.date()
NAMES = ["Bakkerij Jansen", "Garage Smit", "Bouw de Vries"]  # few names: equal lines happen


class _Part:
    def __init__(self, amount, on):
        self.amount, self.on = D(amount), on


# Few distinct amounts and dates, so that lines tie and paying late or being reached now decides.
days_ago = st.one_of(st.sampled_from([-3, 2, 30, 95]), st.integers(-20, 130))
invoices = st.lists(st.tuples(st.sampled_from(["300", "800", "2600"]), st.sampled_from([0, 0, 50, 100]),
                              st.one_of(days_ago, st.none()), st.one_of(days_ago, days_ago, days_ago, st.none()),
                              st.one_of(st.none(), st.integers(-40, 130))),
                    max_size=3)
customers = st.lists(st.fixed_dictionaries({
    "name": st.sampled_from(NAMES),
    "invoices": invoices,
    "promise": st.one_of(st.none(), st.none(), st.none(), st.tuples(st.integers(3, 40), st.integers(-10, 20))),
    "letter": st.one_of(st.none(), st.integers(0, 12)),
    "calls": st.lists(st.tuples(st.integers(1, 6), st.sampled_from([9, 10, 14]), st.booleans()), max_size=4),
}), min_size=2, max_size=9)


def _call(journal, name, moment, reached):
    from belscript.agreement.model import NoAgreement, NoAgreementReason
    from belscript.dossier import Dossier

    dossier = Dossier.model_validate({"customer": {"name": name}, "caller": {"name": "Anna", "company": "B"},
                                      "invoices": [{"number": "X", "amount": "1.00", "invoice_date": "2026-01-01",
                                                    "due_date": "2026-01-31"}]})
    journal.clock = FixedClock(moment)
    call_id = journal.start_call("eerste-gesprek", None, dossier)
    reason = NoAgreementReason.needs_time if reached else NoAgreementReason.not_reachable
    journal.finish(call_id, NoAgreement(reason=reason, follow_up=moment + timedelta(days=2)))


def _fill(store, journal, people):
    for n, person in enumerate(people):
        number = f"K{n}"
        rows = []
        for k, (amount, paid_percent, issued, due, paid_ago) in enumerate(person["invoices"]):
            open_amount = D(amount) * (100 - paid_percent % 100) / 100  # 100: paid in full below
            due_day = None if due is None else TODAY - timedelta(days=due)
            issue_day = None if issued is None else (due_day or TODAY) - timedelta(days=issued % 45)
            rows.append((InvoiceRecord(f"F{n}-{k}", number, D(amount), open_amount, issue_day, due_day), paid_ago))
        store.import_records([CustomerRecord(number, person["name"], kind="b2b")], [r for r, _ in rows], source="t")
        cid = store.customer(number).id
        for (record, paid_ago), (_a, paid_percent, *_rest) in zip(rows, person["invoices"]):
            if paid_percent == 100:  # paid late or on time: "betaalt gemiddeld … dagen te laat"
                store.record_payment(record.number, record.amount, TODAY - timedelta(days=paid_ago or 0))
            elif paid_ago is not None:
                store.record_payment(record.number, D("10.00"), TODAY - timedelta(days=paid_ago))
        if person["promise"]:
            made, due = person["promise"]
            store.record_promise(cid, [_Part("100.00", TODAY - timedelta(days=due))],
                                 made_at=NOW - timedelta(days=made))
        if person["letter"] is not None:
            store.record_letter(cid, "herinnering", TODAY - timedelta(days=person["letter"]))
        for weeks, hour, reached in person["calls"]:
            _call(journal, person["name"], NOW.replace(hour=hour) - timedelta(weeks=weeks), reached)


def _line(entry):
    return (entry.customer.key, entry.script, entry.reasons, entry.best, entry.reachable_now, entry.why)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(people=customers, limit=st.integers(1, 3), batch=st.integers(1, 2))
def test_the_first_lines_are_exactly_those_of_the_whole_list(people, limit, batch):
    """On random stores, the shortlisted lines (order, reasons, best time) and the count of the rest equal the full list."""
    with tempfile.TemporaryDirectory() as tmp:
        clock = FixedClock(NOW)
        with open_store(Path(tmp), clock=clock, caller="Anna") as store, Journal.open(Path(tmp), clock=clock) as log:
            _fill(store, log, people)
            whole = build(store.worklist_facts(calls=log), NOW)
            first = store.first_lines(limit, calls=log, batch=batch)
    assert [_line(e) for e in first.entries] == [_line(e) for e in whole.entries[:limit]]
    assert len(first.entries) + first.left_off == len(whole.entries)
    assert [(w.customer.key, w.words) for w in first.waiting] == [(w.customer.key, w.words) for w in whole.waiting]


@settings(max_examples=200, deadline=None)
@given(oldest=st.integers(1, 200), newer=st.integers(0, 200), total=st.integers(1, 10**7),
       letter=st.one_of(st.none(), st.integers(0, 30)))
def test_the_bound_of_an_overdue_customer_leaves_room_for_paying_late_and_being_reached(oldest, newer, total, letter):
    """The bound is the visible score plus the two bonuses the store cannot see cheaply."""
    from belscript.worklist import CustomerFacts, InvoiceFacts

    newest = max(1, oldest - newer)
    amount = D(total) / 100
    due_old, due_new = TODAY - timedelta(days=oldest), TODAY - timedelta(days=newest)
    facts = CustomerFacts("K1", "Klant", invoices=(InvoiceFacts("A", due_old, due_old, amount, amount),
                                                   InvoiceFacts("B", due_new, due_new, amount, amount)),
                          reminders=() if letter is None else (TODAY - timedelta(days=letter),))
    entry = build([facts], NOW).entries[0]
    bound = upper_score(Overdue(1, "K1", "Klant", 2 * amount, 2 * amount, due_old, due_new,
                                None if letter is None else TODAY - timedelta(days=letter)), TODAY)
    assert bound == entry.score + 10 + REACHABLE_POINTS


def _split(facts_list):
    """What the store's one query makes of each customer: a draft, or an overdue bound."""
    from belscript.worklist import Entry, draft

    drafts, overdue = [], []
    for pos, facts in enumerate(facts_list):
        late = [i for i in facts.open_invoices if i.due < TODAY]
        if facts.promises or not late:
            weighed = draft(facts, TODAY)
            if isinstance(weighed, Entry):
                drafts.append((pos, weighed))
            continue
        overdue.append(Overdue(pos, facts.key, facts.name, facts.open_total, sum(i.open_amount for i in late),
                               min(i.due for i in late), max(i.due for i in late), max(facts.reminders, default=None)))
    return drafts, overdue


def _facts(n, name, invoices, late, reached, promise):
    from belscript.worklist import CustomerFacts, Instalment, InvoiceFacts, PromiseFacts, SlotCount

    return CustomerFacts(
        f"K{n}", name,
        invoices=tuple(InvoiceFacts(f"F{n}-{k}", TODAY - timedelta(days=due + 30), TODAY - timedelta(days=due),
                                    D(amount), D(amount)) for k, (amount, due) in enumerate(invoices)),
        promises=() if promise is None else (PromiseFacts(TODAY - timedelta(days=20),
                                                          (Instalment(TODAY - timedelta(days=promise), D(100)),)),),
        paid_late_days=late, reach=(SlotCount(0, "ochtend", reached + 1, reached),))


pure_customers = st.lists(st.tuples(st.sampled_from(NAMES),
                                    st.lists(st.tuples(st.sampled_from(["300", "800"]), st.sampled_from([-2, 2, 30, 95])),
                                             max_size=2),
                                    st.sampled_from([(), (3,), (30,)]),
                                    st.one_of(st.none(), st.none(), st.integers(-5, 5))), max_size=12)


@settings(max_examples=400, deadline=None)
@given(people=pure_customers, reached=st.lists(st.integers(0, 3), min_size=3, max_size=3),
       limit=st.integers(0, 4), batch=st.integers(1, 3))
def test_the_shortlist_of_any_customers_equals_the_head_of_the_whole_list(people, reached, limit, batch):
    """Ties, late payers and customers reached now: the shortlist is always the head of the full list."""
    from belscript.worklist.shortlist import shortlist

    # Calls are the log's by name: customers of one name share when they are reached.
    facts_list = [_facts(n, name, invoices, late, reached[NAMES.index(name)], promise)
                  for n, (name, invoices, late, promise) in enumerate(people)]
    by_key = {f.key: f for f in facts_list}
    drafts, overdue = _split(facts_list)
    first = shortlist(drafts, overdue, NOW, limit, batch=batch,
                      expand=lambda some: [by_key[o.key] for o in some],
                      reach=lambda names: {f.name: f.reach for f in facts_list if f.name in names})
    assert [_line(e) for e in first] == [_line(e) for e in build(facts_list, NOW).entries[:limit]]


# A crowd tied or nearly tied at the cut. Every customer owes one overdue invoice, ``base``
# days late less a small ``behind`` (0, 1, or just under / at / over the 20 points the two
# bonuses add); 800 and 850 weigh the same points, so the amount open breaks ties, then the
# name, then the store's order. Some paid late before, some kept a promise (so the store
# reads them in full), some had a reminder; per name, the log holds 0-3 calls that reached
# them on a Monday morning (two make them reachable now, NOW being a Monday morning).
crowd_member = st.tuples(st.integers(0, 3), st.sampled_from([0, 0, 1, 10, 19, 20, 21]),
                         st.sampled_from(["800.00", "850.00"]), st.booleans(), st.booleans(),
                         st.sampled_from([None, None, 3, 20]))
crowds = st.fixed_dictionaries({
    "base": st.sampled_from([3, 40, 100]),
    "people": st.lists(crowd_member, min_size=3, max_size=10),
    "reached": st.lists(st.integers(0, 3), min_size=4, max_size=4),
    "limit": st.integers(1, 3),
    "batch": st.integers(1, 2),
})
CROWD_NAMES = ["Alfa", "Bravo", "Charlie", "Delta"]
PROMISE_MADE, PROMISE_DUE, PAID_ON_TIME = 20, 10, 12  # days ago: a promise kept by paying a small invoice
LATE_DUE, LATE_PAID = 80, 40  # days ago: an invoice paid 40 days late


def _crowd_facts(crowd):
    """The crowd as the call list's facts, as the store would read them."""
    from belscript.worklist import CustomerFacts, Instalment, InvoiceFacts, PaymentFacts, PromiseFacts, SlotCount

    days = lambda n: TODAY - timedelta(days=n)  # noqa: E731
    found = []
    for n, (name, behind, amount, late, kept, letter) in enumerate(crowd["people"]):
        due = days(crowd["base"] - behind)
        invoices = [InvoiceFacts(f"F{n}", due - timedelta(days=30), due, D(amount), D(amount))]
        payments, late_days = [], []
        if kept:
            invoices.append(InvoiceFacts(f"P{n}", days(PAID_ON_TIME + 30), days(PAID_ON_TIME), D(100), D(0)))
            payments.append(PaymentFacts(days(PAID_ON_TIME), D(100)))
            late_days.append(0)
        if late:
            invoices.append(InvoiceFacts(f"L{n}", days(LATE_DUE + 30), days(LATE_DUE), D(50), D(0)))
            payments.append(PaymentFacts(days(LATE_PAID), D(50)))
            late_days.append(LATE_DUE - LATE_PAID)
        reached = crowd["reached"][name]
        found.append(CustomerFacts(
            f"K{n}", CROWD_NAMES[name], invoices=tuple(invoices), payments=tuple(payments),
            promises=(PromiseFacts(days(PROMISE_MADE), (Instalment(days(PROMISE_DUE), D(100)),)),) if kept else (),
            reminders=() if letter is None else (days(letter),), paid_late_days=tuple(late_days),
            reach=(SlotCount(0, "ochtend", reached, reached),) if reached else ()))
    return found


@settings(max_examples=500, deadline=None)
@given(crowd=crowds)
def test_a_crowd_tied_at_the_cut_is_shortlisted_exactly_as_the_whole_list(crowd):
    """Late payers, customers reached now and kept promises among equal lines: the shortlist is the list's head."""
    from belscript.worklist.shortlist import shortlist

    facts_list = _crowd_facts(crowd)
    by_key = {f.key: f for f in facts_list}
    drafts, overdue = _split(facts_list)
    first = shortlist(drafts, overdue, NOW, crowd["limit"], batch=crowd["batch"],
                      expand=lambda some: [by_key[o.key] for o in some],
                      reach=lambda names: {f.name: f.reach for f in facts_list if f.name in names})
    assert [_line(e) for e in first] == [_line(e) for e in build(facts_list, NOW).entries[:crowd["limit"]]]

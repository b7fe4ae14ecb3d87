"""Today's call list: the order, the reasons in words, the script chosen, the promise
checks and the best time learned from the log."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal as D

from hypothesis import given, settings
from hypothesis import strategies as st

from belscript.worklist import (
    FIRST_CALL,
    SECOND_CALL,
    SERVICE_CALL,
    CallFacts,
    CustomerFacts,
    Instalment,
    InvoiceFacts,
    PaymentFacts,
    PromiseFacts,
    PromiseStatus,
    best_time,
    build,
    check_promise,
)

NOW = datetime(2026, 12, 7, 10, 0)  # a Monday morning, in a golden hour
TODAY = NOW.date()


def invoice(number="2026-0142", *, issued_days_ago=50, due_days_ago=36, amount="2813", open_amount=None):
    return InvoiceFacts(number, TODAY - timedelta(days=issued_days_ago), TODAY - timedelta(days=due_days_ago),
                        D(amount), D(open_amount if open_amount is not None else amount))


def customer(name="Bakkerij De Zoete Inval", **kwargs):
    return CustomerFacts(key=name.lower(), name=name, **kwargs)


def promise(*instalments, made_on=date(2026, 11, 23)):
    return PromiseFacts(made_on, tuple(Instalment(d, D(a)) for d, a in instalments))


def test_a_broken_promise_puts_the_customer_on_top_with_the_second_call_script():
    """A promise not kept by its check day beats a bigger, older debt, and gets the firmer script."""
    broken = customer("Drukkerij Pers", invoices=(invoice(open_amount="800", amount="800"),),
                      promises=(promise((date(2026, 12, 1), "800")),))
    big = customer("Groothandel Noord", invoices=(invoice(amount="9000", due_days_ago=60),))
    entries = build([big, broken], NOW).entries
    assert [e.customer.name for e in entries] == ["Drukkerij Pers", "Groothandel Noord"]
    assert entries[0].script == SECOND_CALL
    assert entries[0].why == "toezegging van dinsdag 1 december (€ 800) niet nagekomen"


def test_overdue_reason_says_days_and_amount_as_people_say_them():
    """An overdue customer's reason reads '36 dagen te laat, € 2.813', with the first-call script."""
    entry = build([customer(invoices=(invoice(),))], NOW).entries[0]
    assert entry.why == "36 dagen te laat, € 2.813"
    assert entry.script == FIRST_CALL


def test_just_past_the_due_date_is_called_right_away():
    """An invoice due two days ago outranks one that is a week late, per the advice to call right after due."""
    fresh = customer("Net Verlopen", invoices=(invoice(due_days_ago=2, amount="1000"),))
    week = customer("Week Te Laat", invoices=(invoice(due_days_ago=7, amount="1000"),))
    names = [e.customer.name for e in build([week, fresh], NOW).entries]
    assert names == ["Net Verlopen", "Week Te Laat"]
    assert any("net over de vervaldatum" in r.words for r in build([fresh], NOW).entries[0].reasons)


def test_a_new_customer_gets_a_service_call_a_few_days_after_invoicing():
    """Not yet due, but a new customer invoiced 4 days ago: a service call, said in words."""
    new = customer("Nieuwe Klant", new_customer=True,
                   invoices=(invoice(issued_days_ago=4, due_days_ago=-26, amount="600"),))
    entry = build([new], NOW).entries[0]
    assert entry.script == SERVICE_CALL
    assert entry.why == "servicegesprek: nieuwe klant, factuur van 4 dagen geleden"


def test_a_small_invoice_of_a_known_customer_that_is_not_due_is_not_on_the_list():
    """Nothing due and no reason for a courtesy call: the customer is left alone."""
    calm = customer("Vaste Klant", invoices=(invoice(issued_days_ago=4, due_days_ago=-26, amount="300"),))
    assert build([calm], NOW).entries == []


def test_a_reminder_sent_a_few_days_ago_is_followed_by_a_call():
    """A reminder three days ago adds its reason: 'herinnering verstuurd op vrijdag 4 december, 3 dagen geleden'."""
    c = customer(invoices=(invoice(due_days_ago=10),), reminders=(TODAY - timedelta(days=3),))
    reasons = [r.words for r in build([c], NOW).entries[0].reasons]
    assert "herinnering verstuurd op vrijdag 4 december, 3 dagen geleden" in reasons


def test_a_running_promise_keeps_the_customer_off_the_list_and_says_so():
    """Someone keeping their word is not called; the list says the promise is running."""
    c = customer(invoices=(invoice(),), promises=(promise((date(2026, 12, 10), "2813")),))
    result = build([c], NOW)
    assert result.entries == []
    assert result.waiting[0].words == "toezegging loopt: € 2.813, volgende controle na donderdag 10 december"


def test_a_promise_is_checked_on_the_day_after_the_promised_date():
    """On the promised day itself the promise is still open; on the next day unpaid means broken."""
    p = promise((date(2026, 12, 1), "800"))
    assert check_promise(p, [], date(2026, 12, 1)).status is PromiseStatus.OPEN
    assert check_promise(p, [], date(2026, 12, 2)).status is PromiseStatus.BROKEN
    paid_late_booking = [PaymentFacts(date(2026, 12, 2), D("800"))]
    assert check_promise(p, paid_late_booking, date(2026, 12, 2)).status is PromiseStatus.KEPT


def test_a_partly_paid_instalment_says_how_much_is_missing():
    """Paying 500 of 800 is 'partly kept' with € 300 missing, and still needs a call."""
    p = promise((date(2026, 12, 1), "800"))
    check = check_promise(p, [PaymentFacts(date(2026, 11, 30), D("500"))], date(2026, 12, 3))
    assert (check.status, check.missing, check.needs_call) == (PromiseStatus.PARTLY, D("300"), True)
    c = customer(invoices=(invoice(open_amount="2313"),), promises=(p,),
                 payments=(PaymentFacts(date(2026, 11, 30), D("500")),))
    assert build([c], NOW).entries[0].why.endswith("niet nagekomen, € 300 ontbreekt")


def test_instalments_count_payments_in_order():
    """A plan of three with two paid: running before the third check day, partly kept after it."""
    p = promise((date(2026, 11, 25), "300"), (date(2026, 12, 2), "300"), (date(2026, 12, 9), "300"))
    paid = [PaymentFacts(date(2026, 11, 25), D("300")), PaymentFacts(date(2026, 12, 2), D("300"))]
    assert check_promise(p, paid, TODAY).status is PromiseStatus.RUNNING
    late = check_promise(p, paid, date(2026, 12, 10))
    assert (late.status, late.missing, late.failed_due) == (PromiseStatus.PARTLY, D("300"), date(2026, 12, 9))
    assert check_promise(p, paid + [PaymentFacts(date(2026, 12, 9), D("300"))],
                         date(2026, 12, 10)).status is PromiseStatus.KEPT


def test_payments_before_the_promise_do_not_count_towards_it():
    """Money paid before the promise was made is not a kept promise."""
    p = promise((date(2026, 12, 1), "800"))
    assert check_promise(p, [PaymentFacts(date(2026, 11, 1), D("800"))], TODAY).status is PromiseStatus.BROKEN


def test_best_time_is_learned_from_calls_that_reached_the_customer():
    """Reached twice on Tuesday morning and never on Thursday afternoon: Tuesday morning is learned."""
    tue = datetime(2026, 11, 17, 10, 0)
    calls = [CallFacts(tue, True), CallFacts(tue + timedelta(days=7), True),
             CallFacts(datetime(2026, 11, 19, 14, 0), False), CallFacts(datetime(2026, 11, 26, 14, 0), False)]
    best = best_time(calls, typed="donderdagmiddag")
    assert best.words() == "meestal bereikt op dinsdagochtend (2 van 2 gesprekken)"


def test_one_lucky_call_does_not_overrule_the_typed_preference():
    """A single reached call is not enough evidence; the typed field is shown instead."""
    best = best_time([CallFacts(datetime(2026, 11, 17, 10, 0), True)], typed="donderdagmiddag")
    assert best.words() == "bereikbaar volgens klantgegevens: donderdagmiddag"


def test_a_customer_best_reached_now_moves_up():
    """When now is the slot the customer is usually reached in, that is a reason, and it weighs."""
    monday_mornings = tuple(CallFacts(NOW - timedelta(days=7 * k), True) for k in (1, 2))
    reachable = customer("Nu Bereikbaar", invoices=(invoice(due_days_ago=20, amount="1000"),), calls=monday_mornings)
    other = customer("Anders", invoices=(invoice(due_days_ago=20, amount="1000"),))
    entries = build([other, reachable], NOW).entries
    assert entries[0].customer.name == "Nu Bereikbaar" and entries[0].reachable_now


amounts = st.decimals(min_value=1, max_value=100000, places=2)


@settings(max_examples=150, deadline=None)
@given(a=amounts, b=amounts, days=st.integers(1, 200))
def test_more_money_open_never_moves_a_customer_down(a, b, days):
    """Same lateness, more money open: never a lower place in the list."""
    low, high = sorted((a, b))
    lo = customer("A", invoices=(invoice(due_days_ago=days, amount=str(low)),))
    hi = customer("B", invoices=(invoice(due_days_ago=days, amount=str(high)),))
    by_name = {e.customer.name: e.score for e in build([lo, hi], NOW).entries}
    assert by_name["B"] >= by_name["A"]


@settings(max_examples=150, deadline=None)
@given(paid=st.lists(st.tuples(st.integers(-5, 30), amounts), max_size=5),
       plan=st.lists(st.tuples(st.integers(0, 25), amounts), min_size=1, max_size=4))
def test_a_promise_is_kept_exactly_when_every_checked_instalment_was_covered(paid, plan):
    """Brute force: the verdict agrees with adding up payments by each check day."""
    made = date(2026, 11, 20)
    p = PromiseFacts(made, tuple(Instalment(made + timedelta(days=d), a) for d, a in plan))
    payments = [PaymentFacts(made + timedelta(days=d), a) for d, a in paid]
    check = check_promise(p, payments, TODAY)
    expected = D(0)
    ok = True
    any_checked = False
    for inst in sorted(p.instalments, key=lambda i: i.due):
        if inst.due + timedelta(days=1) > TODAY:
            break
        any_checked = True
        expected += inst.amount
        got = sum((x.amount for x in payments if made <= x.on <= inst.due + timedelta(days=1)), D(0))
        if got < expected:
            ok = False
            break
    if not any_checked:
        assert check.status is PromiseStatus.OPEN
    else:
        assert (check.status in (PromiseStatus.KEPT, PromiseStatus.RUNNING)) == ok


# -- the weekly overview ---------------------------------------------------------------------

from belscript.worklist.charts import html_page, text_chart  # noqa: E402
from belscript.worklist.overview import calling_half_hour, overview  # noqa: E402


def test_ageing_puts_each_open_invoice_in_its_bucket():
    """Not yet due, 1–30, 31–60, 61–90 and over 90 days late, with counts and amounts."""
    c = customer(invoices=(invoice("a", due_days_ago=-5, amount="100"), invoice("b", due_days_ago=30, amount="200"),
                           invoice("c", due_days_ago=31, amount="300"), invoice("d", due_days_ago=95, amount="400"),
                           invoice("e", due_days_ago=10, amount="50", open_amount="0")))
    view = overview([c], TODAY)
    assert [(b.count, b.amount) for b in view.ageing] == [(1, D(100)), (1, D(200)), (1, D(300)), (0, D(0)),
                                                          (1, D(400))]


def test_promises_and_money_collected_after_calls_are_counted():
    """A promise made this week and kept counts as kept; a payment a week after a call counts as collected."""
    paid = PaymentFacts(date(2026, 12, 4), D("800"))
    c = customer(invoices=(invoice(open_amount="0"),), promises=(promise((date(2026, 12, 4), "800"),
                                                                         made_on=date(2026, 12, 1)),),
                 payments=(paid,), calls=(CallFacts(datetime(2026, 12, 1, 10, 0), True, "agreement"),))
    view = overview([c], date(2026, 12, 6))
    assert (view.week.made, view.week.kept) == (1, 1)
    assert view.collected_after_calls == D("800")


def test_the_terminal_chart_draws_longer_bars_for_more_money():
    """The bucket with the most money open has the longest bar; an empty bucket has none."""
    c = customer(invoices=(invoice("a", due_days_ago=10, amount="1000"), invoice("b", due_days_ago=40, amount="250")))
    lines = text_chart(overview([c], TODAY))
    bars = [line.count("█") for line in lines]
    assert bars[1] > bars[2] > 0 and bars[0] == 0


def test_the_shared_html_page_escapes_names_and_needs_nothing_external():
    """The HTML overview is self-contained and a business name cannot inject markup."""
    page = html_page(overview([customer(invoices=(invoice(),))], TODAY), business="<script>x</script>")
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "http://" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "")


def test_the_weekly_calling_half_hour_is_early_in_the_week_in_the_golden_hours():
    """Suggested on the next Monday or Tuesday at 09:30, skipping public holidays."""
    assert calling_half_hour(date(2026, 12, 3)) == datetime(2026, 12, 7, 9, 30)
    assert calling_half_hour(date(2026, 12, 24)) == datetime(2026, 12, 28, 9, 30)  # Monday 28 Dec is a working day
    assert calling_half_hour(date(2027, 5, 14)).date() == date(2027, 5, 18)  # Whit Monday 17 May skipped

"""The ladder says which step is due for a customer and why, in Dutch, and keeps the legal
order for consumers: no costs before the fourteen days of the veertiendagenbrief have run."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from belscript.errors import EscalationError, InvalidDocument
from belscript.escalation.deadlines import assumed_receipt, fourteen_day_deadline
from belscript.escalation.decide import next_step
from belscript.escalation.facts import CustomerFacts, CustomerKind, OpenInvoice, Promise, StepDone
from belscript.escalation.ladder import check_ladder, load_ladder
from belscript.document.yamlsafe import load_text

D = Decimal
LADDER = load_ladder()
INVOICE = OpenInvoice("2026-0142", date(2026, 10, 28), D("2450.00"))
B2B, B2C = CustomerKind.business, CustomerKind.consumer


def facts(kind=B2B, done=(), promises=(), refusals=(), invoices=(INVOICE,)):
    return CustomerFacts(kind, tuple(invoices), tuple(StepDone(s, d) for s, d in done), tuple(promises), tuple(refusals))


def test_the_default_ladder_has_the_fourteen_day_letter_only_for_consumers():
    """Businesses skip the veertiendagenbrief; consumers get it before the ingebrekestelling."""
    assert [s.step for s in LADDER.steps_for(B2B)] == [
        "herinnering", "telefoongesprek", "aanmaning", "ingebrekestelling", "uit_handen"]
    assert [s.step for s in LADDER.steps_for(B2C)] == [
        "herinnering", "telefoongesprek", "aanmaning", "veertiendagenbrief", "ingebrekestelling", "uit_handen"]
    assert LADDER.has("aanmaning", B2B) and not LADDER.has("veertiendagenbrief", B2B)


def test_a_broken_promise_makes_the_next_letter_ready_with_the_reason():
    """'toezegging gebroken op 1 december; aanmaning staat klaar' the day after the promised date."""
    f = facts(done=[("herinnering", date(2026, 11, 4)), ("telefoongesprek", date(2026, 11, 23))],
              promises=[Promise(date(2026, 11, 23), date(2026, 12, 1), D("2450.00"))])
    d = next_step(LADDER, f, date(2026, 12, 2))
    assert d.ready and d.step.step == "aanmaning"
    assert d.reason == "telefoongesprek op 23 november; toezegging gebroken op 1 december; aanmaning staat klaar"


def test_an_open_promise_holds_the_next_step_until_its_date_has_passed():
    """While the promised date has not passed, nothing is sent; the next step is named."""
    f = facts(done=[("herinnering", date(2026, 11, 4)), ("telefoongesprek", date(2026, 11, 23))],
              promises=[Promise(date(2026, 11, 23), date(2026, 12, 8), D("2450.00"))])
    d = next_step(LADDER, f, date(2026, 12, 3))
    assert not d.ready and d.due_on == date(2026, 12, 9)
    assert d.reason == "toezegging: € 2.450,00 uiterlijk op 8 december; daarna: aanmaning"


def test_a_refusal_brings_the_next_step_forward():
    """A customer who refuses to pay gets the next step at once, not after the waiting days."""
    f = facts(done=[("herinnering", date(2026, 11, 4)), ("telefoongesprek", date(2026, 11, 23))],
              refusals=[date(2026, 11, 23)])
    d = next_step(LADDER, f, date(2026, 11, 23))
    assert d.ready and "betaling geweigerd op 23 november" in d.reason


def test_waiting_days_count_from_the_previous_step():
    """Without promise or refusal, the next step is due its waiting days after the last one."""
    f = facts(done=[("herinnering", date(2026, 11, 4))])
    assert next_step(LADDER, f, date(2026, 11, 6)).due_on == date(2026, 11, 7)
    assert not next_step(LADDER, f, date(2026, 11, 6)).ready
    assert next_step(LADDER, f, date(2026, 11, 7)).reason == "herinnering op 4 november; nu bellen"


def test_nothing_is_due_before_the_due_date_or_when_everything_is_paid():
    """An invoice not yet due, or fully paid, needs no step."""
    assert next_step(LADDER, facts(), date(2026, 10, 28)).step is None
    paid = facts(invoices=[OpenInvoice("1", date(2026, 10, 1), D("0.00"), amount=D("100.00"))])
    assert next_step(LADDER, paid, date(2026, 12, 1)).reason == "alles is betaald; geen stap nodig"


def test_a_consumer_gets_no_costs_letter_without_a_fourteen_day_letter():
    """A consumer ladder is blocked at the ingebrekestelling when no veertiendagenbrief was sent."""
    f = facts(kind=B2C, done=[("aanmaning", date(2026, 11, 10))])
    d = next_step(LADDER, f, date(2026, 12, 1))
    assert d.step.step == "veertiendagenbrief" and d.ready
    skipped = facts(kind=B2C, done=[("aanmaning", date(2026, 11, 10)), ("ingebrekestelling", date(2026, 11, 12))])
    # a costs step taken without the letter does not count as the legal order; uit handen stays blocked
    blocked = next_step(LADDER, skipped, date(2026, 12, 1))
    assert blocked.blocked and "art. 6:96 lid 6 BW" in blocked.reason


def test_a_consumer_ingebrekestelling_waits_for_the_fourteen_days_after_receipt():
    """Sent Thursday 3 December: received Monday 7 December, last free day Monday 21 December."""
    sent = date(2026, 12, 3)
    assert assumed_receipt(sent) == date(2026, 12, 7)
    assert fourteen_day_deadline(sent) == date(2026, 12, 21)
    f = facts(kind=B2C, done=[("aanmaning", date(2026, 11, 20)), ("veertiendagenbrief", sent)],
              promises=[Promise(date(2026, 12, 4), date(2026, 12, 10), D("100.00"), kept=False)])
    d = next_step(LADDER, f, date(2026, 12, 15))
    assert not d.ready and d.due_on == date(2026, 12, 22)
    assert "de veertien dagen lopen tot en met 21 december" in d.reason
    assert next_step(LADDER, f, date(2026, 12, 22)).ready


def test_the_fourteen_days_end_on_a_working_day_around_christmas():
    """A term ending on Boxing Day moves to the next working day (Algemene termijnenwet)."""
    # sent Tue 8 Dec → received Thu 10 Dec → day 14 is Thu 24 Dec (a working day)
    assert fourteen_day_deadline(date(2026, 12, 8)) == date(2026, 12, 24)
    # sent Fri 11 Dec → received Tue 15 Dec → day 14 is Tue 29 Dec
    assert fourteen_day_deadline(date(2026, 12, 11)) == date(2026, 12, 29)
    # sent Wed 9 Dec → received Fri 11 Dec → day 14 is Fri 25 Dec (Christmas) → Mon 28 Dec
    assert fourteen_day_deadline(date(2026, 12, 9)) == date(2026, 12, 28)


@pytest.mark.parametrize(("bad", "words"), [
    (dict(invoices=[OpenInvoice("9", date(2026, 10, 1), D("-5.00"))]), "negatief"),
    (dict(invoices=[OpenInvoice("9", date(2026, 10, 1), D("99999999.00"))]), "Controleer"),
    (dict(done=[("herinnering", date(2027, 1, 1))]), "toekomst"),
    (dict(promises=[Promise(date(2026, 11, 5), date(2026, 11, 1), D("10.00"))]), "betaaldatum"),
])
def test_impossible_facts_are_refused_in_dutch(bad, words):
    """Negative or absurd amounts and dates in the future give a clear Dutch message, never a step."""
    with pytest.raises(EscalationError, match=words):
        next_step(LADDER, facts(**bad), date(2026, 12, 1))


def _check(text: str):
    raw, source = load_text(text, "ladder.yaml")
    return check_ladder(raw, source, "ladder.yaml")


def test_a_ladder_in_the_wrong_order_is_refused_at_the_step():
    """A step placed before an earlier step of the legal order is an error at its line."""
    ladder, problems = _check("ladder: 1\nsteps:\n  - step: aanmaning\n    wait_days: 3\n"
                              "  - step: herinnering\n    wait_days: 1\n")
    assert ladder is None and problems[0].format() == (
        "ladder.yaml:5:11: error: step 'herinnering' comes before 'aanmaning' in the legal order "
        "(herinnering → telefoongesprek → aanmaning → veertiendagenbrief → ingebrekestelling → uit_handen) [step-order]")


def test_a_ladder_that_charges_consumers_without_the_letter_is_refused():
    """An ingebrekestelling for everyone without a veertiendagenbrief breaks art. 6:96 lid 6 BW."""
    _, problems = _check("ladder: 1\nsteps:\n  - step: aanmaning\n    wait_days: 3\n"
                         "  - step: ingebrekestelling\n    wait_days: 7\n")
    assert problems[0].code == "missing-fourteen-day-letter" and problems[0].line == 5
    ok, none = _check("ladder: 1\nsteps:\n  - step: aanmaning\n    wait_days: 3\n"
                      "  - step: ingebrekestelling\n    wait_days: 7\n    customers: zakelijk\n")
    assert ok is not None and none == []


def test_ladder_typos_and_bad_values_get_positioned_diagnostics(tmp_path):
    """A misspelt step gets a suggestion; a negative wait is reported at its value."""
    _, problems = _check("ladder: 1\nsteps:\n  - step: aanmanig\n    wait_days: 3\n")
    assert "did you mean 'aanmaning'?" in problems[0].message and problems[0].line == 3
    path = tmp_path / "ladder.yaml"
    path.write_text("ladder: 1\nsteps:\n  - step: aanmaning\n    wait_days: -3\n", encoding="utf-8")
    with pytest.raises(InvalidDocument) as info:
        load_ladder(path)
    assert info.value.diagnostics[0].line == 4


def test_the_demo_customer_file_gives_facts_and_the_next_step_after_a_broken_promise():
    """The demo's reminder counts as a step; a promise broken after the call makes the aanmaning ready."""
    from belscript.dossier.loader import demo_dossier_path, load_dossier
    from belscript.escalation.from_dossier import facts_from_dossier, parties

    dossier = load_dossier(demo_dossier_path())
    f = facts_from_dossier(dossier, B2B, done=(StepDone("telefoongesprek", date(2026, 11, 23)),),
                           promises=(Promise(date(2026, 11, 23), date(2026, 12, 1), D("2813.00")),))
    assert f.principal == D("2813.00") and f.last_done("herinnering") == date(2026, 11, 4)
    d = next_step(LADDER, f, date(2026, 12, 2))
    assert d.ready and d.reason.endswith("toezegging gebroken op 1 december; aanmaning staat klaar")
    creditor, debtor = parties(dossier)
    assert (creditor.name, debtor.contact) == ("Jansen Webdesign", "Ingrid van Dijk")


def test_an_updated_rates_table_in_the_home_folder_replaces_the_shipped_one(tmp_path):
    """Copying the table to HOME/escalation/rates.yaml is how the owner updates the rates."""
    from belscript.escalation.rates import rates_path, shipped_rates_path

    assert rates_path(tmp_path) == shipped_rates_path()
    own = tmp_path / "escalation" / "rates.yaml"
    own.parent.mkdir()
    own.write_text(shipped_rates_path().read_text(encoding="utf-8"), encoding="utf-8")
    assert rates_path(tmp_path) == own

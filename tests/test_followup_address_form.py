"""The written follow-up speaks to the customer as the call did: 'u' or 'je', and says on whose behalf.

A customer file with ``aanspreekvorm: je`` gets an e-mail, a recap and a calendar text in
the 'je' form ("Je betaalt …", "Dank je wel voor ons gesprek"); with ``beller: namens:``
the e-mail is signed "namens Jan de Vries, Bakkerij De Vries". Checked word by word for
every built-in script and every kind of outcome, with a golden e-mail for each form.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from belscript.agreement.model import Agreement, Callback, NoAgreement, NoAgreementReason, Payment
from belscript.dossier.loader import demo_dossier_path, load_dossier
from belscript.engine import registry
from belscript.engine.call import Call
from belscript.followup import AfterCall, calendar_entries, confirmation, recap_lines
from belscript.script.loader import resolve_script

BUILT_IN = ["eerste-gesprek", "tweede-gesprek", "servicegesprek"]
NOW = datetime(2026, 11, 23, 10, 21)
GOLDEN = Path(__file__).resolve().parent / "golden_email"
#: Words that address the customer politely; none may appear when they are called 'je'.
POLITE = re.compile(r"\b(u|uw)\b", re.I)
#: Words that address the customer informally; none may appear when they are called 'u'.
INFORMAL = re.compile(r"\b(je|jij|jou|jouw)\b", re.I)


def dossier(form: str, boss: str | None = None):
    d = load_dossier(demo_dossier_path())
    d.customer.address_form = form
    d.caller.on_behalf_of = boss
    return d


def one_payment() -> Agreement:
    return Agreement(kind="full_payment", agreed_by="Ingrid van Dijk",
                     payments=[Payment(amount=Decimal("2813.00"), on=date(2026, 11, 27))])


def plan() -> Agreement:
    return Agreement(kind="payment_plan", agreed_by="Ingrid van Dijk", payments=[
        Payment(amount=Decimal("950"), on=date(2026, 11, 27)),
        Payment(amount=Decimal("950"), on=date(2026, 12, 28)),
        Payment(amount=Decimal("913"), on=date(2027, 1, 27))])


def callback() -> Agreement:
    return Agreement(kind="callback", callback=Callback(person="Ingrid van Dijk", at=datetime(2026, 11, 25, 10, 0)))


def no_agreement(reason: NoAgreementReason) -> NoAgreement:
    return NoAgreement(reason=reason, follow_up=datetime(2026, 11, 30, 10, 0), detail="")


OUTCOMES = {
    "one payment": one_payment,
    "plan": plan,
    "callback": callback,
    **{f"no agreement: {r.value}": (lambda r=r: no_agreement(r)) for r in NoAgreementReason},
}


def todos(script, d) -> tuple[str, ...]:
    """Every to-do the script's actions can put under "Wat wij doen"."""
    call = Call(script, d, clock=_clock())
    return tuple(t for name in registry.ACTIONS if (t := registry.action(name)(call).todo))


def announced(script, d) -> str | None:
    """What the script's no-agreement step tells the customer, as said to this customer."""
    call = Call(script, d, clock=_clock())
    for step in script.steps.values():
        if any("announce_next_steps" in (o.do or []) for o in step.options) and step.say.strip():
            return call._say(step.say.strip())
    return None


def _clock():
    from belscript.clock import FixedClock

    return FixedClock(NOW)


def after(name: str, outcome, form: str, boss: str | None = None) -> AfterCall:
    script = resolve_script(name).script
    d = dossier(form, boss)
    return AfterCall(dossier=d, outcome=outcome, now=NOW, our_actions=todos(script, d),
                     contact="Ingrid van Dijk", if_broken=script.agreement.if_broken,
                     conditions=tuple(script.agreement.conditions),
                     announced=announced(script, d) if isinstance(outcome, NoAgreement) else None)


def written(facts: AfterCall) -> list[str]:
    """Every text the customer reads or hears after the call: e-mail subject and body, recap,
    and the calendar's sentence quoted as said to the customer."""
    texts = recap_lines(facts)
    mail = confirmation(facts)
    if mail is not None:
        texts += [mail.subject, mail.body]
    texts += [str(e["description"]).split("Aan de klant aangekondigd: ")[-1] for e in calendar_entries(facts)
              if isinstance(facts.outcome, Agreement)]
    return texts


@pytest.mark.parametrize("name", BUILT_IN)
@pytest.mark.parametrize("outcome", sorted(OUTCOMES))
@pytest.mark.parametrize("boss", [None, "Jan de Vries"])
def test_a_je_customer_reads_no_u_and_a_u_customer_no_je(name, outcome, boss):
    """For every built-in script and outcome, the e-mail, recap and calendar text to a 'je'
    customer hold no 'u'/'uw', and those to a 'u' customer no 'je'/'jij'/'jouw'."""
    for form, other in (("je", POLITE), ("u", INFORMAL)):
        for text in written(after(name, OUTCOMES[outcome](), form, boss)):
            found = other.findall(text)
            assert not found, (form, found, text)
            assert not re.search(r"\{[^}]*\|", text), text


@pytest.mark.parametrize("outcome", sorted(OUTCOMES))
def test_the_je_email_is_a_je_email_and_not_a_copy_of_the_u_one(outcome):
    """A 'je' customer reads "Dank je wel voor ons gesprek" and "Je betaalt", a 'u' customer "Dank u"
    and "U betaalt": the two e-mails differ in every outcome that has one."""
    je = confirmation(after("eerste-gesprek", OUTCOMES[outcome](), "je"))
    u = confirmation(after("eerste-gesprek", OUTCOMES[outcome](), "u"))
    assert (je is None) == (u is None)
    if je is None:
        return
    assert je.body != u.body
    if "Dank u voor ons telefoongesprek" in u.body:
        assert "Dank je wel voor ons gesprek" in je.body
    if "U betaalt" in u.body:
        assert "Je betaalt" in je.body


@pytest.mark.parametrize("outcome", ["one payment", "no agreement: not_reachable", "no agreement: refuses"])
def test_a_call_on_the_owners_behalf_is_signed_so(outcome):
    """With 'namens: Jan de Vries' the e-mail is signed "Eva Jansen / namens Jan de Vries, Jansen Webdesign";
    without it, the signature has just the company."""
    signed = confirmation(after("eerste-gesprek", OUTCOMES[outcome](), "u", "Jan de Vries")).body
    assert "\nEva Jansen\nnamens Jan de Vries, Jansen Webdesign\n" in signed
    plain = confirmation(after("eerste-gesprek", OUTCOMES[outcome](), "u")).body
    assert "namens" not in plain and "\nEva Jansen\nJansen Webdesign\n" in plain


def test_on_first_name_terms_the_email_greets_by_first_name():
    """A 'je' customer is greeted "Beste Ingrid,", a 'u' customer "Beste Ingrid van Dijk,"."""
    assert confirmation(after("eerste-gesprek", one_payment(), "je")).body.startswith("Beste Ingrid,\n")
    assert confirmation(after("eerste-gesprek", one_payment(), "u")).body.startswith("Beste Ingrid van Dijk,\n")


def test_not_reaching_a_customer_says_on_whose_behalf_the_caller_tried():
    """The 'tried to reach you' e-mail says "heb ik namens Jan de Vries geprobeerd je … te bereiken"."""
    body = confirmation(after("eerste-gesprek", no_agreement(NoAgreementReason.not_reachable), "je",
                              "Jan de Vries")).body
    assert "heb ik namens Jan de Vries geprobeerd je telefonisch te bereiken" in body


def test_the_scripts_if_broken_sentence_follows_the_form_in_the_email():
    """The script's "contact met {u|je} op" reads "contact met je op" to a 'je' customer."""
    je = confirmation(after("eerste-gesprek", one_payment(), "je")).body
    u = confirmation(after("eerste-gesprek", one_payment(), "u")).body
    assert "eerstvolgende werkdag contact met je op" in je and "voor je rekening" in je
    assert "eerstvolgende werkdag contact met u op" in u and "voor uw rekening" in u


@pytest.mark.parametrize("form, boss, golden", [("u", None, "plan-u.txt"), ("je", "Jan de Vries", "plan-je.txt")])
def test_the_plan_email_matches_its_golden_text(form, boss, golden):
    """The payment-plan e-mail of the first-call script reads exactly as the reviewed example in
    tests/golden_email/ (one for 'u', one for 'je' on someone's behalf)."""
    facts = after("eerste-gesprek", plan(), form, boss)
    mail = confirmation(replace(facts, our_actions=facts.our_actions[:1]))
    assert mail.text == (GOLDEN / golden).read_text(encoding="utf-8")

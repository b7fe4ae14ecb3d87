"""The demo week: a handful of made-up customers loaded into a throw-away home.

``belscript lijst --demo`` and ``belscript overzicht --demo`` must work on a fresh
clone, so the demo is shipped as data (``data/demo/week.json``, days relative to
today so the list always looks current) and loaded through the store's and the call
log's own API, never by writing tables directly. The demo home is
``<BELSCRIPT_HOME>/demo``, emptied and filled again on every ``--demo``, so the user
can go on with it (``BELSCRIPT_HOME=…/demo belscript betaald …``) without touching
their own data.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from importlib import resources
from pathlib import Path

from belscript.clock import Clock, FixedClock

DEMO_FOLDER = "demo"
_CALLER = "Eva Jansen"
_COMPANY = "Jansen Webdesign"


@dataclass(frozen=True)
class _Part:
    amount: Decimal
    on: date


def demo_home(home: Path) -> Path:
    return home / DEMO_FOLDER


def load_demo(home: Path, clock: Clock) -> Path:
    """Empty ``<home>/demo`` and fill it with the demo week as of ``clock``; return its path."""
    from belscript.journal import Journal
    from belscript.private_files import private_dir
    from belscript.store import ContactRecord, CustomerRecord, InvoiceRecord, open_store

    target = demo_home(home)
    if target.exists():
        shutil.rmtree(target)
    private_dir(private_dir(home) / DEMO_FOLDER)
    # The printed 'belscript call "…"' commands work at once in the demo folder: who calls
    # for which business is set there, as a user sets it once in their own config.toml.
    from belscript.private_files import write_private

    write_private(target / "config.toml", f'caller = "{_CALLER}"\ncompany = "{_COMPANY}"\n\n'
                  f'[bedrijf]\nnaam = "{_COMPANY}"\nadres = "Voorbeeldstraat 1, 3511 AA Utrecht"\n'
                  'email = "debiteuren@jansen-webdesign.example.nl"\ntelefoon = "030 000 0000"\n'
                  'iban = "NL00BANK0123456789"\n')
    data = json.loads(resources.files("belscript").joinpath("data/demo/week.json").read_text(encoding="utf-8"))
    now = clock.now()
    today = now.date()

    def day(offset: int) -> date:
        return today + timedelta(days=offset)

    customers, invoices = [], []
    for c in data["customers"]:
        contacts = (ContactRecord(c["contact"]),) if c.get("contact") else ()
        customers.append(CustomerRecord(c["number"], c["name"], kind=c["kind"], phone=c.get("phone"),
                                        email=c.get("email"), contacts=contacts))
        for i in c["invoices"]:
            amount = Decimal(i["amount"])
            invoices.append(InvoiceRecord(i["number"], c["number"], amount, amount, day(i["issued"]), day(i["due"])))
    with open_store(target, clock=clock, caller=_CALLER) as store, \
            Journal.open(target, clock=clock) as journal:
        store.import_records(customers, invoices, source="demo")
        for c in data["customers"]:
            cid = store.customer(c["number"]).id
            for letter in c.get("letters", ()):
                store.record_letter(cid, letter["kind"], day(letter["sent"]))
            for promise in c.get("promises", ()):
                made = datetime.combine(day(promise["made"]), time(10, 0))
                store.record_promise(cid, [_Part(Decimal(p["amount"]), day(p["due"])) for p in promise["instalments"]],
                                     made_at=made)
            for i in c["invoices"]:
                for paid in i.get("paid", ()):
                    store.record_payment(i["number"], Decimal(paid["amount"]), day(paid["on"]), source="demo")
            for call in c.get("calls", ()):
                _log_call(journal, c, _moment(call, today), call)
        store.check_promises()
    return target


def _moment(call: dict, today: date) -> datetime:
    if "day" in call:
        on = today + timedelta(days=call["day"])
    else:
        monday = today - timedelta(days=today.weekday())
        on = monday - timedelta(weeks=call["week"]) + timedelta(days=call["weekday"])
    return datetime.combine(on, time(call["hour"], 15))


def _log_call(journal, customer: dict, moment: datetime, call: dict) -> None:
    """One earlier call in the log, started and ended at ``moment`` as the engine would."""
    from belscript.agreement.model import Agreement, NoAgreement, NoAgreementReason, Payment
    from belscript.dossier import Dossier

    invoice = customer["invoices"][0]
    dossier = Dossier.model_validate({
        "customer": {"name": customer["name"], "number": customer["number"], "phone": customer.get("phone")},
        "caller": {"name": _CALLER, "company": _COMPANY},
        "invoices": [{"number": invoice["number"], "amount": invoice["amount"],
                      "invoice_date": (moment.date() - timedelta(days=30)).isoformat(),
                      "due_date": moment.date().isoformat()}],
    })
    if call.get("agreed"):
        outcome = Agreement(payments=[Payment(amount=Decimal(invoice["amount"]), on=moment.date() + timedelta(days=7))],
                            agreed_by=customer.get("contact"))
    elif call["reached"]:
        outcome = NoAgreement(reason=NoAgreementReason.needs_time, follow_up=moment + timedelta(days=3))
    else:
        outcome = NoAgreement(reason=NoAgreementReason.not_reachable, follow_up=moment + timedelta(days=1))
    saved = journal.clock
    journal.clock = FixedClock(moment)
    try:
        call_id = journal.start_call("eerste-gesprek", None, dossier)
        journal.finish(call_id, outcome, contact=customer.get("contact") if call["reached"] else None)
    finally:
        journal.clock = saved

"""A small throw-away store for ``belscript brief --demo`` and ``overdracht --demo``.

Two customers whose promise to pay was broken, on a fixed demo day (Monday 16 June
2025, inside the period the shipped rates table covers, so interest is computed):

* **Bouwbedrijf De Vries B.V.** (business): reminder, a call with a promise, an
  aanmaning, a second call with a new promise that was broken: the ingebrekestelling
  is due, with collection costs and the statutory commercial interest;
* **Jeroen Jansen** (consumer): the same history; the next letter is the
  veertiendagenbrief, which states the collection costs without charging them yet.

Everything is written through the store and call log APIs into a temporary
``BELSCRIPT_HOME``, so the demo goes through the same code as real customers.
"""

from __future__ import annotations

import tempfile
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path

DEMO_DAY = date(2025, 6, 16)
COMPANY = {"naam": "Installatiebedrijf Peters", "adres": "Industrieweg 12, 3542 AD Utrecht",
           "email": "debiteuren@peters-installatie.nl", "telefoon": "030 241 55 10",
           "iban": "NL91ABNA0417164300"}
CALLER = "Sanne Peters"

_CUSTOMERS = [
    # number, name, kind, address, email, phone, contact, invoice, amount, issued, due, history
    ("D1002", "Bouwbedrijf De Vries B.V.", "b2b", "Havenstraat 8, 3511 AB Utrecht", "administratie@devriesbouw.nl",
     "030 231 77 80", "Marieke de Vries", "2025-0412", Decimal("2450.00"), date(2025, 3, 31), date(2025, 4, 30),
     [("letter", "herinnering", date(2025, 5, 2)),
      ("call", date(2025, 5, 12), Decimal("2450.00"), date(2025, 5, 23)),
      ("letter", "aanmaning", date(2025, 5, 26)),
      ("call", date(2025, 6, 2), Decimal("2450.00"), date(2025, 6, 11))]),
    ("D1017", "Jeroen Jansen", "b2c", "Lindelaan 23, 3571 KB Utrecht", "jeroen.jansen@example.nl",
     "06 12 34 56 78", None, "2025-0398", Decimal("640.00"), date(2025, 4, 1), date(2025, 4, 15),
     [("letter", "herinnering", date(2025, 4, 17)),
      ("call", date(2025, 4, 24), Decimal("640.00"), date(2025, 5, 2)),
      ("letter", "aanmaning", date(2025, 5, 6)),
      ("call", date(2025, 6, 4), Decimal("640.00"), date(2025, 6, 11))]),
]


def demo_names() -> list[str]:
    return [f"{c[1]} ({c[0]}, {'zakelijk' if c[2] == 'b2b' else 'consument'})" for c in _CUSTOMERS]


def build_demo_home(home: Path | None = None) -> Path:
    """A folder (new and temporary by default) holding the demo store, call log and company settings."""
    from belscript.agreement.model import Agreement, Payment
    from belscript.clock import FixedClock
    from belscript.dossier import Dossier
    from belscript.journal import Journal
    from belscript.private_files import write_private
    from belscript.store import ContactRecord, CustomerRecord, InvoiceRecord, open_store

    home = Path(tempfile.mkdtemp(prefix="belscript-demo-")) if home is None else home
    home.mkdir(parents=True, exist_ok=True, mode=0o700)
    config = "[bedrijf]\n" + "".join(f'{k} = "{v}"\n' for k, v in COMPANY.items())
    write_private(home / "config.toml", config)
    clock = FixedClock(datetime.combine(DEMO_DAY, time(9, 0)))
    customers = [CustomerRecord(c[0], c[1], kind=c[2], address=c[3], email=c[4], phone=c[5],
                                contacts=(ContactRecord(c[6], role="eigenaar", email=c[4]),) if c[6] else ())
                 for c in _CUSTOMERS]
    invoices = [InvoiceRecord(c[7], c[0], c[8], c[8], issue_date=c[9], due_date=c[10]) for c in _CUSTOMERS]
    with open_store(home, clock=clock, caller=CALLER) as store, Journal.open(home, clock=clock) as journal:
        store.import_records(customers, invoices, source="demo")
        for c in _CUSTOMERS:
            customer = store.customer(c[0])
            dossier = Dossier.model_validate({
                "customer": {"name": c[1], "number": c[0], "email": c[4], "phone": c[5], "address": c[3]},
                "caller": {"name": CALLER, "company": COMPANY["naam"], "email": COMPANY["email"],
                           "iban": COMPANY["iban"]},
                "invoices": [{"number": c[7], "amount": str(c[8]), "invoice_date": c[9].isoformat(),
                              "due_date": c[10].isoformat()}]})
            for item in c[11]:
                if item[0] == "letter":
                    store.record_letter(customer.id, item[1], item[2], invoice=c[7])
                    continue
                _, on, amount, pay_by = item
                clock.moment = datetime.combine(on, time(10, 15))
                who = c[6] or c[1]
                call_id = journal.start_call("tweede-gesprek", None, dossier)
                agreement = Agreement(agreed_by=who, payments=[Payment(amount=amount, on=pay_by)],
                                      if_broken="aanmaning of ingebrekestelling volgens de ladder")
                journal.finish(call_id, agreement, contact=who)
                store.record_promise(customer.id, [Payment(amount=amount, on=pay_by)], call_ref=str(call_id),
                                     made_at=clock.moment)
        clock.moment = datetime.combine(DEMO_DAY, time(9, 0))
        store.check_promises(DEMO_DAY)
    return home

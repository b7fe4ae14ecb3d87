"""Customer facts and letter parties from a customer file (*dossier*).

Until the store holds customers, invoices and promises, the customer file is where
those facts live: its invoices, the reminders it lists (``herinnering``,
``aanmaning``, ``ingebrekestelling``) and who is calling for which company. Promises
and refusals are not in a customer file in a form that can be checked (they are free
text), so the caller passes them.
"""

from __future__ import annotations

from datetime import date

from belscript.dossier import Dossier
from belscript.escalation.facts import CustomerFacts, CustomerKind, OpenInvoice, Party, Promise, StepDone
from belscript.escalation.ladder import STEPS


def parties(dossier: Dossier) -> tuple[Party, Party]:
    """(creditor, debtor) for a letter's header."""
    c, k, p = dossier.caller, dossier.customer, dossier.contact
    creditor = Party(c.company, contact=c.name, email=c.email, phone=c.phone, iban=c.iban)
    debtor = Party(k.name, contact=p.name if p else None, address=k.address,
                   email=(p.email if p and p.email else k.email), phone=k.phone, number=k.number)
    return creditor, debtor


def facts_from_dossier(dossier: Dossier, kind: CustomerKind, *, promises: tuple[Promise, ...] = (),
                       refusals: tuple[date, ...] = (), done: tuple[StepDone, ...] = ()) -> CustomerFacts:
    """The customer's facts: invoices and ladder steps from the file, plus what the caller knows."""
    invoices = tuple(OpenInvoice(i.number, i.due_date, i.open_amount, amount=i.amount, invoice_date=i.invoice_date)
                     for i in dossier.invoices)
    letters = tuple(StepDone(r.kind, r.date) for r in dossier.reminders if r.kind in STEPS)
    return CustomerFacts(kind, invoices, letters + tuple(done), tuple(promises), tuple(refusals))

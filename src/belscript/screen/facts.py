"""The texts of the preparation screen and the dossier panel, made from the customer file.

The seeds ask the caller to have everything at hand before dialling: what was
delivered and when, whether it was signed for, complaints, the due date, reminders
sent, earlier contacts and agreements, the contact person, the options one is willing
to offer and the goal of the call. These functions say what the file knows and, as
important, what it does *not* know yet, so a gap is found before the phone rings.

Lines are ``(style, text)`` fragments (plain tuples, no prompt_toolkit) so the same
texts can be tested, printed and drawn. Dates are numeric (``28-10-2026``): this runs
before the first frame, where the Dutch date-words library would cost start-up time.
"""

from __future__ import annotations

from datetime import date

from belscript.dossier import Dossier
from belscript.dutch import short_date
from belscript.money import format_amount
from belscript.script.models import AgreementKind, AgreementPolicy

Line = list[tuple[str, str]]

_KIND_LABELS: dict[AgreementKind, str] = {
    AgreementKind.full_payment: "het hele bedrag in één keer",
    AgreementKind.partial_payment: "een deel nu en de rest op een vaste datum",
    AgreementKind.payment_plan: "een betalingsregeling in termijnen",
    AgreementKind.deferral: "uitstel van betaling",
    AgreementKind.callback: "een terugbelafspraak met wie over betalingen gaat",
}


def _plain(text: str, style: str = "") -> Line:
    return [(style, text)]


def known_and_missing(dossier: Dossier) -> tuple[list[str], list[str]]:
    """What the customer file says (Dutch lines) and what it does not say yet."""
    known: list[str] = []
    missing: list[str] = []
    customer = dossier.customer
    if dossier.contact:
        role = f" ({dossier.contact.role})" if dossier.contact.role else ""
        known.append(f"Contactpersoon: {dossier.contact.name}{role}")
    else:
        missing.append("Contactpersoon: vraag wie er over betalingen gaat en noteer de naam (/naam).")
    if not (dossier.contact and dossier.contact.phone) and not customer.phone:
        missing.append("Telefoonnummer van de klant.")
    if not (dossier.contact and dossier.contact.email) and not customer.email:
        missing.append("E-mailadres voor de bevestiging: vraag het tijdens het gesprek.")
    for inv in dossier.invoices:
        if inv.delivered:
            when = f" op {short_date(inv.delivered_on)}" if inv.delivered_on else ""
            known.append(f"Geleverd bij {inv.number}: {inv.delivered}{when}")
        else:
            missing.append(f"Wat er geleverd of gedaan is bij factuur {inv.number}.")
        if inv.delivered and not inv.delivered_on:
            missing.append(f"Wanneer er geleverd is bij factuur {inv.number}.")
        if inv.signed_for_receipt is True:
            known.append(f"Voor ontvangst getekend bij {inv.number}")
        elif inv.signed_for_receipt is False:
            known.append(f"Niet voor ontvangst getekend bij {inv.number}")
        else:
            missing.append(f"Of er voor ontvangst is getekend bij factuur {inv.number}.")
    complaints = [c for inv in dossier.invoices for c in inv.complaints]
    known.append("Klachten: " + ("; ".join(complaints) if complaints else "geen bekend"))
    if dossier.reminders:
        last = max(dossier.reminders, key=lambda r: r.date)
        known.append(f"Herinneringen: {len(dossier.reminders)}, laatste {last.kind} op {short_date(last.date)}")
    else:
        missing.append("Er is nog geen herinnering verstuurd; noem in het gesprek de vervaldatum en het bedrag.")
    if dossier.contacts:
        last_contact = max(dossier.contacts, key=lambda c: c.date)
        kept = {True: ", nagekomen", False: ", niet nagekomen", None: ""}[last_contact.kept]
        agreed = f" Afgesproken: {last_contact.agreed}{kept}." if last_contact.agreed else ""
        known.append(f"Eerder contact ({len(dossier.contacts)}×), laatst {short_date(last_contact.date)} met "
                     f"{last_contact.who}.{agreed}")
    else:
        missing.append("Eerdere contacten over de betaling: geen vastgelegd.")
    if dossier.payment_problems:
        known.append("Eerdere betaalproblemen: " + "; ".join(dossier.payment_problems))
    if dossier.payment_terms:
        known.append(f"Betalingsvoorwaarden: {dossier.payment_terms}")
    else:
        missing.append("De betalingsvoorwaarden (termijn en bijzondere afspraken).")
    if dossier.best_reachable:
        known.append(f"Goed bereikbaar: {dossier.best_reachable}")
    return known, missing


def offer_lines(policy: AgreementPolicy, amount_due) -> list[str]:
    """What the caller is willing to offer (the script's agreement policy), in Dutch."""
    from belscript.agreement.check import minimum_first

    lines = ["U kunt afspreken: " + "; ".join(_KIND_LABELS[k] for k in policy.accepts) + "."]
    limits = []
    if AgreementKind.full_payment in policy.accepts or AgreementKind.deferral in policy.accepts:
        limits.append(f"uitstel hoogstens {policy.max_deferral_days} dagen (ook voor alles ineens)")
    if AgreementKind.partial_payment in policy.accepts or AgreementKind.payment_plan in policy.accepts:
        limits.append(f"eerste deel of termijn binnen {policy.first_within_days} dagen")
    if AgreementKind.payment_plan in policy.accepts:
        limits.append(f"hoogstens {policy.max_instalments} termijnen, hoogstens {policy.max_days_between} dagen "
                      "ertussen")
    first = minimum_first(policy, amount_due)
    if first is not None:
        limits.append(f"eerste betaling minstens {first[1]}")
    limits.append(f"geen datum later dan {policy.latest_days} dagen na vandaag")
    lines.append("Grenzen: " + ", ".join(limits) + ".")
    lines.extend(f"Voorwaarde: {c}" for c in policy.conditions)
    if policy.if_broken.strip():
        lines.append(f"Als het niet lukt: {' '.join(policy.if_broken.split())}")
    return lines


def goal_of(dossier: Dossier) -> str:
    """The goal of the call: the file's own, or a concrete promise for everything open."""
    if dossier.goal:
        return " ".join(dossier.goal.split())
    return f"Een concrete betaaltoezegging voor {format_amount(dossier.total_due)}: wie betaalt wat, en wanneer."


def dossier_lines(dossier: Dossier, *, today: date) -> list[Line]:
    """The dossier panel of the call screen: everything to have at hand, compactly."""
    lines: list[Line] = []
    c = dossier.customer
    number = f" ({c.number})" if c.number else ""
    lines.append(_plain(f"{c.name}{number}", "class:strong"))
    if dossier.contact:
        p = dossier.contact
        extra = ", ".join(x for x in (p.role, p.phone, p.email) if x)
        lines.append(_plain(f"Contact: {p.name}" + (f" · {extra}" if extra else "")))
    elif c.phone or c.email:
        lines.append(_plain("Contact: " + ", ".join(x for x in (c.phone, c.email) if x)))
    lines.append(_plain(f"Totaal open: {format_amount(dossier.total_due)}", "class:strong"))
    for inv in dossier.invoices:
        late = (today - inv.due_date).days
        status = f"{late} dagen te laat" if late > 0 else ("vervalt vandaag" if late == 0 else f"vervalt over {-late} dagen")
        lines.append(_plain(f"Factuur {inv.number}: {format_amount(inv.open_amount)} open, vervaldatum "
                            f"{short_date(inv.due_date)} ({status})"))
        if inv.delivered:
            when = f" op {short_date(inv.delivered_on)}" if inv.delivered_on else ""
            signed = {True: ", getekend voor ontvangst", False: ", niet getekend", None: ""}[inv.signed_for_receipt]
            lines.append(_plain(f"  geleverd: {inv.delivered}{when}{signed}", "class:dim"))
        for complaint in inv.complaints:
            lines.append(_plain(f"  klacht: {complaint}", "class:warn"))
    for r in sorted(dossier.reminders, key=lambda r: r.date):
        lines.append(_plain(f"{r.kind.capitalize()} {short_date(r.date)}" + (f": {' '.join(r.note.split())}" if r.note else "")))
    for k in sorted(dossier.contacts, key=lambda k: k.date):
        kept = {True: " (nagekomen)", False: " (niet nagekomen)", None: ""}[k.kept]
        agreed = f" Afgesproken: {k.agreed}{kept}." if k.agreed else ""
        lines.append(_plain(f"Contact {short_date(k.date)} met {k.who}: {' '.join(k.summary.split())}{agreed}"))
    for problem in dossier.payment_problems:
        lines.append(_plain(f"Eerder: {problem}", "class:dim"))
    if dossier.payment_terms:
        lines.append(_plain(f"Voorwaarden: {' '.join(dossier.payment_terms.split())}", "class:dim"))
    if dossier.best_reachable:
        lines.append(_plain(f"Bereikbaar: {' '.join(dossier.best_reachable.split())}", "class:dim"))
    return lines

"""The confirmation e-mail after a call, ready to send within half an hour.

The seeds ask for a written confirmation of what the customer will do and when,
what we will do, and what happens if the promise is not kept. The e-mail is built
with the standard library (``.eml`` that any mail program opens as a draft), shown
on screen as plain text, and offered as a ``mailto:`` link. When there was nobody to
agree with (hung up, wrong person) no customer e-mail is made; every outcome without
an agreement also gets a short note to self with the follow-up moment.

The e-mail speaks to the customer as the call did: ``u`` or, when the customer file
says ``aanspreekvorm: je``, ``je`` ("Je betaalt …", "Dank je wel voor ons gesprek").
When a colleague or bookkeeper called for the owner (``beller: namens:``), the
signature says on whose behalf ("namens Jan de Vries, Bakkerij De Vries").
"""

from __future__ import annotations

import email.policy
import re
from dataclasses import dataclass
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime
from urllib.parse import quote

from belscript.agreement.model import Agreement, NoAgreement, NoAgreementReason
from belscript.script.models import AgreementKind
from belscript.dossier import Dossier
from belscript.followup.facts import AfterCall
from belscript.followup.wording import (
    check_day,
    contact_name,
    customer_promise,
    if_broken_text,
    invoice_lines,
    invoices_phrase,
    is_confirmation_todo,
    no_agreement_reason,
    open_invoices,
    say_date,
    say_moment,
    you,
)
from belscript.templates import pick_form
from belscript.money import format_amount

#: No customer e-mail for these: there was nobody to agree anything with.
NO_CUSTOMER_EMAIL = frozenset({NoAgreementReason.hung_up, NoAgreementReason.wrong_person})

_EML_POLICY = email.policy.default.clone(linesep="\r\n")


@dataclass(frozen=True)
class Confirmation:
    """A confirmation e-mail: headers, plain-text body, and the same as ``.eml`` and ``mailto:``."""

    to: str | None
    to_name: str | None
    sender: str | None
    sender_name: str
    subject: str
    body: str
    date_header: str

    def message(self) -> EmailMessage:
        """The e-mail as an :class:`~email.message.EmailMessage` (UTF-8, marked as an unsent draft)."""
        msg = EmailMessage(policy=_EML_POLICY)
        if self.to:
            msg["To"] = _address(self.to_name, self.to)
        if self.sender:
            msg["From"] = _address(self.sender_name, self.sender)
        msg["Subject"] = self.subject
        msg["Date"] = self.date_header
        msg["X-Unsent"] = "1"  # mail programs open the file as a draft to check and send
        msg.set_content(self.body, charset="utf-8")
        return msg

    def eml(self) -> bytes:
        """The ``.eml`` file's bytes."""
        return self.message().as_bytes(policy=_EML_POLICY)

    @property
    def mailto(self) -> str:
        """A ``mailto:`` link (RFC 6068) that opens the same e-mail in the default mail program."""
        return mailto_link(self.to, self.subject, self.body)

    @property
    def text(self) -> str:
        """The e-mail as shown on screen: the address lines and the body."""
        head = [f"Aan: {self.to or '(e-mailadres onbekend: vul het zelf in)'}",
                f"Onderwerp: {self.subject}", ""]
        return "\n".join(head) + "\n" + self.body


def mailto_link(to: str | None, subject: str, body: str) -> str:
    """``mailto:to?subject=…&body=…`` with every character percent-encoded and CRLF line breaks."""
    crlf = body.replace("\r\n", "\n").replace("\n", "\r\n")
    return f"mailto:{quote(to or '', safe='@')}?subject={quote(subject, safe='')}&body={quote(crlf, safe='')}"


def confirmation(after: AfterCall) -> Confirmation | None:
    """The confirmation e-mail for this outcome; ``None`` when there is nobody to send it to."""
    outcome = after.outcome
    if isinstance(outcome, NoAgreement) and outcome.reason in NO_CUSTOMER_EMAIL:
        return None
    d = after.dossier
    who = contact_name(d, outcome, after.contact)
    nobody = isinstance(outcome, NoAgreement) and outcome.reason is NoAgreementReason.other and not after.contact
    if isinstance(outcome, Agreement):
        subject_kind = "terugbelafspraak" if outcome.callback and not outcome.payments else "betaalafspraak"
        subject = f"Bevestiging {subject_kind} {invoices_phrase(d, article=False)}"
        body = _agreement_body(after, outcome, who)
    elif outcome.reason is NoAgreementReason.not_reachable or nobody:  # broken off before anyone was reached
        subject = f"Openstaande {invoices_phrase(d, article=False)}"
        body = _not_reached_body(after, outcome, who)
    else:
        subject = f"Ons telefoongesprek over {invoices_phrase(d, article=False)}"
        body = _no_agreement_body(after, outcome, who)
    to = (d.contact.email if d.contact and d.contact.email else d.customer.email) or None
    to_name = (d.contact.name if d.contact and d.contact.email else d.customer.name)
    now = after.now if after.now.tzinfo else after.now.astimezone()
    return Confirmation(
        to=to,
        to_name=to_name,
        sender=d.caller.email,
        sender_name=d.caller.name,
        subject=subject,
        body=body,
        date_header=format_datetime(now),
    )


def note_to_self(after: AfterCall) -> str | None:
    """For an outcome without agreement: a short note with the follow-up moment; ``None`` otherwise."""
    outcome = after.outcome
    if not isinstance(outcome, NoAgreement):
        return None
    d = after.dossier
    lines = [
        f"Notitie: {d.customer.name}, geen afspraak ({no_agreement_reason(outcome)})",
        "",
        f"Gebeld op {say_moment(after.now)} over {invoices_phrase(d)}; open: {format_amount(d.total_due)}.",
        f"Gesproken met: {after.contact or 'niemand genoteerd'}.",
    ]
    if outcome.detail.strip():
        lines.append(f"Toelichting: {outcome.detail.strip()}")
    lines.append(f"Vervolg: opnieuw bellen op {say_moment(outcome.follow_up)}.")
    if after.our_actions:
        lines += ["", "Te doen:"] + [f"- {a}" for a in after.our_actions]
    return "\n".join(lines) + "\n"


# -- bodies ------------------------------------------------------------------------

def _address(name: str | None, addr: str) -> str:
    try:
        return str(Address(display_name=name or "", addr_spec=addr))
    except (ValueError, IndexError):
        return addr


_TITLES = frozenset({"de", "dhr", "dhr.", "mevr", "mevr.", "mw", "mw.", "heer", "mevrouw", "meneer"})


def _greeting(who: str | None, form: str) -> str:
    """"Beste Ingrid van Dijk," or, on first-name terms, "Beste Ingrid,"; nobody noted: a general greeting."""
    if not who:
        return you(form)("Geachte heer, mevrouw,", "Hallo,")
    words = who.split()
    if form == "je" and len(words) > 1 and words[0][:1].isupper() and words[0].lower() not in _TITLES:
        return f"Beste {words[0]},"
    return f"Beste {who},"


def _signature(d: Dossier) -> list[str]:
    """The caller's name and company; for a call on the owner's behalf, whose behalf."""
    boss = d.caller.on_behalf_of
    company = f"namens {boss}, {d.caller.company}" if boss else d.caller.company
    lines = ["Met vriendelijke groet,", "", d.caller.name, company]
    lines += [x for x in (d.caller.phone, d.caller.email) if x]
    return lines


def _invoices_block(d: Dossier) -> list[str]:
    lines = ["Om deze factuur gaat het:" if len(open_invoices(d)) == 1 else "Om deze facturen gaat het:"]
    lines += invoice_lines(d)
    if len(open_invoices(d)) > 1:
        lines.append(f"Totaal open: {format_amount(d.total_due)}")
    return lines


def _payment_details(d: Dossier) -> list[str]:
    if not d.caller.iban:
        return []
    numbers = [inv.number for inv in open_invoices(d)]
    mention = "het factuurnummer" if len(numbers) == 1 else "de factuurnummers"
    return ["", f"{you(d.customer.address_form)('U kunt', 'Je kunt')} betalen op rekening {d.caller.iban} "
                f"ten name van {d.caller.company}, "
                f"onder vermelding van {mention} ({', '.join(numbers)})."]


def _our_side(after: AfterCall, agreement: Agreement | None) -> list[str]:
    items = [a for a in after.our_actions if not is_confirmation_todo(a)]
    if agreement is not None:
        if agreement.callback:
            items.append(f"Wij bellen {agreement.callback.person} terug op {say_moment(agreement.callback.at)}.")
        for p in sorted(agreement.payments, key=lambda p: p.on):
            items.append(f"Wij kijken op {say_date(check_day(p.on))} of de betaling van "
                         f"{format_amount(p.amount)} binnen is.")
    return [f"- {i}" for i in items]


def _thanks(form: str) -> str:
    return you(form)("Dank u voor ons telefoongesprek", "Dank je wel voor ons gesprek")


def _agreement_body(after: AfterCall, agreement: Agreement, who: str | None) -> str:
    d = after.dossier
    form = d.customer.address_form
    lines = [
        _greeting(who, form),
        "",
        f"{_thanks(form)} van vandaag, {say_date(after.now.date())}. "
        f"Hierbij bevestig ik wat we hebben afgesproken over {invoices_phrase(d)}.",
        "",
        you(form)("Wat u doet:", "Wat je doet:"),
    ]
    lines += customer_promise(agreement, d.customer.name, form=form)
    lines += ["", "Wat wij doen:"] + _our_side(after, agreement)
    conditions = conditions_for(agreement, after.conditions, form)
    if conditions:
        lines += ["", "De voorwaarden:"] + [f"- {c}" for c in conditions]
    if agreement.payments:
        lines += ["", "Als de afspraak niet wordt nagekomen:", if_broken_text(agreement, after.if_broken, form)]
    if agreement.agreed_by:
        lines += ["", f"Afgesproken met: {agreement.agreed_by}."]
    lines += [""] + _invoices_block(d) + _payment_details(d)
    lines += ["", f"Klopt er iets niet in deze bevestiging? Laat het mij dan {_reply_within(after.conditions)} "
                  "weten, dan passen we het meteen aan.", ""]
    lines += _signature(d)
    return "\n".join(lines) + "\n"


_ABOUT_PLAN = re.compile(r"termijn|regeling", re.I)
_ABOUT_DEFERRAL = re.compile(r"uitstel", re.I)
_ABOUT_CONFIRMATION = re.compile(r"per e-mail bevestigd|bevestiging", re.I)
_REPLY_WITHIN = re.compile(r"\bbinnen ((?:één|een|twee|drie|vier|vijf|\d+) werkdag(?:en)?)\b", re.I)


def conditions_for(agreement: Agreement, conditions: tuple[str, ...], form: str = "u") -> list[str]:
    """The script's conditions that apply to this kind of agreement, in the script's words.

    A condition about instalments or a plan goes with a payment plan (and a partial
    payment, which is a plan of two), one about deferral with a deferral; the others
    apply to every agreement with a payment. The one about replying to the e-mail is
    left out: the closing sentence of the e-mail says it, in the same terms.
    ``{u|je}`` alternatives in a condition follow ``form``.
    """
    if not agreement.payments:
        return []
    kind = agreement.kind
    plan = kind in (AgreementKind.payment_plan, AgreementKind.partial_payment)
    out = []
    for text in conditions:
        text = pick_form(" ".join(text.split()), form)
        about_plan, about_deferral = bool(_ABOUT_PLAN.search(text)), bool(_ABOUT_DEFERRAL.search(text))
        if _ABOUT_CONFIRMATION.search(text):
            continue
        if (about_plan or about_deferral) and not ((about_plan and plan) or
                                                   (about_deferral and kind is AgreementKind.deferral)):
            continue
        out.append(text)
    return out


def _reply_within(conditions: tuple[str, ...]) -> str:
    """How soon the customer reports a mistake: the script's own term ("binnen twee werkdagen")."""
    for text in conditions:
        m = _REPLY_WITHIN.search(text)
        if m and _ABOUT_CONFIRMATION.search(text):
            return f"binnen {m.group(1)}"
    return "zo snel mogelijk"


#: Per reason: the sentence in the ``u`` form and in the ``je`` form.
_NO_AGREEMENT_SENTENCES: dict[NoAgreementReason, tuple[str, str]] = {
    NoAgreementReason.disputes_claim: ("U gaf aan het niet eens te zijn met de vordering.",
                                       "Je gaf aan het niet eens te zijn met de vordering."),
    NoAgreementReason.refuses: ("U gaf aan de factuur niet te willen betalen.",
                                "Je gaf aan de factuur niet te willen betalen."),
    NoAgreementReason.needs_time: ("U wilde eerst intern overleggen voordat u een betaaldatum kunt noemen.",
                                   "Je wilde eerst intern overleggen voordat je een betaaldatum kunt noemen."),
}


def _no_agreement_body(after: AfterCall, outcome: NoAgreement, who: str | None) -> str:
    d = after.dossier
    form = d.customer.address_form
    lines = [
        _greeting(who, form),
        "",
        f"{_thanks(form)} van vandaag, {say_date(after.now.date())}. "
        f"We hebben nog geen afspraak kunnen maken over de betaling van {invoices_phrase(d)}.",
    ]
    if outcome.reason in _NO_AGREEMENT_SENTENCES:
        lines.append(you(form)(*_NO_AGREEMENT_SENTENCES[outcome.reason]))
    announced = announced_steps(pick_form(after.announced or "", form))
    if announced:  # the script's own words, as the customer heard them
        lines += ["", "Zoals ik aan de telefoon zei:"] + [f"- {a}" for a in announced]
    else:  # the script said nothing specific: the next step of the ladder
        lines += _announced_step(outcome, form)
    lines += ["", f"Ik neem op {say_moment(outcome.follow_up)} opnieuw contact met {you(form)('u', 'je')} op."]
    ours = _our_side(after, None)
    if ours:
        lines += ["", "Wat wij intussen doen:"] + ours
    lines += [""] + _invoices_block(d) + _payment_details(d)
    lines += ["", you(form)("Wilt u eerder iets met mij afspreken? Bel of mail mij gerust.",
                            "Wil je eerder iets met me afspreken? Bel of mail me gerust."), ""]
    lines += _signature(d)
    return "\n".join(lines) + "\n"


def announced_steps(announced: str | None) -> list[str]:
    """What we said we would do next (the script's words), without what only fits the phone.

    The sentences in which "we"/"wij" act on a step of the collection ladder (send a
    reminder, hand over to a collection agency) are kept; "Dan stel ik vast …" and
    "U krijgt dit ook per e-mail" are not news in the e-mail itself.
    """
    from belscript.escalation.announce import steps_announced_in

    if not announced:
        return []
    sentences = re.split(r"(?<=[.!?])\s+", " ".join(announced.split()))
    return [s for s in sentences if re.search(r"\b(?:[Ww]ij|[Ww]e)\b", s) and steps_announced_in(s)
            and not re.search(r"e-mail", s)]


def _announced_step(outcome: NoAgreement, form: str) -> list[str]:
    """After a refusal the script announces the next ladder step; the e-mail says the same."""
    if outcome.reason is not NoAgreementReason.refuses:
        return []
    from belscript.escalation import load_ladder, step_after_call_words

    step = step_after_call_words(load_ladder())
    if not step:
        return []
    return ["", f"Zoals ik in het gesprek aankondigde, sturen wij {you(form)('u', 'je')} vandaag nog {step}."]


def _not_reached_body(after: AfterCall, outcome: NoAgreement, who: str | None) -> str:
    d = after.dossier
    form = d.customer.address_form
    say = you(form)
    oldest = d.oldest_invoice
    phone = f" {say('U kunt mij', 'Je kunt me')} ook zelf bellen op {d.caller.phone}." if d.caller.phone else ""
    behalf = f" namens {d.caller.on_behalf_of}" if d.caller.on_behalf_of else ""
    lines = [
        _greeting(who, form),
        "",
        f"Vandaag, {say_date(after.now.date())}, heb ik{behalf} geprobeerd {say('u', 'je')} telefonisch te "
        f"bereiken over {invoices_phrase(d)}. De betaaltermijn is op {say_date(oldest.due_date)} verstreken "
        f"en er staat nog {format_amount(d.total_due)} open.",
        "",
        f"Ik bel {say('u', 'je')} opnieuw op {say_moment(outcome.follow_up)}.{phone}",
        "",
    ]
    lines += _invoices_block(d) + _payment_details(d)
    lines += ["", say("Heeft u inmiddels betaald? Dan kunt u dit bericht als niet verzonden beschouwen.",
                      "Heb je inmiddels betaald? Dan kun je dit bericht als niet verzonden beschouwen."), ""]
    lines += _signature(d)
    return "\n".join(lines) + "\n"

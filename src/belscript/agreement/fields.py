"""What each agreement field does with the caller's words: one handler per field.

Each handler takes the agreement, the typed text and the :class:`EntryContext`, and
returns a :class:`Change` or refuses with a Dutch message and a better question
(:func:`~belscript.agreement.entry_checks.refuse`). :data:`HANDLERS` maps the Dutch field
names of :data:`belscript.agreement.entry.FIELDS` to them.
"""

from __future__ import annotations

import re
from datetime import datetime

from belscript.agreement.amounts import AMOUNT_HINT, parse_spoken_amount
from belscript.agreement.check import KIND_LABELS, callback_issues
from belscript.agreement.dates import resolve_moment, say_date, say_moment
from belscript.agreement.entry_checks import Change, EntryContext, check_not_above_due, check_payments, kind_switch, refuse
from belscript.agreement.model import Agreement, Callback, Payment
from belscript.agreement.payment_text import (
    AMOUNT_ONLY,
    REST,
    equal_instalments,
    parse_payment_list,
    payment_date,
    say_payments,
    split_amount_and_date,
)
from belscript.errors import AgreementError
from belscript.money import format_amount
from belscript.script.models import AgreementKind

_KIND_WORDS: dict[str, AgreementKind] = {
    **{w: AgreementKind.full_payment for w in (
        "volledig", "volledige betaling", "volledig betalen", "alles", "alles in een keer", "in een keer",
        "in één keer", "ineens", "betaling", "betalen", "full_payment")},
    **{w: AgreementKind.partial_payment for w in (
        "deel", "deelbetaling", "gedeeltelijk", "gedeeltelijke betaling", "deel nu", "deel nu, rest later",
        "partial_payment")},
    **{w: AgreementKind.payment_plan for w in (
        "regeling", "betalingsregeling", "termijnen", "in termijnen", "afbetaling", "afbetalingsregeling",
        "payment_plan")},
    **{w: AgreementKind.deferral for w in ("uitstel", "uitstel van betaling", "later betalen", "deferral")},
    **{w: AgreementKind.callback for w in (
        "terugbellen", "terugbelafspraak", "terugbel", "callback", "bel terug", "terugbellen later")},
}

_STANDARD = re.compile(r"(?:het )?(?:standaard|standaardgevolg|zoals in het (?:bel)?script|uit het (?:bel)?script|zie script)")
_EMPTY_CONSEQUENCE = re.compile(r"\b(zien we wel|zien we dan wel|weet ik niet|geen idee|nog niet bekend|niks|niets|n\.?v\.?t\.?)\b")
_SINGLE = (AgreementKind.full_payment, AgreementKind.deferral)


def _enter_kind(agreement: Agreement, text: str, ctx: EntryContext) -> Change:
    key = re.sub(r"\s+", " ", text.strip().lower()).strip(" .")
    kind = _KIND_WORDS.get(key)
    if kind is None:
        try:
            kind = AgreementKind(key)
        except ValueError:
            offered = ", ".join(KIND_LABELS[k] for k in ctx.policy.accepts)
            raise refuse(f"‘{text.strip()}’ is geen soort afspraak.",
                          "Kies volledig, deel, regeling, uitstel of terugbellen"
                          + (f" (dit belscript: {offered})." if offered else ".")) from None
    if kind not in ctx.policy.accepts:
        offered = ", ".join(KIND_LABELS[k] for k in ctx.policy.accepts)
        raise refuse(f"Dit belscript biedt geen {KIND_LABELS[kind]} aan.", f"Wel mogelijk: {offered}." if offered else None)
    update, note = _drop_what_does_not_fit(agreement, kind)
    return Change(agreement.model_copy(update={"kind": kind, **update}), KIND_LABELS[kind], note)


def _drop_what_does_not_fit(agreement: Agreement, kind: AgreementKind) -> tuple[dict, str | None]:
    """A callback has no payments and a payment has no callback; say so when something is dropped."""
    if kind is AgreementKind.callback and agreement.payments:
        return {"payments": []}, "De betalingen horen niet bij een terugbelafspraak en zijn weggehaald."
    if kind is not AgreementKind.callback and agreement.callback is not None:
        return {"callback": None}, "De terugbelafspraak hoort niet bij een betaling en is weggehaald."
    return {}, None


def _enter_name(agreement: Agreement, text: str, ctx: EntryContext) -> Change:
    name = re.sub(r"\s+", " ", text.strip()).strip(" ,.")
    if not re.search(r"[^\W\d_]", name) or re.search(r"\d", name):
        raise refuse(f"‘{text.strip()}’ is geen naam.", "Met wie spreek ik? Mag ik uw naam noteren?")
    if len(name) > 80:
        raise refuse("Die naam is te lang om te noteren (meer dan 80 tekens).", "Mag ik uw voor- en achternaam noteren?")
    return Change(agreement.model_copy(update={"agreed_by": name}), name)


def _no_amount_for_callback(agreement: Agreement) -> None:
    if agreement.kind is AgreementKind.callback:
        raise refuse("Bij een terugbelafspraak hoort geen betaling.",
                      "Is er toch een betaling afgesproken? Kies dan eerst een andere soort afspraak.")


def _enter_amount(agreement: Agreement, text: str, ctx: EntryContext) -> Change:
    _no_amount_for_callback(agreement)
    amount_text, date_text = split_amount_and_date(text)
    if len(agreement.payments) > 1 and (date_text is None or agreement.kind not in _SINGLE):
        raise refuse("Deze afspraak heeft meer dan één betaling.",
                      "Pas de betalingen aan bij ‘termijnen’ of ‘deelbetaling’.")
    amount = parse_spoken_amount(amount_text, ctx.due)
    check_not_above_due(amount, ctx)
    if date_text is not None:
        on = payment_date(date_text, ctx)
    elif len(agreement.payments) == 1:
        on = agreement.payments[0].on
    elif agreement.kind in (AgreementKind.partial_payment, AgreementKind.payment_plan):
        raise refuse(f"Bij een {KIND_LABELS[agreement.kind]} hoort bij elk bedrag een datum.", _kind_hint(agreement.kind))
    elif ctx.due is not None and amount == ctx.due:
        return Change(agreement, f"{format_amount(amount)} (het hele openstaande bedrag)",
                       "Nu nog de datum: wanneer wordt het bedrag betaald?")
    else:
        raise refuse(
            f"Bij {format_amount(amount)} hoort nog een datum.",
            f"Typ bijvoorbeeld ‘{format_amount(amount)} op vrijdag’, of bij ‘deelbetaling’: "
            f"‘{format_amount(amount)} vandaag, rest op 15 december’.",
        )
    payments = [Payment(amount=amount, on=on)]
    check_payments(agreement.kind, payments, ctx, None)
    shown = format_amount(amount) + (f" op {say_date(on)}" if date_text is not None else "")
    return Change(agreement.model_copy(update={"payments": payments}), shown)


def _kind_hint(kind: AgreementKind | None) -> str | None:
    if kind is AgreementKind.partial_payment:
        return "Vul bij ‘deelbetaling’ in wat nu wordt betaald en wanneer de rest volgt, bijvoorbeeld ‘250 vandaag, rest op 15 december’."
    if kind is AgreementKind.payment_plan:
        return "Vul bij ‘termijnen’ de betalingen in, bijvoorbeeld ‘3 termijnen vanaf 1 december’."
    return None


def _enter_date(agreement: Agreement, text: str, ctx: EntryContext) -> Change:
    _no_amount_for_callback(agreement)
    if len(agreement.payments) > 1 and agreement.kind not in _SINGLE:
        raise refuse("Deze afspraak heeft meer dan één betaling; elke betaling heeft een eigen datum.",
                      "Pas de datums aan bij ‘termijnen’ of ‘deelbetaling’.")
    on = payment_date(text, ctx)
    if agreement.kind in (AgreementKind.full_payment, AgreementKind.deferral) and ctx.due is not None:
        amount = ctx.due  # the whole amount, by definition of these kinds
    elif agreement.payments:
        amount = agreement.payments[0].amount
    elif ctx.due is not None:
        amount = ctx.due
    else:
        raise refuse("Het openstaande bedrag is niet bekend, dus bij deze datum hoort nog een bedrag.",
                      f"Vul bij ‘bedrag’ het bedrag met de datum in, bijvoorbeeld ‘1.250,50 op {text.strip()}’.")
    payments = [Payment(amount=amount, on=on)]
    check_payments(agreement.kind, payments, ctx, _kind_hint(agreement.kind))
    return Change(agreement.model_copy(update={"payments": payments}), say_date(on))


def _enter_instalments(agreement: Agreement, text: str, ctx: EntryContext) -> Change:
    payments = equal_instalments(text, ctx)
    if payments is None:
        payments = parse_payment_list(text, ctx)
    kind, note = kind_switch(agreement, AgreementKind.payment_plan, ctx, keep=(AgreementKind.partial_payment,)
                              if len(payments) == 2 else ())
    check_payments(kind, payments, ctx, _kind_hint(kind))
    if kind is AgreementKind.partial_payment:
        shown = _say_partial(payments)
    else:
        shown = f"{len(payments)} termijnen: {say_payments(payments)}"
    return Change(agreement.model_copy(update={"kind": kind, "payments": payments, "callback": None}), shown, note)


def _say_partial(payments: list[Payment]) -> str:
    first = f"{format_amount(payments[0].amount)} op {say_date(payments[0].on)}"
    if len(payments) == 1:
        return first
    return f"{first}, rest {format_amount(payments[1].amount)} op {say_date(payments[1].on)}"


def _enter_partial(agreement: Agreement, text: str, ctx: EntryContext) -> Change:
    payments = parse_payment_list(text, ctx)
    if len(payments) > 2:
        raise refuse("Een deelbetaling is één deel nu en de rest op één datum.",
                      "Meer betalingen? Vul ze in bij ‘termijnen’.")
    kind, note = kind_switch(agreement, AgreementKind.partial_payment, ctx)
    for p in payments:
        check_not_above_due(p.amount, ctx)
    check_payments(kind, payments, ctx, _kind_hint(kind))
    return Change(agreement.model_copy(update={"kind": kind, "payments": payments, "callback": None}),
                   _say_partial(payments), note)


def _enter_rest(agreement: Agreement, text: str, ctx: EntryContext) -> Change:
    if agreement.kind is not AgreementKind.partial_payment or not agreement.payments:
        raise refuse("Er is nog geen deelbetaling om de rest van te noteren.",
                      "Vul eerst bij ‘deelbetaling’ in wat nu wordt betaald, bijvoorbeeld ‘250 vandaag’.")
    if ctx.due is None:
        raise refuse("De rest is pas te berekenen als het openstaande bedrag bekend is.", AMOUNT_HINT)
    first = agreement.payments[0]
    rest = ctx.due - first.amount
    t = text.strip()
    said_text, date_text = None, t
    m = re.fullmatch(r"(.+?)\s+(?:op|per|uiterlijk|voor|vóór)\s+(.+)", t, re.I)
    if m and (re.fullmatch(REST, m.group(1).strip(), re.I) or re.fullmatch(AMOUNT_ONLY, m.group(1).strip(), re.I)):
        said_text, date_text = m.group(1).strip(), m.group(2)
    else:
        date_text = re.sub(r"^" + REST + r"\s+", "", t, flags=re.I)
    if said_text is not None and not re.fullmatch(REST, said_text, re.I):
        said = parse_spoken_amount(said_text, ctx.due)
        if said != rest:
            raise refuse(
                f"De rest is {format_amount(rest)} ({format_amount(ctx.due)} min {format_amount(first.amount)}), "
                f"niet {format_amount(said)}.",
                f"Wordt de rest van {format_amount(rest)} op die datum betaald?",
            )
    on = payment_date(date_text, ctx)
    payments = [first, Payment(amount=rest, on=on)]
    check_payments(AgreementKind.partial_payment, payments, ctx, None)
    return Change(agreement.model_copy(update={"payments": payments}), _say_partial(payments))


def _split_callback(text: str, ctx: EntryContext) -> tuple[str, datetime]:
    t = re.sub(r"\s+", " ", text.strip())
    if "," in t:
        person, moment_text = (part.strip() for part in t.split(",", 1))
        return person, resolve_moment(moment_text, ctx.now)
    m = re.fullmatch(r"(.+?)\s+op\s+(.+)", t)
    if m and not re.search(r"\d", m.group(1)):
        return m.group(1), resolve_moment(m.group(2), ctx.now)
    words = t.split(" ")
    first_error: AgreementError | None = None
    for i in range(1, len(words)):
        person = " ".join(words[:i])
        if re.search(r"\d", person):
            break
        try:
            return person, resolve_moment(" ".join(words[i:]), ctx.now)
        except AgreementError as exc:
            first_error = first_error or exc
    try:
        resolve_moment(t, ctx.now)
    except AgreementError:
        if first_error is not None:
            raise first_error from None
        raise
    raise refuse("Nog niet genoteerd wie er wordt teruggebeld.",
                  "Wie kan ik dan terugbellen? Typ bijvoorbeeld ‘Petra, dinsdag om 10 uur’.")


def _enter_callback(agreement: Agreement, text: str, ctx: EntryContext) -> Change:
    from belscript.calltime import holiday_name, is_golden, is_working_day

    person, at = _split_callback(text, ctx)
    if not re.search(r"[^\W\d_]", person) or re.search(r"\d", person):
        raise refuse(f"‘{person}’ is geen naam.",
                      "Wie kan ik dan terugbellen? Typ bijvoorbeeld ‘Petra, dinsdag om 10 uur’.")
    kind, note = kind_switch(agreement, AgreementKind.callback, ctx)
    callback = Callback(person=person, at=at)
    wrong = [i for i in callback_issues(callback, policy=ctx.policy, today=ctx.now) if not i.incomplete]
    if wrong:
        raise refuse(" ".join(i.text for i in wrong), next((i.hint for i in wrong if i.hint), None))
    warnings = [note] if note else []
    if not is_working_day(at.date()):
        name = holiday_name(at.date())
        warnings.append(f"Let op: {say_date(at)} is {'een feestdag (' + name + ')' if name else 'geen werkdag'}.")
    elif not is_golden(at):
        warnings.append("Let op: dat is buiten de gouden beluren (09:30–11:30 en 13:30–15:30).")
    change = agreement.model_copy(update={"kind": kind, "callback": callback, "payments": []})
    return Change(change, f"{person}, {say_moment(at)}", " ".join(warnings) or None)


def _enter_if_broken(agreement: Agreement, text: str, ctx: EntryContext) -> Change:
    consequence = re.sub(r"\s+", " ", text.strip())
    if _STANDARD.fullmatch(consequence.lower().strip(" .")):
        if not ctx.policy.if_broken.strip():
            raise refuse("Dit belscript heeft geen standaardgevolg.",
                          "Typ wat er gebeurt als de betaling niet op tijd binnen is.")
        consequence = ctx.policy.if_broken.strip()
    elif _EMPTY_CONSEQUENCE.search(consequence.lower()) or len(re.findall(r"[^\W\d_]", consequence)) < 5:
        raise refuse(
            f"‘{text.strip()}’ zegt niet wat er gebeurt als de afspraak niet wordt nagekomen.",
            "Wat gebeurt er als de betaling niet op tijd binnen is? Bijvoorbeeld: "
            "‘dan dragen we de vordering over aan een incassobureau’.",
        )
    return Change(agreement.model_copy(update={"if_broken": consequence}), consequence)


HANDLERS = {
    "soort": _enter_kind,
    "naam": _enter_name,
    "bedrag": _enter_amount,
    "datum": _enter_date,
    "termijnen": _enter_instalments,
    "deelbetaling": _enter_partial,
    "rest": _enter_rest,
    "terugbellen": _enter_callback,
    "gevolg": _enter_if_broken,
}

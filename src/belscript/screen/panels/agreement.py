"""The agreement as the screen shows it: the panel, its compact summary, the recap to read back.

Built from the call's facts on every change (see ``CallModel.view``), so the panel
never disagrees with what the engine holds.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from belscript.dutch import short_date
from belscript.money import format_amount
from belscript.screen import guidance

if TYPE_CHECKING:  # pragma: no cover
    from belscript.screen.mode import Fragments
    from belscript.screen.model import CallModel


def policy_lines(model: CallModel) -> list[str]:
    """What the caller may offer under this script, in lines."""
    from belscript.screen.facts import offer_lines

    return offer_lines(model.script.agreement, model.dossier.total_due)


def agreement_lines(model: CallModel) -> Fragments:
    """The agreement so far and what is still missing, for the agreement panel."""
    assert model.call is not None
    from belscript.agreement.check import KIND_LABELS
    from belscript.agreement.datewords import say_date, say_moment

    call = model.call
    a = call.agreement
    out: Fragments = []
    if call.no_agreement is not None:
        na = call.no_agreement
        from belscript.agreement.model import NO_AGREEMENT_LABELS

        out.append(("class:warn", f"Geen afspraak: {NO_AGREEMENT_LABELS[na.reason]}"
                                  + (f" ({na.detail})" if na.detail else "") + "\n"))
        out.append(("", f"Vervolgmoment: {say_moment(na.follow_up)}\n"))
    out.append(("", f"Soort: {KIND_LABELS[a.kind] if a.kind else '—'}\n"))
    out.append(("", f"Wie: {a.agreed_by or call.contact or '—'}\n"))
    for p in a.payments:
        out.append(("class:strong", f"{format_amount(p.amount)} op {say_date(p.on)}\n"))
    if a.callback is not None:
        out.append(("class:strong", f"Terugbellen: {a.callback.person}, {say_moment(a.callback.at)}\n"))
    if a.if_broken:
        out.append(("class:dim", f"Als het niet lukt: {a.if_broken}\n"))
    out.extend(_still_needed(model))
    if call.our_actions:
        out.append(("", "Wat u zelf doet:\n"))
        out.extend(("class:dim", f"• {t}\n") for t in call.our_actions)
    return out


def _still_needed(model: CallModel) -> Fragments:
    assert model.call is not None
    call = model.call
    out: Fragments = []
    problems = call.problems()
    if call.no_agreement is not None:
        out.append(("class:ok", "Afsluiten kan: de uitkomst zonder afspraak is vastgelegd.\n"))
    elif problems:
        out.append(("class:warn", "Nog nodig:\n"))
        for item in guidance.missing_all(problems, model.script.agreement):
            out.append(("class:warn", f"• {item.what}\n"))
            if item.how:
                out.append(("class:dim", f"  {item.how}\n"))
    else:
        out.append(("class:ok", "✔ De afspraak is concreet.\n"))
    policy = policy_lines(model)
    limits = policy[1] if len(policy) > 1 else ""
    if limits and call.no_agreement is None:
        out.append(("class:dim", limits + "\n"))
    return out


def agreement_summary(model: CallModel) -> Fragments:
    """The agreement panel in two or three lines, for the compact layout of small terminals."""
    assert model.call is not None
    from belscript.agreement.check import KIND_LABELS
    from belscript.agreement.datewords import say_moment

    call = model.call
    a = call.agreement
    if call.no_agreement is not None:
        from belscript.agreement.model import NO_AGREEMENT_LABELS

        na = call.no_agreement
        return [("class:warn", f"Geen afspraak: {NO_AGREEMENT_LABELS[na.reason]}. "),
                ("", f"Vervolgmoment: {say_moment(na.follow_up)}.\n"),
                ("class:ok", "Afsluiten kan: de uitkomst zonder afspraak is vastgelegd.")]
    out: Fragments = [("", f"Soort: {KIND_LABELS[a.kind] if a.kind else '—'} · "
                           f"Wie: {a.agreed_by or call.contact or '—'}")]
    if a.payments:
        out.append(("class:strong", " · " + ", ".join(f"{format_amount(p.amount)} op {short_date(p.on)}"
                                                      for p in a.payments)))
    if a.callback is not None:
        out.append(("class:strong", f" · terugbellen: {a.callback.person}, {say_moment(a.callback.at)}"))
    problems = call.problems()
    if problems:
        items = guidance.missing_all(problems, model.script.agreement)
        out.append(("class:warn", f"\nNog nodig: {guidance.short_list(items)}. "))
        out.append(("class:dim", "/afspraak toont hoe."))
    else:
        out.append(("class:ok", "\n✔ De afspraak is concreet."))
    return out


def recap_now(model: CallModel) -> list[str]:
    """The recap of the agreement so far (to read back), or what is still missing."""
    call = model.call
    assert call is not None
    from belscript.followup import AfterCall, recap_lines

    outcome = call.outcome or (call.no_agreement if call.no_agreement is not None else None)
    if outcome is None:
        if call.problems():
            items = guidance.missing_all(call.problems(), model.script.agreement)
            return [f"Nog geen concrete afspraak om samen te vatten; nog nodig: {guidance.short_list(items)}."]
        outcome = call.agreement
    after = AfterCall.of(model.dossier, outcome, our_actions=call.our_actions, contact=call.contact,
                         if_broken=model.script.agreement.if_broken, clock=model.clock)
    return recap_lines(after)

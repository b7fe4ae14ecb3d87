"""What the caller can *do* about a refusal, in short Dutch instructions.

The engine and the agreement layer say what is missing in complete sentences written
for the record ("Nog niet afgesproken: op welke datum wordt betaald.", "Voorwaarde: de
naam van de gesprekspartner is genoteerd."). With the phone in one hand, a caller needs
less: *what* is missing, in a few words, and *what to type* to fix it. This module turns
the first into the second, for the call screen only, so the record keeps its full text.

Problems are recognised by the wording of :mod:`belscript.agreement.check`; a sentence
that is not recognised is shown as it is (never hidden), so a new check elsewhere can
only make a line longer, never lose it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from belscript.dutch import join
from belscript.script.models import AgreementKind, AgreementPolicy, Script

if TYPE_CHECKING:  # pragma: no cover
    from belscript.engine.call import Call, OptionView

#: The word ``/afspraak soort`` understands for each kind of agreement.
KIND_WORDS: dict[AgreementKind, str] = {
    AgreementKind.full_payment: "volledig",
    AgreementKind.partial_payment: "deel",
    AgreementKind.payment_plan: "regeling",
    AgreementKind.deferral: "uitstel",
    AgreementKind.callback: "terugbellen",
}

#: For every condition a script may put on an option (see ``script/vocabulary.py``): what
#: the caller does to make it hold, or when the option applies at all.
CONDITION_STEPS: dict[str, str] = {
    "agreement_is_concrete": "maak eerst de afspraak concreet met /afspraak",
    "no_agreement_recorded": "leg eerst vast waarom er geen afspraak is: /geenafspraak <reden>",
    "has_contact_person": "noteer eerst de naam met /naam",
    "has_complaints": "alleen als het dossier een klacht vermeldt",
    "has_reminders": "alleen als er al een herinnering is verstuurd",
    "has_earlier_agreement": "alleen als er eerder al een betaalafspraak is gemaakt",
    "earlier_agreement_broken": "alleen als een eerdere betaalafspraak niet is nagekomen",
    "receipt_confirmed": "alleen als de klant eerder liet weten dat de factuur binnen was",
    "is_overdue": "alleen als de vervaldatum voorbij is",
    "is_before_due_date": "alleen vóór de vervaldatum",
    "is_golden_hour": "alleen in een gouden beluur (09:30–11:30 of 13:30–15:30)",
}

#: What to type when there will be no agreement.
NO_AGREEMENT_STEP = "/geenafspraak <reden>"

#: Shown when an option would end the call before that is allowed.
END_STEP = "maak eerst de afspraak concreet, of leg vast waarom er geen afspraak komt: /geenafspraak <reden>"


@dataclass(frozen=True)
class Missing:
    """One thing still missing: ``what`` in a few words, ``how`` the command that supplies it."""

    what: str
    how: str | None = None
    #: False for a mistake in what was entered (a sentence), True for something not yet agreed.
    short: bool = True

    def line(self) -> str:
        """``what: how`` as one line for a list."""
        return f"{self.what}: {self.how}" if self.how else self.what


def _kinds(policy: AgreementPolicy | None) -> str:
    kinds = [KIND_WORDS[k] for k in (policy.accepts if policy else KIND_WORDS)]
    return join(kinds, "of")


def missing(problem: str, policy: AgreementPolicy | None = None) -> Missing:
    """One problem sentence of the agreement check as a short item with the command to type."""
    text = problem.strip()
    low = text.lower()
    for prefix in ("nog niet afgesproken: ", "nog niet genoteerd: "):
        if low.startswith(prefix):
            rest = text[len(prefix):].rstrip(".")
            break
    else:
        return Missing(text, None, short=False)
    if not rest.strip():
        return Missing(text, None, short=False)
    rest_low = rest.lower()
    if "welke soort afspraak" in rest_low:
        return Missing("de soort afspraak", f"/afspraak soort {_kinds(policy)}")
    if "wie de afspraak maakt" in rest_low:
        return Missing("de naam van wie de afspraak maakt", "/naam <naam>")
    if "de termijnen" in rest_low:
        return Missing("de termijnen (bedrag en datum van elke betaling)",
                       "/afspraak termijnen 3 termijnen vanaf 1 december")
    if "hoeveel er nu wordt betaald" in rest_low:
        return Missing("hoeveel er nu wordt betaald en wanneer de rest volgt",
                       "/afspraak deelbetaling 500 vandaag, rest op 15 december")
    if "datum de rest" in rest_low:
        amount = rest[rest.find("("):rest.find(")") + 1] if "(" in rest else ""
        return Missing(f"de datum voor de rest{(' ' + amount) if amount else ''}", "/afspraak rest 15 december")
    if "op welke datum wordt betaald" in rest_low:
        return Missing("de betaaldatum", "/afspraak datum vrijdag")
    if "op welk moment wordt teruggebeld" in rest_low:
        return Missing("wie er wanneer wordt teruggebeld", "/afspraak terugbellen Petra, dinsdag om 10 uur")
    if "wie er wordt teruggebeld" in rest_low:
        return Missing("de naam van wie er wordt teruggebeld", "/afspraak terugbellen <naam>, <dag> om <tijd>")
    if "niet wordt nagekomen" in rest_low:
        return Missing("wat er gebeurt als de afspraak niet wordt nagekomen", "/afspraak gevolg standaard")
    return Missing(rest, None)


def missing_all(problems: list[str], policy: AgreementPolicy | None = None) -> list[Missing]:
    return [missing(p, policy) for p in problems]


def short_list(items: list[Missing]) -> str:
    """Everything missing in one sentence part: short items joined, mistakes after them.

    Without a final full stop: callers end the sentence themselves ("Nog nodig: ….").
    """
    words = [m.what for m in items if m.short]
    sentences = [m.what for m in items if not m.short]
    out = join(words)
    if sentences:
        out = (out + ". " if out else "") + " ".join(sentences)
    return out.rstrip(".")


def option_condition(script: Script, step_id: str, nr: int) -> str | None:
    """The ``when:`` condition of option ``nr`` of a step (or excuse handler), if any."""
    if step_id.startswith("excuse:"):
        excuse = script.excuses.get(step_id.removeprefix("excuse:"))
        options = excuse.options if excuse is not None else []
    else:
        step = script.steps.get(step_id)
        options = step.options if step is not None else []
    for n, opt in script.numbered_options(options):
        if n == nr:
            return opt.when
    return None


def why_not(call: Call, step_id: str, option: OptionView) -> str:
    """What the caller does before an unavailable option can be taken, in a few words."""
    from belscript.engine import registry
    from belscript.script.vocabulary import CONDITIONS

    condition = option_condition(call.script, step_id, option.nr)
    if condition is not None and not registry.condition(condition)(call):
        if condition == "agreement_is_concrete" and call.problems():
            items = missing_all(call.problems(), call.script.agreement)
            if all(m.short for m in items):
                return f"spreek eerst {short_list(items)} af"
        return CONDITION_STEPS.get(condition, f"voorwaarde: {CONDITIONS.get(condition, condition)}")
    if call.ended:
        return "het gesprek is al afgelopen"
    return END_STEP

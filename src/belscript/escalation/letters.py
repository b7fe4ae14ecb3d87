"""The four collection letters, in firm but friendly Dutch, as plain data.

:func:`build_letter` returns a :class:`Letter`: subject, paragraphs and tables (the
invoices, the claim, how each amount was computed), the deadline, the article the
letter relies on and the note that it is a default text, not legal advice. The same
letter is rendered as an ``.eml`` and a PDF by :mod:`.render`, so both always say the
same.

The legal order is enforced here, not only on the call list: a veertiendagenbrief is
only for consumers and only after the due date; an ingebrekestelling with costs for a
consumer only after the fourteen days of that letter have passed. Interest the rates
table cannot compute is claimed in words ("vermeerderd met de wettelijke rente vanaf
…") and reported to the owner in ``Letter.warnings``, never estimated.

The letters always address the debtor as "u", also a customer the owner calls "je"
(``aanspreekvorm: je``): an aanmaning or ingebrekestelling is a formal notice that may
end up with a collection agency or a court, where "u" is the expected register and a
first-name letter would read as less serious. The call and its confirmation e-mail
follow the customer's form of address; the letters deliberately do not.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from belscript.calltime import first_working_day
from belscript.dutch import WEEKDAYS, join
from belscript.errors import EscalationError
from belscript.escalation.computation import Computation, Line
from belscript.escalation.costs import collection_costs
from belscript.escalation.deadlines import assumed_receipt, fourteen_day_deadline
from belscript.escalation.facts import CustomerFacts, CustomerKind, Party, check_facts, day_words
from belscript.escalation.interest import ARTICLE, NAME, statutory_interest
from belscript.escalation.rates import RatesTable
from belscript.money import format_amount

KINDS = ("herinnering", "aanmaning", "veertiendagenbrief", "ingebrekestelling")
#: Days to pay after a reminder, an aanmaning and an ingebrekestelling.
PAY_DAYS = {"herinnering": 7, "aanmaning": 7, "ingebrekestelling": 7}
DISCLAIMER = ("Deze brief is opgesteld met een standaardtekst van belscript. Het is geen juridisch advies: "
              "controleer de gegevens en laat u bij twijfel adviseren.")
BASIS = {
    "herinnering": "de betaaltermijn op de factuur (art. 6:83 sub a BW)",
    "aanmaning": "art. 6:82 en 6:83 BW (verzuim)",
    "veertiendagenbrief": "art. 6:96 lid 6 BW en het Besluit vergoeding voor buitengerechtelijke incassokosten",
    "ingebrekestelling": "art. 6:82 BW (ingebrekestelling), art. 6:96 BW met het Besluit vergoeding voor "
                         "buitengerechtelijke incassokosten (incassokosten)",
}
TITLES = {"herinnering": "Betalingsherinnering {}", "aanmaning": "Aanmaning {}",
          "veertiendagenbrief": "Laatste aanmaning {}: betaal binnen veertien dagen zonder extra kosten",
          "ingebrekestelling": "Ingebrekestelling en sommatie {}"}


@dataclass(frozen=True)
class Table:
    """Rows of text; the last column holds amounts (right-aligned in the PDF)."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    bold_last: bool = False


@dataclass(frozen=True)
class Letter:
    kind: str
    subject: str
    on: date
    creditor: Party
    debtor: Party
    greeting: str
    blocks: tuple[str | Table, ...]
    deadline: date
    basis: str
    disclaimer: str = DISCLAIMER
    amounts: tuple[Computation, ...] = ()
    total: Decimal = Decimal("0.00")
    warnings: tuple[str, ...] = field(default=())

    @property
    def closing(self) -> list[str]:
        lines = ["Met vriendelijke groet,", ""]
        if self.creditor.contact:
            lines.append(self.creditor.contact)
        lines.append(self.creditor.name)
        lines += [x for x in (self.creditor.phone, self.creditor.email) if x]
        return lines

    @property
    def footer(self) -> str:
        return f"Grondslag: {self.basis}. {self.disclaimer}"

    def text(self) -> str:
        """The letter as plain text (the e-mail body)."""
        out = [self.greeting, ""]
        for block in self.blocks:
            if isinstance(block, Table):
                out += [f"- {'; '.join(c for c in row if c)}" for row in block.rows]
            else:
                out.append(block)
            out.append("")
        out += self.closing + ["", "--", self.footer]
        return "\n".join(out) + "\n"


def long_date(d: date) -> str:
    """``maandag 21 december 2026``."""
    return f"{WEEKDAYS[d.weekday()]} {day_words(d)}"


def _invoices_table(facts: CustomerFacts) -> Table:
    rows = [(f"Factuur {i.number}", day_words(i.due_date), format_amount(i.open_amount))
            for i in facts.open_invoices]
    if len(rows) > 1:
        rows.append(("Totaal", "", format_amount(facts.principal)))
    return Table(("Factuur", "Vervaldatum", "Open"), tuple(rows), bold_last=len(rows) > 1)


def _computation_table(c: Computation) -> Table:
    rows = [(line.text, format_amount(line.amount)) for line in c.lines]
    rows.append((c.title, format_amount(c.total)))
    return Table(("Berekening", "Bedrag"), tuple(rows), bold_last=True)


def _which(facts: CustomerFacts, article: bool = True) -> str:
    numbers = [i.number for i in facts.open_invoices]
    if len(numbers) == 1:
        return f"factuur {numbers[0]}"
    return f"{'de ' if article else ''}facturen {join(numbers)}"


def _history(facts: CustomerFacts) -> str | None:
    said = {"herinnering": "stuurden wij u op {} een herinnering", "aanmaning": "stuurden wij u op {} een aanmaning",
            "veertiendagenbrief": "stuurden wij u op {} een laatste aanmaning", "telefoongesprek": "belden wij u op {}"}
    parts = [said[d.step].format(day_words(d.on)) for d in sorted(facts.done, key=lambda d: d.on) if d.step in said]
    if not parts:
        return None
    which = _which(facts)
    return f"Over {which} {join(parts)}. Toch hebben wij uw betaling nog niet ontvangen."


def _broken_promise(facts: CustomerFacts, today: date) -> str | None:
    broken = [p for p in facts.promises if p.broken_by(today)]
    if not broken:
        return None
    p = max(broken, key=lambda p: p.pay_by)
    return (f"Op {day_words(p.made_on)} heeft u toegezegd {format_amount(p.amount)} uiterlijk op "
            f"{day_words(p.pay_by)} te betalen. Die betaling hebben wij niet ontvangen.")


def _pay_to(creditor: Party, facts: CustomerFacts) -> str:
    if not creditor.iban:
        return ""
    numbers = [i.number for i in facts.open_invoices]
    return (f" op rekening {creditor.iban} ten name van {creditor.name}, onder vermelding van "
            f"{'het factuurnummer' if len(numbers) == 1 else 'de factuurnummers'} {join(numbers)}")


def _plan_offer(deadline: date) -> str:
    return (f"Kunt u het bedrag niet in één keer betalen? Neem dan vóór {long_date(deadline)} contact met ons op; "
            "dan bekijken we samen of een betalingsregeling mogelijk is.")


def _interest(facts: CustomerFacts, today: date, rates: RatesTable | None) -> tuple[Computation | None, str | None]:
    """Interest per open invoice from the day after its due date up to today, or why not."""
    if rates is None:
        return None, "Er is geen rentetabel meegegeven; de rente staat alleen in woorden in de brief."
    lines: list[Line] = []
    try:
        for inv in facts.open_invoices:
            c = statutory_interest(inv.open_amount, inv.due_date + timedelta(days=1), today, facts.kind, rates)
            lines += [Line(f"Factuur {inv.number}, {line.text}", line.amount) for line in c.lines]
    except EscalationError as exc:
        return None, str(exc)
    total = sum((line.amount for line in lines), Decimal("0.00"))
    title = f"{NAME[facts.kind][0].upper()}{NAME[facts.kind][1:]} tot en met {day_words(today)}"
    return Computation(title, total, tuple(lines), "Per dag 1/365 van het jaarpercentage."), None


def _interest_words(facts: CustomerFacts) -> str:
    first = facts.open_invoices[0].due_date + timedelta(days=1)
    return (f"de {NAME[facts.kind]} ({ARTICLE[facts.kind]}) vanaf {day_words(first)} tot de dag waarop u "
            "volledig heeft betaald")


@dataclass
class _Body:
    """What one kind of letter says: its paragraphs and tables, deadline, claim and computed amounts."""

    deadline: date
    total: Decimal
    blocks: list[str | Table] = field(default_factory=list)
    amounts: list[Computation] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def build_letter(kind: str, creditor: Party, debtor: Party, facts: CustomerFacts, today: date,
                 rates: RatesTable | None = None) -> Letter:
    """The letter of ``kind`` (see :data:`KINDS`) for this customer, dated ``today``."""
    if kind not in KINDS:
        raise EscalationError(f"Onbekende brief '{kind}'; kies uit: {', '.join(KINDS)}.")
    check_facts(facts, today)
    if not facts.open_invoices:
        raise EscalationError("Er staat niets meer open; er is geen brief nodig.")
    first_due = facts.open_invoices[0].due_date
    if today <= first_due:
        raise EscalationError(f"De eerste factuur vervalt pas op {day_words(first_due)}; een {kind} kan pas daarna.")
    pay_to = _pay_to(creditor, facts)
    if kind == "herinnering":
        body = _reminder(facts, today, pay_to)
    elif kind == "aanmaning":
        body = _demand(facts, today, pay_to)
    elif kind == "veertiendagenbrief":
        body = _fourteen_days(facts, today, pay_to)
    else:
        body = _notice_of_default(facts, today, pay_to, rates)
    basis = BASIS[kind]
    if kind == "ingebrekestelling":
        basis += f" en {ARTICLE[facts.kind]} ({NAME[facts.kind]})"
    return Letter(kind, TITLES[kind].format(_which(facts, article=False)), today, creditor, debtor,
                  f"Beste {debtor.contact or debtor.name},", tuple(body.blocks), body.deadline, basis,
                  amounts=tuple(body.amounts), total=body.total, warnings=tuple(body.warnings))


def _reminder(facts: CustomerFacts, today: date, pay_to: str) -> _Body:
    """The herinnering: friendly, the payment may have slipped the customer's mind."""
    body = _Body(first_working_day(today + timedelta(days=PAY_DAYS["herinnering"])), facts.principal)
    verb = "is" if len(facts.open_invoices) == 1 else "zijn"
    body.blocks += [f"Volgens onze administratie {verb} {_which(facts)} nog niet betaald. De betaaltermijn van "
                    f"factuur {facts.open_invoices[0].number} is op {day_words(facts.open_invoices[0].due_date)} "
                    "verstreken. Misschien is de betaling u ontschoten.",
                    _invoices_table(facts),
                    f"Wilt u het openstaande bedrag van {format_amount(body.total)} uiterlijk op "
                    f"{long_date(body.deadline)} overmaken{pay_to}?",
                    "Heeft u inmiddels betaald? Dan kunt u deze herinnering als niet verzonden beschouwen. Heeft u een "
                    "vraag over de factuur, neem dan gerust contact met ons op."]
    return body


def _demand(facts: CustomerFacts, today: date, pay_to: str) -> _Body:
    """The aanmaning: urgent, saying what comes next for a business or a consumer."""
    body = _Body(first_working_day(today + timedelta(days=PAY_DAYS["aanmaning"])), facts.principal)
    first_due = facts.open_invoices[0].due_date
    body.blocks += [x for x in (_history(facts) or f"De betaaltermijn van {_which(facts)} is op "
                                f"{day_words(first_due)} verstreken en wij hebben uw betaling nog niet ontvangen.",
                                _broken_promise(facts, today)) if x]
    body.blocks += [_invoices_table(facts),
                    f"Wij verzoeken u dringend het openstaande bedrag van {format_amount(body.total)} uiterlijk op "
                    f"{long_date(body.deadline)} te betalen{pay_to}."]
    if facts.kind is CustomerKind.business:
        body.blocks.append("Ontvangen wij uw betaling niet op tijd, dan stellen wij u in gebreke. Wij brengen dan de "
                           "wettelijke handelsrente (art. 6:119a BW) en incassokosten (art. 6:96 BW) in rekening.")
    else:
        body.blocks.append("Ontvangen wij uw betaling niet op tijd, dan sturen wij u een laatste aanmaning. Daarin "
                           "krijgt u nog veertien dagen om zonder extra kosten te betalen.")
    body.blocks.append(_plan_offer(body.deadline))
    return body


def _fourteen_days(facts: CustomerFacts, today: date, pay_to: str) -> _Body:
    """The veertiendagenbrief (consumers only): fourteen days to pay without costs, and what they would be."""
    if facts.kind is CustomerKind.business:
        raise EscalationError("Een veertiendagenbrief is voor consumenten (art. 6:96 lid 6 BW); een zakelijke "
                              "klant krijgt een aanmaning of ingebrekestelling.")
    receipt = assumed_receipt(today)
    body = _Body(fourteen_day_deadline(today), facts.principal)
    costs = collection_costs(body.total)
    body.amounts.append(costs)
    body.blocks += [x for x in (_history(facts), _broken_promise(facts, today)) if x]
    body.blocks += [_invoices_table(facts),
                    f"U krijgt nog één keer de gelegenheid om het openstaande bedrag van {format_amount(body.total)} "
                    "zonder extra kosten te betalen. U heeft daarvoor veertien dagen, te rekenen vanaf de dag nadat u "
                    f"deze brief heeft ontvangen. Wij gaan ervan uit dat u deze brief op {long_date(receipt)} "
                    f"ontvangt; betaal dan uiterlijk op {long_date(body.deadline)}{pay_to}.",
                    f"Heeft u niet binnen deze veertien dagen betaald, dan brengen wij incassokosten in rekening. Die "
                    f"bedragen {format_amount(costs.total)}, berekend volgens het Besluit vergoeding voor "
                    "buitengerechtelijke incassokosten:",
                    _computation_table(costs),
                    f"Ook kunnen wij dan {_interest_words(facts)} in rekening brengen.",
                    _plan_offer(body.deadline)]
    return body


def _refuse_costs_too_early(facts: CustomerFacts, today: date) -> None:
    """A consumer owes collection costs only after the fourteen days of a veertiendagenbrief."""
    if facts.kind is CustomerKind.business:
        return
    sent = facts.last_done("veertiendagenbrief")
    if sent is None:
        raise EscalationError("Een consument moet eerst een veertiendagenbrief krijgen; pas daarna mag u "
                              "incassokosten in rekening brengen (art. 6:96 lid 6 BW).")
    free_until = fourteen_day_deadline(sent)
    if today <= free_until:
        raise EscalationError(f"De veertien dagen van de veertiendagenbrief van {day_words(sent)} lopen tot en "
                              f"met {day_words(free_until)}; de ingebrekestelling kan pas daarna "
                              "(art. 6:96 lid 6 BW).")


def _notice_of_default(facts: CustomerFacts, today: date, pay_to: str, rates: RatesTable | None) -> _Body:
    """The ingebrekestelling: the claim with interest and collection costs, each computed, before handing over."""
    _refuse_costs_too_early(facts, today)
    body = _Body(first_working_day(today + timedelta(days=PAY_DAYS["ingebrekestelling"])), facts.principal)
    costs = collection_costs(facts.principal)
    interest, why_not = _interest(facts, today, rates)
    if why_not:
        body.warnings.append(why_not)
    claim = [(f"Hoofdsom ({_which(facts, article=False)})", format_amount(facts.principal))]
    if interest is not None:
        claim.append((interest.title, format_amount(interest.total)))
        body.total += interest.total
    claim.append(("Incassokosten", format_amount(costs.total)))
    body.total += costs.total
    claim.append(("Totaal", format_amount(body.total)))
    body.blocks += [x for x in (_history(facts), _broken_promise(facts, today)) if x]
    body.blocks += [_invoices_table(facts),
                    f"Hierbij stellen wij u in gebreke. Wij sommeren u het totale bedrag van "
                    f"{format_amount(body.total)} uiterlijk op {long_date(body.deadline)} te betalen{pay_to}. "
                    "Dat bedrag bestaat uit:",
                    Table(("Vordering", "Bedrag"), tuple(claim), bold_last=True)]
    if interest is not None:
        body.amounts.append(interest)
        body.blocks += [f"De {NAME[facts.kind]} ({ARTICLE[facts.kind]}) is als volgt berekend:",
                        _computation_table(interest),
                        "De rente loopt door tot de dag waarop u volledig heeft betaald."]
    else:
        body.blocks.append(f"Daarnaast bent u {_interest_words(facts)} verschuldigd.")
    body.amounts.append(costs)
    body.blocks += ["De incassokosten zijn berekend volgens het Besluit vergoeding voor buitengerechtelijke "
                    "incassokosten:", _computation_table(costs),
                    f"Heeft u niet uiterlijk op {long_date(body.deadline)} betaald, dan dragen wij de vordering "
                    "zonder verdere aankondiging over aan een incassobureau of gerechtsdeurwaarder. De kosten van "
                    "een gerechtelijke procedure kunnen dan ook voor uw rekening komen.",
                    _plan_offer(body.deadline)]
    return body

"""A practice session: the real call engine plus a simulated customer and a transcript.

The trainee uses exactly the same moves as in a live call (options, excuses, agreement
fields, ending), and every sentence they type is checked by the same phrasing checker.
What the simulated customer says is recorded as call events of its own kind
(``customer``), and the score of a finished session as a ``score`` event, so a practice
session lives in the call log like a real call, marked as practice.

Everything the score needs is read back from the call's events, so it does not matter
whether a move went through this class or straight to the engine (as the screen does
for options and commands).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from belscript.clock import Clock
from belscript.dossier import Dossier
from belscript.phrasing.levels import counts_as_warning
from belscript.practice.customer import Reply, SimulatedCustomer
from belscript.practice.persona import Persona
from belscript.practice.score import Report, SessionFacts, score
from belscript.practice.transcript import Turn, transcript_of
from belscript.practice.utterance import Move, read_move
from belscript.script.models import Script

#: Reason recorded when a session is stopped without an ending.
STOPPED = "oefening gestopt"


@dataclass(frozen=True)
class Said:
    """The result of one sentence: the phrasing findings and the customer's reply."""

    findings: list
    reply: Reply


class PracticeSession:
    """Drive a Call against a simulated customer; deterministic for a given seed."""

    def __init__(self, script: Script, dossier: Dossier, persona: Persona, *, seed: int, clock: Clock,
                 reactions: dict[str, list[str]] | None = None,
                 on_event: Callable | None = None) -> None:
        from belscript.engine.call import Call
        from belscript.practice.library import load_reactions

        self.script = script
        self.dossier = dossier
        self.persona = persona
        self.seed = seed
        self.call = Call(script, dossier, clock=clock, practice=True, on_event=on_event)
        self.customer = SimulatedCustomer(
            persona, reactions if reactions is not None else load_reactions(), rng=random.Random(seed),
            today=clock.today(), amount_due=dossier.total_due, now=clock.now(),
            contact=dossier.contact.name if dossier.contact else None,
            receipt_signed=any(invoice.signed_for_receipt is True for invoice in dossier.invoices),
        )
        #: The trainee's sentences as the customer understood them, by the seq of their note event.
        self.moves: dict[int, Move] = {}
        self._considered: tuple | None = None
        self._report: Report | None = None
        #: Excuses of the persona that this script cannot handle (shown as a warning).
        self.foreign_excuses = [e for e in persona.excuses if e not in script.excuses]
        self._customer_says(self.customer.greet())

    # -- transcript -------------------------------------------------------------------
    def _customer_says(self, reply: Reply) -> Reply:
        self.call.record_customer(reply.text, reply.kind, reply.excuse)
        return reply

    @property
    def finished(self) -> bool:
        return self.call.ended

    def transcript(self) -> list[Turn]:
        """The session as numbered turns: what was said, chosen and agreed."""
        return transcript_of(self.call.events)

    def customer_lines(self) -> list[str]:
        """Everything the customer said so far, oldest first."""
        return [line.text for line in self.call.facts.customer_lines]

    # -- the trainee's moves ------------------------------------------------------------
    def say(self, text: str) -> Said:
        """The trainee says a sentence: check the wording, let the customer react."""
        from belscript.phrasing import check

        text = " ".join(text.split())
        findings = check(text, language=self.script.language, overrides=self.script.phrasing or None)
        event = self.call.note(text)
        for f in findings:
            if counts_as_warning(f.level):
                self.call.record_warning(f.rule, f.match, f.message)
        move = read_move(text, findings, today=self.call.clock.today())
        self.moves[event.seq] = move
        if self.call.aborted:
            return Said(findings, Reply("(Het gesprek is al afgelopen.)", "ended"))
        # at the script's closing step the customer still hears the goodbye
        return Said(findings, self._customer_says(self.customer.hear(move)))

    def choose(self, nr: int) -> None:
        self.call.choose(nr)

    def handle_excuse(self, excuse_id: str) -> None:
        self.call.handle_excuse(excuse_id)

    def back(self) -> None:
        self.call.back()

    def set_contact(self, name: str) -> None:
        self.call.set_contact(name)

    def agree(self, field: str, text: str):
        """Enter an agreement field; the customer reacts to a new concrete date, plan or callback."""
        feedback = self.call.set_agreement(field, text)
        if feedback.ok:
            self.react_to_agreement()
        return feedback

    def react_to_agreement(self) -> Reply | None:
        """Let the customer react when the agreement's dates changed (a proposal on paper is
        still a proposal: the customer commits or counters)."""
        if self.call.ended:
            return None
        agreement = self.call.agreement
        if agreement.payments:
            first = agreement.payments[0]
            last = agreement.payments[-1].on if len(agreement.payments) > 1 else None
            key: tuple = ("pay", first.on, len(agreement.payments), first.amount, last)
        elif agreement.callback is not None:
            key = ("callback", agreement.callback.at)
        else:
            return None
        if key == self._considered:
            return None
        self._considered = key
        if key[0] == "pay" and self.customer.is_committed_to(first.on, len(agreement.payments),
                                                             first_amount=first.amount, rest_on=last):
            return None  # written down what the customer already promised
        if key[0] == "callback" and self.customer.is_committed_to(None, 0, callback=key[1].date()):
            return None
        if key[0] == "pay":
            reply = self.customer.consider(first.on, instalments=len(agreement.payments), first_amount=first.amount,
                                           rest_on=last)
        else:
            reply = self.customer.consider_callback(agreement.callback.at)
        return self._customer_says(reply)

    def record_no_agreement(self, reason, detail: str = "", follow_up: datetime | None = None):
        return self.call.record_no_agreement(reason, detail, follow_up)

    def end(self) -> None:
        self.call.end()

    def abort(self, reason: str = STOPPED) -> None:
        self.call.abort(reason)

    # -- the end ------------------------------------------------------------------------
    def report(self) -> Report:
        """The score as it stands (final once the call has ended)."""
        if self._report is not None:
            return self._report
        from belscript.agreement.model import Agreement

        outcome = self.call.outcome
        committed = False
        if isinstance(outcome, Agreement):
            if outcome.payments:
                payments = outcome.payments
                committed = self.customer.is_committed_to(
                    payments[0].on, len(payments), first_amount=payments[0].amount,
                    rest_on=payments[-1].on if len(payments) > 1 else None)
            elif outcome.callback is not None:
                committed = self.customer.is_committed_to(None, 0, callback=outcome.callback.at.date())
        facts = SessionFacts(
            script=self.script, dossier=self.dossier, persona=self.persona, seed=self.seed,
            events=self.call.events, moves=self.moves, outcome=outcome, aborted=self.call.aborted,
            customer_committed=committed, today=self.call.clock.today(),
            speaker=self.customer.speaker, payer=self.customer.payer,
        )
        report = score(facts)
        if self.call.ended:
            self._report = report
        return report

    def finish(self) -> Report:
        """Score the ended session once and store the score with its events."""
        if not self.call.ended:
            self.call.abort(STOPPED)
        report = self.report()
        if not any(e.kind == "score" for e in self.call.events):
            self.call.record_score(report.as_dict())
        return report

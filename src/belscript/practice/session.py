"""A practice session: the real call engine plus a simulated customer and a transcript.

The trainee uses exactly the same moves as in a live call (options, excuses, agreement
fields, ending), and every sentence they type is checked by the same phrasing checker.
What the simulated customer says is recorded as call events of its own kind, so a
practice session lives in the call log like a real call, marked as practice.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Callable

from belscript.clock import Clock
from belscript.dossier import Dossier
from belscript.practice.customer import Reply, SimulatedCustomer
from belscript.practice.persona import Persona
from belscript.practice.score import Report, Turn, score
from belscript.practice.utterance import Move, read_move
from belscript.script.models import Script


@dataclass(frozen=True)
class Said:
    """The result of one sentence: the phrasing findings and the customer's reply."""

    findings: list
    reply: Reply


class PracticeSession:
    """Drive a Call against a simulated customer; deterministic for a given seed."""

    def __init__(self, script: Script, dossier: Dossier, persona: Persona, *, seed: int,
                 clock: Clock, reactions: dict[str, list[str]], on_event: Callable | None = None) -> None:
        from belscript.engine.call import Call

        self.script = script
        self.persona = persona
        self.seed = seed
        self.call = Call(script, dossier, clock=clock, practice=True, on_event=on_event)
        self.customer = SimulatedCustomer(
            persona, reactions, rng=random.Random(seed), today=clock.today(), amount_due=dossier.total_due,
        )
        self.transcript: list[Turn] = []
        self.moves: list[Move] = []
        self.handled_excuses: list[str] = []
        self._customer_says(self.customer.greet())

    # -- transcript -------------------------------------------------------------------
    def _seq(self) -> int:
        return len(self.call.events)

    def _customer_says(self, reply: Reply) -> None:
        self.call.record_customer(reply.text, reply.kind, reply.excuse)
        self.transcript.append(Turn("klant", reply.text, self._seq(), reply.kind))

    @property
    def finished(self) -> bool:
        return self.call.ended

    # -- the trainee's moves ------------------------------------------------------------
    def say(self, text: str) -> Said:
        """The trainee says a sentence: check the wording, let the customer react."""
        from belscript.phrasing import check

        text = text.strip()
        findings = check(text, language=self.script.language, overrides=_overrides(self.script))
        self.call.note(text)
        for f in findings:
            if f.level in ("error", "warning"):
                self.call.record_warning(f.rule, f.match, f.message)
        self.transcript.append(Turn("trainee", text, self._seq(), "said"))
        move = read_move(text, findings)
        self.moves.append(move)
        reply = self.customer.hear(move)
        self._customer_says(reply)
        return Said(findings, reply)

    def choose(self, nr: int) -> None:
        self.call.choose(nr)

    def handle_excuse(self, excuse_id: str) -> None:
        self.call.handle_excuse(excuse_id)
        self.handled_excuses.append(excuse_id)

    def agree(self, field: str, text: str):
        """Enter an agreement field; the customer reacts to concrete dates and plans."""
        feedback = self.call.set_agreement(field, text)
        agreement = self.call.agreement
        if feedback.ok and agreement.payments and field in ("datum", "termijnen", "bedrag"):
            first = agreement.payments[0]
            reply = self.customer.consider(first.on, instalments=len(agreement.payments), first_amount=first.amount)
            self._customer_says(reply)
        return feedback

    # -- the end ------------------------------------------------------------------------
    def report(self) -> Report:
        from belscript.agreement.model import Agreement

        events = self.call.events
        outcome = self.call.outcome
        if outcome is None:
            outcome_kind = None
        else:
            outcome_kind = "agreement" if isinstance(outcome, Agreement) else "no_agreement"
        step_roles = [self.script.steps[e.data["step"]].role.value for e in events
                      if e.kind == "step" and e.data.get("step") in self.script.steps]
        actions = [e.data.get("action") for e in events if e.kind == "action"]
        done: dict[str, bool] = {}
        for excuse_id in self.handled_excuses:
            wanted = self.script.excuses[excuse_id].do if excuse_id in self.script.excuses else []
            done[excuse_id] = all(a in actions for a in wanted)
        return score(
            transcript=self.transcript, events=events, moves=self.moves,
            agreement_concrete=outcome_kind == "agreement", outcome_kind=outcome_kind,
            raised_excuses=list(dict.fromkeys(self.customer.state.raised)), handled_excuses=self.handled_excuses,
            excuse_actions_done=done, step_roles=step_roles, actions=actions,
            persona=self.persona.name, script=self.script.name,
        )


def _overrides(script: Script) -> dict:
    return {rule: o.level for rule, o in script.phrasing.items()}





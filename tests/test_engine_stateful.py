"""Random calls through every script: the engine's promises hold whatever the caller does.

A Hypothesis state machine plays a caller who takes random options (available or
not), picks excuses, goes back, types notes, enters agreement fields (good and bad
Dutch), records no-agreement outcomes, tries to end, aborts and lets time pass. After
every move it checks that:

* a call never ends without a concrete agreement or a recorded no-agreement outcome;
* replaying the stored events (through JSON) rebuilds exactly the same call, and the
  fold of the stored events gives exactly the live call's facts;
* the journal callback saw exactly the call's events;
* nothing raises except the engine's own refusals (``BelscriptError`` subclasses).
"""

from __future__ import annotations

import json
from datetime import timedelta

from hypothesis import event, strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule
from test_engine_fixtures import all_scripts, fixture_dossier

from belscript.agreement import check
from belscript.agreement.entry import FIELDS
from belscript.agreement.model import Agreement, NoAgreement, NoAgreementReason
from belscript.clock import FixedClock
from belscript.engine.call import NO_OUTCOME, Call
from belscript.engine.events import Event
from belscript.engine.state import CallState
from belscript.errors import AgreementError, BelscriptError, CallRefused

from conftest import MONDAY_MORNING

SCRIPTS = all_scripts()

#: What callers type into agreement fields: concrete, vague, wrong and odd.
TEXTS_BY_FIELD: dict[str, list[str]] = {
    "soort": ["volledig", "deel", "regeling", "uitstel", "terugbellen", "iets anders"],
    "naam": ["Marieke Jansen", "Kees", "", "123"],
    "bedrag": ["1.650,50", "€ 1.650,50", "alles", "500", "1.650,50 op vrijdag", "twintig miljoen", "abc"],
    "datum": ["vrijdag", "over twee weken", "15 december", "binnenkort", "volgende week",
              "als mijn klant betaalt", "1 januari 2020", "morgen"],
    "termijnen": ["3 termijnen vanaf 30 november", "2 termijnen vanaf vrijdag",
                  "825,25 op 1 december, rest op 1 januari", "12 termijnen vanaf morgen", "ooit"],
    "deelbetaling": ["500 vandaag, rest op 15 december", "500 vandaag", "1 euro vandaag, rest later"],
    "rest": ["15 december", "binnenkort", "rest op 18 december"],
    "terugbellen": ["Petra, dinsdag om 10 uur", "Petra, morgen om half elf", "Petra", "morgen om 3 uur"],
    "gevolg": ["standaard", "dan dragen we de vordering over aan een incassobureau", "zien we wel", ""],
}
FIELD_NAMES = sorted({*FIELDS, "kleur"})
ANY_TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30)


def agreement_text(field: str) -> st.SearchStrategy[str]:
    return st.sampled_from(TEXTS_BY_FIELD.get(field, ["iets"])) | ANY_TEXT


class RandomCaller(RuleBasedStateMachine):
    """One random call per run, through one of the scripts."""

    @initialize(index=st.integers(min_value=0, max_value=len(SCRIPTS) - 1), practice=st.booleans())
    def start(self, index: int, practice: bool) -> None:
        self.script = SCRIPTS[index]
        event(f"script {self.script.name}")
        self.clock = FixedClock(MONDAY_MORNING)
        self.seen: list = []
        self.call = Call(self.script, fixture_dossier(), clock=self.clock, practice=practice,
                         on_event=self.seen.append)

    # ------------------------------------------------------------------ helpers

    def attempt(self, move, *args) -> None:
        """Make a move; a refusal must be recorded as an event before it is raised."""
        before = len(self.call.events)
        try:
            move(*args)
        except CallRefused as exc:
            last = self.call.events[-1]
            assert len(self.call.events) == before + 1 and last.kind == "refused"
            assert last.data["message"] == exc.message and last.data["missing"] == exc.missing
        except AgreementError:
            assert self.call.events[-1].kind == "agreement_rejected"
        except BelscriptError:  # pragma: no cover - any other domain error is still a clean refusal
            pass

    # ------------------------------------------------------------------ rules

    @rule(data=st.data())
    def choose_shown_option(self, data) -> None:
        options = self.call.step.options
        if options:
            self.attempt(self.call.choose, data.draw(st.sampled_from([o.nr for o in options])))

    @rule(nr=st.integers(min_value=-3, max_value=120))
    def choose_any_number(self, nr: int) -> None:
        self.attempt(self.call.choose, nr)

    @rule(data=st.data())
    def handle_excuse(self, data) -> None:
        ids = [*self.script.excuses, "bestaat-niet"]
        self.attempt(self.call.handle_excuse, data.draw(st.sampled_from(ids)))

    @rule()
    def back(self) -> None:
        self.attempt(self.call.back)

    @rule(text=ANY_TEXT)
    def note(self, text: str) -> None:
        self.attempt(self.call.note, text)

    @rule(name=st.sampled_from(["Marieke Jansen", "Kees", " ", "Petra de Vries"]))
    def set_contact(self, name: str) -> None:
        self.attempt(self.call.set_contact, name)

    @rule(data=st.data())
    def set_agreement(self, data) -> None:
        field = data.draw(st.sampled_from(FIELD_NAMES))
        text = data.draw(agreement_text(field))
        before = self.call.agreement
        try:
            feedback = self.call.set_agreement(field, text)
        except (CallRefused, AgreementError):
            assert self.call.agreement == before
            return
        last = self.call.events[-1]
        assert last.kind == ("agreement" if feedback.ok else "agreement_rejected")
        if not feedback.ok:
            assert self.call.agreement == before and feedback.message

    @rule()
    def agree_in_full(self) -> None:
        """A caller who knows the fields: a full payment on Friday with the standard consequence."""
        for field, text in [("naam", "Marieke Jansen"), ("soort", "volledig"), ("datum", "vrijdag"),
                            ("gevolg", "standaard")]:
            self.attempt(self.call.set_agreement, field, text)

    @rule(reason=st.sampled_from([*NoAgreementReason, "boos"]), detail=st.sampled_from(["", "voicemail", "  "]),
          hours=st.none() | st.integers(min_value=-5, max_value=200))
    def record_no_agreement(self, reason, detail: str, hours: int | None) -> None:
        follow_up = None if hours is None else self.clock.now() + timedelta(hours=hours)
        self.attempt(self.call.record_no_agreement, reason, detail, follow_up)

    @rule()
    def end(self) -> None:
        was_running = not self.call.ended
        try:
            self.call.end()
        except CallRefused as exc:
            if was_running and not self.call.may_end():
                assert exc.missing == [*self.call.problems(), NO_OUTCOME]
            return
        assert self.call.ended

    @precondition(lambda self: len(self.call.events) > 40)
    @rule(reason=st.sampled_from(["klant hing op", "", "verbinding weg"]))
    def abort(self, reason: str) -> None:
        self.call.abort(reason)
        assert self.call.ended

    @rule(minutes=st.integers(min_value=0, max_value=90))
    def time_passes(self, minutes: int) -> None:
        self.clock.advance(minutes=minutes)

    @precondition(lambda self: self.call.ended)
    @rule()
    def evaluate(self) -> None:
        self.call.record_evaluation("rustig gebleven", "eerder naar een datum vragen")

    # ------------------------------------------------------------------ invariants

    @invariant()
    def never_ends_without_agreement_or_outcome(self) -> None:
        call = self.call
        ended = [e for e in call.events if e.kind in ("ended", "aborted")]
        assert call.ended == bool(ended)
        assert len(ended) <= 1
        if not call.ended:
            assert call.outcome is None
            assert not self.script.steps.get(call.state) or not self.script.steps[call.state].end \
                or call.state == self.script.start_step
            return
        assert call.outcome is not None
        event(f"{self.script.name}: {ended[0].kind} with {type(call.outcome).__name__}")
        if isinstance(call.outcome, Agreement):
            assert check.is_concrete(call.outcome, policy=self.script.agreement,
                                     amount_due=fixture_dossier().total_due, today=ended[0].at)
        else:
            assert isinstance(call.outcome, NoAgreement) and call.outcome.follow_up > ended[0].at
        if ended[0].kind == "ended":
            assert self.script.steps[call.state].end or not any(s.end for s in self.script.steps.values())

    @invariant()
    def replay_reproduces_the_call(self) -> None:
        # Rebuilding costs a new state machine, so check at the end of the call and on
        # every third move; a difference, once there, stays visible in the snapshot.
        self.moves = getattr(self, "moves", 0) + 1
        just_ended = self.call.ended and not getattr(self, "checked_end", False)
        if just_ended or self.moves % 3 == 0:
            self.checked_end = self.call.ended
            self.check_replay()

    def check_replay(self) -> None:
        stored = json.loads(json.dumps([e.to_dict() for e in self.call.events]))
        rebuilt = Call.replay(self.script, fixture_dossier(), stored, clock=FixedClock(self.clock.now()))
        assert rebuilt.snapshot() == self.call.snapshot()
        assert CallState.fold(Event.from_dict(raw) for raw in stored) == self.call.facts

    def teardown(self) -> None:
        if hasattr(self, "call"):
            self.check_replay()

    @invariant()
    def journal_saw_every_event(self) -> None:
        assert self.seen == self.call.events
        assert [e.seq for e in self.seen] == list(range(1, len(self.seen) + 1))


TestRandomCalls = RandomCaller.TestCase

"""A running call: the script as a state machine, plus everything said and agreed.

One :class:`Call` owns one ``transitions`` machine whose states are the script's steps
plus one state per excuse handler (``excuse:<id>``). Triggers are explicit: one per
numbered option of a step (``option_<nr>``), one per excuse from steps that offer the
excuse library (``excuse_<id>``), ``end`` and ``back``. Automatic ``to_<state>``
triggers are switched off because they would walk around every guard.

The one rule the engine keeps whatever the script says: a call only reaches an end
step when the agreement is concrete (who pays what, when, and what if not) or when an
explicit no-agreement outcome with a follow-up is recorded. That guard sits on every
transition into an end step, so no script and no caller can get past it; only
:meth:`Call.abort` ends a call otherwise, and it records why.

Every change is an :class:`~belscript.engine.events.Event`. State changes happen only
by applying events (:meth:`Call._apply`), both live and in :meth:`Call.replay`, so a
call rebuilt from its stored events is the same call, without running actions again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from transitions import Machine

from belscript.agreement.model import Agreement, NoAgreement
from belscript.clock import Clock
from belscript.dossier import Dossier
from belscript.engine import registry
from belscript.engine.events import (
    PAYLOADS,
    Aborted,
    ActionDone,
    Ended,
    Event,
    ExcusePicked,
    OptionTaken,
    Payload,
    Refused,
    Started,
    StepTaken,
    WentBack,
)
from belscript.engine.nodes import (  # noqa: F401 - public names, importable from here as before
    EXCUSE_PREFIX,
    ExcuseView,
    Node,
    OptionView,
    ScriptMismatch,
    StepView,
    build_nodes,
)
from belscript.engine.closing import END_BLOCKED, Closing
from belscript.engine.readout import Readout
from belscript.engine.recording import Recording, as_json_moment
from belscript.engine.state import CallState, contact_person, outcome_data
from belscript.errors import CallRefused
from belscript.script.models import Option, Script
from belscript.script.vocabulary import CONDITIONS as CONDITION_TEXTS

# ``transitions`` logs every trigger at INFO and problems at WARNING; none of that
# belongs on the caller's screen (the live screen owns the terminal).
_transitions_log = logging.getLogger("transitions")
_transitions_log.addHandler(logging.NullHandler())
_transitions_log.propagate = False
_transitions_log.setLevel(logging.WARNING)

#: The alternative to a concrete agreement, as listed in ``CallRefused.missing``.
NO_OUTCOME = "Leg vast waarom er geen afspraak is, met een vervolgmoment"

_CALL_OVER = "Het gesprek is al afgelopen."


class _Flow:
    """The object ``transitions`` drives; kept apart from :class:`Call` so the triggers
    and ``is_<state>`` helpers it adds never clash with the call's own API."""

    state: str


class Call(Closing, Readout, Recording):
    """One phone call guided by a script, about one customer file.

    This module holds the machine and the moves (options, excuses, back, end, abort);
    what a call shows of itself is in :mod:`~belscript.engine.readout`, the facts a
    caller records in :mod:`~belscript.engine.recording`, ending (without agreement
    by way of the script's step for it) in :mod:`~belscript.engine.closing`, the machine's states and the
    screen's views of them in :mod:`~belscript.engine.nodes`.
    """

    def __init__(
        self,
        script: Script,
        dossier: Dossier,
        *,
        clock: Clock,
        practice: bool = False,
        on_event: Callable[[Event], None] | None = None,
        caller: str = "",
        _replaying: bool = False,
    ) -> None:
        self.script = script.addressed(dossier.customer.address_form)
        self.dossier = dossier
        self.clock = clock
        self.practice = practice
        #: Called synchronously with every new event, after the call has applied it.
        self.on_event = on_event
        self._events: list[Event] = []
        #: Event numbers absent from the log this call was rebuilt from (see :meth:`replay`).
        self.missing: list[int] = []
        self._values = self._spoken = None  # the written and spoken template fields, cached per day
        # the call's facts, changed only in _apply
        self._state = CallState()

        self._nodes = build_nodes(script)
        self._flow = _Flow()
        self._machine = self._build_machine()
        if not _replaying:
            self._start(caller)

    # ------------------------------------------------------------------ building

    def _build_machine(self) -> Machine:
        machine = Machine(
            model=self._flow,
            states=list(self._nodes),
            initial=self.script.start_step,
            auto_transitions=False,
            send_event=False,
            ignore_invalid_triggers=False,
        )
        end_steps = [n.id for n in self._nodes.values() if n.is_end]
        predecessors: dict[str, set[str]] = {}
        for node in self._nodes.values():
            if node.is_end:
                continue  # nothing moves after the end
            for nr, opt in node.options:
                dest = opt.go if opt.go is not None else EXCUSE_PREFIX + opt.excuse  # type: ignore[operator]
                conditions: list[Callable[[], bool]] = []
                if opt.when is not None:
                    conditions.append(self._condition(opt.when))
                if self._nodes[dest].is_end:
                    conditions.append(self.may_end)
                machine.add_transition(
                    f"option_{nr}", node.id, dest, conditions=conditions,
                    before=[self._before_option(node.id, nr, opt)], after=[self._after_move(dest, "option")],
                )
                predecessors.setdefault(dest, set()).add(node.id)
            if node.offers_excuses:
                for eid in self.script.excuses:
                    dest = EXCUSE_PREFIX + eid
                    machine.add_transition(
                        f"excuse_{eid}", node.id, dest,
                        before=[self._before_excuse(node.id, eid)], after=[self._after_move(dest, "excuse")],
                    )
                    predecessors.setdefault(dest, set()).add(node.id)
            direct = [opt.go for _, opt in node.options if opt.go is not None and self._nodes[opt.go].is_end]
            end_dest = direct[0] if direct else (end_steps[0] if end_steps else None)
            if end_dest is not None:
                machine.add_transition("end", node.id, end_dest, conditions=[self.may_end],
                                       after=[self._after_move(end_dest, "end")])
        for dest, sources in predecessors.items():
            for source in sorted(sources):
                machine.add_transition("back", dest, source, conditions=[self._is_previous(source)],
                                       after=[self._after_back(dest, source)])
        return machine

    def _condition(self, name: str) -> Callable[[], bool]:
        check = registry.condition(name)
        return lambda: check(self)

    def _is_previous(self, source: str) -> Callable[[], bool]:
        return lambda: len(self._state.trail) >= 2 and self._state.trail[-2] == source

    def _before_option(self, source: str, nr: int, opt: Option) -> Callable[[], None]:
        def before() -> None:
            self._emit(OptionTaken(step=source, nr=nr, label=opt.label,
                                   target=opt.go or EXCUSE_PREFIX + (opt.excuse or "")))
            self._run_actions(opt.do, source=f"option {nr}")
        return before

    def _before_excuse(self, source: str, eid: str) -> Callable[[], None]:
        def before() -> None:
            self._emit(ExcusePicked(step=source, excuse=eid, label=self.script.excuses[eid].label))
        return before

    def _after_move(self, dest: str, via: str) -> Callable[[], None]:
        def after() -> None:
            self._emit(StepTaken(step=dest, via=via))
            node = self._nodes[dest]
            self._run_actions(node.do, source=dest)
            if node.is_end:
                self._emit_ended()
        return after

    def _after_back(self, source: str, dest: str) -> Callable[[], None]:
        return lambda: self._emit(WentBack(to=dest, from_=source))

    def _start(self, caller: str) -> None:
        start = self.script.start_step
        self._emit(Started(
            script=self.script.name, title=self.script.title, practice=self.practice, step=start,
            customer=self.dossier.customer.name, invoices=[inv.number for inv in self.dossier.invoices],
            total_due=str(self.dossier.total_due), caller=caller))  # who calls: the log says so
        self._run_actions(self._nodes[start].do, source=start)

    # ------------------------------------------------------------------ events

    def _emit(self, payload: Payload) -> Event:
        # After the last stored number, not the count: a log with a gap stays resumable.
        event = Event.of((self._events[-1].seq + 1) if self._events else 1, self._now(), payload)
        self._apply(event)
        self._events.append(event)
        if self.on_event is not None:
            self.on_event(event)
        return event

    def _apply(self, event: Event) -> None:
        """Change the call's state by one event; the only place state changes.

        The facts are the fold of :class:`~belscript.engine.state.CallState`; the
        state machine follows the step it names.
        """
        if event.kind not in PAYLOADS:
            raise ScriptMismatch(f"Onbekende gebeurtenis '{event.kind}' in het gespreksverslag.")
        try:
            payload = event.payload
            if isinstance(payload, Started):
                if payload.script != self.script.name:
                    raise ValueError(f"het gesprek is gevoerd met het script '{payload.script}'")
                self.practice = bool(payload.practice)
            self._state.apply(event)
            if self._state.step is not None:
                self._move_to(self._state.step)
        except (KeyError, ValueError, TypeError) as exc:
            raise ScriptMismatch(
                f"Gebeurtenis {event.seq} ('{event.kind}') past niet bij het script '{self.script.name}': {exc}"
            ) from None

    def _move_to(self, state: str) -> None:
        if state not in self._nodes:
            raise KeyError(f"onbekende stap '{state}'")
        if self._flow.state != state:
            self._machine.set_state(state, model=self._flow)

    # ------------------------------------------------------------------ helpers

    def _run_actions(self, names: Iterable[str], *, source: str) -> None:
        for name in names:
            result = registry.action(name)(self)
            self._emit(ActionDone(name=name, source=source, todo=result.todo, hint=result.hint,
                                  recap_done=result.recap_done))

    def _emit_ended(self) -> None:
        if self.is_concrete():
            outcome: Agreement | NoAgreement = self._state.agreement
        else:
            assert self._state.no_agreement is not None  # guarded by may_end
            outcome = self._state.no_agreement
        self._emit(Ended(outcome=outcome_data(outcome), step=self._flow.state, **self._closing(outcome)))

    def _closing(self, outcome: Agreement | NoAgreement | None) -> dict[str, Any]:
        """What the closing event carries besides the outcome, so the log is closed once."""
        return {"contact": contact_person(self._state.contact, outcome), "todos": list(self._state.our_actions),
                "if_broken": self.script.agreement.if_broken.strip() or None}

    def _refuse(self, move: str, message: str, missing: list[str] | None = None) -> CallRefused:
        """Record a refused move and return the error to raise (so callers read ``raise``)."""
        missing = list(missing or [])
        self._emit(Refused(move=move, step=self._flow.state, message=message, missing=missing))
        return CallRefused(message, missing=missing, step=self._flow.state, event=move)

    def _require_running(self, move: str) -> None:
        if self._state.ended:
            raise self._refuse(move, _CALL_OVER)

    def _node(self) -> Node:
        return self._nodes[self._flow.state]

    def _end_missing(self) -> list[str]:
        return [*self.problems(), NO_OUTCOME]

    def _needed_for(self, condition: str) -> list[str]:
        """What the caller can still do to make ``condition`` hold, as listed in a refusal."""
        if condition == "agreement_is_concrete":
            return self.problems()
        if condition == "no_agreement_recorded":
            return [NO_OUTCOME]
        if condition == "has_contact_person":
            return ["de naam van de gesprekspartner"]
        return [CONDITION_TEXTS[condition]]

    def _unavailable(self, nr: int, opt: Option) -> tuple[str, list[str]] | None:
        """Why option ``nr`` cannot be taken now, and what is missing; None when it can."""
        if self._state.ended:
            return _CALL_OVER, []
        if opt.when is not None and not registry.condition(opt.when)(self):
            return f"Optie {nr} kan nu nog niet. Voorwaarde: {CONDITION_TEXTS[opt.when]}.", self._needed_for(opt.when)
        target = self._nodes[opt.go] if opt.go is not None else None
        if target is not None and target.is_end and not self.may_end():
            return END_BLOCKED, self._end_missing()
        return None

    # ------------------------------------------------------------------ reading

    def _position(self) -> str:
        return self._flow.state

    @property
    def state(self) -> str:
        """Id of the current step (``excuse:<id>`` inside an excuse handler)."""
        return self._flow.state

    @property
    def step(self) -> StepView:
        node = self._node()
        options = []
        for nr, opt in node.options:
            blocked = self._unavailable(nr, opt)
            options.append(OptionView(
                nr=nr, label=self._fill(opt.label), say=self._say(opt.say) if opt.say else None,
                available=blocked is None, why_unavailable=blocked[0] if blocked else None,
                target=opt.go if opt.go is not None else EXCUSE_PREFIX + (opt.excuse or ""),
                is_excuse=opt.excuse is not None,
            ))
        return StepView(
            id=node.id, role=node.role, title=self._fill(node.title), text=self._say(node.say),
            tips=[self._fill(t) for t in node.tips], options=options,
            offers_excuses=node.offers_excuses and not self._state.ended, is_end=node.is_end,
        )

    @property
    def excuses(self) -> list[ExcuseView]:
        if self._state.ended or not self._node().offers_excuses:
            return []
        return [ExcuseView(id=eid, label=e.label, examples=list(e.examples)) for eid, e in self.script.excuses.items()]

    def triggers(self) -> list[str]:
        """The machine's triggers from the current state (for inspection and tests)."""
        return sorted(self._machine.get_triggers(self._flow.state))

    # ------------------------------------------------------------------ moves

    def choose(self, nr: int) -> None:
        """Take numbered option ``nr`` of the current step."""
        self._require_running("option")
        node = self._node()
        found = [(n, opt) for n, opt in node.options if n == nr]
        if not found:
            numbers = [n for n, _ in node.options]
            if numbers:
                listed = ", ".join(map(str, numbers[:-1])) + (" of " if len(numbers) > 1 else "") + str(numbers[-1])
                raise self._refuse("option", f"Optie {nr} bestaat niet bij deze stap; kies {listed}.")
            raise self._refuse("option", "Deze stap heeft geen opties om te kiezen.")
        n, opt = found[0]
        blocked = self._unavailable(n, opt)
        if blocked is not None:
            raise self._refuse("option", *blocked)
        if not self._flow.trigger(f"option_{n}"):  # pragma: no cover - the checks above are the same guards
            raise self._refuse("option", f"Optie {nr} kan nu niet.")

    def handle_excuse(self, excuse_id: str) -> None:
        """Go to the handler of an excuse from the library (only at listening steps)."""
        self._require_running("excuse")
        if not self._node().offers_excuses:
            raise self._refuse("excuse", "Bij deze stap kunt u geen excuus kiezen; dat kan bij een stap waarin de "
                                         "klant aan het woord is.")
        if excuse_id not in self.script.excuses:
            known = ", ".join(self.script.excuses)
            raise self._refuse("excuse", f"Het excuus '{excuse_id}' staat niet in dit script; kies uit: {known}.")
        if not self._flow.trigger(f"excuse_{excuse_id}"):  # pragma: no cover - excuse moves have no guard
            raise self._refuse("excuse", f"Het excuus '{excuse_id}' kan nu niet.")

    def back(self) -> None:
        """Go back to the previous step; the history keeps both visits."""
        self._require_running("back")
        if len(self._state.trail) < 2:
            raise self._refuse("back", "U bent bij de eerste stap van het gesprek; verder terug kan niet.")
        if not self._flow.trigger("back"):  # pragma: no cover - every forward move has its way back
            raise self._refuse("back", "Terug kan hier niet.")

    def abort(self, reason: str) -> Event | None:
        """Break the call off; always possible, and recorded with a follow-up moment.

        The call then counts as ended without agreement (reason 'other'). Aborting a call
        that has already ended changes nothing and returns None.
        """
        if self._state.ended:
            return None
        from belscript import calltime

        follow_up = calltime.follow_up_moment(self.clock.now())
        return self._emit(Aborted(reason=reason.strip() or "gesprek afgebroken", step=self._flow.state,
                                  follow_up=as_json_moment(follow_up), **self._closing(self._state.agreement)))

    # ------------------------------------------------------------------ resume

    @classmethod
    def replay(cls, script: Script, dossier: Dossier, events: Iterable[Event | dict[str, Any]], *,
               clock: Clock, on_event: Callable[[Event], None] | None = None) -> "Call":
        """Rebuild a call from its stored events, exactly, without emitting or running anything.

        Raises :class:`ScriptMismatch` when the events do not fit this script (e.g. the
        script was changed between the crash and the resume). A number missing from the
        log (a fact that could not be stored) does not stop the replay: the call goes on
        from what was stored, and :attr:`missing` lists the numbers for the caller.
        """
        call = cls(script, dossier, clock=clock, _replaying=True)
        call.missing = []
        for i, raw in enumerate(events, start=1):
            event = raw if isinstance(raw, Event) else Event.from_dict(raw)
            last = call._events[-1].seq if call._events else 0
            if event.seq <= last:
                raise ScriptMismatch(f"Het gespreksverslag is beschadigd: gebeurtenis {event.seq} staat er dubbel of niet op volgorde in.")
            call.missing.extend(range(last + 1, event.seq))
            if (i == 1) != (event.kind == "started"):
                raise ScriptMismatch("Het gespreksverslag begint niet met het begin van een gesprek.")
            call._apply(event)
            call._events.append(event)
        if not call._events:
            raise ScriptMismatch("Het gespreksverslag is leeg; er is niets te hervatten.")
        call.on_event = on_event
        return call


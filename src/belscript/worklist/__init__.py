"""Today's call list and promise tracking, as pure functions over plain facts.

Public API::

    from belscript.worklist import build, CustomerFacts, InvoiceFacts, PromiseFacts, ...
    call_list = build(customers, now)      # ordered entries, each with reasons in words
    call_list.entries[0].why               # "toezegging van dinsdag 1 december (€ 800) niet nagekomen"
    call_list.entries[0].script            # "tweede-gesprek"
    check_promise(promise, payments, today)  # kept / partly / broken on the check day
    best_time(calls)                       # learned from the calls that reached the customer
    draft(customer, today), with_reach(entry, now, best)  # build's two steps, for worklist.shortlist

Nothing here reads a database or a terminal: the store turns its rows into
:class:`CustomerFacts`, the ``lijst`` command prints the result.
"""

from belscript.worklist.facts import (
    CallFacts,
    CustomerFacts,
    Instalment,
    InvoiceFacts,
    PaymentFacts,
    PromiseFacts,
    SlotCount,
)
from belscript.worklist.promises import PromiseCheck, PromiseStatus, check_day, check_promise
from belscript.worklist.ranking import (
    FIRST_CALL,
    SECOND_CALL,
    SERVICE_CALL,
    CallList,
    Entry,
    Reason,
    Waiting,
    build,
    draft,
    with_reach,
)
from belscript.worklist.reachability import BestTime, Slot, best_time, slot_of

__all__ = [
    "BestTime", "CallFacts", "CallList", "CustomerFacts", "Entry", "FIRST_CALL", "Instalment",
    "InvoiceFacts", "PaymentFacts", "PromiseCheck", "PromiseFacts", "PromiseStatus", "Reason",
    "SECOND_CALL", "SERVICE_CALL", "Slot", "SlotCount", "Waiting", "best_time", "build", "check_day", "check_promise", "draft", "slot_of",
    "with_reach",
]

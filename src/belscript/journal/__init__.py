"""The call log: every event of every call, committed as it happens, in SQLite.

Public API::

    from belscript.journal import Journal, CallRecord, UnknownCall
    journal = Journal.open()                       # $BELSCRIPT_HOME or the user data dir
    call_id = journal.start_call(name, path, dossier, practice=False)
    journal.append(call_id, event)                 # committed before it returns
    journal.finish(call_id, outcome, our_actions=..., if_broken=..., contact=...)
    journal.reach_counts(parts)                    # calls per customer and slot, reached or not
    journal.calls_since(moment)                    # recent calls without script or dossier
    journal.calls(customers=names)                 # these customers' calls, without script text
"""

from belscript.journal.paths import call_folder, home_dir
from belscript.journal.records import NO_AGREEMENT, CallRecord, CallSummary
from belscript.journal.store import Journal, UnknownCall
from belscript.private_files import write_private

__all__ = ["Journal", "CallRecord", "CallSummary", "UnknownCall", "NO_AGREEMENT", "call_folder", "home_dir", "write_private"]

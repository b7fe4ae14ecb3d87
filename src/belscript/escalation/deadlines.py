"""When a letter is assumed to arrive, and when the term it gives ends.

The *veertiendagenbrief* (art. 6:96 lid 6 BW) must give a consumer fourteen days to
pay without costs, counted from the day after the letter is received (HR 25 november
2016, ECLI:NL:HR:2016:2704). belscript cannot know when a letter arrives, so it assumes:

* **delivery**: a letter (or an e-mail with the letter attached) is received
  :data:`DELIVERY_WORKING_DAYS` working days after the day it is sent. Working days are
  Monday to Friday without Dutch public holidays (the ``holidays`` package, as
  :mod:`belscript.calltime` uses). Two days is on the safe side of ordinary post;
* **the term**: day 1 is the day after receipt, so the last day is receipt + 14 days;
* **the last day** falling on a Saturday, Sunday or public holiday moves to the next
  working day, as the Algemene termijnenwet (art. 1) does for terms set by law.

Letters state the resulting date ("uiterlijk op …") and also the rule itself, so a
letter that arrives later than assumed still gives the full fourteen days in words.
"""

from __future__ import annotations

from datetime import date, timedelta

from belscript.calltime import add_working_days, first_working_day

#: Working days between sending a letter and its assumed receipt.
DELIVERY_WORKING_DAYS = 2
#: The consumer's term to pay without costs (art. 6:96 lid 6 BW).
FOURTEEN_DAYS = 14


def assumed_receipt(sent_on: date) -> date:
    """The day a letter sent on ``sent_on`` is assumed to be received."""
    return add_working_days(sent_on, DELIVERY_WORKING_DAYS)


def term_end(sent_on: date, days: int) -> date:
    """The last day of a term of ``days`` days that starts the day after assumed receipt."""
    return first_working_day(assumed_receipt(sent_on) + timedelta(days=days))


def fourteen_day_deadline(sent_on: date) -> date:
    """The last day a consumer may pay without costs after a veertiendagenbrief sent on ``sent_on``."""
    return term_end(sent_on, FOURTEEN_DAYS)

"""The first lines of today's call list, read from the store without every customer's facts.

One query sums each customer's open invoices (open total, overdue total, oldest and
newest due date of what is overdue); with the last letter sent and who ever made a
promise, that splits the customers in two. Those with a promise, an invoice without a
due date, or nothing overdue yet are read in full (:func:`belscript.store.facts.customer_facts`)
and weighed as always; every other customer is certainly on the list with an overdue
invoice, and becomes a :class:`~belscript.worklist.shortlist.Overdue` that
:func:`~belscript.worklist.shortlist.shortlist` reads in full only when it could reach
the lines shown. The call log is read for the shortlisted customers only
(:func:`belscript.store.facts.reach_of`).

Which customers count is the same as for the whole list: those with an open invoice,
or a promise or payment in the last :data:`~belscript.store.facts.RECENT_DAYS` days.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from belscript.store.db import Database
from belscript.store.facts import RECENT_DAYS, CallSource, _money, customer_facts, reach_of
from belscript.worklist import CallList, Entry, draft
from belscript.worklist.shortlist import Overdue, shortlist


def first_lines(db: Database, now: datetime, limit: int, *, calls: CallSource | None, batch: int = 25) -> CallList:
    """Today's list with only its first ``limit`` entries; ``left_off`` says how many follow."""
    today = now.date()
    day, since = today.isoformat(), (today - timedelta(days=RECENT_DAYS)).isoformat()
    sums = db.execute(
        "SELECT customer_id, sum(open_cents), sum(CASE WHEN due_date < ? THEN open_cents ELSE 0 END),"
        " min(CASE WHEN due_date < ? THEN due_date END), max(CASE WHEN due_date < ? THEN due_date END),"
        " sum(CASE WHEN due_date IS NULL THEN 1 ELSE 0 END)"
        " FROM invoices WHERE open_cents > 0 GROUP BY customer_id", (day, day, day)).fetchall()
    promised = {int(cid) for (cid,) in db.execute("SELECT DISTINCT customer_id FROM promises").fetchall()}
    recent = {int(cid) for (cid,) in db.execute(
        "SELECT customer_id FROM promises WHERE made_at >= ? "
        "UNION SELECT customer_id FROM payments WHERE paid_on >= ? AND customer_id IS NOT NULL",
        (since, since)).fetchall()}
    certain = {int(cid): row for cid, *row in sums
               if int(cid) not in promised and row[2] is not None and not int(row[4])}
    read = sorted(({int(cid) for cid, *_row in sums} | recent) - set(certain))
    everyone = db.execute("SELECT id, number, name FROM customers ORDER BY id").fetchall()
    position = {number: int(cid) for cid, number, _name in everyone}
    result = CallList(now)
    drafts: list[tuple[int, Entry]] = []
    for facts in customer_facts(db, today, customer_ids=read):
        weighed = draft(facts, today)
        if isinstance(weighed, Entry):
            drafts.append((position[facts.key], weighed))
        elif weighed is not None:
            result.waiting.append(weighed)
    overdue = _overdue(db, everyone, certain)
    result.entries = shortlist(
        drafts, overdue, now, limit,
        expand=lambda some: customer_facts(db, today, customer_ids=[o.position for o in some]),
        reach=lambda names: reach_of(calls, names) if calls is not None else {}, batch=batch)
    result.left_off = len(drafts) + len(overdue) - len(result.entries)
    return result


def _overdue(db: Database, everyone: list, certain: dict[int, list]) -> list[Overdue]:
    """The customers certainly on the list, each with what bounds their score."""
    if not certain:
        return []
    letters = dict(db.execute("SELECT customer_id, max(sent_on) FROM letters GROUP BY customer_id").fetchall())
    found = []
    for cid, number, name in everyone:
        row = certain.get(int(cid))
        if row is None:
            continue
        open_cents, overdue_cents, oldest, newest, _undated = row
        sent = letters.get(cid)
        found.append(Overdue(int(cid), number, name, _money(open_cents), _money(overdue_cents),
                             date.fromisoformat(oldest), date.fromisoformat(newest),
                             date.fromisoformat(sent) if sent else None))
    return found

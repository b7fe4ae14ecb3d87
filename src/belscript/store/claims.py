"""Claims: which caller is phoning which customer, so two callers never phone the same one.

A claim is one row per customer, taken with a single conditional upsert that both
engines execute atomically: it succeeds when the customer is free, when the earlier
claim has expired (a caller who crashed and did not come back), when that call was
finished, or when the same caller takes it up again (``--resume``). On PostgreSQL,
:func:`claim_next` first locks the candidate customer row with
``FOR NO KEY UPDATE SKIP LOCKED`` (which leaves the foreign-key checks of event inserts
alone), so callers working the same list pass each other by
instead of queueing on one row; on SQLite the whole step is one ``BEGIN IMMEDIATE``
transaction (one writer at a time). Times come from belscript's clock, so all callers'
machines should keep their clocks right (NTP), as every office PC does.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from belscript.store.db import Database
from belscript.store.records import Claim, TeamEntry, iso

#: A caller who crashed gets this long to come back before the customer is free again.
DEFAULT_TTL = timedelta(minutes=30)

_UPSERT = ("ON CONFLICT (customer_id) DO UPDATE SET caller = excluded.caller, claimed_at = excluded.claimed_at, "
           "expires_at = excluded.expires_at, finished_at = NULL WHERE {free} RETURNING customer_id")
_TAKE = "INSERT INTO claims (customer_id, caller, claimed_at, expires_at, finished_at) VALUES (?, ?, ?, ?, NULL) " + _UPSERT
#: Whom :func:`claim` may take over: the same caller, an expired claim, a finished call.
_ANY = "claims.caller = excluded.caller OR claims.expires_at <= excluded.claimed_at OR claims.finished_at IS NOT NULL"
#: Whom :func:`claim_next` may take over: a live claim of the same caller or an expired one, or a
#: call finished before ``since``. Checked again here, on the row as committed, because the search
#: reads a snapshot: a colleague may have finished that customer a moment ago.
_NEXT = ("(claims.finished_at IS NULL AND (claims.caller = excluded.caller "
         "OR claims.expires_at <= excluded.claimed_at)) OR claims.finished_at < ?")
#: PostgreSQL's claim_next step as one statement (one round trip, no BEGIN/COMMIT of its own):
#: the first free customer, locked, and the upsert; returns that id and the id taken (NULL when refused).
_SEARCH_AND_TAKE = ("WITH free AS ({search}), taken AS (INSERT INTO claims (customer_id, caller, claimed_at, "
                    "expires_at, finished_at) SELECT id, ?, ?, ?, NULL FROM free " + _UPSERT.format(free=_NEXT) + ") "
                    "SELECT free.id, taken.customer_id FROM free LEFT JOIN taken ON true")


#: The first customer after an id without a live claim or a call finished since a moment. The
#: bound is repeated inside NOT EXISTS so both engines walk both primary keys from there.
_NEXT_FREE = ("SELECT c.id FROM customers c WHERE c.id > ? AND NOT EXISTS (SELECT 1 FROM claims k "
              "WHERE k.customer_id = c.id AND k.customer_id > ? AND ((k.finished_at IS NULL AND k.expires_at > ? "
              "AND k.caller <> ?) OR k.finished_at >= ?)) ORDER BY c.id LIMIT 1{lock}")


def claim(db: Database, customer_id: int, caller: str, *, now: datetime, ttl: timedelta = DEFAULT_TTL) -> Claim | None:
    """Claim ``customer_id`` for ``caller``; None when another caller holds it (one atomic statement)."""
    return _take(db, customer_id, caller, now, ttl)


def _take(db: Database, customer_id: int, caller: str, now: datetime, ttl: timedelta,
          since: str | None = None) -> Claim | None:
    """Take the claim row; with ``since``, not over a call finished since then (see :data:`_TAKE_NEXT`)."""
    params = (customer_id, caller, iso(now), iso(now + ttl))
    row = db.execute(_TAKE.format(free=_ANY if since is None else _NEXT), params if since is None else (*params, since),
                     prepare=True).fetchone()
    return Claim(customer_id, caller, now, now + ttl) if row else None


def claim_next(db: Database, caller: str, *, now: datetime, ttl: timedelta = DEFAULT_TTL,
               candidates: Sequence[int] | None = None, done_since: datetime | None = None,
               after: int = 0) -> Claim | None:
    """Claim the first free customer, in ``candidates`` order or by id; None when all are taken.

    Customers whose call was finished since ``done_since`` (default: the start of
    ``now``'s day) are skipped: they were already called today. Without candidates the
    search starts after id ``after`` (the caller's previous claim) and wraps around to
    the start, so a caller working down the list reads a few rows per claim instead of
    every customer claimed today (on a shared server that scan costs every caller CPU).
    """
    since = iso(done_since or now.replace(hour=0, minute=0, second=0, microsecond=0))
    if candidates is None:
        for lower in dict.fromkeys((max(after, 0), 0)):
            while True:
                found = _search_and_take(db, lower, caller, now, ttl, since)
                if found is None:
                    break
                if isinstance(found, Claim):
                    return found
                lower = found  # taken a moment ago by a colleague: search on after it
        return None
    free = ("(k.customer_id IS NULL OR (k.finished_at IS NULL AND (k.expires_at <= ? OR k.caller = ?)) "
            "OR (k.finished_at IS NOT NULL AND k.finished_at < ?))")
    params = (iso(now), caller, since)
    for start in range(0, len(candidates), 200):
        chunk = list(candidates[start:start + 200])
        marks = ", ".join("?" for _ in chunk)
        with db.transaction():
            rows = db.execute(f"SELECT c.id FROM customers c LEFT JOIN claims k ON k.customer_id = c.id "
                              f"WHERE c.id IN ({marks}) AND {free}", (*chunk, *params)).fetchall()
            free_ids = {int(r[0]) for r in rows}
            for customer_id in chunk:
                if customer_id in free_ids:
                    taken = _take(db, customer_id, caller, now, ttl, since)
                    if taken is not None:
                        return taken
    return None


def _search_and_take(db: Database, lower: int, caller: str, now: datetime, ttl: timedelta,
                     since: str) -> Claim | int | None:
    """Claim the first free customer after id ``lower``: the claim, the id of one a colleague
    took a moment ago (search on after it), or None when none is free."""
    search = (lower, lower, iso(now), caller, since)
    if db.engine == "postgresql":
        row = db.execute(_SEARCH_AND_TAKE.format(search=_NEXT_FREE.format(lock=" FOR NO KEY UPDATE OF c SKIP LOCKED")),
                         (*search, caller, iso(now), iso(now + ttl), since), prepare=True).fetchone()
        if row is None:
            return None
        return Claim(int(row[0]), caller, now, now + ttl) if row[1] is not None else int(row[0])
    with db.transaction():  # SQLite: the single writer from the search to the take
        row = db.execute(_NEXT_FREE.format(lock=""), search).fetchone()
        if row is None:
            return None
        return _take(db, int(row[0]), caller, now, ttl, since) or int(row[0])


def release(db: Database, customer_id: int, caller: str, *, now: datetime, finished: bool = True) -> bool:
    """End ``caller``'s claim: mark the call finished, or give the customer back unworked (one statement)."""
    if finished:
        cur = db.execute("UPDATE claims SET finished_at = ? WHERE customer_id = ? AND caller = ? "
                         "AND finished_at IS NULL RETURNING customer_id", (iso(now), customer_id, caller), prepare=True)
    else:
        cur = db.execute("DELETE FROM claims WHERE customer_id = ? AND caller = ? AND finished_at IS NULL "
                         "RETURNING customer_id", (customer_id, caller))
    return cur.fetchone() is not None


def holder(db: Database, customer_id: int, *, now: datetime) -> str | None:
    """The caller currently phoning this customer, if any."""
    row = db.execute("SELECT caller FROM claims WHERE customer_id = ? AND finished_at IS NULL AND expires_at > ?",
                     (customer_id, iso(now))).fetchone()
    return row[0] if row else None


def current(db: Database, customer_id: int, *, now: datetime) -> Claim | None:
    """The live claim on this customer (who, since when), if any: for "Marieke belt deze klant al"."""
    row = db.execute("SELECT caller, claimed_at, expires_at FROM claims WHERE customer_id = ? "
                     "AND finished_at IS NULL AND expires_at > ?", (customer_id, iso(now))).fetchone()
    if row is None:
        return None
    return Claim(customer_id, row[0], datetime.fromisoformat(row[1]), datetime.fromisoformat(row[2]))


def extend(db: Database, customer_id: int, caller: str, *, now: datetime, ttl: timedelta = DEFAULT_TTL) -> bool:
    """Keep ``caller``'s live claim for another ``ttl`` (a long call must not expire); False if it is gone."""
    row = db.execute("UPDATE claims SET expires_at = ? WHERE customer_id = ? AND caller = ? "
                     "AND finished_at IS NULL AND expires_at > ? RETURNING customer_id",
                     (iso(now + ttl), customer_id, caller, iso(now))).fetchone()
    return row is not None


def today(db: Database, *, now: datetime) -> list[TeamEntry]:
    """Who calls whom now and who called whom since the start of today, oldest first.

    For the call list: live claims (``finished_at`` None) and calls finished today;
    expired claims of a caller who never came back are left out.
    """
    since = iso(now.replace(hour=0, minute=0, second=0, microsecond=0))
    rows = db.execute(
        "SELECT k.customer_id, c.number, c.name, k.caller, k.claimed_at, k.finished_at FROM claims k "
        "JOIN customers c ON c.id = k.customer_id "
        "WHERE (k.finished_at IS NULL AND k.expires_at > ?) OR k.finished_at >= ? ORDER BY k.claimed_at, c.number",
        (iso(now), since)).fetchall()
    return [TeamEntry(int(r[0]), r[1], r[2], r[3], datetime.fromisoformat(r[4]),
                      datetime.fromisoformat(r[5]) if r[5] else None) for r in rows]


def called_since(db: Database, since: datetime) -> list[tuple[int, str, datetime]]:
    """Who called whom since ``since`` (finished calls): (customer id, caller, finished at)."""
    return [(int(r[0]), r[1], datetime.fromisoformat(r[2])) for r in db.execute(
        "SELECT customer_id, caller, finished_at FROM claims WHERE finished_at >= ? ORDER BY finished_at",
        (iso(since),))]

"""Where the hub keeps a row's state: the station version it applied, the outcome, the
shadow (``diverged``) and the return package that acknowledged it.

A row applied as its station sent it (the usual case) keeps its state in its own city
row: outcome ``applied``, the row's ``version``, and ``applied_in``, the station package
that applied it; the return packages covering that package acknowledge it. Any other
state (merged, conflict, held, rejected, a city correction) is a ``city_row_state`` row,
and the city row's ``applied_in`` is ``EXPLICIT``. A row state, once explicit, stays
explicit.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, NamedTuple

import peewee as pw

from swdesk.city import bulk
from swdesk.city import models as m
from swdesk.sync.rows import in_chunks

CHUNK = 2000  # uids per IN (...) list


class State(NamedTuple):
    version: int
    outcome: str
    diverged: str | None
    fields: str
    station: str
    explicit: bool
    number: int  # the station package that set ``version`` (0: unknown, the first epoch)


def read(db: pw.Database | bulk.Shared, entity: str, uids: Iterable[str], *,
         explicit: bool = True) -> dict[str, State]:
    """uid -> state, of the ``uids`` the hub has seen (explicit or in their city row).

    ``db`` may be the transaction's connection shared with a background thread;
    ``explicit=False`` if the caller knows that no row of ``entity`` has an explicit state.
    """
    out: dict[str, State] = {}
    p = db.param
    wanted = list(uids)
    for part in in_chunks(wanted, CHUNK) if explicit else ():
        sql = (f'SELECT uid, version, outcome, diverged, fields, station, number '
               f'FROM "city_row_state" '
               f'WHERE entity = {p} AND uid IN ({", ".join([p] * len(part))})')
        for uid, version, outcome, diverged, fields, station, number in db.execute_sql(
                sql, [entity, *part]):
            out[uid] = State(int(version), outcome, diverged, fields, station, True,
                             int(number or 0))
    rest = [u for u in wanted if u not in out]
    for part in in_chunks(rest, CHUNK):
        sql = (f'SELECT uid, version, origin, applied_in FROM "{m.table(entity)}" '
               f'WHERE uid IN ({", ".join([p] * len(part))})')
        for uid, version, origin, applied_in in db.execute_sql(sql, part):
            out[uid] = State(int(version), "applied", None, "", origin, False,
                             max(int(applied_in or 0), 0))
    return out


def any_explicit(db: pw.Database, entity: str) -> bool:
    """Whether any row of ``entity`` has an explicit state."""
    sql = f'SELECT 1 FROM "city_row_state" WHERE entity = {db.param} LIMIT 1'
    return db.execute_sql(sql, (entity,)).fetchone() is not None


def make_explicit(db: pw.Database, entity: str, uids: Iterable[str]) -> None:
    """Give the rows of ``uids`` whose state is in their city row a ``city_row_state``
    row with that state, before it changes in ways only that table can hold."""
    p = db.param
    table = m.table(entity)
    implicit = f"(applied_in IS NULL OR applied_in <> {m.EXPLICIT})"
    # Acknowledged first by the first return package that covers the applying package.
    acked = ('(SELECT min(r."number") FROM "city_package" r WHERE r.station = t.origin '
             "AND r.kind = 'return' AND r.covers >= t.applied_in)")
    for part in in_chunks(sorted(set(uids)), CHUNK):
        marks = ", ".join([p] * len(part))
        db.execute_sql(
            f'INSERT INTO "city_row_state" (entity, uid, station, version, seq, outcome, '
            f"reason, fields, diverged, acked_in, number) "
            f"SELECT {p}, t.uid, t.origin, t.version, 0, 'applied', '', '', NULL, {acked}, "
            f"coalesce(t.applied_in, 0) "
            f'FROM "{table}" t WHERE t.uid IN ({marks}) AND {implicit} '
            f"ON CONFLICT DO NOTHING", [entity, *part])
        db.execute_sql(f'UPDATE "{table}" SET applied_in = {m.EXPLICIT} '
                       f'WHERE uid IN ({marks}) AND {implicit}', part)


def explicit(db: pw.Database, entity: str, uid: str) -> Any:
    """The ``city_row_state`` row of ``uid`` (made from its city row if need be)."""
    make_explicit(db, entity, [uid])
    return m.CityRowState.get((m.CityRowState.entity == entity)
                              & (m.CityRowState.uid == uid))

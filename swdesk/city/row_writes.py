"""The last step of applying rows: writing what they came to (inside the caller's
transaction): new and merged city rows, row states, the quarantine and open conflicts.

Each goes in many rows at a time: a package may hold a million rows, or a million
rejected ones.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable
from operator import itemgetter
from typing import Any

import peewee as pw

from swdesk.city import bulk, row_states
from swdesk.city import models as m
from swdesk.city.chunk_validation import dump
from swdesk.city.links import Links
from swdesk.city.prepare import Rejected, insert_columns, record_lists, rejected_as
from swdesk.model.base import now
from swdesk.sync import codec

Row = dict[str, Any]
StateRow = tuple[Any, ...]  # a city_row_state row, as ``state_row`` makes it

_QUARANTINE_COLUMNS = ("station", "entity", "uid", "version", "reason", "data", "at",
                       "acked_in")
# From this many row states on PostgreSQL, ``upsert_states`` upserts them from a
# temporary table filled by COPY.
_MANY_BY_COPY = 100
_STATES = "swdesk_states"
_ROW_STATE = m.CityRowState._meta.table_name


class RowWriter:
    """Writes for one package from ``station`` (its ``number``), through ``jobs``."""

    def __init__(self, db: pw.Database, jobs: bulk.Background, station: str, number: int,
                 counts: Counter[str], links: Links, explicit: dict[str, bool]) -> None:
        self.db = db
        self.jobs = jobs
        self.station = station
        self.number = number
        self.counts = counts
        self.links = links  # told of the rows inserted
        self.explicit = explicit  # entity -> whether any of its rows has an explicit state
        # Rejected rows waiting for their quarantine insert (``flush_quarantine``).
        self.quarantine: list[tuple[Any, ...]] = []
        self.at = str(now())  # when rows are quarantined: set for each chunk

    # --- the quarantine ----------------------------------------------------------------------

    def keep(self, entity: codec.Entity, uid: str, version: int, reason: str,
             row: Any) -> None:
        """Keep ``row`` in the quarantine (at the next ``flush_quarantine``)."""
        self.quarantine.append((self.station, entity.name, uid, version, reason, dump(row),
                                self.at, None))
        self.counts["rejected"] += 1

    def reject(self, entity: codec.Entity, row: Any, reason: str,
               states: list[StateRow]) -> None:
        """Keep ``row`` in the quarantine, its state rejected."""
        uid, version, seq = rejected_as(row)
        self.keep(entity, uid, version, reason, row)
        if uid != "?":
            states.append((entity.name, uid, self.station, version, seq, "rejected", reason,
                           "", None))

    def reject_lines(self, entity: codec.Entity, rejects: list[Rejected],
                     text_of: Callable[[int], str], states: list[StateRow]) -> None:
        """Quarantine the rows that failed validation (``rejects``, ``prepare.check``);
        ``text_of`` gives the text kept of the row of a line."""
        name, station, at = entity.name, self.station, self.at
        append, add = self.quarantine.append, states.append
        for i, uid, version, seq, reason in rejects:
            append((station, name, uid, version, reason, text_of(i), at, None))
            if uid != "?":
                add((name, uid, station, version, seq, "rejected", reason, "", None))
        self.counts["rejected"] += len(rejects)

    def flush_quarantine(self) -> None:
        """Insert the rows rejected so far into the quarantine, all at once (executemany on
        SQLite, COPY on PostgreSQL): one insert a row cost 282 s a million rows."""
        rows, self.quarantine = self.quarantine, []
        if rows:
            self.jobs.insert(m.CityQuarantine._meta.table_name, _QUARANTINE_COLUMNS, rows)
            self.jobs.wait()  # (looked up by the rows after: ``Links.quarantined``)

    # --- row states --------------------------------------------------------------------------

    def upsert_states(self, states: list[StateRow], new_uids: Iterable[str] = ()) -> None:
        """Record ``states``; ``new_uids``: uids among them the hub had no state of."""
        if not states:
            return
        # By entity, then uid (two stable sorts: a chunk's are of one entity, and sorting
        # by one text is a third of the time of sorting by a pair).
        states.sort(key=itemgetter(1))
        states.sort(key=itemgetter(0))
        # A row whose state was in its city row gets it here first, as it was: the upsert
        # below then keeps its shadow and never takes over another station's row.
        by_entity: dict[str, list[str]] = {}
        new = set(new_uids)
        for s in states:
            if s[1] not in new:
                by_entity.setdefault(s[0], []).append(s[1])
            self.explicit[s[0]] = True
        for name, uids in by_entity.items():
            row_states.make_explicit(self.db, name, uids)
        # One state a row (the last one given): a statement may not update a row twice.
        rows = list({(s[0], s[1]): (*s, self.number, None) for s in states}.values())
        cols = ("entity", "uid", "station", "version", "seq", "outcome", "reason", "fields",
                "diverged", "number", "acked_in")
        sets = ", ".join(f'"{c}" = EXCLUDED."{c}"' for c in cols
                         if c not in ("entity", "uid", "acked_in", "diverged", "fields"))
        # A held or rejected version leaves the row as it was: keep its shadow and conflicts.
        kept = "CASE WHEN EXCLUDED.outcome IN ('held', 'rejected') THEN city_row_state.{0} " \
               "ELSE EXCLUDED.{0} END"
        upsert = (f'ON CONFLICT ("entity", "uid") '
                  f'DO UPDATE SET {sets}, "acked_in" = NULL, '
                  f'"diverged" = {kept.format("diverged")}, "fields" = {kept.format("fields")} '
                  # never take over another station's row state (a uid clash)
                  f'WHERE city_row_state.station = EXCLUDED.station')
        names = ", ".join(cols)
        into = f'INSERT INTO "city_row_state" ({names})'
        if not isinstance(self.db, pw.PostgresqlDatabase) or len(rows) < _MANY_BY_COPY:
            marks = ", ".join([self.db.param] * len(cols))
            self.db.cursor().executemany(f"{into} VALUES ({marks}) {upsert}", rows)
            return
        # psycopg2's executemany is one round trip a row (a package may reject a million):
        # the states go in with COPY, straight into the table where none is there yet (the
        # usual case: rejected rows new to the hub), else into a temporary table from
        # which one statement upserts them.
        self.jobs.wait()
        if not by_entity and self._copy_new(_ROW_STATE, cols, rows):
            return
        self.db.execute_sql(f'CREATE TEMPORARY TABLE IF NOT EXISTS "{_STATES}" '
                            '(LIKE "city_row_state") ON COMMIT DROP')
        self.db.execute_sql(f'TRUNCATE "{_STATES}"')
        self.jobs.insert(_STATES, cols, rows)
        self.jobs.wait()
        self.db.execute_sql(f'{into} SELECT {names} FROM "{_STATES}" {upsert}')

    def _copy_new(self, table: str, cols: tuple[str, ...], rows: list[tuple[Any, ...]]
                  ) -> bool:
        """COPY ``rows`` into ``table`` if none of their keys is there; False, with nothing
        written, if one is (PostgreSQL)."""
        self.db.execute_sql("SAVEPOINT swdesk_new")
        try:
            self.jobs.insert(table, cols, rows)
            self.jobs.wait()
        except pw.IntegrityError:
            self.db.execute_sql("ROLLBACK TO SAVEPOINT swdesk_new")
            return False
        finally:
            self.db.execute_sql("RELEASE SAVEPOINT swdesk_new")
        return True

    # --- city rows ---------------------------------------------------------------------------

    def write(self, entity: codec.Entity, inserts: list[tuple[Any, ...]],
              updates: list[tuple[Row, int]], inserted: list[Row]) -> None:
        """Insert new rows (their stored values, ``codec.columns_of`` order, then applied_in)
        and update others (with their applied_in); ``inserted`` are the new rows themselves."""
        cols = insert_columns(entity)
        names = codec.keys_of(entity)
        lists = entity.name == "service_record"
        if lists:  # its participants and partner shares, as JSON columns
            inserts = [t + _lists(r) for t, r in zip(inserts, inserted, strict=True)]
        p = self.db.param
        table = m.table(entity.name)
        if updates:
            sets = ", ".join(f'"{c}" = {p}' for c in cols[1:])
            sql = f'UPDATE "{table}" SET {sets} WHERE uid = {p}'
            self.db.cursor().executemany(sql, [
                (*map(r.get, names[1:]), mark, *(_lists(r) if lists else ()), r["uid"])
                for r, mark in updates])
        if inserts:  # last: on PostgreSQL they may still be going in when this returns
            inserts.sort(key=itemgetter(0))
            # Validated rows hold booleans as booleans already: param() is for other callers.
            self.jobs.insert(table, cols, inserts)
            self.links.add(entity.name, (t[0] for t in inserts))

    def record_conflicts(self, entity: codec.Entity, row: Row,
                         conflicts: dict[str, Any]) -> None:
        """Open (or update) a conflict per field of ``conflicts``; close the row's others."""
        open_ = {c.field: c for c in m.CityConflict.select().where(
            (m.CityConflict.entity == entity.name) & (m.CityConflict.uid == row["uid"])
            & m.CityConflict.closed_at.is_null())}
        for name, (b, o, t) in conflicts.items():
            values = {"base_value": _j(b), "station_value": _j(t), "city_value": _j(o),
                      "version": row["version"]}
            if name in open_:
                m.CityConflict.update(**values).where(
                    m.CityConflict.id == open_[name].id).execute()
            else:
                m.CityConflict.create(station=self.station, entity=entity.name,
                                      uid=row["uid"], field=name, created_at=now(), **values)
        done = [c.id for f, c in open_.items() if f not in conflicts]
        if done:
            m.CityConflict.update(closed_at=now()).where(m.CityConflict.id.in_(done)).execute()


def seq_of(row: Any) -> int:
    """The row's change number at its station, if it can be stored (else 0)."""
    seq = row.get(codec.SEQ) if isinstance(row, dict) else None
    return seq if type(seq) is int and 0 <= seq <= codec.MAX_VERSION else 0


def state_row(entity: codec.Entity, row: Row, station: str, outcome: str,
              conflicts: dict[str, Any], diverged: Row | None) -> StateRow:
    return (entity.name, row["uid"], station, row["version"], seq_of(row), outcome, "",
            json.dumps(sorted(conflicts)) if conflicts else "",
            None if diverged is None else json.dumps(diverged, ensure_ascii=False))


def _lists(row: Row) -> tuple[str, str]:
    return record_lists(row.get(codec.PARTICIPANTS), row.get(codec.PARTNERS))


def _j(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)

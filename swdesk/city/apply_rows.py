"""Applying one station package's rows to the city database (inside the caller's transaction).

Rows come in chunks made ready by ``prepare``. A plain chunk (every row valid and
new to the city, every link to a row it holds) goes in as it is, many rows at a
time (``bulk``): a full package holds a million rows. Any other chunk goes row by
row: validate (a bad row is quarantined and acknowledged as rejected), skip what
was already applied, hold a row whose linked row has not arrived, then insert it,
or merge it field by field with the city's row.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache, partial
from operator import itemgetter
from typing import Any

import orjson
import peewee as pw

from swdesk.city import bulk, row_states
from swdesk.city import models as m
from swdesk.city.prepare import (
    COPY,
    IMAGE,
    Piece,
    Plain,
    Rejected,
    Setting,
    check,
    insert_columns,
    links_of,
    record_lists,
    rejected_as,
)
from swdesk.city.row_states import CHUNK, State
from swdesk.model.base import now
from swdesk.sync import codec
from swdesk.sync.merge import differing, merge
from swdesk.sync.rows import in_chunks

# Rows applied together. Their inserts go in uid order: the uid indexes are random, and
# a bigger sorted batch touches their pages in order (a tenth faster at full size).
APPLY_CHUNK = 10_000
Row = dict[str, Any]


def param(kind: str, value: Any) -> Any:
    if value is None:
        return None
    if kind == "bool":
        return bool(value)
    return value


def read_city_rows(db: pw.Database, entity: codec.Entity, uids: list[str]) -> dict[str, Row]:
    """City rows in package form (whole rows), by uid."""
    cols = ", ".join(f'"{c}"' for c in ("uid", "origin", "version", "updated_at", "deleted",
                                        *m.data_columns(entity)))
    out: dict[str, Row] = {}
    p = db.param
    for part in in_chunks(uids, CHUNK):
        sql = (f'SELECT {cols} FROM "{m.table(entity.name)}" '
               f'WHERE uid IN ({", ".join([p] * len(part))})')
        for r in db.execute_sql(sql, part):
            row: Row = {"uid": r[0], "origin": r[1], "version": int(r[2]),
                        "updated_at": codec.encode("datetime", r[3]), "deleted": bool(r[4])}
            for n, c in enumerate(entity.columns, 5):
                row[c.name] = r[n] if c.kind == "link" else codec.encode(c.kind, r[n])
            out[r[0]] = row
    return out


def data_of(entity: codec.Entity, row: Row) -> Row:
    out = {c.name: row.get(c.name) for c in entity.columns}
    out["deleted"] = bool(row.get("deleted"))
    return out


@dataclass
class Outcome:
    counts: Counter[str] = field(default_factory=Counter)
    held_seqs: list[int] = field(default_factory=list)


class Applier:
    """Applies the rows of one package from ``station``."""

    def __init__(self, db: pw.Database, station: str, codes: dict[str, frozenset[str]],
                 number: int, epoch_from: int = 0) -> None:
        self.db = db
        self.station = station
        self.number = number  # the package's number: applied_in of the rows it applies
        # The first package of the station's epoch: a version a package before it set
        # belongs to an older numbering (a restored station), so it is no duplicate.
        self.epoch_from = epoch_from
        self.codes = codes
        self.known: dict[str, set[str]] = {}
        # Whether an entity's rows may have explicit states: if none has, looking a chunk's
        # uids up there is skipped (the usual case of a new hub).
        self.explicit: dict[str, bool] = {}
        self.result = Outcome()
        self.progress: Callable[[int], None] | None = None  # hears the rows read so far
        self.read = 0
        # New rows go in, and the next chunk's row states are read, through here: on
        # PostgreSQL while this process reads that chunk. wait() before any other use of
        # the database.
        self.jobs = bulk.Background(db)
        self.setting = Setting(station, codes, number)  # what checking rows needs
        # Rejected rows waiting for their quarantine insert (``_flush_quarantine``): many at
        # a time, as a package may hold a million of them.
        self.quarantine: list[tuple[Any, ...]] = []
        self.at = str(now())  # when rows are quarantined: set for each chunk

    # --- links -------------------------------------------------------------------------------

    def _absent(self, entity: str, uids: set[str]) -> set[str]:
        """Which of ``uids`` the city table of ``entity`` lacks."""
        known = self.known.setdefault(entity, set())
        unknown = uids - known
        p = self.db.param
        for part in in_chunks(sorted(unknown), CHUNK):
            sql = (f'SELECT uid FROM "{m.table(entity)}" '
                   f'WHERE uid IN ({", ".join([p] * len(part))})')
            known.update(u for (u,) in self.db.execute_sql(sql, part))
        return unknown - known

    def _quarantined(self, uids: set[str]) -> set[str]:
        """Which of ``uids`` are in the quarantine (one look-up a few thousand uids)."""
        p, table = self.db.param, m.CityQuarantine._meta.table_name
        found: set[str] = set()
        if isinstance(self.db, pw.PostgresqlDatabase):  # one array: no plan of 2,000 params
            sql = f'SELECT DISTINCT uid FROM "{table}" WHERE uid = ANY({p})'
            found.update(u for (u,) in self.db.execute_sql(sql, (sorted(uids),)))
            return found
        for part in in_chunks(sorted(uids), CHUNK):
            sql = (f'SELECT DISTINCT uid FROM "{table}" '
                   f'WHERE uid IN ({", ".join([p] * len(part))})')
            found.update(u for (u,) in self.db.execute_sql(sql, part))
        return found

    def _missing_links(self, entity: codec.Entity, rows: list[Row],
                       columns: dict[str, tuple[Any, ...]]) -> dict[str, list[str]]:
        """uid -> linked uids that the city does not hold (yet), of ``rows``.

        ``columns`` hold the link values of these rows or more (only looked up).
        """
        if not rows:
            return {}
        records = entity.name == "service_record"
        wanted = links_of(entity, columns,
                          [r.get(codec.PARTICIPANTS) for r in rows] if records else (),
                          [r.get(codec.PARTNERS) for r in rows] if records else ())
        absent = {t: self._absent(t, uids) for t, uids in wanted.items()}
        if not any(absent.values()):
            return {}  # the usual case: every linked row is here
        missing: dict[str, list[str]] = {}
        for row in rows:
            gone: list[str] = []
            for c in entity.columns:
                v = row.get(c.name)
                if c.kind == "link" and isinstance(v, str) and v in absent[c.target]:
                    gone.append(v)
            if entity.name == "service_record":
                gone += [u for u in row.get(codec.PARTICIPANTS) or []
                         if u in absent["client"]]
                gone += [p.get("partner") for p in row.get(codec.PARTNERS) or []
                         if p.get("partner") in absent["partner"]]
            if gone:
                missing[row["uid"]] = gone
        return missing

    # --- rows --------------------------------------------------------------------------------

    def apply_entity(self, entity: codec.Entity, pieces: Iterable[Piece]) -> None:
        """Apply the rows of ``entity``, a prepared chunk at a time (``prepare.Preparer``)."""
        done = False
        try:
            self._apply_entity(entity, pieces)
            done = True
        finally:  # nothing may be left running once this returns or fails
            self.jobs.close(quiet=not done)

    def _apply_entity(self, entity: codec.Entity, pieces: Iterable[Piece]) -> None:
        self.explicit[entity.name] = row_states.any_explicit(self.db, entity.name)
        waiting: list[Row] = []
        chunks = iter(pieces)
        current = next(chunks, None)
        states = self._states_soon(entity, current)
        while current is not None:
            following = next(chunks, None)  # prepared while the server works
            waiting += self._piece(entity, current, states)
            # After the chunk's inserts: a uid twice in the package finds its first row.
            states = self._states_soon(entity, following)
            self._advance(len(current.raws))
            current = following
        self.jobs.wait()
        while waiting:  # rows linking to rows of the same table that came later in it
            retry = self._chunk(entity, waiting)
            if len(retry) == len(waiting):
                self.jobs.wait()
                self._hold(entity, retry)
                break
            waiting = retry

    def _states_soon(self, entity: codec.Entity, piece: Piece | None
                     ) -> Callable[[], dict[str, State]]:
        """The row states of ``piece``'s uids, read in the background (on PostgreSQL)."""
        if piece is None:
            return dict
        explicit = self.explicit[entity.name]
        if piece.plain is not None and not explicit:
            # Needed only if its insert finds one of its uids in the city table (_piece):
            # read then, after the jobs before (on the caller's connection).
            return cache(partial(row_states.read, self.db, entity.name, piece.plain.uids,
                                 explicit=False))
        if piece.plain is not None:
            uids = piece.plain.uids
        elif piece.prepared.rejects is not None:  # checked: the valid rows and rejected ones
            valid = [r["uid"] for r in piece.valid_rows()]
            # Of a rejected row only an implicit state matters (``_upsert_states`` makes it
            # explicit first): its city row is looked up, not ``city_row_state``.
            rejected = [r[1] for r in piece.prepared.rejects if r[1] != "?"]
            return self.jobs.query(lambda db: {
                **row_states.read(db, entity.name, rejected, explicit=False),
                **row_states.read(db, entity.name, valid, explicit=explicit)})
        else:  # (before the rows are checked: a row whose uid is no uid is rejected anyway)
            uids = [u for r in piece.rows() if type(r) is dict
                    and codec.is_ident(u := r.get("uid"))]
        return self.jobs.query(partial(row_states.read, entity=entity.name, uids=uids,
                                       explicit=explicit))

    def _piece(self, entity: codec.Entity, piece: Piece,
               states_of: Callable[[], dict[str, State]]) -> list[Row]:
        """Apply one chunk; returns rows waiting for a linked row."""
        plain = piece.plain
        if plain is not None:
            self.jobs.wait()
            # The usual chunk of a full package: new rows, linking to rows the city holds.
            if not any(self._absent(target, uids) for target, uids in plain.links.items()):
                if self.explicit[entity.name]:
                    if not states_of():
                        self._insert_plain(entity, plain)
                        self._count_plain(entity, plain)
                        return []
                elif self._insert_new(entity, plain):
                    return []
        if plain is None and piece.prepared.rejects is not None:
            return self._chunk(entity, piece.valid_rows(), states_of,
                               rejected=(piece.prepared.rejects, piece.lines()))
        return self._chunk(entity, piece.rows(), states_of, plain=plain is not None)

    def _insert_new(self, entity: codec.Entity, plain: Plain) -> bool:
        """Insert a plain chunk, no row of which has an explicit state, if none of its uids
        is in the city table; False, with nothing written, if one is. The table's unique
        index tells, at no cost, instead of a look-up of each uid (a sixth of a full
        ingest on SQLite, the server's busiest work after the inserts on PostgreSQL)."""
        self.db.execute_sql("SAVEPOINT swdesk_plain")
        try:
            self._insert_plain(entity, plain)
            self.jobs.wait()  # (on PostgreSQL the COPY has gone in, or failed, by now)
        except (pw.IntegrityError, sqlite3.IntegrityError):
            self.db.execute_sql("ROLLBACK TO SAVEPOINT swdesk_plain")
            return False
        finally:
            self.db.execute_sql("RELEASE SAVEPOINT swdesk_plain")
        self._count_plain(entity, plain)
        return True

    def _insert_plain(self, entity: codec.Entity, plain: Plain) -> None:
        table, cols = m.table(entity.name), insert_columns(entity)
        if plain.form == COPY:
            self.jobs.insert_copy(table, cols, plain.data)
        elif plain.form == IMAGE:
            self.jobs.insert_image(table, cols, plain.data)
        else:
            self.jobs.insert(table, cols, plain.data)

    def _count_plain(self, entity: codec.Entity, plain: Plain) -> None:
        self.known.setdefault(entity.name, set()).update(plain.uids)
        self.result.counts["applied"] += len(plain.uids)

    def _advance(self, rows: int) -> None:
        self.read += rows
        if self.progress is not None and rows:
            self.progress(self.read)

    def _reject(self, entity: codec.Entity, row: Any, reason: str, states: list[tuple]) -> None:
        uid, version, seq = rejected_as(row)
        self._quarantine(entity, uid, version, reason, row)
        if uid != "?":
            states.append((entity.name, uid, self.station, version, seq, "rejected", reason,
                           "", None))

    def _reject_lines(self, entity: codec.Entity, rejects: list[Rejected],
                      data: Callable[[int], str], states: list[tuple]) -> None:
        """Quarantine the rows that failed validation (``rejects``, ``prepare.check``);
        ``data`` gives the text kept of the row of a line."""
        name, station, at = entity.name, self.station, self.at
        append, add = self.quarantine.append, states.append
        for i, uid, version, seq, reason in rejects:
            append((station, name, uid, version, reason, data(i), at, None))
            if uid != "?":
                add((name, uid, station, version, seq, "rejected", reason, "", None))
        self.result.counts["rejected"] += len(rejects)

    def _quarantine(self, entity: codec.Entity, uid: str, version: int, reason: str,
                    row: Any) -> None:
        """Keep ``row`` in the quarantine (at the next ``_flush_quarantine``)."""
        self.quarantine.append((self.station, entity.name, uid, version, reason, _dump(row),
                                self.at, None))
        self.result.counts["rejected"] += 1

    def _flush_quarantine(self) -> None:
        """Insert the rows rejected so far into the quarantine, all at once (executemany on
        SQLite, COPY on PostgreSQL): one insert a row cost 282 s a million rows."""
        rows, self.quarantine = self.quarantine, []
        if rows:
            self.jobs.insert(m.CityQuarantine._meta.table_name, _QUARANTINE_COLUMNS, rows)
            self.jobs.wait()  # (looked up by the rows after: ``_quarantined``)

    def _hold(self, entity: codec.Entity, rows: list[Row]) -> None:
        states = []
        for row in rows:
            states.append((entity.name, row["uid"], self.station, row["version"], _seq(row),
                           "held", "waiting for a linked row", "", None))
            self.result.held_seqs.append(_seq(row))
            self.result.counts["held"] += 1
        self._upsert_states(states)

    def _chunk(self, entity: codec.Entity, rows: list[Any],
               states_of: Callable[[], dict[str, State]] | None = None, *,
               plain: bool = False,
               rejected: tuple[list[Rejected], list[bytes]] | None = None) -> list[Row]:
        """Apply what can be applied; returns rows waiting for a linked row.

        ``states_of`` gives the row states of (at least) these rows' uids, if they were
        read already; ``plain``: the rows are known to be (``prepare``) valid, this
        station's and distinct; ``rejected``: ``prepare`` checked the chunk, ``rows`` are
        its valid ones, and these (with the chunk's lines) the rejected ones."""
        if not rows and not rejected:
            return []
        self.at = str(now())
        states: list[tuple] = []
        data: Callable[[int], str]
        if rejected is not None:
            rejects, lines = rejected
            data = partial(_line_text, lines)
        else:
            rejects = [] if plain else check(self.setting, entity, rows)
            if rejects:
                bad = {r[0] for r in rejects}
                data = partial(_row_text, rows)
                rows = [r for i, r in enumerate(rows) if i not in bad]
        tuples, columns = codec.columns_of(entity, rows)
        stored = {id(r): t for r, t in zip(rows, tuples, strict=True)}  # values to insert
        good: list[Row] = rows if plain else []
        seen: set[str] = set()  # (a uid of an earlier chunk has its row state by now)
        for row in () if plain else rows:  # (all valid here)
            if row["uid"] in seen:  # a line twice in the package: the first one counts
                self.result.counts["duplicate"] += 1
            else:
                seen.add(row["uid"])
                good.append(row)
        self.jobs.wait()  # the database from here on: the last chunk's rows are in
        if rejects:
            self._reject_lines(entity, rejects, data, states)
        old_states = (states_of() if states_of is not None else
                      row_states.read(self.db, entity.name, [r["uid"] for r in good],
                                      explicit=self.explicit.get(entity.name, True)))
        # Rejected rows the hub has never seen need no state made explicit first: the
        # states of every uid of the chunk were read (``_states_soon``), or none was bad.
        new_uids = {s[1] for s in states if s[1] not in old_states}
        fresh: list[Row] = [] if old_states else good  # (none seen before: all are fresh)
        for row in good if old_states else ():
            old = old_states.get(row["uid"])
            if old is not None and old.station != self.station:
                # The uid is another station's: quarantined, and acknowledged from there.
                self._quarantine(entity, row["uid"], row["version"],
                                 "uid: the row belongs to another station", row)
            elif _already(old, row["version"], self.epoch_from):
                self.result.counts["duplicate"] += 1
            else:
                fresh.append(row)
        self._flush_quarantine()
        missing = self._missing_links(entity, fresh, columns)
        waiting: list[Row] = []
        ready: list[Row] = [] if missing else fresh
        kept = self._quarantined(set().union(*missing.values())) if missing else set()
        for row in fresh if missing else ():
            gone = missing.get(row["uid"])
            if gone and any(u in kept for u in gone):
                self._reject(entity, row, "linked row was rejected: " + gone[0], states)
            elif gone:
                waiting.append(row)
            else:
                ready.append(row)
        # Rows new to the city (no row state) are inserted as they are; a city row has a
        # row state (in itself or explicit), so only the others are read.
        city_rows = read_city_rows(self.db, entity,
                                   [r["uid"] for r in ready if r["uid"] in old_states])
        inserts: list[Row] = []
        marks: list[int] = []  # applied_in of each insert: this package, or EXPLICIT
        updates: list[tuple[Row, int]] = []
        if not old_states:  # all new to the city: the loop below would insert each
            inserts, marks = ready, [self.number] * len(ready)
            self.result.counts["applied"] += len(ready)
        for row in ready if old_states else ():
            ours = city_rows.get(row["uid"])
            old = old_states.get(row["uid"])
            if ours is None and old is None:  # new to the city: the usual case
                inserts.append(row)
                marks.append(self.number)
                self.result.counts["applied"] += 1
                continue
            if ours is not None and ours["origin"] != self.station:
                self._reject(entity, row, "uid: the row belongs to another station", states)
                continue
            if ours is None:  # held or rejected before: its row state is explicit
                inserts.append(row)
                marks.append(m.EXPLICIT)
                states.append(_state(entity, row, self.station, "applied", {}, None))
                self.result.counts["applied"] += 1
                continue
            theirs = data_of(entity, row)
            merged, outcome, conflicts = self._merge(entity, row, ours, theirs, old)
            diverged = None if not differing(entity, merged, theirs) else theirs
            if (old is not None and not old.explicit and outcome == "applied"
                    and diverged is None):
                updates.append(({**row, **merged}, self.number))  # its state stays in it
            else:
                updates.append(({**row, **merged}, m.EXPLICIT))
                states.append(_state(entity, row, self.station, outcome, conflicts, diverged))
            if conflicts or (old is not None and old.fields):
                self._record_conflicts(entity, row, conflicts)
            self.result.counts[outcome] += 1
        self._flush_quarantine()
        self._upsert_states(states, new_uids)
        self._write(entity, [stored[id(r)] + (mark,) for r, mark in
                             zip(inserts, marks, strict=True)], updates, inserts)
        return waiting

    def _merge(self, entity: codec.Entity, row: Row, ours: Row, theirs: Row,
               old: State | None) -> tuple[Row, str, dict[str, Any]]:
        if entity.append_only:  # a union: the station's latest version is the record
            return theirs, "applied", {}
        base = dict(theirs)
        if isinstance(row.get(codec.BASE), dict):
            base.update(row[codec.BASE])
        elif old is not None and old.diverged:
            base = json.loads(old.diverged)  # the station's values the city last received
        else:
            base = data_of(entity, ours)
        result = merge(entity, base, data_of(entity, ours), theirs, city_is_ours=True)
        if result.conflicts:
            return result.values, "conflict", result.conflicts
        same = not differing(entity, result.values, theirs)
        return result.values, "applied" if same else "merged", {}

    def _record_conflicts(self, entity: codec.Entity, row: Row, conflicts: dict[str, Any]) -> None:
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

    # --- storage -----------------------------------------------------------------------------

    def _upsert_states(self, states: list[tuple], new_uids: Iterable[str] = ()) -> None:
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

    def _write(self, entity: codec.Entity, inserts: list[tuple[Any, ...]],
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
            self.known.setdefault(entity.name, set()).update(t[0] for t in inserts)


def _lists(row: Row) -> tuple[str, str]:
    return record_lists(row.get(codec.PARTICIPANTS), row.get(codec.PARTNERS))


_QUARANTINE_COLUMNS = ("station", "entity", "uid", "version", "reason", "data", "at",
                       "acked_in")
# From this many row states on PostgreSQL, ``_upsert_states`` upserts them from a
# temporary table filled by COPY.
_MANY_BY_COPY = 100
_STATES = "swdesk_states"
_ROW_STATE = m.CityRowState._meta.table_name


def _dump(row: Any) -> str:
    """A rejected row as the quarantine keeps it: readable, or with escapes where it holds
    text no database stores (a lone surrogate). Control characters are escaped either way."""
    try:
        text = orjson.dumps(row).decode()
    except (TypeError, orjson.JSONEncodeError):  # a lone surrogate, a number past 64 bits
        text = json.dumps(row)
    return text[:100_000]


def _line_text(lines: list[bytes], i: int) -> str:
    """A rejected row's line as the quarantine keeps it (JSON: its controls are escaped)."""
    return lines[i][:100_000].decode("utf-8", "replace").replace("\x00", "\\u0000")


def _row_text(rows: list[Any], i: int) -> str:
    return _dump(rows[i])


def _j(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _seq(row: Any) -> int:
    seq = row.get(codec.SEQ) if isinstance(row, dict) else None
    return seq if type(seq) is int and 0 <= seq <= codec.MAX_VERSION else 0


def _already(state: State | None, version: int, epoch_from: int) -> bool:
    return (state is not None and state.outcome != "held" and version <= state.version
            and state.number >= epoch_from)


def _state(entity: codec.Entity, row: Row, station: str, outcome: str,
           conflicts: dict[str, Any], diverged: Row | None) -> tuple:
    return (entity.name, row["uid"], station, row["version"], _seq(row), outcome, "",
            json.dumps(sorted(conflicts)) if conflicts else "",
            None if diverged is None else json.dumps(diverged, ensure_ascii=False))

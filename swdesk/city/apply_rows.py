"""Applying one station package's rows to the city database (inside the caller's transaction).

Rows come in chunks made ready by ``prepare``. A plain chunk (every row valid and
new to the city, every link to a row it holds) goes in as it is, many rows at a
time (``bulk``): a full package holds a million rows. Any other chunk goes row by
row, in three steps: validate (``chunk_validation``: a bad row is quarantined and
acknowledged as rejected), sort the valid rows by their fate (``row_fates``: skip what
was already applied, hold a row whose linked row has not arrived, reject one whose
linked row was rejected, insert a new one, merge one the city holds), then write
(``row_writes``).
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache, partial
from typing import Any

import peewee as pw

from swdesk.city import bulk, row_states
from swdesk.city import models as m
from swdesk.city.chunk_validation import Checked, validate
from swdesk.city.city_rows import read_city_rows
from swdesk.city.links import Links
from swdesk.city.prepare import COPY, IMAGE, Piece, Plain, Rejected, Setting, insert_columns
from swdesk.city.row_fates import Fate, Sorted, by_city_row, by_links, by_state
from swdesk.city.row_merge import merge_known
from swdesk.city.row_states import State
from swdesk.city.row_writes import RowWriter, StateRow, seq_of, state_row
from swdesk.model.base import now
from swdesk.sync import codec, schemas
from swdesk.sync.schemas import PAYLOAD_SCHEMA

# Rows applied together. Their inserts go in uid order: the uid indexes are random, and
# a bigger sorted batch touches their pages in order (a tenth faster at full size).
APPLY_CHUNK = 10_000
Row = dict[str, Any]


@dataclass
class Outcome:
    counts: Counter[str] = field(default_factory=Counter)
    held_seqs: list[int] = field(default_factory=list)


class Applier:
    """Applies the rows of one package from ``station``."""

    def __init__(self, db: pw.Database, station: str, codes: dict[str, frozenset[str]],
                 number: int, epoch_from: int = 0, schema: int = PAYLOAD_SCHEMA) -> None:
        self.db = db
        # The package's data schema: the fields an older one lacks keep the city's values.
        self.schema = schema
        self.station = station
        self.number = number  # the package's number: applied_in of the rows it applies
        # The first package of the station's epoch: a version a package before it set
        # belongs to an older numbering (a restored station), so it is no duplicate.
        self.epoch_from = epoch_from
        self.codes = codes
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
        self.setting = Setting(station, codes, number, schema=schema)  # to check rows
        self.links = Links(db)
        self.writer = RowWriter(db, self.jobs, station, number, self.result.counts,
                                self.links, self.explicit)

    # --- chunks ------------------------------------------------------------------------------

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
            # A plain chunk of new rows goes in first: on PostgreSQL the server takes it
            # while this process reads the next chunk and waits for its workers.
            inserted = self._begin_new(entity, current)
            following = next(chunks, None)
            waiting += self._piece(entity, current, states, inserted)
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
            # Of a rejected row only an implicit state matters (``RowWriter.upsert_states`` makes it
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
               states_of: Callable[[], dict[str, State]],
               inserted: Callable[[], bool] | None = None) -> list[Row]:
        """Apply one chunk; returns rows waiting for a linked row. ``inserted``: the
        chunk's insert begun by ``_begin_new``."""
        plain = piece.plain
        if inserted is not None:
            if inserted():
                return []
        elif plain is not None and self.explicit[entity.name]:
            self.jobs.wait()  # (its rows' states are looked up first)
            if (not any(self.links.absent(target, uids) for target, uids in plain.links.items())
                    and not states_of()):
                self._insert_plain(entity, plain)
                self._count_plain(entity, plain)
                return []
        if plain is None and piece.prepared.rejects is not None:
            return self._chunk(entity, piece.valid_rows(), states_of,
                               rejected=(piece.prepared.rejects, piece.lines()))
        return self._chunk(entity, piece.rows(), states_of, plain=plain is not None)

    def _begin_new(self, entity: codec.Entity, piece: Piece) -> Callable[[], bool] | None:
        """Begin inserting a plain chunk, no row of which has an explicit state, that links
        only to rows the city holds (the usual chunk of a full package): None if it is
        not one. The returned function waits for the insert and says whether it went in:
        not if one of its uids was in the city table (nothing written then). The table's
        unique index tells, at no cost, instead of a look-up of each uid (a sixth of a
        full ingest on SQLite, the server's busiest work after the inserts on
        PostgreSQL)."""
        plain = piece.plain
        if plain is None or self.explicit[entity.name]:
            return None
        self.jobs.wait()
        if any(self.links.absent(target, uids) for target, uids in plain.links.items()):
            return None
        self.db.execute_sql("SAVEPOINT swdesk_plain")
        try:
            self._insert_plain(entity, plain)  # (on PostgreSQL in the background)
            failed = False
        except (pw.IntegrityError, sqlite3.IntegrityError):
            failed = True

        def inserted() -> bool:
            went_in = not failed
            try:
                self.jobs.wait()  # (on PostgreSQL the COPY has gone in, or failed, by now)
            except (pw.IntegrityError, sqlite3.IntegrityError):
                went_in = False
            if not went_in:
                self.db.execute_sql("ROLLBACK TO SAVEPOINT swdesk_plain")
            self.db.execute_sql("RELEASE SAVEPOINT swdesk_plain")
            if went_in:
                self._count_plain(entity, plain)
            return went_in
        return inserted

    def _insert_plain(self, entity: codec.Entity, plain: Plain) -> None:
        table, cols = m.table(entity.name), insert_columns(entity)
        if plain.form == COPY:
            self.jobs.insert_copy(table, cols, plain.data)
        elif plain.form == IMAGE:
            self.jobs.insert_image(table, cols, plain.data, plain.fixed)
        else:
            self.jobs.insert(table, cols, plain.data)

    def _count_plain(self, entity: codec.Entity, plain: Plain) -> None:
        self.links.add(entity.name, plain.uids)
        self.result.counts["applied"] += len(plain.uids)

    def _advance(self, rows: int) -> None:
        self.read += rows
        if self.progress is not None and rows:
            self.progress(self.read)

    def _hold(self, entity: codec.Entity, rows: list[Row]) -> None:
        states: list[StateRow] = []
        for row in rows:
            states.append((entity.name, row["uid"], self.station, row["version"], seq_of(row),
                           "held", "waiting for a linked row", "", None))
            self.result.held_seqs.append(seq_of(row))
            self.result.counts["held"] += 1
        self.writer.upsert_states(states)

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
        self.writer.at = str(now())
        checked = validate(self.setting, entity, rows, plain=plain, rejected=rejected)
        self.jobs.wait()  # the database from here on: the last chunk's rows are in
        fates = self._sort(entity, checked, states_of)
        self._write(entity, checked, fates)
        return fates[Fate.WAITING]

    def _sort(self, entity: codec.Entity, checked: Checked,
              states_of: Callable[[], dict[str, State]] | None) -> Sorted:
        """The valid rows by fate: their states, links and city rows looked up (a few
        queries for the whole chunk), nothing written."""
        good = checked.good
        old_states = (states_of() if states_of is not None else
                      row_states.read(self.db, entity.name, [r["uid"] for r in good],
                                      explicit=self.explicit.get(entity.name, True)))
        out = Sorted(old_states)
        fresh: list[Row] = [] if old_states else good  # (none seen before: all are fresh)
        for row in good if old_states else ():
            fate = by_state(old_states.get(row["uid"]), row["version"], self.station,
                            self.epoch_from)
            if fate is None:
                fresh.append(row)
            else:
                out.rows[fate].append(row)
        out.missing = missing = self.links.missing(entity, fresh, checked.columns)
        ready: list[Row] = [] if missing else fresh
        if missing:
            # A linked row rejected before, or by this chunk (its rejects are written last).
            linked = set().union(*missing.values())
            here = {r[1] for r in checked.rejects}.union(
                r["uid"] for r in out[Fate.OTHER_STATION])
            kept = self.links.quarantined(linked) | (linked & here)
            for row in fresh:
                fate = by_links(missing.get(row["uid"]), kept)
                if fate is None:
                    ready.append(row)
                else:
                    out.rows[fate].append(row)
        if not old_states:  # all new to the city
            out.rows[Fate.NEW] = ready
            return out
        # Rows new to the city (no row state) are inserted as they are; a city row has a
        # row state (in itself or explicit), so only the others are read.
        out.city_rows = read_city_rows(self.db, entity,
                                       [r["uid"] for r in ready if r["uid"] in old_states])
        for row in ready:
            uid = row["uid"]
            out.rows[by_city_row(out.city_rows.get(uid), old_states.get(uid),
                                 self.station)].append(row)
        return out

    def _write(self, entity: codec.Entity, checked: Checked, fates: Sorted) -> None:
        """Write what the chunk's rows came to: quarantine, row states, city rows."""
        writer, counts, old_states = self.writer, self.result.counts, fates.old_states
        if duplicates := checked.duplicates + len(fates[Fate.DUPLICATE]):
            counts["duplicate"] += duplicates
        states: list[StateRow] = []  # (the rejected lines' first: a later state of a uid wins)
        if checked.rejects:
            writer.reject_lines(entity, checked.rejects, checked.text_of, states)
        for row in fates[Fate.OTHER_STATION]:  # (acknowledged from the other station)
            writer.keep(entity, row["uid"], row["version"],
                        "uid: the row belongs to another station", row)
        for row in fates[Fate.LINK_REJECTED]:
            writer.reject(entity, row, "linked row was rejected: " + fates.missing[row["uid"]][0],
                          states)
        for row in fates[Fate.CLASH]:
            writer.reject(entity, row, "uid: the row belongs to another station", states)
        # Rejected rows the hub has never seen need no state made explicit first.
        new_uids = {s[1] for s in states if s[1] not in old_states}
        inserts = fates[Fate.NEW] + fates[Fate.RETURNING]
        marks = [self.number] * len(fates[Fate.NEW]) + [m.EXPLICIT] * len(fates[Fate.RETURNING])
        for row in fates[Fate.RETURNING]:  # held or rejected before: its state is explicit
            states.append(state_row(entity, row, self.station, "applied", {}, None))
        if inserts or not old_states:  # (a chunk of rows new to the city counts them, if none)
            counts["applied"] += len(inserts)
        updates: list[tuple[Row, int]] = []  # rows with their applied_in
        unsent = schemas.absent(entity.name, self.schema)  # (a station not upgraded yet)
        for row in fates[Fate.KNOWN]:
            old = old_states.get(row["uid"])
            done = merge_known(entity, row, fates.city_rows[row["uid"]], old, unsent)
            if done.explicit:
                updates.append((done.row, m.EXPLICIT))
                states.append(state_row(entity, row, self.station, done.outcome,
                                        done.conflicts, done.diverged))
            else:
                updates.append((done.row, self.number))  # its state stays in it
            if done.conflicts or (old is not None and old.fields):
                writer.record_conflicts(entity, row, done.conflicts)
            counts[done.outcome] += 1
        writer.flush_quarantine()
        writer.upsert_states(states, new_uids)
        writer.write(entity, [checked.stored[id(r)] + (mark,) for r, mark in
                              zip(inserts, marks, strict=True)], updates, inserts)

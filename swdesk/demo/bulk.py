"""The fast-load machinery under the demo generator.

Rows go in as plain tuples through the sqlite3 cursor's ``executemany``; every synced
row gets its change-log entry by one ``INSERT … SELECT`` per batch. The big tables'
indexes and the client full-text trigger are dropped for the load and rebuilt after,
foreign keys are checked once at the end instead of row by row.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from swdesk.errors import SwdeskError
from swdesk.i18n import _
from swdesk.model import database

Row = tuple[Any, ...]

CHUNK = 50_000  # rows per executemany batch: bounds memory, lets progress report

# Page cache during the bulk load (the station default is 32 MiB): index builds over
# millions of rows sort in memory instead of through temporary files.
_BULK_CACHE_KIB = 256 * 1024

# Tables written in bulk: their indexes are dropped during the run and rebuilt after.
_BULK_TABLES = ("client", "service_record", "service_participant", "service_partner",
                "volunteer_hour", "change_log", "case_log", "community_activity",
                "group_member", "questionnaire_response")

_SYNC_COLUMNS = ("id", "uid", "origin", "version", "updated_at", "deleted")
# uuid4 from random hex: the version digit is 4, the variant digit 8, 9, a or b.
_VARIANT = {d: "89ab"[int(d, 16) & 3] for d in "0123456789abcdef"}


@contextmanager
def bulk_pragmas() -> Iterator[None]:
    """Connection settings for the bulk load, restored afterwards.

    * a larger page cache, so index builds sort in memory;
    * two sorter threads for CREATE INDEX (the machines have at least two cores);
    * foreign keys not enforced row by row: looking up each participant's record and
      client doubled the insert time; ``BulkWriter.check_links`` checks every link
      once at the end instead, inside the transaction, and fails it if one is broken.
      (The pragma is a no-op inside an open transaction; then rows are checked as usual.)
    """
    names = ("cache_size", "threads", "foreign_keys")
    saved = {n: int(database.execute_sql(f"PRAGMA {n}").fetchone()[0]) for n in names}
    database.execute_sql(f"PRAGMA cache_size = -{_BULK_CACHE_KIB}")
    database.execute_sql("PRAGMA threads = 2")
    database.execute_sql("PRAGMA foreign_keys = 0")
    try:
        yield
    finally:
        for n, value in saved.items():
            database.execute_sql(f"PRAGMA {n} = {value}")


class BulkWriter:
    """The writing side of a run: the cursor, cached INSERTs, rows written per table."""

    def __init__(self, rng: random.Random, origin: str, stamp: str) -> None:
        self.rng = rng
        self.origin = origin
        # One timestamp for the whole run: every row was written by this one transaction.
        self.stamp = stamp
        self.counts: dict[str, int] = {}
        self.cur: Any = None
        self.sql: dict[str, str] = {}

    def check_links(self, tables: Iterable[str]) -> None:
        """Every foreign key of the rows written must hold (see ``bulk_pragmas``).

        ``NOT IN (SELECT …)`` builds each parent key set once, where
        ``PRAGMA foreign_key_check`` looks each key up.
        """
        for table in tables:
            for fk in self.cur.execute(f'PRAGMA foreign_key_list("{table}")').fetchall():
                parent, column, key = fk[2], fk[3], fk[4] or "id"
                broken = self.cur.execute(
                    f'SELECT "{column}" FROM "{table}" WHERE "{column}" IS NOT NULL AND '
                    f'"{column}" NOT IN (SELECT "{key}" FROM "{parent}") LIMIT 1').fetchone()
                if broken is not None:
                    raise SwdeskError(_("演示数据生成出错：{}.{} 指向不存在的记录 {}",
                                        "Demo data error: {}.{} points to a missing row {}")
                                      .format(table, column, broken[0]))

    def drop_indexes(self) -> list[str]:
        """Drop the indexes of the big tables; returns the SQL that recreates them.

        Each index costs more per inserted row (random uuids and client ids) than the
        row itself; building it afterwards sorts once (bench/README.md). Inside the one
        transaction, so a failure restores them.
        """
        marks = ", ".join("?" * len(_BULK_TABLES))
        found = self.cur.execute(
            f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
            f"AND tbl_name IN ({marks}) ORDER BY name", _BULK_TABLES).fetchall()
        for name, _sql in found:
            self.cur.execute(f'DROP INDEX "{name}"')
        return [sql for _name, sql in found]

    def suspend_fts(self) -> list[str]:
        """Drop the trigger that copies each new client into client_fts; returns its SQL.

        Through the trigger FTS5 writes its pending terms out at every statement
        savepoint, i.e. once per row; one INSERT … SELECT afterwards is far cheaper
        (bench/README.md). The trigger is recreated from its stored SQL, so later edits
        keep the index in step as before.
        """
        found = self.cur.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'client' "
            "AND sql LIKE '%AFTER INSERT ON client%' AND sql LIKE '%INSERT INTO client_fts%'"
        ).fetchall()
        for name, _sql in found:
            self.cur.execute(f'DROP TRIGGER "{name}"')
        return [sql for _name, sql in found]

    def resume_fts(self, triggers: list[str], first_client: int) -> None:
        if not triggers:
            return
        columns = [r[1] for r in self.cur.execute("PRAGMA table_info(client_fts)")]
        cols = ", ".join(f'"{c}"' for c in columns)
        self.cur.execute(f"INSERT INTO client_fts(rowid, {cols}) SELECT id, {cols} FROM client "
                         "WHERE id >= ? ORDER BY id", (first_client,))
        for sql in triggers:
            self.cur.execute(sql)

    def next_id(self, table: str) -> int:
        (top,) = self.cur.execute(f'SELECT coalesce(max(id), 0) FROM "{table}"').fetchone()
        return int(top) + 1

    def insert(self, table: str, columns: Sequence[str], rows: list[Row]) -> None:
        sql = self.sql.get(table)
        if sql is None:
            cols = ", ".join(f'"{c}"' for c in columns)
            marks = ", ".join("?" * len(columns))
            sql = self.sql[table] = f'INSERT INTO "{table}" ({cols}) VALUES ({marks})'
        self.cur.executemany(sql, rows)
        self.counts[table] = self.counts.get(table, 0) + len(rows)

    def synced(self, table: str, columns: Sequence[str], rows: list[Row]) -> None:
        """Insert synced rows (id, uid, origin, version, updated_at, deleted, *columns)
        and give each its change-log entry, as crud.create would."""
        if not rows:
            return
        self.insert(table, _SYNC_COLUMNS + tuple(columns), rows)
        # The rows just written hold consecutive new ids: copy their uids in SQL rather
        # than binding 1.7 million tuples from Python.
        n = self.cur.execute(
            'INSERT INTO change_log (entity, row_uid, version, op, "at") '
            f'SELECT ?, uid, version, \'insert\', ? FROM "{table}" WHERE id BETWEEN ? AND ? '
            "ORDER BY id", (table, self.stamp, rows[0][0], rows[-1][0])).rowcount
        if n != len(rows):
            raise AssertionError(f"{table}: {n} change-log rows for {len(rows)} rows")
        self.counts["change_log"] = self.counts.get("change_log", 0) + n

    def uids(self, n: int) -> list[str]:
        """``n`` random uuid4 strings: one hex string sliced (cheaper than uuid.UUID)."""
        h, v = self.rng.randbytes(16 * n).hex(), _VARIANT
        return [f"{h[i:i + 8]}-{h[i + 8:i + 12]}-4{h[i + 13:i + 16]}-{v[h[i + 16]]}"
                f"{h[i + 17:i + 20]}-{h[i + 20:i + 32]}" for i in range(0, 32 * n, 32)]

    def heads(self, table: str, n: int) -> list[Row]:
        """(id, uid, origin, version, updated_at, deleted) for n new rows of ``table``."""
        first = self.next_id(table)
        o, s = self.origin, self.stamp
        return [(first + i, u, o, 1, s, 0) for i, u in enumerate(self.uids(n))]

"""Many rows at once, and work the database server can do beside the hub.

psycopg2's ``executemany`` sends one statement per row, so on PostgreSQL a full
package's 1.8 million rows were as many round trips to the server: five times the
time SQLite took. There the rows go in with ``COPY``, a chunk at a time, in its text
format (one line per row, tab-separated, ``\\N`` for NULL), and in the background
with the look-ups of the next chunk: the server works while the hub reads and
checks the chunk after (psycopg2 lets go of the GIL while it waits). SQLite does its
work in this process, a row at a time, so a thread would only wait for the GIL
there: on SQLite every job runs at once.
"""

from __future__ import annotations

import io
import logging
import sqlite3
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from functools import cache, partial
from typing import Any, TypeVar

import peewee as pw

T = TypeVar("T")
log = logging.getLogger(__name__)
STAGE = "swdesk_stage"  # the attached in-memory database of insert_image
_NULL = "\\N"
_BOOL = {True: "t", False: "f"}


class Shared:
    """The transaction's connection, for queries from the background thread (peewee
    keeps a connection per thread). psycopg2 connections may be shared by threads."""

    def __init__(self, db: pw.Database) -> None:
        self.param = db.param
        self._conn = db.connection()

    def execute_sql(self, sql: str, params: Sequence[Any] = ()) -> Any:
        cursor = self._conn.cursor()
        cursor.execute(sql, params)
        return cursor


class Background:
    """Jobs of the caller's transaction, run in the order given: on PostgreSQL on one
    thread, beside the caller; on SQLite at once.

    Call ``wait()`` before using the database in any other way, and ``close()`` at
    the end (also when failing); jobs given after ``close()`` start a new thread.
    """

    def __init__(self, db: pw.Database) -> None:
        self.db = db
        self.parallel = isinstance(db, pw.PostgresqlDatabase)
        self._pool: ThreadPoolExecutor | None = None
        self._jobs: list[Future[Any]] = []
        self._stage: bool | None = None  # insert_image's database: None before it is used
        self._attached = False

    def insert(self, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        """Insert ``rows`` (values of ``columns``: str, int, bool or None) into ``table``."""
        if not rows:
            return
        names = ", ".join(f'"{c}"' for c in columns)
        if not self.parallel:
            marks = ", ".join([self.db.param] * len(columns))
            self.db.cursor().executemany(f'INSERT INTO "{table}" ({names}) VALUES ({marks})',
                                         rows)
            return
        self.insert_copy(table, columns, copy_text(rows).encode())

    def insert_copy(self, table: str, columns: Sequence[str], data: bytes) -> None:
        """Insert rows given in COPY's text format (``copy_text``): PostgreSQL only."""
        assert self.parallel, "COPY is PostgreSQL's"
        names = ", ".join(f'"{c}"' for c in columns)
        sql = f'COPY "{table}" ({names}) FROM STDIN'
        conn = self.db.connection()

        def copy() -> None:
            import psycopg2  # (the hub on PostgreSQL has it)

            try:  # One read of the whole chunk: the thread needs the GIL to start and end.
                conn.cursor().copy_expert(sql, io.BytesIO(data), size=len(data) + 1)
            except psycopg2.IntegrityError as exc:  # as peewee names it, as on SQLite
                raise pw.IntegrityError(*exc.args) from exc
        self._submit(copy)

    def insert_image(self, table: str, columns: Sequence[str], image: bytes,
                     fixed: Mapping[str, Any] | None = None) -> None:
        """Insert the rows of a ``sqlite_image`` (values of ``columns``): SQLite only.
        ``fixed``: columns the image does not hold, with the one value of every row.

        The image takes the place of an in-memory database attached for it, and one
        ``INSERT … SELECT`` copies its rows, with no Python in between. Where the
        SQLite library refuses to replace an attached database within a transaction
        (``sqlite3_deserialize`` answers SQLITE_BUSY), the rows are read out of the
        image and inserted the usual way."""
        assert not self.parallel, "an image is SQLite's"
        fixed = fixed or {}
        if self._stage is None:
            self._stage = self._attach_stage()
        if self._stage:
            try:
                load_stage(self.db.connection(), image)
            except sqlite3.Error:
                log.info("SQLite cannot replace an attached database within a transaction "
                         "here: inserting image rows one by one")
                self._stage = False
        if not self._stage:
            self.insert(table, columns, with_fixed(image_rows(image), columns, fixed))
            return
        names = ", ".join(f'"{c}"' for c in columns)
        held = iter(range(len(columns)))
        picks = ", ".join("?" if c in fixed else f"c{next(held)}" for c in columns)
        self.db.execute_sql(f'INSERT INTO "{table}" ({names}) SELECT {picks} FROM {STAGE}.rows',
                            [fixed[c] for c in columns if c in fixed])

    def _attach_stage(self) -> bool:
        try:
            attached = {row[1] for row in self.db.execute_sql("PRAGMA database_list")}
            if STAGE not in attached:
                self.db.execute_sql(f"ATTACH DATABASE ':memory:' AS {STAGE}")
        except (pw.DatabaseError, sqlite3.Error):  # (an older SQLite, within a transaction)
            log.info("cannot attach %s here: inserting image rows one by one", STAGE,
                     exc_info=True)
            return False
        self._attached = True
        return True

    def release(self) -> None:
        """Detach the in-memory database of ``insert_image`` (after the transaction:
        SQLite keeps it within one)."""
        if self._attached:
            try:
                self.db.execute_sql(f"DETACH DATABASE {STAGE}")
            except (pw.DatabaseError, sqlite3.Error):
                log.exception("could not detach %s", STAGE)
            self._attached = False
        self._stage = None

    def query(self, fn: Callable[[Any], T]) -> Callable[[], T]:
        """Run ``fn(db)`` after the jobs before it; call what this returns for its result
        (which waits for every job given so far). On SQLite ``fn`` runs when its result is
        first asked for, and not at all if it never is."""
        if not self.parallel:
            return cache(partial(fn, self.db))
        shared = Shared(self.db)
        job = self._submit(lambda: fn(shared))

        def result() -> T:
            self.wait()
            return job.result()
        return result

    def _submit(self, fn: Callable[[], T]) -> Future[T]:
        if self._pool is None:
            self._pool = ThreadPoolExecutor(1, thread_name_prefix="swdesk-db")
        job = self._pool.submit(fn)
        self._jobs.append(job)
        return job

    def wait(self, *, quiet: bool = False) -> None:
        """Until every job given so far is done; raises the first one's error (unless
        ``quiet``: the caller is failing already, and its transaction is lost anyway)."""
        jobs, self._jobs = self._jobs, []
        errors = [e for e in (job.exception() for job in jobs) if e is not None]
        if errors and not quiet:
            raise errors[0]

    def close(self, *, quiet: bool = False) -> None:
        try:
            self.wait(quiet=quiet)
        finally:
            if self._pool is not None:
                self._pool.shutdown()
                self._pool = None


def load_stage(conn: sqlite3.Connection, image: bytes) -> None:
    conn.deserialize(image, name=STAGE)


def sqlite_image(rows: Sequence[Sequence[Any]]) -> bytes:
    """``rows`` as a SQLite database (``sqlite3.Connection.serialize``) whose table ``rows``
    holds them in order, in columns ``c0``, ``c1`` … without a type, so that each value is
    kept as it is given until it reaches its table."""
    conn = sqlite3.connect(":memory:")
    try:
        conn.execute("PRAGMA journal_mode = OFF")  # (never rolled back: no journal to write)
        width = len(rows[0]) if rows else 1
        conn.execute(f"CREATE TABLE rows ({', '.join(f'c{i}' for i in range(width))})")
        conn.executemany(f"INSERT INTO rows VALUES ({', '.join('?' * width)})", rows)
        conn.commit()
        return conn.serialize()
    finally:
        conn.close()


def image_rows(image: bytes) -> list[tuple[Any, ...]]:
    """The rows of a ``sqlite_image``, in order."""
    conn = sqlite3.connect(":memory:")
    try:
        conn.deserialize(image)
        return conn.execute("SELECT * FROM rows ORDER BY rowid").fetchall()
    finally:
        conn.close()


def with_fixed(rows: Iterable[Sequence[Any]], columns: Sequence[str],
               fixed: Mapping[str, Any]) -> list[tuple[Any, ...]]:
    """``rows`` of the columns not in ``fixed``, as rows of all ``columns``."""
    if not fixed:
        return [tuple(r) for r in rows]
    out = []
    for row in rows:
        values = iter(row)
        out.append(tuple(fixed[c] if c in fixed else next(values) for c in columns))
    return out


def fixed_columns(columns: Sequence[tuple[Any, ...]]) -> dict[int, Any]:
    """The columns (by index) holding one text, or only None, in every row: an image
    need not hold them. (Numbers and flags are left alone: 1, 1.0 and True are equal
    to Python but not the same value to a database.)"""
    out = {}
    for i, values in enumerate(columns):
        first = values[0] if values else 0
        if ((first is None or type(first) is str) and values[-1] == first
                and values.count(first) == len(values)):
            out[i] = first
    return out


def image_of_columns(columns: Sequence[tuple[Any, ...]]) -> bytes:
    """A ``sqlite_image`` of the rows these ``columns`` make, in the order of their
    values (distinct in the first column, of a chunk's rows: its uids)."""
    rows = list(zip(*columns, strict=True))
    rows.sort(key=_first)
    return sqlite_image(rows)


def _first(row: Sequence[Any]) -> Any:
    return row[0]


def copy_of_columns(columns: Sequence[tuple[Any, ...]]) -> bytes:
    """The rows these ``columns`` make in COPY's text format (``copy_text``), in the
    order of their text: a column at a time, each value as ``copy_text`` writes it."""
    lines = list(map("\t".join, zip(*map(column_text, columns), strict=True)))
    lines.sort()
    lines.append("")
    return "\n".join(lines).encode()


_NONE = type(None)


def column_text(values: Sequence[Any]) -> Sequence[str]:
    """One column's values as COPY's text format writes them: a look at the whole
    column (whether it is all text, whether any needs escaping), a value at a time
    only where it holds more than one type or text to escape."""
    try:
        text = "".join(values)  # (a TypeError unless all are text: one C-level pass)
    except TypeError:
        return _mixed_text(values)
    if "\\" in text or "\t" in text or "\n" in text or "\r" in text:
        return list(map(_escape, values))
    return values


def _mixed_text(values: Sequence[Any]) -> Sequence[str]:
    if values.count(None) == len(values):
        return (_NULL,) * len(values)
    kinds = set(map(type, values))
    nulls = _NONE in kinds
    # (below, map(_NULL_OF.get, values, texts): None's text, or the value's, with no
    # Python per value)
    if kinds == {str, _NONE}:
        text = "".join(filter(None, values))  # (only None and "" left out)
        if "\\" in text or "\t" in text or "\n" in text or "\r" in text:
            return [_NULL if v is None else _escape(v) for v in values]
        return list(map(_NULL_OF.get, values, values))
    if kinds <= {int, _NONE}:
        texts = map(str, values)
        return list(map(_NULL_OF.get, values, texts) if nulls else texts)
    return [_NULL if v is None else _BOOL[v] if type(v) is bool else _escape(str(v))
            for v in values]


_NULL_OF = {None: _NULL}


def copy_text(rows: Iterable[Sequence[Any]]) -> str:
    """``rows`` in COPY's text format."""
    lines = []
    for row in rows:
        fields = [_NULL if v is None else _BOOL[v] if type(v) is bool else str(v) for v in row]
        line = "\t".join(fields)
        # Usually nothing needs escaping: one look at the whole line instead of each value
        # (its only backslashes are those of its NULLs).
        if (line.count("\\") != row.count(None) or "\n" in line or "\r" in line
                or line.count("\t") != len(fields) - 1):
            line = "\t".join(_NULL if v is None else _escape(f)
                             for v, f in zip(row, fields, strict=True))
        lines.append(line)
    lines.append("")
    return "\n".join(lines)


def _escape(text: str) -> str:
    """``text`` as a COPY field: backslash, tab and line breaks escaped (``str.replace``
    four times is many times faster than ``str.translate`` on long text)."""
    return (text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")
            .replace("\r", "\\r"))

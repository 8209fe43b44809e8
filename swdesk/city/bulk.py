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
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar

import peewee as pw

T = TypeVar("T")
_NULL = "\\N"
_BOOL = {True: "t", False: "f"}
_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


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

    def insert(self, table: str, columns: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
        """Insert ``rows`` (values of ``columns``: str, int, bool or None) into ``table``."""
        if not rows:
            return
        names = ", ".join(f'"{c}"' for c in columns)
        if not self.parallel:
            marks = ", ".join([self.db.param] * len(columns))
            self.db.cursor().executemany(f'INSERT INTO "{table}" ({names}) VALUES ({marks})',
                                         rows)
            return
        data = copy_text(rows).encode()
        sql = f'COPY "{table}" ({names}) FROM STDIN'
        conn = self.db.connection()
        # One read of the whole chunk: the thread needs the GIL only to start and end.
        self._submit(lambda: conn.cursor().copy_expert(sql, io.BytesIO(data),
                                                       size=len(data) + 1))

    def query(self, fn: Callable[[Any], T]) -> Callable[[], T]:
        """Run ``fn(db)`` after the jobs before it; call what this returns for its result
        (which waits for every job given so far)."""
        if not self.parallel:
            value = fn(self.db)
            return lambda: value
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


def copy_text(rows: Iterable[tuple[Any, ...]]) -> str:
    """``rows`` in COPY's text format."""
    lines = []
    for row in rows:
        fields = [_NULL if v is None else _BOOL[v] if type(v) is bool else str(v) for v in row]
        line = "\t".join(fields)
        # Usually nothing needs escaping: one look at the whole line instead of each value
        # (its only backslashes are those of its NULLs).
        if (line.count("\\") != row.count(None) or "\n" in line or "\r" in line
                or line.count("\t") != len(fields) - 1):
            line = "\t".join(_NULL if v is None else f.translate(_ESCAPES)
                             for v, f in zip(row, fields, strict=True))
        lines.append(line)
    lines.append("")
    return "\n".join(lines)

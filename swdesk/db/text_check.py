"""Text that is not UTF-8 in a station file: damage SQLite's own checks do not see.

swdesk writes text only from Python strings, so always as UTF-8; other bytes come from
a file changed outside swdesk, or damaged. ``PRAGMA integrity_check`` passes them, but
Python cannot read such a value: the row cannot be opened, listed or exported to Excel
(sync sends it with U+FFFD in place of the bytes, see ``sync.lines.joined``).
``swdesk db check`` names them with ``scan``.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from swdesk.db.location import readonly_uri

CHUNK = 20_000  # rows per look: one SQLite pass concatenates each column of a range


@dataclass(frozen=True)
class NotUtf8:
    table: str
    column: str
    rows: int
    first: str  # the first such row: its uid, or its row id


def scan_file(path: Path) -> list[NotUtf8]:
    """``scan`` of the database file at ``path``, opened read-only."""
    con = sqlite3.connect(readonly_uri(path), uri=True)
    try:
        return scan(con)
    finally:
        con.close()


def scan(con: sqlite3.Connection) -> list[NotUtf8]:
    """Every column holding text that is not UTF-8, with how many rows, table by table.

    Each range of rows is read once for all the table's columns, their text values
    joined by SQLite and checked by one decode each; only a range that fails is read
    again row by row."""
    found: list[NotUtf8] = []
    tables = [name for name, sql in con.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE "
        "'sqlite_%' AND name NOT LIKE '%fts%' ORDER BY name")
        if "WITHOUT ROWID" not in (sql or "").upper()]
    for table in tables:
        info = list(con.execute(f'PRAGMA table_info("{table}")'))
        # Columns of text affinity (SQLite's rule: the declared type names CHAR, CLOB or
        # TEXT): swdesk stores text nowhere else but in dates, which it writes itself.
        columns = [row[1] for row in info if any(
            word in str(row[2]).upper() for word in ("CHAR", "CLOB", "TEXT"))]
        if not columns:
            continue
        bad: dict[str, list[int]] = {}
        low, high = con.execute(f'SELECT min(rowid), max(rowid) FROM "{table}"').fetchone()
        if low is None:
            continue
        # (A number's text is UTF-8 too: no need to pick the values that are text.)
        joined = ", ".join(f"CAST(group_concat(CAST(\"{c}\" AS BLOB), x'0a') AS BLOB)"
                           for c in columns)
        for start in range(low, high + 1, CHUNK):
            span = (start, start + CHUNK - 1)
            texts = con.execute(f'SELECT {joined} FROM "{table}" WHERE rowid BETWEEN ? AND ?',
                                span).fetchone()
            for column, text in zip(columns, texts, strict=True):
                if text is not None and not is_utf8(text):
                    bad.setdefault(column, []).extend(_rows(con, table, column, span))
        for column, ids in bad.items():
            found.append(NotUtf8(table, column, len(ids), _name(
                con, table, [row[1] for row in info], ids[0])))
    return found


def is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _rows(con: sqlite3.Connection, table: str, column: str, span: tuple[int, int]
          ) -> list[int]:
    return [rowid for rowid, value in con.execute(
        f'SELECT rowid, CAST("{column}" AS BLOB) FROM "{table}" WHERE rowid BETWEEN ? AND ? '
        f"AND typeof(\"{column}\") = 'text' ORDER BY rowid", span) if not is_utf8(value)]


def _name(con: sqlite3.Connection, table: str, columns: list[str], rowid: int) -> str:
    if "uid" in columns:
        (uid,) = con.execute(f'SELECT CAST(uid AS BLOB) FROM "{table}" WHERE rowid = ?',
                             (rowid,)).fetchone()
        return bytes(uid).decode("utf-8", "replace")
    return f"rowid {rowid}"

"""A kept table checked in a database file without opening it as the station (``db check``
reads before it may write)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

from swdesk.db.location import readonly_uri


def differences_in(path: Path, table: str,
                   differences: Callable[[sqlite3.Connection], int]) -> int:
    """``differences`` of the file ``path``, read only; 0 for a database from before
    ``table`` (the migration that adds it fills it)."""
    with closing(sqlite3.connect(readonly_uri(path), uri=True)) as con:
        if con.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                       (table,)).fetchone() is None:
            return 0
        return differences(con)

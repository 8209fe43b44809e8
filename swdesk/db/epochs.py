"""The station's numbering epoch: which numbering its change numbers, row versions and
acknowledgements belong to.

A restored backup takes the station's change log, row versions and acknowledged
watermark back to the backup's: numbers the city has already seen would then mean
other changes. So every restore starts a new epoch (a random id carried in each
package): nothing of it is acknowledged yet, the next package is full, and the hub
starts the station's numbering afresh (docs/package-format.md, section 7).

A database put back by hand is noticed by the mark file next to it (``sync-epoch``:
the epoch and the newest package number used), which a restore does not touch, or by
a return package that acknowledges more than the database ever sent.
"""

from __future__ import annotations

import json
import logging
import secrets
import sqlite3
from pathlib import Path

log = logging.getLogger(__name__)

KEY = "sync_epoch"
MARK = "sync-epoch"
# Settings of the sync numbering carried over a restore: the higher of both databases'
# (package numbers are never reused, in any epoch).
NUMBERS = ("sync_out_no", "sync_in_no")
# Settings of what the city acknowledged, which a new epoch starts from nothing.
RESET = ("acked_seq", "sync_sent_seq")


def _has(con: sqlite3.Connection, table: str) -> bool:
    return con.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                       (table,)).fetchone() is not None


def _setting(con: sqlite3.Connection, key: str, default: str = "") -> str:
    if not _has(con, "setting"):
        return default
    row = con.execute("SELECT value FROM setting WHERE key = ?", (key,)).fetchone()
    return str(row[0]) if row else default


def _number(con: sqlite3.Connection, key: str) -> int:
    try:
        return int(_setting(con, key, "0"))
    except ValueError:
        return 0


def current(con: sqlite3.Connection) -> str:
    """This database's epoch ("" for the first one, as before epochs existed)."""
    return _setting(con, KEY)


def numbers(con: sqlite3.Connection) -> dict[str, int]:
    """The package numbers a database has used, to carry over a restore."""
    return {k: _number(con, k) for k in NUMBERS}


def read_mark(data_dir: Path) -> tuple[str, int] | None:
    """(epoch, newest package number) from the mark file, None if there is none."""
    try:
        mark = json.loads((data_dir / MARK).read_text(encoding="utf-8"))
        epoch, number = mark["epoch"], mark["number"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if not isinstance(epoch, str) or type(number) is not int:
        return None
    return epoch, number


def write_mark(data_dir: Path, epoch: str, number: int) -> None:
    try:
        (data_dir / MARK).write_text(json.dumps({"epoch": epoch, "number": number}),
                                     encoding="utf-8")
    except OSError:  # (only the check of a database put back by hand is weaker)
        log.warning("cannot write %s", data_dir / MARK, exc_info=True)


def begin(con: sqlite3.Connection, data_dir: Path, carried: dict[str, int],
          why: str) -> str:
    """Start a new epoch in the database of ``con`` (in the caller's transaction, if any):
    nothing acknowledged, package numbers at least ``carried``'s. Returns the epoch (the
    same one if the station has never written or read a package)."""
    mark = read_mark(data_dir)
    if not _has(con, "setting") or (
            mark is None and not any(carried.values()) and not any(numbers(con).values())):
        return current(con)  # (a station that never sent a package has nothing to number)
    epoch = secrets.token_hex(8)
    values: dict[str, object] = {KEY: epoch, **dict.fromkeys(RESET, 0)}
    for key in NUMBERS:
        values[key] = max(_number(con, key), carried.get(key, 0),
                          mark[1] if mark and key == "sync_out_no" else 0)
    con.executemany("INSERT OR REPLACE INTO setting (key, value) VALUES (?, ?)",
                    [(k, str(v)) for k, v in values.items()])
    if _has(con, "sync_row"):
        # The bases stay: values the city once confirmed, still the best common ancestor.
        con.execute("UPDATE sync_row SET acked_version = NULL "
                    "WHERE acked_version IS NOT NULL")
    write_mark(data_dir, epoch, int(str(values["sync_out_no"])))
    log.info("new sync epoch %s (%s); package numbers from %s", epoch, why,
             values["sync_out_no"])
    return epoch


def check(con: sqlite3.Connection, data_dir: Path) -> str | None:
    """Start a new epoch if the database went back behind the mark file (a copy put
    back by hand), or its watermarks are past its newest change (a restore made before
    epochs existed); returns the new epoch, or None if the database is where it was."""
    if not _has(con, "setting"):
        return None
    if _has(con, "change_log"):
        # (the highest number ever given: AUTOINCREMENT keeps it in sqlite_sequence)
        (newest,) = con.execute(
            "SELECT max(coalesce((SELECT max(seq) FROM change_log), 0), coalesce((SELECT seq "
            "FROM sqlite_sequence WHERE name = 'change_log'), 0))").fetchone()
        if max(_number(con, k) for k in RESET) > int(newest):
            return begin(con, data_dir, {}, "its watermarks are past its newest change")
    mark = read_mark(data_dir)
    if mark is None:
        return None
    epoch, number = mark
    if epoch == current(con) and number <= _number(con, "sync_out_no"):
        return None
    return begin(con, data_dir, {}, "the database is older than its sync mark")

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

from swdesk import settings

log = logging.getLogger(__name__)

MARK = "sync-epoch"
# Settings of the sync numbering carried over a restore: the higher of both databases'
# (package numbers are never reused, in any epoch).
NUMBERS = (settings.SYNC_OUT_NO, settings.SYNC_IN_NO)
# Settings of what the city acknowledged, which a new epoch starts from nothing.
RESET = (settings.ACKED_SEQ, settings.SYNC_SENT_SEQ)


def _has(con: sqlite3.Connection, table: str) -> bool:
    return con.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                       (table,)).fetchone() is not None


def current(con: sqlite3.Connection) -> str:
    """This database's epoch ("" for the first one, as before epochs existed)."""
    return settings.SYNC_EPOCH.read(con)


def numbers(con: sqlite3.Connection) -> dict[str, int]:
    """The package numbers a database has used, to carry over a restore."""
    return {s.key: s.read(con) for s in NUMBERS}


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
    settings.SYNC_EPOCH.write(con, epoch)
    for reset in RESET:
        reset.write(con, 0)
    numbers_now = {s.key: max(s.read(con), carried.get(s.key, 0),
                              mark[1] if mark and s is settings.SYNC_OUT_NO else 0)
                   for s in NUMBERS}
    for number in NUMBERS:
        number.write(con, numbers_now[number.key])
    out_no = numbers_now[settings.SYNC_OUT_NO.key]
    if _has(con, "sync_row"):
        # The bases stay: values the city once confirmed, still the best common ancestor.
        con.execute("UPDATE sync_row SET acked_version = NULL "
                    "WHERE acked_version IS NOT NULL")
    write_mark(data_dir, epoch, out_no)
    log.info("new sync epoch %s (%s); package numbers from %s", epoch, why,
             out_no)
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
        if max(s.read(con) for s in RESET) > int(newest):
            return begin(con, data_dir, {}, "its watermarks are past its newest change")
    mark = read_mark(data_dir)
    if mark is None:
        return None
    epoch, number = mark
    if epoch == current(con) and number <= settings.SYNC_OUT_NO.read(con):
        return None
    return begin(con, data_dir, {}, "the database is older than its sync mark")

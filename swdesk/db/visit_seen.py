"""The kept last care visit of each client (table ``visit_seen``), counted again.

Migration 0008's triggers keep the table in the transaction of every write; this module
counts it from the records themselves, for ``db check`` (does the kept table match?),
``db check --repair`` and the demo's bulk load (which pauses the triggers as it pauses
the search index's: one count afterwards is far cheaper than a trigger per row).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path
from typing import Any

import peewee as pw

from swdesk.db import read_only

COUNT = (
    "SELECT cid, max(d) AS last_on FROM ("
    "SELECT p.client_id AS cid, r.date AS d FROM service_participant p JOIN service_record r "
    "ON r.id = p.record_id WHERE r.care_visit = 1 AND r.deleted = 0 UNION ALL "
    'SELECT c.client_id, l.date FROM case_log l JOIN "case" c ON c.id = l.case_id '
    "WHERE l.care_visit = 1 AND l.deleted = 0) GROUP BY cid")


Db = pw.Database | pw.DatabaseProxy


def _run(db: Db | sqlite3.Connection, sql: str) -> Any:
    return db.execute(sql) if isinstance(db, sqlite3.Connection) else db.execute_sql(sql)


def counted(db: Db | sqlite3.Connection) -> dict[int, str]:
    """Each visited client's last care visit (ISO date), from the records."""
    return {int(c): str(d) for c, d in _run(db, COUNT)}


def kept(db: Db | sqlite3.Connection) -> dict[int, str]:
    return {int(c): str(d) for c, d in _run(db, "SELECT client_id, last_on FROM visit_seen")}


def differences(db: Db | sqlite3.Connection) -> int:
    """How many clients' kept last visit differs from a count of the records."""
    have, want = kept(db), counted(db)
    return sum(1 for c in have.keys() | want.keys() if have.get(c) != want.get(c))


def differences_in(path: Path) -> int:
    """:func:`differences` of the database file ``path``, read only (``db check``); 0 for
    a database from before the table."""
    return read_only.differences_in(path, "visit_seen", differences)


def rebuild(db: Db) -> int:
    """Count the table again (in the caller's transaction); returns its rows."""
    db.execute_sql("DELETE FROM visit_seen")
    return int(db.execute_sql(
        f"INSERT INTO visit_seen (client_id, last_on) {COUNT}").rowcount)


def triggers(db: Db) -> list[tuple[str, str]]:
    """The keeping triggers (name, SQL), as the demo drops and recreates them."""
    return [(str(n), str(s)) for n, s in db.execute_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
        "AND name LIKE 'visit_seen_%' ORDER BY name")]


def last_visits(db: Db) -> dict[int, dt.date]:
    return {c: dt.date.fromisoformat(d) for c, d in kept(db).items()}

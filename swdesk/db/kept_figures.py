"""The kept figures (tables ``kept_tally`` and ``kept_client_month``), counted again.

Migration 0009's triggers keep both tables in the transaction of every write; this module
counts them from the records themselves, for ``db check`` (do the kept rows match?),
``db check --repair`` and the demo's bulk load (which pauses the triggers, as it pauses
visit_seen's: one count afterwards is far cheaper than a trigger per row). The rules are
those of ``swdesk.services.contract_figures``: live records by their own project, live
logs of live cases by the case's project, live hours by their own project; scope 0 is
the whole station.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import peewee as pw

from swdesk.db import read_only

Db = pw.Database | pw.DatabaseProxy

TALLY_COLUMNS = ("scope", "day", "kind", "records", "headcount", "record_visits", "logs",
                 "log_visits", "hundredths")
CLIENT_COLUMNS = ("scope", "month", "client_id", "n", "prev")

# Each contribution once for the whole station (z.k = 0) and once for its project.
_Z = "(SELECT 0 AS k UNION ALL SELECT 1) AS z"

# kept_tally as the records give it: one row per scope, day and kind, none all zero.
TALLY = (
    "SELECT scope, day, kind, sum(a), sum(b), sum(c), sum(d), sum(e), sum(f) FROM ("
    "SELECT 0 AS scope, date AS day, kind, count(*) AS a, sum(headcount) AS b, "
    "sum(care_visit) AS c, 0 AS d, 0 AS e, 0 AS f FROM service_record WHERE deleted = 0 "
    "GROUP BY date, kind UNION ALL "
    "SELECT project_id, date, kind, count(*), sum(headcount), sum(care_visit), 0, 0, 0 "
    "FROM service_record WHERE deleted = 0 AND project_id IS NOT NULL "
    "GROUP BY project_id, date, kind UNION ALL "
    "SELECT iif(z.k, c.project_id, 0), l.date, '', 0, 0, 0, count(*), sum(l.care_visit), 0 "
    f'FROM case_log l JOIN "case" c ON c.id = l.case_id, {_Z} WHERE l.deleted = 0 '
    "AND c.deleted = 0 AND (z.k = 0 OR c.project_id IS NOT NULL) GROUP BY 1, 2 UNION ALL "
    "SELECT iif(z.k, h.project_id, 0), h.date, '', 0, 0, 0, 0, 0, "
    f"sum(CAST(round(h.hours * 100) AS INTEGER)) FROM volunteer_hour h, {_Z} "
    "WHERE h.deleted = 0 AND (z.k = 0 OR h.project_id IS NOT NULL) GROUP BY 1, 2"
    ") GROUP BY scope, day, kind "
    "HAVING sum(a) <> 0 OR sum(b) <> 0 OR sum(c) <> 0 OR sum(d) <> 0 OR sum(e) <> 0 "
    "OR sum(f) <> 0")

# kept_client_month as the records give it: how many live contributions each client has
# in each scope and month, and the client's month before it in the scope.
CLIENTS = (
    "SELECT scope, month, client_id, n, "
    "lag(month) OVER (PARTITION BY scope, client_id ORDER BY month) FROM ("
    "SELECT scope, month, client_id, count(*) AS n FROM ("
    "SELECT 0 AS scope, substr(r.date, 1, 7) AS month, p.client_id AS client_id "
    "FROM service_record r JOIN service_participant p ON p.record_id = r.id "
    "WHERE r.deleted = 0 UNION ALL "
    "SELECT r.project_id, substr(r.date, 1, 7), p.client_id "
    "FROM service_record r JOIN service_participant p ON p.record_id = r.id "
    "WHERE r.deleted = 0 AND r.project_id IS NOT NULL UNION ALL "
    "SELECT iif(z.k, c.project_id, 0), substr(l.date, 1, 7), c.client_id "
    f'FROM case_log l JOIN "case" c ON c.id = l.case_id, {_Z} WHERE l.deleted = 0 '
    "AND c.deleted = 0 AND (z.k = 0 OR c.project_id IS NOT NULL)"
    ") GROUP BY scope, month, client_id)")

# The kept rows that mean something: a tally row all zero or a client's month at 0 is
# the same as no row.
_KEPT_TALLY = ("SELECT * FROM kept_tally WHERE records <> 0 OR headcount <> 0 "
               "OR record_visits <> 0 OR logs <> 0 OR log_visits <> 0 OR hundredths <> 0")
_KEPT_CLIENTS = "SELECT * FROM kept_client_month WHERE n <> 0"

Tables = tuple[set[tuple[Any, ...]], set[tuple[Any, ...]]]


def _run(db: Db | sqlite3.Connection, sql: str) -> Any:
    return db.execute(sql) if isinstance(db, sqlite3.Connection) else db.execute_sql(sql)


def counted(db: Db | sqlite3.Connection) -> Tables:
    """(kept_tally's rows, kept_client_month's rows) as the records give them."""
    return ({tuple(r) for r in _run(db, TALLY)}, {tuple(r) for r in _run(db, CLIENTS)})


def kept(db: Db | sqlite3.Connection) -> Tables:
    """The kept rows (those that count: none all zero)."""
    return ({tuple(r) for r in _run(db, _KEPT_TALLY)},
            {tuple(r) for r in _run(db, _KEPT_CLIENTS)})


def differences(db: Db | sqlite3.Connection) -> int:
    """How many kept rows differ from a count of the records: a row missing, extra or
    with another value counts once (by its scope, day or month, kind or client)."""
    total = 0
    for have, want, key in ((_KEPT_TALLY, TALLY, "scope, day, kind"),
                            (_KEPT_CLIENTS, CLIENTS, "scope, month, client_id")):
        (n,) = _run(db, f"SELECT count(*) FROM (SELECT {key} FROM ({have} EXCEPT {want}) "
                        f"UNION SELECT {key} FROM ({want} EXCEPT {have}))").fetchone()
        total += int(n)
    return total


def differences_in(path: Path) -> int:
    """:func:`differences` of the database file ``path``, read only (``db check``); 0 for
    a database from before the tables."""
    return read_only.differences_in(path, "kept_client_month", differences)


def rebuild(db: Db) -> int:
    """Count both tables again (in the caller's transaction); returns their rows."""
    db.execute_sql("DELETE FROM kept_tally")
    db.execute_sql("DELETE FROM kept_client_month")
    tally = db.execute_sql(f"INSERT INTO kept_tally ({', '.join(TALLY_COLUMNS)}) {TALLY}")
    clients = db.execute_sql(
        f"INSERT INTO kept_client_month ({', '.join(CLIENT_COLUMNS)}) {CLIENTS}")
    return int(tally.rowcount) + int(clients.rowcount)


def triggers(db: Db) -> list[tuple[str, str]]:
    """The keeping triggers (name, SQL), as the demo drops and recreates them."""
    return [(str(n), str(s)) for n, s in db.execute_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
        "AND name LIKE 'kept\\_%' ESCAPE '\\' ORDER BY name")]

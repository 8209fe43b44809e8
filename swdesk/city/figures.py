"""The contract figures of each station for a month, counted at the hub.

The rules are :mod:`swdesk.services.contract_figures`' (the same words print under the
city's report), applied to the hub's tables: links are uids, a record's participants a
JSON list of client uids, booleans true booleans, and the hub runs on SQLite or
PostgreSQL. Each figure is one aggregate grouped by station (``origin``); the hub keeps
no index on dates or links, so each reads its table once.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal

import peewee as pw

from swdesk.city.db import City
from swdesk.services.contract_figures import KEYS

# The period's live records and live case logs of live cases: as SOURCES in
# contract_figures, with the hub's uids for links.
_RECORDS = "FROM c_service_record r WHERE r.deleted = FALSE AND r.date BETWEEN {p} AND {p}"
_CASE_LOGS = ("FROM c_case_log l JOIN c_case c ON c.uid = l.case_uid WHERE l.deleted = FALSE "
              "AND c.deleted = FALSE AND l.date BETWEEN {p} AND {p}")


def _participants(db: pw.Database) -> str:
    """The FROM part that yields each participant's client uid as ``e.value``."""
    if isinstance(db, pw.PostgresqlDatabase):
        return "c_service_record r, jsonb_array_elements_text(r.participants::jsonb) AS e(value)"
    return "c_service_record r, json_each(r.participants) AS e"


def station_figures(city: City, first: dt.date, last: dt.date) -> dict[str, dict[str, Decimal]]:
    """Station code -> contract figure key -> value, for the period."""
    db, p = city.db, city.db.param
    span = (first, last)
    raw: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(KEYS, 0))

    def add(key: str, sql: str, params: tuple[object, ...]) -> None:
        for origin, value in db.execute_sql(sql.format(p=p), params):
            raw[origin][key] += int(value or 0)

    def add_many(keys: tuple[str, ...], sql: str, params: tuple[object, ...]) -> None:
        for origin, *values in db.execute_sql(sql.format(p=p), params):
            for key, value in zip(keys, values, strict=True):
                raw[origin][key] += int(value or 0)

    add("cases", "SELECT origin, count(*) FROM c_case WHERE deleted = FALSE "
        "AND opened_on <= {p} AND (closed_on IS NULL OR closed_on >= {p}) GROUP BY origin",
        (last, first))
    add("groups", "SELECT r.origin, count(DISTINCT r.work_group_uid) FROM c_service_record r "
        "JOIN c_work_group g ON g.uid = r.work_group_uid WHERE g.deleted = FALSE "
        "AND r.deleted = FALSE AND r.kind = 'group' AND r.date BETWEEN {p} AND {p} "
        "GROUP BY r.origin", span)
    add_many(("group_sessions", "activities", "person_times", "care_visits"),
             "SELECT r.origin, sum(CASE WHEN r.kind = 'group' THEN 1 ELSE 0 END), "
             "sum(CASE WHEN r.kind = 'community' THEN 1 ELSE 0 END), sum(r.headcount), "
             f"sum(CASE WHEN r.care_visit THEN 1 ELSE 0 END) {_RECORDS} GROUP BY r.origin",
             span)
    add_many(("person_times", "care_visits"),
             "SELECT l.origin, count(*), sum(CASE WHEN l.care_visit THEN 1 ELSE 0 END) "
             f"{_CASE_LOGS} GROUP BY l.origin", span)
    add("clients", "SELECT cl.origin, count(*) FROM c_client cl WHERE cl.deleted = FALSE "
        f"AND cl.uid IN (SELECT e.value FROM {_participants(db)} WHERE r.deleted = FALSE "
        "AND r.date BETWEEN {p} AND {p} UNION ALL SELECT c.client_uid "
        f"{_CASE_LOGS}) GROUP BY cl.origin", (*span, *span))
    add("volunteer_hours", "SELECT origin, sum(CAST(round(hours * 100) AS INTEGER)) "
        "FROM c_volunteer_hour WHERE deleted = FALSE AND date BETWEEN {p} AND {p} "
        "GROUP BY origin", span)
    return {origin: {key: ((Decimal(v) / 100).quantize(Decimal("0.01"))
                           if key == "volunteer_hours" else Decimal(v))
                     for key, v in values.items()}
            for origin, values in raw.items()}

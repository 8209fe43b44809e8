"""Who was served in a period (服务对象人数): the kept months, and the records for the part of
an edge month the kept month cannot answer.

``kept_client_month`` (migration 0009) holds, per scope and month, each client with a
live contribution: a participation in a live record, a live log of the client's live
case. A month lying wholly inside the period is read from it. A month the period only
partly covers is read from it too when nothing of that scope is dated in the month
outside the period (the usual case for "this month to today" and for an execution year
to today: a cheap probe of the date indexes); otherwise the overlap days are counted
from the records, as ``contract_figures.counted`` counts the whole period. Whether a
client is live is asked at reading time, so deleting a client needs no kept row changed.
"""

from __future__ import annotations

import datetime as dt

from swdesk.model import database

# The clients served from {first} to {last}, some more than once: the participants of live
# records and the clients of live cases with a live log; {{project}}/{{case_project}} the
# project's condition on the record and on the case.
CLIENT_IDS = ("SELECT p.client_id FROM service_record r "
              "JOIN service_participant p ON p.record_id = r.id WHERE r.deleted = 0 "
              "AND r.date BETWEEN {first} AND {last}{{project}} UNION ALL "
              'SELECT c.client_id FROM case_log l JOIN "case" c ON c.id = l.case_id '
              "WHERE l.deleted = 0 AND c.deleted = 0 AND l.date BETWEEN {first} AND {last}"
              "{{case_project}}")

# Anything of the scope dated from :a to :b that could add a client: the first live record
# or live log found settles it.
_ANY = ("SELECT EXISTS (SELECT 1 FROM service_record r WHERE r.deleted = 0 "
        "AND r.date BETWEEN :a AND :b{project}) OR EXISTS (SELECT 1 FROM case_log l "
        'JOIN "case" c ON c.id = l.case_id WHERE l.deleted = 0 AND c.deleted = 0 '
        "AND l.date BETWEEN :a AND :b{case_project})")


def _conditions(project: bool) -> dict[str, str]:
    return ({"project": " AND r.project_id = :project",
             "case_project": " AND c.project_id = :project"} if project
            else {"project": "", "case_project": ""})


def _months(first: dt.date, last: dt.date) -> list[tuple[dt.date, dt.date]]:
    """The calendar months the period touches, each as (its first day, its last day)."""
    out = []
    start = first.replace(day=1)
    while start <= last:
        following = (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        out.append((start, following - dt.timedelta(days=1)))
        start = following
    return out


def _anything_between(a: dt.date, b: dt.date, project_id: int | None) -> bool:
    if a > b:
        return False
    params: dict[str, object] = {"a": a.isoformat(), "b": b.isoformat(), "project": project_id}
    sql = _ANY.format(**_conditions(project_id is not None))
    return bool(database.execute_sql(sql, params).fetchone()[0])


def served(first: dt.date, last: dt.date, project_id: int | None
           ) -> tuple[str, dict[str, object]]:
    """A SELECT of one row per live client served in the period, its column the client's
    ``target_groups``, and its parameters.

    The kept months form one run (only the first and last month can be read from the
    records): their clients are the rows whose month before lies outside the run, each
    once. The clients the records add for the edge days count when the run has none of
    them.
    """
    params: dict[str, object] = {"scope": int(project_id or 0)}
    if project_id is not None:
        params["project"] = int(project_id)
    kept: list[str] = []
    raw: list[str] = []
    for start, end in _months(first, last):
        a, b = max(first, start), min(last, end)
        if (a, b) == (start, end) or not (
                _anything_between(start, a - dt.timedelta(days=1), project_id)
                or _anything_between(b + dt.timedelta(days=1), end, project_id)):
            kept.append(start.strftime("%Y-%m"))
            continue
        n = len(raw)
        params[f"a{n}"], params[f"b{n}"] = a.isoformat(), b.isoformat()
        raw.append(CLIENT_IDS.format(first=f":a{n}", last=f":b{n}").format(
            **_conditions(project_id is not None)))
    parts = []
    if kept:
        params["k1"], params["k2"] = kept[0], kept[-1]
        parts.append(
            "SELECT cl.target_groups FROM kept_client_month k JOIN client cl "
            "ON cl.id = k.client_id WHERE k.scope = :scope AND k.month BETWEEN :k1 AND :k2 "
            "AND (k.prev IS NULL OR k.prev < :k1) AND cl.deleted = 0")
    if raw:
        outside = ("" if not kept else " AND NOT EXISTS (SELECT 1 FROM kept_client_month k "
                   "WHERE k.scope = :scope AND k.client_id = cl.id "
                   "AND k.month BETWEEN :k1 AND :k2)")
        parts.append("SELECT cl.target_groups FROM client cl WHERE cl.deleted = 0 "
                     f"AND cl.id IN ({' UNION ALL '.join(raw)}){outside}")
    return " UNION ALL ".join(parts) or "SELECT NULL WHERE 0", params

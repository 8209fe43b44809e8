"""The rows behind each contract figure: what an evaluator ticks off against the number.

Each figure of :mod:`swdesk.services.contract_figures` is listed from the same sources
with the same conditions (its ``SOURCES`` text, not a copy), one line per row that
counts, with what that row adds to the figure: the lines' additions sum to the figure
(服务对象人数 aside, where a person named on several lines counts once).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, replace
from decimal import Decimal

from swdesk.i18n import _
from swdesk.model import database
from swdesk.services import numbers_seen
from swdesk.services.contract_figures import BY_KEY, source_sql


@dataclass(frozen=True)
class Behind:
    """One row behind a figure."""

    kind: str  # "record", "case_log", "case", "group" or "hours"
    row_id: int
    number: str  # the number printed for it (a record's station number, a case number …)
    date: dt.date | None
    title: str
    people: int  # a record's person-times; 1 for a case or a log; a group's sessions
    adds: Decimal  # what it adds to the figure


# Per source: the kind of its rows and the columns (id, date, number, title, people) of
# a line; the number of a record is worked out afterwards.
_COLUMNS: dict[str, tuple[str, str]] = {
    "records": ("record", "r.id, r.date, '', r.title, r.headcount"),
    "case_logs": ("case_log", "l.id, l.date, c.case_no, '', 1"),
    "cases": ("case", "c.id, c.opened_on, c.case_no, '', 1"),
    "groups": ("group", "g.id, g.planned_start, g.group_no, g.name, (SELECT count(*) FROM "
               "service_record s WHERE s.work_group_id = g.id AND s.deleted = 0 "
               "AND s.kind = 'group' AND s.date BETWEEN :first AND :last)"),
    "hours": ("hours", "h.id, h.date, coalesce(v.volunteer_no, ''), v.name, 1"),
}
# A record's named, live participants: the participants first (their (record, client)
# index), each client by its key; CROSS JOIN keeps SQLite from scanning the clients.
_NAMED = ("FROM service_participant sp CROSS JOIN client pc ON pc.id = sp.client_id "
          "WHERE sp.record_id = r.id AND pc.deleted = 0")
# Per figure and source: which rows count (beyond the source's own conditions) and what
# each adds, mirroring the figure's aggregate.
_COUNTED: dict[str, tuple[tuple[str, str, str], ...]] = {
    "cases": (("cases", "", "1"),),
    "groups": (("groups", "", "1"),),
    "group_sessions": (("records", " AND r.kind = 'group'", "1"),),
    "activities": (("records", " AND r.kind = 'community'", "1"),),
    "person_times": (("records", " AND r.headcount > 0", "r.headcount"),
                     ("case_logs", "", "1")),
    "clients": (("records", f" AND EXISTS (SELECT 1 {_NAMED})", f"(SELECT count(*) {_NAMED})"),
                ("case_logs", " AND EXISTS (SELECT 1 FROM client pc WHERE pc.id = c.client_id "
                 "AND pc.deleted = 0)", "1")),
    "care_visits": (("records", " AND r.care_visit = 1", "1"),
                    ("case_logs", " AND l.care_visit = 1", "1")),
    "volunteer_hours": (("hours", "", "CAST(round(h.hours * 100) AS INTEGER)"),),
}
_HUNDREDTHS = Decimal("0.01")


def additive(key: str) -> bool:
    """Whether the lines' additions sum to the figure (not for people counted once)."""
    return key != "clients"


def _date(value: object) -> dt.date | None:
    if value is None or value == "":
        return None
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])


def _from(source: str, project: bool) -> str:
    sql = source_sql(source, project)
    if source == "hours":  # (the volunteer's number and name on each line)
        sql = sql.replace("FROM volunteer_hour h ",
                          "FROM volunteer_hour h JOIN volunteer v ON v.id = h.volunteer_id ", 1)
    return sql


def behind(key: str, first: dt.date, last: dt.date, project_id: int | None = None
           ) -> list[Behind]:
    """The rows behind figure ``key`` for the period (and project), by date."""
    return behind_each((key,), first, last, project_id)[key]


def behind_each(keys: Iterable[str], first: dt.date, last: dt.date,
                project_id: int | None = None) -> dict[str, list[Behind]]:
    """:func:`behind` for several figures, the records' numbers worked out once."""
    found = {key: _unnumbered(key, first, last, project_id) for key in dict.fromkeys(keys)}
    numbers = numbers_seen.record_nos(ln.row_id for lines in found.values() for ln in lines
                                      if ln.kind == "record")
    out: dict[str, list[Behind]] = {}
    for key, lines in found.items():
        lines = [replace(ln, number=numbers.get(ln.row_id, "")) if ln.kind == "record"
                 else ln for ln in lines]
        lines.sort(key=lambda ln: (ln.date or dt.date.min, ln.kind, ln.row_id))
        out[key] = lines
    return out


def _unnumbered(key: str, first: dt.date, last: dt.date, project_id: int | None
                ) -> list[Behind]:
    figure = BY_KEY[key]
    params: dict[str, object] = {"first": first.isoformat(), "last": last.isoformat()}
    if project_id is not None:
        params["project"] = int(project_id)
    lines: list[Behind] = []
    for source, condition, adds in _COUNTED[key]:
        kind, columns = _COLUMNS[source]
        rows = database.execute_sql(
            f"SELECT {columns}, {adds} {_from(source, project_id is not None)}{condition}",
            params).fetchall()
        for row_id, day, number, title, people, added in rows:
            value = Decimal(int(added or 0))
            if figure.hundredths:
                value = (value / 100).quantize(_HUNDREDTHS)
            lines.append(Behind(kind, int(row_id), str(number or ""), _date(day),
                                str(title or "") or _log_title(kind), int(people or 0), value))
    return lines


def _log_title(kind: str) -> str:
    return {"case_log": _("个案记录", "Case log"), "case": _("个案", "Case")}.get(kind, "")

"""The numbers reports print, each from one SQL aggregate over an index.

Every figure a report prints comes from a function here or, for the contract figures
(个案数, 服务人次, 服务对象人数 …), from :mod:`swdesk.services.contract_figures`, so a
test can set it beside an independent count. Dates are stored as ISO text, so a period is a
``BETWEEN`` on the ``(deleted, date)`` / ``date`` indexes. Hours are summed as
whole hundredths (``round(hours * 100)``) to stay exact.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from swdesk.model import database
from swdesk.reports.periods import Period
from swdesk.services import contract_figures

_RECORDS_IN = "FROM service_record r WHERE r.deleted = 0 AND r.date BETWEEN ? AND ?"


def _span(period: Period) -> tuple[str, str]:
    return period.first.isoformat(), period.last.isoformat()


def hundredths(value: int | None) -> Decimal:
    return (Decimal(int(value or 0)) / 100).quantize(Decimal("0.01"))


@dataclass(frozen=True)
class ServiceCell:
    kind: str
    category: str
    field: str
    care_visit: bool
    records: int
    person_times: int


def service_cells(period: Period) -> list[ServiceCell]:
    """Records and person-times by (kind, 近邻 category, field, care visit): one scan."""
    rows = database.execute_sql(
        "SELECT r.kind, r.category, r.field, r.care_visit, count(*), "
        f"coalesce(sum(r.headcount), 0) {_RECORDS_IN} GROUP BY 1, 2, 3, 4",
        _span(period)).fetchall()
    return [ServiceCell(k, c, f, bool(v), int(n), int(h)) for k, c, f, v, n, h in rows]


def totals_by(cells: list[ServiceCell], key: str) -> dict[str, tuple[int, int]]:
    """(records, person-times) per value of ``key`` (kind, category or field)."""
    out: dict[str, list[int]] = {}
    for cell in cells:
        entry = out.setdefault(getattr(cell, key), [0, 0])
        entry[0] += cell.records
        entry[1] += cell.person_times
    return {k: (v[0], v[1]) for k, v in out.items()}


def records_total(cells: list[ServiceCell]) -> int:
    return sum(c.records for c in cells)


def headcount_total(cells: list[ServiceCell]) -> int:
    """The records' 参与人次 (the contract's 服务人次 adds the case logs)."""
    return sum(c.person_times for c in cells)


def cases_opened(period: Period) -> int:
    (n,) = database.execute_sql(
        'SELECT count(*) FROM "case" WHERE deleted = 0 AND opened_on BETWEEN ? AND ?',
        _span(period)).fetchone()
    return int(n)


def cases_closed(period: Period) -> int:
    (n,) = database.execute_sql(
        'SELECT count(*) FROM "case" WHERE deleted = 0 AND closed_on BETWEEN ? AND ?',
        _span(period)).fetchone()
    return int(n)


def cases_open_at(day: Period) -> int:
    """Cases open on the period's last day (opened by then, not closed by then)."""
    last = day.last.isoformat()
    (n,) = database.execute_sql(
        'SELECT count(*) FROM "case" WHERE deleted = 0 AND opened_on <= ? '
        "AND (closed_on IS NULL OR closed_on > ?)", (last, last)).fetchone()
    return int(n)


def case_logs(period: Period) -> int:
    """The period's case logs as 服务人次 counts them (a deleted case's logs left out)."""
    (n,) = database.execute_sql(
        'SELECT count(*) FROM case_log l JOIN "case" c ON c.id = l.case_id '
        "WHERE l.deleted = 0 AND c.deleted = 0 AND l.date BETWEEN ? AND ?",
        _span(period)).fetchone()
    return int(n)


@dataclass(frozen=True)
class VolunteerTotal:
    hours: Decimal  # the contract figure 志愿服务时长 (swdesk.services.contract_figures)
    volunteers: int
    entries: int


def volunteer_hours(period: Period) -> VolunteerTotal:
    row = database.execute_sql(
        "SELECT count(DISTINCT volunteer_id), count(*) FROM volunteer_hour "
        "WHERE deleted = 0 AND date BETWEEN ? AND ?", _span(period)).fetchone()
    return VolunteerTotal(contract_figures.count("volunteer_hours", period.first, period.last),
                          int(row[0]), int(row[1]))


@dataclass(frozen=True)
class PartnerTotal:
    partner_id: int
    name: str
    kind: str
    times: int
    value: Decimal
    contributions: str


def partner_contributions(period: Period) -> list[PartnerTotal]:
    """Each partner that took part in the period's records: how often and what it gave."""
    rows = database.execute_sql(
        "SELECT pa.id, pa.name, pa.kind, count(*), "
        "coalesce(sum(CAST(round(sp.value * 100) AS INTEGER)), 0), "
        "group_concat(DISTINCT replace(sp.contribution, ',', '，')) "
        "FROM service_record r JOIN service_partner sp ON sp.record_id = r.id "
        "JOIN partner pa ON pa.id = sp.partner_id "
        "WHERE r.deleted = 0 AND r.date BETWEEN ? AND ? "
        "GROUP BY pa.id ORDER BY pa.kind, count(*) DESC, pa.name", _span(period)).fetchall()
    return [PartnerTotal(int(i), str(n), str(k), int(c), hundredths(v),
                         "、".join(sorted(set(str(x or "").split(",")) - {""})))
            for i, n, k, c, v, x in rows]


def clients_registered(period: Period) -> int:
    (n,) = database.execute_sql(
        "SELECT count(*) FROM client WHERE deleted = 0 AND registered_on BETWEEN ? AND ?",
        _span(period)).fetchone()
    return int(n)

"""A purchased project's indicators against what its linked records show.

The kinds come from the reference list ``indicator_kind``; each is counted from
the service records (and volunteer hours) linked to the project, inside a date
span that defaults to the contract period:

* ``cases``: distinct clients served through individual work (care visits aside);
* ``groups`` / ``activities``: group and community records;
* ``person_times``: the records' person-times;
* ``clients``: distinct named participants;
* ``volunteer_hours``: hours entered against the project;
* ``care_visits``: 邻里守望 care visits.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from swdesk import reference
from swdesk.model import Indicator, Project, database

KINDS = ("cases", "groups", "activities", "person_times", "clients", "volunteer_hours",
         "care_visits")
# Kinds whose figure over a long span is the sum of its months; the others count distinct
# people, which costs a pass over every participant of the span.
ADDITIVE = ("groups", "activities", "person_times", "volunteer_hours", "care_visits")


@dataclass(frozen=True)
class IndicatorProgress:
    indicator_id: int
    kind: str
    label: str
    target: int
    actual: Decimal

    @property
    def share(self) -> float | None:
        """Actual over target (1.0 = met); None when there is no target."""
        return float(self.actual) / self.target if self.target else None

    @property
    def met(self) -> bool:
        return self.target <= 0 or self.actual >= self.target


@dataclass(frozen=True)
class ExecutionYear:
    number: int  # 1, 2, 3
    first: dt.date
    last: dt.date


def execution_years(project: Project) -> list[ExecutionYear]:
    """The contract's execution years (the last one may be short)."""
    years: list[ExecutionYear] = []
    start: dt.date = project.start_on
    n = 1
    while start <= project.end_on and n <= 3:
        nxt = _add_years(project.start_on, n)
        years.append(ExecutionYear(n, start, min(nxt - dt.timedelta(days=1), project.end_on)))
        start, n = nxt, n + 1
    return years


def year_of(project: Project, day: dt.date) -> ExecutionYear | None:
    for year in execution_years(project):
        if year.first <= day <= year.last:
            return year
    return None


def _add_years(d: dt.date, years: int) -> dt.date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)


def counts(project_id: int, first: dt.date, last: dt.date,
           kinds: tuple[str, ...] = KINDS) -> dict[str, Decimal]:
    """Every asked-for kind's actual figure for the project between ``first`` and ``last``."""
    span = (project_id, first.isoformat(), last.isoformat())
    where = "r.project_id = ? AND r.deleted = 0 AND r.date BETWEEN ? AND ?"
    out: dict[str, Decimal] = {}
    if set(kinds) & {"groups", "activities", "person_times", "care_visits"}:
        rows = database.execute_sql(
            f"SELECT r.kind, r.care_visit, count(*), coalesce(sum(r.headcount), 0) "
            f"FROM service_record r WHERE {where} GROUP BY 1, 2", span).fetchall()
        by_kind: dict[str, int] = {}
        visits = people = 0
        for kind, care, n, heads in rows:
            by_kind[kind] = by_kind.get(kind, 0) + int(n)
            visits += int(n) if care else 0
            people += int(heads)
        out["groups"] = Decimal(by_kind.get("group", 0))
        out["activities"] = Decimal(by_kind.get("community", 0))
        out["person_times"] = Decimal(people)
        out["care_visits"] = Decimal(visits)
    if "clients" in kinds or "cases" in kinds:
        # One pass over the participants serves both distinct counts.
        clients, cases = database.execute_sql(
            "SELECT count(DISTINCT p.client_id), count(DISTINCT CASE WHEN r.kind = 'individual' "
            "AND r.care_visit = 0 THEN p.client_id END) FROM service_record r "
            f"JOIN service_participant p ON p.record_id = r.id WHERE {where}", span).fetchone()
        out["clients"], out["cases"] = Decimal(int(clients)), Decimal(int(cases))
    if "volunteer_hours" in kinds:
        (h,) = database.execute_sql(
            "SELECT coalesce(sum(CAST(round(hours * 100) AS INTEGER)), 0) FROM volunteer_hour "
            "WHERE project_id = ? AND deleted = 0 AND date BETWEEN ? AND ?", span).fetchone()
        out["volunteer_hours"] = (Decimal(int(h)) / 100).quantize(Decimal("0.01"))
    return {k: v for k, v in out.items() if k in kinds}


def indicator_progress(project: Project, *, first: dt.date | None = None,
                       last: dt.date | None = None,
                       kinds: Iterable[str] | None = None) -> list[IndicatorProgress]:
    """Each live indicator of ``project`` with its actual figure.

    The span defaults to the contract period; pass ``first``/``last`` for one
    execution year or "up to the end of this month", ``kinds`` to keep only some.
    """
    query = Indicator.live().where(Indicator.project == project.id).order_by(Indicator.id)
    wanted = None if kinds is None else set(kinds)
    indicators = [i for i in query if wanted is None or i.kind in wanted]
    if not indicators:
        return []
    start = first or project.start_on
    end = last or project.end_on
    kinds = tuple(dict.fromkeys(i.kind for i in indicators))
    actual = counts(int(project.id), start, end, kinds)
    return [IndicatorProgress(int(i.id), i.kind, reference.label("indicator_kind", i.kind),
                              int(i.target or 0), actual.get(i.kind, Decimal(0)))
            for i in indicators]

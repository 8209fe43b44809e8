"""The figures of the 工作台 (today's page): this month at a glance.

The contract figures (个案数, 小组数 … 志愿服务时长) are :mod:`contract_figures`' for the
month; each running project's indicators are its figures for the current execution year
to today, the span its targets are set for and the project report counts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

import peewee as pw

from swdesk.i18n import _
from swdesk.model import Case, Client, Project, ServiceRecord
from swdesk.model.base import tuples
from swdesk.services import contract_figures, journal
from swdesk.services.contract_warnings import Warning, warnings
from swdesk.services.getting_started import Step, steps
from swdesk.services.indicators import (
    ExecutionYear,
    IndicatorProgress,
    indicator_progress,
    year_text,
    year_to_date,
)
from swdesk.services.training import hours_by_worker

CONTINUING_EDUCATION_HOURS = 80  # the city's yearly minimum for a social worker


@dataclass(frozen=True)
class ProjectProgress:
    """A running project's indicators over its current execution year, to ``last``."""

    name: str
    year: ExecutionYear
    last: dt.date
    items: list[IndicatorProgress]
    project_id: int = 0

    @property
    def period_text(self) -> str:
        return year_text(self.year)


@dataclass
class Dashboard:
    month: dt.date  # first day of the month shown
    last: dt.date = dt.date.min  # its last day
    current: bool = True  # the month of today ("本月")
    figures: dict[str, Decimal] = field(default_factory=dict)  # contract figures, the month
    services_by_category: dict[str, int] = field(default_factory=dict)
    cases_by_stage: dict[str, int] = field(default_factory=dict)
    indicators: list[ProjectProgress] = field(default_factory=list)
    workers_below_80: list[tuple[str, Decimal]] = field(default_factory=list)
    pending_changes: int = 0
    workers: int = 0  # active social workers (none: no "all reached 80 hours")
    has_data: bool = False  # any client, case or service record at all
    getting_started: list[Step] = field(default_factory=list)
    warnings: list[Warning] = field(default_factory=list)  # the contract year's, to act on

    has_records: bool = False  # any service record at all

    @property
    def period_text(self) -> str:
        """Which month the figures are of: "本月（2026年12月）"."""
        month = _("{}年{}月", "{}-{:02d}").format(self.month.year, self.month.month)
        return _("本月（{}）", "This month ({})").format(month) if self.current else month

    @property
    def person_times(self) -> int:
        return int(self.figures.get("person_times", 0))

    @property
    def volunteer_hours(self) -> Decimal:
        return self.figures.get("volunteer_hours", Decimal(0))

    @property
    def set_up(self) -> bool:
        """Every first step taken."""
        return all(step.done for step in self.getting_started)

    @property
    def new_station(self) -> bool:
        """Still setting up (a first step left, no service recorded yet): the 工作台 lists
        the first steps. A station at work is reminded of enrolling by its 同步 page."""
        return not self.set_up and not self.has_records


def month_bounds(day: dt.date) -> tuple[dt.date, dt.date]:
    first = day.replace(day=1)
    following = (first + dt.timedelta(days=32)).replace(day=1)
    return first, following - dt.timedelta(days=1)


def project_progress(today: dt.date) -> list[ProjectProgress]:
    """Each running project's indicators, this execution year to today."""
    running = Project.live().where((Project.start_on <= today) & (Project.end_on >= today))
    out = []
    for project in running.order_by(Project.id):
        span = year_to_date(project, today)
        if span is None:
            continue
        year, last = span
        out.append(ProjectProgress(project.name, year, last,
                                   indicator_progress(project, first=year.first, last=last),
                                   int(project.id)))
    return out


def dashboard(month: dt.date | None = None, today: dt.date | None = None) -> Dashboard:
    today = today or dt.date.today()
    first, last = month_bounds(month or today)
    board = Dashboard(month=first, last=last, current=first <= today <= last)
    board.figures = contract_figures.figures(first, last)
    in_month = ((ServiceRecord.deleted == False)  # noqa: E712
                & (ServiceRecord.date >= first) & (ServiceRecord.date <= last))
    for category, count in tuples(ServiceRecord
                                  .select(ServiceRecord.category, pw.fn.count(ServiceRecord.id))
                                  .where(in_month).group_by(ServiceRecord.category)):
        board.services_by_category[category] = count
    for stage, count in tuples(Case.select(Case.stage, pw.fn.count(Case.id))
                               .where(Case.deleted == False)  # noqa: E712
                               .group_by(Case.stage)):
        board.cases_by_stage[stage] = count
    board.indicators = project_progress(today)
    training = hours_by_worker(today.year)
    board.workers = sum(1 for w, _h in training if w.active)
    board.workers_below_80 = [(w.name, h) for w, h in training
                              if h < CONTINUING_EDUCATION_HOURS]
    board.has_records = bool(ServiceRecord.live().exists())
    board.has_data = bool(board.has_records or Client.live().exists() or Case.live().exists())
    board.getting_started = steps()
    board.pending_changes = journal.pending_changes()
    # (the warnings' "behind" reads the same indicators: counted once)
    board.warnings = warnings(today, {p.project_id: p.items for p in board.indicators})
    return board

"""The figures of the 工作台 (today's page): this month at a glance."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import peewee as pw

from swdesk.model import Case, Client, Project, ServiceRecord, VolunteerHour
from swdesk.model.base import tuples
from swdesk.services import journal
from swdesk.services.getting_started import Step, steps
from swdesk.services.indicators import indicator_progress
from swdesk.services.training import hours_by_worker

CONTINUING_EDUCATION_HOURS = 80  # the city's yearly minimum for a social worker


@dataclass
class Dashboard:
    month: dt.date  # first day of the month shown
    services_by_category: dict[str, int] = field(default_factory=dict)
    person_times: int = 0
    cases_by_stage: dict[str, int] = field(default_factory=dict)
    volunteer_hours: Decimal = Decimal(0)
    indicators: list[tuple[str, Any]] = field(default_factory=list)  # (project name, progress)
    workers_below_80: list[tuple[str, Decimal]] = field(default_factory=list)
    pending_changes: int = 0
    workers: int = 0  # active social workers (none: no "all reached 80 hours")
    has_data: bool = False  # any client, case or service record at all
    getting_started: list[Step] = field(default_factory=list)

    has_records: bool = False  # any service record at all

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


def dashboard(month: dt.date | None = None) -> Dashboard:
    today = dt.date.today()
    first, last = month_bounds(month or today)
    board = Dashboard(month=first)
    in_month = ((ServiceRecord.deleted == False)  # noqa: E712
                & (ServiceRecord.date >= first) & (ServiceRecord.date <= last))
    for category, count, persons in tuples(ServiceRecord
                                           .select(ServiceRecord.category,
                                                   pw.fn.count(ServiceRecord.id),
                                                   pw.fn.sum(ServiceRecord.headcount))
                                           .where(in_month).group_by(ServiceRecord.category)):
        board.services_by_category[category] = count
        board.person_times += persons or 0
    for stage, count in tuples(Case.select(Case.stage, pw.fn.count(Case.id))
                               .where(Case.deleted == False)  # noqa: E712
                               .group_by(Case.stage)):
        board.cases_by_stage[stage] = count
    hours = (VolunteerHour.select(pw.fn.sum(VolunteerHour.hours))
             .where((VolunteerHour.deleted == False)  # noqa: E712
                    & (VolunteerHour.date >= first) & (VolunteerHour.date <= last)).scalar())
    board.volunteer_hours = Decimal(str(hours or 0))
    running = Project.live().where((Project.start_on <= today) & (Project.end_on >= today))
    board.indicators = [(p.name, indicator_progress(p)) for p in running.order_by(Project.id)]
    training = hours_by_worker(today.year)
    board.workers = sum(1 for w, _h in training if w.active)
    board.workers_below_80 = [(w.name, h) for w, h in training
                              if h < CONTINUING_EDUCATION_HOURS]
    board.has_records = bool(ServiceRecord.live().exists())
    board.has_data = bool(board.has_records or Client.live().exists() or Case.live().exists())
    board.getting_started = steps()
    board.pending_changes = journal.pending_changes()
    return board

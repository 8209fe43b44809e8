"""The 工作台's warnings about the contract year: what needs doing, and where to do it.

Four kinds, each computed here and shown by the window as a line with a button:
an execution year ended and not evaluated; an indicator behind its pro-rata target (the
actual counted by :mod:`indicators`, i.e. :mod:`contract_figures`, never here); a
contract ending within 90 days (renew or not, by its last grade); a complaint past its
deadline. ``page`` is the rail page to open, ``row_id`` the row there.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from swdesk.i18n import _
from swdesk.model import Evaluation, Project
from swdesk.model.base import tuples
from swdesk.numbers import grouped
from swdesk.services.contract_year import deadline_of, overdue_complaints, renewal_advice
from swdesk.services.indicators import (
    IndicatorProgress,
    execution_years,
    indicator_progress,
    year_to_date,
)

ENDING_DAYS = 90  # a contract ending within this many days asks for a decision
KINDS = ("not_evaluated", "behind", "ending", "complaint_overdue")


@dataclass(frozen=True)
class Warning:
    kind: str  # one of KINDS
    text: str  # what is wrong
    action: str  # what to do
    page: str  # the rail page that opens on click ("evaluation", "project", "complaint")
    row_id: int | None = None  # the row to open there, if one


def warnings(today: dt.date | None = None,
             progress: Mapping[int, list[IndicatorProgress]] | None = None) -> list[Warning]:
    """What needs doing, from the projects and complaints; ``progress``: running projects'
    indicators this execution year to ``today`` by project id, when the caller (the
    工作台) has counted them already."""
    today = today or dt.date.today()
    known = progress or {}
    out: list[Warning] = []
    projects = list(Project.live().order_by(Project.start_on, Project.id))
    for project in projects:
        out.extend(_not_evaluated(project, today))
    for project in projects:
        out.extend(_behind(project, today, known.get(int(project.id))))
    for project in projects:
        if today <= project.end_on <= today + dt.timedelta(days=ENDING_DAYS):
            days = (project.end_on - today).days
            out.append(Warning("ending", _(
                "「{}」合同将于 {} 到期（还有 {} 天）",
                "The contract of \"{}\" ends on {} ({} days left)").format(
                project.name, project.end_on.isoformat(), days),
                renewal_advice(project), "project", int(project.id)))
    for complaint in overdue_complaints(today):
        out.append(Warning("complaint_overdue", _(
            "{} 受理的投诉已超过办理期限 {}",
            "The complaint received on {} is past its deadline {}").format(
            complaint.received_on.isoformat(), deadline_of(complaint).isoformat()),
            _("请尽快办结并登记处理结果", "Handle it and record the outcome"),
            "complaint", int(complaint.id)))
    return out


def _not_evaluated(project: Project, today: dt.date) -> list[Warning]:
    done = {int(n) for (n,) in tuples(
        Evaluation.select(Evaluation.year_no).where(
            (Evaluation.deleted == False)  # noqa: E712
            & (Evaluation.project == project.id) & Evaluation.year_no.is_null(False)))}
    return [Warning("not_evaluated", _(
        "「{}」第{}执行年度已于 {} 结束，尚未登记评估",
        "Execution year {1} of \"{0}\" ended on {2} and has no evaluation").format(
        project.name, year.number, year.last.isoformat()),
        _("请登记该年度的评估结果", "Enter the year's evaluation"), "evaluation", None)
        for year in execution_years(project)
        if year.last < today and year.number not in done]


def _behind(project: Project, today: dt.date,
            counted: list[IndicatorProgress] | None = None) -> list[Warning]:
    """The project's indicators whose actual is below its target's share of the year gone
    by, in one warning (a project behind on five counts is one thing to act on)."""
    if not project.start_on <= today <= project.end_on:
        return []
    span = year_to_date(project, today)
    if span is None:
        return []
    year, last = span
    gone = Decimal((last - year.first).days + 1) / Decimal((year.last - year.first).days + 1)
    behind = []
    items = counted if counted is not None else indicator_progress(
        project, first=year.first, last=last)
    for item in items:
        due = (Decimal(item.target) * gone).quantize(Decimal(1))
        if item.target > 0 and item.actual < due:
            behind.append(_("{}：已完成 {}，按进度应达 {}（年度目标 {}）",
                            "{}: {} done, {} due by now (year's target {})").format(
                item.label, grouped(item.actual), grouped(due), grouped(item.target)))
    if not behind:
        return []
    return [Warning("behind", _("「{}」{} 项指标落后于进度：{}",
                                "\"{}\": {} indicator(s) behind: {}").format(
        project.name, len(behind), _("；", "; ").join(behind)),
        _("请安排服务追上进度", "Plan services to catch up"), "project", int(project.id))]

"""Printed reports (reportlab, no Qt): the paper a station office runs on.

Each report is a function taking an :class:`~swdesk.services.actor.Actor` and an
output path; :func:`run` picks one from a :class:`ReportRequest`, so the command
line and the window ask for reports the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from swdesk.errors import ValidationError
from swdesk.i18n import _
from swdesk.services.actor import Actor

KINDS = ("record", "case", "monthly", "volunteer", "volunteer-hours", "project", "training",
         "blank")


def kind_label(kind: str) -> str:
    return {
        "record": _("服务记录表", "Service record sheet"),
        "case": _("个案档案", "Case file"),
        "monthly": _("月度工作报表", "Monthly report"),
        "volunteer": _("志愿服务记录证明", "Volunteer certificate"),
        "volunteer-hours": _("志愿服务时长统计", "Volunteer hours"),
        "project": _("项目指标进度与评估表", "Project progress and evaluation"),
        "training": _("继续教育学时统计", "Continuing-education hours"),
        "blank": _("空白表格", "Blank forms"),
    }[kind]


@dataclass(frozen=True)
class ReportRequest:
    """What a person chose: the report, and its target or period."""

    kind: str
    target: str = ""  # record / case / volunteer / project id, or intake|service for blank
    month: str = ""  # YYYY-MM
    year: str = ""
    date_from: str = ""
    date_to: str = ""


def _need(value: str, what: str) -> str:
    if not str(value).strip():
        raise ValidationError(_("请填写{}", "Please give the {}").format(what))
    return str(value).strip()


def run(request: ReportRequest, actor: Actor, out: Path) -> str:
    """Make the report; returns a one-line summary for the user."""
    # Imported here: reportlab's import cost is paid only when a report is made.
    from swdesk.reports import (
        blank,
        case_file,
        monthly,
        periods,
        project,
        record_sheet,
        training,
        volunteer,
    )

    kind = request.kind
    if kind not in KINDS:
        raise ValidationError(_("未知的报表类型：{}", "Unknown report: {}").format(kind))
    out = Path(out)
    if kind == "record":
        pages = record_sheet.record_sheet(_need(request.target, _("服务记录编号", "record id")),
                                          actor, out)
    elif kind == "case":
        pages = case_file.case_file(_need(request.target, _("个案编号", "case id")), actor, out)
    elif kind == "monthly":
        pages = monthly.monthly(_need(request.month, _("月份", "month")), actor, out)
        if out.suffix.lower() == ".xlsx":
            return _("已生成 {}（{} 个工作表）", "Wrote {} ({} sheets)").format(out, pages)
    elif kind == "volunteer":
        cert = volunteer.issue_certificate(_need(request.target, _("志愿者编号", "volunteer id")),
                                           actor, out, year=request.year or None)
        return _("已开具证明 {}，累计 {} 小时：{}", "Issued certificate {} ({} hours): {}").format(
            cert.cert_no, cert.hours, out)
    elif kind == "volunteer-hours":
        period = periods.date_range(_need(request.date_from, _("开始日期", "start date")),
                                    _need(request.date_to, _("结束日期", "end date")))
        pages = volunteer.volunteer_hours_report(period, actor, out)
    elif kind == "project":
        pages = project.project_report(_need(request.target, _("项目编号", "project id")),
                                       actor, out)
    elif kind == "training":
        pages = training.training_report(_need(request.year, _("年份", "year")), actor, out)
    else:
        pages = blank.blank_form(_need(request.target, _("表格类型", "form")), out)
    return _("已生成 {}（共 {} 页）", "Wrote {} ({} pages)").format(out, pages)

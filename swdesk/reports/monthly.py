"""月度工作报表: the monthly report to the street office, as PDF or Excel."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from swdesk.i18n import _
from swdesk.reports import charts, excel
from swdesk.reports import layout as lay
from swdesk.reports.context import report_info, station_info
from swdesk.reports.monthly_data import MonthlyReport, ReportTable, monthly_report
from swdesk.reports.periods import Period, begun, month
from swdesk.services.actor import Actor


def _title() -> str:
    return _("月度工作报表", "Monthly report")


def _subtitle(period: Period, station: str) -> str:
    return _("填报单位：{}　　统计期间：{}（{} 至 {}）",
             "Station: {}   Period: {} ({} to {})").format(
        station, period.label, period.first.isoformat(), period.last.isoformat())


def table_flowable(table: ReportTable, width: float) -> list[Flowable]:
    data: list[list[object]] = [list(table.header)]
    data += [list(r) for r in table.rows]
    extra: list[tuple[object, ...]] = []
    if table.total is not None:
        data.append(list(table.total))
        extra.append(("BACKGROUND", (0, len(data) - 1), (-1, len(data) - 1), lay.HEAD_FILL))
    parts: list[Flowable] = [lay.heading(table.title)]
    if not table.rows:
        parts.append(lay.note(_("（本期无）", "(none in this period)")))
        return parts
    parts.append(lay.grid(data, width=width, extra=extra))
    if table.note:
        parts.append(lay.note(table.note))
    return parts


def monthly_story(report: MonthlyReport) -> list[Flowable]:
    width = lay.content_width()
    story: list[Flowable] = lay.title_block(
        _("{}{}", "{} {}").format(report.station, _title()),
        _subtitle(report.period, report.station))
    if report.empty:
        story.append(lay.note(_("本月没有服务记录、个案变动或志愿服务登记，各项数字均为 0。",
                                "No service records, case changes or volunteer hours in this "
                                "month: every figure is 0.")))
    story.append(lay.heading(lay.section(1, _("总体情况", "Summary"))))
    story.append(lay.pairs_table([(label, lay.number_text(value), False)
                                  for label, value in report.summary], width))
    numbered = ("by_category", "by_field", "by_group", "cases", "volunteers", "partner_kinds",
                "indicators")
    for table in report.tables:
        if table.key in numbered:
            table = replace(table, title=lay.section(numbered.index(table.key) + 2, table.title))
        story.extend(table_flowable(table, width))
        if table.key == "by_category":
            rows = table.rows
            story.append(charts.bar_chart(
                _("服务记录数（按近邻服务类别）", "Records by neighbourly service"),
                [str(r[0]) for r in rows], [[float(r[-2]) for r in rows]], width))
            story.append(charts.bar_chart(
                _("服务人次（按近邻服务类别）", "Person-times by neighbourly service"),
                [str(r[0]) for r in rows],
                [[float(r[-1]) for r in rows]], width, height=50 * mm))
        if table.key == "by_group":
            story.append(charts.hbar_chart(
                _("服务对象人数（按人员类别）", "Clients by target group"),
                [str(r[0]) for r in table.rows], [float(r[1]) for r in table.rows], width))
    story.append(lay.heading(lay.section(len(numbered) + 2,
                                         _("统计口径", "How the figures are counted"))))
    story.extend(lay.note(line) for line in report.rules)
    story.append(lay.signature_block([_("填报人", "Prepared by"),
                                      _("站长（审核）", "Station head (checked)")],
                                     seal=_("（站点盖章）", "(station seal)")))
    return story


def monthly_pdf(month_text: str, actor: Actor, out: Path) -> int:
    """Write the monthly report of ``month_text`` (YYYY-MM) to ``out``; returns pages."""
    period = begun(month(month_text), dt.date.today())
    lay.check_out_path(out, ".pdf")
    report = monthly_report(period, station_info().name)
    return lay.write_pdf(out, report_info(_title()), monthly_story(report))


def monthly_xlsx(month_text: str, actor: Actor, out: Path) -> int:
    """The same tables as a workbook the street office can merge; returns the sheet count."""
    period = begun(month(month_text), dt.date.today())
    lay.check_out_path(out, ".xlsx")
    report = monthly_report(period, station_info().name)
    return excel.write_monthly(report, out)


def monthly(month_text: str, actor: Actor, out: Path) -> int:
    """PDF or Excel by the file's ending."""
    if Path(out).suffix.lower() == ".xlsx":
        return monthly_xlsx(month_text, actor, out)
    return monthly_pdf(month_text, actor, out)

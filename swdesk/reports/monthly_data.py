"""The figures and tables of the monthly report (月度工作报表), shared by PDF and Excel."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from swdesk import reference
from swdesk.i18n import _
from swdesk.model import (
    Case,
    Client,
    Evaluation,
    Indicator,
    Partner,
    Project,
    ServiceRecord,
    VolunteerHour,
    describe,
)
from swdesk.reports import figures
from swdesk.reports.periods import Period
from swdesk.services import contract_figures
from swdesk.services.display import format_plain
from swdesk.services.indicators import indicator_progress, year_of

Cell = str | int | Decimal


@dataclass
class ReportTable:
    """One table as the street office reads it: a title, headings, rows, maybe a total."""

    key: str
    title: str
    header: list[str]
    rows: list[list[Cell]]
    total: list[Cell] | None = None
    note: str = ""


@dataclass
class MonthlyReport:
    period: Period
    station: str
    summary: list[tuple[str, Cell]]
    tables: list[ReportTable] = field(default_factory=list)
    empty: bool = False
    # The month's contract figures, as counted (the summary shows them by name).
    contract: dict[str, Decimal] = field(default_factory=dict)
    rules: list[str] = field(default_factory=list)  # how they are counted, in words

    def table(self, key: str) -> ReportTable:
        return next(t for t in self.tables if t.key == key)


def percent(share: float | None) -> str:
    return "—" if share is None else f"{share * 100:.1f}%"


def hours_text(value: Decimal) -> str:
    return format_plain(value, describe(VolunteerHour).field("hours"))


def amount(value: Decimal) -> Decimal:
    """Hours or yuan as a number (the PDF sets it right with separators, Excel adds it up),
    without the trailing zeros of its stored scale (the text, as shown, carries
    thousands separators)."""
    return Decimal(hours_text(value).replace(",", "") or 0)


def monthly_report(period: Period, station: str) -> MonthlyReport:
    """Every figure of the month: the contract figures from
    :mod:`swdesk.services.contract_figures`, the others from :mod:`swdesk.reports.figures`."""
    cells = figures.service_cells(period)
    # 服务对象人数 comes with its breakdown by target group (the same rows, one pass).
    served, by_group = contract_figures.clients_by_target_group(period.first, period.last)
    contract = contract_figures.figures(
        period.first, period.last, keys=[k for k in contract_figures.KEYS if k != "clients"])
    contract["clients"] = Decimal(served)
    volunteers = figures.volunteer_hours(period)
    partners = figures.partner_contributions(period)
    opened, closed = figures.cases_opened(period), figures.cases_closed(period)
    open_now = figures.cases_open_at(period)
    records = figures.records_total(cells)
    logs = figures.case_logs(period)

    def named(key: str) -> str:
        return contract_figures.figure(key).name

    report = MonthlyReport(period, station, summary=[
        (_("服务记录数", "Service records"), records),
        (named("person_times"), contract["person_times"]),
        (named("clients"), contract["clients"]),
        (_("新登记服务对象", "Clients registered"), figures.clients_registered(period)),
        (named("cases"), contract["cases"]),
        (_("新开个案", "Cases opened"), opened),
        (_("结案个案", "Cases closed"), closed),
        (_("月末在案个案", "Cases open at month end"), open_now),
        (_("个案记录次数", "Case log entries"), logs),
        (named("groups"), contract["groups"]),
        (named("group_sessions"), contract["group_sessions"]),
        (named("activities"), contract["activities"]),
        (named("care_visits"), contract["care_visits"]),
        (_("志愿服务时长（小时）", "Volunteer hours"), amount(contract["volunteer_hours"])),
        (_("参与志愿者人数", "Volunteers who served"), volunteers.volunteers),
        (_("联动资源参与次数", "Partner contributions"), sum(p.times for p in partners)),
    ], empty=records == 0 and volunteers.entries == 0 and opened == 0 and closed == 0
        and logs == 0)
    report.contract = contract
    report.rules = contract_figures.rules_text()
    report.tables.append(_by_category(cells, logs))
    report.tables.append(_by_field(cells))
    report.tables.append(_by_group(served, by_group))
    report.tables.append(_cases(opened, closed, open_now))
    report.tables.append(_volunteers(volunteers))
    report.tables.append(_partner_kinds(partners))
    report.tables.append(_partners(partners))
    report.tables.append(_indicators(period))
    return report


def _by_category(cells: list[figures.ServiceCell], logs: int) -> ReportTable:
    rec = describe(ServiceRecord)
    kinds = reference.codes("service_kind")
    per: dict[tuple[str, str], int] = {}
    for c in cells:
        per[c.category, c.kind] = per.get((c.category, c.kind), 0) + c.records
    totals = figures.totals_by(cells, "category")
    rows: list[list[Cell]] = []
    for code in reference.codes("service_category"):
        n, people = totals.get(code, (0, 0))
        rows.append([reference.label("service_category", code),
                     *[per.get((code, k), 0) for k in kinds], n, people])
    total: list[Cell] = [_("合计", "Total"),
                         *[sum(int(r[1 + i]) for r in rows) for i in range(len(kinds))],
                         figures.records_total(cells), figures.headcount_total(cells)]
    return ReportTable("by_category", _("按近邻服务类别", "By neighbourly service"),
                       [rec.field("category").label,
                        *[reference.label("service_kind", k) for k in kinds],
                        _("记录合计", "Records"), rec.field("headcount").label], rows, total,
                       note=_("本表为服务记录的参与人次；“服务人次”另计个案记录{}次"
                              "（每条个案记录计1人次）。",
                              "The records' person-times; the figure Person-times adds the "
                              "{} case logs (one each).").format(logs))


def _by_field(cells: list[figures.ServiceCell]) -> ReportTable:
    rec = describe(ServiceRecord)
    totals = figures.totals_by(cells, "field")
    rows: list[list[Cell]] = [
        [reference.label("service_field", code), *totals.get(code, (0, 0))]
        for code in reference.codes("service_field")]
    return ReportTable("by_field", _("按服务领域", "By service field"),
                       [rec.field("field").label, _("服务记录数", "Records"),
                        rec.field("headcount").label], rows,
                       [_("合计", "Total"), figures.records_total(cells),
                        figures.headcount_total(cells)])


def _by_group(served: int, by_group: dict[str, int]) -> ReportTable:
    rows: list[list[Cell]] = [[reference.label("target_group", code), by_group.get(code, 0)]
                              for code in reference.codes("target_group")]
    return ReportTable("by_group", _("服务对象（按人员类别）", "Clients by target group"),
                       [describe(Client).field("target_groups").label,
                        _("服务人数", "Clients served")], rows,
                       [_("服务对象人数（去重）", "Distinct clients"), served],
                       note=_("同属多个类别的服务对象在每个类别各计一次，合计按人去重。",
                              "A client in several groups counts in each; the total counts "
                              "each client once."))


def _cases(opened: int, closed: int, open_now: int) -> ReportTable:
    return ReportTable("cases", describe(Case).label, [_("项目", "Item"), _("数量", "Count")], [
        [_("新开个案", "Cases opened"), opened], [_("结案个案", "Cases closed"), closed],
        [_("月末在案个案", "Cases open at month end"), open_now]])


def _volunteers(total: figures.VolunteerTotal) -> ReportTable:
    return ReportTable("volunteers", _("志愿服务", "Volunteer service"),
                       [_("项目", "Item"), _("数量", "Count")], [
                           [_("志愿服务时长（小时）", "Volunteer hours"), amount(total.hours)],
                           [_("参与志愿者人数", "Volunteers"), total.volunteers],
                           [_("服务登记条数", "Hour entries"), total.entries]])


def _partner_kinds(partners: list[figures.PartnerTotal]) -> ReportTable:
    spec = describe(Partner).field("kind")
    rows: list[list[Cell]] = []
    for code in reference.codes("partner_kind"):
        mine = [p for p in partners if p.kind == code]
        rows.append([format_plain(code, spec), len(mine), sum(p.times for p in mine),
                     amount(sum((p.value for p in mine), Decimal(0)))])
    return ReportTable("partner_kinds", _("五社联动（按资源类型）", "Linkage by partner kind"),
                       [spec.label, _("参与单位数", "Partners"), _("参与次数", "Times"),
                        _("折合金额（元）", "Value (yuan)")], rows,
                       [_("合计", "Total"), len(partners), sum(p.times for p in partners),
                        amount(sum((p.value for p in partners), Decimal(0)))])


def _partners(partners: list[figures.PartnerTotal]) -> ReportTable:
    spec = describe(Partner)
    rows: list[list[Cell]] = [
        [p.name, format_plain(p.kind, spec.field("kind")), p.times, p.contributions,
         amount(p.value)] for p in partners]
    return ReportTable("partners", _("联动资源明细", "Partners and what they gave"),
                       [spec.field("name").label, spec.field("kind").label,
                        _("参与次数", "Times"), _("提供内容", "Contribution"),
                        _("折合金额（元）", "Value (yuan)")], rows)


def running_projects(period: Period) -> list[Project]:
    return list(Project.live().where((Project.start_on <= period.last)
                                     & (Project.end_on >= period.first))
                .order_by(Project.start_on, Project.id))


def _indicators(period: Period) -> ReportTable:
    """This month's figure of every indicator, and the execution year to month end."""
    rows: list[list[Cell]] = []
    for project in running_projects(period):
        on = min(period.last, project.end_on)
        year = year_of(project, on)
        if year is None:
            continue
        month = indicator_progress(project, first=max(period.first, year.first), last=on)
        to_date = {p.indicator_id: p for p in indicator_progress(
            project, first=year.first, last=on)}
        for p in month:
            cumulative = to_date[p.indicator_id]
            rows.append([project.name, _("第{}年", "Year {}").format(year.number), p.label,
                         # (a custom indicator's actual is entered for the year, not a month)
                         p.target, "—" if p.custom else amount(p.actual),
                         amount(cumulative.actual),
                         percent(cumulative.share)])
    return ReportTable("indicators", _("项目指标完成情况", "Project indicators"),
                       [describe(Project).field("name").label,
                        describe(Evaluation).field("year_no").label,
                        _("指标", "Indicator"), describe(Indicator).field("target").label,
                        _("本月完成", "This month"), _("本年度累计", "Year to date"),
                        _("完成率", "Progress")], rows,
                       note=_("本年度指执行年度（自合同开始日起算），累计截至本月末；"
                              "各指标的统计口径见报表末尾。",
                              "The year is the execution year (from the contract start), to the "
                              "end of this month; how each figure is counted is at the end of "
                              "the report."))

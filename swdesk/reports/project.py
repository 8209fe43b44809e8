"""项目指标进度与评估表: a purchased project's indicators, labour-cost share, evaluations.

The rules are the city plan's (十): a contract of at most 3 years; labour cost at
least 70 % of the total; a result of 优秀 allows applying to renew (at most 3
years), 不合格 ends the contract.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from reportlab.platypus import Flowable

from swdesk.i18n import _
from swdesk.model import Evaluation, Indicator, Project, describe
from swdesk.reports import layout as lay
from swdesk.reports.context import report_info
from swdesk.reports.monthly_data import amount, percent
from swdesk.services import contract_figures, numbers_seen, project_money
from swdesk.services.actor import Actor
from swdesk.services.display import format_plain
from swdesk.services.indicators import (
    ExecutionYear,
    IndicatorProgress,
    execution_years,
    indicator_progress,
)

LABOUR_SHARE_MIN = Decimal("0.70")
PROJECT_FIELDS = ("name", "code", "purchaser", "agency", "station", "start_on", "end_on",
                  "funding_source", "budget", "labour_cost", "avg_wage_basis", "staff_count",
                  "staff_months", "spent", "first_purchase")
EVALUATION_FIELDS = ("kind", "year_no", "evaluated_on", "grade", "score", "evaluator", "notes")


def _title() -> str:
    return _("项目指标进度与评估表", "Project progress and evaluation")


@dataclass(frozen=True)
class LabourShare:
    share: Decimal | None  # None when the budget or labour cost is missing

    @property
    def ok(self) -> bool | None:
        return None if self.share is None else self.share >= LABOUR_SHARE_MIN


def labour_share(project: Project) -> LabourShare:
    """The 70 % rule as services.project_money checks it: on the labour cost worked out
    from staff, months and the wage basis when given, else on the one entered."""
    share = project_money.of(project).share
    return LabourShare(None if share is None else share.quantize(Decimal("0.0001")))


def latest_evaluation(project: Project) -> Evaluation | None:
    return (Evaluation.live().where(Evaluation.project == project.id)
            .order_by(Evaluation.evaluated_on.desc(), Evaluation.id.desc()).first())


def consequence(grade: str | None) -> str:
    """What the latest grade means for the contract (city plan, item 十)."""
    if grade == "excellent":
        return _("评估结果为优秀：可按政府采购相关规定申请续签服务合同，续签期限最长不超过3年。",
                 "Excellent: the contractor may apply to renew the contract for at most 3 years.")
    if grade == "fail":
        return _("评估结果为不合格：依法终止合同，并依法追究违约责任。",
                 "Fail: the contract is terminated and the breach pursued according to law.")
    if grade in ("good", "pass"):
        return _("评估结果为良好/合格：按合同约定继续履行；"
                 "不具备申请续签的条件（续签须评估为优秀）。",
                 "Good/pass: the contract continues as agreed; renewal needs an excellent "
                 "result.")
    return _("尚无评估结果。", "No evaluation yet.")


def indicator_rows(project: Project, today: dt.date
                   ) -> list[tuple[ExecutionYear, dt.date, IndicatorProgress]]:
    """Each execution year begun by ``today`` with the day counted to (the current year:
    today, as the 工作台 counts it) and its indicators' progress."""
    rows = []
    for year in execution_years(project):
        if year.first > today:
            break
        last = min(year.last, today)
        rows += [(year, last, p) for p in indicator_progress(project, first=year.first,
                                                             last=last)]
    return rows


def project_story(project: Project, today: dt.date) -> list[Flowable]:
    width = lay.content_width()
    spec = describe(Project)
    story: list[Flowable] = lay.title_block(
        _title(), f"{project.name}（{project.code}）" if project.code else project.name)
    story.append(lay.heading(lay.section(1, _("项目基本情况", "The project"))))
    story.append(lay.form_table(project, PROJECT_FIELDS, show_personal=True))

    story.append(lay.heading(lay.section(2, _("人员经费占比", "Labour-cost share"))))
    share = labour_share(project)
    verdict = {None: _("未填写项目总额或人员经费，无法核算", "Budget or labour cost missing"),
               True: _("符合（不少于70%）", "Meets the rule (at least 70 %)"),
               False: _("不符合：人员经费应不少于项目总经费的70%",
                        "Does not meet the rule: labour cost must be at least 70 %")}[share.ok]
    story.append(lay.pairs_table([
        (spec.field("budget").label, lay.number_text(lay.number_of(project, spec.field("budget"))),
         False),
        (spec.field("labour_cost").label,
         lay.number_text(lay.number_of(project, spec.field("labour_cost"))), False),
        (_("人力成本核算", "Labour cost as checked"),
         project_money.labour_text(project_money.of(project)), False),
        (_("人员经费占比", "Labour-cost share"),
         percent(float(share.share)) if share.share is not None else "—", False),
        (_("核定结论", "Finding"), verdict, False),
    ], width))
    story.append(lay.note(_("人力成本按上年度厦门市城镇非私营单位在岗职工平均工资标准核算，"
                            "不少于购买服务项目总经费的70%。",
                            "Labour cost is computed on last year's Xiamen average wage and must "
                            "be at least 70 % of the project total.")))

    story.append(lay.heading(lay.section(3, _("服务指标完成情况", "Indicators"))))
    ind = describe(Indicator)
    data: list[list[object]] = [[describe(Evaluation).field("year_no").label,
                                 _("起止日期", "Dates"), _("指标", "Indicator"),
                                 ind.field("target").label, _("完成值", "Actual"),
                                 _("完成率", "Progress"), _("是否达标", "Met")]]
    rows = indicator_rows(project, today)
    for year, last, p in rows:
        data.append([_("第{}年", "Year {}").format(year.number),
                     f"{year.first.isoformat()}—{last.isoformat()}", p.label, p.target,
                     amount(p.actual), percent(p.share),
                     _("是", "Yes") if p.met else _("否", "No")])
    if len(data) == 1:
        story.append(lay.note(_("（未设定服务指标或合同尚未开始）",
                                "(no indicators, or the contract has not started)")))
    else:
        story.append(lay.grid(data, width=width, stretch=(2,)))
        story.append(lay.note(_("指标按执行年度统计（自合同开始日起每满一年为一个执行年度），"
                                "当前年度截至今日。统计口径：",
                                "Counted per execution year (each year from the contract's "
                                "start), the current one to today. How each is counted:")))
        kinds = dict.fromkeys(p.kind for _y, _l, p in rows if p.kind in contract_figures.BY_KEY)
        for line in contract_figures.rules_text(kinds):
            story.append(lay.note(line))

    story.append(lay.heading(lay.section(4, _("评估记录", "Evaluations"))))
    evaluations = list(Evaluation.live().where(Evaluation.project == project.id)
                       .order_by(Evaluation.evaluated_on, Evaluation.id))
    story.append(lay.list_table(evaluations, Evaluation, EVALUATION_FIELDS,
                                show_personal=lambda _r: True, stretch=("notes",)))

    story.append(lay.heading(lay.section(5, _("评估结论与合同处理", "Outcome for the contract"))))
    latest = latest_evaluation(project)
    ev = describe(Evaluation)
    story.append(lay.pairs_table([
        (_("最近一次评估", "Latest evaluation"),
         f"{latest.evaluated_on.isoformat()} {format_plain(latest.kind, ev.field('kind'))}"
         if latest else "—", False),
        (ev.field("grade").label, format_plain(latest.grade, ev.field("grade")) if latest
         else "—", False),
        (_("合同处理", "Consequence"), consequence(latest.grade if latest else None), True),
    ], width))
    story.append(lay.signature_block([_("承接机构（签章）", "Contractor (signature)"),
                                      _("评估人员（签名）", "Evaluator (signature)"),
                                      _("购买方（审核）", "Purchaser (checked)")],
                                     seal=_("（购买方盖章）", "(purchaser's seal)")))
    return story


def project_report(project_id: int | str, actor: Actor, out: Path,
                   today: dt.date | None = None) -> int:
    project = numbers_seen.find_project(project_id)
    lay.check_out_path(out, ".pdf")
    return lay.write_pdf(out, report_info(_title()), project_story(project,
                                                                   today or dt.date.today()))

"""Government-purchased service projects, their indicators and evaluations; complaints."""

from __future__ import annotations

from swdesk.model import described as d
from swdesk.model.base import SyncedModel
from swdesk.model.org import Agency, Station, Worker


class Project(SyncedModel):
    labels = ("政府购买服务项目", "Purchased service project")
    name = d.text("项目名称", "Project name", required=True, max_length=200, list_column=True)
    code = d.text("项目编号", "Project number", max_length=40, list_column=True)
    purchaser = d.text("购买方", "Purchaser", required=True, max_length=100, list_column=True)
    agency = d.link("承接机构", "Contractor agency", Agency, list_column=True)
    agency_id: int | None
    station = d.link("服务站点", "Station", Station)
    station_id: int | None
    start_on = d.date("合同开始", "Contract start", required=True, list_column=True)
    end_on = d.date("合同结束", "Contract end", required=True, list_column=True)
    funding_source = d.choice("资金来源", "Funding source", "funding_source")
    budget = d.money("项目总额（元）", "Budget (yuan)", required=True)
    labour_cost = d.money("人员经费（元）", "Labour cost (yuan)")
    avg_wage_basis = d.money("上年度城市平均工资（元）", "Last year's city average wage (yuan)")
    # The labour cost worked out on the wage basis (services.project_money): so many
    # full-time staff for so many months (empty: the contract's months).
    staff_count = d.integer("专职人员数", "Full-time staff", minimum=0, maximum=200)
    staff_months = d.integer("核算月数", "Months costed", minimum=1, maximum=36)
    spent = d.money("已支出（元）", "Spent (yuan)")
    first_purchase = d.boolean("首次购买", "First purchase")
    name_sort = d.name_sort()

    class Meta:
        indexes = (d.NAME_SORT_INDEX,)


class Indicator(SyncedModel):
    labels = ("服务指标", "Indicator")
    project = d.link("项目", "Project", Project, required=True)
    project_id: int
    # The execution year the target is set for (empty: every year, as rows written before
    # targets were set per year).
    year_no = d.integer("执行年度", "Execution year", minimum=1, maximum=3, list_column=True)
    kind = d.choice("指标类型", "Kind", "indicator_kind", required=True, list_column=True)
    # A custom indicator (kind "custom") is named here and its actual entered by hand.
    label = d.text("指标名称", "Indicator name", max_length=100, list_column=True)
    target = d.integer("目标值", "Target", required=True, list_column=True)
    manual_actual = d.integer("实际完成（手填）", "Actual (entered)", maximum=10_000_000)
    actual_note = d.text("完成说明", "Note on the actual", max_length=200)
    evidence = d.longtext("佐证材料", "Evidence")
    note = d.text("说明", "Note", max_length=200)


class Evaluation(SyncedModel):
    labels = ("项目评估", "Evaluation")
    project = d.link("项目", "Project", Project, required=True, list_column=True)
    project_id: int
    kind = d.choice("评估类型", "Kind", "evaluation_kind", required=True, list_column=True)
    year_no = d.integer("执行年度", "Execution year", minimum=1, maximum=3, list_column=True)
    evaluated_on = d.date("评估日期", "Evaluated on", required=True, not_future=True,
                          list_column=True)
    grade = d.choice("等级", "Grade", "grade", required=True, list_column=True)
    score = d.integer("得分", "Score", maximum=100)
    evaluator = d.text("评估机构", "Evaluator", max_length=100)
    notes = d.longtext("评估意见", "Findings")


class EvaluationScore(SyncedModel):
    """One indicator's score in an evaluation (the evaluators score each contract target)."""

    labels = ("评估指标得分", "Score per indicator")
    evaluation = d.link("评估", "Evaluation", Evaluation, required=True)
    evaluation_id: int
    indicator = d.link("指标", "Indicator", Indicator, required=True, list_column=True)
    indicator_id: int
    score = d.integer("得分", "Score", minimum=0, maximum=100, list_column=True)
    note = d.text("评语", "Remark", max_length=200, list_column=True)


class Complaint(SyncedModel):
    labels = ("投诉举报", "Complaint")
    target = d.choice("投诉对象类型", "Against", "complaint_target", required=True,
                      list_column=True)
    agency = d.link("被投诉机构", "Agency", Agency)
    agency_id: int | None
    worker = d.link("被投诉社工", "Worker", Worker)
    worker_id: int | None
    channel = d.choice("渠道", "Channel", "complaint_channel", required=True, list_column=True)
    received_on = d.date("受理日期", "Received on", required=True, not_future=True,
                         list_column=True)
    # 办理期限: the plan sets no number of days; the station's setting gives the default.
    deadline = d.date("办理期限", "Deadline", list_column=True)
    complainant = d.text("投诉人", "Complainant", max_length=50, personal="text")
    complainant_phone = d.phone("投诉人电话", "Complainant's phone")
    content = d.longtext("投诉内容", "Content", required=True)
    status = d.choice("状态", "Status", "complaint_status", required=True, list_column=True)
    handled_on = d.date("办结日期", "Handled on", not_future=True)
    handler = d.text("经办人", "Handled by", max_length=50)
    outcome = d.longtext("处理结果", "Outcome")

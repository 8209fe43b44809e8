"""Casework: cases through their stages (接案 → 预估 → 计划 → 过程记录 → 转介 → 结案 → 回访),
the service plan's goals, case logs and referrals."""

from __future__ import annotations

from swdesk.model import described as d
from swdesk.model.base import SyncedModel
from swdesk.model.org import Worker
from swdesk.model.people import Client
from swdesk.model.projects import Project


class Case(SyncedModel):
    labels = ("个案", "Case")
    case_no = d.text("个案编号", "Case number", max_length=40, list_column=True, editable=False)
    client = d.link("服务对象", "Client", Client, required=True, list_column=True)
    client_id: int
    worker = d.link("负责社工", "Responsible worker", Worker, list_column=True)
    worker_id: int | None
    opened_on = d.date("开案日期", "Opened on", required=True, not_future=True, list_column=True)
    stage = d.choice("阶段", "Stage", "case_stage", required=True, list_column=True, index=True)
    risk_level = d.choice("风险等级", "Risk level", "risk_level", list_column=True)
    consent = d.boolean("已签知情同意书", "Consent signed")
    consent_on = d.date("同意日期", "Consent date", not_future=True)
    problem = d.longtext("问题描述", "Presenting problem", required=True, personal="text")
    assessment = d.longtext("预估", "Assessment", personal="text")
    plan = d.longtext("服务计划", "Service plan")
    closed_on = d.date("结案日期", "Closed on", not_future=True)
    closure_summary = d.longtext("结案小结", "Closure summary")
    project = d.link("所属项目", "Project", Project)
    project_id: int | None
    closure_reason = d.choice("结案原因", "Reason for closing", "case_close_reason")
    satisfaction = d.choice("服务对象满意度", "Client's satisfaction", "satisfaction_level")
    follow_up_on = d.date("计划回访日期", "Follow-up due")
    followed_up_on = d.date("回访日期", "Followed up on", not_future=True)
    follow_up_note = d.longtext("回访情况", "Follow-up notes")


class CaseGoal(SyncedModel):
    """One goal of a case's service plan, and at closure how far it was reached."""

    labels = ("服务目标", "Goal")
    case = d.link("个案", "Case", Case, required=True)
    case_id: int
    seq = d.integer("序号", "No.", default=1, minimum=1, maximum=99, list_column=True)
    goal = d.text("目标", "Goal", required=True, max_length=200, list_column=True)
    measures = d.longtext("服务措施", "Measures")
    target_on = d.date("预计完成日期", "Target date", list_column=True)
    attainment = d.choice("达成情况", "Attainment", "goal_attainment", list_column=True)
    attainment_note = d.longtext("达成说明", "How it was reached")


class CaseLog(SyncedModel):
    labels = ("个案记录", "Case log")
    append_only = True
    case = d.link("个案", "Case", Case, required=True)
    case_id: int
    date = d.date("日期", "Date", required=True, not_future=True, list_column=True, index=True)
    way = d.choice("方式", "Way", "contact_way", required=True, list_column=True)
    duration_min = d.integer("时长（分钟）", "Duration (minutes)", maximum=24 * 60,
                             list_column=True)
    content = d.longtext("记录内容", "Content", required=True, personal="text",
                         list_column=True)
    next_step = d.longtext("下一步计划", "Next step")
    next_step_on = d.date("下一步日期", "Next step on")
    care_visit = d.boolean("邻里守望探访", "Neighbourhood care visit")
    worker = d.link("记录社工", "Worker", Worker, list_column=True)
    worker_id: int | None

    class Meta:
        # A case's newest log (its dated next step: swdesk.services.tasks) found in the
        # index (migration 0008).
        indexes = ((("case", "deleted", "date"), False),)


class Referral(SyncedModel):
    labels = ("转介", "Referral")
    case = d.link("个案", "Case", Case, required=True)
    case_id: int
    direction = d.choice("方向", "Direction", "referral_direction", required=True,
                         list_column=True)
    date = d.date("日期", "Date", required=True, not_future=True, list_column=True)
    organisation = d.text("转介机构", "Organisation", required=True, max_length=100,
                          list_column=True)
    reason = d.longtext("转介原因", "Reason", required=True)
    result = d.longtext("转介结果", "Result")
    receipt_on = d.date("回执日期", "Receipt on", not_future=True)
    receipt_note = d.text("回执情况", "Receipt", max_length=200)

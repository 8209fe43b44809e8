"""Casework: cases through their stages, case logs and referrals."""

from __future__ import annotations

from swdesk.model import described as d
from swdesk.model.base import SyncedModel
from swdesk.model.org import Worker
from swdesk.model.people import Client


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
    worker = d.link("记录社工", "Worker", Worker, list_column=True)
    worker_id: int | None


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

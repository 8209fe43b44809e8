"""Scored forms: their definitions (reference data the city can send) and filled-in ones.

A definition (items, answer scales, scoring rules, bands) is JSON in ``Questionnaire``,
installed from ``swdesk/data`` and replaced by return packages; a ``QuestionnaireResponse``
keeps the answers with the score and band worked out when it was saved.
"""

from __future__ import annotations

import peewee as pw

from swdesk.model import described as d
from swdesk.model.base import BaseModel, SyncedModel
from swdesk.model.cases import Case
from swdesk.model.groupwork import CommunityActivity, WorkGroup
from swdesk.model.org import Worker
from swdesk.model.people import Client


class Questionnaire(BaseModel):
    """One questionnaire definition, newest version only (responses keep their version)."""

    id = pw.AutoField()
    code = pw.CharField(max_length=40, unique=True)
    version = pw.IntegerField(default=1)
    zh = pw.CharField(max_length=100)
    en = pw.CharField(max_length=100)
    definition = pw.TextField()  # JSON: items, scales, scoring, bands
    source = pw.CharField(max_length=16, default="builtin")  # builtin | city
    active = pw.BooleanField(default=True)


class QuestionnaireResponse(SyncedModel):
    """A questionnaire filled in once: a record of what was answered that day, never
    corrected by the city (a later assessment is a new response)."""

    labels = ("问卷与量表", "Questionnaire")
    append_only = True  # a log, like a case log: the station's latest version is the record
    questionnaire = d.text("问卷", "Questionnaire", required=True, max_length=40,
                           list_column=True, editable=False)
    q_version = d.integer("问卷版本", "Version", default=1, editable=False)
    phase = d.choice("用途", "Used for", "questionnaire_phase", required=True,
                     list_column=True)
    date = d.date("填写日期", "Date", required=True, not_future=True, list_column=True)
    client = d.link("服务对象", "Client", Client, list_column=True)
    client_id: int | None
    case = d.link("个案", "Case", Case)
    case_id: int | None
    work_group = d.link("小组", "Group", WorkGroup)
    work_group_id: int | None
    activity = d.link("社区活动", "Community activity", CommunityActivity)
    activity_id: int | None
    answers = d.longtext("答案", "Answers", required=True, personal="text", editable=False)
    score = d.integer("总分", "Score", list_column=True, editable=False)
    band = d.text("结果", "Result", max_length=40, list_column=True, editable=False)
    worker = d.link("评估人", "Assessed by", Worker)
    worker_id: int | None
    note = d.longtext("备注", "Notes")

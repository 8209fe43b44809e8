"""Service records (individual, group, community work) and volunteer hours."""

from __future__ import annotations

import peewee as pw

from swdesk.model import described as d
from swdesk.model.base import BaseModel, SyncedModel
from swdesk.model.groupwork import CommunityActivity, WorkGroup
from swdesk.model.org import Station, Worker
from swdesk.model.people import Client, Need, Partner, Volunteer
from swdesk.model.projects import Project


class ServiceRecord(SyncedModel):
    """One service given: its participants and partners travel with it."""

    labels = ("服务记录", "Service record")
    append_only = True
    date = d.date("服务日期", "Date", required=True, not_future=True, list_column=True,
                  aliases=("日期", "活动日期"))
    kind = d.choice("服务形式", "Kind", "service_kind", required=True, list_column=True,
                    aliases=("服务类型", "活动类型"))
    category = d.choice("近邻服务类别", "Neighbourly service", "service_category",
                        required=True, list_column=True,
                        aliases=("服务类别", "近邻类别", "近邻服务"))
    field = d.choice("服务领域", "Service field", "service_field", required=True,
                     list_column=True, aliases=("领域",))
    title = d.text("主题", "Title", required=True, max_length=200, list_column=True,
                   aliases=("活动名称", "服务内容", "活动主题"))
    content = d.longtext("服务内容", "What was done")
    place = d.text("地点", "Place", max_length=100)
    duration_min = d.integer("时长（分钟）", "Duration (minutes)", maximum=24 * 60,
                             aliases=("时长",))
    headcount = d.integer("参与人次", "Person-times", default=0, list_column=True,
                          aliases=("人次", "参与人数", "服务人次"))
    care_visit = d.boolean("邻里守望探访", "Neighbourhood care visit")
    worker = d.link("负责社工", "Worker", Worker, list_column=True)
    worker_id: int | None
    project = d.link("所属项目", "Project", Project)
    project_id: int | None
    station = d.link("站点", "Station", Station)
    station_id: int | None
    # A group's session or a community activity held (see swdesk.model.groupwork).
    work_group = d.link("小组", "Group", WorkGroup)
    work_group_id: int | None
    session_no = d.integer("节次", "Session", minimum=1, maximum=99)
    observations = d.longtext("观察与反思", "Observations")
    activity = d.link("社区活动", "Community activity", CommunityActivity)
    activity_id: int | None
    need = d.link("对接需求", "Need met", Need)
    need_id: int | None
    # backrefs peewee adds (see ServiceParticipant and ServicePartner)
    participants: pw.ModelSelect[ServiceParticipant]
    partners: pw.ModelSelect[ServicePartner]

    class Meta:
        indexes = (
            (("deleted", "date"), False),
            # Covering indexes for report figures (migration 0005): a month's breakdown and a
            # project's indicator counts are read from the index alone, never the rows.
            (("deleted", "date", "kind", "category", "field", "care_visit", "headcount"), False),
            (("project", "deleted", "date", "kind", "care_visit", "headcount"), False),
            # 小组数 (swdesk.services.contract_figures): a group's sessions of a period, read
            # from the index alone (migration 0007).
            (("work_group", "deleted", "date", "kind", "project"), False),
        )


class ServiceParticipant(BaseModel):
    """A client who took part in a record; part of the record, not a row of its own."""

    id = pw.AutoField()
    record = pw.ForeignKeyField(ServiceRecord, on_delete="CASCADE", backref="participants")
    record_id: int
    client = pw.ForeignKeyField(Client, on_delete="RESTRICT", backref="+")
    client_id: int

    class Meta:
        # (record, client) unique; client_id's own index serves a client's timeline
        indexes = ((("record", "client"), True),)


class ServicePartner(BaseModel):
    """A partner's contribution to a record (money, goods, venue, people …)."""

    id = pw.AutoField()
    record = pw.ForeignKeyField(ServiceRecord, on_delete="CASCADE", backref="partners")
    record_id: int
    partner = pw.ForeignKeyField(Partner, on_delete="RESTRICT", backref="+")
    partner_id: int
    contribution = pw.CharField(max_length=200, default="")
    value = pw.DecimalField(max_digits=14, decimal_places=2, null=True)

    class Meta:
        indexes = ((("record", "partner"), True),)


class VolunteerHour(SyncedModel):
    """One entry of a volunteer's hours ledger; certificates are printed from it."""

    labels = ("志愿服务时长", "Volunteer hours")
    append_only = True
    volunteer = d.link("志愿者", "Volunteer", Volunteer, required=True, list_column=True)
    volunteer_id: int
    date = d.date("日期", "Date", required=True, not_future=True, list_column=True, index=True)
    hours = d.hours("时长（小时）", "Hours", required=True, list_column=True,
                    aliases=("时长", "服务时长", "小时"))
    content = d.text("服务内容", "Service", required=True, max_length=200, list_column=True)
    record = d.link("服务记录", "Service record", ServiceRecord, on_delete="CASCADE")
    record_id: int | None
    project = d.link("所属项目", "Project", Project)
    project_id: int | None

    class Meta:
        # 志愿服务时长 of a project's year (swdesk.services.contract_figures) read from the
        # index alone (migration 0007).
        indexes = ((("project", "deleted", "date", "hours"), False),)

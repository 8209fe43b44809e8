"""Group work (小组) and community activities (社区活动) as their files hold them.

A group's sessions and an activity held are service records (``ServiceRecord.work_group``,
``ServiceRecord.activity``): the record carries the date, the content, who came and the
partners, so a session or an activity counts in every figure as the service it is.
"""

from __future__ import annotations

from swdesk.model import described as d
from swdesk.model.base import SyncedModel
from swdesk.model.org import Worker
from swdesk.model.people import Client
from swdesk.model.projects import Project


class WorkGroup(SyncedModel):
    """A group and its plan (小组计划书), ending in its summary (小组总结)."""

    labels = ("小组", "Group")
    group_no = d.text("小组编号", "Group number", max_length=40, list_column=True,
                      editable=False)
    name = d.text("小组名称", "Group name", required=True, max_length=100, list_column=True)
    worker = d.link("带领社工", "Group leader", Worker, list_column=True)
    worker_id: int | None
    project = d.link("所属项目", "Project", Project)
    project_id: int | None
    category = d.choice("近邻服务类别", "Neighbourly service", "service_category",
                        required=True)
    field = d.choice("服务领域", "Service field", "service_field", required=True)
    status = d.choice("状态", "Status", "group_status", required=True, list_column=True)
    planned_start = d.date("计划开始日期", "Planned start", list_column=True)
    planned_end = d.date("计划结束日期", "Planned end")
    planned_sessions = d.integer("计划节数", "Planned sessions", minimum=1, maximum=99,
                                 list_column=True)
    target_members = d.longtext("招募对象", "Who it is for")
    aims = d.longtext("小组目标", "Aims", required=True)
    plan = d.longtext("各节安排", "Sessions planned")
    scale = d.text("前后测量表", "Pre/post scale", max_length=40, editable=False)
    ended_on = d.date("结束日期", "Ended on", not_future=True)
    summary = d.longtext("小组总结", "Summary")
    name_sort = d.name_sort()

    class Meta:
        table_name = "work_group"
        indexes = (d.NAME_SORT_INDEX,)


class GroupMember(SyncedModel):
    """A client who joined a group; attendance is taken from the members."""

    labels = ("小组组员", "Group member")
    work_group = d.link("小组", "Group", WorkGroup, required=True)
    work_group_id: int
    client = d.link("组员", "Member", Client, required=True, list_column=True)
    client_id: int
    joined_on = d.date("入组日期", "Joined on", list_column=True)
    left_on = d.date("退出日期", "Left on")
    note = d.text("备注", "Note", max_length=200)


class CommunityActivity(SyncedModel):
    """A community activity's file: plan (活动方案), sign-in, record, summary, satisfaction."""

    labels = ("社区活动", "Community activity")
    activity_no = d.text("活动编号", "Activity number", max_length=40, list_column=True,
                         editable=False)
    title = d.text("活动名称", "Activity", required=True, max_length=200, list_column=True)
    worker = d.link("负责社工", "Worker", Worker, list_column=True)
    worker_id: int | None
    project = d.link("所属项目", "Project", Project)
    project_id: int | None
    category = d.choice("近邻服务类别", "Neighbourly service", "service_category",
                        required=True)
    field = d.choice("服务领域", "Service field", "service_field", required=True)
    status = d.choice("状态", "Status", "activity_status", required=True, list_column=True)
    planned_on = d.date("活动日期", "Date", required=True, list_column=True, index=True)
    place = d.text("活动地点", "Place", max_length=100, list_column=True)
    expected_turnout = d.integer("预计参与人数", "Expected turnout", minimum=0, maximum=100_000)
    aims = d.longtext("活动目标", "Aims", required=True)
    plan = d.longtext("活动流程", "Programme")
    partners_note = d.longtext("合作伙伴", "Partners")
    volunteers_note = d.longtext("志愿者安排", "Volunteers")
    unnamed_count = d.integer("未登记姓名人数", "Participants not named", default=0,
                              minimum=0, maximum=100_000)
    summary = d.longtext("活动总结", "Summary")
    surveyed = d.integer("满意度调查份数", "Surveys returned", minimum=0, maximum=100_000)
    satisfied = d.integer("满意份数", "Satisfied", minimum=0, maximum=100_000)

"""A group as the issue's test has it: six members, five sessions, pre/post scores."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from swdesk.model import Client, QuestionnaireResponse, WorkGroup
from swdesk.services import crud, groups
from swdesk.services.actor import Actor

START = dt.date(2026, 3, 2)
NAMES = ("陈阿婆", "林伯", "黄阿姨", "吴大爷", "郑奶奶", "蔡叔")
PRE = (10, 12, 9, 14, 11, 8)
POST = (15, 16, 9, 13, 16, None)  # 蔡叔 missed the post-test


@dataclass
class BuiltGroup:
    group: WorkGroup
    members: list[int]  # client ids, in NAMES order
    attendance: list[list[int]]  # per session


def client(name: str, actor: Actor) -> int:
    return int(crud.create(Client, {"name": name, "community": "莲花社区"}, actor).id)


def measure(group_id: int, client_id: int, phase: str, score: int | None,
            day: dt.date) -> None:
    """A scored pre/post questionnaire as H2's service stores it (scoring is not ours)."""
    QuestionnaireResponse.create(questionnaire="group_prepost", phase=phase, date=day,
                                 client=client_id, work_group=group_id, answers="{}",
                                 score=score, band="" if score is None else
                                 "良好" if score >= 12 else "一般")


def new_group(actor: Actor, **values: object) -> WorkGroup:
    return groups.save_group({"name": "长者健康互助小组", "category": "jinglao",
                              "field": "welfare", "aims": "提升长者自我照顾能力",
                              "target_members": "莲花社区60岁以上独居长者",
                              "plan": "第1节 相识\n第2节 认识慢病\n第3节 饮食\n第4节 运动\n"
                                      "第5节 互助\n第6节 告别",
                              "planned_start": START, "planned_sessions": 6, **values}, actor)


def six_and_five(actor: Actor, sessions: int = 5) -> BuiltGroup:
    """The group with its members, ``sessions`` sessions and everyone's measures."""
    group = new_group(actor)
    members = [client(n, actor) for n in NAMES]
    for client_id in members:
        groups.add_member(int(group.id), client_id, actor, joined_on=START)
    pattern = [members, members[:5], members[1:], members[:4], members]
    attendance = [pattern[n % len(pattern)] for n in range(sessions)]
    for n, came in enumerate(attendance):
        groups.save_session(int(group.id), {
            "date": START + dt.timedelta(weeks=n), "title": f"第{n + 1}节 活动",
            "content": f"第{n + 1}节：热身、分享、讨论慢病自我管理",
            "observations": "组员参与积极，陈阿婆主动分享经验"}, came, actor)
    for client_id, pre, post in zip(members, PRE, POST, strict=True):
        measure(int(group.id), client_id, "pre", pre, START)
        if post is not None:
            measure(int(group.id), client_id, "post", post, START + dt.timedelta(weeks=5))
    return BuiltGroup(crud.get(WorkGroup, group.id), members, attendance)

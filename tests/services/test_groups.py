"""Group work through the services: plan, members, sessions as service records, pre/post."""

from __future__ import annotations

import datetime as dt

import pytest

from swdesk.db import StationDatabase
from swdesk.errors import ValidationError
from swdesk.model import (
    AuditEntry,
    GroupMember,
    ServiceRecord,
    WorkGroup,
    database,
)
from swdesk.services import crud, groups
from swdesk.services.actor import Actor
from tests.groupwork import START, client, measure, new_group

ADMIN = Actor("admin", "admin")


def _client(name: str) -> int:
    return client(name, ADMIN)


def _group(**values: object) -> WorkGroup:
    return new_group(ADMIN, **values)


def _count(sql: str, *params: object) -> int:
    return int(database.execute_sql(sql, params).fetchone()[0])


def test_group_numbers_follow_station_year_and_sequence(sdb: StationDatabase) -> None:
    first, second = _group(), _group(name="亲子沟通小组")
    later = _group(name="明年小组", planned_start=dt.date(2027, 1, 5))
    assert first.group_no == "XM-SM-001-G2026-001"
    assert second.group_no == "XM-SM-001-G2026-002"
    assert later.group_no == "XM-SM-001-G2027-001"
    assert first.status == "planned"
    # the number is the rules', never typed
    edited = groups.save_group({"group_no": "X", "name": "改名小组"}, ADMIN, int(first.id))
    assert edited.group_no == "XM-SM-001-G2026-001" and edited.name == "改名小组"


def test_a_group_of_six_members_and_five_sessions(sdb: StationDatabase) -> None:
    group = _group()
    members = [_client(n) for n in ("陈阿婆", "林伯", "黄阿姨", "吴大爷", "郑奶奶", "蔡叔")]
    for client_id in members:
        groups.add_member(int(group.id), client_id, ADMIN, joined_on=START)
    attendance = [members, members[:5], members[1:], members[:4], members]
    for n, came in enumerate(attendance):
        groups.save_session(int(group.id), {
            "date": START + dt.timedelta(weeks=n), "content": f"第{n + 1}节：认识慢病",
            "observations": "组员参与积极"}, came, ADMIN)
    for client_id, pre, post in zip(members, (10, 12, 9, 14, 11, 8), (15, 16, 9, 13, 16, 12),
                                    strict=True):
        measure(int(group.id), client_id, "pre", pre, START)
        measure(int(group.id), client_id, "post", post, START + dt.timedelta(weeks=4))

    # every session is a service record of kind group with its attendance as participants
    sessions = list(groups.sessions_of(int(group.id)))
    assert [s.session_no for s in sessions] == [1, 2, 3, 4, 5]
    assert {s.kind for s in sessions} == {"group"}
    assert {(s.category, s.field) for s in sessions} == {("jinglao", "welfare")}
    assert [s.headcount for s in sessions] == [6, 5, 5, 4, 6]
    assert _count("SELECT COUNT(*) FROM service_participant p JOIN service_record r "
                  "ON r.id = p.record_id WHERE r.work_group_id = ? AND r.kind = 'group'",
                  group.id) == 26
    for record, came in zip(sessions, attendance, strict=True):
        assert {c for (c,) in database.execute_sql(
            "SELECT client_id FROM service_participant WHERE record_id = ?",
            (record.id,)).fetchall()} == set(came)
    assert crud.get(WorkGroup, group.id).status == "running"

    file = groups.group_file(int(group.id), ADMIN)
    assert file.held == 5 and file.planned == 6
    by_client = {m.client_id: m for m in file.members}
    assert by_client[members[0]].attended == 4 and by_client[members[5]].attended == 3
    assert by_client[members[1]].rate(file.held) == 1.0
    changes = {m.client_id: m.change for m in file.measures}
    assert changes == {members[0]: 5, members[1]: 4, members[2]: 0, members[3]: -1,
                       members[4]: 5, members[5]: 4}

    ended = groups.end_group(int(group.id), START + dt.timedelta(weeks=5), "目标基本达成", ADMIN)
    assert ended.status == "ended" and ended.summary == "目标基本达成"


def test_measures_show_a_member_without_one(sdb: StationDatabase) -> None:
    group = _group()
    a, b = _client("甲"), _client("乙")
    groups.add_member(int(group.id), a, ADMIN)
    groups.add_member(int(group.id), b, ADMIN)
    measure(int(group.id), a, "post", None, START)
    lines = {m.client_id: m for m in groups.group_file(int(group.id), ADMIN).measures}
    assert lines[a].pre is None and lines[a].post is None and lines[a].change is None
    assert lines[b].pre is None and lines[b].change is None


def test_a_client_joins_a_group_once(sdb: StationDatabase) -> None:
    group = _group()
    client = _client("陈阿婆")
    groups.add_member(int(group.id), client, ADMIN)
    before = _count("SELECT COUNT(*) FROM audit_entry")
    with pytest.raises(ValidationError, match="已是本小组组员"):
        groups.add_member(int(group.id), client, ADMIN)
    assert GroupMember.live().count() == 1
    assert _count("SELECT COUNT(*) FROM audit_entry") == before


def test_removing_a_member_who_attended_keeps_them_as_left(sdb: StationDatabase) -> None:
    group = _group()
    came, never = _client("来过"), _client("没来")
    m1 = groups.add_member(int(group.id), came, ADMIN, joined_on=START)
    m2 = groups.add_member(int(group.id), never, ADMIN, joined_on=START)
    groups.save_session(int(group.id), {"date": START}, [came], ADMIN)
    assert groups.remove_member(int(m2.id), ADMIN) == "removed"
    assert groups.remove_member(int(m1.id), ADMIN, left_on=START) == "left"
    live = list(GroupMember.live())
    assert [(m.client_id, m.left_on) for m in live] == [(came, START)]
    # one who had left cannot be ticked for a later session
    with pytest.raises(ValidationError, match="已退出"):
        groups.save_session(int(group.id), {"date": START + dt.timedelta(days=7)}, [came],
                            ADMIN)


def test_bad_sessions_write_nothing(sdb: StationDatabase) -> None:
    group = _group()
    member, stranger = _client("组员"), _client("路人")
    groups.add_member(int(group.id), member, ADMIN)
    groups.save_session(int(group.id), {"date": START}, [member], ADMIN)
    records = ServiceRecord.select().count()
    audits = AuditEntry.select().count()
    cases = [
        ({"date": START}, [stranger], {}, "组员"),
        ({"date": ""}, [member], {}, "必填"),
        ({"date": "2026-13-40"}, [member], {}, "日期"),
        ({"date": START, "session_no": 1}, [member], {}, "已有第 1 节"),
        ({"date": START, "session_no": "abc"}, [member], {}, "节次"),
        ({"date": START}, [], {}, "勾选"),
        ({"date": START}, [member], {"guests": -2}, "非组员人数"),
        ({"date": dt.date.today() + dt.timedelta(days=3)}, [member], {}, "日期"),
    ]
    for values, came, extra, message in cases:
        with pytest.raises(ValidationError) as caught:
            groups.save_session(int(group.id), values, came, ADMIN, **extra)  # type: ignore[arg-type]
        assert message in str(caught.value), (values, str(caught.value))
    assert ServiceRecord.select().count() == records
    assert AuditEntry.select().count() == audits


def test_editing_attendance_keeps_the_session(sdb: StationDatabase) -> None:
    group = _group()
    a, b, c = _client("甲"), _client("乙"), _client("丙")
    for person in (a, b, c):
        groups.add_member(int(group.id), person, ADMIN)
    record = groups.save_session(int(group.id), {"date": START, "content": "破冰"}, [a, b],
                                 ADMIN, guests=2)
    assert record.headcount == 4
    again = groups.set_attendance(int(record.id), [a, b, c], ADMIN)
    assert again.id == record.id and again.headcount == 5 and again.session_no == 1
    assert again.content == "破冰"
    assert set(groups.group_file(int(group.id), ADMIN).sessions[0].attendance) == {a, b, c}


def test_group_rules(sdb: StationDatabase) -> None:
    with pytest.raises(ValidationError, match="计划开始"):
        _group(planned_end=START - dt.timedelta(days=1))
    with pytest.raises(ValidationError, match="不能为空"):
        groups.save_group({"name": "无目标", "category": "jinglao", "field": "elderly"}, ADMIN)
    group = _group()
    member = _client("甲")
    groups.add_member(int(group.id), member, ADMIN)
    groups.save_session(int(group.id), {"date": START + dt.timedelta(days=7)}, [member], ADMIN)
    with pytest.raises(ValidationError) as caught:
        groups.end_group(int(group.id), START, "", ADMIN)
    assert set(caught.value.errors) == {"ended_on", "summary"}
    assert crud.get(WorkGroup, group.id).status == "running"
    with pytest.raises(ValidationError, match="结束日期"):
        crud.update(WorkGroup, group.id, {"status": "ended"}, ADMIN)

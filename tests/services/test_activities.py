"""A community activity through the services: plan, sign-in, record, summary, survey."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from swdesk.errors import NotFoundError, ValidationError
from swdesk.model import (
    AuditEntry,
    Client,
    CommunityActivity,
    Partner,
    QuestionnaireResponse,
    ServicePartner,
    ServiceRecord,
    Volunteer,
    VolunteerHour,
    database,
)
from swdesk.services import activities, crud
from swdesk.services.actor import SYSTEM

TODAY = dt.date.today()
PLAN = {"title": "重阳敬老游园会", "category": "敬老", "field": "社会福利",
        "planned_on": (TODAY - dt.timedelta(days=3)).isoformat(), "place": "莲花社区广场",
        "expected_turnout": "60", "aims": "增进邻里交流，关爱辖区长者"}


@pytest.fixture
def people(sdb: object) -> dict[str, list[int]]:
    return {
        "clients": [crud.create(Client, {"name": n, "phone": p, "community": "莲花社区"},
                                SYSTEM).id
                    for n, p in (("陈阿婆", "13905921234"), ("林伯", "13805927788"),
                                 ("黄姨", ""))],
        "volunteers": [crud.create(Volunteer, {"name": "志愿甲"}, SYSTEM).id],
        "partners": [crud.create(Partner, {"name": "莲花社区居委会", "kind": "community"},
                                 SYSTEM).id],
    }


def _count(sql: str, *params: object) -> int:
    return int(database.execute_sql(sql, params).fetchone()[0])


def test_numbered_by_station_and_year(people: dict) -> None:
    first = activities.save_plan(PLAN, SYSTEM)
    second = activities.save_plan({**PLAN, "title": "中秋博饼"}, SYSTEM)
    year = TODAY.year - (1 if (TODAY - dt.timedelta(days=3)).year < TODAY.year else 0)
    assert first.activity_no == f"XM-SM-001-A{year}-001"
    assert second.activity_no == f"XM-SM-001-A{year}-002"
    assert first.status == "planned"
    crud.delete(CommunityActivity, second, SYSTEM)  # a number is never given twice
    assert activities.save_plan(PLAN, SYSTEM).activity_no.endswith("-003")
    assert activities.find(first.activity_no).id == first.id
    assert activities.find(str(first.id)).id == first.id
    with pytest.raises(NotFoundError, match="找不到社区活动"):
        activities.find("XM-SM-001-A1999-001")


def test_held_with_sign_in_partners_volunteers_summary_and_survey(people: dict) -> None:
    activity = activities.save_plan(PLAN, SYSTEM)
    c1, c2, c3 = people["clients"]
    record = activities.hold(SYSTEM, activity.id, participants=[c1, c2], unnamed_count="25",
                             content="游园、义剪、测血压", partners=[(people["partners"][0],
                                                                 "提供场地", "300")],
                             volunteers=[(people["volunteers"][0], "3")])
    assert _count("SELECT count(*) FROM service_record WHERE activity_id = ? AND deleted = 0",
                  activity.id) == 1
    row = ServiceRecord.get_by_id(record.id)
    assert (row.kind, row.category, row.field, row.title, row.headcount) == (
        "community", "jinglao", "welfare", "重阳敬老游园会", 27)
    assert row.content == "游园、义剪、测血压" and row.place == "莲花社区广场"
    assert _count("SELECT count(*) FROM service_participant WHERE record_id = ?",
                  record.id) == 2
    assert ServicePartner.get().contribution == "提供场地"
    assert VolunteerHour.get().hours == Decimal("3.00")
    assert VolunteerHour.get().record_id == record.id
    held = CommunityActivity.get_by_id(activity.id)
    assert (held.status, held.unnamed_count) == ("held", 25)

    # Saving the sign-in again updates the one record: a late arrival, fewer unnamed.
    again = activities.hold(SYSTEM, activity.id, participants=[c1, c2, c3], unnamed_count=20,
                            content="游园、义剪、测血压")
    assert again.id == record.id
    assert ServiceRecord.get_by_id(record.id).headcount == 23
    assert _count("SELECT count(*) FROM service_record WHERE activity_id = ?", activity.id) == 1
    assert [s.name for s in activities.sign_ins(record.id)] == ["陈阿婆", "林伯", "黄姨"]

    activities.write_summary(SYSTEM, activity.id, "参与踊跃，达到预期")
    activities.record_survey(SYSTEM, activity.id, "20", "18")
    QuestionnaireResponse.create(questionnaire="satisfaction", phase="satisfaction",
                                 date=TODAY, activity=activity.id, answers="{}", score=23,
                                 band="satisfied", origin="XM-SM-001")
    QuestionnaireResponse.create(questionnaire="satisfaction", phase="satisfaction",
                                 date=TODAY, activity=activity.id, answers="{}", score=10,
                                 band="dissatisfied", origin="XM-SM-001")
    file = activities.activity_file(activity.activity_no)
    assert (file.turnout, file.named) == (23, 3)
    result = file.satisfaction
    assert (result.surveyed, result.satisfied) == (22, 19)
    assert result.rate == Decimal("86.4")
    assert file.activity.summary == "参与踊跃，达到预期"
    # The plan changed after: the record follows it.
    activities.save_plan({"title": "重阳敬老游园会（莲花）"}, SYSTEM, activity.id)
    assert ServiceRecord.get_by_id(record.id).title == "重阳敬老游园会（莲花）"
    earlier = TODAY - dt.timedelta(days=5)
    activities.save_plan({"planned_on": earlier}, SYSTEM, activity.id)
    assert ServiceRecord.get_by_id(record.id).date == earlier
    with pytest.raises(ValidationError, match="不能晚于今天"):  # held: not in the future
        activities.save_plan({"planned_on": TODAY + dt.timedelta(days=1)}, SYSTEM, activity.id)
    assert ServiceRecord.get_by_id(record.id).date == earlier


def _writes() -> tuple[int, int, int]:
    return (_count("SELECT count(*) FROM service_record"), _count(
        "SELECT count(*) FROM change_log"), AuditEntry.select().count())


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"participants": [], "unnamed_count": 0}, "请签到参与者"),
    ({"participants": [], "unnamed_count": "-3"}, "未登记姓名人数"),
    ({"participants": [], "unnamed_count": "许多"}, "未登记姓名人数"),
    ({"participants": [999_999], "unnamed_count": 1}, "不存在或已删除"),
    ({"participants": [], "unnamed_count": 5,
      "held_on": (TODAY + dt.timedelta(days=2)).isoformat()}, "不能晚于今天"),
    ({"participants": [], "unnamed_count": 5, "volunteers": [(1, "30")]}, "24"),
])
def test_bad_sign_in_writes_nothing(people: dict, kwargs: dict, message: str) -> None:
    activity = activities.save_plan(PLAN, SYSTEM)
    before = _writes()
    with pytest.raises(ValidationError, match=message):
        activities.hold(SYSTEM, activity.id, **kwargs)
    assert _writes() == before
    assert CommunityActivity.get_by_id(activity.id).status == "planned"


def test_survey_and_summary_rules(people: dict) -> None:
    activity = activities.save_plan(PLAN, SYSTEM)
    with pytest.raises(ValidationError, match="活动尚未开展"):
        activities.record_survey(SYSTEM, activity.id, 10, 8)
    with pytest.raises(ValidationError, match="活动尚未开展"):
        activities.write_summary(SYSTEM, activity.id, "总结")
    activities.hold(SYSTEM, activity.id, participants=people["clients"][:1], unnamed_count=9)
    before = _writes()
    with pytest.raises(ValidationError, match="满意份数不能多于调查份数") as bad:
        activities.record_survey(SYSTEM, activity.id, 10, 12)
    assert "satisfied" in bad.value.errors
    with pytest.raises(ValidationError, match="调查份数"):
        activities.record_survey(SYSTEM, activity.id, "", 3)
    assert _writes() == before
    # held: cannot be cancelled, nor set back to planned through the plan
    with pytest.raises(ValidationError, match="不能取消"):
        activities.cancel(SYSTEM, activity.id)
    with pytest.raises(ValidationError, match="已开展"):
        activities.save_plan({"status": "planned"}, SYSTEM, activity.id)


def test_cancel_and_reopen(people: dict) -> None:
    activity = activities.save_plan(PLAN, SYSTEM)
    assert activities.cancel(SYSTEM, activity.id).status == "cancelled"
    with pytest.raises(ValidationError, match="活动已取消"):
        activities.hold(SYSTEM, activity.id, participants=[], unnamed_count=5)
    assert activities.reopen(SYSTEM, activity.id).status == "planned"
    # only through the sign-in does an activity become held
    with pytest.raises(ValidationError, match="签到与记录"):
        activities.save_plan({"status": "held"}, SYSTEM, activity.id)


def test_bad_plan_names_the_fields(sdb: object) -> None:
    with pytest.raises(ValidationError) as bad:
        activities.save_plan({"title": "", "category": "敬老", "field": "社会福利",
                              "planned_on": "明天", "aims": ""}, SYSTEM)
    assert {"title", "planned_on", "aims"} <= set(bad.value.errors)
    assert CommunityActivity.select().count() == 0


def test_list_shows_number_date_status_place_and_turnout(people: dict) -> None:
    from swdesk.services import lists

    held = activities.save_plan(PLAN, SYSTEM)
    planned = activities.save_plan({**PLAN, "title": "中秋博饼", "planned_on": TODAY.isoformat()},
                                   SYSTEM)
    activities.hold(SYSTEM, held.id, participants=people["clients"], unnamed_count=1200)
    columns = [c.label for c in lists.list_columns("community_activity")]
    assert columns[:2] == ["活动编号", "活动名称"] and "参与人数" in columns
    ids = lists.list_ids(lists.ListQuery("community_activity"))
    assert ids == [planned.id, held.id]  # newest date first
    assert lists.list_ids(lists.ListQuery("community_activity", search=held.activity_no)) == [
        held.id]
    rows = lists.list_rows("community_activity", ids, SYSTEM, None)
    turnout = columns.index("参与人数")
    assert rows[held.id].cells[turnout] == "1,203"
    assert rows[planned.id].cells[turnout] == ""
    assert "已开展" in rows[held.id].cells and "筹备中" in rows[planned.id].cells


def test_a_held_activity_cannot_be_deleted(people: dict) -> None:
    activity = activities.save_plan(PLAN, SYSTEM)
    activities.hold(SYSTEM, activity.id, participants=[], unnamed_count=12)
    with pytest.raises(ValidationError, match="不能删除"):
        crud.delete(CommunityActivity, activity.id, SYSTEM)
    assert not CommunityActivity.get_by_id(activity.id).deleted

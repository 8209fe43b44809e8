"""Matching needs (精准对接): suggestions with reasons, the match, a record closing its need,
the open-needs list."""

from __future__ import annotations

import datetime as dt

import pytest

from swdesk.db import StationDatabase
from swdesk.errors import ValidationError
from swdesk.handle import StationHandle
from swdesk.model import Client, Need, Partner, Volunteer, Worker
from swdesk.services import coded_fields, crud, display, matching, records
from swdesk.services.actor import SYSTEM, Actor

TODAY = dt.date(2026, 12, 7)


def _need(client: Client, **values: object) -> Need:
    return crud.create(Need, {"client": client.id, "category": "jinglao",
                              "description": "想有人陪着去医院复查", "status": "open",
                              "raised_on": "2026-11-20", **values}, SYSTEM)


@pytest.fixture
def people(sdb: StationDatabase) -> dict[str, object]:
    coded_fields.add_community("前埔社区")
    coded_fields.add_community("莲花社区")
    client = crud.create(Client, {"name": "陈阿婆", "community": "前埔社区",
                                  "languages": "闽南话"}, SYSTEM)
    local = crud.create(Volunteer, {"name": "林秀琴", "community": "前埔社区",
                                    "languages": "闽南话、普通话"}, SYSTEM)
    skilled = crud.create(Volunteer, {"name": "张志明", "community": "莲花社区",
                                      "languages": "普通话", "skill_codes": "escort"},
                          SYSTEM)
    crud.create(Volunteer, {"name": "王不相干", "community": "莲花社区"}, SYSTEM)
    crud.create(Volunteer, {"name": "吴离册", "community": "前埔社区", "languages": "闽南话",
                            "active": False}, SYSTEM)
    return {"client": client, "local": local, "skilled": skilled}


def test_the_neighbour_who_speaks_minnan_comes_first(people: dict[str, object]) -> None:
    client, local, skilled = people["client"], people["local"], people["skilled"]
    assert isinstance(client, Client)
    need = _need(client, skill="escort")
    found = matching.suggestions(need.id)
    assert [s.name for s in found] == ["林秀琴", "张志明"]  # no reason, no suggestion
    first, second = found
    assert (first.kind, first.id) == ("volunteer", local.id)  # type: ignore[attr-defined]
    assert first.score > second.score
    assert "会说闽南话" in first.reasons and "同住前埔社区" in first.reasons
    assert second.reasons[0] == "有所需技能：陪同就医/办事"
    assert second.id == skilled.id  # type: ignore[attr-defined]


def test_areas_times_partners_and_load(people: dict[str, object]) -> None:
    client = people["client"]
    assert isinstance(client, Client)
    busy = crud.create(Volunteer, {"name": "赵忙忙", "service_areas": "前埔社区",
                                   "availability_codes": "周末上午"}, SYSTEM)
    crud.create(Volunteer, {"name": "钱闲闲", "service_areas": "前埔社区",
                                   "availability_codes": "周末上午"}, SYSTEM)
    shop = crud.create(Partner, {"kind": "community", "name": "前埔居委会",
                                 "skill_codes": "家政保洁", "service_areas": "前埔社区"}, SYSTEM)
    other = crud.create(Client, {"name": "林伯"}, SYSTEM)
    _need(other, status="matched", volunteer=busy.id)
    need = _need(client, availability="weekend_am")
    by_name = {s.name: s for s in matching.suggestions(need.id)}
    assert by_name["钱闲闲"].score == by_name["赵忙忙"].score + 1
    assert "已有 1 项对接中的需求" in by_name["赵忙忙"].reasons
    assert "周末上午有空" in by_name["钱闲闲"].reasons
    assert "服务社区含前埔社区" in by_name["钱闲闲"].reasons
    partner = by_name["前埔居委会"]
    assert (partner.kind, partner.id) == ("partner", shop.id)
    assert partner.reasons[0] == "技能适合敬老需求：家政保洁"


def test_match_then_a_record_closes_the_need(sdb: StationDatabase,
                                             people: dict[str, object]) -> None:
    client, local = people["client"], people["local"]
    assert isinstance(client, Client) and isinstance(local, Volunteer)
    me = crud.create(Worker, {"name": "李华"}, SYSTEM)
    station = StationHandle.of(sdb, Actor("lihua", "worker", worker_id=me.id))
    need = _need(client)
    assert display.row_title(need) == "陈阿婆 敬老 2026-11-20"  # as a record's form picks it
    matched = matching.match(station, need.id, volunteer_id=local.id)
    assert (matched.status, matched.volunteer_id, matched.worker_id) == (
        "matched", local.id, me.id)
    other = crud.create(Client, {"name": "林伯"}, SYSTEM)
    values = {"date": "2026-12-01", "kind": "individual", "category": "jinglao",
              "field": "welfare", "title": "陪同复查", "need": need.id}
    with pytest.raises(ValidationError, match="陈阿婆"):
        records.save_service_record(values, [other.id], [], [], SYSTEM)
    assert Need.get_by_id(need.id).status == "matched"  # nothing written
    record = records.save_service_record(values, [client.id], [(local.id, 2)], [], SYSTEM)
    assert Need.get_by_id(need.id).status == "closed"
    with pytest.raises(ValidationError, match="已完成"):
        matching.match(station, need.id, volunteer_id=local.id)
    records.save_service_record({"need": None}, [client.id], [(local.id, 2)], [], SYSTEM,
                                record_id=record.id)
    assert Need.get_by_id(need.id).status == "matched"  # no record meets it any more


def test_open_needs_overdue_first(sdb: StationDatabase, people: dict[str, object]) -> None:
    client = people["client"]
    assert isinstance(client, Client)
    later = _need(client, due_on="2026-12-20", description="理发")
    late = _need(client, due_on="2026-12-01", description="修水管\n厨房")
    later_still = _need(client, description="买菜")
    very_late = _need(client, due_on="2026-11-25", description="陪聊")
    _need(client, status="closed", description="已办")
    matched = _need(client, status="matched", description="送餐")
    station = StationHandle.of(sdb)
    found = matching.open_needs(station, today=TODAY)
    assert [n.id for n in found] == [very_late.id, late.id, later.id, later_still.id]
    assert (found[0].overdue_days, found[1].description, found[2].overdue_days) == (12, "修水管", 0)
    assert matched.id in [n.id for n in matching.open_needs(station, today=TODAY,
                                                            with_matched=True)]

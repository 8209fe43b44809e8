"""The visit rota's rows as a volunteer sees them, and the returned slip's entry."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from swdesk import settings
from swdesk.db import StationDatabase
from swdesk.errors import ValidationError
from swdesk.handle import StationHandle
from swdesk.model import Client, ServiceParticipant, ServiceRecord, Volunteer, VolunteerHour
from swdesk.services import crud, display, rota
from swdesk.services.actor import SYSTEM

MONDAY = dt.date(2026, 11, 30)


def test_what_a_volunteer_may_see() -> None:
    assert display.name_for_volunteer("王秀英") == "王秀*"
    assert display.name_for_volunteer("王芳") == "王*"
    assert display.name_for_volunteer("欧阳明华") == "欧阳明*"
    assert display.name_for_volunteer("") == ""
    assert display.address_for_volunteer("思明区前埔社区莲岳里12号楼503室") == \
        "思明区前埔社区莲岳里12号楼…"
    assert display.address_for_volunteer("前埔南路88号", "前埔社区") == "前埔社区 前埔南路…"
    assert display.address_for_volunteer("莲花新村3栋", "莲花社区") == "莲花社区 莲花新村3栋"
    assert display.address_for_volunteer("思明区嘉莲街道育秀社区育秀二里6号1101室") == \
        "思明区嘉莲街道育秀社区育秀二里6号…"
    assert display.address_for_volunteer("莲花新村12-503") == "莲花新村12号…"
    assert display.address_for_volunteer("湖滨一里7号之3") == "湖滨一里…"
    assert display.phone_for_volunteer("138-1234-5678") == "尾号 5678"
    assert display.phone_for_volunteer(None) == ""


def _people() -> tuple[Client, Client, Volunteer]:
    a = crud.create(Client, {"name": "陈阿婆", "phone": "13812345678",
                             "address": "莲岳里12号楼503室", "community": "前埔社区",
                             "target_groups": "elderly_alone"}, SYSTEM)
    b = crud.create(Client, {"name": "林伯", "phone": "13900001111",
                             "address": "前埔南路88号", "community": "前埔社区"}, SYSTEM)
    vol = crud.create(Volunteer, {"name": "张志明", "active": True}, SYSTEM)
    return a, b, vol


def test_a_slip_writes_the_ticked_visits_only(sdb: StationDatabase) -> None:
    a, b, vol = _people()
    row_a = rota.rota_row(a, vol, MONDAY + dt.timedelta(days=1), "home_visit", "visit:a")
    row_b = rota.rota_row(b, vol, MONDAY + dt.timedelta(days=2), "phone", "visit:b")
    assert (row_a.shown_name, row_a.shown_phone) == ("陈阿*", "尾号 5678")
    station = StationHandle.of(sdb)
    written = rota.enter_slip(station, [
        rota.SlipEntry(row_a, "visited", hours="1.5", note="精神好"),
        rota.SlipEntry(row_b, None)], today=MONDAY + dt.timedelta(days=5))
    assert len(written) == 1
    record = ServiceRecord.get_by_id(written[0].id)
    assert record.care_visit and record.date == MONDAY + dt.timedelta(days=1)
    assert record.category == "jinglao" and "精神好" in record.content
    assert [p.client_id for p in ServiceParticipant.select().where(
        ServiceParticipant.record == record.id)] == [a.id]
    hour = VolunteerHour.get(VolunteerHour.record == record.id)
    assert (hour.volunteer_id, hour.hours) == (vol.id, Decimal("1.50"))
    assert ServiceRecord.live().count() == 1  # 林伯's row was not ticked: still due


def test_not_seen_writes_nothing_and_a_bad_row_writes_nothing(sdb: StationDatabase) -> None:
    a, b, vol = _people()
    station = StationHandle.of(sdb)
    row_a = rota.rota_row(a, vol, MONDAY, "home_visit", "visit:a")
    row_b = rota.rota_row(b, vol, MONDAY, "phone", "visit:b")
    assert rota.enter_slip(station, [rota.SlipEntry(row_a, "not_seen")], today=MONDAY) == []
    with pytest.raises(ValidationError, match="林伯"):
        rota.enter_slip(station, [rota.SlipEntry(row_a, "visited"),
                                  rota.SlipEntry(row_b, "phoned", hours="三")], today=MONDAY)
    assert ServiceRecord.live().count() == 0 and VolunteerHour.live().count() == 0
    done = rota.enter_slip(station, [rota.SlipEntry(row_b, "phoned")], today=MONDAY)
    assert done[0].title == "邻里守望电话问候"
    assert VolunteerHour.get(VolunteerHour.record == done[0].id).hours == 0


def _visited_weekly(name: str, volunteer: Volunteer | None, **more: object) -> Client:
    return crud.create(Client, {"name": name, "status": "active", "registered_on": "2026-11-01",
                                "target_groups": "elderly_alone", "phone": "13812345678",
                                "visitor_volunteer": volunteer.id if volunteer else None,
                                **more}, SYSTEM)


def test_the_weeks_rows_come_from_the_work_list(sdb: StationDatabase) -> None:
    settings.VISIT_RULES_SINCE.set("2026-11-01")  # a fixed clock for the rules' start
    zhang = crud.create(Volunteer, {"name": "张志明"}, SYSTEM)
    wu = crud.create(Volunteer, {"name": "吴丽"}, SYSTEM)
    chen = _visited_weekly("陈秀英", zhang, address="莲岳里12号楼503室")
    lin = _visited_weekly("林国栋", wu)
    _visited_weekly("黄无人", None)  # visited by a worker: not on the volunteers' rota
    station = StationHandle.of(sdb)
    rows = rota.rota_rows(station, MONDAY)
    assert sorted((r.client_id, r.volunteer_id) for r in rows) == [(chen.id, zhang.id),
                                                                    (lin.id, wu.id)]
    mine = rota.rota_rows(station, MONDAY + dt.timedelta(days=3), zhang.id)  # any day of it
    assert [(r.shown_name, r.shown_address, r.way) for r in mine] == [
        ("陈秀*", "莲岳里12号楼…", "home_visit")]
    rota.enter_slip(station, [rota.SlipEntry(mine[0], "visited", on=dt.date(2026, 12, 1)),
                              rota.SlipEntry(rota.rota_rows(station, MONDAY, wu.id)[0], None)],
                    today=dt.date(2026, 12, 2))
    # 陈秀英 is next due on 12-08, after the week; 林国栋's row was not ticked
    assert [r.client_id for r in rota.rota_rows(station, MONDAY)] == [lin.id]
    next_week = rota.rota_rows(station, MONDAY + dt.timedelta(days=7))
    assert {r.client_id: r.due_on for r in next_week}[chen.id] == dt.date(2026, 12, 8)

"""Recording a service with its participants, volunteers' hours and partners."""

from __future__ import annotations

from decimal import Decimal

import pytest

from swdesk.errors import ValidationError
from swdesk.model import (
    ChangeLog,
    Client,
    Partner,
    ServiceParticipant,
    ServicePartner,
    ServiceRecord,
    Volunteer,
    VolunteerHour,
)
from swdesk.services import crud, records
from swdesk.services.actor import SYSTEM

GROUP = {"date": "2026-05-10", "kind": "group", "category": "敬老", "field": "社会福利",
         "title": "长者健康讲座"}


@pytest.fixture
def cast(sdb: object) -> dict[str, list[int]]:
    return {
        "clients": [crud.create(Client, {"name": n}, SYSTEM).id for n in ("甲一", "乙二", "丙三")],
        "volunteers": [crud.create(Volunteer, {"name": n}, SYSTEM).id
                       for n in ("志愿甲", "志愿乙")],
        "partners": [crud.create(Partner, {"name": "莲花社区居委会", "kind": "community"},
                                 SYSTEM).id],
    }


def test_group_activity_with_three_participants_and_two_volunteers(cast: dict) -> None:
    v1, v2 = cast["volunteers"]
    record = records.save_service_record(
        GROUP, cast["clients"], [(v1, "2"), (v2, "1.5")],
        [(cast["partners"][0], "提供场地", "500")], SYSTEM)
    assert ServiceParticipant.select().where(ServiceParticipant.record == record.id).count() == 3
    assert ServiceRecord.get_by_id(record.id).headcount == 3
    hours = {h.volunteer_id: h.hours for h in VolunteerHour.select()}
    assert hours == {v1: Decimal("2.00"), v2: Decimal("1.50")}
    assert all(h.record_id == record.id and h.content == "长者健康讲座"
               for h in VolunteerHour.select())
    assert ServicePartner.get().contribution == "提供场地"
    detail = records.record_detail(record.id)
    assert detail.participants == [records.Participant(i, n) for i, n in
                                   zip(cast["clients"], ("甲一", "乙二", "丙三"), strict=True)]
    assert detail.volunteers == [records.VolunteerLine(v1, "志愿甲", Decimal("2.00")),
                                 records.VolunteerLine(v2, "志愿乙", Decimal("1.50"))]
    assert detail.partners == [records.PartnerLine(cast["partners"][0], "莲花社区居委会",
                                                   "提供场地", Decimal("500.00"))]


def test_editing_participants_moves_the_record_version(cast: dict) -> None:
    record = records.save_service_record(GROUP, cast["clients"], [], [], SYSTEM)
    v1 = cast["volunteers"][0]
    records.save_service_record(GROUP, cast["clients"][:2], [(v1, 3)], [], SYSTEM,
                                record_id=record.id, base_version=1)
    stored = ServiceRecord.get_by_id(record.id)
    assert stored.version == 2 and stored.headcount == 3  # head count never drops by itself
    assert ServiceParticipant.select().count() == 2
    assert ChangeLog.select().where(ChangeLog.row_uid == stored.uid).count() == 2
    records.save_service_record(GROUP, cast["clients"][:2], [], [], SYSTEM, record_id=record.id)
    assert VolunteerHour.live().count() == 0 and VolunteerHour.select().count() == 1


def test_community_event_with_head_count_only(sdb: object) -> None:
    values = {**GROUP, "kind": "community", "headcount": "120", "title": "邻里节"}
    record = records.save_service_record(values, [], [], [], SYSTEM)
    assert ServiceRecord.get_by_id(record.id).headcount == 120


def test_refusals_write_nothing(cast: dict) -> None:
    with pytest.raises(ValidationError, match="参与人次"):
        records.save_service_record(GROUP, [], [], [], SYSTEM)
    with pytest.raises(ValidationError, match="不存在"):
        records.save_service_record(GROUP, [999], [], [], SYSTEM)
    with pytest.raises(ValidationError):
        records.save_service_record(GROUP, cast["clients"], [(cast["volunteers"][0], "30")], [],
                                    SYSTEM)
    assert ServiceRecord.select().count() == 0 and VolunteerHour.select().count() == 0
    assert ChangeLog.select().where(ChangeLog.entity == "service_record").count() == 0

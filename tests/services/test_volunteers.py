"""A volunteer's hours totals for their page."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from swdesk.model import Client, Volunteer, VolunteerHour
from swdesk.services import crud, records, volunteers
from swdesk.services.actor import SYSTEM


def test_hours_in_all_this_year_and_the_records_taken_part_in(sdb: object) -> None:
    helper = crud.create(Volunteer, {"name": "陈志愿"}, SYSTEM).id
    other = crud.create(Volunteer, {"name": "林志愿"}, SYSTEM).id
    client = crud.create(Client, {"name": "张三"}, SYSTEM).id
    for day, hours in (("2025-11-02", "2.5"), ("2026-03-08", "3"), ("2026-04-01", "1.25")):
        records.save_service_record(
            {"date": day, "kind": "group", "category": "jinglao", "field": "welfare",
             "title": f"活动 {day}"}, [client], [(helper, hours), (other, "8")], [], SYSTEM)
    crud.create(VolunteerHour, {"volunteer": helper, "date": "2026-05-01", "hours": "0.75",
                                "content": "值班"}, SYSTEM)  # an entry with no record
    gone = crud.create(VolunteerHour, {"volunteer": helper, "date": "2026-05-02",
                                       "hours": "9", "content": "误录"}, SYSTEM)
    crud.delete(VolunteerHour, gone, SYSTEM)

    hours = volunteers.hours_of(helper, today=dt.date(2026, 6, 1))
    assert hours.total == Decimal("7.5") and hours.this_year == Decimal("5")
    assert (hours.entries, hours.records, hours.last) == (4, 3, dt.date(2026, 5, 1))
    none = volunteers.hours_of(crud.create(Volunteer, {"name": "新人"}, SYSTEM).id)
    assert (none.total, none.this_year, none.entries, none.records, none.last) == (
        0, 0, 0, 0, None)

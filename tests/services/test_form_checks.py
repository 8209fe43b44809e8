"""Issue 21, forms, in the core: a field's error as it is typed, a date field's latest day."""

from __future__ import annotations

import datetime as dt

from swdesk.model import Client, Project, ServiceRecord, describe
from swdesk.services import crud
from swdesk.services.actor import SYSTEM
from swdesk.validation import resident_id_check_digit

FIRST17 = "35020319500315001"
GOOD_ID = FIRST17 + resident_id_check_digit(FIRST17)


def test_a_field_error_goes_as_soon_as_the_value_is_right(sdb: object) -> None:
    values = {"name": "陈阿婆", "id_number": GOOD_ID[:-1] + "X", "phone": ""}
    assert "身份证号" in (crud.field_error(Client, "id_number", values) or "")
    assert crud.field_error(Client, "id_number", {**values, "id_number": GOOD_ID}) is None
    crud.create(Client, {"name": "林秀英", "id_number": GOOD_ID}, SYSTEM)
    # Right on its own, but already registered: the rule still names the field.
    clash = crud.field_error(Client, "id_number", {**values, "id_number": GOOD_ID})
    assert clash is not None and "林秀英" in clash
    project = {"name": "项目", "purchaser": "街道", "budget": "1",
               "start_on": "2025-03-01", "end_on": "2024-03-01"}
    assert "早于" in (crud.field_error(Project, "end_on", project) or "")
    assert crud.field_error(Project, "end_on", {**project, "end_on": "2025-12-31"}) is None


def test_a_not_future_date_field_knows_its_latest_day() -> None:
    assert describe(ServiceRecord).field("date").latest_date() == dt.date.today()
    assert describe(Project).field("end_on").latest_date() is None
    assert describe(ServiceRecord).field("title").latest_date() is None

"""Issue 21, forms, in the core: a field's error as it is typed, a date field's latest day."""

from __future__ import annotations

import datetime as dt

import pytest

from swdesk.errors import ValidationError
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


def test_the_id_number_error_names_its_field_once(sdb: object) -> None:
    # The check says "身份证号码校验位不符…": under the label 身份证号 that reads as it is,
    # not as "身份证号：身份证号码校验位不符…".
    wrong = GOOD_ID[:-1] + ("0" if GOOD_ID[-1] != "0" else "1")
    message = crud.field_error(Client, "id_number", {"name": "陈阿婆", "id_number": wrong})
    assert message is not None and message.startswith("身份证号码校验位不符")
    with pytest.raises(ValidationError) as refused:
        crud.clean(Client, {"name": "陈阿婆", "id_number": wrong})
    assert refused.value.errors["id_number"] == message
    # A message that does not name the field still gets its label.
    assert crud.field_error(Client, "phone", {"name": "陈阿婆", "phone": "1380013800"}) \
        .startswith("联系电话：")  # type: ignore[union-attr]
    assert crud.labelled("身份证号", "身份证号码应为18位") == "身份证号码应为18位"

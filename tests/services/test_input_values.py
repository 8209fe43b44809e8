"""The station refuses or cleans the values the hub rejects (issue 17, point 5).

The hub checks package rows with the same functions (``FieldSpec.check_stored``);
these are the station's side: a form, a command or an Excel row goes through
``crud.clean``.
"""

from __future__ import annotations

import datetime as dt

import pytest

from swdesk.errors import ValidationError
from swdesk.model import Client, ServiceRecord, VolunteerCertificate, VolunteerHour, describe
from swdesk.services import crud
from swdesk.services.actor import SYSTEM
from swdesk.sync import codec

ID = "11010519491231002X"


def _refused(model: type, values: dict[str, object], field: str) -> str:
    with pytest.raises(ValidationError) as err:
        crud.clean(model, values)
    assert field in err.value.errors, err.value.errors
    return err.value.errors[field]


@pytest.mark.parametrize(("model", "values", "field"), [
    (Client, {"name": "陈阿婆", "id_number": ID[:17] + "1"}, "id_number"),
    (Client, {"name": "陈阿婆", "id_number": "abc"}, "id_number"),
    (Client, {"name": "陈阿婆", "id_number": "1" * 10_000_000}, "id_number"),
    (Client, {"name": "陈阿婆", "registered_on": "2099-01-01"}, "registered_on"),
    (Client, {"name": "陈阿婆", "notes": "备" * 40_000}, "notes"),
    (VolunteerHour, {"date": "2099-01-01"}, "date"),
    (VolunteerHour, {"hours": "-5.00"}, "hours"),
    (VolunteerHour, {"hours": "99999999999"}, "hours"),
    (ServiceRecord, {"date": "2099-01-01"}, "date"),
])
def test_the_values_the_hub_rejects_are_refused_at_the_station(
        sdb: object, model: type, values: dict[str, object], field: str) -> None:
    _refused(model, values, field)


@pytest.mark.parametrize("raw", ["陈\x00阿婆", "陈\x07阿婆", "\u202e陈阿婆", "陈阿婆\u2066",
                                 "陈\x1b阿\x85婆", "陈\x7f阿婆"])
def test_control_and_direction_characters_are_removed_from_input(sdb: object,
                                                                  raw: str) -> None:
    cleaned = crud.clean(Client, {"name": raw, "notes": f"第一行\n{raw}\t完"})
    assert cleaned["name"] == "陈阿婆"
    assert cleaned["notes"] == "第一行\n陈阿婆\t完"  # long text keeps its line breaks


def test_one_line_text_takes_line_breaks_as_a_space(sdb: object) -> None:
    assert crud.clean(Client, {"name": "陈阿婆", "address": "莲花路\n1号"})["address"] == \
        "莲花路 1号"


def test_text_of_only_control_characters_is_empty(sdb: object) -> None:
    _refused(Client, {"name": "\x00\x07"}, "name")


def test_what_the_station_stores_the_hub_takes(sdb: object) -> None:
    """Every value ``crud`` stores passes the hub's check of the same field."""
    client = crud.create(Client, {"name": "陈\x07阿婆", "id_number": ID.lower(),
                                  "phone": "138 0000 1111", "notes": "多\n行"}, SYSTEM)
    row = Client.get_by_id(client.id)
    entity = codec.ENTITIES["client"]
    for c in entity.columns:
        value = getattr(row, f"{c.name}_id" if c.kind == "link" else c.name)
        encoded = None if value is None else codec.encode(c.kind, value)
        if c.kind != "link" and encoded is not None:
            assert codec.value_problem(c, encoded) == "", (c.name, encoded)


def test_a_certificate_total_may_pass_24_hours() -> None:
    spec = describe(VolunteerCertificate).field("hours")
    assert spec.parse("120.50") == pytest.approx(120.5)
    spec.check_stored("120.50", dt.date.today())
    with pytest.raises(ValidationError):
        describe(VolunteerHour).field("hours").check_stored("120.50", dt.date.today())

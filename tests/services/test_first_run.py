"""Issue 21, first run, in the core: the administrator's worker record, what new rows start
with, the station code's format."""

from __future__ import annotations

import datetime as dt

import pytest

from swdesk.errors import ValidationError
from swdesk.model import (
    Client,
    Complaint,
    ServiceRecord,
    Station,
    TrainingRecord,
    User,
    Worker,
)
from swdesk.services import accounts, crud, station
from swdesk.services.actor import SYSTEM
from swdesk.services.defaults import new_row_defaults
from swdesk.validation import check_station_code

PASSWORD = "Jialian#2024"


def test_the_first_admin_gets_a_worker_record_of_this_station(home: Station) -> None:
    user = station.create_first_admin("chenjing", "陈静", PASSWORD, new_worker=True)
    worker = Worker.get(Worker.uid == user.worker_uid)
    assert (worker.name, worker.station_id, worker.active) == ("陈静", home.id, True)
    assert accounts.actor_of(user).worker_id == worker.id


def test_the_first_admin_can_be_an_existing_worker_or_none(home: Station) -> None:
    worker = crud.create(Worker, {"name": "林站长"}, SYSTEM)
    user = station.create_first_admin("lin", "林站长", PASSWORD, worker_id=worker.id)
    assert user.worker_uid == worker.uid and Worker.select().count() == 1


def test_a_refused_admin_leaves_no_worker_behind(home: Station) -> None:
    with pytest.raises(ValidationError) as caught:
        station.create_first_admin("x", "", "short", new_worker=True)
    assert {"username", "display_name"} <= set(caught.value.errors)
    assert Worker.select().count() == 0 and User.select().count() == 0


def test_new_rows_start_with_the_worker_station_and_today(home: Station) -> None:
    user = station.create_first_admin("chenjing", "陈静", PASSWORD, new_worker=True)
    actor = accounts.actor_of(user)
    today = dt.date(2026, 3, 2)
    assert new_row_defaults(ServiceRecord, actor, today) == {
        "date": today, "worker": actor.worker_id, "station": home.id}
    assert new_row_defaults(Client, actor, today) == {
        "status": "active", "registered_on": today, "station": home.id}
    assert new_row_defaults(TrainingRecord, actor, today)["worker"] == actor.worker_id
    assert "worker" not in new_row_defaults(Complaint, actor, today)  # the one complained of
    assert "worker" not in new_row_defaults(ServiceRecord, SYSTEM, today)  # no worker record
    # What the defaults give is what a save accepts as it stands.
    values = {**new_row_defaults(Client, actor), "name": "陈阿婆"}
    client = crud.create(Client, values, actor)
    assert (client.status, client.station_id) == ("active", home.id)


@pytest.mark.parametrize("code", ["XM-SM-001", "XM_HL_02", "ＸＭ－ＳＭ－００１"])
def test_station_codes_in_the_city_format(code: str) -> None:
    assert check_station_code(code) in ("XM-SM-001", "XM_HL_02")


@pytest.mark.parametrize("code", ["X", "嘉莲", "-XM", "XM SM/001", "A" * 33])
def test_station_codes_out_of_format_are_refused(code: str) -> None:
    with pytest.raises(ValidationError, match="站点编码"):
        check_station_code(code)


def test_a_station_is_not_set_up_with_a_code_out_of_format(sdb: object) -> None:
    with pytest.raises(ValidationError) as caught:
        crud.create(Station, {"code": "厦门/1", "name": "另一站", "level": "room"}, SYSTEM)
    assert "站点编码" in caught.value.errors["code"]


def test_accounts_for_colleagues_link_their_worker_records(home: Station) -> None:
    lihua = crud.create(Worker, {"name": "李华"}, SYSTEM)
    crud.create(Worker, {"name": "王芳"}, SYSTEM)
    crud.create(Worker, {"name": "王芳"}, SYSTEM)
    assert station.worker_named(" 李华 ") == lihua.id
    assert station.worker_named("王芳") is None  # two of that name: the person chooses
    assert station.worker_named("陈静") is None
    station.create_first_admin("chenjing", "陈静", PASSWORD)  # no casework: no record
    user = accounts.create_user("zhaomin", "赵敏", PASSWORD, "worker", SYSTEM, new_worker=True)
    made = Worker.get(Worker.uid == user.worker_uid)
    assert (made.name, made.station_id) == ("赵敏", home.id)
    assert Worker.select().count() == 4

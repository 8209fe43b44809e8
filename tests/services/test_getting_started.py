"""Issue 21: the getting-started steps of a new station and its empty 工作台, in the core."""

from __future__ import annotations

import datetime as dt

from swdesk.model import Client, Project, Station, SyncKey, Worker
from swdesk.services import accounts, crud, dashboard, getting_started, records, station
from swdesk.services.actor import SYSTEM

PASSWORD = "Jialian#2024"


def test_getting_started_ticks_each_step_as_it_is_done(home: Station) -> None:
    station.create_first_admin("chenjing", "陈静", PASSWORD, new_worker=True)

    def done() -> dict[str, bool]:
        return {s.key: s.done for s in getting_started.steps()}

    assert done() == dict.fromkeys(getting_started.STEPS, False)  # the admin's own record
    crud.create(Worker, {"name": "李华"}, SYSTEM)
    accounts.create_user("lihua", "李华", PASSWORD, "worker", SYSTEM)
    today = dt.date.today()
    crud.create(Project, {"name": "项目", "purchaser": "街道", "start_on": today,
                          "end_on": today + dt.timedelta(days=300), "budget": "1"}, SYSTEM)
    crud.create(Client, {"name": "陈阿婆"}, SYSTEM)
    assert done() == {"workers": True, "accounts": True, "project": True, "import": True,
                      "enrol": False}
    SyncKey.create(name="city", value="xiamen")
    assert all(done().values())


def test_an_empty_dashboard_says_there_are_no_workers(home: Station) -> None:
    board = dashboard.dashboard()
    assert (board.workers, board.has_data, board.set_up) == (0, False, False)
    assert [s.key for s in board.getting_started] == list(getting_started.STEPS)
    crud.create(Worker, {"name": "李华"}, SYSTEM)
    crud.create(Client, {"name": "陈阿婆"}, SYSTEM)
    board = dashboard.dashboard()
    assert (board.workers, board.has_data, board.new_station) == (1, True, True)
    # A station at work (a service recorded) is no longer shown its first steps, even
    # with one left: its 同步 page reminds it of enrolling.
    records.save_service_record({"date": dt.date.today(), "kind": "individual",
                                 "category": "jinglao", "field": "welfare", "title": "探访",
                                 "headcount": 1},
                                [], [], [], SYSTEM)
    board = dashboard.dashboard()
    assert not board.set_up and not board.new_station

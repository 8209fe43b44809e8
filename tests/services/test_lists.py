"""List queries: ids in order, search, filters, sorting, masked cells, sync state."""

from __future__ import annotations

import datetime as dt

import pytest

from swdesk.model import Case, Client, Setting, Worker
from swdesk.services import crud, lists, records
from swdesk.services.actor import SYSTEM, Actor
from swdesk.services.lists import ListQuery


@pytest.fixture
def station_data(sdb: object) -> dict[str, int]:
    ids = {}
    for name, groups, phone in (("张晓明", "dibao", "13812345678"), ("曾小贤", "elderly", None),
                                ("王秀英", "dibao,elderly", "13900001111")):
        ids[name] = crud.create(Client, {"name": name, "target_groups": groups,
                                         "phone": phone}, SYSTEM).id
    for day, category, who in (("2026-05-01", "jinglao", "张晓明"), ("2026-05-03", "wenhua",
                                                                    "王秀英")):
        records.save_service_record({"date": day, "kind": "individual", "category": category,
                                     "field": "welfare", "title": f"{who}探访"}, [ids[who]], [],
                                    [], SYSTEM)
    return ids


def test_clients_default_order_search_and_filter(station_data: dict[str, int]) -> None:
    assert len(lists.list_ids(ListQuery("client"))) == 3
    assert lists.list_ids(ListQuery("client", search="zxm")) == [station_data["张晓明"]]
    dibao = lists.list_ids(ListQuery("client", filters={"target_groups": "dibao"}))
    assert set(dibao) == {station_data["张晓明"], station_data["王秀英"]}
    both = ListQuery("client", search="秀英", filters={"target_groups": "dibao"})
    assert lists.list_ids(both) == [station_data["王秀英"]]


def test_records_newest_first_date_range_and_sort(station_data: dict[str, int]) -> None:
    newest_first = lists.list_ids(ListQuery("service_record"))
    rows = lists.fetch_rows("service_record", newest_first)
    assert [rows[i].date for i in newest_first] == [dt.date(2026, 5, 3), dt.date(2026, 5, 1)]
    oldest_first = lists.list_ids(ListQuery("service_record", sort="date"))
    assert oldest_first == newest_first[::-1]
    may_2 = ListQuery("service_record", filters={"date": ("2026-05-02", None)})
    assert lists.list_ids(may_2) == newest_first[:1]
    culture = ListQuery("service_record", filters={"category": "wenhua"})
    assert lists.list_ids(culture) == newest_first[:1]
    assert lists.list_ids(ListQuery("service_record", search="张晓明")) == newest_first[1:]


def test_cases_found_by_client_name(station_data: dict[str, int]) -> None:
    case = crud.create(Case, {"client": station_data["曾小贤"], "opened_on": "2026-01-05",
                              "stage": "intake", "problem": "x"}, SYSTEM)
    assert lists.list_ids(ListQuery("case", search="zxx")) == [case.id]
    cells = lists.row_cells("case", lists.fetch_rows("case", [case.id])[case.id], SYSTEM, None)
    assert "曾小贤" in cells and "接案" in cells


def test_cells_are_masked_for_a_worker_without_the_case(station_data: dict[str, int]) -> None:
    worker = crud.create(Worker, {"name": "李社工"}, SYSTEM)
    actor = Actor("li", "worker", worker_id=worker.id)
    row = lists.fetch_rows("client", [station_data["张晓明"]])[station_data["张晓明"]]
    assert "138****5678" in lists.row_cells("client", row, actor, set())
    assert "13812345678" in lists.row_cells("client", row, actor, {row.id})
    assert [s.key for s in lists.list_columns("client")][:2] == ["name", "id_number"]


def test_sync_states(station_data: dict[str, int]) -> None:
    rows = list(Client.select())
    assert set(lists.sync_states("client", rows).values()) == {"pending"}
    Setting.replace(key="acked_seq", value="100000").execute()
    assert set(lists.sync_states("client", rows).values()) == {"acked"}


def test_list_rows_are_typed_records_with_masked_cells_and_state(
        station_data: dict[str, int]) -> None:
    worker = crud.create(Worker, {"name": "李社工"}, SYSTEM)
    actor = Actor("li", "worker", worker_id=worker.id)
    zhang = station_data["张晓明"]
    rows = lists.list_rows("client", [zhang, 999_999], actor, set())
    assert list(rows) == [zhang]  # an id with no row is left out
    row = rows[zhang]
    assert isinstance(row, lists.ListRow) and row.id == zhang and row.state == "pending"
    assert row.cells[0] == "张晓明" and "138****5678" in row.cells
    assert len(row.cells) == len(lists.list_columns("client"))
    assert "13812345678" in lists.list_rows("client", [zhang], actor, {zhang})[zhang].cells

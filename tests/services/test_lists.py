"""List queries: ids in order, search, filters, sorting, masked cells, sync state."""

from __future__ import annotations

import datetime as dt

import pytest

from swdesk import privacy
from swdesk.model import Case, Client, Setting, Volunteer, Worker
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


# --- issue 21: pinyin order, who was served, log text ---------------------------------------

PINYIN_ORDER = ["阿明", "李四", "王五", "张三", "赵六"]


def _names(entity: str, ids: list[int]) -> list[str]:
    rows = lists.fetch_rows(entity, ids)
    return [rows[i].name for i in ids]  # type: ignore[attr-defined]


def test_clients_are_listed_in_pinyin_order_by_default_and_by_the_name_header(
        sdb: object) -> None:
    for name in ("张三", "李四", "王五", "阿明", "赵六"):
        crud.create(Client, {"name": name}, SYSTEM)
    assert _names("client", lists.list_ids(ListQuery("client"))) == PINYIN_ORDER
    assert _names("client", lists.list_ids(ListQuery("client", sort="name"))) == PINYIN_ORDER
    backwards = lists.list_ids(ListQuery("client", sort="name", descending=True))
    assert _names("client", backwards) == PINYIN_ORDER[::-1]
    first_three = lists.list_ids(ListQuery("client"), limit=3)  # the window's first screen
    assert _names("client", first_three) == PINYIN_ORDER[:3]


def test_a_renamed_row_moves_to_its_new_place(sdb: object) -> None:
    ids = {n: crud.create(Volunteer, {"name": n}, SYSTEM).id for n in ("张三", "李四", "王五")}
    crud.update(Volunteer, ids["张三"], {"name": "阿明"}, SYSTEM)
    assert _names("volunteer", lists.list_ids(ListQuery("volunteer"))) == ["阿明", "李四", "王五"]
    assert Volunteer.get_by_id(ids["张三"]).name_sort == "a ming\t阿明"


def test_workers_and_partners_sort_by_pinyin_too(sdb: object) -> None:
    for name in ("赵六", "阿明", "张三"):
        crud.create(Worker, {"name": name}, SYSTEM)
    assert _names("worker", lists.list_ids(ListQuery("worker", sort="name"))) == [
        "阿明", "张三", "赵六"]


def test_the_name_order_is_read_from_its_index(sdb: object) -> None:
    from swdesk.model import database

    ran: list[str] = []
    database.connection().set_trace_callback(ran.append)
    try:
        lists.list_ids(ListQuery("client", sort="name"), limit=500)
    finally:
        database.connection().set_trace_callback(None)
    (sql,) = [s for s in ran if "ORDER BY" in s]
    plan = " ".join(str(r) for r in database.execute_sql("EXPLAIN QUERY PLAN " + sql))
    assert "client_deleted_name_sort" in plan and "TEMP B-TREE" not in plan


def _record(title: str, clients: list[int]) -> int:
    return records.save_service_record(
        {"date": "2026-05-01", "kind": "group", "category": "jinglao", "field": "welfare",
         "title": title, "headcount": max(len(clients), 1)}, clients, [], [], SYSTEM).id


def test_the_record_list_shows_who_was_served(sdb: object) -> None:
    people = [crud.create(Client, {"name": n}, SYSTEM).id for n in ("张三", "李四", "王五")]
    group, visit = _record("重阳节活动", people), _record("入户探访", people[1:2])
    columns = [c.key for c in lists.list_columns("service_record")]
    served = columns.index("participants")
    assert columns[served - 1] == "title"
    rows = lists.list_rows("service_record", [group, visit], SYSTEM, None)
    assert rows[group].cells[served] == "张三 等3人"
    assert rows[visit].cells[served] == "李四"
    assert len(rows[group].cells) == len(columns)


def test_a_computed_column_cannot_order_the_list(sdb: object) -> None:
    assert not lists.sortable("service_record", "participants")
    assert not lists.sortable("client", "target_groups")
    assert lists.sortable("service_record", "title")
    a, b = _record("甲", []), _record("乙", [])
    assert lists.list_ids(ListQuery("service_record", sort="participants")) == [b, a]


def test_the_case_log_list_shows_the_first_line_of_the_text_to_whom_may_read_it(
        sdb: object) -> None:
    from swdesk.services import cases

    mine = crud.create(Worker, {"name": "李社工"}, SYSTEM)
    client = crud.create(Client, {"name": "张三"}, SYSTEM)
    case = crud.create(Case, {"client": client.id, "opened_on": "2026-01-05", "worker": mine.id,
                              "stage": "intake", "problem": "x"}, SYSTEM)
    text = "入户探访，老人情绪稳定，血压偏高需要持续关注并联系社区医生复诊\n第二行不显示"
    log = cases.add_case_log(case.id, {"date": "2026-01-06", "way": "home_visit",
                                       "content": text}, SYSTEM)
    content = [c.key for c in lists.list_columns("case_log")].index("content")
    worker = Actor("li", "worker", worker_id=mine.id)
    shown = lists.list_rows("case_log", [log.id], worker, privacy.visible_clients(worker))
    cell = shown[log.id].cells[content]
    assert cell == text[:lists.EXCERPT_CHARS] + "…" and "第二行" not in cell
    other = Actor("wang", "worker", worker_id=crud.create(Worker, {"name": "王"}, SYSTEM).id)
    hidden = lists.list_rows("case_log", [log.id], other, privacy.visible_clients(other))
    assert hidden[log.id].cells[content] == "****"
    short = cases.add_case_log(case.id, {"date": "2026-01-07", "way": "phone",
                                         "content": "电话回访"}, SYSTEM)
    assert lists.list_rows("case_log", [short.id], SYSTEM, None)[short.id].cells[
        content] == "电话回访"

"""Case logs and stages, a client's timeline, duplicate warnings, form drafts."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from swdesk.model import Case, CaseLog, Client, Worker
from swdesk.services import case_closure, cases, crud, drafts, records
from swdesk.services.actor import SYSTEM, Actor
from swdesk.validation import resident_id_check_digit


def test_case_through_logs_to_closure(sdb: object) -> None:
    client = crud.create(Client, {"name": "林阿婆"}, SYSTEM)
    case = crud.create(Case, {"client": client.id, "opened_on": "2026-03-01", "stage": "intake",
                              "problem": "独居，子女在外地"}, SYSTEM)
    for day in ("2026-03-02", "2026-03-09"):
        cases.add_case_log(case.id, {"date": day, "way": "home_visit", "content": "上门探访"},
                           SYSTEM)
    assert CaseLog.select().where(CaseLog.case == case.id).count() == 2
    case_closure.close_case(case.id, case_closure.Closure(
        closed_on="2026-04-01", reason="goals_met", satisfaction="5",
        summary="已链接助餐服务"), SYSTEM)
    assert Case.get_by_id(case.id).stage == "closed"
    records.save_service_record({"date": "2026-03-05", "kind": "individual", "category": "敬老",
                                 "field": "社会福利", "title": "助餐"}, [client.id], [], [],
                                SYSTEM)
    kinds = [i.kind for i in cases.client_timeline(client.id, SYSTEM)]
    assert kinds == ["case_closed", "case_log", "service_record", "case_log", "case_opened"]


def test_the_timeline_names_a_case_log_by_its_way_and_text_where_allowed(sdb: object) -> None:
    mine = crud.create(Worker, {"name": "李社工"}, SYSTEM)
    client = crud.create(Client, {"name": "林阿婆"}, SYSTEM)
    case = crud.create(Case, {"client": client.id, "opened_on": "2026-03-01", "stage": "intake",
                              "worker": mine.id, "problem": "独居"}, SYSTEM)
    cases.add_case_log(case.id, {"date": "2026-03-02", "way": "phone",
                                 "content": "电话回访，老人情绪稳定\n第二行不显示"}, SYSTEM)
    cases.add_case_log(case.id, {"date": "2026-03-09", "way": "home_visit",
                                 "content": "上门探访"}, SYSTEM)

    def log_titles(actor: Actor) -> list[str]:
        return [i.title for i in cases.client_timeline(client.id, actor) if i.kind == "case_log"]

    assert log_titles(Actor("li", "worker", worker_id=mine.id)) == [
        "入户探访：上门探访", "电话：电话回访，老人情绪稳定…"]
    assert log_titles(SYSTEM) == ["入户探访：上门探访", "电话：电话回访，老人情绪稳定…"]
    # Another worker sees that there was a visit and a call, not what was said.
    other = Actor("wang", "worker", worker_id=crud.create(Worker, {"name": "王"}, SYSTEM).id)
    assert log_titles(other) == ["入户探访：****", "电话：****"]


def test_possible_duplicates(sdb: object) -> None:
    first17 = "35020319850307123"
    number = first17 + resident_id_check_digit(first17)
    existing = crud.create(Client, {"name": "张晓明", "id_number": number,
                                    "community": "莲花社区", "registered_on": "2026-01-05"},
                           SYSTEM)
    similar = [cases.SimilarClient(existing.id, "张晓明", "莲花社区", dt.date(2026, 1, 5))]
    assert cases.possible_duplicates("别人", number, None) == similar
    assert cases.possible_duplicates("张晓明", None, dt.date(1985, 3, 7)) == similar
    assert cases.possible_duplicates("张晓明", None, dt.date(1985, 3, 8)) == []
    assert cases.possible_duplicates("张晓明", number, None, exclude_id=existing.id) == []


def test_drafts_survive_and_can_be_discarded(tmp_path: Path) -> None:
    drafts.save_draft(tmp_path, "client/new", {"name": "王", "birth": dt.date(2020, 1, 2)})
    assert drafts.load_draft(tmp_path, "client/new") == {"name": "王", "birth": "2020-01-02"}
    assert drafts.list_drafts(tmp_path) == ["client_new"]
    drafts.discard_draft(tmp_path, "client/new")
    assert drafts.load_draft(tmp_path, "client/new") is None
    (tmp_path / "drafts" / "broken.json").write_text("{not json")
    assert drafts.load_draft(tmp_path, "broken") is None

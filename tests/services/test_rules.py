"""Cross-field rules: dates in order, contract length, closure, complaints."""

from __future__ import annotations

import datetime as dt

import pytest

from swdesk.errors import ValidationError
from swdesk.model import Case, CaseLog, Client, Complaint, Project, ServiceRecord
from swdesk.services import crud
from swdesk.services.actor import SYSTEM


@pytest.fixture
def client(sdb: object) -> Client:
    return crud.create(Client, {"name": "陈美玲"}, SYSTEM)


def open_case(client: Client, opened: str = "2026-03-01") -> Case:
    return crud.create(Case, {"client": client.id, "opened_on": opened, "stage": "intake",
                              "problem": "照顾压力大"}, SYSTEM)


def test_case_numbers_run_per_year(client: Client) -> None:
    assert open_case(client).case_no == "XM-SM-001-2026-0001"
    assert open_case(client).case_no == "XM-SM-001-2026-0002"
    assert open_case(client, "2025-12-30").case_no == "XM-SM-001-2025-0001"


def test_closing_a_case(client: Client) -> None:
    case = open_case(client)
    with pytest.raises(ValidationError) as caught:
        crud.update(Case, case.id, {"stage": "结案"}, SYSTEM)
    assert "closed_on" in caught.value.errors
    with pytest.raises(ValidationError, match="不能早于开案日期"):
        crud.update(Case, case.id, {"stage": "closed", "closed_on": "2026-02-01"}, SYSTEM)
    crud.update(Case, case.id, {"stage": "closed", "closed_on": "2026-04-01"}, SYSTEM)
    assert Case.get_by_id(case.id).stage == "closed"


def test_case_log_not_before_opening_nor_in_future(client: Client) -> None:
    case = open_case(client)
    values = {"case": case.id, "way": "入户探访", "content": "探访"}
    with pytest.raises(ValidationError, match="开案日期"):
        crud.create(CaseLog, {**values, "date": "2026-02-28"}, SYSTEM)
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    with pytest.raises(ValidationError, match="晚于今天"):
        crud.create(CaseLog, {**values, "date": tomorrow}, SYSTEM)
    crud.create(CaseLog, {**values, "date": "2026-03-02", "duration_min": "45"}, SYSTEM)
    assert CaseLog.select().count() == 1


def test_service_date_in_future_refused(sdb: object) -> None:
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    with pytest.raises(ValidationError, match="晚于今天"):
        crud.create(ServiceRecord, {"date": tomorrow, "kind": "group", "category": "敬老",
                                    "field": "社会福利", "title": "长者生日会"}, SYSTEM)
    assert ServiceRecord.select().count() == 0


def test_project_contract_at_most_three_years(sdb: object) -> None:
    values = {"name": "嘉莲街道社工站项目", "purchaser": "嘉莲街道办事处", "start_on": "2024-01-01",
              "budget": "600000", "labour_cost": "450000"}
    with pytest.raises(ValidationError, match="3年"):
        crud.create(Project, {**values, "end_on": "2027-01-01"}, SYSTEM)
    with pytest.raises(ValidationError, match="不能超过项目总额"):
        crud.create(Project, {**values, "end_on": "2026-12-31", "labour_cost": "700000"}, SYSTEM)
    project = crud.create(Project, {**values, "end_on": "2026-12-31"}, SYSTEM)
    assert str(project.budget) == "600000.00"


def test_complaint_needs_its_target(sdb: object) -> None:
    values = {"target": "agency", "channel": "12345热线", "received_on": "2026-05-01",
              "content": "服务不及时", "status": "received"}
    with pytest.raises(ValidationError) as caught:
        crud.create(Complaint, values, SYSTEM)
    assert "agency" in caught.value.errors

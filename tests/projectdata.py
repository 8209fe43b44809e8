"""A two-year project as issue 23's test has it: records in both execution years, and the
independent SQL that counts what its indicators should show."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from swdesk.model import Project, ServiceRecord, database
from swdesk.services import crud, records
from swdesk.services.actor import Actor

NUMBER = "XM-SM-001-P202501"
START, END = dt.date(2025, 3, 1), dt.date(2027, 2, 28)
YEAR_1, YEAR_2 = (START, dt.date(2026, 2, 28)), (dt.date(2026, 3, 1), END)
# (year, kind, target, label): six indicators over the two execution years, one custom.
INDICATORS = (
    (1, "activities", 10, None), (1, "person_times", 100, None),
    (1, "custom", 4, "志愿者骨干培训场次"),
    (2, "activities", 12, None), (2, "person_times", 120, None), (2, "care_visits", 5, None),
)


def new_project(actor: Actor, **values: object) -> Project:
    base = {"name": "长者关爱项目", "code": NUMBER, "purchaser": "嘉莲街道办事处",
            "start_on": START.isoformat(), "end_on": END.isoformat(), "budget": "600000"}
    return crud.create(Project, {**base, **values}, actor)


def add_records(project_id: int, actor: Actor) -> None:
    """Community records of the project in both years, one care visit, one elsewhere."""
    for day, headcount, care, project in (
            ("2025-04-10", 20, False, project_id), ("2025-06-01", 30, True, project_id),
            ("2026-02-27", 5, False, project_id), ("2026-04-01", 15, True, project_id),
            ("2026-05-01", 40, False, None)):
        values = {"date": dt.date.fromisoformat(day), "kind": "community",
                  "category": "jinglao", "field": "welfare", "title": f"活动 {day}",
                  "headcount": headcount, "care_visit": care}
        if project is not None:
            values["project"] = project
        records.save_service_record(values, [], [], [], actor)
    assert ServiceRecord.live().count() == 5


def sql_count(kind: str, project_id: int, span: tuple[dt.date, dt.date]) -> Decimal:
    """The figure counted in plain SQL, apart from contract_figures."""
    column = {"activities": "sum(kind = 'community')", "person_times": "sum(headcount)",
              "care_visits": "sum(care_visit)"}[kind]
    row = database.execute_sql(
        f"SELECT coalesce({column}, 0) FROM service_record WHERE deleted = 0 "
        "AND project_id = ? AND date BETWEEN ? AND ?",
        (project_id, span[0].isoformat(), span[1].isoformat())).fetchone()
    return Decimal(row[0])

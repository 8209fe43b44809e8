"""A row without a name reads as its first list columns, never as a database id (issue 23:
numbers people see, no internal ids on screen)."""

from __future__ import annotations

import datetime as dt

from swdesk.model import Complaint, Evaluation, Project, Worker
from swdesk.services import crud
from swdesk.services.actor import SYSTEM
from swdesk.services.display import row_title


def test_an_evaluation_and_a_complaint_are_named_by_what_they_are(sdb: object) -> None:
    project = crud.create(Project, {
        "name": "长者关爱项目", "purchaser": "嘉莲街道办事处", "start_on": dt.date(2025, 1, 1),
        "end_on": dt.date(2026, 12, 31), "budget": "300000"}, SYSTEM)
    evaluation = crud.create(Evaluation, {
        "project": project.id, "kind": "midterm", "year_no": 1,
        "evaluated_on": dt.date(2025, 7, 1), "grade": "good"}, SYSTEM)
    complaint = crud.create(Complaint, {
        "target": "worker", "worker": crud.create(Worker, {"name": "李晓红"}, SYSTEM).id,
        "channel": "phone", "received_on": dt.date(2025, 3, 2),
        "content": "探访时间多次更改", "status": "received", "complainant": "王先生"}, SYSTEM)
    assert row_title(evaluation) == "中期评估 1 2025-07-01"
    title = row_title(complaint)
    assert "#" not in title and "社会工作者" in title and "王先生" not in title

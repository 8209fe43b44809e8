"""The hub counts each station's contract figures by the station's rules: for the same
month, the hub's figures of a station equal what the station counts itself."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from swdesk.city.figures import station_figures
from swdesk.city.ingest import ingest
from swdesk.city.report import write_monthly
from swdesk.model import Case, CaseLog, Client, ServiceRecord, WorkGroup
from swdesk.reports import periods
from swdesk.services import contract_figures, crud, records
from swdesk.services.actor import SYSTEM
from swdesk.sync import export
from tests.stations import here


def test_the_hub_counts_what_the_station_counts(hub, station_factory, tmp_path: Path) -> None:
    last = dt.date.today().replace(day=1) - dt.timedelta(days=1)
    month = periods.month(f"{last.year}-{last.month:02d}")
    s = station_factory("XM-SM-001", clients=30, records=300, seed=1)
    with s.active():
        a, b = (int(crud.create(Client, {"name": n}, SYSTEM).id) for n in ("甲", "乙"))
        group = int(crud.create(WorkGroup, {"name": "长者小组", "category": "jinglao",
                                            "field": "welfare", "status": "running",
                                            "aims": "互助"}, SYSTEM).id)
        for day in (month.first, month.first + dt.timedelta(days=7)):
            records.save_service_record({"date": day, "kind": "group", "category": "jinglao",
                                         "field": "welfare", "title": "小组",
                                         "work_group": group}, [a, b], [], [], SYSTEM)
        gone = records.save_service_record({"date": month.first, "kind": "community",
                                            "category": "jinglao", "field": "welfare",
                                            "title": "错录", "headcount": 99}, [], [], [], SYSTEM)
        crud.delete(ServiceRecord, gone, SYSTEM)
        case = crud.create(Case, {"client": b, "opened_on": month.first - dt.timedelta(days=40),
                                  "stage": "intake", "problem": "x"}, SYSTEM)
        for care in (True, False):
            crud.create(CaseLog, {"case": case.id, "date": month.first, "way": "home_visit",
                                  "content": "探访", "care_visit": care}, SYSTEM)
        at_station = contract_figures.figures(month.first, month.last)
        ingest(hub, export.export_package(here(), tmp_path / "out").path)
    assert at_station["groups"] >= 1 and at_station["care_visits"] >= 1
    assert station_figures(hub, month.first, month.last)["XM-SM-001"] == at_station

    out = write_monthly(hub, f"{last.year}-{last.month:02d}", tmp_path / "city.csv")
    text = out.read_text(encoding="utf-8-sig")
    for fig in contract_figures.FIGURES:
        assert fig.zh in text.splitlines()[1]
        assert fig.rule_zh in text

"""Each contract figure equals an independent count in plain SQL, and the 工作台, the
project report and the monthly report show that same number for the same period.

The data hold the edges the rules speak of: deleted rows, a case opened before the period
and closed in it, a group whose sessions span two months, case logs marked as care
visits, a deleted case whose log stays, records and hours of another project, a client
both a participant and a case's client, a deleted client, a group record with no group.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from swdesk.db import StationDatabase, kept_figures
from swdesk.model import (
    Case,
    CaseLog,
    Client,
    Indicator,
    Project,
    ServiceRecord,
    Volunteer,
    VolunteerHour,
    WorkGroup,
    database,
)
from swdesk.reports import periods
from swdesk.reports.monthly_data import monthly_report
from swdesk.reports.project import indicator_rows, project_report
from swdesk.services import contract_figures, crud, dashboard, records
from swdesk.services.actor import SYSTEM
from swdesk.services.indicators import year_text

MAY = periods.month("2025-05")
# The project's first execution year to the end of May: what the 工作台 shows on 31 May,
# the project report on that day and the monthly report's "本年度累计" for May.
YEAR_FIRST, YEAR_LAST = dt.date(2025, 3, 1), dt.date(2025, 5, 31)

# Each figure counted again, in plain SQL written apart from the module: ? are first, last
# and, where {p} is, the project; {p} is empty for the whole station.
INDEPENDENT: dict[str, str] = {
    "cases": 'SELECT count(*) FROM "case" WHERE deleted = 0 AND opened_on <= :last '
             "AND coalesce(closed_on, '9999-12-31') >= :first {p_case}",
    "groups": "SELECT count(DISTINCT s.work_group_id) FROM service_record s JOIN work_group g "
              "ON g.id = s.work_group_id WHERE g.deleted = 0 AND s.deleted = 0 "
              "AND s.kind = 'group' AND s.date >= :first AND s.date <= :last {p_rec}",
    "group_sessions": "SELECT count(*) FROM service_record s WHERE s.deleted = 0 "
                      "AND s.kind = 'group' AND s.date >= :first AND s.date <= :last {p_rec}",
    "activities": "SELECT count(*) FROM service_record s WHERE s.deleted = 0 "
                  "AND s.kind = 'community' AND s.date >= :first AND s.date <= :last {p_rec}",
    "person_times": "SELECT (SELECT coalesce(sum(s.headcount), 0) FROM service_record s "
                    "WHERE s.deleted = 0 AND s.date >= :first AND s.date <= :last {p_rec}) + "
                    '(SELECT count(*) FROM case_log cl, "case" k WHERE k.id = cl.case_id '
                    "AND cl.deleted = 0 AND k.deleted = 0 AND cl.date >= :first "
                    "AND cl.date <= :last {p_case_k})",
    "clients": "SELECT count(*) FROM (SELECT sp.client_id AS who FROM service_participant sp "
               "JOIN service_record s ON s.id = sp.record_id WHERE s.deleted = 0 "
               "AND s.date >= :first AND s.date <= :last {p_rec} UNION "
               'SELECT k.client_id FROM case_log cl JOIN "case" k ON k.id = cl.case_id '
               "WHERE cl.deleted = 0 AND k.deleted = 0 AND cl.date >= :first "
               "AND cl.date <= :last {p_case_k}) u JOIN client c ON c.id = u.who "
               "WHERE c.deleted = 0",
    "care_visits": "SELECT (SELECT count(*) FROM service_record s WHERE s.deleted = 0 "
                   "AND s.care_visit = 1 AND s.date >= :first AND s.date <= :last {p_rec}) + "
                   '(SELECT count(*) FROM case_log cl JOIN "case" k ON k.id = cl.case_id '
                   "WHERE cl.deleted = 0 AND k.deleted = 0 AND cl.care_visit = 1 "
                   "AND cl.date >= :first AND cl.date <= :last {p_case_k})",
    "volunteer_hours": "SELECT sum(hours) FROM volunteer_hour WHERE deleted = 0 "
                       "AND date >= :first AND date <= :last {p_hours}",
}
# What the data below make each figure: station-wide in May, project P year to date.
EXPECTED_MAY = {"cases": 2, "groups": 1, "group_sessions": 4, "activities": 1,
                "person_times": (2 + 2 + 2 + 1 + 30 + 3 + 3) + 3, "clients": 5, "care_visits": 3,
                "volunteer_hours": Decimal("2.05")}
EXPECTED_P = {"cases": 2, "groups": 2, "group_sessions": 4, "activities": 0,
              "person_times": (2 + 2 + 2 + 3 + 3) + 3, "clients": 3, "care_visits": 2,
              "volunteer_hours": Decimal("1.55")}


def independent(key: str, first: dt.date, last: dt.date, project: int | None = None) -> Decimal:
    cond = {"p_rec": "AND s.project_id = :p", "p_case": "AND project_id = :p",
            "p_case_k": "AND k.project_id = :p", "p_hours": "AND project_id = :p"}
    sql = INDEPENDENT[key].format(**{k: (v if project is not None else "")
                                     for k, v in cond.items()})
    (value,) = database.execute_sql(sql, {"first": first.isoformat(), "last": last.isoformat(),
                                          "p": project}).fetchone()
    if key == "volunteer_hours":
        return Decimal(str(value or 0)).quantize(Decimal("0.01"))
    return Decimal(value)


@dataclass
class Built:
    p: int
    q: int


def _record(day: str, kind: str, clients: list[int], *, project: int | None = None,
            group: int | None = None, headcount: int = 0, care: bool = False) -> ServiceRecord:
    values = {"date": dt.date.fromisoformat(day), "kind": kind, "category": "jinglao",
              "field": "welfare", "title": f"{kind} {day}", "headcount": headcount,
              "care_visit": care, "project": project, "work_group": group}
    return records.save_service_record({k: v for k, v in values.items() if v is not None},
                                       clients, [], [], SYSTEM)


def _case(client: int, opened: str, closed: str | None = None,
          project: int | None = None) -> Case:
    values: dict[str, object] = {"client": client, "opened_on": opened, "problem": "x",
                                 "stage": "closed" if closed else "intake"}
    if closed:
        values["closed_on"] = closed
    if project:
        values["project"] = project
    return crud.create(Case, values, SYSTEM)


def _log(case: Case, day: str, care: bool = False) -> CaseLog:
    return crud.create(CaseLog, {"case": case.id, "date": day, "way": "home_visit",
                                 "content": "探访", "care_visit": care}, SYSTEM)


def _group(name: str, project: int | None) -> int:
    values = {"name": name, "category": "jinglao", "field": "welfare", "status": "running",
              "aims": "互助"}
    if project:
        values["project"] = project
    return int(crud.create(WorkGroup, values, SYSTEM).id)


@pytest.fixture
def built(sdb: StationDatabase) -> Built:
    p = int(crud.create(Project, {"name": "长者项目", "purchaser": "街道", "start_on": "2025-03-01",
                                  "end_on": "2027-02-28", "budget": "100000"}, SYSTEM).id)
    q = int(crud.create(Project, {"name": "儿童项目", "purchaser": "街道", "start_on": "2025-01-01",
                                  "end_on": "2025-12-31", "budget": "50000"}, SYSTEM).id)
    for kind in contract_figures.KEYS:  # every figure is one of P's indicators
        crud.create(Indicator, {"project": p, "kind": kind, "target": 10}, SYSTEM)
    a, b, c, d, e, gone = (int(crud.create(Client, {"name": n}, SYSTEM).id)
                           for n in ("甲", "乙", "丙", "丁", "戊", "已删"))

    # Cases: opened in April and closed in May (P); opened in May, open; opened in January,
    # closed in April (P: in its year, not in May); a deleted one opened in May, whose log
    # stays live; one opened after May.
    case_a = _case(a, "2025-04-10", "2025-05-15", project=p)
    case_b = _case(b, "2025-05-20")
    _case(c, "2025-01-05", "2025-04-30", project=p)
    case_d = _case(d, "2025-05-02", project=p)
    _case(e, "2025-06-02")
    _log(case_a, "2025-04-11")
    _log(case_a, "2025-05-03")
    _log(case_a, "2025-05-10", care=True)
    _log(case_b, "2025-05-21", care=True)
    crud.delete(CaseLog, _log(case_b, "2025-05-22"), SYSTEM)
    _log(case_d, "2025-05-05", care=True)
    crud.delete(Case, case_d, SYSTEM)

    # Groups: G1 (P) meets on 28 April, 5 and 12 May, and once for Q in May; G2 (P) in
    # April only; a deleted session of G1 in May; a group record with no group in May.
    g1, g2 = _group("长者健康小组", p), _group("手工小组", p)
    _record("2025-04-28", "group", [a, b], project=p, group=g1)
    _record("2025-05-05", "group", [a, b], project=p, group=g1)
    _record("2025-05-12", "group", [a], project=p, group=g1, headcount=2)
    _record("2025-05-13", "group", [c, d], project=q, group=g1)
    _record("2025-04-15", "group", [c], project=p, group=g2, headcount=3)
    crud.delete(ServiceRecord, _record("2025-05-19", "group", [a], project=p, group=g1),
                SYSTEM)
    _record("2025-05-26", "group", [e], headcount=1)

    # Community work: one in May (Q, 30 person-times, the deleted client among them); a
    # deleted one; individual care visits (P in May, Q in May).
    _record("2025-05-17", "community", [gone], project=q, headcount=30)
    crud.delete(ServiceRecord, _record("2025-05-18", "community", [], headcount=50), SYSTEM)
    _record("2025-05-09", "individual", [c], project=p, headcount=3, care=True)
    _record("2025-05-23", "individual", [d], project=q, headcount=3)
    crud.delete(Client, gone, SYSTEM)

    # Volunteer hours, exact to the hundredth: P 1.25 + 0.30 in May, Q 0.50, one deleted.
    helper = int(crud.create(Volunteer, {"name": "志愿者"}, SYSTEM).id)
    for day, hours, project in (("2025-05-04", "1.25", p), ("2025-05-06", "0.3", p),
                                ("2025-05-07", "0.5", q), ("2025-04-30", "2", None)):
        values = {"volunteer": helper, "date": day, "hours": hours, "content": "服务"}
        if project:
            values["project"] = project
        crud.create(VolunteerHour, values, SYSTEM)
    crud.delete(VolunteerHour, crud.create(VolunteerHour, {
        "volunteer": helper, "date": "2025-05-08", "hours": "9", "content": "错录",
        "project": p}, SYSTEM), SYSTEM)
    return Built(p, q)


@pytest.mark.parametrize("key", contract_figures.KEYS)
def test_figure_equals_sql_dashboard_and_reports(built: Built, key: str) -> None:
    # The whole station, May.
    by_sql = independent(key, MAY.first, MAY.last)
    assert by_sql == EXPECTED_MAY[key]
    assert contract_figures.count(key, MAY.first, MAY.last) == by_sql
    board = dashboard.dashboard(MAY.first, today=MAY.last)
    assert board.figures[key] == by_sql
    monthly = monthly_report(MAY, "站")
    assert monthly.contract[key] == by_sql
    named = dict(monthly.summary)
    shown = named.get(contract_figures.figure(key).name, named.get("志愿服务时长（小时）"))
    assert Decimal(shown) == by_sql

    # Project P, its execution year to 31 May: the 工作台 of that day, the project report
    # of that day and the monthly report's year to date all say the same.
    p_sql = independent(key, YEAR_FIRST, YEAR_LAST, built.p)
    assert p_sql == EXPECTED_P[key]
    (progress,) = [pp for pp in board.indicators if pp.name == "长者项目"]
    assert progress.period_text == "第1执行年度（2025-03-01 至 2026-02-28）"
    assert (progress.year.first, progress.last) == (YEAR_FIRST, YEAR_LAST)
    assert {i.kind: i.actual for i in progress.items}[key] == p_sql
    report = {p.kind: p.actual for _year, _last, p in
              indicator_rows(Project.get_by_id(built.p), YEAR_LAST)}
    assert report[key] == p_sql
    table = monthly.table("indicators")
    label = contract_figures.figure(key).name
    (row,) = [r for r in table.rows if r[0] == "长者项目" and r[2] == label]
    assert Decimal(str(row[5])) == p_sql
    assert Decimal(str(row[4])) == independent(key, MAY.first, MAY.last, built.p)


@pytest.mark.parametrize(("first", "last"), [
    (dt.date(2025, 5, 1), dt.date(2025, 5, 31)),  # a whole month
    (dt.date(2025, 5, 1), dt.date(2025, 5, 12)),  # month to date, later rows in the month
    (dt.date(2025, 4, 20), dt.date(2025, 5, 10)),  # two partial months
    (dt.date(2025, 3, 1), dt.date(2025, 5, 31)),  # the project's year to date
    (dt.date(2024, 12, 1), dt.date(2025, 6, 30)),  # across a year end
    (dt.date(2025, 5, 17), dt.date(2025, 5, 17)),  # one day
])
def test_the_kept_figures_equal_the_records_count(built: Built, first: dt.date,
                                                  last: dt.date) -> None:
    """What the 工作台 and reports read (kept by migration 0009's triggers) equals the
    count from the records alone, for the station and each project."""
    assert kept_figures.differences(database) == 0
    for project in (None, built.p, built.q):
        assert contract_figures.figures(first, last, project) == contract_figures.counted(
            first, last, project)
        assert contract_figures.clients_by_target_group(first, last, project) == \
            contract_figures.clients_by_target_group_counted(first, last, project)
    # and the module's count is the plain SQL's
    for key in ("clients", "person_times", "volunteer_hours"):
        assert contract_figures.count(key, first, last) == independent(key, first, last)


def test_the_other_project_counts_its_own(built: Built) -> None:
    got = contract_figures.figures(MAY.first, MAY.last, built.q)
    assert got == {key: independent(key, MAY.first, MAY.last, built.q)
                   for key in contract_figures.KEYS}
    # Q's session of G1 makes G1 one of Q's groups too; Q has no cases.
    assert got["groups"] == 1 and got["cases"] == 0
    assert got["volunteer_hours"] == Decimal("0.50")


def test_a_group_meeting_in_two_months_counts_in_each(built: Built) -> None:
    april = periods.month("2025-04")
    assert contract_figures.count("groups", april.first, april.last) == 2
    assert contract_figures.count("groups", MAY.first, MAY.last) == 1
    assert contract_figures.count("groups", april.first, MAY.last) == 2  # once in the span


def test_the_dashboard_says_which_period_it_shows(built: Built) -> None:
    board = dashboard.dashboard(MAY.first, today=MAY.last)
    assert board.period_text == "本月（2025年5月）"
    assert dashboard.dashboard(MAY.first, today=dt.date(2025, 6, 3)).period_text == "2025年5月"
    (progress,) = [pp for pp in board.indicators if pp.name == "长者项目"]
    assert year_text(progress.year) == progress.period_text


def test_every_figure_has_its_rule_in_words() -> None:
    assert [f.name for f in contract_figures.FIGURES] == [
        "个案数", "小组数", "小组节数", "社区活动数", "服务人次", "服务对象人数", "邻里守望探访",
        "志愿服务时长"]
    lines = contract_figures.rules_text()
    assert len(lines) == len(contract_figures.FIGURES) + 2
    assert lines[0].startswith("个案数：统计期内在案的个案数")
    assert any("个案记录为一次个人服务" in line for line in lines)


def test_the_project_report_prints_the_rules(built: Built, tmp_path: Path) -> None:
    out = tmp_path / "p.pdf"
    project_report(built.p, SYSTEM, out, today=YEAR_LAST)
    text = "".join(page.get_textpage().get_text_range() for page in pdfium.PdfDocument(out))
    flat = "".join(text.split())
    assert "统计口径" in flat
    assert "小组节数：统计期内服务形式为“小组活动”的服务记录条数" in flat

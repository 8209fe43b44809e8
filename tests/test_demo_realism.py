"""Demo data a trainer can show: activities in their season, case logs whose way of
contact fits what they say, evaluation grades that follow the indicators, and the
workload of a real street station (three to five workers)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from swdesk import demo
from swdesk.db import StationDatabase, open_station
from swdesk.model import Project, database
from swdesk.services import indicators, station

TODAY = dt.date(2026, 11, 20)  # the year shown: 2025-11-21 … 2026-11-20


def _rows(sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    return list(database.execute_sql(sql, params).fetchall())


@pytest.fixture(scope="module")
def shown(tmp_path_factory: pytest.TempPathFactory) -> Iterator[StationDatabase]:
    """The station a trainer makes: `swdesk demo` with its defaults."""
    sdb = open_station(tmp_path_factory.mktemp("trainer"), create=True)
    with sdb:
        station.init_station("XM-SM-001", "思明区嘉莲街道社工站", "station", "siming")
        demo.generate(800, seed=11, today=TODAY)
        yield sdb


def _dates(title: str) -> list[dt.date]:
    return [dt.date.fromisoformat(d) for (d,) in _rows(
        "SELECT date FROM service_record WHERE title = ? ORDER BY date", (title,))]


# --- activities in season --------------------------------------------------------------------


@pytest.mark.parametrize(("title", "first", "last"), [
    ("重阳节敬老活动", dt.date(2026, 10, 8), dt.date(2026, 10, 21)),  # 重阳 2026-10-18
    ("中秋博饼活动", dt.date(2026, 8, 31), dt.date(2026, 9, 28)),  # 中秋 2026-09-25
    ("迎新春写春联送福活动", dt.date(2026, 1, 28), dt.date(2026, 3, 3)),  # 春节 2026-02-17
    ("春节困难家庭走访慰问", dt.date(2026, 1, 28), dt.date(2026, 2, 27)),
    ("端午节包粽子活动", dt.date(2026, 6, 7), dt.date(2026, 6, 21)),  # 端午 2026-06-19
    ("暑期儿童夏令营", dt.date(2026, 7, 1), dt.date(2026, 8, 31)),
    ("六一儿童节游园会", dt.date(2026, 5, 25), dt.date(2026, 6, 2)),
])
def test_seasonal_activities_are_held_in_their_season(shown: StationDatabase, title: str,
                                                      first: dt.date, last: dt.date) -> None:
    dates = _dates(title)
    assert dates, f"no {title} in a whole year"
    assert first <= dates[0] and dates[-1] <= last, (title, dates[0], dates[-1])


def test_seasonal_activities_crowd_their_season(shown: StationDatabase) -> None:
    # In the fortnight before 重阳 the elderly's festival is a large part of the community
    # activities, not one stray event.
    (around,) = _rows("SELECT count(*) FROM service_record WHERE kind = 'community' "
                      "AND date BETWEEN '2026-10-08' AND '2026-10-21'")[0]
    assert len(_dates("重阳节敬老活动")) >= max(2, around // 6)


# --- case logs -------------------------------------------------------------------------------

WORDS = {"home_visit": ("入户", "上门"), "office": ("面谈",), "phone": ("电话",),
         "online": ("微信", "视频", "线上")}


def test_a_case_log_says_what_its_way_of_contact_was(shown: StationDatabase) -> None:
    rows = _rows("SELECT way, content, duration_min FROM case_log")
    assert {r[0] for r in rows} == set(WORDS)
    for way, content, minutes in rows:
        assert any(w in content for w in WORDS[way]), (way, content)
        others = [w for k, ws in WORDS.items() if k != way for w in ws]
        assert not any(w in content for w in others), (way, content)
        if way == "phone":
            assert minutes <= 30
        if way == "home_visit":
            assert minutes >= 45


def test_a_case_s_logs_follow_its_stage(shown: StationDatabase) -> None:
    # A case still at intake has had a contact or two; one in intervention several.
    by_stage = dict(_rows(
        'SELECT stage, avg(n) FROM (SELECT c.stage, count(l.id) AS n FROM "case" c '
        "JOIN case_log l ON l.case_id = c.id GROUP BY c.id) GROUP BY stage"))
    assert by_stage["intake"] <= 3
    assert by_stage["intervention"] >= 4


# --- evaluations -----------------------------------------------------------------------------


def _grade(reached: float) -> str:
    return ("excellent" if reached >= 1.0 else "good" if reached >= 0.9
            else "pass" if reached >= 0.7 else "fail")


def test_evaluation_grades_follow_the_indicators(shown: StationDatabase) -> None:
    data_first = TODAY - dt.timedelta(days=364)
    checked = 0
    for project in Project.select():
        progress_year = indicators.indicator_progress(project, first=data_first, last=TODAY)
        assert progress_year, "a project without indicators"
        for target in (p.target for p in progress_year):
            digits = str(target).rstrip("0")
            assert len(digits) <= 2, f"target {target} is not a figure a contract writes"
        for kind, year_no, on, grade, score, notes in _rows(
                "SELECT kind, year_no, evaluated_on, grade, score, notes FROM evaluation "
                "WHERE project_id = ?", (project.id,)):
            low, high = {"excellent": (90, 100), "good": (80, 89), "pass": (60, 79),
                         "fail": (0, 59)}[grade]
            assert low <= score <= high, (grade, score)
            last = dt.date.fromisoformat(on)
            years = indicators.execution_years(project)
            first = (project.start_on if kind in ("midterm", "final")
                     else years[year_no - 1].first)
            if (last - max(first, data_first)).days < 0.8 * (last - first).days:
                continue  # a period from before the records
            start = max(first, data_first)
            share = ((last - start).days + 1) / 365
            progress = indicators.indicator_progress(project, first=start, last=last)
            reached = [min(float(p.actual) / (p.target * share), 1.2) for p in progress]
            assert grade == _grade(sum(reached) / len(reached)), (kind, year_no, reached)
            behind = [p.label for p, r in zip(progress, reached, strict=True) if r < 0.9]
            for label in behind:
                assert label in notes
            checked += 1
    assert checked >= 1, "no evaluation within the year of records"


# --- the three methods' files ----------------------------------------------------------------


@pytest.mark.parametrize(("title", "first", "last"), [
    ("重阳节敬老活动", dt.date(2026, 10, 8), dt.date(2026, 10, 21)),
    ("中秋博饼活动", dt.date(2026, 8, 31), dt.date(2026, 9, 28)),
    ("迎新春写春联送福活动", dt.date(2026, 1, 28), dt.date(2026, 3, 3)),
    ("端午节包粽子活动", dt.date(2026, 6, 7), dt.date(2026, 6, 21)),
])
def test_festival_activities_are_planned_in_their_season(
        shown: StationDatabase, title: str, first: dt.date, last: dt.date) -> None:
    # Every activity file of a festival, held, cancelled or planned, lies in its season.
    days = [dt.date.fromisoformat(d) for (d,) in _rows(
        "SELECT planned_on FROM community_activity WHERE title = ? AND planned_on <= ?",
        (title, TODAY.isoformat()))]
    assert days and all(first <= d <= last for d in days), (title, days)


def test_groups_keep_the_school_calendar(shown: StationDatabase) -> None:
    summer = _rows("SELECT r.date FROM service_record r JOIN work_group g "
                   "ON g.id = r.work_group_id WHERE g.name LIKE '暑期%'")
    assert summer and all(d[5:7] in ("07", "08") for (d,) in summer)
    term = _rows("SELECT r.date FROM service_record r JOIN work_group g ON g.id = "
                 "r.work_group_id WHERE g.name IN ('亲子沟通小组', '儿童情绪管理小组', "
                 "'青少年情绪管理小组')")
    assert all(d[5:7] not in ("07", "08") for (d,) in term)


def test_a_worker_leads_a_few_groups_a_year(shown: StationDatabase) -> None:
    since = (TODAY - dt.timedelta(days=364)).isoformat()
    per_worker = _rows("SELECT w.id, (SELECT count(DISTINCT r.work_group_id) FROM "
                       "service_record r WHERE r.worker_id = w.id AND r.date >= ? AND "
                       "r.work_group_id IS NOT NULL) FROM worker w WHERE w.active = 1",
                       (since,))
    assert all(2 <= n <= 10 for _w, n in per_worker), per_worker
    statuses = {s for (s,) in _rows("SELECT DISTINCT status FROM work_group")}
    assert {"ended", "running", "planned"} <= statuses


def test_most_members_come_to_each_session(shown: StationDatabase) -> None:
    rates = [r for (r,) in _rows(
        "SELECT avg(1.0 * r.headcount / (SELECT count(*) FROM group_member m WHERE "
        "m.work_group_id = r.work_group_id)) FROM service_record r "
        "WHERE r.work_group_id IS NOT NULL GROUP BY r.work_group_id")]
    assert rates
    overall = sum(rates) / len(rates)
    assert 0.72 <= overall <= 0.93, overall
    assert all(0.5 <= r <= 1.0 for r in rates), rates


def test_most_members_improve_between_pre_and_post(shown: StationDatabase) -> None:
    pairs = _rows("SELECT a.score, b.score FROM questionnaire_response a JOIN "
                  "questionnaire_response b ON a.work_group_id = b.work_group_id AND "
                  "a.client_id = b.client_id WHERE a.phase = 'pre' AND b.phase = 'post'")
    assert len(pairs) >= 20
    better = sum(post > pre for pre, post in pairs) / len(pairs)
    assert 0.65 <= better < 1.0, better


def test_case_goals_are_reached_as_a_real_project_reaches_them(
        shown: StationDatabase) -> None:
    tally = dict(_rows("SELECT g.attainment, count(*) FROM case_goal g JOIN \"case\" c "
                       "ON c.id = g.case_id WHERE c.stage = 'closed' GROUP BY g.attainment"))
    total = sum(tally.values())
    reached = (tally.get("met", 0) + tally.get("partly", 0)) / total
    assert 0.75 <= reached < 0.97, tally  # most goals met or partly met, not all
    assert 0.45 <= tally.get("met", 0) / total < 0.9, tally
    assert tally.get("not_met", 0) > 0
    reasons = dict(_rows("SELECT closure_reason, count(*) FROM \"case\" "
                         "WHERE stage = 'closed' GROUP BY closure_reason"))
    assert max(reasons, key=reasons.__getitem__) == "goals_met"


def test_satisfaction_surveys_read_as_real_ones(shown: StationDatabase) -> None:
    surveyed, satisfied = _rows("SELECT sum(surveyed), sum(satisfied) FROM "
                                "community_activity WHERE status = 'held'")[0]
    assert 0.85 <= satisfied / surveyed <= 0.98
    assert _rows("SELECT count(*) FROM community_activity WHERE status = 'held' AND "
                 "(satisfied > surveyed OR surveyed > expected_turnout * 2)")[0][0] == 0
    statuses = dict(_rows("SELECT status, count(*) FROM community_activity GROUP BY status"))
    assert statuses["held"] > 10 * statuses["cancelled"] > 0 and statuses["planned"] >= 2
    (closed_sat,) = _rows("SELECT avg(CAST(satisfaction AS REAL)) FROM \"case\" "
                          "WHERE satisfaction IS NOT NULL")[0]
    assert 4.0 <= closed_sat <= 4.6


# --- workloads -------------------------------------------------------------------------------


def test_a_station_s_workload_is_a_real_one(shown: StationDatabase) -> None:
    workers = _rows("SELECT id FROM worker WHERE active = 1")
    assert 3 <= len(_rows("SELECT id FROM worker")) <= 5
    since = (TODAY - dt.timedelta(days=364)).isoformat()
    for (worker,) in workers:
        (records,) = _rows("SELECT count(*) FROM service_record WHERE worker_id = ?",
                           (worker,))[0]
        (logs,) = _rows("SELECT count(*) FROM case_log WHERE worker_id = ? AND date >= ?",
                        (worker, since))[0]
        (open_cases,) = _rows('SELECT count(*) FROM "case" WHERE worker_id = ? '
                              "AND stage != 'closed'", (worker,))[0]
        # Two or three service records a working day; a contact or so a working day on
        # one's cases; a caseload a worker can hold.
        assert 25 <= records / 12 <= 90, records
        assert 3 <= logs / 12 <= 40, logs
        assert 2 <= open_cases <= 25, open_cases


def test_the_demo_command_defaults_to_a_street_station(tmp_path: Path) -> None:
    with open_station(tmp_path / "d", create=True):
        station.init_station("XM-SM-001", "思明区嘉莲街道社工站", "station", "siming")
        counts = demo.generate(800, seed=2, today=TODAY)
    workers = counts["worker"]
    assert 3 <= workers <= 5
    assert 25 * 12 * (workers - 1) <= counts["service_record"] <= 90 * 12 * workers


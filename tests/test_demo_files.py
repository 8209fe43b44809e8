"""The demo's case, group and activity files: every row a user could have typed (it passes
the entity's validation and rules) and the files agree with each other across tables."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from itertools import pairwise
from typing import Any

import pytest

from swdesk import demo, reference
from swdesk.db import StationDatabase, open_station
from swdesk.model import (
    Case,
    CaseGoal,
    CaseLog,
    CommunityActivity,
    GroupMember,
    QuestionnaireResponse,
    Referral,
    ServiceRecord,
    SyncedModel,
    WorkGroup,
    database,
    describe,
)
from swdesk.model.base import column_attr
from swdesk.services import crud, station

TODAY = dt.date.today()  # (validation checks dates against the real today)
NEW_FILES = (Case, CaseGoal, CaseLog, Referral, WorkGroup, GroupMember, CommunityActivity,
             QuestionnaireResponse, ServiceRecord)


def _rows(sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    return list(database.execute_sql(sql, params).fetchall())


def _one(sql: str, params: tuple[Any, ...] = ()) -> Any:
    return database.execute_sql(sql, params).fetchone()[0]


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[StationDatabase]:
    sdb = open_station(tmp_path_factory.mktemp("files"), create=True)
    with sdb:
        station.init_station("XM-SM-001", "思明区嘉莲街道社工站", "station", "siming")
        demo.generate(600, 3000, seed=7, today=TODAY)
        yield sdb


@pytest.fixture
def run(filled: StationDatabase) -> StationDatabase:
    database.initialize(filled.db)
    reference.invalidate()
    return filled


def _as_typed(row: SyncedModel) -> dict[str, Any]:
    """The row's values as a form would submit them (the fields a user types)."""
    model = type(row)
    return {f.key: getattr(row, column_attr(model, f.key)) for f in describe(model).fields
            if f.editable and getattr(row, column_attr(model, f.key)) is not None}


@pytest.mark.parametrize("model", NEW_FILES, ids=lambda m: m._meta.table_name)
def test_generated_rows_pass_validation(run: StationDatabase,
                                        model: type[SyncedModel]) -> None:
    ids = [r[0] for r in _rows(f'SELECT id FROM "{model._meta.table_name}" ORDER BY id')]
    assert ids, f"no {model._meta.table_name} generated"
    required = [f.key for f in describe(model).fields if f.required and f.editable]
    for row_id in ids[:: max(1, len(ids) // 40)]:
        row = model.get_by_id(row_id)
        typed = _as_typed(row)
        assert not [k for k in required if k not in typed], row_id
        # Every value saved again as it stands: each field's checks and the entity's rules
        # (as an edit of the stored row: a rule may refuse a second row like it, e.g. the
        # same member twice, or a held activity without its record).
        crud.clean(model, typed, row)


def test_group_sessions_are_their_members_weekly(run: StationDatabase) -> None:
    outsiders = _one(
        "SELECT count(*) FROM service_participant p JOIN service_record r ON r.id = p.record_id "
        "WHERE r.work_group_id IS NOT NULL AND p.client_id NOT IN "
        "(SELECT client_id FROM group_member m WHERE m.work_group_id = r.work_group_id)")
    assert outsiders == 0
    assert _one("SELECT count(*) FROM service_record WHERE kind = 'group' AND "
                "(work_group_id IS NULL OR session_no IS NULL)") == 0
    assert _one("SELECT count(*) FROM service_record WHERE work_group_id IS NOT NULL "
                "AND kind != 'group'") == 0
    for group_id, status, start, end, planned, ended_on, summary in _rows(
            "SELECT id, status, planned_start, planned_end, planned_sessions, ended_on, "
            "summary FROM work_group"):
        sessions = _rows("SELECT session_no, date, worker_id FROM service_record "
                         "WHERE work_group_id = ? ORDER BY session_no", (group_id,))
        members = _one("SELECT count(*) FROM group_member WHERE work_group_id = ?",
                       (group_id,))
        assert [s[0] for s in sessions] == list(range(1, len(sessions) + 1))
        days = [dt.date.fromisoformat(s[1]) for s in sessions]
        assert all((b - a).days == 7 for a, b in pairwise(days))
        assert len(sessions) <= planned and 4 <= planned <= 8
        if status in ("running", "ended"):
            assert 6 <= members <= 12 and sessions and sessions[0][1] == start
        if status == "ended":
            assert len(sessions) == planned and ended_on == end == sessions[-1][1] and summary
        else:
            assert ended_on is None
        if status == "running":
            assert 0 < len(sessions) < planned
        if status in ("planned", "cancelled"):
            assert sessions == []
        if status == "planned":
            assert start > TODAY.isoformat()
    assert _one("SELECT count(*) FROM group_member m JOIN work_group g ON g.id = "
                "m.work_group_id WHERE m.joined_on > g.planned_start OR m.left_on < "
                "m.joined_on") == 0
    # Nobody comes to a session after leaving the group.
    assert _one("SELECT count(*) FROM service_participant p JOIN service_record r ON "
                "r.id = p.record_id JOIN group_member m ON m.work_group_id = r.work_group_id "
                "AND m.client_id = p.client_id WHERE m.left_on IS NOT NULL AND "
                "r.date > m.left_on") == 0
    numbers = [n for (n,) in _rows("SELECT group_no FROM work_group ORDER BY planned_start")]
    assert all(re.fullmatch(r"XM-SM-001-G20[0-9]{2}-[0-9]{3}", n) for n in numbers)
    assert len(set(numbers)) == len(numbers)


def test_pre_and_post_measures_belong_to_the_group(run: StationDatabase) -> None:
    rows = _rows("SELECT q.phase, q.date, q.answers, q.score, q.band, q.client_id, "
                 "g.id, g.status, g.planned_start, g.ended_on, q.questionnaire "
                 "FROM questionnaire_response q JOIN work_group g ON g.id = q.work_group_id")
    assert rows and {r[0] for r in rows} == {"pre", "post"}
    for phase, day, answers, score, band, client, group, status, start, ended, code in rows:
        assert code == demo.groupwork.GROUP_SCALE
        given = json.loads(answers)
        assert set(given) == {f"q{i}" for i in range(1, 11)}
        assert set(given.values()) <= set("12345") and band is None
        # social_support: ten items 1-5, items 6-8 reverse-scored, total 10-50
        assert sum(6 - int(a) if q in ("q6", "q7", "q8") else int(a)
                   for q, a in given.items()) == score
        assert day == (start if phase == "pre" else ended)
        assert status in ("running", "ended") or phase == "pre"
        assert _one("SELECT count(*) FROM group_member WHERE work_group_id = ? AND "
                    "client_id = ?", (group, client)) == 1


def test_activities_held_are_their_records(run: StationDatabase) -> None:
    assert _one("SELECT count(*) FROM service_record WHERE kind = 'community' "
                "AND activity_id IS NULL") == 0
    held = _rows("SELECT a.id, a.status, a.planned_on, r.date, a.title, r.title, "
                 "r.headcount, a.unnamed_count, a.worker_id, r.worker_id, a.expected_turnout, "
                 "(SELECT count(*) FROM service_participant p WHERE p.record_id = r.id) "
                 "FROM community_activity a JOIN service_record r ON r.activity_id = a.id")
    assert held
    for (_a, status, planned_on, date, title, rtitle, headcount, unnamed, worker, rworker,
         expected, named) in held:
        assert status == "held" and planned_on == date and title == rtitle
        assert worker == rworker
        assert headcount >= named and unnamed == headcount - named
        assert 0.7 * headcount <= expected <= 1.3 * headcount + 5
    assert _one("SELECT count(*) FROM community_activity a WHERE status = 'held' AND NOT "
                "EXISTS (SELECT 1 FROM service_record r WHERE r.activity_id = a.id)") == 0
    # Not held: no record; those planned lie ahead, those cancelled behind.
    assert _one("SELECT count(*) FROM service_record r JOIN community_activity a "
                "ON a.id = r.activity_id WHERE a.status != 'held'") == 0
    assert _one("SELECT min(planned_on) FROM community_activity WHERE status = 'planned'") \
        > TODAY.isoformat()
    assert _one("SELECT max(planned_on) FROM community_activity WHERE status = 'cancelled'") \
        <= TODAY.isoformat()
    numbers = _rows("SELECT activity_no, planned_on FROM community_activity ORDER BY "
                    "planned_on, id")
    assert all(re.fullmatch(rf"XM-SM-001-A{d[:4]}-[0-9]{{3}}", n) for n, d in numbers)
    assert [n for n, _d in numbers] == sorted(n for n, _d in numbers)  # in date order


def test_a_case_s_stage_agrees_with_its_file(run: StationDatabase) -> None:
    for case_id, stage, opened, closed, reason, satisfaction, summary, due, done, note in _rows(
            'SELECT id, stage, opened_on, closed_on, closure_reason, satisfaction, '
            'closure_summary, follow_up_on, followed_up_on, follow_up_note FROM "case"'):
        goals = _rows("SELECT seq, target_on, attainment FROM case_goal WHERE case_id = ? "
                      "ORDER BY seq", (case_id,))
        if stage in ("intake", "assessment"):
            assert goals == []
        else:
            assert 2 <= len(goals) <= 4 and [g[0] for g in goals] == list(range(1, len(goals) + 1))
            assert all(g[1] > opened for g in goals)
        if stage == "closed":
            assert reason and summary and all(g[2] for g in goals)
            assert satisfaction or reason in ("died", "lost_contact")
            if reason != "died":
                gap = (dt.date.fromisoformat(due) - dt.date.fromisoformat(closed)).days
                assert 20 <= gap <= 40
            if done is not None:
                assert note and closed < done <= TODAY.isoformat()
        else:
            assert reason is satisfaction is summary is due is done is None
            if stage != "evaluation":
                assert all(g[2] is None for g in goals)
    # Once due, most follow-ups are made.
    due, made = _rows('SELECT count(*), count(followed_up_on) FROM "case" '
                      "WHERE follow_up_on <= ?", (TODAY.isoformat(),))[0]
    assert due and made >= 0.7 * due
    assert _one('SELECT count(*) FROM "case" WHERE project_id IS NOT NULL') > 0
    assert _one("SELECT count(*) FROM referral WHERE receipt_on IS NOT NULL AND "
                "(result IS NULL OR receipt_on < date OR receipt_note IS NULL)") == 0
    assert _one("SELECT count(*) FROM referral WHERE receipt_on IS NOT NULL") > 0
    assert _one("SELECT count(*) FROM case_log WHERE next_step_on IS NOT NULL AND "
                "next_step_on <= date") == 0
    assert _one("SELECT count(*) FROM case_log WHERE next_step_on IS NOT NULL") > 0
    assert _one("SELECT count(*) FROM case_log WHERE care_visit = 1") > 0

"""The kept figures (migration 0009's triggers, ``swdesk.db.kept_figures``): after every
kind of write the kept rows equal a count of the records, and the contract figures read
from them equal the figures counted from the records alone."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest

from swdesk import paths
from swdesk.cli import main
from swdesk.db import StationDatabase, kept_figures, open_station, visit_seen
from swdesk.model import (
    Case,
    CaseLog,
    Client,
    Project,
    ServiceParticipant,
    ServiceRecord,
    Volunteer,
    VolunteerHour,
    database,
)
from swdesk.services import contract_figures, crud, records
from swdesk.services.actor import SYSTEM

D = dt.date


@dataclass
class Station:
    p: int
    q: int
    clients: list[int]
    volunteer: int


def _periods(projects: tuple[int, ...]) -> list[tuple[D, D, int | None]]:
    spans = [
        (D(2025, 12, 1), D(2025, 12, 31)),  # a whole month
        (D(2026, 1, 1), D(2026, 1, 10)),  # month to date, later rows in the month
        (D(2025, 12, 15), D(2026, 1, 20)),  # across the year, two partial months
        (D(2025, 11, 1), D(2026, 2, 28)),  # whole months only
        (D(2025, 12, 20), D(2025, 12, 20)),  # a single day
        (D(2025, 11, 1), D(2026, 1, 10)),  # kept months, then an edge from the records
        (D(2025, 11, 20), D(2026, 3, 31)),  # an edge from the records, then kept months
        (D(2024, 1, 1), D(2024, 12, 31)),  # nothing in it
    ]
    return [(a, b, p) for a, b in spans for p in (None, *projects)]


def assert_kept(st: Station) -> None:
    """Kept rows equal a recount, and every figure read from them its raw count."""
    assert kept_figures.differences(database) == 0
    assert kept_figures.kept(database) == kept_figures.counted(database)
    for first, last, project in _periods((st.p, st.q)):
        assert contract_figures.figures(first, last, project) == contract_figures.counted(
            first, last, project), (first, last, project)
        assert contract_figures.clients_by_target_group(first, last, project) == \
            contract_figures.clients_by_target_group_counted(first, last, project)


def _record(day: str, clients: list[int], *, kind: str = "individual",
            project: int | None = None, headcount: int = 0, care: bool = False,
            record_id: int | None = None) -> ServiceRecord:
    values = {"date": D.fromisoformat(day), "kind": kind, "category": "jinglao",
              "field": "welfare", "title": f"{kind} {day}", "headcount": headcount,
              "care_visit": care, "project": project}
    return records.save_service_record(values, clients, [], [], SYSTEM, record_id=record_id)


@pytest.fixture
def st(sdb: StationDatabase) -> Station:
    p = int(crud.create(Project, {"name": "长者项目", "purchaser": "街道", "start_on": "2025-03-01",
                                  "end_on": "2027-02-28", "budget": "100000"}, SYSTEM).id)
    q = int(crud.create(Project, {"name": "儿童项目", "purchaser": "街道", "start_on": "2025-01-01",
                                  "end_on": "2026-12-31", "budget": "50000"}, SYSTEM).id)
    clients = [int(crud.create(Client, {"name": n, "target_groups": t}, SYSTEM).id)
               for n, t in (("甲", "elderly"), ("乙", "elderly,disabled"), ("丙", "dibao"),
                            ("丁", ""), ("戊", "disabled"))]
    volunteer = int(crud.create(Volunteer, {"name": "志愿者"}, SYSTEM).id)
    return Station(p, q, clients, volunteer)


def test_a_new_station_keeps_nothing_and_differs_in_nothing(st: Station) -> None:
    assert kept_figures.kept(database) == (set(), set())
    assert_kept(st)


def test_records_made_edited_deleted_and_undeleted(st: Station) -> None:
    a, b, c, d, _e = st.clients
    r1 = _record("2025-12-20", [a, b], project=st.p, headcount=5, care=True)
    r2 = _record("2026-01-05", [b, c], kind="group", project=st.q)
    _record("2026-01-25", [d], kind="community", headcount=12)  # after "month to date"
    assert_kept(st)
    # each edited field on its own: date (another month), project, kind, headcount, care
    _record("2026-01-02", [a, b], project=st.p, headcount=5, care=True, record_id=r1.id)
    assert_kept(st)
    _record("2026-01-02", [a, b], project=st.q, headcount=5, care=True, record_id=r1.id)
    assert_kept(st)
    _record("2026-01-02", [a, b], project=None, kind="group", headcount=7, care=False,
            record_id=r1.id)
    assert_kept(st)
    # participants replaced (delete + insert), one taken out, one added
    _record("2026-01-05", [c, d], kind="group", project=st.q, record_id=r2.id)
    assert_kept(st)
    _record("2026-01-05", [c], kind="group", project=st.q, headcount=3, record_id=r2.id)
    assert_kept(st)
    crud.delete(ServiceRecord, r2.id, SYSTEM)
    assert_kept(st)
    assert ServiceRecord.get_by_id(r2.id).deleted
    # undeleted (as a city correction does: the row's flag set back)
    ServiceRecord.update(deleted=False).where(ServiceRecord.id == r2.id).execute()
    assert_kept(st)
    assert contract_figures.figures(D(2026, 1, 1), D(2026, 1, 31))["group_sessions"] == 2


def test_a_participant_moved_by_update(st: Station) -> None:
    a, b, c, _d, _e = st.clients
    r1 = _record("2025-12-20", [a], project=st.p)
    r2 = _record("2026-01-20", [b], project=st.q)
    ServiceParticipant.update(client=c).where(ServiceParticipant.record == r1.id).execute()
    assert_kept(st)
    ServiceParticipant.update(record=r2.id).where(ServiceParticipant.record == r1.id).execute()
    assert_kept(st)


def test_a_hard_deleted_record_takes_its_participants_and_hours_with_it(st: Station) -> None:
    a, b, _c, _d, _e = st.clients
    r = records.save_service_record(
        {"date": D(2025, 12, 20), "kind": "individual", "category": "jinglao",
         "field": "welfare", "title": "t", "project": st.p},
        [a, b], [(st.volunteer, "2.5")], [], SYSTEM)
    other = _record("2025-12-21", [a], project=st.p)
    assert VolunteerHour.select().where(VolunteerHour.record == r.id).count() == 1
    assert_kept(st)
    ServiceRecord.delete().where(ServiceRecord.id == r.id).execute()  # cascades
    assert ServiceParticipant.select().where(ServiceParticipant.record == r.id).count() == 0
    assert_kept(st)
    assert kept_figures.kept(database)[1] == {
        (0, "2025-12", a, 1, None), (st.p, "2025-12", a, 1, None)}
    crud.delete(ServiceRecord, other.id, SYSTEM)
    assert kept_figures.kept(database) == (set(), set())  # nothing leaks


def test_case_logs_and_their_case_moved_or_deleted(st: Station) -> None:
    a, b, c, _d, _e = st.clients
    case = crud.create(Case, {"client": a, "opened_on": "2025-11-01", "problem": "x",
                              "stage": "intake", "project": st.p}, SYSTEM)
    logs = [crud.create(CaseLog, {"case": case.id, "date": day, "way": "home_visit",
                                  "content": "探访", "care_visit": care}, SYSTEM)
            for day, care in (("2025-12-03", True), ("2025-12-28", False),
                              ("2026-01-04", True), ("2026-01-30", False))]
    _record("2025-12-10", [a], project=st.p)  # a also served by a record: counted once
    assert_kept(st)
    crud.update(CaseLog, logs[0], {"date": "2026-01-06"}, SYSTEM)
    assert_kept(st)
    crud.update(CaseLog, logs[1], {"care_visit": True}, SYSTEM)
    assert_kept(st)
    crud.delete(CaseLog, logs[2], SYSTEM)
    assert_kept(st)
    other = crud.create(Case, {"client": b, "opened_on": "2025-11-01", "problem": "y",
                               "stage": "intake"}, SYSTEM)
    crud.update(CaseLog, logs[3], {"case": other.id}, SYSTEM)  # a log moved to another case
    assert_kept(st)
    crud.update(Case, case, {"project": st.q}, SYSTEM)
    assert_kept(st)
    crud.update(Case, case, {"client": c}, SYSTEM)
    assert_kept(st)
    crud.delete(Case, case, SYSTEM)
    assert_kept(st)
    Case.update(deleted=False).where(Case.id == case.id).execute()
    assert_kept(st)
    CaseLog.delete().where(CaseLog.case == case.id).execute()
    assert_kept(st)


def test_volunteer_hours_exact_in_hundredths(st: Station) -> None:
    hours = [crud.create(VolunteerHour, {"volunteer": st.volunteer, "date": day, "hours": h,
                                         "content": "服务", **({"project": p} if p else {})},
                         SYSTEM)
             for day, h, p in (("2025-12-31", "0.1", st.p), ("2026-01-01", "0.2", st.p),
                               ("2026-01-09", "1.25", None), ("2026-01-15", "0", st.q))]
    assert_kept(st)
    assert contract_figures.figures(D(2025, 12, 31), D(2026, 1, 1), st.p)[
        "volunteer_hours"] == Decimal("0.30")
    crud.update(VolunteerHour, hours[0], {"hours": "3.33", "project": st.q}, SYSTEM)
    assert_kept(st)
    crud.update(VolunteerHour, hours[1], {"date": "2026-02-01"}, SYSTEM)
    assert_kept(st)
    crud.delete(VolunteerHour, hours[2], SYSTEM)
    assert_kept(st)
    VolunteerHour.delete().where(VolunteerHour.id == hours[3].id).execute()
    assert_kept(st)


def test_a_deleted_client_stops_counting_at_once(st: Station) -> None:
    a, b, _c, _d, _e = st.clients
    _record("2025-12-05", [a, b], project=st.p)
    month = (D(2025, 12, 1), D(2025, 12, 31))
    assert contract_figures.figures(*month)["clients"] == 2
    crud.delete(Client, b, SYSTEM)
    assert contract_figures.figures(*month)["clients"] == 1
    assert_kept(st)


def test_rebuild_repairs_a_damaged_table(st: Station) -> None:
    a, b, c, _d, _e = st.clients
    _record("2025-12-05", [a, b], project=st.p, headcount=4)
    _record("2026-01-05", [c], kind="group")
    before = kept_figures.kept(database)
    database.execute_sql("UPDATE kept_tally SET headcount = headcount + 1 WHERE scope = 0")
    database.execute_sql("DELETE FROM kept_client_month WHERE client_id = ?", (a,))
    database.execute_sql("INSERT INTO kept_client_month VALUES (0, '2025-10', ?, 1, NULL)",
                         (c,))
    # two tally rows changed, two of a's months gone, one month made up: once each
    assert kept_figures.differences(database) == 2 + 2 + 1
    with database.atomic():
        assert kept_figures.rebuild(database) == len(before[0]) + len(before[1])
    assert kept_figures.kept(database) == before
    assert_kept(st)


def test_triggers_are_listed_for_the_bulk_load(sdb: StationDatabase) -> None:
    names = [n for n, _sql in kept_figures.triggers(database)]
    assert names == sorted(names) and len(names) == 14
    assert all(n.startswith("kept_") for n in names)


def _as_before_0009(sdb: StationDatabase) -> None:
    """Make the open station a database from before migration 0009 (its rows kept)."""
    for name, _sql in kept_figures.triggers(database):
        database.execute_sql(f'DROP TRIGGER "{name}"')
    database.execute_sql("DROP TABLE kept_tally")
    database.execute_sql("DROP TABLE kept_client_month")
    database.execute_sql("DELETE FROM schema_migration WHERE name = '0009_kept_figures'")
    database.execute_sql("PRAGMA user_version = 8")


def test_the_migration_fills_the_tables_from_the_records(st: Station, sdb: StationDatabase,
                                                         data_dir: Path) -> None:
    a, b, c, _d, _e = st.clients
    _record("2025-12-05", [a, b], project=st.p, headcount=4, care=True)
    _record("2026-01-05", [c], kind="group", project=st.q)
    case = crud.create(Case, {"client": c, "opened_on": "2025-11-01", "problem": "x",
                              "stage": "intake", "project": st.p}, SYSTEM)
    crud.create(CaseLog, {"case": case.id, "date": "2025-12-09", "way": "home_visit",
                          "content": "探访"}, SYSTEM)
    crud.create(VolunteerHour, {"volunteer": st.volunteer, "date": "2026-01-03",
                                "hours": "1.5", "content": "服务"}, SYSTEM)
    before = kept_figures.kept(database)
    assert before[0] and before[1]
    _as_before_0009(sdb)
    sdb.close()
    assert kept_figures.differences_in(paths.db_path(data_dir)) == 0  # (no tables: nothing)
    with open_station(data_dir):
        assert kept_figures.kept(database) == before
        assert len(kept_figures.triggers(database)) == 14
        assert_kept(st)
        _record("2026-01-06", [a], project=st.p)  # the triggers keep it from now on
        assert_kept(st)


@pytest.mark.usefixtures("cli_env")
def test_db_check_finds_and_repairs_the_kept_figures(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data_dir = tmp_path / "数据 目录"
    where = ["--data-dir", str(data_dir)]
    assert main([*where, "init", "--station", "XM-SM-001", "--name", "嘉莲街道社工站"]) == 0
    with open_station(data_dir):
        a = int(crud.create(Client, {"name": "甲"}, SYSTEM).id)
        _record("2025-12-05", [a], headcount=3)
        database.execute_sql("UPDATE kept_tally SET headcount = 1")
    capsys.readouterr()
    assert main([*where, "db", "check"]) == 1
    out = capsys.readouterr().out
    assert "统计数与记录不符（1 处" in out and "--repair" in out
    assert main([*where, "db", "check", "--repair"]) == 0
    assert "已重建统计数（1 处与记录不符）" in capsys.readouterr().out
    assert main([*where, "db", "check"]) == 0
    with open_station(data_dir):
        assert kept_figures.differences(database) == 0
        assert contract_figures.figures(D(2025, 12, 1), D(2025, 12, 31))["person_times"] == 3


def test_each_clients_month_knows_the_month_before(st: Station) -> None:
    a, b, _c, _d, _e = st.clients
    nov = _record("2025-11-03", [a])
    jan = _record("2026-01-03", [a, b])
    _record("2026-03-03", [a])

    def months() -> dict[str, str | None]:
        return {m: prev for scope, m, c, _n, prev in kept_figures.kept(database)[1]
                if scope == 0 and c == a}

    assert months() == {"2025-11": None, "2026-01": "2025-11", "2026-03": "2026-01"}
    dec = _record("2025-12-03", [a])  # a month comes between two
    assert months() == {"2025-11": None, "2025-12": "2025-11", "2026-01": "2025-12",
                        "2026-03": "2026-01"}
    crud.delete(ServiceRecord, jan.id, SYSTEM)  # and one goes
    assert months() == {"2025-11": None, "2025-12": "2025-11", "2026-03": "2025-12"}
    _record("2026-02-03", [a], record_id=nov.id)  # the first moves past another
    assert months() == {"2025-12": None, "2026-02": "2025-12", "2026-03": "2026-02"}
    _record("2025-12-03", [b], record_id=dec.id)  # a participant replaced
    assert months() == {"2026-02": None, "2026-03": "2026-02"}
    assert_kept(st)
    # a span of months counts each client once
    assert contract_figures.figures(D(2025, 11, 1), D(2026, 3, 31))["clients"] == 2


def test_visit_seen_still_kept_by_its_triggers_made_again(st: Station) -> None:
    """Migration 0009 makes visit_seen's recounting triggers again (to start from the
    client's participations); the last visits still equal a count of the records, also
    for a log moved between two cases of one client."""
    a, b, _c, _d, _e = st.clients
    r = _record("2025-12-05", [a, b], care=True)
    first, second = (crud.create(Case, {"client": a, "opened_on": "2025-11-01", "problem": p,
                                        "stage": "intake"}, SYSTEM) for p in ("x", "y"))
    log = crud.create(CaseLog, {"case": first.id, "date": "2025-12-20", "way": "phone",
                                "content": "电话", "care_visit": True}, SYSTEM)
    crud.update(CaseLog, log, {"case": second.id}, SYSTEM)
    assert visit_seen.last_visits(database)[a] == D(2025, 12, 20)
    _record("2025-12-06", [b], care=True, record_id=r.id)  # a taken out, date moved
    crud.delete(CaseLog, log, SYSTEM)
    assert visit_seen.last_visits(database) == {b: D(2025, 12, 6)}
    assert visit_seen.differences(database) == 0
    assert_kept(st)

"""Tests for swdesk.demo: synthetic data that is valid, consistent and repeatable."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from swdesk import demo, reference
from swdesk.db import StationDatabase, kept_figures, open_station, visit_seen
from swdesk.errors import SwdeskError, ValidationError
from swdesk.model import ENTITIES, database
from swdesk.services import journal, station
from swdesk.validation import check_uscc, normalize_mobile, parse_resident_id

CLIENTS, RECORDS, SEED = 300, 3000, 20240501
XIAMEN_REGIONS = {"350203", "350206", "350211", "350205", "350212", "350213"}
TABLES = (*ENTITIES, "service_participant", "service_partner", "change_log", "audit_entry")
DEMO_TABLES = {
    "agency", "worker", "training_record", "client", "partner", "volunteer", "need", "case",
    "case_log", "referral", "project", "indicator", "evaluation", "complaint",
    "service_record", "service_participant", "service_partner", "volunteer_hour", "change_log",
    "case_goal", "work_group", "group_member", "questionnaire_response", "community_activity",
}


def _rows(sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    return list(database.execute_sql(sql, params).fetchall())


def _one(sql: str, params: tuple[Any, ...] = ()) -> Any:
    return database.execute_sql(sql, params).fetchone()[0]


def _visits() -> int:
    """The visit rules' care visits (swdesk/demo/visits.py), on top of the records asked for."""
    return int(_one("SELECT count(*) FROM service_record WHERE care_visit = 1 "
                    "AND title IN ('邻里守望入户探访', '电话问候')"))


def _count(table: str) -> int:
    return int(_one(f'SELECT count(*) FROM "{table}"'))


def _schema() -> set[tuple[str, str]]:
    """Indexes and triggers by name and SQL: generation drops some and must restore them."""
    return set(_rows("SELECT name, sql FROM sqlite_master "
                     "WHERE type IN ('index', 'trigger') AND sql IS NOT NULL"))


def _open_initialised(data_dir: Path) -> StationDatabase:
    sdb = open_station(data_dir, create=True)
    station.init_station("XM-SM-001", "思明区嘉莲街道社工站", "station", "siming")
    return sdb


@dataclass
class Demo:
    sdb: StationDatabase
    today: dt.date
    counts: dict[str, int]
    before: dict[str, int]
    schema_before: set[tuple[str, str]]
    stages: list[tuple[str, int, int]]


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Demo]:
    """One station filled once for the whole module (generation is the slow part)."""
    today = dt.date.today()
    sdb = _open_initialised(tmp_path_factory.mktemp("demo"))
    with sdb:
        before = {t: _count(t) for t in TABLES}
        schema_before = _schema()
        stages: list[tuple[str, int, int]] = []
        counts = demo.generate(CLIENTS, RECORDS, seed=SEED, today=today, care_visits=True,
                               progress=lambda *a: stages.append(a))
        yield Demo(sdb, today, counts, before, schema_before, stages)


@pytest.fixture
def run(generated: Demo) -> Demo:
    """The generated station, bound as the current database (other tests rebind it)."""
    database.initialize(generated.sdb.db)
    reference.invalidate()
    return generated


def test_counts_returned_match_the_database(run: Demo) -> None:
    for table in TABLES:
        if table == "audit_entry":
            continue
        assert _count(table) - run.before[table] == run.counts.get(table, 0), table
    # Every kind of row a station keeps day to day is there, in sensible proportions.
    assert set(run.counts) == DEMO_TABLES
    assert run.counts["client"] == CLIENTS
    assert run.counts["service_record"] == RECORDS + _visits()
    assert 3 <= run.counts["worker"] <= 5  # a street's station
    assert run.counts["case"] == CLIENTS // 10


def test_progress_reports_each_stage_up_to_its_total(run: Demo) -> None:
    assert run.stages
    for stage, done, total in run.stages:
        assert isinstance(stage, str) and stage
        assert 0 <= done <= total
    assert any(done == total == RECORDS for _s, done, total in run.stages)


def test_resident_ids_are_valid_unique_and_match_sex_and_birth(run: Demo) -> None:
    rows = _rows("SELECT id_number, sex, birth_date, target_groups FROM client")
    assert len({r[0] for r in rows}) == len(rows)
    for number, sex, birth, groups in rows:
        rid = parse_resident_id(number, today=run.today)
        assert rid.number == number
        assert rid.region in XIAMEN_REGIONS
        assert rid.sex == sex
        assert rid.birth_date.isoformat() == birth
        age = (run.today - rid.birth_date).days // 365.25
        if ",child_difficult," in groups or ",child_left_behind," in groups:
            assert age < 18, (number, groups)
        if ",elderly" in groups:
            assert age >= 59, (number, groups)  # 365.25-day years: off by one at most
    for (number,) in _rows("SELECT id_number FROM worker UNION ALL "
                           "SELECT id_number FROM volunteer"):
        parse_resident_id(number, today=run.today)


def test_people_look_real(run: Demo) -> None:
    rows = _rows("SELECT name, phone, guardian_phone, address, community, target_groups, "
                 "status, registered_on, name_initials, name_pinyin FROM client")
    statuses = [r[6] for r in rows]
    assert statuses.count("active") > len(rows) * 0.7
    earliest = (run.today - dt.timedelta(days=731)).isoformat()
    for name, phone, guardian_phone, address, community, groups, _st, reg, ini, py in rows:
        assert 2 <= len(name) <= 4 and all("\u4e00" <= ch <= "\u9fff" for ch in name)
        for number in (phone, guardian_phone):
            if number is not None:
                assert normalize_mobile(number) == number and len(number) == 11
        assert address.startswith("思明区") and community in address and address.endswith(
            ("号", "室"))
        assert re.fullmatch(r",([a-z_]+,)+", groups)
        assert earliest <= reg <= run.today.isoformat()
        assert ini and py and ini.isascii() and py.isascii() and len(ini) == len(name)
    codes = set(reference.codes("target_group"))
    assert {c for (g,) in _rows("SELECT target_groups FROM client")
            for c in g.strip(",").split(",")} <= codes
    volunteer_nos = [r[0] for r in _rows("SELECT volunteer_no FROM volunteer")]
    assert len(set(volunteer_nos)) == len(volunteer_nos)
    assert all(re.fullmatch(r"XMV20[0-9]{2}[0-9]{6}", no) for no in volunteer_nos)


def test_credit_codes_are_valid(run: Demo) -> None:
    codes = [r[0] for r in _rows("SELECT uscc FROM agency UNION ALL "
                                 "SELECT uscc FROM partner WHERE uscc IS NOT NULL")]
    assert codes
    for code in codes:
        assert check_uscc(code) == code
    kinds = {r[0] for r in _rows("SELECT DISTINCT kind FROM partner")}
    assert kinds == set(reference.codes("partner_kind"))


def test_service_records_are_in_the_past_year_and_consistent(run: Demo) -> None:
    first, last = _rows('SELECT min(date), max(date) FROM service_record')[0]
    assert last <= run.today.isoformat()
    assert first >= (run.today - dt.timedelta(days=365)).isoformat()
    kinds = dict(_rows("SELECT kind, count(*) FROM service_record GROUP BY kind"))
    visits = _visits()
    assert visits > 0
    assert 0.7 < (kinds["individual"] - visits) / RECORDS < 0.9
    assert 0.04 < kinds["group"] / RECORDS < 0.12
    assert 0.08 < kinds["community"] / RECORDS < 0.18
    assert set(_rows("SELECT DISTINCT category FROM service_record")) <= {
        (c,) for c in reference.codes("service_category")}
    assert set(_rows('SELECT DISTINCT "field" FROM service_record')) <= {
        (c,) for c in reference.codes("service_field")}
    care = _one("SELECT count(*) FROM service_record WHERE care_visit = 1")
    assert 0.02 * RECORDS < care - visits < 0.08 * RECORDS
    # Individual work has its one client; a group's head count is its participants.
    mismatched = _one(
        "SELECT count(*) FROM service_record r WHERE kind IN ('individual', 'group') AND "
        "headcount != (SELECT count(*) FROM service_participant p WHERE p.record_id = r.id)")
    assert mismatched == 0
    assert _one("SELECT min(headcount) FROM service_record WHERE kind = 'group'") >= 3
    assert _one("SELECT max(headcount) FROM service_record WHERE kind = 'group'") <= 12
    assert _one("SELECT min(headcount) FROM service_record WHERE kind = 'community'") >= 20
    # Volunteer hours sit on their record's date, within 0.5-4 h.
    assert _one("SELECT count(*) FROM volunteer_hour h JOIN service_record r "
                "ON r.id = h.record_id WHERE h.date != r.date") == 0
    low, high = _rows("SELECT min(hours), max(hours) FROM volunteer_hour")[0]
    assert 0.5 <= low <= high <= 4
    with_hours = _one("SELECT count(DISTINCT record_id) FROM volunteer_hour")
    assert 0.2 * RECORDS < with_hours < 0.4 * RECORDS


def test_every_uid_is_a_unique_uuid4(run: Demo) -> None:
    uids = [u for t in ENTITIES for (u,) in _rows(f'SELECT uid FROM "{t}"')]
    assert len(uids) == len(set(uids))
    for u in uids[:: max(1, len(uids) // 500)]:
        assert uuid.UUID(u).version == 4 and uuid.UUID(u).variant == uuid.RFC_4122
    origins = {o for t in ENTITIES for (o,) in _rows(f'SELECT DISTINCT origin FROM "{t}"')}
    assert origins == {"XM-SM-001"}


def test_change_log_has_one_insert_per_synced_row(run: Demo) -> None:
    for table in ENTITIES:
        assert _one("SELECT count(*) FROM change_log WHERE entity = ?", (table,)) == _count(
            table), table
        assert _one(f'SELECT count(*) FROM "{table}" t LEFT JOIN change_log c '
                    "ON c.entity = ? AND c.row_uid = t.uid WHERE c.seq IS NULL",
                    (table,)) == 0, table
    assert _rows("SELECT DISTINCT version, op FROM change_log") == [(1, "insert")]


def test_links_hold_and_indexes_and_triggers_are_restored(run: Demo) -> None:
    assert _rows("PRAGMA foreign_key_check") == []
    assert _schema() == run.schema_before
    assert _one("PRAGMA foreign_keys") == 1  # bulk-load settings are undone
    assert _rows("PRAGMA integrity_check") == [("ok",)]


def test_cases_and_their_logs_are_in_order(run: Demo) -> None:
    rows = _rows('SELECT case_no, opened_on, stage, closed_on FROM "case"')
    assert len({r[0] for r in rows}) == len(rows)
    stages = {r[2] for r in rows}
    assert {"intake", "intervention", "closed"} <= stages
    for case_no, opened, stage, closed in rows:
        assert re.fullmatch(rf"XM-SM-001-{opened[:4]}-[0-9]{{4}}", case_no)
        assert opened <= run.today.isoformat()
        assert (stage == "closed") == (closed is not None)
        if closed is not None:
            assert opened <= closed <= run.today.isoformat()
    assert _one('SELECT count(*) FROM "case" k JOIN client c ON c.id = k.client_id '
                "WHERE k.opened_on < c.registered_on") == 0
    assert _one("SELECT count(*) FROM need n JOIN client c ON c.id = n.client_id "
                "WHERE n.raised_on < c.registered_on OR n.raised_on > ?",
                (run.today.isoformat(),)) == 0
    assert _one('SELECT count(*) FROM case_log l JOIN "case" c ON c.id = l.case_id '
                "WHERE l.date < c.opened_on OR l.date > coalesce(c.closed_on, ?)",
                (run.today.isoformat(),)) == 0
    per_case = _rows("SELECT min(n), max(n) FROM (SELECT count(*) AS n FROM case_log "
                     "GROUP BY case_id)")[0]
    assert per_case[0] >= 1 and per_case[1] <= 40
    assert _one('SELECT count(*) FROM referral r JOIN "case" c ON c.id = r.case_id '
                "WHERE r.date < c.opened_on") == 0


def test_projects_keep_the_purchase_rules(run: Demo) -> None:
    rows = _rows("SELECT start_on, end_on, budget, labour_cost FROM project")
    assert 2 <= len(rows) <= 3
    for start, end, budget, labour in rows:
        start_d, end_d = dt.date.fromisoformat(start), dt.date.fromisoformat(end)
        assert start_d < end_d < start_d.replace(year=start_d.year + 3)
        assert 0.7 * budget <= labour <= budget
    assert _one("SELECT count(*) FROM indicator") >= 8
    assert _one("SELECT count(*) FROM evaluation WHERE evaluated_on > ?",
                (run.today.isoformat(),)) == 0
    short = _one(
        "SELECT count(*) FROM (SELECT worker_id, sum(hours) AS h FROM training_record "
        "WHERE date >= ? GROUP BY worker_id) WHERE h < 80", (f"{run.today.year}-01-01",))
    assert short >= 1  # some workers fall short of the 80 hours


def test_one_audit_entry_summarises_the_run(run: Demo) -> None:
    entries = _rows("SELECT actor, action, detail FROM audit_entry WHERE action = 'demo'")
    assert len(entries) == 1
    actor, _action, detail = entries[0]
    assert actor == "system" and f'"service_record": {RECORDS + _visits()}' in detail
    assert journal.verify_audit_chain() == []


def test_generated_clients_are_found_by_search(run: Demo) -> None:
    from swdesk.services.search import search_clients

    cid, name, initials, id_number, phone = _rows(
        "SELECT id, name, name_initials, id_number, phone FROM client "
        "WHERE length(name) >= 3 AND phone IS NOT NULL ORDER BY id LIMIT 1")[0]
    assert cid in search_clients(name)  # FTS5 path
    assert cid in search_clients(name[:2], limit=1000)  # short-name scan path
    assert cid in search_clients(initials, limit=1000)
    assert cid in search_clients(id_number[-6:])
    assert cid in search_clients(phone[-4:], limit=1000)
    fts = [r[0] for r in _rows("SELECT rowid FROM client_fts WHERE client_fts MATCH ?",
                               ('"' + name + '"',))]
    assert cid in fts
    assert _one("SELECT count(*) FROM client_fts") == _count("client")


def test_same_seed_repeats_exactly(tmp_path: Path) -> None:
    today = dt.date(2024, 2, 29)  # a leap day: ages and project years must cope

    def names(sub: str, seed: int) -> list[tuple[Any, ...]]:
        with _open_initialised(tmp_path / sub):
            demo.generate(80, 300, seed=seed, today=today)
            last = _one("SELECT max(date) FROM service_record")
            assert last <= today.isoformat()
            return _rows("SELECT name, id_number, uid FROM client ORDER BY id")

    first, again, other = names("a", 5), names("b", 5), names("c", 6)
    assert first == again
    assert [r[0] for r in first] != [r[0] for r in other]


def test_demo_needs_an_initialised_station(tmp_path: Path) -> None:
    with open_station(tmp_path / "empty", create=True):
        with pytest.raises(SwdeskError, match="初始化"):
            demo.generate(10, 10, seed=1)
        assert _count("client") == 0


def test_a_failed_run_leaves_nothing_behind(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(self: Any, n: int) -> None:
        raise ValidationError("boom")

    with _open_initialised(tmp_path / "failed"):
        schema = _schema()
        counts = {t: _count(t) for t in TABLES}
        monkeypatch.setattr(demo._Generator, "service_records", broken)
        with pytest.raises(ValidationError):
            demo.generate(50, 100, seed=1)
        assert {t: _count(t) for t in TABLES} == counts
        assert _schema() == schema
        assert _one("PRAGMA foreign_keys") == 1


def test_generating_twice_adds_to_the_station(tmp_path: Path) -> None:
    with _open_initialised(tmp_path / "twice"):
        first = demo.generate(40, 100, seed=1)
        second = demo.generate(40, 100, seed=1)  # same seed: IDs and numbers must not clash
        assert _count("client") == first["client"] + second["client"]
        assert _one("SELECT count(DISTINCT id_number) FROM client") == _count("client")
        assert _one('SELECT count(DISTINCT case_no) FROM "case"') == _count("case")
        assert _one("SELECT count(DISTINCT group_no) FROM work_group") == _count("work_group")
        assert _one("SELECT count(DISTINCT activity_no) FROM community_activity") == _count(
            "community_activity")
        assert _one("SELECT count(DISTINCT volunteer_no) FROM volunteer") == _count("volunteer")
        assert _rows("PRAGMA foreign_key_check") == []
        assert _one("SELECT count(*) FROM client_fts") == _count("client")


def test_people_live_in_the_station_s_own_street(tmp_path: Path) -> None:
    with open_station(tmp_path / "huli", create=True):
        station.init_station("XM-HL-001", "湖里区殿前街道社工站", "station", "huli")
        demo.generate(100, 50, seed=3)
        addresses = [r[0] for r in _rows("SELECT address FROM client")]
        assert all(a.startswith("湖里区") for a in addresses)
        assert sum("殿前街道" in a for a in addresses) > 0.6 * len(addresses)
        assert all(no.startswith("XM-HL-001-") for (no,) in _rows('SELECT case_no FROM "case"'))


def test_clients_under_a_visit_rule_have_visitors_and_recent_visits(run: Demo) -> None:
    ruled = _one("SELECT count(*) FROM client WHERE status = 'active' "
                 "AND visitor_worker_id IS NOT NULL")
    assert ruled > 0
    assert visit_seen.differences(database) == 0  # rebuilt after the load, triggers back
    assert kept_figures.differences(database) == 0  # the kept figures too
    assert len(kept_figures.triggers(database)) == 14
    # most are visited within their interval: the work list is a list, not a flood
    overdue = _one("SELECT count(*) FROM client c LEFT JOIN visit_seen v ON v.client_id = c.id "
                   "WHERE c.visitor_worker_id IS NOT NULL AND c.status = 'active' "
                   "AND (v.last_on IS NULL OR v.last_on < ?)",
                   ((run.today - dt.timedelta(days=31)).isoformat(),))
    assert overdue < 0.25 * ruled

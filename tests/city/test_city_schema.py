"""A hub made by an older swdesk is upgraded when it is opened (on both back ends)."""

from __future__ import annotations

import json
import os

import peewee as pw
from social_files import make_files
from synchelp import PG_ENV

from swdesk.city import models as m
from swdesk.city import row_states
from swdesk.city.db import City, open_city
from swdesk.city.ingest import ingest
from swdesk.city.returns import write_return
from swdesk.model import database
from swdesk.sync import apply, codec, export, schemas, state
from tests.stations import here


def _indexes(db: pw.Database) -> set[str]:
    if isinstance(db, pw.SqliteDatabase):
        sql = "SELECT name FROM sqlite_master WHERE type = 'index'"
    else:
        sql = "SELECT indexname FROM pg_indexes WHERE schemaname = 'public'"
    return {n for (n,) in db.execute_sql(sql)}


def _reopened_as(hub, version: int, tmp_path) -> City:
    """The hub reopened after marking it as of schema ``version``: upgraded by then."""
    m.CityMeta.update(value=str(version)).where(m.CityMeta.key == "schema_version").execute()
    url = None if isinstance(hub.db, pw.SqliteDatabase) else os.environ[PG_ENV]
    hub.close()
    city = open_city(tmp_path / "hub", url)
    assert m.CityMeta.get(m.CityMeta.key == "schema_version").value == str(m.CITY_SCHEMA)
    return city


def test_a_schema_1_hub_loses_the_unused_indexes(hub, tmp_path) -> None:
    gone = m.dropped_in_2()
    assert "c_service_record_worker_uid" in gone and not _indexes(hub.db) & set(gone)
    # As schema 1 made them: an index on every link column and on participants' clients.
    hub.db.execute_sql('CREATE INDEX "c_service_record_worker_uid" '
                       'ON "c_service_record" ("worker_uid")')
    hub.db.execute_sql('CREATE TABLE "city_participant" (record_uid VARCHAR(36) NOT NULL, '
                       'client_uid VARCHAR(36) NOT NULL)')
    hub.db.execute_sql('CREATE INDEX "city_participant_client_uid" '
                       'ON "city_participant" ("client_uid")')
    city = _reopened_as(hub, 1, tmp_path)
    try:
        assert not _indexes(city.db) & set(gone)
        assert "c_service_record_uid" in _indexes(city.db)  # the rows' own index stays
        assert not city.db.table_exists("city_participant")  # and schema 3 came too
    finally:
        city.close()


def test_a_schema_2_hub_moves_participants_and_shares_into_the_records(
        hub, station_factory, tmp_path) -> None:
    records = 40  # (enough for some to have partners)
    s = station_factory(clients=8, records=records, seed=5)
    with s.active():
        pkg = export.export_package(here(), tmp_path / "out")
        expected = {r: sorted(c) for r, c in _station_lists(
            "SELECT r.uid, c.uid FROM service_participant p JOIN service_record r "
            "ON r.id = p.record_id JOIN client c ON c.id = p.client_id").items()}
        database.execute_sql("UPDATE service_partner SET value = 12.5, contribution = '场地'")
        shares = _station_lists(
            "SELECT r.uid, a.uid FROM service_partner p JOIN service_record r "
            "ON r.id = p.record_id JOIN partner a ON a.id = p.partner_id")
    # The hub as schema 2 had it: the lists in tables of their own, not in the records.
    ingest(hub, pkg.path)
    db = hub.db
    rows = list(db.execute_sql('SELECT uid, participants, partner_shares '
                               'FROM "c_service_record"'))
    db.execute_sql('CREATE TABLE "city_participant" (id INTEGER PRIMARY KEY, record_uid '
                   'VARCHAR(36) NOT NULL, client_uid VARCHAR(36) NOT NULL)'
                   if isinstance(db, pw.SqliteDatabase) else
                   'CREATE TABLE "city_participant" (id SERIAL PRIMARY KEY, record_uid '
                   'VARCHAR(36) NOT NULL, client_uid VARCHAR(36) NOT NULL)')
    db.execute_sql('CREATE TABLE "city_partner_share" (record_uid VARCHAR(36) NOT NULL, '
                   'partner_uid VARCHAR(36) NOT NULL, contribution TEXT NOT NULL, '
                   'value DECIMAL(14, 2))')
    p = db.param
    for uid, parts, listed in rows:
        for client in json.loads(parts):
            db.execute_sql(f'INSERT INTO "city_participant" (record_uid, client_uid) '
                           f'VALUES ({p}, {p})', (uid, client))
        for share in json.loads(listed):
            db.execute_sql(f'INSERT INTO "city_partner_share" VALUES ({p}, {p}, {p}, {p})',
                           (uid, share["partner"], "场地", 12.5))
    for column in ("participants", "partner_shares"):
        db.execute_sql(f'ALTER TABLE "c_service_record" DROP COLUMN "{column}"')
    city = _reopened_as(hub, 2, tmp_path)
    try:
        assert not {t for t in m.DROPPED_IN_3 if city.db.table_exists(t)}
        got = {u: (json.loads(a), json.loads(b)) for u, a, b in city.db.execute_sql(
            'SELECT uid, participants, partner_shares FROM "c_service_record"')}
        assert {u: sorted(a) for u, (a, _b) in got.items() if a} == expected
        assert {u: [x["partner"] for x in b] for u, (_a, b) in got.items() if b} == shares
        assert {(x["contribution"], x["value"]) for _a, b in got.values() for x in b} == {
            ("场地", "12.50")}
        assert len(got) == records and all(a == [] for u, (a, _b) in got.items()
                                      if u not in expected)
    finally:
        city.close()


def _station_lists(sql: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for record, other in database.execute_sql(sql):
        out.setdefault(record, []).append(other)
    return out


def test_a_schema_3_hub_keeps_its_row_states_and_acknowledgements(
        hub, station_factory, tmp_path) -> None:
    s = station_factory(clients=6, records=5, seed=7)
    with s.active():
        pkg = export.export_package(here(), tmp_path / "out")
    ingest(hub, pkg.path)
    first = write_return(hub, s.code, tmp_path / "ret1")  # not taken in by the station
    # The hub as schema 3 had it: a row state for every row, no applied_in, origin indexed.
    db = hub.db
    for name in codec.ENTITIES:
        uids = [u for (u,) in db.execute_sql(f'SELECT uid FROM "{m.table(name)}"')]
        row_states.make_explicit(db, name, uids)
        db.execute_sql(f'DROP INDEX "{m.table(name)}_origin_applied_in"')
        db.execute_sql(f'ALTER TABLE "{m.table(name)}" DROP COLUMN "applied_in"')
        db.execute_sql(f'CREATE INDEX "{m.table(name)}_origin" ON "{m.table(name)}" (origin)')
    db.execute_sql('ALTER TABLE "city_package" DROP COLUMN "covers"')
    states = m.CityRowState.select().count()
    assert states == first.acks
    city = _reopened_as(hub, 3, tmp_path)
    try:
        indexes = _indexes(city.db)
        assert not indexes & set(m.dropped_in_4())
        assert "c_client_origin_applied_in" in indexes
        assert {a for (a,) in city.db.execute_sql('SELECT DISTINCT applied_in FROM "c_client"')
                } == {m.EXPLICIT}
        # The station never took the first return in: the next one carries the same acks,
        # from the row states kept, and the station takes them.
        again = write_return(city, s.code, tmp_path / "ret2")
        assert again.acks == first.acks and m.CityRowState.select().count() == states
        with s.active():
            apply.import_return(again.path)
            assert state.status().all_acknowledged
    finally:
        city.close()


def test_a_schema_5_hub_gets_the_tables_and_columns_of_data_schema_2(
        hub, station_factory, tmp_path) -> None:
    s = station_factory(clients=5, records=6, seed=9)
    with s.active():
        pkg = export.export_package(here(), tmp_path / "out")
    ingest(hub, pkg.path)
    # The hub as schema 5 had it: no tables for the new entities, nor their columns.
    db = hub.db
    for name in schemas.ADDED_IN_2_ENTITIES:
        db.execute_sql(f'DROP TABLE "{m.table(name)}"')
    added = {name: [m.column_name(codec.ENTITIES[name].column(f)) for f in sorted(fields)]
             for name, fields in schemas.ADDED_IN_2_FIELDS.items()}
    for name, columns in added.items():
        for column in columns:
            db.execute_sql(f'ALTER TABLE "{m.table(name)}" DROP COLUMN "{column}"')
    records = db.execute_sql('SELECT count(*) FROM "c_service_record"').fetchone()[0]
    city = _reopened_as(hub, 5, tmp_path)
    try:
        for name in schemas.ADDED_IN_2_ENTITIES:
            assert city.db.table_exists(m.table(name)), name
        for name, columns in added.items():
            have = {c.name for c in city.db.get_columns(m.table(name))}
            assert set(columns) <= have, name
        assert city.db.execute_sql(
            'SELECT count(*), count(work_group_uid) FROM "c_service_record"').fetchone() == (
            records, 0)
        # The station's files of schema 2 now go in like any rows.
        with s.active():
            made = make_files()
            pkg = export.export_package(here(), tmp_path / "out2")
        result = ingest(city, pkg.path)
        assert result.status == "applied" and set(result.counts) <= {"applied", "duplicate"}
        for name in schemas.ADDED_IN_2_ENTITIES:
            got = {u for (u,) in city.db.execute_sql(f'SELECT uid FROM "{m.table(name)}"')}
            # (what the first package held is sent again: nothing was acknowledged)
            assert set(made[name]) <= got, name
    finally:
        city.close()


def test_a_schema_6_hub_gets_the_attachments_and_the_fields_of_data_schema_3(
        hub, station_factory, tmp_path) -> None:
    s = station_factory(clients=3, records=2, seed=4)
    with s.active():
        ingest(hub, export.export_package(here(), tmp_path / "out").path)
    new_entities, new_fields = schemas.ADDED[3]
    db = hub.db
    for name in new_entities:
        db.execute_sql(f'DROP TABLE "{m.table(name)}"')
    added = {name: [m.column_name(codec.ENTITIES[name].column(f)) for f in sorted(fields)]
             for name, fields in new_fields.items()}
    for name, columns in added.items():
        for column in columns:
            db.execute_sql(f'ALTER TABLE "{m.table(name)}" DROP COLUMN "{column}"')
    city = _reopened_as(hub, 6, tmp_path)
    try:
        for name in new_entities:
            assert city.db.table_exists(m.table(name)), name
        for name, columns in added.items():
            have = {c.name for c in city.db.get_columns(m.table(name))}
            assert set(columns) <= have, name
        clients = city.db.execute_sql(
            'SELECT count(*), count(visitor_volunteer_uid) FROM "c_client"').fetchone()
        assert clients == (3, 0)
    finally:
        city.close()

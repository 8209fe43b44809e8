"""A hub made by an older swdesk is upgraded when it is opened."""

from __future__ import annotations

import os

import peewee as pw
from synchelp import PG_ENV

from swdesk.city import models as m
from swdesk.city.db import open_city


def _indexes(db: pw.Database) -> set[str]:
    if isinstance(db, pw.SqliteDatabase):
        sql = "SELECT name FROM sqlite_master WHERE type = 'index'"
    else:
        sql = "SELECT indexname FROM pg_indexes WHERE schemaname = 'public'"
    return {n for (n,) in db.execute_sql(sql)}


def test_a_schema_1_hub_loses_the_unused_indexes(hub, tmp_path) -> None:
    gone = m.dropped_in_2()
    assert "c_service_record_worker_uid" in gone and not _indexes(hub.db) & set(gone)
    # As schema 1 made them: an index on every link column and on participants' clients.
    hub.db.execute_sql('CREATE INDEX "c_service_record_worker_uid" '
                       'ON "c_service_record" ("worker_uid")')
    hub.db.execute_sql('CREATE INDEX "city_participant_client_uid" '
                       'ON "city_participant" ("client_uid")')
    m.CityMeta.update(value="1").where(m.CityMeta.key == "schema_version").execute()
    url = None if isinstance(hub.db, pw.SqliteDatabase) else os.environ[PG_ENV]
    hub.close()
    city = open_city(tmp_path / "hub", url)
    try:
        assert not _indexes(city.db) & set(gone)
        assert m.CityMeta.get(m.CityMeta.key == "schema_version").value == str(m.CITY_SCHEMA)
        assert "c_service_record_uid" in _indexes(city.db)  # the rows' own index stays
    finally:
        city.close()

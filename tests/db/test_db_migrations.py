"""Schema versions: upgrading an older database, refusing a newer one, schema == models."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import peewee as pw
import pytest
from playhouse.migrations import Runner

from swdesk import paths
from swdesk.db import StationDatabase, backup, open_station
from swdesk.db import schema as schema_mod
from swdesk.db.connection import connect
from swdesk.db.schema import APPLICATION_ID
from swdesk.errors import AlreadyOpenError, DatabaseError
from swdesk.handle import StationHandle
from swdesk.model import ALL_MODELS, Client
from swdesk.services.lists import ListQuery, list_ids
from swdesk.services.search import search_clients

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def _resident_id(body17: str) -> str:
    """A GB 11643 resident ID number with its check digit."""
    total = sum(int(c) * w for c, w in zip(body17, _WEIGHTS, strict=True))
    return body17 + "10X98765432"[total % 11]


ID_ZXM = _resident_id("35020319850312041")
ID_ZXX = _resident_id("35020619920708052")


def _make_v1_database(data_dir: Path) -> None:
    """A station database as version 0.1 (migration 0001 only) left it, with two clients."""
    data_dir.mkdir(parents=True)
    db = connect(paths.db_path(data_dir))
    db.connect()
    Runner(db, str(schema_mod.MIGRATIONS_DIR), table_name="schema_migration").up(
        target="0001_initial")
    db.execute_sql(f"PRAGMA application_id = {APPLICATION_ID}")
    db.execute_sql("PRAGMA user_version = 1")
    stamp = "2024-03-01 09:30:00"
    with db.atomic():
        db.execute_sql(
            "INSERT INTO station (id, uid, origin, version, updated_at, deleted, code, name, "
            "level, district) VALUES (1, 'st-0001', 'XM-SM-001', 1, ?, 0, 'XM-SM-001', "
            "'嘉莲街道社工站', 'station', 'siming')", (stamp,))
        db.execute_sql("INSERT INTO setting (key, value) VALUES ('station_code', 'XM-SM-001')")
        for i, (name, id_number, phone) in enumerate(
                [("张晓明", ID_ZXM, "13800001111"), ("曾小贤", ID_ZXX, "13900002222")], 1):
            db.execute_sql(
                "INSERT INTO client (id, uid, origin, version, updated_at, deleted, name, "
                "id_number, phone, station_id) VALUES (?, ?, 'XM-SM-001', 1, ?, 0, ?, ?, ?, 1)",
                (i, f"cl-000{i}", stamp, name, id_number, phone))
    db.close()


def _version_and_history(path: Path) -> tuple[int, list[tuple[str, str]], dict[str, int]]:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        version = con.execute("PRAGMA user_version").fetchone()[0]
        history = con.execute("SELECT name, applied FROM schema_migration ORDER BY name").fetchall()
        counts = backup.table_counts(con)
    finally:
        con.close()
    return version, history, counts


# --- upgrade -------------------------------------------------------------------------------


def test_known_migrations_are_numbered_in_order() -> None:
    names = schema_mod.known_migrations()
    assert names[0] == "0001_initial"
    assert [int(n.split("_", 1)[0]) for n in names] == list(range(1, len(names) + 1))
    assert schema_mod.latest_version() == len(names)


def test_upgrade_from_version_1(data_dir: Path) -> None:
    _make_v1_database(data_dir)
    assert not paths.backups_dir(data_dir).exists()

    with open_station(data_dir) as sdb:
        db = sdb.db
        assert db.execute_sql("PRAGMA user_version").fetchone()[0] == schema_mod.latest_version()
        assert db.execute_sql("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        applied = [r[0] for r in db.execute_sql("SELECT name FROM schema_migration")]
        assert sorted(applied) == schema_mod.known_migrations()

        rows = dict(db.execute_sql("SELECT name, name_initials FROM client").fetchall())
        assert rows == {"张晓明": "zxm", "曾小贤": "zxx"}  # 曾 is zeng as a surname, not ceng
        zxm = Client.get(Client.name == "张晓明").id
        zxx = Client.get(Client.name == "曾小贤").id
        assert Client.get_by_id(zxm).name_pinyin  # full pinyin filled too
        # Migration 0006: the pinyin sort key of the rows already there (zeng before zhang,
        # though 曾 comes after 张 in code point order), read through its index.
        assert list_ids(ListQuery("client", sort="name")) == [zxx, zxm]
        assert Client.get_by_id(zxx).name_sort == "zeng xiao xian\t曾小贤"

        # Every search path works on the rows that existed before the upgrade.
        assert search_clients("zxm") == [zxm]
        assert search_clients("zxx") == [zxx]
        assert search_clients("zx") == [zxm, zxx]
        assert search_clients(ID_ZXM[-6:]) == [zxm]  # ID tail, FTS path
        assert search_clients(ID_ZXX[-2:]) == [zxx]  # short tail, scan path
        assert search_clients("2222") == [zxx]  # phone tail
        assert search_clients("曾小贤") == [zxx]  # 3 characters: FTS trigram
        assert search_clients("晓明") == [zxm]  # 2 characters: index scan

    backups = sorted(paths.backups_dir(data_dir).glob("before-upgrade-v1-*.db"))
    assert len(backups) == 1
    report = backup.check(backups[0])
    assert report.healthy, report.problems
    assert report.schema_version == 1
    assert report.counts["client"] == 2
    assert report.counts["station"] == 1
    assert report.counts["schema_migration"] == 1
    assert not Path(f"{backups[0]}.part").exists()

    # The upgraded database is healthy, and a second open does not migrate or back up again.
    assert backup.check(paths.db_path(data_dir)).healthy
    with open_station(data_dir):
        pass
    assert sorted(paths.backups_dir(data_dir).glob("*.db")) == backups


def test_fresh_database_makes_no_upgrade_backup(data_dir: Path) -> None:
    with open_station(data_dir, create=True):
        pass
    assert not list(paths.backups_dir(data_dir).glob("*.db"))


# --- newer databases -----------------------------------------------------------------------


def _future_by_history(db: pw.Database) -> None:
    db.execute_sql("INSERT INTO schema_migration (name, applied) VALUES (?, ?)",
                   ("0999_future", dt.datetime(2030, 1, 1)))


def _future_by_version(db: pw.Database) -> None:
    db.execute_sql(f"PRAGMA user_version = {schema_mod.latest_version() + 1}")


@pytest.mark.parametrize("make_future", [_future_by_history, _future_by_version])
def test_newer_database_is_refused_and_unchanged(data_dir: Path, make_future) -> None:
    with open_station(data_dir, create=True) as sdb:
        make_future(sdb.db)
    path = paths.db_path(data_dir)
    before = _version_and_history(path)
    before_bytes = path.read_bytes()

    for write in (True, False):
        with pytest.raises(DatabaseError) as info:
            open_station(data_dir, write=write)
        assert "更新版本" in str(info.value)
        assert not isinstance(info.value, AlreadyOpenError)  # the lock was released

    assert _version_and_history(path) == before
    assert path.read_bytes() == before_bytes
    assert not paths.backups_dir(data_dir).exists()


def test_newer_database_check_reports_it(data_dir: Path) -> None:
    with open_station(data_dir, create=True) as sdb:
        _future_by_version(sdb.db)
    report = backup.check(paths.db_path(data_dir))
    assert not report.healthy
    assert any("新" in p for p in report.problems)


# --- schema == models ----------------------------------------------------------------------


def _columns(db: pw.Database, table: str) -> set[tuple[str, str, int, int]]:
    return {(r[1], r[2].upper(), r[3], r[5])
            for r in db.execute_sql(f'PRAGMA table_info("{table}")').fetchall()}


def _foreign_keys(db: pw.Database, table: str) -> set[tuple]:
    return {tuple(r[2:]) for r in db.execute_sql(f'PRAGMA foreign_key_list("{table}")')}


def test_migrated_columns_match_the_models(sdb: StationDatabase) -> None:
    for model in ALL_MODELS:
        table = model._meta.table_name
        in_db = {r[1] for r in sdb.db.execute_sql(f'PRAGMA table_info("{table}")')}
        in_model = {f.column_name for f in model._meta.sorted_fields}
        assert in_db == in_model, f"{table}: missing {in_model - in_db}, extra {in_db - in_model}"


def test_migrated_indexes_match_the_models(sdb: StationDatabase) -> None:
    seen_multi = seen_unique = 0
    for model in ALL_MODELS:
        table = model._meta.table_name
        in_db = {(i.name, tuple(i.columns), bool(i.unique))
                 for i in sdb.db.get_indexes(table) if not i.name.startswith("sqlite_")}
        in_model = set()
        for index in model._meta.fields_to_index():
            columns = tuple(f.column_name for f in index._expressions)
            in_model.add((index._name, columns, bool(index._unique)))
            seen_multi += len(columns) > 1
            seen_unique += bool(index._unique)
        assert in_db == in_model, (
            f"{table}: missing {in_model - in_db}, extra {in_db - in_model}")
    assert seen_multi >= 3 and seen_unique >= 10  # the comparison did cover such indexes


def test_migrated_schema_equals_a_schema_made_from_the_models(sdb: StationDatabase) -> None:
    """Types, NOT NULL, primary keys and foreign keys too: catches a forgotten migration."""
    reference = pw.SqliteDatabase(":memory:")
    with reference.bind_ctx(ALL_MODELS):
        reference.create_tables(ALL_MODELS)
    for model in ALL_MODELS:
        table = model._meta.table_name
        assert _columns(sdb.db, table) == _columns(reference, table), table
        assert _foreign_keys(sdb.db, table) == _foreign_keys(reference, table), table
    tables = {r[0] for r in sdb.db.execute_sql(
        "SELECT name FROM sqlite_master WHERE type = 'table'")}
    expected = {m._meta.table_name for m in ALL_MODELS} | {"schema_migration"}
    extra = {t for t in tables - expected
             if not t.startswith(("sqlite_", "client_fts"))}
    assert expected <= tables
    assert not extra, extra
    reference.close()


def test_restoring_a_version_1_backup_into_the_running_program_upgrades_it(
        sdb: StationDatabase, tmp_path: Path) -> None:
    """设置 → 恢复 with a backup an older swdesk made: migrated, usable, nothing lost."""
    from swdesk.model import database
    from swdesk.services import backups, crud, journal
    from swdesk.services.actor import SYSTEM, Actor

    crud.create(Client, {"name": "今天的客户"}, SYSTEM)
    old = tmp_path / "old-pc"
    _make_v1_database(old)
    result = backups.restore_into(StationHandle.of(sdb, Actor("admin", "admin")),
                                  paths.db_path(old))

    assert result.migrated == schema_mod.known_migrations()[1:]
    assert schema_mod.current_version(database.obj) == schema_mod.latest_version()
    assert sorted(c.name for c in Client.select()) == ["张晓明", "曾小贤"]
    assert backup.check(result.saved_as).counts["client"] == 1  # today's data kept aside
    # The upgraded rows work like new ones: found by initials, edited, audited.
    assert [Client.get_by_id(i).name for i in search_clients("zxm")] == ["张晓明"]
    crud.update(Client, "cl-0001", {"phone": "13800009999"}, SYSTEM)
    assert Client.get(Client.uid == "cl-0001").phone == "13800009999"
    assert journal.verify_audit_chain() == []

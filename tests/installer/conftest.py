"""A station database as version 0.1 left it, to upgrade in the tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from playhouse.migrations import Runner

from swdesk import paths
from swdesk.db import schema as schema_mod
from swdesk.db.connection import connect
from swdesk.db.schema import APPLICATION_ID


@pytest.fixture
def v1_data_dir(data_dir: Path) -> Path:
    make_v1_database(data_dir)
    return data_dir


def make_v1_database(data_dir: Path) -> None:
    """A station database as version 0.1 left it: migration 0001 only, one client."""
    data_dir.mkdir(parents=True)
    db = connect(paths.db_path(data_dir))
    db.connect()
    Runner(db, str(schema_mod.MIGRATIONS_DIR), table_name=schema_mod.HISTORY_TABLE).up(
        target="0001_initial")
    db.execute_sql(f"PRAGMA application_id = {APPLICATION_ID}")
    db.execute_sql("PRAGMA user_version = 1")
    stamp = "2024-03-01 09:30:00"
    with db.atomic():
        db.execute_sql(
            "INSERT INTO station (id, uid, origin, version, updated_at, deleted, code, name, "
            "level, district) VALUES (1, 'st-0001', 'XM-SM-001', 1, ?, 0, 'XM-SM-001', "
            "'嘉莲街道社工站', 'station', 'siming')", (stamp,))
        db.execute_sql(
            "INSERT INTO client (id, uid, origin, version, updated_at, deleted, name, "
            "station_id) VALUES (1, 'cl-0001', 'XM-SM-001', 1, ?, 0, '张晓明', 1)", (stamp,))
    db.close()

"""Schema versions: numbered migrations (playhouse.migrations), the mark of a swdesk file,
refuse newer. Below everything else in ``db`` (the upgrade itself: ``connection.py``)."""

from __future__ import annotations

import logging
from pathlib import Path

import peewee as pw
from playhouse.migrations import Runner

from swdesk.errors import DatabaseError
from swdesk.i18n import _

log = logging.getLogger(__name__)

# PRAGMA application_id marks a file as a swdesk database ("SWDS").
APPLICATION_ID = 0x53574453

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"
HISTORY_TABLE = "schema_migration"


def runner(db: pw.Database) -> Runner:
    return Runner(db, str(MIGRATIONS_DIR), table_name=HISTORY_TABLE)


def known_migrations() -> list[str]:
    return [m.name for m in runner(pw.SqliteDatabase(":memory:")).migrations()]


def latest_version() -> int:
    """The schema version this program writes (the number of its newest migration)."""
    return max(int(name.split("_", 1)[0]) for name in known_migrations())


def current_version(db: pw.Database) -> int:
    (version,) = db.execute_sql("PRAGMA user_version").fetchone()
    return int(version)


def refuse_newer(db: pw.Database) -> None:
    """Refuse a database that a newer swdesk has migrated past what we know."""
    applied = set(runner(db).applied())
    unknown = applied - set(known_migrations())
    if unknown or current_version(db) > latest_version():
        raise DatabaseError(_(
            "此数据库由更新版本的 swdesk 创建（数据库版本 {}，本程序支持到 {}），请先升级 swdesk",
            "This database was made by a newer swdesk (schema {}, this program knows up to {}); "
            "please upgrade swdesk",
        ).format(max(current_version(db), len(applied)), latest_version()))

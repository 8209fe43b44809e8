"""Schema versions: numbered migrations (playhouse.migrations), the mark of a swdesk file,
refuse newer. Below everything else in ``db`` (the upgrade itself: ``connection.py``)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

import peewee as pw

from swdesk.errors import DatabaseError
from swdesk.i18n import _

if TYPE_CHECKING:
    from playhouse.migrations import Runner

log = logging.getLogger(__name__)

# PRAGMA application_id marks a file as a swdesk database ("SWDS").
APPLICATION_ID = 0x53574453

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"
HISTORY_TABLE = "schema_migration"


def runner(db: pw.Database) -> Runner:
    # (imported here: only an upgrade needs the migrator, which loads peewee's migration
    # support for every database kind; an opening compares names, see ``pending``)
    from playhouse.migrations import Runner

    return Runner(db, str(MIGRATIONS_DIR), table_name=HISTORY_TABLE)


def known_migrations() -> list[str]:
    """This program's migrations, in order: the files the runner would apply."""
    files = MIGRATIONS_DIR.glob("[0-9]*.py")
    return [f.stem for f in sorted(files, key=lambda f: (int(f.stem.split("_", 1)[0]), f.stem))]


def applied_migrations(db: pw.Database) -> list[str]:
    """The migrations this database has had (the runner's history table)."""
    if not db.table_exists(HISTORY_TABLE):
        return []
    return [str(n) for (n,) in db.execute_sql(f'SELECT name FROM "{HISTORY_TABLE}"')]


def pending(db: pw.Database) -> list[str]:
    """This program's migrations the database has not had yet, in order."""
    applied = set(applied_migrations(db))
    return [name for name in known_migrations() if name not in applied]


def latest_version() -> int:
    """The schema version this program writes (the number of its newest migration)."""
    return max(int(name.split("_", 1)[0]) for name in known_migrations())


def current_version(db: pw.Database) -> int:
    (version,) = db.execute_sql("PRAGMA user_version").fetchone()
    return int(version)


def refuse_newer(db: pw.Database) -> None:
    """Refuse a database that a newer swdesk has migrated past what we know."""
    applied = set(applied_migrations(db))
    unknown = applied - set(known_migrations())
    if unknown or current_version(db) > latest_version():
        raise DatabaseError(_(
            "此数据库由更新版本的 swdesk 创建（数据库版本 {}，本程序支持到 {}），请先升级 swdesk",
            "This database was made by a newer swdesk (schema {}, this program knows up to {}); "
            "please upgrade swdesk",
        ).format(max(current_version(db), len(applied)), latest_version()))

"""Schema versions: numbered migrations (playhouse.migrations), backup first, refuse newer."""

from __future__ import annotations

import logging
from pathlib import Path

import peewee as pw
from playhouse.migrations import Runner

from swdesk import paths
from swdesk.errors import DatabaseError
from swdesk.i18n import _

log = logging.getLogger(__name__)

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


def upgrade(db: pw.SqliteDatabase, data_dir: Path) -> list[str]:
    """Apply pending migrations; back the database up first if it already holds data."""
    from swdesk.db.connection import APPLICATION_ID

    refuse_newer(db)
    run = runner(db)
    pending = [m.name for m in run.status() if not m.applied and m.path]
    if not pending:
        return []
    had_schema = bool(run.applied())
    if had_schema:
        from swdesk.db.backup import backup_to, new_backup_path

        target = new_backup_path(paths.backups_dir(data_dir),
                                 f"before-upgrade-v{current_version(db)}")
        backup_to(db, target)
        log.info("backed up to %s before migrating", target.name)
    applied = run.up()
    db.execute_sql(f"PRAGMA user_version = {latest_version()}")
    db.execute_sql(f"PRAGMA application_id = {APPLICATION_ID}")
    log.info("migrations applied: %s", ", ".join(applied))
    return list(applied)

"""Sync bookkeeping at the station: keys, per-row state and base, package history, conflicts."""

STATEMENTS = [
    'CREATE TABLE "sync_key" ("name" VARCHAR(40) NOT NULL PRIMARY KEY, "value" TEXT NOT NULL)',
    'CREATE TABLE "sync_row" ("entity" VARCHAR(40) NOT NULL, "row_uid" VARCHAR(36) NOT NULL, "acked_version" INTEGER, "outcome" VARCHAR(12), "base" TEXT, PRIMARY KEY ("entity", "row_uid"))',
    'CREATE TABLE "sync_package" ("id" INTEGER NOT NULL PRIMARY KEY, "direction" VARCHAR(8) NOT NULL, "number" INTEGER NOT NULL, "file_name" VARCHAR(255) NOT NULL, "file_hash" VARCHAR(64) NOT NULL, "seq_from" INTEGER, "seq_to" INTEGER, "rows" INTEGER NOT NULL, "at" DATETIME NOT NULL, "status" VARCHAR(16) NOT NULL, "message" TEXT NOT NULL)',
    'CREATE TABLE "sync_conflict" ("id" INTEGER NOT NULL PRIMARY KEY, "entity" VARCHAR(40) NOT NULL, "row_uid" VARCHAR(36) NOT NULL, "field" VARCHAR(40) NOT NULL, "kind" VARCHAR(12) NOT NULL, "base_value" TEXT, "local_value" TEXT, "city_value" TEXT, "reason" TEXT NOT NULL, "version" INTEGER NOT NULL, "created_at" DATETIME NOT NULL, "resolved_at" DATETIME, "resolution" TEXT)',
    'CREATE INDEX "sync_conflict_entity_row_uid" ON "sync_conflict" ("entity", "row_uid")',
]


def up(migrator, db):
    for sql in STATEMENTS:
        db.execute_sql(sql)

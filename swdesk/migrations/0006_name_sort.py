"""Names in pinyin order: a sort key column (``swdesk.pinyin.sort_key``) on every table
whose rows a list shows by name, indexed with the deletion mark, filled for the rows
already there."""

NOTE = ("姓名和名称按拼音排序", "Names are sorted by pinyin")

import os

# Why: importing pypinyin with phrase data costs ~200 ms; single characters suffice.
os.environ.setdefault("PYPINYIN_NO_PHRASES", "true")

TABLES = ("agency", "worker", "partner", "volunteer", "client", "project")


def up(migrator, db):
    from swdesk.pinyin import sort_key

    # SQLite adds a NOT NULL column with a default in place; the migrator's add_column
    # would rebuild each table (a million clients) to add the NOT NULL.
    for table in TABLES:
        db.execute_sql(f'ALTER TABLE "{table}" ADD COLUMN "name_sort" VARCHAR(300) '
                       "NOT NULL DEFAULT ''")

    cursor = db.cursor()
    for table in TABLES:
        rows = db.execute_sql(f'SELECT id, name FROM "{table}"').fetchall()
        cursor.executemany(f'UPDATE "{table}" SET name_sort = ? WHERE id = ?',
                           [(sort_key(name or ""), row_id) for row_id, name in rows])
        db.execute_sql(
            f'CREATE INDEX "{table}_deleted_name_sort" ON "{table}" ("deleted", "name_sort")')

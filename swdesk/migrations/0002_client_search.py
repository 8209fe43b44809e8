"""Client search: pinyin columns, a name index and an FTS5 trigram index on names,
ID numbers and phones, kept in step by triggers."""

NOTE = ("服务对象可按姓名片段、拼音首字母、身份证号或电话尾号快速查找", "Clients can be found quickly by name fragment, pinyin initials, or the tail of an ID or phone number")

import os

from peewee import CharField

# Why: importing pypinyin with phrase data costs ~200 ms; single characters suffice.
os.environ.setdefault("PYPINYIN_NO_PHRASES", "true")


TRIGGERS = [
    """CREATE TRIGGER client_fts_ai AFTER INSERT ON client BEGIN
         INSERT INTO client_fts(rowid, name, id_number, phone)
         VALUES (new.id, new.name, new.id_number, new.phone);
       END""",
    """CREATE TRIGGER client_fts_ad AFTER DELETE ON client BEGIN
         INSERT INTO client_fts(client_fts, rowid, name, id_number, phone)
         VALUES ('delete', old.id, old.name, old.id_number, old.phone);
       END""",
    """CREATE TRIGGER client_fts_au AFTER UPDATE OF name, id_number, phone ON client BEGIN
         INSERT INTO client_fts(client_fts, rowid, name, id_number, phone)
         VALUES ('delete', old.id, old.name, old.id_number, old.phone);
         INSERT INTO client_fts(rowid, name, id_number, phone)
         VALUES (new.id, new.name, new.id_number, new.phone);
       END""",
]


def up(migrator, db):
    migrator.migrate(
        migrator.add_column("client", "name_initials", CharField(max_length=50, default="")),
        migrator.add_column("client", "name_pinyin", CharField(max_length=200, default="")),
    )
    db.execute_sql('CREATE INDEX "client_name_initials" ON "client" ("name_initials")')
    db.execute_sql('CREATE INDEX "client_name_deleted" ON "client" ("name", "deleted")')
    db.execute_sql(
        "CREATE VIRTUAL TABLE client_fts USING fts5(name, id_number, phone, "
        "content='client', content_rowid='id', tokenize='trigram')"
    )
    for sql in TRIGGERS:
        db.execute_sql(sql)
    db.execute_sql("INSERT INTO client_fts(client_fts) VALUES ('rebuild')")

    from swdesk.pinyin import full_pinyin, initials

    rows = db.execute_sql("SELECT id, name FROM client").fetchall()
    cursor = db.cursor()
    cursor.executemany(
        "UPDATE client SET name_initials = ?, name_pinyin = ? WHERE id = ?",
        [(initials(name), full_pinyin(name), row_id) for row_id, name in rows],
    )

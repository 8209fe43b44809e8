"""An index on the audit log for the 审计 page: what did this user do, and when.

It also serves the sign-in history (``actor`` = the user name) that lockout
questions start from.
"""

NOTE = ("审计日志可按操作人和时间快速查询", "The audit log can be searched quickly by user and time")


def up(migrator, db):
    db.execute_sql('CREATE INDEX "audit_entry_actor_at" ON "audit_entry" ("actor", "at")')

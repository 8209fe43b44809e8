"""Tables of the program itself: reference lists, settings, users, audit, change log."""

from __future__ import annotations

import peewee as pw
from playhouse.sqlite_ext import AutoIncrementField

from swdesk.model.base import BaseModel, now


class RefItem(BaseModel):
    """One entry of a reference list (target groups, service categories …)."""

    id = pw.AutoField()
    list_code = pw.CharField(max_length=40)
    code = pw.CharField(max_length=32)
    zh = pw.CharField(max_length=100)
    en = pw.CharField(max_length=100)
    sort = pw.IntegerField(default=0)
    active = pw.BooleanField(default=True)
    source = pw.CharField(max_length=16, default="builtin")  # builtin | city

    class Meta:
        indexes = ((("list_code", "code"), True),)


class Setting(BaseModel):
    key = pw.CharField(max_length=64, primary_key=True)
    value = pw.TextField()


class User(BaseModel):
    id = pw.AutoField()
    username = pw.CharField(max_length=40, unique=True)
    display_name = pw.CharField(max_length=50)
    role = pw.CharField(max_length=16)  # reference list "role"
    password_hash = pw.CharField(max_length=255)
    worker_uid = pw.CharField(max_length=36, null=True)  # the worker this account belongs to
    active = pw.BooleanField(default=True)
    failed_attempts = pw.IntegerField(default=0)
    locked_until = pw.DateTimeField(null=True)
    created_at = pw.DateTimeField(default=now)


class AuditEntry(BaseModel):
    """Who did what, when. Entries are chained by hash so a removal shows."""

    id = pw.AutoField()
    at = pw.DateTimeField(default=now)
    actor = pw.CharField(max_length=40)
    action = pw.CharField(max_length=24)  # create | update | delete | export | print …
    entity = pw.CharField(max_length=40, default="")
    row_uid = pw.CharField(max_length=36, default="")
    detail = pw.TextField(default="")  # JSON: changed field names, counts; no personal values
    prev_hash = pw.CharField(max_length=64, default="")
    hash = pw.CharField(max_length=64, default="")

    class Meta:
        # The 审计 page filters by user and time (migration 0003).
        indexes = ((("actor", "at"), False),)


class ChangeLog(BaseModel):
    """Every change to a synced row, numbered. Sync sends what the city has not acknowledged."""

    seq = AutoIncrementField()  # AUTOINCREMENT: numbers are never reused, even after deletes
    entity = pw.CharField(max_length=40)
    row_uid = pw.CharField(max_length=36)
    version = pw.IntegerField()
    op = pw.CharField(max_length=8)  # insert | update | delete
    at = pw.DateTimeField(default=now)

    class Meta:
        indexes = ((("entity", "row_uid"), False),)

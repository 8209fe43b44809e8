"""The station's own sync bookkeeping: keys, per-row sync state and base, packages, conflicts.

Local tables: none of them travels to the city.
"""

from __future__ import annotations

import peewee as pw

from swdesk.model.base import BaseModel, now


class SyncKey(BaseModel):
    """The station's private keys and the city's public keys (never leaves the station)."""

    name = pw.CharField(max_length=40, primary_key=True)
    value = pw.TextField()


class SyncRow(BaseModel):
    """One synced row's state: what the city acknowledged, and the base.

    ``base`` is the JSON of the row's values as the city last confirmed them:
    the common ancestor for merging the city's corrections field by field.
    """

    entity = pw.CharField(max_length=40)
    row_uid = pw.CharField(max_length=36)
    acked_version = pw.IntegerField(null=True)
    outcome = pw.CharField(max_length=12, null=True)  # applied|merged|conflict|rejected|held
    base = pw.TextField(null=True)

    class Meta:
        primary_key = pw.CompositeKey("entity", "row_uid")


class SyncPackage(BaseModel):
    """Every package written or read, for the history on the 同步 page."""

    id = pw.AutoField()
    direction = pw.CharField(max_length=8)  # out | in
    number = pw.IntegerField()
    file_name = pw.CharField(max_length=255)
    file_hash = pw.CharField(max_length=64, default="")
    seq_from = pw.IntegerField(null=True)
    seq_to = pw.IntegerField(null=True)
    rows = pw.IntegerField(default=0)
    at = pw.DateTimeField(default=now)
    status = pw.CharField(max_length=16)  # written | applied | refused
    message = pw.TextField(default="")


class SyncConflict(BaseModel):
    """A field both the station and the city changed differently, or a rejected row."""

    id = pw.AutoField()
    entity = pw.CharField(max_length=40)
    row_uid = pw.CharField(max_length=36)
    field = pw.CharField(max_length=40, default="")
    kind = pw.CharField(max_length=12)  # conflict | rejected
    base_value = pw.TextField(null=True)  # JSON
    local_value = pw.TextField(null=True)  # JSON
    city_value = pw.TextField(null=True)  # JSON
    reason = pw.TextField(default="")
    version = pw.IntegerField(default=0)
    created_at = pw.DateTimeField(default=now)
    resolved_at = pw.DateTimeField(null=True)
    resolution = pw.TextField(null=True)

    class Meta:
        indexes = ((("entity", "row_uid"), False),)

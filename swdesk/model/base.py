"""Base models: the database proxy and the columns every synced row carries."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Iterator
from typing import Any, ClassVar, Self

import peewee as pw

# Bound to the station's SQLite file by swdesk.db.open_database (or to the city
# database by the hub); tests bind a fresh file per test.
database = pw.DatabaseProxy()


def new_uid() -> str:
    return str(uuid.uuid4())


def now() -> dt.datetime:
    """Local wall-clock time, second precision: what a station worker reads."""
    return dt.datetime.now().replace(microsecond=0)


def tuples(query: pw.SelectBase) -> Iterator[tuple[Any, ...]]:
    """The rows of ``query`` as tuples.

    (peewee's stubs give ``.tuples()`` the query's own type, whose rows are model objects.)
    """
    rows: Iterable[Any] = query.tuples()
    return iter(rows)


def column_attr(model: type[pw.Model], key: str) -> str:
    """The attribute that holds field ``key``'s stored value: ``<key>_id`` for a link (its
    id, read without a query), else ``key`` itself."""
    column = model._meta.fields.get(key)
    return f"{key}_id" if isinstance(column, pw.ForeignKeyField) else key


class BaseModel(pw.Model):
    labels: ClassVar[tuple[str, str]] = ("", "")

    class Meta:
        database = database
        legacy_table_names = False


class SyncedModel(BaseModel):
    """A row that travels to the city: global id, origin, version, deletion mark.

    ``version`` starts at 1 and grows by one with every change; ``deleted`` rows
    stay as tombstones so a package can carry the deletion.
    """

    id = pw.AutoField()  # what peewee would add; declared so that mypy knows it
    uid = pw.CharField(max_length=36, unique=True, default=new_uid)
    origin = pw.CharField(max_length=32, default="")  # station code that made the row
    version = pw.IntegerField(default=1)
    updated_at = pw.DateTimeField(default=now)
    deleted = pw.BooleanField(default=False)

    # Append-only rows (logs, hour entries) are a union at the city and never conflict.
    append_only: ClassVar[bool] = False

    @classmethod
    def live(cls) -> pw.ModelSelect[Self]:
        return cls.select().where(cls.deleted == False)  # noqa: E712

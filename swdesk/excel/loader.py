"""Writing a checked import: all accepted rows in one transaction, journalled and audited.

New rows take the bulk path the design asks for (DESIGN.md: peewee's
``insert_many`` spends most of its time building SQL): each row was already
validated by ``crud.clean`` in the plan; here it becomes a tuple through the
model (so defaults, uid and origin are exactly what ``crud.create`` would give),
goes in with the cursor's ``executemany``, and gets its change-log entry, as
``swdesk.demo`` does. Updates of existing persons go through ``crud.update`` one
by one (they are few, and each is its own audited change). One audit entry
records the import as a whole.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import peewee as pw

from swdesk.db import faults
from swdesk.errors import SwdeskError
from swdesk.excel import identity
from swdesk.excel.planner import Cancel, ImportCancelled, Progress
from swdesk.excel.report import ImportReport, RowResult
from swdesk.i18n import _
from swdesk.model import ServiceRecord, SyncedModel, VolunteerHour, database, describe
from swdesk.model.base import now
from swdesk.services import city_owned, community_list, crud, journal, rules
from swdesk.services.actor import Actor
from swdesk.services.this_station import current_station, station_code

BATCH = 2000  # rows per executemany call: the cancel button is looked at in between


@faults.guarded
def apply(report: ImportReport, actor: Actor, *, progress: Progress | None = None,
          cancel: Cancel | None = None) -> ImportReport:
    """Write the rows ``report`` accepted. All or nothing; cancelling writes nothing."""
    if report.written:
        raise SwdeskError(_("这份导入已经写入过了", "This import has been written already"))
    model = report.model
    with database.atomic():
        _recheck(report)
        adding = [r for r in report.rows if r.action == "add"]
        updating = [r for r in report.rows if r.action == "update"]
        station = current_station()
        origin = station_code()
        for r in adding:
            if "station" in model._meta.fields and station is not None:
                r.values.setdefault("station", station.id)
        rules.numbers_apart(model, [r.values for r in adding])
        first = bulk_insert(model, [r.values for r in adding], origin, progress, cancel)
        community_list.offer_typed(model, (r.values for r in adding))
        hours = participants = 0
        if model is ServiceRecord:
            participants = _insert_participants(adding, first)
            hours = _insert_hours(adding, first, origin, progress, cancel)
        stage = _("更新", "updating")
        for n, r in enumerate(updating):
            _check(cancel)
            assert r.existing_id is not None
            with city_owned.keeping():  # a return package may have come in since the check
                crud.update(model, r.existing_id, r.values, actor)
            if progress is not None and n % 200 == 0:
                progress(stage, n, len(updating))
        _check(cancel)
        journal.audit(actor, "import", model._meta.table_name, "", {
            "added": len(adding), "updated": len(updating), "hours": hours,
            "participants": participants,
            "skipped": report.count("skip"), "duplicates": report.count("duplicate"),
            "errors": report.count("error"), "sheet": report.sheet})
    report.written = True
    report.added, report.updated, report.hours_added = len(adding), len(updating), hours
    report.participants_added = participants
    return report


def _check(cancel: Cancel | None) -> None:
    if cancel is not None and cancel():
        raise ImportCancelled()


def _recheck(report: ImportReport) -> None:
    """Someone may have registered a person between the check and the import."""
    existing = identity.existing_index(report.model)
    for r in report.rows:
        if r.action == "add" and r.key is not None and r.key in existing:
            r.action = "skip"
            r.existing_id = existing[r.key]
            r.values = {}
            r.note = _("导入前刚被登记（{}），跳过", "Registered meanwhile ({}); skipped").format(
                identity.describe_key(r.key))


def bulk_insert(model: type[SyncedModel], rows: Sequence[dict[str, Any]], origin: str,
                progress: Progress | None = None, cancel: Cancel | None = None) -> int:
    """Insert validated rows with consecutive new ids; returns the first id.

    Must run inside the caller's transaction (the single writer holds the data
    dir's lock, so the ids after the current maximum are ours).
    """
    cursor = database.connection().cursor()
    (top,) = cursor.execute(f'SELECT coalesce(max(id), 0) FROM "{model._meta.table_name}"'
                            ).fetchone()
    first = int(top) + 1
    if not rows:
        return first
    fields = [f for f in model._meta.sorted_fields if f is not model._meta.primary_key]
    table = model._meta.table_name
    columns = ", ".join(f'"{f.column_name}"' for f in fields)
    marks = ", ".join("?" * (len(fields) + 1))
    sql = f'INSERT INTO "{table}" ("id", {columns}) VALUES ({marks})'
    stage = describe_stage(model)
    make = _RowMaker(fields, origin)
    for start in range(0, len(rows), BATCH):
        _check(cancel)
        batch = [make(first + offset, values)
                 for offset, values in enumerate(rows[start:start + BATCH], start=start)]
        cursor.executemany(sql, batch)
        if progress is not None:
            progress(stage, start + len(batch), len(rows))
    last = first + len(rows) - 1
    written = cursor.execute(
        'INSERT INTO change_log (entity, row_uid, version, op, "at") '
        f'SELECT ?, uid, version, \'insert\', ? FROM "{table}" WHERE id BETWEEN ? AND ? '
        "ORDER BY id", (table, str(now()), first, last)).rowcount
    if written != len(rows):
        raise AssertionError(f"{table}: {written} change-log rows for {len(rows)} rows")
    return first


class _RowMaker:
    """A cleaned row's stored tuple, as ``crud.create`` would store it: a value left out
    takes its column's default (a new uid each row, this station as the origin), and so
    does an empty one where the column needs one (a head count of 0). Worked out once per
    column and then only over the values a row has, rather than a model instance per row,
    which cost an import as much as its ``executemany``."""

    def __init__(self, fields: Sequence[pw.Field], origin: str) -> None:
        self.pos = {f.name: i for i, f in enumerate(fields)}
        self.convert = [f.db_value for f in fields]
        self.template: list[Any] = [None] * len(fields)
        self.fresh: list[tuple[int, Callable[[], Any]]] = []  # defaults made for each row
        self.defaulted: set[int] = set()  # where an empty value takes the default
        for i, f in enumerate(fields):
            if f.name == "origin":
                self.template[i] = f.db_value(origin)
                self.defaulted.add(i)
            elif callable(f.default):
                self.fresh.append((i, f.default))
            elif f.default is not None:
                self.template[i] = f.db_value(f.default)
            if f.default is not None and not f.null:
                self.defaulted.add(i)

    def __call__(self, row_id: int, values: dict[str, Any]) -> tuple[Any, ...]:
        row = self.template.copy()
        given: set[int] = set()
        for key, value in values.items():
            i = self.pos.get(key)
            if i is None or ((value is None or value == "") and i in self.defaulted):
                continue
            row[i] = None if value is None else self.convert[i](value)
            given.add(i)
        for i, make in self.fresh:
            if i not in given:
                row[i] = self.convert[i](make())
        return (row_id, *row)


def describe_stage(model: type[SyncedModel]) -> str:
    return _("写入{}", "writing {}").format(describe(model).label)


def _insert_participants(adding: list[RowResult], first: int) -> int:
    """The clients of each new record (the record's own change carries them to the city)."""
    links = [(first + offset, client) for offset, r in enumerate(adding)
             for client in r.participants]
    database.connection().cursor().executemany(
        "INSERT INTO service_participant (record_id, client_id) VALUES (?, ?)", links)
    return len(links)


def _insert_hours(adding: list[RowResult], first: int, origin: str,
                  progress: Progress | None, cancel: Cancel | None) -> int:
    entries: list[dict[str, Any]] = []
    for offset, r in enumerate(adding):
        for volunteer, hours in r.hours:
            entries.append({"volunteer": volunteer, "date": r.values["date"], "hours": hours,
                            "content": r.values["title"], "record": first + offset,
                            "project": r.values.get("project")})
    bulk_insert(VolunteerHour, entries, origin, progress, cancel)
    return len(entries)

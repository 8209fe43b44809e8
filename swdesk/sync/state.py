"""What the station knows about its sync: per-row state, status, conflicts and their resolution."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import peewee as pw

from swdesk import settings
from swdesk.errors import NotFoundError, ValidationError
from swdesk.i18n import _
from swdesk.model import database, describe
from swdesk.model.base import now
from swdesk.model.sync import SyncConflict, SyncKey, SyncPackage, SyncRow
from swdesk.services import crud, journal
from swdesk.services.actor import Actor
from swdesk.services.this_station import station_code
from swdesk.sync import codec, outgoing_files, rows

RowState = Literal["pending", "sent", "acked", "conflict"]


def sync_state_of(entity: str, uids: Iterable[str]) -> dict[str, RowState]:
    """For list views: each row's sync state (conflict > acked > sent > pending)."""
    wanted = sorted(set(uids))
    if entity not in codec.ENTITIES or not wanted:
        return {}
    acked_seq = settings.ACKED_SEQ.get()
    sent_seq = settings.SYNC_SENT_SEQ.get()
    model = codec.ENTITIES[entity].model
    out: dict[str, RowState] = {}
    for part in rows.in_chunks(wanted):
        versions = {r.uid: r.version for r in model.select(model.uid, model.version)
                    .where(model.uid.in_(part))}
        last = {u: s for u, s in database.execute_sql(
            f"SELECT row_uid, max(seq) FROM change_log WHERE entity = ? AND row_uid IN "
            f"({','.join('?' * len(part))}) GROUP BY row_uid", [entity, *part])}
        acked = {r.row_uid: r.acked_version for r in SyncRow.select()
                 .where((SyncRow.entity == entity) & SyncRow.row_uid.in_(part))}
        conflicted = {c.row_uid for c in SyncConflict.select(SyncConflict.row_uid).where(
            (SyncConflict.entity == entity) & SyncConflict.row_uid.in_(part)
            & SyncConflict.resolved_at.is_null())}
        for uid in part:
            if uid not in versions:
                continue
            seq = last.get(uid, 0)
            if uid in conflicted:
                out[uid] = "conflict"
            elif acked.get(uid) == versions[uid] or seq <= acked_seq:
                out[uid] = "acked"
            elif seq <= sent_seq:
                out[uid] = "sent"
            else:
                out[uid] = "pending"
    return out


@dataclass
class Status:
    station: str
    enrolled: bool
    city: str
    pending: int  # changes not acknowledged
    acked_seq: int
    last_seq: int
    sent_seq: int
    last_out: int
    last_out_at: str
    last_in: int
    last_in_at: str
    conflicts: int
    folder: str
    unsent: int = 0  # changes not yet written into any package
    files_waiting: int = 0  # attachments' files no package has carried yet
    file_bytes_waiting: int = 0

    @property
    def all_acknowledged(self) -> bool:
        return self.pending == 0 and self.conflicts == 0


def status() -> Status:
    names = {k.name: k.value for k in SyncKey.select()}
    (last_seq,) = database.execute_sql("SELECT coalesce(max(seq), 0) FROM change_log").fetchone()
    acked, sent = settings.ACKED_SEQ.get(), settings.SYNC_SENT_SEQ.get()
    unsent = max(int(last_seq) - max(acked, sent), 0)  # no gaps: see journal.pending_changes
    out = SyncPackage.select().where(SyncPackage.direction == "out").order_by(
        SyncPackage.id.desc()).first()
    inn = SyncPackage.select().where((SyncPackage.direction == "in")
                                     & (SyncPackage.status == "applied")).order_by(
        SyncPackage.id.desc()).first()
    files = outgoing_files.summary(Path(database.obj.database).parent)
    return Status(
        station=station_code(), enrolled="city" in names and "station_sign" in names,
        city=names.get("city_name", ""), pending=journal.pending_changes(),
        acked_seq=acked, last_seq=int(last_seq), sent_seq=sent,
        last_out=out.number if out else 0, last_out_at=str(out.at) if out else "",
        last_in=inn.number if inn else 0, last_in_at=str(inn.at) if inn else "",
        conflicts=open_conflicts().count(), folder=str(settings.SYNC_FOLDER.get() or ""),
        unsent=int(unsent), files_waiting=files.files, file_bytes_waiting=files.bytes)


def history(limit: int = 100) -> list[SyncPackage]:
    return list(SyncPackage.select().order_by(SyncPackage.id.desc()).limit(limit))


def open_conflicts() -> pw.ModelSelect[SyncConflict]:
    return SyncConflict.select().where(SyncConflict.resolved_at.is_null()).order_by(
        SyncConflict.id)


def describe_conflict(c: SyncConflict) -> str:
    """One line for a person: which record, which field, both values."""
    entity = codec.ENTITIES.get(c.entity)
    label = describe(entity.model).label if entity else c.entity
    if c.kind == "rejected":
        return _("{} {}：被市级平台拒收：{}", "{} {}: rejected by the city: {}").format(
            label, c.row_uid[:8], c.reason)
    field_label = c.field
    if entity is not None and c.field != "deleted":
        field_label = describe(entity.model).field(c.field).label
    return _("{} {} 的“{}”：本站为 {}，市级为 {}（原为 {}）",
             "{} {} “{}”: here {}, city {} (was {})").format(
        label, c.row_uid[:8], field_label, c.local_value, c.city_value, c.base_value)


def resolve(conflict_id: int, keep: str, actor: Actor, value: Any = None) -> SyncConflict:
    """Settle a conflict: keep ``local``, take ``city``, or set ``value``; a rejection is
    settled by ``dismiss`` once the record has been fixed.

    The chosen value becomes a normal change that goes to the city with the city's
    value as its base, so the city takes it as this station's decision. A row deleted
    here takes it as well and stays deleted; a conflict whose row is gone is closed.
    """
    conflict = SyncConflict.get_or_none(SyncConflict.id == conflict_id)
    if conflict is None or conflict.resolved_at is not None:
        raise NotFoundError(_("没有待处理的冲突 {}", "There is no open conflict {}")
                            .format(conflict_id))
    if conflict.kind == "rejected":
        if keep not in ("dismiss", "local"):
            raise ValidationError(_("被拒收的记录请修改后用 dismiss 结束",
                                    "Fix a rejected record, then settle it with dismiss"))
        return _close(conflict, "dismiss")
    how = keep
    if conflict.field == "deleted":
        # Deleted or not: the station's state as it is now (dismiss: checked, it stands)
        # or the city's; either goes to the city like any other field's decision.
        if keep not in ("dismiss", "local", "city"):
            raise ValidationError(_("删除与否请选择 local（本站）或 city（市级）",
                                    "For a deletion, choose local or city"))
        keep = "local" if keep == "dismiss" else keep
    elif keep not in ("local", "city", "value"):
        raise ValidationError(_("请选择 local（本站）、city（市级）或 value（新值）",
                                "Choose local, city or value"))
    entity = codec.ENTITIES[conflict.entity]
    model = entity.model
    city_value = json.loads(conflict.city_value) if conflict.city_value else None
    with database.atomic():
        # A row deleted here since takes the decision too and stays deleted: the city
        # keeps the conflict open until it learns this station's value for the field.
        row = model.get_or_none(model.uid == conflict.row_uid)
        if row is None:  # gone altogether (a restored backup): nothing left to decide
            return _close(conflict, "gone")
        state = SyncRow.get_or_none((SyncRow.entity == conflict.entity)
                                    & (SyncRow.row_uid == conflict.row_uid))
        base = json.loads(state.base) if state is not None and state.base else {}
        base[conflict.field] = city_value  # this station has now seen the city's value
        SyncRow.insert(entity=conflict.entity, row_uid=conflict.row_uid, outcome="conflict",
                       base=json.dumps(base, ensure_ascii=False)).on_conflict(
            conflict_target=[SyncRow.entity, SyncRow.row_uid],
            update={SyncRow.base: json.dumps(base, ensure_ascii=False)}).execute()
        current = rows.data_of(entity, rows.read_rows(database.obj, entity, {row.uid})[0])
        if keep == "city":
            chosen = city_value
        elif keep == "local":
            chosen = current[conflict.field]
        else:
            chosen = value
        before = row.version
        if conflict.field == "deleted":
            if bool(chosen) and not row.deleted:
                crud.delete(model, row, actor)
            elif not chosen and row.deleted:  # a person chose to bring it back
                row.deleted = False
                crud.touch(row, actor, ["deleted"])
        elif chosen != current[conflict.field]:
            c = entity.column(conflict.field)
            raw = chosen if c.kind in ("link", "text") or chosen is None else codec.decode(
                c.kind, chosen)
            row = crud.update(model, row, {conflict.field: raw}, actor)
        if row.version == before:  # same value: still tell the city it was decided here
            row.version += 1
            row.updated_at = now()
            row.save()
            journal.record_change(row, "update")
            journal.audit(actor, "sync-resolve", conflict.entity, row.uid,
                          {"fields": [conflict.field]})
        return _close(conflict, how)


def close_settled(entity: str, uid: str, still: Iterable[str]) -> None:
    """Close a row's open field conflicts that a correction from the city settled.

    The city resolved them, or its values now agree with the station's; ``still``
    names the fields that conflict yet.
    """
    cond = ((SyncConflict.entity == entity) & (SyncConflict.row_uid == uid)
            & (SyncConflict.kind == "conflict") & SyncConflict.resolved_at.is_null())
    still = list(still)
    if still:
        cond &= SyncConflict.field.not_in(still)
    SyncConflict.update(resolved_at=now(), resolution="city").where(cond).execute()


def _close(conflict: SyncConflict, how: str) -> SyncConflict:
    conflict.resolved_at = now()
    conflict.resolution = how
    conflict.save()
    return conflict

"""What the 同步 page shows: status with the folder's reachability, package history,
open conflicts as a person reads them, and settling a conflict with a typed value.

Read-only helpers over ``state`` and ``folder``, plus :func:`resolve_typed`, which
turns what a person typed into the package form that :func:`state.resolve` takes.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from swdesk import privacy
from swdesk.errors import NotFoundError, ValidationError
from swdesk.i18n import _, language
from swdesk.model import describe
from swdesk.model.described import FieldSpec
from swdesk.model.sync import SyncConflict, SyncPackage
from swdesk.numbers import grouped
from swdesk.services import crud, display
from swdesk.services.actor import Actor
from swdesk.sync import codec, folder, state

# Fields a person may type a new value for; links and flags are chosen, not typed.
_NOT_TYPED = ("link", "bool")


@dataclass(frozen=True)
class Overview:
    status: state.Status
    folder_reachable: bool | None  # None: not looked at (yet)


def overview(*, check_folder: bool = True) -> Overview:
    """The status of :func:`state.status` and whether the sync folder can be used now.

    ``check_folder=False``: the database only. Looking at a ``\\\\server\\share`` whose
    server is off takes Windows up to a minute: the window does that off its GUI thread
    (:func:`folder_reachable`).
    """
    current = state.status()
    return Overview(current, folder.reachable(folder.configured()) if check_folder else None)


def folder_reachable(path: str) -> bool:
    """Whether the sync folder ``path`` (as the status names it) can be used now; slow
    when it is a share that does not answer."""
    return folder.reachable(Path(path)) if path else False


@dataclass(frozen=True)
class StatusWords:
    """The 同步 page's status as a station worker reads it: what waits to be sent, what
    waits for the city's answer, the last package each way (no change numbers)."""

    waiting: str  # "3,210 条变更等待发送"
    last_out: str  # "12月5日 16:02，第 12 号包"
    last_in: str
    summary: str  # the one line at the top (not enrolled and conflicts: the page's own)


def status_words(s: state.Status, today: dt.date | None = None) -> StatusWords:
    sent_unconfirmed = max(s.pending - s.unsent, 0)
    if s.unsent:
        waiting = _("{} 条变更等待发送", "{} changes waiting to be sent").format(
            grouped(s.unsent))
    else:
        waiting = _("没有等待发送的变更", "No changes waiting to be sent")
    photos = _("{} 张照片待发送（{}）", "{} photos waiting to be sent ({})").format(
        grouped(s.files_waiting), megabytes(s.file_bytes_waiting))
    if sent_unconfirmed:
        waiting += _("；另有 {} 条已发送，等待市级平台确认", "; {} more sent, waiting for the "
                     "city to confirm them").format(grouped(sent_unconfirmed))
    elif not s.unsent and s.last_out:
        waiting += _("，发送过的都已被市级平台确认", "; all sent changes are confirmed")
    if s.files_waiting:
        waiting += _("；", "; ") + photos
    last_out = (_("{}，第 {} 号包", "{}, package {}").format(
        when_text(s.last_out_at, today), grouped(s.last_out)) if s.last_out
        else _("还没有发送过", "Nothing sent yet"))
    last_in = (_("{}，第 {} 号回执包", "{}, return package {}").format(
        when_text(s.last_in_at, today), grouped(s.last_in)) if s.last_in
        else _("还没有收到过回执", "No return package yet"))
    if s.all_acknowledged and s.files_waiting:
        summary = photos
    elif s.all_acknowledged:
        summary = _("✓ 全部变更均已被市级平台确认", "✓ Every change is confirmed by the city")
    elif s.unsent:
        summary = waiting.split("；")[0].split("; ")[0]
    else:
        summary = _("{} 条变更已发送，等待市级平台确认", "{} changes sent, waiting for the city "
                    "to confirm them").format(grouped(sent_unconfirmed))
    return StatusWords(waiting, last_out, last_in, summary)


def megabytes(size: int) -> str:
    """Bytes as a person reads a file's size: "48 MB", "0.3 MB"."""
    mb = size / 1_000_000
    return f"{mb:.1f} MB" if mb < 10 else f"{grouped(round(mb))} MB"


def when_text(at: str, today: dt.date | None = None) -> str:
    """A stored time as a person says it: "12月5日 16:02" this year, "2025年12月5日 16:02"
    another year; text that is not a time as it is."""
    try:
        moment = dt.datetime.fromisoformat(str(at).strip()[:19])
    except ValueError:
        return str(at)
    this_year = moment.year == (today or dt.date.today()).year
    if language() == "zh":
        day = f"{moment.month}月{moment.day}日" if this_year else \
            f"{moment.year}年{moment.month}月{moment.day}日"
    else:
        day = f"{moment.day} {moment:%b}" + ("" if this_year else f" {moment.year}")
    return f"{day} {moment:%H:%M}"


@dataclass(frozen=True)
class PackageItem:
    direction: str  # out | in
    number: int
    file_name: str
    at: str  # YYYY-MM-DD HH:MM:SS
    rows: int
    seq_from: int | None
    seq_to: int | None
    status: str  # written | applied | refused
    message: str

    @property
    def direction_text(self) -> str:
        return _("发往市级", "to the city") if self.direction == "out" else _(
            "市级回执", "from the city")

    @property
    def status_text(self) -> str:
        return {"written": _("已写出", "written"), "applied": _("已导入", "imported"),
                "refused": _("已拒收", "refused")}.get(self.status, self.status)

    @property
    def changes_text(self) -> str:
        if self.seq_from is None or self.seq_to is None:
            return ""
        if self.seq_to < self.seq_from:
            return _("无新变更", "no new changes")
        return f"{self.seq_from}–{self.seq_to}"


def packages(limit: int = 200) -> list[PackageItem]:
    """The newest packages written or read, newest first."""
    query = SyncPackage.select().order_by(SyncPackage.id.desc()).limit(limit)
    return [PackageItem(p.direction, int(p.number), p.file_name, _when(p.at), int(p.rows),
                        p.seq_from, p.seq_to, p.status, p.message or "") for p in query]


def _when(value: Any) -> str:
    if isinstance(value, dt.datetime):
        return value.replace(microsecond=0).isoformat(sep=" ")
    return str(value)[:19]


@dataclass(frozen=True)
class ConflictItem:
    id: int
    kind: str  # conflict | rejected
    entity: str
    entity_label: str
    row_uid: str
    record: str  # the row's title (a client's name, a record's title …)
    field: str
    field_label: str
    base_text: str
    local_text: str
    city_text: str
    reason: str
    created_at: str
    description: str  # one line, as the CLI prints it

    @property
    def choosable(self) -> bool:
        """Both values can be chosen (a field conflict, not a rejection or a deletion)."""
        return self.kind == "conflict" and self.field != "deleted"

    @property
    def typeable(self) -> bool:
        if not self.choosable:
            return False
        try:
            return _spec(self.entity, self.field).kind not in _NOT_TYPED
        except KeyError:
            return False


def _spec(entity: str, field: str) -> FieldSpec:
    return describe(codec.ENTITIES[entity].model).field(field)


def conflicts(actor: Actor) -> list[ConflictItem]:
    """Open conflicts for a person; personal values masked for those who may not see them."""
    out: list[ConflictItem] = []
    for c in state.open_conflicts():
        entity = codec.ENTITIES.get(c.entity)
        row = entity.model.get_or_none(entity.model.uid == c.row_uid) if entity else None
        entity_label = describe(entity.model).label if entity else c.entity
        spec: FieldSpec | None = None
        if entity is not None and c.field and c.field != "deleted":
            try:
                spec = _spec(c.entity, c.field)
            except KeyError:
                spec = None
        field_label = spec.label if spec is not None else (
            _("删除", "deletion") if c.field == "deleted" else c.field)
        show = spec is None or not spec.personal or (
            row is not None and privacy.may_see(actor, display.client_id_of(row)))

        base, local, city = (_value_text(raw, spec, c.entity, c.field, show)
                             for raw in (c.base_value, c.local_value, c.city_value))
        record = display.row_title(row) if row is not None else c.row_uid[:8]
        if row is not None and row.deleted:  # settling it does not bring it back
            record += _("（已删除）", " (deleted)")
        out.append(ConflictItem(
            int(c.id), c.kind, c.entity, entity_label, c.row_uid, record, c.field or "",
            field_label if c.kind == "conflict" else "", base, local, city, c.reason or "",
            _when(c.created_at), state.describe_conflict(c)))
    return out


def _value_text(raw: str | None, spec: FieldSpec | None, entity: str, field: str,
                show: bool) -> str:
    """A conflict value (JSON of the package form) as it reads to a person."""
    if raw is None or raw == "":
        return ""
    value = json.loads(raw)
    if value is None or value == "":
        return _("（空）", "(empty)")
    if field == "deleted":
        return _("已删除", "deleted") if value else _("未删除", "not deleted")
    if spec is None:
        return str(value)
    if spec.personal and not show:
        return display.mask(value, spec.personal)
    if spec.kind == "link":
        target = codec.ENTITIES[entity].column(field).target
        model = codec.ENTITIES[target].model if target in codec.ENTITIES else None
        linked = model.get_or_none(model.uid == value) if model is not None else None
        return display.row_title(linked) if linked is not None else str(value)[:8]
    return display.format_plain(value, spec) or _("（空）", "(empty)")


def resolve_typed(conflict_id: int, text: str, actor: Actor) -> SyncConflict:
    """Settle a conflict with a value a person typed (checked as a form would check it)."""
    conflict = SyncConflict.get_or_none(SyncConflict.id == conflict_id)
    if conflict is None or conflict.resolved_at is not None:
        raise NotFoundError(_("没有待处理的冲突 {}", "There is no open conflict {}")
                            .format(conflict_id))
    if conflict.kind != "conflict" or conflict.field == "deleted":
        raise ValidationError(_("这一项不能填写新值", "This item cannot take a new value"))
    entity = codec.ENTITIES[conflict.entity]
    spec = _spec(conflict.entity, conflict.field)
    if spec.kind in _NOT_TYPED:
        raise ValidationError(_("{}请在本站或市级的值中选择一个", "For {}, choose one of the "
                                "two values").format(spec.label))
    # A row deleted here since can still take the value (it stays deleted).
    current = entity.model.get_or_none(entity.model.uid == conflict.row_uid)
    if current is None:
        return state.resolve(conflict_id, "value", actor)  # gone: closed, nothing to set
    cleaned = crud.clean(entity.model, {conflict.field: text}, current)
    value = codec.encode(entity.column(conflict.field).kind, cleaned.get(conflict.field))
    return state.resolve(conflict_id, "value", actor, value)

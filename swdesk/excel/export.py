"""Lists to Excel for the street office, and blank templates to fill in.

Headings, order and formatting come from the entity descriptions; values read
as they do in the lists (``swdesk.services.display``) except that dates, counts
and hours stay real dates and numbers, so Excel can sort and sum them. Personal
data is masked unless the person exporting may see it (``swdesk.privacy``).
Sheets are written in openpyxl's write-only mode: a 100k-row export stays small
in memory.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from peewee import fn

from swdesk import outfiles, privacy, reference
from swdesk.errors import SwdeskError
from swdesk.excel.columns import (
    EXPORT_KINDS,
    IMPORT_KINDS,
    NOTE_MARK,
    PARTICIPANTS,
    VOLUNTEER_HOURS,
    VOLUNTEERS,
    Column,
    import_columns,
    model_of,
    template_columns,
)
from swdesk.excel.writeonly import removed_on_error
from swdesk.i18n import _
from swdesk.model import (
    ENTITIES,
    Case,
    Client,
    CommunityActivity,
    FieldSpec,
    GroupMember,
    Indicator,
    Project,
    ServiceParticipant,
    ServiceRecord,
    SyncedModel,
    Volunteer,
    VolunteerHour,
    WorkGroup,
    database,
    describe,
)
from swdesk.model.base import tuples
from swdesk.os_words import reason
from swdesk.services import indicators, journal
from swdesk.services.actor import Actor
from swdesk.services.display import format_plain, mask

Progress = Callable[[str, int, int], None]

# The date an export's --from/--to filters on.
DATE_FIELDS: dict[type[SyncedModel], str] = {
    Client: "registered_on", Volunteer: "registered_on", ServiceRecord: "date",
    Case: "opened_on", WorkGroup: "planned_start", CommunityActivity: "planned_on",
}
DATE_FORMAT = "yyyy-mm-dd"
_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_NOTE_FONT = Font(color="7F7F7F", italic=True)
_WIDTHS = {"date": 12, "resident_id": 21, "phone": 15, "longtext": 36, "uscc": 21,
           "choices": 24, "int": 10, "hours": 10, "money": 14, "bool": 8}
_CHUNK = 2000  # rows between progress reports


def export(kind: str, out: Path, actor: Actor, *, date_from: dt.date | None = None,
           date_to: dt.date | None = None, masked: bool = False,
           progress: Progress | None = None) -> int:
    """Write the live rows of ``kind`` to ``out``; returns how many rows were written.

    ``masked`` masks personal data even for someone who may see it (a copy for
    the street office).
    """
    model = model_of(kind, EXPORT_KINDS)
    entity = describe(model)
    specs = entity.fields
    query = model.live().order_by(model.id)
    date_key = DATE_FIELDS.get(model)
    if (date_from or date_to) and date_key is None:
        raise SwdeskError(_("{}不能按日期筛选", "{} cannot be filtered by date").format(
            entity.label))
    if date_from and date_to and date_from > date_to:
        raise SwdeskError(_("开始日期晚于结束日期", "The start date is after the end date"))
    if date_key is not None:
        column = model._meta.fields[date_key]
        if date_from:
            query = query.where(column >= date_from)
        if date_to:
            query = query.where(column <= date_to)
    titles = {s.key: _titles(model, s) for s in specs if s.kind == "link"}
    visible: set[int] | None = set() if masked else privacy.visible_clients(actor)
    records = model is ServiceRecord
    # A record's participants and volunteers, in the form the importer reads back.
    people = _participant_names(query) if records else {}
    hours = _volunteer_hours(query) if records else {}
    counts = _ledger_counts(model, query)  # a group's sessions, an activity's turnout …
    total = query.count()

    book = Workbook(write_only=True)
    ws = book.create_sheet(entity.label[:31])
    extra = [c.label for c in import_columns(ServiceRecord)
             if c.key in (PARTICIPANTS, VOLUNTEERS)] if records else []
    headings = [s.label for s in specs] + extra + [c.label for c in counts]
    _layout(ws, headings, [s.kind for s in specs] + ["longtext"] * len(extra)
            + ["int"] * len(counts))
    ws.append([_header(ws, h) for h in headings])
    written = hidden = 0
    with removed_on_error(ws):  # (a cancel too: it raises from progress)
        for values in query.dicts().iterator():
            client_id = values["id"] if model is Client else values.get("client")
            show = visible is None or (client_id is not None and client_id in visible)
            row: list[Any] = []
            for spec in specs:
                value = values.get(spec.key)
                if spec.personal and not show and value not in (None, ""):
                    hidden += 1
                    row.append(mask(value, spec.personal))
                else:
                    row.append(_cell(ws, spec, value, titles))
            if records:
                row += ["、".join(people.get(values["id"], [])),
                        "、".join(hours.get(values["id"], []))]
            row += [c.values.get(values["id"], 0) for c in counts]
            ws.append(row)
            written += 1
            if progress is not None and written % _CHUNK == 0:
                progress(_("导出", "exporting"), written, total)
        _save(book, out)
    with database.atomic():
        journal.audit(actor, "export", entity.name, "", {
            "rows": written, "masked_values": hidden,
            "from": date_from.isoformat() if date_from else "",
            "to": date_to.isoformat() if date_to else ""})
    return written


@dataclass(frozen=True)
class Count:
    """A ledger's column counted from the rows linked to each of its rows."""

    zh: str
    en: str
    values: Mapping[int, int | Decimal]  # row id -> the count (absent: 0)

    @property
    def label(self) -> str:
        return _(self.zh, self.en)


def _ledger_counts(model: type[SyncedModel], rows: Any) -> list[Count]:
    """What a ledger shows beside the fields: a group's sessions held (its service
    records) and members, an activity's turnout (the headcount of its record)."""
    ids = rows.select(model.id)
    if model is WorkGroup:
        sessions = _per(ServiceRecord.work_group, fn.COUNT(ServiceRecord.id), ids)
        members = _per(GroupMember.work_group, fn.COUNT(GroupMember.id), ids)
        return [Count("已开展节数", "Sessions held", sessions),
                Count("组员人数", "Members", members)]
    if model is CommunityActivity:
        turnout = _per(ServiceRecord.activity, fn.SUM(ServiceRecord.headcount), ids)
        return [Count("实际参与人次", "Turnout", turnout)]
    if model is Indicator:
        return [Count("实际完成", "Actual", _indicator_actuals(rows))]
    return []


def _indicator_actuals(rows: Any) -> dict[int, int | Decimal]:
    """Each indicator's actual over its execution year: counted by the contract figures,
    a custom one's as entered (services.indicators, per project)."""
    projects = {int(i.project_id) for i in rows}
    return {p.indicator_id: p.actual
            for project in Project.select().where(Project.id.in_(list(projects)))
            for p in indicators.indicator_progress(project)}


def _per(link: Any, aggregate: Any, ids: Any) -> dict[int, int]:
    """``aggregate`` of the live rows whose ``link`` is one of ``ids``, by that link."""
    model = link.model
    query = (model.live().select(link, aggregate).where(link.in_(ids)).group_by(link))
    return {int(k): int(v or 0) for k, v in tuples(query)}


def _titles(model: type[SyncedModel], spec: FieldSpec) -> dict[int, str]:
    """id -> name of every row the link can point to (one query, not one per row)."""
    target = model._meta.fields[spec.key].rel_model
    for name in ("name", "title", "case_no", "code"):
        if name in target._meta.fields:
            column = target._meta.fields[name]
            return {int(i): str(t or "") for i, t in tuples(target.select(target.id, column))}
    return {}


def _participant_names(records: Any) -> dict[int, list[str]]:
    """record id -> the names of the clients who took part."""
    ids = records.select(ServiceRecord.id)
    query = (ServiceParticipant.select(ServiceParticipant.record, Client.name)
             .join(Client, on=(ServiceParticipant.client == Client.id))
             .where(ServiceParticipant.record.in_(ids)).order_by(ServiceParticipant.id))
    out: dict[int, list[str]] = {}
    for record, name in tuples(query):
        out.setdefault(int(record), []).append(str(name))
    return out


def _volunteer_hours(records: Any) -> dict[int, list[str]]:
    """record id -> ["张三(2)", …]: the form the importer reads back."""
    ids = records.select(ServiceRecord.id)
    query = (VolunteerHour.live()
             .select(VolunteerHour.record, Volunteer.name, VolunteerHour.hours)
             .join(Volunteer, on=(VolunteerHour.volunteer == Volunteer.id))
             .where(VolunteerHour.record.in_(ids)).order_by(VolunteerHour.id))
    out: dict[int, list[str]] = {}
    for record, name, hours in tuples(query):
        out.setdefault(int(record), []).append(f"{name}({_number(hours)})")
    return out


def _number(value: Any) -> str:
    text = f"{Decimal(str(value)):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _cell(ws: Any, spec: FieldSpec, value: Any, titles: dict[str, dict[int, str]]) -> Any:
    if value is None or value == "":
        return None
    match spec.kind:
        case "link":
            return titles[spec.key].get(int(value), "")
        case "date":
            cell = WriteOnlyCell(ws, value=value)
            cell.number_format = DATE_FORMAT
            return cell
        case "int":
            return int(value)
        case "hours" | "money":
            return Decimal(str(value))
        case "resident_id" | "phone" | "uscc" | "text" | "longtext":
            return str(value)
    return format_plain(value, spec)


def _header(ws: Any, text: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, value=text)
    cell.font = _HEADER_FONT
    cell.fill = _HEADER_FILL
    cell.alignment = Alignment(vertical="center", wrap_text=True)
    return cell


def _layout(ws: Any, headings: Sequence[str], kinds: Sequence[str], frozen_rows: int = 1
            ) -> None:
    """Column widths and the frozen header; write-only sheets take them before any row."""
    for position, (heading, kind) in enumerate(zip(headings, kinds, strict=True), start=1):
        # A Chinese character is about two Latin widths.
        width = max(_WIDTHS.get(kind, 14), 2 * len(heading) + 2)
        ws.column_dimensions[get_column_letter(position)].width = min(width, 50)
    ws.freeze_panes = f"A{frozen_rows + 1}"


def _save(book: Workbook, out: Path) -> None:
    try:
        with outfiles.writing(Path(out)) as tmp:
            book.save(tmp)
    except OSError as exc:
        raise SwdeskError(_("无法写入 {}：{}", "Cannot write {}: {}").format(
            out, reason(exc))) from None


# --- templates ------------------------------------------------------------------------------


def write_template(kind: str, out: Path) -> Path:
    """An empty ledger with the expected headings, a notes row and drop-down lists."""
    model = model_of(kind, IMPORT_KINDS)
    columns = template_columns(model)
    book = Workbook()
    ws = book.active
    ws.title = describe(model).label[:31]
    for position, column in enumerate(columns, start=1):
        header = ws.cell(row=1, column=position, value=column.label)
        header.font, header.fill = _HEADER_FONT, _HEADER_FILL
        note = ws.cell(row=2, column=position, value=NOTE_MARK + _note(column))
        note.font = _NOTE_FONT
        note.alignment = Alignment(wrap_text=True, vertical="top")
        letter = get_column_letter(position)
        kind_ = column.spec.kind if column.spec else "longtext"
        ws.column_dimensions[letter].width = min(max(_WIDTHS.get(kind_, 14),
                                                     2 * len(column.label) + 2), 40)
        spec = column.spec
        if spec is not None and spec.kind == "choice":
            labels = ",".join(reference.text_of(i) for i in reference.items(spec.ref_list or ""))
            if len(labels) < 250:  # Excel's limit for an inline list
                rule = DataValidation(type="list", formula1=f'"{labels}"', allow_blank=True)
                rule.add(f"{letter}3:{letter}5000")
                ws.add_data_validation(rule)
        if spec is not None and spec.kind in ("resident_id", "phone", "uscc"):
            # Text format, or Excel turns an 18-digit ID into 3.50203E+17 and loses digits.
            for row in range(3, 503):
                ws.cell(row=row, column=position).number_format = "@"
    ws.row_dimensions[2].height = 60
    ws.freeze_panes = "A3"
    _save(book, out)
    return Path(out)


def _note(column: Column) -> str:
    spec = column.spec
    if column.key == PARTICIPANTS:
        text = _("已登记服务对象的姓名，用“、”分隔；有同名时填身份证号",
                 "names of registered clients, separated by “、”; a resident ID where "
                 "names repeat")
    elif column.key == VOLUNTEERS:
        text = _("已登记志愿者的姓名，用“、”分隔；可写成 张三(2) 表示 2 小时",
                 "names of registered volunteers, separated by “、”; 张三(2) means 2 hours")
    elif column.key == VOLUNTEER_HOURS:
        text = _("每位志愿者的服务时长（小时），如 1.5", "hours of each volunteer, e.g. 1.5")
    else:
        assert spec is not None
        text = _kind_note(spec)
    if spec is not None and spec.required:
        text = _("必填；", "required; ") + text
    return text


def _kind_note(spec: FieldSpec) -> str:
    allowed = "、".join(reference.text_of(i) for i in reference.items(spec.ref_list or "")) \
        if spec.ref_list else ""
    match spec.kind:
        case "date":
            return _("日期，如 2024-05-01", "a date such as 2024-05-01") + (
                _("，不晚于今天", ", not after today") if spec.not_future else "")
        case "int":
            return _("整数", "a whole number")
        case "hours":
            return _("小时数，如 1.5", "hours, e.g. 1.5")
        case "money":
            return _("金额（元）", "an amount in yuan")
        case "bool":
            return _("是 或 否", "yes or no")
        case "choice":
            return _("可选：", "one of: ") + allowed
        case "choices":
            return _("可多选，用“、”分隔：", "one or more, separated by “、”: ") + allowed
        case "resident_id":
            return _("18位居民身份证号", "18-character resident ID")
        case "phone":
            return _("11位手机号或 0592-5551234", "mobile (11 digits) or 0592-5551234")
        case "uscc":
            return _("18位统一社会信用代码", "18-character unified social credit code")
        case "link":
            return _("已登记的{}名称", "the name of a registered {}").format(
                describe(_target(spec)).label)
    return _("文字", "text") + (_("，不超过{}字", ", at most {} characters").format(
        spec.max_length) if spec.max_length else "")


def _target(spec: FieldSpec) -> type[SyncedModel]:
    return ENTITIES[spec.target]

"""Check every row of a ledger against the core's rules and against the database.

:func:`plan` reads the sheet and writes nothing: each row becomes a
:class:`RowResult` saying whether it would be added, update or skip an existing
person (the same resident ID, or the same name and phone …), repeats an earlier
row of the file, or has errors, and why. :mod:`swdesk.excel.loader` then writes
the accepted rows.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

import peewee as pw
from openpyxl.utils.datetime import from_excel

from swdesk import reference
from swdesk.errors import SwdeskError, ValidationError
from swdesk.excel import identity
from swdesk.excel.columns import (
    PARTICIPANTS,
    VOLUNTEER_HOURS,
    VOLUNTEERS,
    Column,
    heading_index,
    import_columns,
    match_headings,
    missing_required,
    model_of,
    normalise,
)
from swdesk.excel.reader import SheetError, SheetReader
from swdesk.excel.report import ImportReport, OnExisting, Problem, RowResult
from swdesk.i18n import _
from swdesk.model import Client, FieldSpec, SyncedModel, Volunteer, VolunteerHour, describe
from swdesk.model.base import column_attr, tuples
from swdesk.services import city_owned, coded_fields, crud

Progress = Callable[[str, int, int], None]
Cancel = Callable[[], bool]

CHECK_EVERY = 200  # rows between looks at the cancel button and progress reports
# From this many rows a second process reads the sheet while this one checks (when the
# caller allows processes): below it the process's start costs more than it saves.
PROCESS_ROWS = 5000
PROCESS_BYTES = 256 * 1024  # a sheet that does not say its size: a file this big (~5,000 rows)
_TEXT_KINDS = frozenset({"text", "longtext", "phone", "resident_id", "uscc", "choice",
                         "choices", "link"})
_EXCEL_SERIAL = (1, 2_958_465)  # 1900-01-01 … 9999-12-31 as Excel day numbers


class ImportCancelled(SwdeskError):
    """The worker cancelled; nothing was written."""

    def __init__(self) -> None:
        super().__init__(_("已取消导入，没有写入任何数据", "Import cancelled; nothing was written"))


def propose_mapping(kind: str, path: Path, sheet: str | None = None
                    ) -> tuple[list[str], dict[int, str], list[Column]]:
    """The sheet's headings, the automatic mapping and the columns one could map to."""
    columns = import_columns(model_of(kind))
    with SheetReader(path, sheet, set(heading_index(columns))) as reader:
        return reader.headings, match_headings(reader.headings, columns), columns


def plan(kind: str, path: Path, *, sheet: str | None = None,
         mapping: Mapping[str, str] | None = None, on_existing: OnExisting = "skip",
         progress: Progress | None = None, cancel: Cancel | None = None,
         processes: bool = False) -> ImportReport:
    """Check a ledger without writing anything; see the module docstring.

    ``processes``: the caller is a program that may start a second process (the window,
    the command line; a script must start it under ``if __name__ == "__main__":``), which
    then reads a big sheet's rows while this one checks them."""
    model = model_of(kind)
    columns = import_columns(model)
    known = set(heading_index(columns)) | {normalise(h) for h in (mapping or {})}
    with SheetReader(path, sheet, known) as reader:
        matched = match_headings(reader.headings, columns, mapping)
        missing = missing_required(matched, columns)
        if missing:
            raise SheetError(_(
                "工作表“{}”缺少必填列：{}（表头在第 {} 行：{}）。"
                "请在表头中加上这些列，或指定列的对应关系",
                "Sheet “{}” lacks required columns: {} (header on row {}: {}). Add them or "
                "map the columns").format(
                reader.sheet, "、".join(c.label for c in missing), reader.header_row,
                "、".join(h for h in reader.headings if h)))
        report = ImportReport(kind, model, Path(path), reader.sheet, reader.header_row,
                              reader.headings, matched, reader.preamble, on_existing)
        stage = _("检查", "checking")
        total = reader.total_rows or 0
        # On an enrolled station 低保/特困 are the city's: a row goes in with the stored
        # codes (a worker would not want the whole row refused for them).
        with city_owned.keeping() as keep:
            checker = _RowChecker(model, columns, report, keep)
            in_process = processes and (total >= PROCESS_ROWS if reader.total_rows
                                        else Path(path).stat().st_size >= PROCESS_BYTES)
            for n, (number, cells) in enumerate(reader.rows(in_process=in_process)):
                if n % CHECK_EVERY == 0:
                    if cancel is not None and cancel():
                        raise ImportCancelled()
                    if progress is not None:
                        progress(stage, n, max(total, n))
                report.rows.append(checker.check(number, cells))
    if not report.rows:
        raise SheetError(_("工作表“{}”的表头（第 {} 行）下面没有数据",
                           "Sheet “{}” has no data below its header (row {})").format(
            report.sheet, report.header_row))
    if progress is not None:
        progress(stage, len(report.rows), len(report.rows))
    return report


class _RowChecker:
    """Checks one row at a time; remembers the persons seen so far in the file."""

    def __init__(self, model: type[SyncedModel], columns: list[Column],
                 report: ImportReport, keep: city_owned.Keeping) -> None:
        self.model = model
        self.keep = keep
        self.report = report
        self.columns = {c.key: c for c in columns}
        self.existing = identity.existing_index(model)
        self.seen: dict[tuple[Any, ...], int] = {}
        self.names = _NameLookup()

    def check(self, number: int, cells: tuple[Any, ...]) -> RowResult:
        result = RowResult(number, cells)
        fields: dict[str, Any] = {}
        derived: dict[str, Any] = {}
        related: dict[str, Any] = {}
        for position, key in self.report.mapping.items():
            column = self.columns[key]
            try:
                raw = _cell(cells[position], column.spec)
                if column.spec is not None and raw is not None:
                    if column.spec.kind == "link":
                        raw = self.names.resolve(self.model, column.spec, raw)
                    elif column.spec.kind == "choice":
                        raw = _lenient_choice(column.spec, raw)
            except ValidationError as exc:
                self._problem(result, key, str(exc))
                continue
            bucket = related if column.spec is None else derived if column.derived else fields
            bucket[key] = raw
        if result.problems:
            return self._failed(result)
        coded_fields.split_ledger_text(self.model, fields)  # 技能: 理发、唱歌 is not refused
        result.key = identity.key_of(self.model, identity.key_values(self.model, fields))
        existing_id = self.existing.get(result.key) if result.key else None
        if existing_id is not None and (self.report.on_existing == "skip"
                                        or self.model.append_only):
            # Skipped rows are never written: each value is checked on its own, without
            # loading the stored row (a second import of a big ledger stays quick).
            self._check_fields(result, fields)
            if result.problems:
                return self._failed(result)
            return self._classify(result, {}, {}, None, existing_id)
        current = self.model.get_by_id(existing_id) if existing_id else None
        given = fields if current is None else {k: v for k, v in fields.items() if v is not None}
        before = len(self.keep.fields)
        try:
            cleaned = crud.clean(self.model, given, current)
        except ValidationError as exc:
            for key, message in exc.errors.items():
                self._problem(result, key, _strip_label(message, self.columns.get(key)))
            return self._failed(result)
        self._check_derived(result, cleaned, derived)
        if related:
            self._participants(result, related)
            if result.participants:  # as the record form counts them: at least one each
                cleaned["headcount"] = max(int(cleaned.get("headcount") or 0),
                                           len(result.participants))
            self._volunteers(result, cleaned, related)
        if result.problems:
            return self._failed(result)
        kept = self.keep.fields[before:]  # city-owned codes kept as stored
        if kept:
            given = {**given, **{k: cleaned[k] for k in kept}}
        self._classify(result, cleaned, given, current, existing_id)
        if kept and result.action != "duplicate":
            result.city_kept = kept
            result.note = "；".join(p for p in (
                result.note or _("可导入", "to add"),
                *(_("{}：{}，已保留系统中的认定", "{}: {}; the stored value is kept").format(
                    self.columns[k].label, city_owned.message(self.model, k)) for k in kept))
                if p)
        return result

    def _check_fields(self, result: RowResult, fields: dict[str, Any]) -> None:
        for key, raw in fields.items():
            spec = self.columns[key].spec
            if raw is None or spec is None:
                continue
            try:
                value = spec.parse(raw)
                if spec.kind == "choice":
                    reference.resolve(spec.ref_list or "", value, spec.label)
                elif spec.kind == "choices":
                    for part in _PARTS.split(str(value)):
                        if part:
                            reference.resolve(spec.ref_list or "", part, spec.label)
            except ValidationError as exc:
                self._problem(result, key, str(exc))

    def _classify(self, result: RowResult, cleaned: dict[str, Any], given: dict[str, Any],
                  current: SyncedModel | None, existing_id: int | None) -> RowResult:
        key = result.key
        if key is not None and key in self.seen:
            result.action = "duplicate"
            result.duplicate_of = self.seen[key]
            result.note = _("与第 {} 行重复（{}），未导入", "Repeats row {} ({}); not imported"
                            ).format(self.seen[key], identity.describe_key(key))
            return result
        if key is not None:
            self.seen[key] = result.row
        if existing_id is None:
            result.action = "add"
            result.values = cleaned
            return result
        result.existing_id = existing_id
        changed = sorted(k for k, v in cleaned.items()
                         if current is not None and _differs(current, k, v))
        if changed:
            result.action = "update"
            result.values = given
            labels = [self.columns[k].label for k in changed if k in self.columns]
            result.note = _("将更新已有记录：{}", "Updates the existing row: {}").format(
                "、".join(labels) or "—")
        else:
            result.action = "skip"
            result.note = _("已存在（{}），跳过", "Already there ({}); skipped").format(
                identity.describe_key(key) if key else "")
        return result

    def _check_derived(self, result: RowResult, cleaned: dict[str, Any],
                       derived: dict[str, Any]) -> None:
        """Sex and birth date typed beside a resident ID must agree with it."""
        for key, raw in derived.items():
            if raw is None:
                continue
            spec = self.columns[key].spec
            assert spec is not None
            try:
                value = spec.parse(raw)
                if spec.kind == "choice":
                    value = reference.resolve(spec.ref_list or "", value, spec.label)
            except ValidationError as exc:
                self._problem(result, key, str(exc))
                continue
            if key not in cleaned:
                cleaned[key] = value
            elif cleaned[key] != value:
                self._problem(result, key, _("与身份证号不符（按身份证号应为“{}”）",
                                             "does not match the resident ID (which says “{}”)")
                              .format(_shown(spec, cleaned[key])))

    def _participants(self, result: RowResult, related: dict[str, Any]) -> None:
        """The clients who took part ("陈阿婆、林阿公", or resident IDs where names repeat)."""
        for name in _NAME_SPLIT.split(str(related.get(PARTICIPANTS) or "")):
            if not name:
                continue
            try:
                client = self.names.resolve_in(Client, name)
            except ValidationError as exc:
                self._problem(result, PARTICIPANTS, str(exc))
                continue
            if client not in result.participants:
                result.participants.append(client)

    def _volunteers(self, result: RowResult, cleaned: dict[str, Any],
                    related: dict[str, Any]) -> None:
        """A record's volunteers ("张三、李四(2)") and hours become hour-ledger entries."""
        names = related.get(VOLUNTEERS)
        if not names:
            if related.get(VOLUNTEER_HOURS) is not None:
                self._problem(result, VOLUNTEERS, _("填写了志愿时长，但没有填写志愿者",
                                                    "Hours are given but no volunteers"))
            return
        default = related.get(VOLUNTEER_HOURS)
        if default is None and cleaned.get("duration_min"):
            default = Decimal(cleaned["duration_min"]) / 60
        for name, inline in _split_volunteers(str(names)):
            try:
                volunteer = self.names.resolve(self.model, _VOLUNTEER_SPEC, name)
            except ValidationError as exc:
                self._problem(result, VOLUNTEERS, str(exc))
                continue
            hours = inline if inline is not None else default
            if hours is None:
                self._problem(result, VOLUNTEER_HOURS, _(
                    "请填写志愿者“{}”的时长（志愿时长列，或写成“{}(2)”）",
                    "Give the hours of volunteer “{}” (the volunteer-hours column, or “{}(2)”)")
                    .format(name, name))
                continue
            try:
                entry = crud.clean(VolunteerHour, {
                    "volunteer": volunteer, "date": cleaned["date"], "hours": _round(hours),
                    "content": cleaned["title"]})
            except ValidationError as exc:
                for message in exc.errors.values():
                    self._problem(result, VOLUNTEER_HOURS, message)
                continue
            result.hours.append((entry["volunteer"], entry["hours"]))

    def _problem(self, result: RowResult, key: str, message: str) -> None:
        position = next((p for p, k in self.report.mapping.items() if k == key), None)
        heading = self.report.headings[position] if position is not None else (
            self.columns[key].label if key in self.columns else "")
        result.problems.append(Problem(heading, message, position))

    @staticmethod
    def _failed(result: RowResult) -> RowResult:
        result.action = "error"
        result.values = {}
        return result


_VOLUNTEER_SPEC = describe(VolunteerHour).field("volunteer")
_INLINE_HOURS = re.compile(r"^(.*?)[(（:：]?\s*([0-9]+(?:\.[0-9]+)?)\s*(?:小时|h|H)?[)）]?$")
_NAME_SPLIT = re.compile(r"[，,、;；/\s]+")
_PARTS = _NAME_SPLIT  # how several choices share a cell (as crud.clean splits them)


def _split_volunteers(text: str) -> list[tuple[str, Decimal | None]]:
    """"张三、李四(2)、王五：1.5" -> [("张三", None), ("李四", 2), ("王五", 1.5)]."""
    out: list[tuple[str, Decimal | None]] = []
    for part in _NAME_SPLIT.split(text.strip()):
        if not part:
            continue
        match = _INLINE_HOURS.match(part)
        if match and match.group(1):
            out.append((match.group(1).strip(), Decimal(match.group(2))))
        else:
            out.append((part, None))
    return out


def _round(hours: Any) -> Any:
    if isinstance(hours, Decimal):
        return hours.quantize(Decimal("0.01"))
    return hours


def _cell(value: Any, spec: FieldSpec | None) -> Any:
    """What openpyxl read, as the core's parsers expect it (None for an empty cell)."""
    if isinstance(value, str):
        value = value.strip()
        return value or None
    if value is None or spec is None:
        return value
    kind = spec.kind
    if (kind == "date" and isinstance(value, int | float) and not isinstance(value, bool)
            and _EXCEL_SERIAL[0] <= value <= _EXCEL_SERIAL[1]):
        return from_excel(value).date()
    if kind == "resident_id" and isinstance(value, int | float):
        if len(str(int(value))) > 15:
            raise ValidationError(_(
                "身份证号被 Excel 存成了数字，末几位已经丢失；请把该列设为“文本”格式后重新填写",
                "Excel stored the resident ID as a number and lost its last digits; format "
                "the column as text and type the IDs again"))
        return str(int(value))
    if kind in _TEXT_KINDS:
        if isinstance(value, bool):
            return _("是", "Yes") if value else _("否", "No")
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        if isinstance(value, dt.datetime):
            return value.date().isoformat() if value.time() == dt.time(0) else str(value)
        return str(value)
    return value


_BRACKETS = re.compile(r"[（(].*?[）)]")


def _lenient_choice(spec: FieldSpec, raw: Any) -> Any:
    """Ledgers shorten labels ("小组" for 小组活动): accept a shortening that fits one item."""
    text = str(raw).strip()
    items = reference.items(spec.ref_list or "")
    if any(text in (i.code, i.zh, i.en) for i in items):
        return text
    hits = [i for i in items if (base := _BRACKETS.sub("", i.zh))
            and (base.startswith(text) or text.startswith(base))]
    return hits[0].code if len(hits) == 1 else text


def _strip_label(message: str, column: Column | None) -> str:
    """crud.clean starts each message with the field's label; the report names the column."""
    if column is not None:
        for prefix in (f"{column.spec.label}：" if column.spec else "",
                       f"{column.spec.label}: " if column.spec else ""):
            if prefix and message.startswith(prefix):
                return message[len(prefix):]
    return message


def _shown(spec: FieldSpec, value: Any) -> str:
    if spec.kind == "choice":
        return reference.label(spec.ref_list or "", value)
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def _differs(current: SyncedModel, key: str, new: Any) -> bool:
    if key not in current._meta.fields:
        return False
    old = getattr(current, column_attr(type(current), key))
    if old is None or new is None:
        return old is not new
    return str(old) != str(new)


class _NameLookup:
    """Linked rows named in a sheet ("李华" as the worker) resolved to their ids."""

    # A person may also be named by resident ID: unique where names repeat.
    _TITLE_COLUMNS = ("name", "title", "case_no", "code", "id_number")

    def __init__(self) -> None:
        self._maps: dict[type[pw.Model], dict[str, list[int]]] = {}

    def resolve(self, model: type[SyncedModel], spec: FieldSpec, raw: Any) -> int:
        target: type[SyncedModel] = (Volunteer if spec is _VOLUNTEER_SPEC
                                     else model._meta.fields[spec.key].rel_model)
        return self.resolve_in(target, raw)

    def resolve_in(self, target: type[SyncedModel], raw: Any) -> int:
        names = self._maps.get(target)
        if names is None:
            names = self._maps[target] = self._load(target)
        text = str(raw).strip()
        ids = names.get(text) or names.get(text.upper(), [])  # a resident ID's x
        if len(ids) == 1:
            return ids[0]
        what = describe(target).label
        if len(ids) > 1 and "id_number" in target._meta.fields:
            raise ValidationError(_("有 {} 个同名的{}“{}”，请改填身份证号",
                                    "{} rows of {} are named “{}”; give the resident ID "
                                    "instead").format(len(ids), what, text))
        if not ids:
            raise ValidationError(_("找不到{}“{}”，请先在系统中登记", "No {} named “{}”; register "
                                    "it first").format(what, text))
        raise ValidationError(_("有 {} 个同名的{}“{}”，无法确定是哪一个",
                                "{} rows of {} are named “{}”; cannot tell which").format(
            len(ids), what, text))

    def _load(self, target: type[SyncedModel]) -> dict[str, list[int]]:
        fields = [target._meta.fields[c] for c in self._TITLE_COLUMNS if c in target._meta.fields]
        names: dict[str, list[int]] = {}
        for row in tuples(target.live().select(target.id, *fields)):
            for value in {str(v).strip() for v in row[1:] if v}:
                names.setdefault(value, []).append(int(row[0]))
        return names

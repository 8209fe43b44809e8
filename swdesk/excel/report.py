"""What an import found, row by row, and the annotated copy of the sheet for the worker."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font, PatternFill

from swdesk import outfiles
from swdesk.errors import SwdeskError
from swdesk.excel.writeonly import removed_on_error
from swdesk.i18n import _
from swdesk.model import SyncedModel
from swdesk.os_words import reason
from swdesk.services.crud import labelled

Action = Literal["add", "update", "skip", "error", "duplicate"]
OnExisting = Literal["skip", "update"]

_RED = "C00000"
_RED_FONT = Font(color=_RED, bold=True)
_GREY_FONT = Font(color="808080")
_BAD_CELL = PatternFill("solid", fgColor="FFC7CE")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one cell (``column`` empty: with the row as a whole)."""

    column: str  # the heading as written in the sheet
    message: str
    position: int | None = None  # column index in the sheet, for highlighting


@dataclass
class RowResult:
    row: int  # Excel row number
    cells: tuple[Any, ...]
    action: Action = "add"
    values: dict[str, Any] = field(default_factory=dict)  # cleaned, ready to store
    problems: list[Problem] = field(default_factory=list)
    existing_id: int | None = None
    duplicate_of: int | None = None  # the earlier row of the same file
    note: str = ""
    hours: list[tuple[int, Decimal]] = field(default_factory=list)  # (volunteer id, hours)
    participants: list[int] = field(default_factory=list)  # client ids (a service record)
    key: tuple[Any, ...] | None = None  # identity of the person or record
    city_kept: list[str] = field(default_factory=list)  # city-owned codes kept as stored

    def explain(self) -> str:
        """The text of the report's result column."""
        if self.problems:
            return "；".join(labelled(p.column, p.message) for p in self.problems)
        return self.note


@dataclass
class ImportReport:
    kind: str
    model: type[SyncedModel]
    path: Path
    sheet: str
    header_row: int
    headings: list[str]
    mapping: dict[int, str]  # column index -> column key
    preamble: list[tuple[Any, ...]]
    on_existing: OnExisting = "skip"
    rows: list[RowResult] = field(default_factory=list)
    written: bool = False
    added: int = 0
    updated: int = 0
    hours_added: int = 0
    participants_added: int = 0

    @property
    def ignored(self) -> list[str]:
        """Headings of columns that are not imported."""
        return [h for i, h in enumerate(self.headings) if h and i not in self.mapping]

    def count(self, action: Action) -> int:
        return sum(1 for r in self.rows if r.action == action)

    @property
    def counts(self) -> dict[str, int]:
        found = Counter(r.action for r in self.rows)
        return {a: found.get(a, 0) for a in ("add", "update", "skip", "duplicate", "error")}

    @property
    def errors(self) -> list[RowResult]:
        return [r for r in self.rows if r.action == "error"]

    def summary(self) -> str:
        c = self.counts
        text = _("共 {} 行：新增 {}，更新 {}，跳过（已存在）{}，文件内重复 {}，有错误 {}",
                 "{} rows: {} to add, {} to update, {} skipped (already there), "
                 "{} duplicates in the file, {} with errors").format(
            len(self.rows), c["add"], c["update"], c["skip"], c["duplicate"], c["error"])
        kept = sum(1 for r in self.rows if r.city_kept)
        if kept:
            text += _("；其中 {} 行的低保、特困由市级平台认定，保留系统中的值，未按表格修改",
                      "; in {} rows the city-owned target groups (低保/特困) are kept as "
                      "stored, not taken from the sheet").format(kept)
        if self.written:
            text += _("。已写入：新增 {}，更新 {}", ". Written: {} added, {} updated").format(
                self.added, self.updated)
            if self.participants_added or self.hours_added:
                text += _("（参与的服务对象 {} 人次，志愿时长 {} 条）",
                          " ({} participants, {} volunteer-hour entries)").format(
                    self.participants_added, self.hours_added)
        return text


def write_report(report: ImportReport, out: Path) -> Path:
    """Write the sheet again with a result column: errors in red, bad cells filled red.

    The worker corrects the red rows in this copy and imports it again; rows that
    went in already are then recognised and skipped.
    """
    out = Path(out)
    book = Workbook(write_only=True)
    ws = book.create_sheet(report.sheet[:31] or "Sheet1")
    width = len(report.headings)
    ws.freeze_panes = f"A{report.header_row + 1}"
    with removed_on_error(ws):
        _write_rows(ws, report, width)
        try:
            with outfiles.writing(out) as tmp:
                book.save(tmp)
        except OSError as exc:
            raise SwdeskError(_("无法写入 {}：{}", "Cannot write {}: {}").format(
                out, reason(exc))) from None
    return out


def _write_rows(ws: Any, report: ImportReport, width: int) -> None:
    result_col = width
    for number, cells in enumerate(report.preamble, start=1):
        row = [_styled(ws, v) for v in cells] + [None] * (width - len(cells))
        if number == report.header_row:
            row.append(_with(ws, _("导入结果", "Import result"), _RED_FONT))
        ws.append(row)
    for result in report.rows:
        bad = {p.position for p in result.problems if p.position is not None}
        row = []
        for position, value in enumerate(result.cells[:width]):
            cell = _styled(ws, value)
            if position in bad:
                cell.fill = _BAD_CELL
            row.append(cell)
        row += [None] * (result_col - len(row))
        text = result.explain() or _action_text(result.action)
        row.append(_with(ws, text, _RED_FONT if result.action == "error" else _GREY_FONT))
        ws.append(row)


def _action_text(action: Action) -> str:
    return {
        "add": _("可导入", "to add"), "update": _("将更新已有记录", "updates an existing row"),
        "skip": _("已存在，跳过", "already there, skipped"),
        "duplicate": _("与文件中前面的行重复", "repeats an earlier row"), "error": "",
    }[action]


def _styled(ws: Any, value: Any) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, value=value)
    if isinstance(value, dt.datetime) and value.time() == dt.time(0):
        cell.number_format = "yyyy-mm-dd"
    return cell


def _with(ws: Any, value: Any, font: Font) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, value=value)
    cell.font = font
    return cell

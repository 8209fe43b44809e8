"""Report tables to Excel (openpyxl): the same tables the PDF prints, one sheet each."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from swdesk import outfiles
from swdesk.i18n import _
from swdesk.reports.monthly_data import Cell, MonthlyReport, ReportTable

_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEAD = PatternFill("solid", fgColor="E8E8E8")
_BOLD = Font(bold=True)


def _value(cell: Cell) -> object:
    """Numbers stay numbers so the street office can add them up."""
    if isinstance(cell, Decimal):
        return float(cell)
    if isinstance(cell, str):
        try:
            return float(cell) if cell and cell.replace(".", "", 1).isdigit() else cell
        except ValueError:
            return cell
    return cell


def _sheet_name(title: str, used: set[str]) -> str:
    # Excel forbids []:*?/\ in sheet names and caps them at 31 characters.
    name = "".join(ch for ch in title if ch not in "[]:*?/\\")[:31] or "Sheet"
    base, n = name, 2
    while name in used:
        name = f"{base[:28]}_{n}"
        n += 1
    used.add(name)
    return name


def _write_table(ws: Worksheet, table: ReportTable, top: int) -> int:
    """Write ``table`` from row ``top``; returns the next free row."""
    ws.cell(row=top, column=1, value=table.title).font = _BOLD
    row = top + 1
    lines: list[list[Cell]] = [list(table.header), *table.rows]
    if table.total:
        lines.append(table.total)
    for i, line in enumerate(lines):
        for col, value in enumerate(line, start=1):
            cell = ws.cell(row=row, column=col, value=_value(value))
            cell.border = _BORDER
            cell.alignment = Alignment(vertical="center", wrap_text=True)
            if i == 0 or (table.total is not None and i == len(lines) - 1):
                cell.fill = _HEAD
                cell.font = _BOLD
        row += 1
    if table.note:
        ws.cell(row=row, column=1, value=table.note)
        row += 1
    for col in range(1, len(table.header) + 1):
        letter = get_column_letter(col)
        ws.column_dimensions[letter].width = max(ws.column_dimensions[letter].width or 0,
                                                 28 if col == 1 else 16)
    return row + 1


def write_monthly(report: MonthlyReport, out: Path) -> int:
    """A summary sheet, then one sheet per table; returns the number of sheets."""
    wb = Workbook()
    summary = wb.active
    assert summary is not None
    used: set[str] = set()
    summary.title = _sheet_name(_("总体情况", "Summary"), used)
    summary.cell(row=1, column=1, value=_("{} 月度工作报表", "{} monthly report").format(
        report.station)).font = Font(bold=True, size=14)
    summary.cell(row=2, column=1, value=_("统计期间：{} 至 {}", "Period: {} to {}").format(
        report.period.first.isoformat(), report.period.last.isoformat()))
    _write_table(summary, ReportTable("summary", _("总体情况", "Summary"),
                                      [_("项目", "Item"), _("数值", "Value")],
                                      [[k, v] for k, v in report.summary]), 4)
    below = 4 + len(report.summary) + 4
    summary.cell(row=below, column=1, value=_("统计口径", "How the figures are counted")
                 ).font = Font(bold=True)
    for i, line in enumerate(report.rules, start=1):
        summary.cell(row=below + i, column=1, value=line)
    for table in report.tables:
        ws = wb.create_sheet(_sheet_name(table.title, used))
        _write_table(ws, table, 1)
    with outfiles.writing(out) as tmp:
        wb.save(tmp)
    return len(wb.sheetnames)

"""The evaluation binder's indicator detail as an Excel workbook: a sheet of the
indicators with their actual figures, then one sheet per indicator listing the rows
behind it (the same lines the binder prints). Written row by row (write-only)."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from swdesk import outfiles
from swdesk.i18n import _
from swdesk.reports.binder import Year
from swdesk.services import figure_rows
from swdesk.services.indicators import indicator_progress, year_text


def _sheet_title(n: int, label: str) -> str:
    # Excel refuses sheet names over 31 characters or with []:*?/\
    clean = "".join(ch for ch in label if ch not in "[]:*?/\\")
    return f"{n}-{clean}"[:31]


def write_detail(data: Year, out: Path) -> int:
    """Write the workbook to ``out``; returns the number of sheets."""
    progress = indicator_progress(data.project, first=data.year.first, last=data.year.last)
    book = Workbook(write_only=True)
    summary = book.create_sheet(_("指标完成情况", "Indicators"))
    summary.append([data.project.name, data.project.code or "", year_text(data.year)])
    summary.append([_("指标", "Indicator"), _("目标值", "Target"), _("完成值", "Actual"),
                    _("明细条数", "Rows behind")])
    for item in progress:
        summary.append([item.label, item.target, item.actual, len(data.lines[item.kind])])
    for n, item in enumerate(progress, start=1):
        sheet = book.create_sheet(_sheet_title(n, item.label))
        sheet.append([_("编号", "Number"), _("日期", "Date"), _("主题", "Title"),
                      _("参与人次", "Person-times"), _("计入", "Counts")])
        lines = data.lines[item.kind]
        for ln in lines:
            sheet.append([ln.number, ln.date, ln.title, ln.people, ln.adds])
        if figure_rows.additive(item.kind):
            sheet.append(["", "", _("合计", "Total"), "", sum(ln.adds for ln in lines)])
    with outfiles.writing(out) as tmp:
        book.save(str(tmp))
    return 1 + len(progress)

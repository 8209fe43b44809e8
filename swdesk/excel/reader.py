"""Reading a station's Excel ledger: open it safely, find the header, walk the rows.

Real ledgers put a title above the header, merge heading cells over two rows
("联系方式" over 联系电话 and 住址) and leave blank rows in between; this module
turns all of that into one list of headings and an iterator of data rows.
Workbooks are opened read-only (openpyxl keeps a 100k-row sheet in a few MiB
that way); merged cells then hold their value in the top-left cell only.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType
from typing import Any

import openpyxl
from openpyxl.utils.exceptions import InvalidFileException

from swdesk.errors import SwdeskError
from swdesk.excel.columns import NOTE_MARK, normalise
from swdesk.excel.row_process import RowsInProcess
from swdesk.i18n import _
from swdesk.os_words import reason

HEADER_SEARCH_ROWS = 10  # the header is looked for among the first rows
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # old .xls files and password-protected workbooks
_ZIP_MAGIC = b"PK"

Cells = tuple[Any, ...]


class SheetError(SwdeskError):
    """The workbook or sheet cannot be read as a ledger (message fit for the worker)."""


def open_workbook(path: Path) -> Any:
    """A read-only openpyxl workbook, or SheetError saying what is wrong with the file."""
    path = Path(path)
    try:
        with path.open("rb") as handle:
            magic = handle.read(4)
    except FileNotFoundError:
        raise SheetError(_("找不到文件 {}", "File not found: {}").format(path)) from None
    except OSError as exc:
        raise SheetError(_("无法打开文件 {}：{}", "Cannot open {}: {}").format(
            path, reason(exc))) from None
    if magic.startswith(_OLE_MAGIC):
        raise SheetError(_(
            "{} 是旧版 Excel（.xls）文件或设有打开密码，"
            "请在 Excel 中“另存为”.xlsx（不设密码）后再导入",
            "{} is an old Excel (.xls) file or is password-protected; save it as .xlsx "
            "(without a password) and import that").format(path.name))
    if not magic.startswith(_ZIP_MAGIC):
        raise SheetError(_("{} 不是 Excel 文件（.xlsx），可能只是改了扩展名",
                           "{} is not an Excel (.xlsx) file; perhaps only its name was "
                           "changed").format(path.name))
    try:
        return openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as exc:
        raise SheetError(_("{} 已损坏或不是 Excel 文件（.xlsx）：{}",
                           "{} is damaged or not an Excel (.xlsx) file: {}").format(
            path.name, type(exc).__name__)) from None


def sheet_names(path: Path) -> list[str]:
    workbook = open_workbook(path)
    try:
        return list(workbook.sheetnames)
    finally:
        workbook.close()


def is_blank(cells: Cells) -> bool:
    return all(c is None or (isinstance(c, str) and not c.strip()) for c in cells)


def is_note_row(cells: Cells) -> bool:
    """A template's notes row: every filled cell starts with the note mark."""
    filled = [c for c in cells if not (c is None or (isinstance(c, str) and not c.strip()))]
    return bool(filled) and all(isinstance(c, str) and c.lstrip().startswith(NOTE_MARK)
                                for c in filled)


def _text(cell: Any) -> str:
    return "" if cell is None else str(cell).strip()


class SheetReader:
    """One sheet of a workbook, with its header found. Use as a context manager."""

    def __init__(self, path: Path, sheet: str | None, known: set[str]) -> None:
        self.path = Path(path)
        self._workbook = open_workbook(self.path)
        try:
            self._select(sheet)
            self._find_header(known)
        except BaseException:
            self._workbook.close()
            raise

    def __enter__(self) -> SheetReader:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        self._workbook.close()

    def _select(self, sheet: str | None) -> None:
        names = list(self._workbook.sheetnames)
        if sheet is None:
            if not names:
                raise SheetError(_("{} 中没有工作表", "{} has no sheets").format(self.path.name))
            sheet = names[0]
        elif sheet not in names:
            raise SheetError(_("没有名为“{}”的工作表，现有：{}", "There is no sheet “{}”; the "
                               "workbook has: {}").format(sheet, "、".join(names)))
        self.sheet = sheet
        self._ws = self._workbook[sheet]

    def _find_header(self, known: set[str]) -> None:
        top = [tuple(r) for r in self._ws.iter_rows(max_row=HEADER_SEARCH_ROWS,
                                                    values_only=True)]
        if all(is_blank(r) for r in top):
            raise SheetError(_("工作表“{}”是空的（前{}行没有内容）",
                               "The sheet “{}” is empty (nothing in its first {} rows)")
                             .format(self.sheet, HEADER_SEARCH_ROWS))

        def score(cells: Cells) -> int:
            return sum(1 for c in cells if normalise(c) in known)

        best = max(range(len(top)), key=lambda i: (score(top[i]), -i))
        if score(top[best]) == 0:
            seen = "、".join(_text(c) for c in next(r for r in top if not is_blank(r)) if _text(c))
            raise SheetError(_(
                "在工作表“{sheet}”的前{n}行中找不到表头（如“姓名”“身份证号”）；第一行内容：{seen}",
                "No header row (such as 姓名 or 身份证号) in the first {n} rows of sheet "
                "“{sheet}”; the first row holds: {seen}").format(
                    sheet=self.sheet, n=HEADER_SEARCH_ROWS, seen=seen[:120]))
        width = max(len(r) for r in top)
        rows = [list(r) + [None] * (width - len(r)) for r in top]
        headings = [_text(c) for c in rows[best]]
        # A heading merged over two rows sits above an empty cell: take it from above.
        for col, heading in enumerate(headings):
            if not heading:
                above = next((_text(rows[i][col]) for i in range(best - 1, -1, -1)
                              if _text(rows[i][col])), "")
                headings[col] = above
        header_row = best
        # Two-level header: group labels in this row, the real headings just below.
        if best + 1 < len(rows) and score(tuple(rows[best + 1])) > 0:
            below = [_text(c) for c in rows[best + 1]]
            gains = [col for col, text in enumerate(below)
                     if text and normalise(text) in known
                     and normalise(headings[col]) not in known]
            if gains and all(not text or normalise(text) in known or col in gains
                             for col, text in enumerate(below)):
                headings = [below[col] or headings[col] for col in range(width)]
                header_row = best + 1
        self.header_row = header_row + 1  # as Excel numbers rows
        self.headings = headings
        self.preamble: list[Cells] = [tuple(r) for r in rows[: header_row + 1]]
        max_row = self._ws.max_row
        self.total_rows = max(int(max_row) - self.header_row, 0) if max_row else None

    def rows(self, *, in_process: bool = False) -> Iterator[tuple[int, Cells]]:
        """(Excel row number, cells) of every data row below the header.

        Blank rows and a template's notes row are skipped; rows are padded to the
        header's width. ``in_process``: read by a second process (``row_process``) while
        the caller checks them.
        """
        width = len(self.headings)
        start = self.header_row + 1
        if in_process:
            with RowsInProcess(self.path, self.sheet, start) as read:
                yield from self._padded(enumerate(read, start=start), width)
        else:
            yield from self._padded(
                enumerate(self._ws.iter_rows(min_row=start, values_only=True), start=start),
                width)

    @staticmethod
    def _padded(numbered: Iterator[tuple[int, Cells]], width: int
                ) -> Iterator[tuple[int, Cells]]:
        for number, cells in numbered:
            row = tuple(cells)
            if is_blank(row) or is_note_row(row):
                continue
            if len(row) < width:
                row = row + (None,) * (width - len(row))
            yield number, row

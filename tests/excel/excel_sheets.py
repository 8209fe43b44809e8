"""Building the ledgers the Excel tests import: the shapes stations really send."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from swdesk.validation import resident_id_check_digit

CLIENT_HEADINGS = ["序号", "姓名", "身份证号码", "手机号", "家庭住址", "所属社区", "对象类别"]


def make_id(first17: str = "35020319850307123") -> str:
    return first17 + resident_id_check_digit(first17)


def wrong_check_digit(number: str) -> str:
    return number[:-1] + ("0" if number[-1] != "0" else "1")


def write_sheet(path: Path, rows: Sequence[Sequence[Any]], *, title: str | None = None,
                sheet: str = "台账") -> Path:
    """A workbook with one sheet: an optional merged title row, then ``rows``."""
    book = Workbook()
    ws = book.active
    ws.title = sheet
    if title is not None:
        ws.append([title])
        width = max(len(r) for r in rows)
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    for row in rows:
        ws.append(list(row))
    book.save(path)
    return path


def client_sheet(path: Path, rows: Sequence[Sequence[Any]], **kw: Any) -> Path:
    return write_sheet(path, [CLIENT_HEADINGS, *rows], **kw)

"""A big ledger's rows read by a second process: the same check as in one process."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from swdesk import excel
from swdesk.errors import SwdeskError
from swdesk.excel import planner
from swdesk.excel.row_process import RowsInProcess


def _ledger(path: Path, rows: int) -> None:
    book = Workbook(write_only=True)
    ws = book.create_sheet("台账")
    ws.append(["服务对象台账"])
    ws.append(["姓名", "联系电话", "所属社区"])
    for n in range(rows):
        ws.append([f"王{n}", 13800000000 + n if n % 7 else "不是电话", "莲花社区"])
    book.save(path)


def test_a_big_sheet_read_by_a_second_process_is_checked_the_same(
        sdb: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ledger = tmp_path / "台账 2024.xlsx"
    _ledger(ledger, 1200)
    monkeypatch.setattr(planner, "PROCESS_ROWS", 1000)
    monkeypatch.setattr(planner, "PROCESS_BYTES", 10_000)  # (openpyxl's file: no size said)
    seen: list[bool] = []
    rows = planner.SheetReader.rows

    def spy(self: planner.SheetReader, *, in_process: bool = False):  # type: ignore[no-untyped-def]
        seen.append(in_process)
        return rows(self, in_process=in_process)

    monkeypatch.setattr(planner.SheetReader, "rows", spy)
    alone = excel.plan("clients", ledger)
    both = excel.plan("clients", ledger, processes=True)
    assert seen == [False, True]
    assert [(r.row, r.action, r.values, r.explain()) for r in both.rows] == [
        (r.row, r.action, r.values, r.explain()) for r in alone.rows]
    assert len(both.rows) == 1200 and both.count("error") == len(range(0, 1200, 7))


def test_a_reader_that_fails_says_why(tmp_path: Path) -> None:
    ledger = tmp_path / "l.xlsx"
    _ledger(ledger, 3)
    with (pytest.raises(SwdeskError, match="KeyError"),
          RowsInProcess(ledger, "没有这张表", 3) as read):
        list(read)

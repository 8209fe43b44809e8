"""A disk fault met by a background task (an Excel import, a sync import) reaches the worker
as its own message, even as the chain peewee raises after SQLite rolled back by itself."""

from __future__ import annotations

import sqlite3

import peewee as pw
from pytestqt.qtbot import QtBot
from ui_helpers import answer_box

from ui import ops


def test_a_full_disk_in_a_task_says_so(qtbot: QtBot) -> None:
    def work(control: ops.TaskControl) -> None:
        try:  # what peewee raises at COMMIT on a full disk, then at its own ROLLBACK
            raise pw.OperationalError(sqlite3.OperationalError("database or disk is full"))
        except pw.OperationalError:
            raise pw.OperationalError(sqlite3.OperationalError(
                "cannot rollback - no transaction is active")) from None

    seen = answer_box(qtbot, "OK")
    ops.run_task(None, "测试", work)
    qtbot.waitUntil(lambda: ops.running() == 0 and bool(seen))
    assert seen[0].startswith("磁盘空间不足，刚才的修改没有保存")

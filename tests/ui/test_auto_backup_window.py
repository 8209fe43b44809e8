"""Issue 26: the automatic backups of start and close run off the GUI thread.

The copy of the attachments' files is slowed (a USB disk), and a timer on the event
loop notes that it fired while the backup was running. Closing waits for the closing
backup, showing its bar, and the backups it leaves are complete and healthy.
"""

from __future__ import annotations

import time
from typing import BinaryIO

import pytest
from attachment_files import stored_photos
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot

from swdesk import paths
from swdesk.db import StationDatabase, backup, backup_files
from swdesk.db.files import FileStore
from ui.main_window import MainWindow

SLOW_FILE_S = 0.15  # each attachment's file copied into a backup folder takes this long


@pytest.fixture
def slow_copy(monkeypatch: pytest.MonkeyPatch) -> None:
    put = FileStore.put_stream

    def slowly(self: FileStore, sha256: str, stream: BinaryIO) -> None:
        time.sleep(SLOW_FILE_S)
        put(self, sha256, stream)

    monkeypatch.setattr(FileStore, "put_stream", slowly)


class Ticks:
    """A 10 ms timer on the event loop: how often it fired while ``busy()`` held."""

    def __init__(self, busy: object) -> None:
        self.busy = busy
        self.during = 0
        self.timer = QTimer()
        self.timer.setInterval(10)
        self.timer.timeout.connect(self._tick)
        self.timer.start()

    def _tick(self) -> None:
        if callable(self.busy) and self.busy():
            self.during += 1


def test_start_backup_runs_while_the_window_works_and_closing_waits_for_both(
        qtbot: QtBot, window: MainWindow, sdb: StationDatabase, slow_copy: None) -> None:
    folder = paths.backups_dir(sdb.data_dir)
    first = stored_photos(sdb.data_dir, 8)
    window.after_show()
    window.idle_lock.deleteLater()
    starting = window.backups.starting
    assert starting is not None
    ticks = Ticks(lambda: window.backups.starting is not None or window.backups.closing)
    qtbot.waitUntil(lambda: any(folder.glob("attachments/*/*")), timeout=10_000)
    assert QApplication.activeModalWidget() is None  # the person may go on working
    stored_photos(sdb.data_dir, 3, first=8)  # … and does: three more photos while it runs
    window.close()  # asked to close while the start-of-day backup still runs
    assert window.isVisible() and window.sdb is not None  # it waits
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=20_000)
    ticks.timer.stop()
    assert ticks.during > 0  # the event loop ran all the while
    assert window.sdb is None  # the database was closed only after the backups

    start, close = (sorted(folder.glob(f"auto-*-{kind}.db")) for kind in ("start", "close"))
    assert len(start) == 1 and len(close) == 1
    assert not list(folder.glob("*.part"))
    for made, names in ((start[0], 8), (close[0], 11)):
        report = backup.check(made)
        assert report.healthy and report.complete, report.problems
        assert len(backup_files.named_in_file(made)) == names
    assert set(backup_files.store_of(folder).hashes()) >= first  # every file, byte-checked


def test_a_cancelled_start_backup_leaves_nothing_and_close_still_backs_up(
        qtbot: QtBot, window: MainWindow, sdb: StationDatabase, slow_copy: None) -> None:
    folder = paths.backups_dir(sdb.data_dir)
    stored_photos(sdb.data_dir, 12)
    window.backups.start()
    starting = window.backups.starting
    assert starting is not None
    qtbot.waitUntil(lambda: any(folder.glob("attachments/*/*")), timeout=10_000)
    qtbot.waitUntil(starting.dialog.isVisible)  # (after its delay: a while already)
    cancel = starting.dialog.findChild(QPushButton)
    assert cancel is not None and cancel.text() == "取消"
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.backups.starting is None, timeout=10_000)
    assert not list(folder.glob("*.db")) and not list(folder.glob("*.part"))
    window.close()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=20_000)
    (made,) = folder.glob("auto-*-close.db")
    assert backup.check(made).complete

"""The automatic backups of the window's start and close, off the GUI thread.

The first start of a day backs up once the window is up: a bar that does not hold the
window (the person goes on working: the backup is the database as it was when it began)
with a cancel button. Closing backs up while the window waits with its bar showing (the
first backup after photos exist copies every attachment's file, a minute to a USB
disk), and the window goes only when the backup is written or cancelled (a cancelled
one leaves nothing behind), never in the middle of it. Both through ``ui/ops.py``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, QThreadPool, QTimer
from PySide6.QtWidgets import QWidget

from swdesk.db import StationDatabase
from swdesk.services import backups
from ui import ops

log = logging.getLogger(__name__)
translate = QCoreApplication.translate

IDLE_POLL_MS = 50  # how often a closing window looks whether the pool's calls are over


class AutoBackups(QObject):
    """The start-of-day and the closing backup of one window's station."""

    def __init__(self, window: QWidget, sdb_of: Callable[[], StationDatabase | None]) -> None:
        super().__init__(window)
        self._window = window
        self._sdb_of = sdb_of  # (read when needed: a test may take the database away)
        self.starting: ops.Task | None = None  # the start-of-day backup while it runs
        self.closing: ops.Task | None = None  # the closing backup while it runs
        self._then: Callable[[], None] | None = None

    def start(self) -> None:
        """The first start of the day backs up; a failed backup is reported, not fatal."""
        sdb = self._sdb_of()
        if sdb is None or self.starting is not None:
            return
        self.starting = ops.run_task(
            self._window, translate("AutoBackup", "正在自动备份…"),
            lambda control: backups.auto_backup(sdb, "start", progress=control.step),
            modal=False)
        self.starting.done.connect(self._started)

    def _started(self) -> None:
        self.starting = None
        if self._then is not None:  # the window was asked to close meanwhile
            self._back_up_on_close()

    def close_then(self, then: Callable[[], None]) -> None:
        """Back up on close (after the start-of-day backup, if it still runs), wait for the
        window's other background calls, then ``then()``; asked again meanwhile, nothing
        more happens (the bar shows the one running)."""
        if self._then is not None:
            return
        self._then = then
        if self.starting is not None:
            self.starting.dialog.show()  # (what the closing window waits for)
            return
        self._back_up_on_close()

    def _back_up_on_close(self) -> None:
        sdb = self._sdb_of()
        if sdb is None:
            self._when_idle()
            return
        self.closing = ops.run_task(
            self._window, translate("AutoBackup", "正在备份，完成后关闭…"),
            lambda control: backups.auto_backup(sdb, "close", progress=control.step),
            on_error=_close_backup_failed)
        self.closing.done.connect(lambda: QTimer.singleShot(0, self._when_idle))

    def _when_idle(self) -> None:
        """Once no call of the pool runs (a figure being counted uses the database)."""
        if QThreadPool.globalInstance().activeThreadCount() > 0:
            QTimer.singleShot(IDLE_POLL_MS, self._when_idle)
            return
        self.closing = None
        then, self._then = self._then, None
        if then is not None:
            then()


def _close_backup_failed(exc: BaseException) -> None:
    # (the window is going: the log says why; the start-of-day backup tells the person)
    log.warning("backup on close failed: %s", type(exc).__name__,
                exc_info=(type(exc), exc, exc.__traceback__))

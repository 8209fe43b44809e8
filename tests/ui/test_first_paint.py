"""Issue 26, point 3: the window's background work starts once its first page is painted.

The 工作台's figures, the status bar's, and what ``after_show`` starts (the idle lock, the
reminder, the upgrade notice, the day's first backup, the communities) wait for the
window's first paint, then all happen; a window closed before it painted starts none of
them and closes cleanly.
"""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from swdesk import paths
from swdesk.db import StationDatabase
from swdesk.model import Client
from swdesk.services import overview
from ui import ops
from ui.main_window import MainWindow
from ui.pages.dashboard import DashboardPage
from ui.shell.context import AppContext
from ui.shell.first_paint import FirstPaint


def _start_backups(sdb: StationDatabase) -> list[str]:
    return sorted(p.name for p in paths.backups_dir(sdb.data_dir).glob("auto-*-start.db"))


def _shown(qtbot: QtBot, sdb: StationDatabase, admin: AppContext) -> MainWindow:
    """The window shown as the program shows it, before any turn of the event loop."""
    window = MainWindow(sdb, admin)
    qtbot.addWidget(window)
    window.show()
    window.after_show()
    return window


def test_the_work_starts_after_the_first_paint_and_all_of_it_happens(
        qtbot: QtBot, sdb: StationDatabase, admin: AppContext) -> None:
    window = _shown(qtbot, sdb, admin)
    page = window.pages["dashboard"]
    assert isinstance(page, DashboardPage)
    # Nothing started yet: the window is built and shown, not yet painted.
    assert not window.first_paint.painted
    assert page.board is None and page.fetch._running is None
    assert window.backups.starting is None and not hasattr(window, "idle_lock")
    assert ops.running() >= 1  # (the held work counts: tests wait for it)
    qtbot.waitUntil(lambda: window.first_paint.painted)
    qtbot.waitUntil(lambda: ops.running() == 0, timeout=20_000)
    # … then all of it happened: the figures, the status bar, the idle lock, the backup.
    assert page.board is not None and page.isVisible()
    assert page.board.figures.get("clients", 0) == 0 == Client.select().count()
    assert overview.status_line().station_code in window.station_label.text()
    assert window.idle_lock is not None
    assert len(_start_backups(sdb)) == 1
    # The page works once shown: going elsewhere and back loads it again at once.
    window.go("settings")
    window.go("dashboard")
    assert page.fetch._running is not None or ops.running() > 0
    qtbot.waitUntil(lambda: ops.running() == 0)
    window.idle_lock.deleteLater()
    window.sdb = None


def test_closing_before_the_first_paint_starts_none_of_it(
        qtbot: QtBot, sdb: StationDatabase, admin: AppContext) -> None:
    window = _shown(qtbot, sdb, admin)
    window.close()  # before any event-loop turn: no paint yet
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=20_000)
    qtbot.waitUntil(lambda: ops.running() == 0)
    qtbot.wait(50)  # (a paint or a timer still queued would run here)
    assert window.sdb is None  # closed, after its closing backup
    assert not hasattr(window, "idle_lock") and _start_backups(sdb) == []
    page = window.pages["dashboard"]
    assert isinstance(page, DashboardPage) and page.board is None


def test_a_window_never_shown_holds_nothing(
        qtbot: QtBot, sdb: StationDatabase, admin: AppContext) -> None:
    window = MainWindow(sdb, admin)
    qtbot.addWidget(window)
    assert ops.running() == 0  # (tests that never show a window wait for nothing)
    done: list[int] = []
    window.first_paint.then(lambda: done.append(1))
    assert done == [] and ops.running() == 0
    window.show()
    qtbot.waitUntil(lambda: done == [1])
    window.first_paint.then(lambda: done.append(2))  # after the paint: at once
    assert done == [1, 2]
    assert isinstance(window.first_paint, FirstPaint)
    window.sdb = None

"""Issue 26: the GUI thread never waits on the database for the window's figures.

The status bar and the 工作台 get theirs through ``ops.Fetch``: on a pool thread, no
dialog, nothing modal, and a result overtaken by a newer request is dropped.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget
from pytestqt.qtbot import QtBot

from swdesk import demo
from swdesk.db import StationDatabase
from swdesk.model import Client, database
from swdesk.services import crud, journal, overview
from swdesk.services import dashboard as dashboard_service
from swdesk.services.actor import SYSTEM
from ui import ops
from ui.main_window import MainWindow
from ui.pages.dashboard import DashboardPage
from ui.pages.settings import SettingsPage
from ui.shell.context import AppContext

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing)")
BIG_TABLES = re.compile(r'"?(change_log|client|service_record|service_participant|case|'
                        r'volunteer_hour|project|training_record)"?\b')


@pytest.fixture
def gui_sql(monkeypatch: pytest.MonkeyPatch, sdb: StationDatabase) -> Iterator[list[str]]:
    """Every statement the GUI thread runs on a station table that grows with the data."""
    seen: list[str] = []
    cls = type(database.obj)
    original = cls.execute_sql

    def recording(self: Any, sql: str, *args: Any, **kwargs: Any) -> Any:
        if threading.current_thread() is threading.main_thread() and BIG_TABLES.search(sql):
            seen.append(sql)
        return original(self, sql, *args, **kwargs)

    monkeypatch.setattr(cls, "execute_sql", recording)
    yield seen


def test_window_figures_come_without_a_query_on_the_gui_thread(
        qtbot: QtBot, sdb: StationDatabase, admin: AppContext, gui_sql: list[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    demo.generate(30, 200, seed=3)
    threads: list[bool] = []
    counted = journal.pending_changes

    def pending() -> int:
        threads.append(threading.current_thread() is threading.main_thread())
        return counted()

    monkeypatch.setattr(journal, "pending_changes", pending)
    gui_sql.clear()  # (the data above were made on this thread)
    window = MainWindow(sdb, admin)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: ops.running() == 0)
    assert gui_sql == []
    page = window.pages["dashboard"]
    assert isinstance(page, DashboardPage)
    expected = f"{counted():,}"
    gui_sql.clear()  # (the line above read on this thread)
    assert window.pending_label.text() == f"待同步变更：{expected} 条"
    assert "嘉莲街道社工站" in window.station_label.text()
    assert page.pending_card.value.text() == expected
    window._status_timer.timeout.emit()  # the 30-second refresh
    page.page_shown()  # the 工作台 shown again
    qtbot.waitUntil(lambda: ops.running() == 0)
    assert threads and not any(threads), "pending changes read on the GUI thread"
    assert gui_sql == []
    window.sdb = None


def test_dashboard_loads_without_a_dialog_and_the_window_stays_usable(
        qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    release = threading.Event()
    real = dashboard_service.dashboard

    def slow(month: Any = None) -> dashboard_service.Dashboard:
        release.wait(10)
        return real(month)

    monkeypatch.setattr(dashboard_service, "dashboard", slow)
    page = window.pages["dashboard"]
    assert isinstance(page, DashboardPage)
    page.load()
    qtbot.wait(700)  # longer than a progress dialog's delay
    assert QApplication.activeModalWidget() is None
    assert not [d for d in window.findChildren(QProgressDialog) if d.isVisible()]
    window.rail.setCurrentRow(1)  # the rail still answers while the figures are counted
    assert window.current_key() != "dashboard"
    release.set()
    qtbot.waitUntil(lambda: ops.running() == 0)
    assert "工作台 ·" in page.title.text()


def test_a_stale_result_is_dropped(qtbot: QtBot, sdb: StationDatabase) -> None:
    owner = QWidget()
    qtbot.addWidget(owner)
    delivered: list[str] = []
    fetch = ops.Fetch(owner, delivered.append)
    release = threading.Event()

    def old() -> str:
        release.wait(10)
        return "old"

    fetch.request(old)
    fetch.request(lambda: "new")  # asked while the old one still runs
    qtbot.wait(50)
    release.set()
    qtbot.waitUntil(lambda: ops.running() == 0)
    assert delivered == ["new"]


def test_the_status_bar_shows_the_newest_count(qtbot: QtBot, window: MainWindow,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    release = threading.Event()
    counted = journal.pending_changes
    calls = 0

    def pending() -> int:
        nonlocal calls
        calls += 1
        if calls == 1:
            figure = counted()  # read before the change below
            release.wait(10)
            return figure
        return counted()

    monkeypatch.setattr(journal, "pending_changes", pending)
    window.refresh_status()
    qtbot.wait(50)
    crud.create(Client, {"name": "张晓明"}, SYSTEM)
    window.refresh_status()  # what a save asks for (ctx.data_changed)
    release.set()
    qtbot.waitUntil(lambda: ops.running() == 0)
    assert window.pending_label.text() == f"待同步变更：{counted():,} 条"
    assert calls == 2


def test_a_failed_status_read_keeps_the_window_quiet(
        qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    before = window.pending_label.text()

    def broken() -> int:
        raise OSError("disk gone")

    monkeypatch.setattr(journal, "pending_changes", broken)
    window.refresh_status()
    qtbot.waitUntil(lambda: ops.running() == 0)
    assert window.pending_label.text() == before
    assert QApplication.activeModalWidget() is None
    assert "background figures failed" in caplog.text


def test_settings_counts_come_from_the_background(
        qtbot: QtBot, sdb: StationDatabase, admin: AppContext, gui_sql: list[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    demo.generate(30, 200, seed=3)
    counted = overview.station_counts
    real = counted()
    threads: list[bool] = []
    release = threading.Event()

    def counting() -> overview.StationCounts:
        threads.append(threading.current_thread() is threading.main_thread())
        release.wait(10)
        return counted()

    monkeypatch.setattr(overview, "station_counts", counting)
    gui_sql.clear()  # (the data above were made on this thread)
    page = SettingsPage(admin)
    qtbot.addWidget(page)
    page.show()
    assert page.clients_label.text() == "…" and page.records_label.text() == "…"
    release.set()
    qtbot.waitUntil(lambda: ops.running() == 0)
    assert page.clients_label.text() == f"{real.clients:,} 人"
    assert page.records_label.text() == f"{real.records:,} 条"
    page.page_shown()  # shown again: counted again, off the GUI thread too
    qtbot.waitUntil(lambda: ops.running() == 0)
    assert threads and not any(threads), "the 设置 counts were read on the GUI thread"
    assert gui_sql == []

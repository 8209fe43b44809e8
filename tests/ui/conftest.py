"""Window fixtures: a signed-in administrator on a fresh station, and helpers to answer boxes."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from swdesk.db import StationDatabase
from swdesk.handle import StationHandle
from swdesk.services import accounts
from swdesk.services.actor import SYSTEM
from tests.ui.contrast import dark_palette
from ui import ops
from ui.app import prepare
from ui.main_window import MainWindow
from ui.shell.context import AppContext
from ui.translations import apply_language

PASSWORD = "Jialian#2024"
CLOSE_WAIT_S = 30  # for a window's closing backup at the end of a test


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_teardown(item: pytest.Item) -> Iterator[None]:
    """A main window still holding its database closes as a person closes it: the closing
    backup runs off the GUI thread while the window waits. That is waited for here,
    before pytest-qt closes and deletes the test's widgets."""
    for ref, _before in getattr(item, "qt_widgets", []):
        window = ref()
        if isinstance(window, MainWindow) and window.sdb is not None:
            window.close()
            deadline = time.monotonic() + CLOSE_WAIT_S
            while window.sdb is not None and time.monotonic() < deadline:
                QApplication.processEvents()
                time.sleep(0.005)
    return (yield)


@pytest.fixture(autouse=True)
def _qt_app(qapp: QApplication) -> Iterator[None]:
    prepare(qapp)
    apply_language("zh")
    yield
    apply_language("zh")


@pytest.fixture
def dark_system(qapp: QApplication) -> Iterator[None]:
    """The system hands Qt a dark palette before swdesk starts (Fusion: offscreen has no
    windows11 style), then the program prepares itself as it does at every start."""
    style = qapp.style().name()
    qapp.setStyle("Fusion")
    qapp.setPalette(dark_palette())
    prepare(qapp)
    yield
    qapp.setStyle(style)
    prepare(qapp)


@pytest.fixture
def admin(sdb: StationDatabase) -> AppContext:
    accounts.create_user("admin", "王站长", PASSWORD, "admin", SYSTEM)
    actor = accounts.authenticate("admin", PASSWORD)
    return AppContext(actor, sdb.data_dir, "王站长", station=StationHandle.of(sdb, actor))


@pytest.fixture
def window(qtbot: QtBot, sdb: StationDatabase, admin: AppContext) -> Iterator[MainWindow]:
    win = MainWindow(sdb, admin)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: ops.running() == 0)
    yield win
    qtbot.waitUntil(lambda: ops.running() == 0, timeout=20_000)  # (a closing backup)
    win.sdb = None  # the sdb fixture closes the database itself

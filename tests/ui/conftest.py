"""Window fixtures: a signed-in administrator on a fresh station, and helpers to answer boxes."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from swdesk.db import StationDatabase
from swdesk.services import accounts
from swdesk.services.actor import SYSTEM
from tests.ui.contrast import dark_palette
from ui import ops
from ui.app import prepare
from ui.main_window import MainWindow
from ui.shell.context import AppContext
from ui.translations import apply_language

PASSWORD = "Jialian#2024"


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
    return AppContext(accounts.authenticate("admin", PASSWORD), sdb.data_dir, "王站长")


@pytest.fixture
def window(qtbot: QtBot, sdb: StationDatabase, admin: AppContext) -> Iterator[MainWindow]:
    win = MainWindow(sdb, admin)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: ops.running() == 0)
    yield win
    qtbot.waitUntil(lambda: ops.running() == 0)
    win.sdb = None  # the sdb fixture closes the database itself

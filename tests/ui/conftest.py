"""Window fixtures: a signed-in administrator on a fresh station, and helpers to answer boxes."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from swdesk.db import StationDatabase
from swdesk.services import accounts
from swdesk.services.actor import SYSTEM
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


def answer_box(qtbot: QtBot, button_text: str) -> list[str]:
    """Click ``button_text`` on the next message box that opens; returns the texts seen."""
    seen: list[str] = []

    def click() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, click)
            return
        seen.append(box.text())
        for button in box.buttons():
            if button.text() == button_text:
                button.click()
                return
        raise AssertionError(f"no button {button_text!r} in {[b.text() for b in box.buttons()]}")

    QTimer.singleShot(0, click)
    return seen


def find(widget: QWidget, kind: type, name: str) -> QWidget:
    found = widget.findChild(kind, name)
    assert found is not None, f"no {kind.__name__} named {name}"
    return found


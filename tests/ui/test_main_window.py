"""The main window: every rail page opens, the status bar says who, where and what is unsent."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from swdesk.model import Client
from swdesk.services import crud
from swdesk.services.actor import SYSTEM
from ui import ops
from ui.main_window import MainWindow
from ui.shell import registry


def test_status_bar_names_user_station_and_pending_changes(window: MainWindow) -> None:
    assert "王站长" in window.user_label.text()
    assert "嘉莲街道社工站" in window.station_label.text()
    assert "XM-SM-001" in window.station_label.text()
    assert "待同步变更" in window.pending_label.text()


def test_status_bar_counts_a_new_change(qtbot: QtBot, window: MainWindow) -> None:
    before = window.pending_label.text()
    crud.create(Client, {"name": "张晓明"}, SYSTEM)
    window.refresh_status()  # read in the background
    qtbot.waitUntil(lambda: window.pending_label.text() != before)


def test_a_new_language_retells_the_status_bar_once(qtbot: QtBot, window: MainWindow) -> None:
    window.change_language("en")
    qtbot.waitUntil(lambda: ops.running() == 0)
    shown = [label.text() for label in window.statusBar().findChildren(QLabel)
             if label.isVisible()]
    assert len(shown) == 3 and shown[0].startswith("User:"), shown
    assert window.pending_label.text().startswith("Unsynced changes:")


def test_every_rail_page_opens(qtbot: QtBot, window: MainWindow) -> None:
    keys = [p.key for p in registry.pages()]
    for key in ("dashboard", "client", "case", "service_record", "volunteer", "partner",
                "project", "worker", "settings"):
        assert key in keys
    for n in range(window.rail.count()):
        window.rail.setCurrentRow(n)
        qtbot.waitUntil(lambda: ops.running() == 0)
        assert window.stack.currentWidget() is window.pages[window.current_key() or ""]
